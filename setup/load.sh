#!/usr/bin/env bash
# make load: a sales team's day under Locust against a real Odoo (4 workers, cron thread on),
# on a copy of a database with interaction_log installed, then the same load on the same
# database with the module uninstalled, then the load again with faults (a worker killed with
# SIGKILL, PostgreSQL restarted); after each run, bench/load/check.py compares what the
# clients saw succeed with the entries in the database. Reports go to bench/results/.
#
#   bash setup/load.sh [--from DB] [--smoke] [--users N] [--time 5m] [--pacing 10] [--rounds 2]
#                      [--faults-only]
#
# --from DB: the database to copy (make test passes its test database); without it, the
# benchmark's database is made first (make bench's data: a million entries) and loaded.
# --smoke: 4 users for 30 seconds, no run without the module and no faults (what make test
# runs). The runs use a PostgreSQL cluster of their own on 127.0.0.1, so that restarting it
# touches nothing else on the machine; each run starts from the same copy of the data.
# --pacing S: each user starts an action every S seconds (10: a busy team's hour, 2 actions a
# second from 20 users; the smoke run uses 2).
# --rounds N: the runs with and without the module, N times each, in turn (with, without,
# with, without), each from its own copy of the data. A p95 of one 5-minute run is the
# second or third slowest of 40 to 90 prints: compare.py pools the rounds' samples.
# Each run begins with a warm-up (locustfile.py, WarmUpUser), the same on both sides: every
# kind of request made once by twice as many users as workers, all at once; its times are
# reported apart, its actions checked with the run's.
# The report (bench/load/compare.py) goes to bench/results/load.md; make load fails when a
# checker does.
source "$(dirname "$0")/common.sh"

source_db= drop_source= smoke= faults_only= users=20 duration=5m workers=4 pacing=10 rounds=2
warm_up_users=$((2 * workers))
while [ $# -gt 0 ]; do
    case "$1" in
        --from) source_db=$2; shift 2 ;;
        --smoke) smoke=1 users=4 duration=30s pacing=2 rounds=1; shift ;;
        --rounds) rounds=$2; shift 2 ;;
        --pacing) pacing=$2; shift 2 ;;
        --users) users=$2; shift 2 ;;
        --time) duration=$2; shift 2 ;;
        # The fault run alone; its PostgreSQL cluster kept afterwards, to look into.
        --faults-only) faults_only=1; shift ;;
        *) die "Unknown option $1 (see the head of setup/load.sh)" ;;
    esac
done
results=$REPO_ROOT/bench/results
mkdir -p "$results"
if [ -z "$source_db" ]; then
    source_db=interaction_log_load_source_$$
    say "The benchmark's database (a million entries) to load: $source_db"
    BENCH_DB=$source_db BENCH_KEEP=1 bash "$REPO_ROOT/setup/bench.sh" --runs 1 \
        --output "$REPO_ROOT/bench/results/bench_for_load.md" >/dev/null \
        || die "Making the benchmark's database failed"
    drop_source=1
fi
psql -X -d "$source_db" -c 'select 1' >/dev/null 2>&1 || die "No database $source_db to copy."

# Locust needs newer gevent and requests than Odoo's pins: a virtualenv of its own.
load_venv=$CACHE_DIR/load-venv
wanted=$(sha256sum "$REPO_ROOT/bench/load/requirements.txt" | cut -d' ' -f1)
if [ "$(cat "$load_venv/.requirements.sha256" 2>/dev/null)" != "$wanted" ]; then
    say "Installing Locust and OdooLocust into $load_venv"
    rm -rf "$load_venv" && "$PYTHON" -m venv "$load_venv"
    "$load_venv/bin/pip" install -q --disable-pip-version-check --cache-dir "$CACHE_DIR/pip" \
        -r "$REPO_ROOT/bench/load/requirements.txt" 2> >(grep -v "is ignored: it is neither" >&2)
    echo "$wanted" >"$load_venv/.requirements.sha256"
fi

cluster=il_load_$$
pg_version=$(ls /etc/postgresql | sort -n | tail -n 1)
free_port() { "$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pg_port=$(free_port)
db=load
server_pid= assets_pid= loadavg_pid= smtp_pid=
cleanup() {
    [ -n "$loadavg_pid" ] && { kill "$loadavg_pid" 2>/dev/null || true; }
    [ -n "$smtp_pid" ] && { kill "$smtp_pid" 2>/dev/null || true; }
    [ -n "$server_pid" ] && stop_server
    if [ -n "$faults_only" ]; then
        say "Kept: the cluster $cluster on 127.0.0.1:$pg_port (pg_dropcluster --stop $pg_version $cluster)"
    else
        pg_dropcluster --stop "$pg_version" "$cluster" >/dev/null 2>&1 || true
    fi
    [ -n "${drop_source:-}" ] && dropdb --if-exists "$source_db"
    rm -rf "$RUN_DIR/filestore/filestore/${cluster}_"* "$RUN_DIR/$cluster".*
}
trap cleanup EXIT

say "A PostgreSQL $pg_version cluster of its own on 127.0.0.1:$pg_port, with a copy of $source_db"
pg_createcluster "$pg_version" "$cluster" --port "$pg_port" --start-conf manual >/dev/null
printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >"/etc/postgresql/$pg_version/$cluster/pg_hba.conf"
printf "listen_addresses = '127.0.0.1'\nmax_connections = 200\nfsync = off\n" \
    >"/etc/postgresql/$pg_version/$cluster/conf.d/interaction_log.conf"
pg_ctlcluster "$pg_version" "$cluster" start
lpsql() { psql -X -q -h 127.0.0.1 -p "$pg_port" -U postgres "$@"; }
lpsql -d postgres -c "CREATE ROLE root SUPERUSER LOGIN"
lpsql -d postgres -c "CREATE DATABASE ${cluster}_with OWNER root"
pg_dump -O -x -d "$source_db" | lpsql -d "${cluster}_with" >/dev/null
filestore=$RUN_DIR/filestore/filestore
[ -d "$filestore/$source_db" ] && cp -a "$filestore/$source_db" "$filestore/${cluster}_with"

# The e-mails of the runs go to an SMTP server on 127.0.0.1 that accepts them and keeps
# nothing, as a company's Odoo sends to its mail server: without one, every e-mail failed, and
# both runs measured Odoo's failure path (and the module marked every e-mail undelivered).
smtp_port=$(free_port)
"$load_venv/bin/python" -m aiosmtpd -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Sink &
smtp_pid=$!

stop_server() {  # the servers and their workers, within 30 seconds whatever they are doing
    local pid
    kill "$server_pid" ${assets_pid:+"$assets_pid"} 2>/dev/null || true
    for _ in $(seq 1 30); do
        kill -0 "$server_pid" 2>/dev/null || { [ -n "$assets_pid" ] && kill -0 "$assets_pid" 2>/dev/null; } || break
        sleep 1
    done
    # Whatever is left (none, usually): these find nothing then, which is no error.
    for pid in "$server_pid" ${assets_pid:+"$assets_pid"}; do
        pkill -KILL -P "$pid" 2>/dev/null || true
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    server_pid= assets_pid=
}

conf_for() {  # conf_for DB: an Odoo configuration for DB in the load cluster
    local conf=$RUN_DIR/$cluster.$1.conf
    {
        echo "[options]"
        echo "addons_path = $(addons_path)"
        echo "data_dir = $RUN_DIR/filestore"
        echo "db_host = 127.0.0.1"
        echo "db_port = $pg_port"
        echo "db_user = root"
        echo "admin_passwd = admin"
        echo "list_db = False"
        echo "smtp_server = 127.0.0.1"
        echo "smtp_port = $smtp_port"
    } >"$conf"
    echo "$conf"
}

# The users of the run: one Odoo user and API key per simulated user, who sells, invoices
# and logs interactions; cancelled entries old enough for the purge to find.
prepare_users() {  # prepare_users DB CONF URL ASSETS_URL: prints the API keys, comma-separated
    PYTHONPATH=$ODOO_SRC "$VENV/bin/python" - "$2" "$1" "$users" "$3" "$4" <<'PY'
import sys
from datetime import timedelta

import odoo
from odoo import fields
from odoo.modules.registry import Registry
from odoo.tools import config

conf, db, users, url, assets_url = sys.argv[1], sys.argv[2], int(sys.argv[3]), *sys.argv[4:6]
config.parse_config(["-c", conf, "-d", db, "--log-level=warn"])
with Registry(db).cursor() as cr:
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
    # This run's server, not the one the database last knew (the copied database says
    # another port): links in e-mails, and where wkhtmltopdf fetches a report's assets.
    parameters = env["ir.config_parameter"]
    parameters.set_param("web.base.url", url)
    parameters.set_param("web.base.url.freeze", "True")
    parameters.set_param("report.url", assets_url)
    groups = [env.ref(xmlid, raise_if_not_found=False) for xmlid in (
        "base.group_user", "sales_team.group_sale_manager", "account.group_account_invoice")]
    keys = []
    # The team works in the company's time zone, as the web client sets it at a user's first
    # login: a user without one reads the Analysis in UTC days, which the summary (kept in
    # the days of the time zone most users have) cannot give, and gets it from the entries.
    tz = env.ref("base.user_admin").tz or "UTC"
    for number in range(users):
        login = f"load_user_{number}"
        # An e-mail address, as a salesperson has: Odoo sends their e-mails from it.
        user = env["res.users"].search([("login", "=", login)]) or env["res.users"].create(
            {"name": f"Load user {number}", "login": login, "password": "admin", "tz": tz,
             "email": f"{login}@example.com",
             "group_ids": [(4, group.id) for group in groups if group]})
        expiry = fields.Datetime.now() + timedelta(days=1)
        keys.append(env["res.users.apikeys"].with_user(user)._generate(None, "load", expiry))
    # The copy was made before the run, so every scheduled action is overdue and the cron
    # worker would run them all in the first seconds (Odoo's stock scheduler among them, which
    # met serialization failures on its own order points there): each is set as if it had
    # just run (next call one interval from now, its pending triggers gone). The run's purge
    # is started by its user (locustfile.py), whatever its schedule.
    from odoo.addons.base.models.ir_cron import _intervalTypes
    now = fields.Datetime.now()
    for cron in env["ir.cron"].search([]):
        cron.nextcall = now + _intervalTypes[cron.interval_type](cron.interval_number)
    env["ir.cron.trigger"].search([("call_at", "<=", now)]).unlink()
    if "interaction_retention_days" in env["res.company"]._fields:
        env["res.company"].search([]).write({"interaction_retention_days": 30})
    # The one user who starts the scheduled purge is an administrator.
    admin_key = env["res.users.apikeys"].with_user(env.ref("base.user_admin"))._generate(
        None, "load", fields.Datetime.now() + timedelta(days=1))
    print(admin_key + " " + ",".join(keys))
PY
}

machine_usage() {  # every 10 s: the time, the load average, the processors' busy %
    local _cpu user nice system idle iowait irq softirq steal busy total last_busy= last_total=
    while true; do
        read -r _cpu user nice system idle iowait irq softirq steal _ </proc/stat
        busy=$((user + nice + system + irq + softirq + steal)) total=$((busy + idle + iowait))
        [ -n "$last_total" ] && echo "$(date +%s) $(cut -d' ' -f1 /proc/loadavg)" \
            "$((100 * (busy - last_busy) / (total - last_total)))"
        last_busy=$busy last_total=$total
        sleep 10
    done
}

run_load() {  # run_load LABEL DB MODULE(0|1) FAULTS(0|1) [USERS DURATION PACING LOCUST_ARGS...]
    local label=$1 database=$2 module=$3 faults=$4 conf http_port assets_port journal log since samples
    local run_start
    local spawn_rate
    local users=${5:-$users} duration=${6:-$duration} pacing=${7:-$pacing}
    shift 4; shift $(($# < 3 ? $# : 3))
    conf=$(conf_for "$database")
    http_port=$(free_port) assets_port=$(free_port)
    read -r admin_key keys < <(prepare_users "$database" "$conf" "http://127.0.0.1:$http_port" \
        "http://127.0.0.1:$assets_port" | tail -n 1)
    journal=$results/$label.journal.jsonl log=$results/$label.server.log
    samples=$results/$label.samples.csv
    # Odoo appends to its log file: each run's checker reads that run's lines only.
    : >"$journal"
    : >"$samples"
    : >"$log"
    : >"$log.assets"
    # The users' server: 4 prefork workers and the cron worker (the purge).
    PYTHONPATH=$ODOO_SRC "$VENV/bin/python" "$(odoo_bin)" -c "$conf" -d "$database" \
        --workers="$workers" --max-cron-threads=1 --http-port="$http_port" \
        --gevent-port="$(free_port)" \
        --http-interface=127.0.0.1 --limit-time-real=120 --limit-time-cpu=120 \
        --limit-memory-soft=4294967296 --limit-memory-hard=6442450944 \
        --db_maxconn=64 --logfile="$log" --log-level=warn &
    server_pid=$!
    # wkhtmltopdf fetches each report's style sheets and images over HTTP while the print
    # that runs it holds a worker: with as many renders at once as workers, no worker is
    # left to answer, and the renders wait on each other until the time limit kills them
    # (Odoo's design: wkhtmltopdf calls back into the server that runs it, with no time
    # limit of its own). report.url sends those fetches to a threaded server of their own
    # on the same database, as a deployment with more renders at once than workers would.
    PYTHONPATH=$ODOO_SRC "$VENV/bin/python" "$(odoo_bin)" -c "$conf" -d "$database" \
        --workers=0 --max-cron-threads=0 --http-port="$assets_port" \
        --http-interface=127.0.0.1 --db_maxconn=16 --logfile="$log.assets" --log-level=warn &
    assets_pid=$!
    for _ in $(seq 1 120); do
        curl -sf "http://127.0.0.1:$http_port/web/health" >/dev/null \
            && curl -sf "http://127.0.0.1:$assets_port/web/health" >/dev/null && break
        sleep 1
    done
    since=$(date +%s.%N)
    # Locust on this run's server, with the run's journal (the checker reads the warm-up's
    # actions too) and its settings: locust_run SAMPLES LOCUST_ARGS...
    locust_run() {
        local samples=$1
        shift
        LOAD_PACING=$pacing LOAD_DATABASE=$database LOAD_API_KEYS=$keys LOAD_ADMIN_KEY=$admin_key \
            LOAD_PASSWORD=admin LOAD_JOURNAL=$journal LOAD_SAMPLES=$samples LOAD_MODULE=$module \
            LOAD_SEGMENT_SIZE=$([ -n "$smoke" ] && echo 200 || echo 10000) \
            LOAD_SEGMENT_AFTER=$(($(seconds "$duration") / 2)) LOAD_WARM_UP_USERS=$warm_up_users \
            "$load_venv/bin/locust" -f "$REPO_ROOT/bench/load/locustfile.py" --headless \
            --host "http://127.0.0.1:$http_port" --exit-code-on-error 0 --loglevel WARNING "$@"
    }
    # The warm-up, on both sides alike (locustfile.py, WarmUpUser: why): twice as many users
    # as workers, all at once, each making every kind of request once; its times go to a
    # file of their own, its actions to the run's journal (the checker's counts start before
    # it).
    : >"$results/$label.warm_up.samples.csv"
    locust_run "$results/$label.warm_up.samples.csv" --users "$warm_up_users" \
        --spawn-rate "$warm_up_users" --run-time 180s --stop-timeout 120 --only-summary \
        WarmUpUser >/dev/null || die "The warm-up of '$label' failed (its errors above): nothing measured"
    run_start=$(date +%s.%N)
    say "Warm-up of '$label': $(awk -v a="$since" -v b="$run_start" 'BEGIN { printf "%.0f", b - a }') s"
    # The machine during the run, every 10 seconds: the load average, and how busy its
    # processors were over those 10 seconds (in %, all of them together).
    machine_usage >"$results/$label.loadavg" &
    loadavg_pid=$!
    if [ "$faults" = 1 ]; then
        inject_faults "$duration" &
        fault_pid=$!
    fi
    say "Load '$label': $users users for $duration, an action every $pacing s each"
    # The users arrive spread over one pacing period (2 a second for 20 users and 10 s), and
    # the constant pacing keeps them spread: all arriving at once, they would act in step,
    # 20 actions together every 10 seconds on 4 workers, and every p95 would be the wait
    # in that queue, module or not (a partner's web_read had a p95 of 1.5 s so).
    spawn_rate=$(awk -v u="$users" -v p="$pacing" 'BEGIN { print u / p }')
    # The team: the user classes named after the options, by default the sales users and the
    # one who logs the segment (never the warm-up's).
    [ $# -gt 0 ] || set -- SalesUser SegmentUser
    locust_run "$samples" --users "$users" --spawn-rate "$spawn_rate" --run-time "$duration" \
        --stop-timeout 120 --csv "$results/$label" --html "$results/$label.html" --only-summary "$@"
    [ "$faults" = 1 ] && wait "$fault_pid"
    kill "$loadavg_pid" 2>/dev/null || true
    stop_server
    if [ "$module" = 1 ]; then
        # A failed check fails make load, after the other runs (each its own figures).
        "$VENV/bin/python" "$REPO_ROOT/bench/load/check.py" --journal "$journal" \
            --dsn "host=127.0.0.1 port=$pg_port user=root dbname=$database" --since "$since" \
            --run-start "$run_start" \
            --server-log "$log" $([ "$faults" = 1 ] && echo "--faults $results/$label.faults" || echo --strict-log) \
            >"$results/$label.check.md" || checks_failed="$checks_failed $label"
        cat "$results/$label.check.md"
    fi
}
checks_failed=

seconds() {  # seconds 5m: Locust's run time in seconds
    "$VENV/bin/python" -c "import sys; v = sys.argv[1]; print(int(v[:-1]) * {'s': 1, 'm': 60}[v[-1]])" "$1"
}

inject_faults() {  # inject_faults DURATION: a worker killed at a third, PostgreSQL restarted at two thirds
    local third worker
    third=$(($(seconds "$1") / 3))
    : >"$results/$label.faults"
    sleep "$third"
    # A worker, not the gevent server the master also spawns (its command line says so).
    for worker in $(pgrep -P "$server_pid"); do
        grep -q gevent "/proc/$worker/cmdline" || break
    done
    start=$(date +%s.%N); kill -9 "$worker"; sleep 5
    echo "$start $(date +%s.%N) worker-killed" >>"$results/$label.faults"
    sleep "$third"
    start=$(date +%s.%N); pg_ctlcluster "$pg_version" "$cluster" restart; sleep 5
    echo "$start $(date +%s.%N) postgresql-restarted" >>"$results/$label.faults"
}

copy_database() {  # copy_database NAME [FROM]: the loaded database (or FROM) as it was before any run
    lpsql -d postgres -c "CREATE DATABASE ${cluster}_$1 TEMPLATE ${cluster}_${2:-with} OWNER root"
    cp -a "$filestore/${cluster}_${2:-with}" "$filestore/${cluster}_$1" 2>/dev/null || true
}
drop_database() {  # drop_database NAME: a run's copy, once checked (a 1M copy is over a GB)
    lpsql -d postgres -c "DROP DATABASE ${cluster}_$1 WITH (FORCE)"
    rm -rf "$filestore/${cluster}_$1"
}

if [ -n "$faults_only" ]; then
    run_load faults "${cluster}_with" 1 1
    exit 0
fi
if [ -z "$smoke" ]; then
    say "The same database without interaction_log"
    copy_database without
    # Odoo's uninstall logs each record it cannot delete before it drops the tables: its log
    # goes to a file.
    PYTHONPATH=$ODOO_SRC "$VENV/bin/python" -m odoo module uninstall -c "$(conf_for "${cluster}_without")" \
        -d "${cluster}_without" interaction_log >"$results/without.uninstall.log" 2>&1
    # The list's and the pivot's single-user figures, through the same route (JSON-2, an API
    # key, the user's context) on the same server and data: one user, one request a second,
    # for a minute. Their targets under load are 3 times these (make bench's figures, in
    # process, have no HTTP, no authentication and no JSON: they stay in the report, apart).
    copy_database single
    run_load single "${cluster}_single" 1 0 1 60s 1 --tags single_user -- SalesUser
    drop_database single
fi
# Every run starts from the same data: the purge of each finds the same cancelled entries.
rm -f "$results"/with_*.* "$results"/without_*.*
for round in $(seq 1 "$rounds"); do
    copy_database "with_$round"
    run_load "with_$round" "${cluster}_with_$round" 1 0
    drop_database "with_$round"
    if [ -z "$smoke" ]; then
        copy_database "without_$round" without
        run_load "without_$round" "${cluster}_without_$round" 0 0
        drop_database "without_$round"
    fi
done
if [ -z "$smoke" ]; then
    copy_database faults
    run_load faults "${cluster}_faults" 1 1
    "$VENV/bin/python" "$REPO_ROOT/bench/load/compare.py" --results "$results" \
        --users "$users" --duration "$duration" --workers "$workers" --pacing "$pacing" | tee "$results/load.md"
fi
[ -z "$checks_failed" ] || die "The checker failed after the run(s):$checks_failed (see bench/results/*.check.md)"
