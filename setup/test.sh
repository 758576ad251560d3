#!/usr/bin/env bash
# make test: set up everything, install every addon of the repository in a throw-away
# database, run all their tests with pytest-odoo (browser tours included), the tests against
# a real server (live_tests/), the benchmark smoke run and the wheel smoke test, drop what it
# made, and end on one line with the totals of every suite: `N passed, N failed`.
source "$(dirname "$0")/common.sh"

db=interaction_log_test_$$
results=$RUN_DIR/$db.results
mkdir -p "$results"
failed_steps=0
# A suite that fails does not stop the others: the run fails at the end.
suites_failed=0
finished=
summary() {
    "$VENV/bin/python" - "$results" "$failed_steps" "$suites_failed" <<'PY'
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

passed = failed = skipped = 0
for report in sorted(Path(sys.argv[1]).glob("*.xml")):
    for suite in ET.parse(report).getroot().iter("testsuite"):
        tests, skips = int(suite.get("tests", 0)), int(suite.get("skipped", 0))
        failures = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        passed += tests - failures - skips
        failed += failures
        skipped += skips
# A suite that failed without a report (pytest itself stopped) still counts once.
failed = max(failed, int(sys.argv[3] or 0)) + int(sys.argv[2])
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
PY
}
cleanup() {
    local status=$?
    for name in "$db" "${db}_bench" "${db}_live" "${db}_wheel"; do
        dropdb --if-exists "$name" >/dev/null 2>&1 || true
        rm -rf "$RUN_DIR/$name.conf" "$RUN_DIR/filestore/filestore/$name"
    done
    rm -rf "$RUN_DIR/$db.venv" "$RUN_DIR/$db.dist"
    # A step that stopped the run counts as one failure in the closing line.
    [ "$status" -ne 0 ] && [ -z "$finished" ] && failed_steps=1
    [ -x "$VENV/bin/python" ] && summary
    rm -rf "$results"
    exit "$status"
}
trap cleanup EXIT

# Chromium is needed only by the tours: it installs while the databases are prepared.
setup_start odoo venv postgres browser
setup_wait odoo venv postgres

copy_db() {  # copy_db SOURCE TARGET: the database and its filestore
    createdb -T "$1" "$2"
    [ -d "$filestore/$1" ] && cp -a "$filestore/$1" "$filestore/$2"
    return 0
}

conf=$(write_odoo_conf "$db")
port=$("$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'http_port = %s\n' "$port" >>"$conf"

addons=$(repo_addons | paste -sd, -)
# Warnings shown are ours to act on: these come from Python 3.11 deprecations inside the
# libraries at Odoo's pins (passlib, Babel) and from an import hook of Odoo's test loader.
pytest_args=(-p pytest_no_skip -p no:cacheprovider
    -W "ignore:'crypt' is deprecated:DeprecationWarning:passlib.utils"
    -W "ignore:'cgi' is deprecated:DeprecationWarning:babel.messages.catalog"
    -W "ignore:the load_module() method is deprecated:DeprecationWarning")
deps=$(external_depends)
filestore=$RUN_DIR/filestore/filestore
# The addons' dependencies in Odoo (contacts, sale...) take minutes to install and never
# change between runs: they are installed once into a template database, keyed on the Odoo
# tree and that list, that each run copies (with its filestore) in seconds. A lock keeps two
# runs from building it at once.
key=$({ echo "$ODOO_SRC $deps"; sha256sum "$ODOO_SRC/odoo/release.py"; } | sha256sum | cut -c1-12)
base=interaction_log_base_$key
db_exists() { psql -X -d postgres -tAc "select 1 from pg_database where datname = '$1'" | grep -q 1; }
(
    flock 9
    db_exists "$base" && exit 0
    say "Installing the dependencies ($deps, with demo data) once into the template database $base"
    dropdb --if-exists "$base.tmp"
    rm -rf "$filestore/$base.tmp"
    base_conf=$(write_odoo_conf "$base.tmp")
    # docutils reports the reStructuredText errors of the README of Odoo's own mail addon
    # when Odoo renders it: not ours to fix. (Ours are checked by setup/gen_readme.py.)
    ODOO_QUIET='<string>:[0-9]+: \((ERROR/3|WARNING/2)\) .*' \
        odoo -c "$base_conf" -d "$base.tmp" -i "$deps" --with-demo --stop-after-init --log-level=warn \
        || die "Installing Odoo's $deps failed"
    rm -rf "$filestore/$base" "$base_conf"
    [ -d "$filestore/$base.tmp" ] && mv "$filestore/$base.tmp" "$filestore/$base"
    psql -X -q -d postgres -c "ALTER DATABASE \"$base.tmp\" RENAME TO \"$base\""
) 9>"$RUN_DIR/$base.lock"

copy_db "$base" "$db"
say "Installing $addons (with demo data) in $db"
odoo -c "$conf" -d "$db" -i "$addons" --with-demo --stop-after-init --log-level=warn \
    || die "Installing $addons failed"
# Odoo installs an addon whose demo data fails without it, and says so only in a warning.
demo_failures=$(psql -X -d "$db" -tAc "select count(*) from ir_demo_failure")
[ "$demo_failures" = 0 ] || die "The demo data failed to load ($demo_failures failures): see the warnings above."

i18n_addons=$(addons_with i18n)
say "Checking that each addon's i18n/<addon>.pot lists every string of the addon ($(echo $i18n_addons))"
PYTHONPATH=$ODOO_SRC "$VENV/bin/python" - "$conf" "$db" "$REPO_ROOT" $i18n_addons <<'PY' \
    || die "A translation template is out of date: run 'make i18n', translate the new strings in i18n/fr.po, and commit both."
import io
import sys
from pathlib import Path

import polib

import odoo
from odoo.modules.registry import Registry
from odoo.tools import config
from odoo.tools.translate import trans_export

conf, db, root, addons = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4:]
config.parse_config(["-c", conf, "-d", db, "--log-level=warn"])
stale = False
with Registry(db).cursor() as cr:
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
    for addon in addons:
        buffer = io.BytesIO()
        trans_export(None, [addon], buffer, "po", env)
        fresh = {entry.msgid for entry in polib.pofile(buffer.getvalue().decode())}
        committed_pot = root / addon / "i18n" / f"{addon}.pot"
        committed = (
            {entry.msgid for entry in polib.pofile(str(committed_pot))}
            if committed_pot.exists()
            else set()
        )
        for msgid in sorted(fresh - committed):
            print(f"  {addon}: new string: {msgid!r}")
        for msgid in sorted(committed - fresh):
            print(f"  {addon}: gone string: {msgid!r}")
        stale |= fresh != committed
sys.exit(stale)
PY

setup_wait browser
say "Running the tests of every addon"
test_dirs=$(addons_with tests | sed 's|$|/tests|')
cd "$REPO_ROOT"
# shellcheck disable=SC2086
PYTHONPATH=$ODOO_SRC:$REPO_ROOT/setup "$VENV/bin/python" -m pytest "${pytest_args[@]}" \
    --rootdir="$REPO_ROOT" --odoo-database="$db" --odoo-config="$conf" --odoo-http --odoo-log-level=warn \
    --junitxml="$results/odoo.xml" $test_dirs "$@" \
    || suites_failed=$((suites_failed + 1))

say "Against a real server: every test of live_tests/"
copy_db "$db" "${db}_live"
live_conf=$(write_odoo_conf "${db}_live")
INTERACTION_LOG_LIVE_DB=${db}_live INTERACTION_LOG_LIVE_CONF=$live_conf ODOO_PYTHON=$VENV/bin/python \
    ODOO_BIN=$(odoo_bin) PYTHONPATH=$ODOO_SRC:$REPO_ROOT/setup "$VENV/bin/python" -m pytest -p no:odoo \
    "${pytest_args[@]}" -q --junitxml="$results/live.xml" "$REPO_ROOT/live_tests" \
    || suites_failed=$((suites_failed + 1))
dropdb "${db}_live"

say "Uninstalling interaction_log from a copy of the test database, then reinstalling it"
# One test in the closing line: Odoo's test_module_operations.py, then nothing of the module
# left, then a reinstall that logs again.
if bash "$REPO_ROOT/setup/uninstall_check.sh" "$db" "$conf"; then
    uninstall_failures=0
else
    uninstall_failures=1
    suites_failed=$((suites_failed + 1))
fi
printf '<testsuite name="uninstall" tests="1" failures="%s" errors="0" skipped="0"/>\n' \
    "$uninstall_failures" >"$results/uninstall.xml"

say "Under load: 4 users for 30 seconds with Locust, then the checker (make load runs the real one)"
# One test in the closing line: what the clients saw succeed is in the database exactly once.
if bash "$REPO_ROOT/setup/load.sh" --from "$db" --smoke >"$RUN_DIR/$db.load.log" 2>&1; then
    load_failures=0
else
    tail -n 40 "$RUN_DIR/$db.load.log"
    load_failures=1
    suites_failed=$((suites_failed + 1))
fi
printf '<testsuite name="load" tests="1" failures="%s" errors="0" skipped="0"/>\n' \
    "$load_failures" >"$results/load.xml"

say "Smoke run of the benchmark script (tiny sizes; make bench runs the real ones)"
createdb -T "$db" "${db}_bench"
bench_conf=$(write_odoo_conf "${db}_bench")
PYTHONPATH=$ODOO_SRC "$VENV/bin/python" "$REPO_ROOT/bench/bench.py" --config "$bench_conf" \
    --database "${db}_bench" --contacts 40 --companies 4 --entries 400 --segment 40 --purge 40 \
    --runs 1 --output "$RUN_DIR/bench_smoke.md" >"$RUN_DIR/bench_smoke.log" 2>&1 \
    || { tail -n 30 "$RUN_DIR/bench_smoke.log"; die "The benchmark script failed on tiny sizes"; }
grep -c '^| [0-9]' "$RUN_DIR/bench_smoke.md" | grep -qx 19 || die "The benchmark smoke run did not measure all 19 rows: see $RUN_DIR/bench_smoke.md"
dropdb "${db}_bench"

say "The wheels: built, installed with pip --no-deps into a throw-away virtualenv, interaction_log installed by an Odoo without this repository in its addons path"
bash "$REPO_ROOT/setup/dist.sh" "$RUN_DIR/$db.dist"
smoke=$RUN_DIR/$db.venv
"$PYTHON" -m venv --without-pip "$smoke"
site=$("$smoke/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
# Odoo's Python dependencies come from the project's virtualenv (seen through a .pth file,
# which costs nothing); the addon only from its wheel.
"$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])' >"$site/project_venv.pth"
# Every addon's wheel: the template database lists the bridges, which Odoo installs with
# interaction_log when their app is there.
"$smoke/bin/python" -m pip install -q --disable-pip-version-check --no-deps --no-index \
    "$RUN_DIR/$db.dist"/*.whl
copy_db "$base" "${db}_wheel"
wheel_conf=$(write_odoo_conf "${db}_wheel" "$(odoo_addons_path)")
odoo_with "$smoke/bin/python" -c "$wheel_conf" -d "${db}_wheel" -i interaction_log \
    --stop-after-init --log-level=warn || die "Installing interaction_log from its wheel failed"
INTERACTION_LOG_WHEEL_DB=${db}_wheel INTERACTION_LOG_WHEEL_CONF=$wheel_conf INTERACTION_LOG_WHEEL_SITE=$site \
    PYTHONPATH=$ODOO_SRC:$REPO_ROOT/setup "$smoke/bin/python" -m pytest -p no:odoo "${pytest_args[@]}" \
    -q --junitxml="$results/wheel.xml" "$REPO_ROOT/setup/wheel_smoke_test.py" \
    || suites_failed=$((suites_failed + 1))

finished=1
[ "$suites_failed" -eq 0 ]
