#!/usr/bin/env bash
# make i18n: for every addon with an i18n/ folder, regenerate i18n/<addon>.pot from the addon
# and merge it into its fr.po (new strings come out untranslated, for a translator to fill in;
# `make lint` then fails until they are).
source "$(dirname "$0")/common.sh"
setup_start odoo venv postgres
setup_wait odoo venv postgres
apt_install gettext

db=interaction_log_i18n_$$
cleanup() { dropdb --if-exists "$db" >/dev/null 2>&1 || true; rm -f "$RUN_DIR/$db.conf"; }
trap cleanup EXIT
conf=$(write_odoo_conf "$db")
echo "log_level = warn" >>"$conf"
export PYTHONWARNINGS=${PYTHONWARNINGS:-ignore::DeprecationWarning}
mapfile -t i18n_addons < <(addons_with i18n)
[ ${#i18n_addons[@]} -gt 0 ] || { say "No addon has an i18n/ folder"; exit 0; }
odoo -c "$conf" -d "$db" -i "$(repo_addons | paste -sd, -)" --stop-after-init --log-level=warn
# Without --output, Odoo writes each addon's template into the addon's own i18n/ folder.
odoo i18n export -c "$conf" -d "$db" "${i18n_addons[@]}"
for addon in "${i18n_addons[@]}"; do
    i18n=$REPO_ROOT/$addon/i18n
    if [ -f "$i18n/fr.po" ]; then
        msgmerge --quiet --no-fuzzy-matching --update --backup=none "$i18n/fr.po" "$i18n/$addon.pot"
    else
        msginit --no-translator --locale=fr --input="$i18n/$addon.pot" --output-file="$i18n/fr.po"
    fi
    printf '%s: ' "$addon" && msgfmt --check --statistics -o /dev/null "$i18n/fr.po"
done
