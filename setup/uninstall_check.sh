#!/usr/bin/env bash
# Uninstall interaction_log from a copy of a database with Odoo's own
# odoo/tests/test_module_operations.py (what Odoo's runbot runs), check that nothing of the
# module is left (no table or column of its fields, no record it created: cron, server action,
# views, menus, groups, rules...; no class of it in the registry: the mail and document hooks),
# then reinstall it and check that it logs again. The given database is left untouched.
# Usage: bash setup/uninstall_check.sh DATABASE ODOO_CONF   (a database with interaction_log
# installed, and the Odoo configuration file that serves it)
source "$(dirname "$0")/common.sh"
[ $# -eq 2 ] || die "Usage: bash setup/uninstall_check.sh DATABASE ODOO_CONF"
source_db=$1 conf=$2
[ -r "$conf" ] || die "Cannot read the Odoo configuration $conf"
module=interaction_log

# Odoo's script takes no configuration file: its addons path and data directory are passed
# on, and its connection through the PG* variables, which libpq reads.
eval "$("$VENV/bin/python" - "$conf" <<'PY'
import configparser
import shlex
import sys

options = configparser.ConfigParser(interpolation=None)
options.read(sys.argv[1])
section = options["options"] if options.has_section("options") else {}
for key, variable in [("addons_path", "ADDONS_PATH"), ("data_dir", "DATA_DIR"),
                      ("db_host", "PGHOST"), ("db_port", "PGPORT"),
                      ("db_user", "PGUSER"), ("db_password", "PGPASSWORD")]:
    value = section.get(key, "")
    if value and value != "False":
        print(f"export {variable}={shlex.quote(value)}")
PY
)"
[ -n "${ADDONS_PATH:-}" ] || die "$conf has no addons_path"
data_dir=${DATA_DIR:-$HOME/.local/share/Odoo}
psql -X -q -d "$source_db" -tAc "select 1 from ir_module_module where name = '$module' and state = 'installed'" \
    | grep -q 1 || die "$module is not installed in $source_db"

db=${source_db}_uninstall
footprint=$RUN_DIR/$db.footprint.json
cleanup() {
    dropdb --if-exists "$db" >/dev/null 2>&1 || true
    rm -rf "$data_dir/filestore/$db" "$footprint"
}
trap cleanup EXIT
cleanup
createdb -T "$source_db" "$db" || die "Could not copy $source_db (is a server still connected to it?)"
[ -d "$data_dir/filestore/$source_db" ] && cp -a "$data_dir/filestore/$source_db" "$data_dir/filestore/$db"

# capture: what the module owns and no other module shares (tables of its models, columns and
# many2many tables of its stored fields, on other modules' tables too, every record it created:
# its cron and server action among them), written to $footprint. check: what of it is left,
# what still carries its name, and which registry classes still come from it.
inspect() {
    PYTHONPATH=$ODOO_SRC "$VENV/bin/python" - "$conf" "$db" "$footprint" "$1" <<'PY'
import json
import sys

from odoo import api
from odoo.modules.registry import Registry
from odoo.tools import SQL, config

conf, db, footprint, mode = sys.argv[1:]
config.parse_config(["-c", conf, "-d", db, "--log-level=warn"])
MODULE = "interaction_log"
with Registry(db).cursor() as cr:
    env = api.Environment(cr, api.SUPERUSER_ID, {})
    if mode == "capture":
        cr.execute(
            """
            SELECT data.model, array_agg(data.res_id) FROM ir_model_data data
             WHERE data.module = %s AND NOT EXISTS (
                   SELECT 1 FROM ir_model_data other
                    WHERE other.model = data.model AND other.res_id = data.res_id
                      AND other.module <> %s)
             GROUP BY data.model
            """,
            [MODULE, MODULE],
        )
        owned = dict(cr.fetchall())
        models = [env[model.model] for model in env["ir.model"].browse(owned.get("ir.model", []))]
        tables = [model._table for model in models if model._auto]
        columns = []
        for field in env["ir.model.fields"].browse(owned.get("ir.model.fields", [])):
            if field.store and field.ttype == "many2many":
                tables.append(field.relation_table)
            elif field.store and field.ttype != "one2many" and env[field.model]._auto:
                columns.append((env[field.model]._table, field.name))
        records = {
            env[model]._table: ids for model, ids in owned.items() if model in env
        }
        json.dump({"tables": tables, "columns": columns, "records": records}, open(footprint, "w"))
        print(
            f"{len(tables)} tables, {len(columns)} columns, "
            f"{sum(map(len, records.values()))} records ({', '.join(sorted(owned))})"
        )
        sys.exit(0)

    owned = json.load(open(footprint))
    left = []
    for table in owned["tables"]:
        cr.execute("SELECT to_regclass(%s)", [table])
        if cr.fetchone()[0]:
            left.append(f"table {table}")
    for table, column in owned["columns"]:
        cr.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema"
            " AND table_name = %s AND column_name = %s",
            [table, column],
        )
        if cr.rowcount:
            left.append(f"column {table}.{column}")
    for table, ids in owned["records"].items():
        cr.execute("SELECT to_regclass(%s)", [table])
        if cr.fetchone()[0]:
            cr.execute(SQL("SELECT id FROM %s WHERE id = ANY(%s)", SQL.identifier(table), ids))
            left += [f"record {table} {row[0]}" for row in cr.fetchall()]
    cr.execute(
        """
        SELECT 'table ' || table_name FROM information_schema.tables
         WHERE table_schema = current_schema AND table_name LIKE 'interaction%%'
        UNION ALL
        SELECT 'column ' || table_name || '.' || column_name FROM information_schema.columns
         WHERE table_schema = current_schema AND column_name LIKE 'interaction%%'
        UNION ALL
        SELECT 'external ids of the module: ' || count(*) FROM ir_model_data
         WHERE module = %s HAVING count(*) > 0
        UNION ALL
        SELECT 'parameter ' || key FROM ir_config_parameter WHERE key LIKE %s
        UNION ALL
        SELECT 'function ' || proname FROM pg_proc
         WHERE pronamespace = current_schema::regnamespace AND proname LIKE 'interaction%%'
        UNION ALL
        SELECT 'trigger ' || tgname FROM pg_trigger WHERE tgname LIKE 'interaction%%'
        """,
        [MODULE, f"{MODULE}%"],
    )
    left += [row[0] for row in cr.fetchall()]
    # The overrides (mail.thread's post hook, the send and merge wizards...) are registry
    # classes: none may still come from the module.
    left += sorted(
        f"class {cls.__module__}.{cls.__name__} in {name}"
        for name, model in env.registry.items()
        for cls in model.__mro__
        if cls.__module__.startswith(f"odoo.addons.{MODULE}.")
    )
    for item in left:
        print(f"  left behind: {item}")
    sys.exit(1 if left else 0)
PY
}

counts=$(inspect capture) || die "Could not read what $module owns in $db"
say "Uninstalling $module from a copy of $source_db with Odoo's test_module_operations.py: $counts"
# Odoo's script logs every step at INFO: kept in a file, shown when it fails.
operations_log=$RUN_DIR/$db.operations.log
PYTHONPATH=$ODOO_SRC "$VENV/bin/python" "$ODOO_SRC/odoo/tests/test_module_operations.py" \
    --database "$db" --addons-path "$ADDONS_PATH" --data-dir "$data_dir" \
    uninstall "$module" --no-reinstall >"$operations_log" 2>&1 \
    || { tail -n 40 "$operations_log"; die "Odoo's test_module_operations.py could not uninstall $module"; }
rm -f "$operations_log"
[ "$(psql -X -d "$db" -tAc "select state from ir_module_module where name = '$module'")" = uninstalled ] \
    || die "$module is not uninstalled"
inspect check || die "Uninstalling $module left the things above behind"
say "Nothing of $module left after the uninstall; reinstalling it"

odoo -c "$conf" -d "$db" -i "$module" --stop-after-init --log-level=warn \
    || die "Reinstalling $module after its uninstall failed"
PYTHONPATH=$ODOO_SRC "$VENV/bin/python" - "$conf" "$db" <<'PY' || die "$module does not work after its reinstall"
import sys

from odoo import api
from odoo.modules.registry import Registry
from odoo.tools import config

config.parse_config(["-c", sys.argv[1], "-d", sys.argv[2], "--log-level=warn"])
with Registry(sys.argv[2]).cursor() as cr:
    env = api.Environment(cr, api.SUPERUSER_ID, {})
    assert env.ref("interaction_log.ir_cron_purge_canceled_interactions").active
    partner = env["res.partner"].create({"name": "Reinstalled"})
    template = env.ref("interaction_log.interaction_template_letter")
    env["interaction.log.entry"].create({"partner_id": partner.id, "template_id": template.id})
    assert partner.interaction_count == 1, partner.interaction_count
    cr.rollback()
PY
say "Uninstall check passed: nothing left behind; $module reinstalls and logs again"
