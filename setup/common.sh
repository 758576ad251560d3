# Shared settings for the set-up scripts; sourced, never run.
# Every download is cached outside the repository so that a second run is fast.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE_DIR=${INTERACTION_LOG_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/interaction_log}
VENV=${VENV:-$REPO_ROOT/.venv}
PYTHON=${PYTHON:-python3.11}
ODOO_DEB_VERSION=19.0.0+dfsg-1
# Where the Debian package is unpacked; ODOO_SRC (a tree holding the `odoo` package) wins.
ODOO_ROOT=$CACHE_DIR/odoo-$ODOO_DEB_VERSION
ODOO_SRC=${ODOO_SRC:-$ODOO_ROOT/usr/lib/python3/dist-packages}
RUN_DIR=$CACHE_DIR/run
mkdir -p "$CACHE_DIR" "$RUN_DIR"
# PostgreSQL's notices (a database dropped "if exists" that does not) are not for the reader.
export PGOPTIONS="${PGOPTIONS:+$PGOPTIONS }-c client_min_messages=warning"

say() { printf '\033[1m[interaction_log]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[interaction_log] %s\033[0m\n' "$*" >&2; exit 1; }

# apt-get install, refreshing the package lists once per run when a package is unknown.
apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    [ "$(id -u)" -eq 0 ] || die "Missing Debian packages: ${missing[*]}. Install them (sudo apt-get install ${missing[*]}) and run again."
    command -v apt-get >/dev/null || die "Missing packages ${missing[*]} and no apt-get here: install them by hand."
    say "Installing Debian packages: ${missing[*]}"
    # The set-up scripts run side by side: one apt-get at a time.
    (
        flock 9
        if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
            DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
        fi
    ) 9>"$CACHE_DIR/apt.lock"
}

# The addons of the repository: every folder at its root that holds a __manifest__.py.
repo_addons() {
    local manifest
    for manifest in "$REPO_ROOT"/*/__manifest__.py; do
        [ -f "$manifest" ] && basename "$(dirname "$manifest")"
    done
    return 0
}

# The addons of the repository that have the given folder (i18n, tests...).
addons_with() {
    local addon
    for addon in $(repo_addons); do
        if [ -d "$REPO_ROOT/$addon/$1" ]; then echo "$addon"; fi
    done
}

# The addons a database for people gets (make run, make bench): all but test addons, which
# say so as Odoo's own do, with the category Hidden/Tests.
runtime_addons() {
    local addon
    for addon in $(repo_addons); do
        grep -qE "[\"']category[\"']: *[\"']Hidden/Tests" "$REPO_ROOT/$addon/__manifest__.py" || echo "$addon"
    done
    return 0
}

# What the repository's addons depend on outside it (Odoo's own addons), sorted, comma-joined.
external_depends() {
    "$PYTHON" - "$REPO_ROOT" $(repo_addons) <<'PY'
import ast
import sys
from pathlib import Path

root, addons = Path(sys.argv[1]), set(sys.argv[2:])
depends = set()
for addon in addons:
    manifest = ast.literal_eval((root / addon / "__manifest__.py").read_text())
    depends.update(manifest.get("depends", []))
print(",".join(sorted(depends - addons)))
PY
}

# The addons path: the repository first, then Odoo's own addons (a Debian tree keeps
# them all in odoo/addons; a git checkout has a second folder, addons/). Without the
# repository (`odoo_addons_path`) for Odoo with addons installed as wheels.
odoo_addons_path() {
    local path=$ODOO_SRC/odoo/addons
    [ -d "$ODOO_SRC/addons" ] && path=$path,$ODOO_SRC/addons
    echo "$path"
}
addons_path() { echo "$REPO_ROOT,$(odoo_addons_path)"; }

# Writes an Odoo configuration file for the given database (and addons path, default the
# repository's and Odoo's) and prints its path.
write_odoo_conf() {
    local db=$1 conf=$RUN_DIR/$1.conf path=${2:-$(addons_path)}
    # It may hold PGPASSWORD: readable by its owner only.
    (umask 077 && : >"$conf")
    {
        echo "[options]"
        echo "addons_path = $path"
        echo "data_dir = $RUN_DIR/filestore"
        echo "db_name = $db"
        echo "dbfilter = ^$db\$"
        echo "admin_passwd = admin"
        # Odoo reads PG* itself only in part: pass on those that are set.
        [ -n "${PGHOST:-}" ] && echo "db_host = $PGHOST"
        [ -n "${PGPORT:-}" ] && echo "db_port = $PGPORT"
        [ -n "${PGUSER:-}" ] && echo "db_user = $PGUSER"
        [ -n "${PGPASSWORD:-}" ] && echo "db_password = $PGPASSWORD"
        echo "list_db = False"
        echo "http_interface = ${HTTP_INTERFACE:-127.0.0.1}"
    } >"$conf"
    echo "$conf"
}

# Set-up scripts that do not need each other run side by side: `setup_start odoo venv`
# starts setup/odoo.sh and setup/venv.sh, `setup_wait odoo` waits for the first and shows
# what it said.
declare -A SETUP_PIDS=()
setup_start() {
    local name
    for name in "$@"; do
        bash "$REPO_ROOT/setup/$name.sh" >"$RUN_DIR/setup_$name.$$.log" 2>&1 &
        SETUP_PIDS[$name]=$!
    done
}
setup_wait() {
    local name log
    for name in "$@"; do
        log=$RUN_DIR/setup_$name.$$.log
        if wait "${SETUP_PIDS[$name]}"; then
            cat "$log" >&2 && rm -f "$log"
        else
            cat "$log" >&2 && rm -f "$log"
            die "Setting up $name failed (setup/$name.sh): see above."
        fi
    done
}
# Every set-up step at once.
setup_all() {
    setup_start odoo venv postgres browser
    setup_wait odoo venv postgres browser
}

# Odoo's command line with the given Python (`odoo_with PYTHON ARGS...`), or the project's
# (`odoo ARGS...`). Odoo's notice that it runs as root is left out: the set-up scripts run as
# root on purpose (they install Debian packages), and the servers they start stay on 127.0.0.1.
# ODOO_QUIET (an extended regular expression) leaves out more lines of its error output.
odoo_with() {
    local python=$1 quiet="Running as user 'root' is a security risk\.${ODOO_QUIET:+|$ODOO_QUIET}"
    shift
    { PYTHONPATH=$ODOO_SRC "$python" -m odoo "$@" 2>&1 1>&3 3>&- \
        | { grep -vxE "$quiet" || true; } >&2; } 3>&1
}
odoo() { odoo_with "$VENV/bin/python" "$@"; }

# Odoo's start script (odoo-bin in a git checkout, usr/bin/odoo in the Debian tree): a
# multi-worker server re-executes it, which `python -m odoo` does not survive.
odoo_bin() {
    local candidate
    for candidate in "$ODOO_SRC/odoo-bin" "$ODOO_SRC/../../../bin/odoo"; do
        [ -f "$candidate" ] && { echo "$candidate"; return; }
    done
    die "No odoo-bin next to $ODOO_SRC: the two-worker tests need Odoo's start script."
}
