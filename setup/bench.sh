#!/usr/bin/env bash
# make bench: a database of its own with the repository's addons, generated data (default: 20,000
# contacts in 2,000 companies, 1,000,000 entries over 3 years), the measures of bench/bench.py
# next to their raw SQL baselines, and the table in BENCHMARKS.md. Sizes: bash setup/bench.sh --help.
source "$(dirname "$0")/common.sh"
setup_start odoo venv postgres
setup_wait odoo venv postgres
command -v wkhtmltopdf >/dev/null || apt_install wkhtmltopdf

db=${BENCH_DB:-interaction_log_bench_$$}
cleanup() { dropdb --if-exists "$db" >/dev/null 2>&1 || true; rm -rf "$RUN_DIR/$db.conf" "$RUN_DIR/filestore/filestore/$db"; }
# BENCH_KEEP=1 leaves the database for the caller (make load runs on it).
[ "${BENCH_KEEP:-}" = 1 ] || trap cleanup EXIT
conf=$(write_odoo_conf "$db")
export PYTHONWARNINGS=${PYTHONWARNINGS:-ignore::DeprecationWarning}
addons=$(runtime_addons | paste -sd, -)
say "Installing $addons (with demo data: invoices to print) in $db"
dropdb --if-exists "$db"
odoo -c "$conf" -d "$db" -i "$addons" --with-demo --stop-after-init --log-level=warn \
    || die "Installing $addons failed"
say "Running the benchmarks"
PYTHONPATH=$ODOO_SRC "$VENV/bin/python" "$REPO_ROOT/bench/bench.py" --config "$conf" --database "$db" "$@"
