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
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
        DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

# The addons path: the module's folder first, then Odoo's own addons (a Debian tree keeps
# them all in odoo/addons; a git checkout has a second folder, addons/).
addons_path() {
    local path=$REPO_ROOT,$ODOO_SRC/odoo/addons
    [ -d "$ODOO_SRC/addons" ] && path=$path,$ODOO_SRC/addons
    echo "$path"
}

# Writes an Odoo configuration file for the given database and prints its path.
write_odoo_conf() {
    local db=$1 conf=$RUN_DIR/$1.conf
    # It may hold PGPASSWORD: readable by its owner only.
    (umask 077 && : >"$conf")
    {
        echo "[options]"
        echo "addons_path = $(addons_path)"
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
    } >"$conf"
    echo "$conf"
}

odoo() { PYTHONPATH=$ODOO_SRC "$VENV/bin/python" -m odoo "$@"; }

# Odoo's start script (odoo-bin in a git checkout, usr/bin/odoo in the Debian tree): a
# multi-worker server re-executes it, which `python -m odoo` does not survive.
odoo_bin() {
    local candidate
    for candidate in "$ODOO_SRC/odoo-bin" "$ODOO_SRC/../../../bin/odoo"; do
        [ -f "$candidate" ] && { echo "$candidate"; return; }
    done
    die "No odoo-bin next to $ODOO_SRC: the two-worker tests need Odoo's start script."
}
