#!/usr/bin/env bash
# make i18n: regenerate i18n/interaction_log.pot from the module and merge it into fr.po
# (new strings come out untranslated, for a translator to fill in; `make lint` then fails
# until they are).
source "$(dirname "$0")/common.sh"
bash "$REPO_ROOT/setup/odoo.sh"
bash "$REPO_ROOT/setup/venv.sh"
bash "$REPO_ROOT/setup/postgres.sh"
apt_install gettext

db=interaction_log_i18n_$$
cleanup() { dropdb --if-exists "$db" >/dev/null 2>&1 || true; rm -f "$RUN_DIR/$db.conf"; }
trap cleanup EXIT
conf=$(write_odoo_conf "$db")
export PYTHONWARNINGS=${PYTHONWARNINGS:-ignore::DeprecationWarning}
odoo -c "$conf" -d "$db" -i interaction_log --stop-after-init --log-level=warn
i18n=$REPO_ROOT/interaction_log/i18n
odoo i18n export -c "$conf" -d "$db" -o "$i18n/interaction_log.pot" interaction_log
if [ -f "$i18n/fr.po" ]; then
    msgmerge --quiet --no-fuzzy-matching --update --backup=none "$i18n/fr.po" "$i18n/interaction_log.pot"
else
    msginit --no-translator --locale=fr --input="$i18n/interaction_log.pot" --output-file="$i18n/fr.po"
fi
msgfmt --check --statistics -o /dev/null "$i18n/fr.po"
