#!/usr/bin/env bash
# make test: set up everything, install interaction_log in a throw-away database, run all of
# its tests with pytest-odoo (browser tours included), drop the database.
source "$(dirname "$0")/common.sh"
bash "$REPO_ROOT/setup/odoo.sh"
bash "$REPO_ROOT/setup/venv.sh"
bash "$REPO_ROOT/setup/postgres.sh"
bash "$REPO_ROOT/setup/browser.sh"

db=interaction_log_test_$$
cleanup() {
    for name in "$db" "${db}_bench" "${db}_live"; do
        dropdb --if-exists "$name" >/dev/null 2>&1 || true
        rm -rf "$RUN_DIR/$name.conf" "$RUN_DIR/filestore/filestore/$name"
    done
}
trap cleanup EXIT
conf=$(write_odoo_conf "$db")
port=$("$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'http_port = %s\nhttp_interface = 127.0.0.1\n' "$port" >>"$conf"

export PYTHONWARNINGS=${PYTHONWARNINGS:-ignore::DeprecationWarning}
# The module's dependencies (sale, account...) take a minute to install and never change
# between runs: they are installed once into a template database, keyed on the Odoo tree and
# the dependency list, that each run copies (with its filestore) in a second.
deps=$("$VENV/bin/python" -c 'import ast, sys; print(",".join(ast.literal_eval(open(sys.argv[1]).read())["depends"]))' \
    "$REPO_ROOT/interaction_log/__manifest__.py")
key=$({ echo "$ODOO_SRC $deps"; sha256sum "$ODOO_SRC/odoo/release.py"; } | sha256sum | cut -c1-12)
base=interaction_log_base_$key
filestore=$RUN_DIR/filestore/filestore
if ! psql -X -d "$base" -c 'select 1' >/dev/null 2>&1; then
    say "Installing the dependencies ($deps, with demo data) once into the template database $base"
    dropdb --if-exists "$base.tmp"
    base_conf=$(write_odoo_conf "$base.tmp")
    odoo -c "$base_conf" -d "$base.tmp" -i "$deps" --with-demo --stop-after-init --log-level=warn \
        || die "Installing Odoo's $deps failed"
    rm -rf "$filestore/$base" "$base_conf"
    [ -d "$filestore/$base.tmp" ] && mv "$filestore/$base.tmp" "$filestore/$base"
    psql -X -q -d postgres -c "ALTER DATABASE \"$base.tmp\" RENAME TO \"$base\""
fi
createdb -T "$base" "$db"
[ -d "$filestore/$base" ] && cp -a "$filestore/$base" "$filestore/$db"
say "Installing interaction_log (with demo data) in $db"
odoo -c "$conf" -d "$db" -i interaction_log --with-demo --stop-after-init --log-level=warn \
    || die "Installing interaction_log failed"
# Odoo installs a module whose demo data fails without it, and says so only in a warning.
demo_failures=$(psql -X -d "$db" -tAc "select count(*) from ir_demo_failure")
[ "$demo_failures" = 0 ] || die "The demo data failed to load ($demo_failures failures): see the warnings above."

say "Checking that i18n/interaction_log.pot lists every string of the module"
fresh_pot=$RUN_DIR/$db.pot
odoo i18n export -c "$conf" -d "$db" -o "$fresh_pot" interaction_log >/dev/null 2>&1
"$VENV/bin/python" - "$fresh_pot" "$REPO_ROOT/interaction_log/i18n/interaction_log.pot" <<'PY' || die "The translation template is out of date: run 'make i18n', translate the new strings in i18n/fr.po, and commit both."
import sys

import polib

fresh, committed = ({entry.msgid for entry in polib.pofile(path)} for path in sys.argv[1:])
for msgid in sorted(fresh - committed):
    print(f"  new string: {msgid!r}")
for msgid in sorted(committed - fresh):
    print(f"  gone string: {msgid!r}")
sys.exit(fresh != committed)
PY
rm -f "$fresh_pot"

say "Smoke run of the benchmark script (tiny sizes; make bench runs the real ones)"
createdb -T "$db" "${db}_bench"
bench_conf=$(write_odoo_conf "${db}_bench")
PYTHONPATH=$ODOO_SRC "$VENV/bin/python" "$REPO_ROOT/bench/bench.py" --config "$bench_conf" \
    --database "${db}_bench" --contacts 40 --companies 4 --entries 400 --segment 40 --purge 40 \
    --runs 1 --output "$RUN_DIR/bench_smoke.md" >"$RUN_DIR/bench_smoke.log" 2>&1 \
    || { tail -n 30 "$RUN_DIR/bench_smoke.log"; die "The benchmark script failed on tiny sizes"; }
grep -c '^| [0-9]' "$RUN_DIR/bench_smoke.md" | grep -qx 13 || die "The benchmark smoke run did not measure all 13 rows: see $RUN_DIR/bench_smoke.md"
dropdb "${db}_bench"

say "Against a real server: two workers and two clients at once, a purge killed half-way (live_tests/)"
createdb -T "$db" "${db}_live"
[ -d "$filestore/$db" ] && cp -a "$filestore/$db" "$filestore/${db}_live"
live_conf=$(write_odoo_conf "${db}_live")
INTERACTION_LOG_LIVE_DB=${db}_live INTERACTION_LOG_LIVE_CONF=$live_conf ODOO_PYTHON=$VENV/bin/python \
    ODOO_BIN=$(odoo_bin) PYTHONPATH=$ODOO_SRC:$REPO_ROOT/setup "$VENV/bin/python" -m pytest -p no:odoo \
    -p pytest_no_skip -p no:cacheprovider -q "$REPO_ROOT/live_tests"
dropdb "${db}_live"

say "Uninstalling interaction_log from a copy of the test database, then reinstalling it"
bash "$REPO_ROOT/setup/uninstall_check.sh" "$db" "$conf"

say "Running the tests"
cd "$REPO_ROOT"
PYTHONPATH=$ODOO_SRC:$REPO_ROOT/setup "$VENV/bin/python" -m pytest -p pytest_no_skip \
    --odoo-database="$db" --odoo-config="$conf" --odoo-http --odoo-log-level=warn \
    -o cache_dir="$RUN_DIR/pytest_cache" interaction_log "$@"
