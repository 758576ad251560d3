#!/usr/bin/env bash
# make test: set up everything, install interaction_log in a throw-away database, run all of
# its tests with pytest-odoo (browser tours included), drop the database.
source "$(dirname "$0")/common.sh"
bash "$REPO_ROOT/setup/odoo.sh"
bash "$REPO_ROOT/setup/venv.sh"
bash "$REPO_ROOT/setup/postgres.sh"
bash "$REPO_ROOT/setup/browser.sh"

db=interaction_log_test_$$
cleanup() { dropdb --if-exists "$db" >/dev/null 2>&1 || true; rm -f "$RUN_DIR/$db.conf"; }
trap cleanup EXIT
conf=$(write_odoo_conf "$db")
port=$("$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'http_port = %s\nhttp_interface = 127.0.0.1\n' "$port" >>"$conf"

export PYTHONWARNINGS=${PYTHONWARNINGS:-ignore::DeprecationWarning}
say "Installing interaction_log (with demo data) in $db"
odoo -c "$conf" -d "$db" -i interaction_log --with-demo --stop-after-init --log-level=warn \
    || die "Installing interaction_log failed"

say "Running the tests"
cd "$REPO_ROOT"
PYTHONPATH=$ODOO_SRC:$REPO_ROOT/setup "$VENV/bin/python" -m pytest -p pytest_no_skip \
    --odoo-database="$db" --odoo-config="$conf" --odoo-http --odoo-log-level=warn \
    -o cache_dir="$RUN_DIR/pytest_cache" interaction_log "$@"
