#!/usr/bin/env bash
# make run: set up everything, then serve Odoo with interaction_log and its demo data at
# http://localhost:8069 (admin / admin), in the database interaction_log_demo (kept between runs).
source "$(dirname "$0")/common.sh"
bash "$REPO_ROOT/setup/odoo.sh"
bash "$REPO_ROOT/setup/venv.sh"
bash "$REPO_ROOT/setup/postgres.sh"
# Printing produces real PDFs with Debian's wkhtmltopdf.
command -v wkhtmltopdf >/dev/null || apt_install wkhtmltopdf

db=${DB:-interaction_log_demo}
conf=$(write_odoo_conf "$db")
printf 'http_port = %s\n' "${PORT:-8069}" >>"$conf"
export PYTHONWARNINGS=${PYTHONWARNINGS:-ignore::DeprecationWarning}
if psql -X -d "$db" -tAc "select 1 from ir_module_module where name = 'interaction_log' and state = 'installed'" 2>/dev/null | grep -q 1; then
    say "Reusing database $db (updating interaction_log)"
    odoo -c "$conf" -d "$db" -u interaction_log --stop-after-init --log-level=warn
else
    say "Installing interaction_log with demo data in database $db"
    odoo -c "$conf" -d "$db" -i interaction_log --with-demo --stop-after-init --log-level=warn
fi
say "Serving http://localhost:${PORT:-8069} (login admin / password admin); Ctrl+C stops"
exec env PYTHONPATH="$ODOO_SRC" "$VENV/bin/python" -m odoo -c "$conf" -d "$db"
