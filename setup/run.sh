#!/usr/bin/env bash
# make run: set up everything, then serve Odoo with the repository's addons and their demo data
# at http://localhost:8069 (admin / admin), in the database interaction_log_demo (kept between
# runs).
source "$(dirname "$0")/common.sh"
setup_start odoo venv postgres
setup_wait odoo venv postgres
# Printing produces real PDFs with Debian's wkhtmltopdf.
command -v wkhtmltopdf >/dev/null || apt_install wkhtmltopdf

db=${DB:-interaction_log_demo}
# Reachable from other machines, as Odoo's default is (the other scripts keep to 127.0.0.1).
conf=$(HTTP_INTERFACE=${HTTP_INTERFACE:-0.0.0.0} write_odoo_conf "$db")
printf 'http_port = %s\n' "${PORT:-8069}" >>"$conf"
export PYTHONWARNINGS=${PYTHONWARNINGS:-ignore::DeprecationWarning}
addons=$(runtime_addons)
installed=$(psql -X -d "$db" -tAc "select name from ir_module_module where state = 'installed'" 2>/dev/null || true)
to_install=() to_update=()
# The apps a user of these addons has, with their demo data: Sales (its menu), Invoicing, CRM,
# Calendar, Purchase and Inventory; the bridges come with them. Odoo's own apps are installed
# once, never updated.
for app in sale_management account crm calendar purchase stock; do
    grep -qx "$app" <<<"$installed" || to_install+=("$app")
done
for addon in $addons; do
    if grep -qx "$addon" <<<"$installed"; then to_update+=("$addon"); else to_install+=("$addon"); fi
done
args=()
[ ${#to_install[@]} -gt 0 ] && args+=(-i "$(IFS=,; echo "${to_install[*]}")" --with-demo)
[ ${#to_update[@]} -gt 0 ] && args+=(-u "$(IFS=,; echo "${to_update[*]}")")
say "Database $db: installing ${to_install[*]:-nothing}, updating ${to_update[*]:-nothing}"
odoo -c "$conf" -d "$db" "${args[@]}" --stop-after-init --log-level=warn
say "Serving http://localhost:${PORT:-8069} (login admin / password admin); Ctrl+C stops"
exec env PYTHONPATH="$ODOO_SRC" "$VENV/bin/python" -m odoo -c "$conf" -d "$db"
