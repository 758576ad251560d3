#!/usr/bin/env bash
# A throw-away IMAP server for the live tests: Debian's dovecot-imapd, started with a
# configuration file of our own on 127.0.0.1 and a free port, one user with a password and a
# maildir under the run cache. The machine's mail set-up (/etc/dovecot, ports 143/993) is
# never used: dovecot reads only the file given with -c.
#
#   bash setup/dovecot.sh                install the package only
#   bash setup/dovecot.sh start DIR      start a server in DIR (under $RUN_DIR); prints
#                                        "PORT USER PASSWORD" on the last line
#   bash setup/dovecot.sh stop DIR       stop the server started in DIR
source "$(dirname "$0")/common.sh"

command -v dovecot >/dev/null || apt_install dovecot-imapd
[ -x /usr/lib/dovecot/imap ] || apt_install dovecot-imapd

action=${1:-install}
dir=${2:-}
case $action in
install)
    exit 0
    ;;
start)
    [ -n "$dir" ] || die "usage: setup/dovecot.sh start DIR"
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    rm -rf "$dir/run" "$dir/Maildir" "$dir/home"
    mkdir -p "$dir/run" "$dir/state" "$dir/Maildir" "$dir/home"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    user=interaction_log_live
    password=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
    # The passwd-file holds the throw-away password in clear: readable by its owner only.
    (umask 077 && echo "$user:{PLAIN}$password" >"$dir/passwd")
    # Dovecot refuses mail access as root: the mail processes run as its own system user,
    # chrooted into DIR (by the master, as root, before it drops privileges) so that the run
    # cache need not be readable by other users; the login processes are chrooted likewise.
    [ "$(id -u)" -eq 0 ] || die "setup/dovecot.sh start runs dovecot's master process, which needs root."
    uid=$(id -u dovecot) gid=$(id -g dovecot)
    chown "$uid:$gid" "$dir/Maildir" "$dir/home"
    cat >"$dir/dovecot.conf" <<CONF
protocols = imap
listen = 127.0.0.1
base_dir = $dir/run
state_dir = $dir/state
instance_name = interaction_log_$port
log_path = $dir/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = $uid
last_valid_uid = $uid
first_valid_gid = $gid
mail_chroot = $dir
valid_chroot_dirs = $dir
mail_location = maildir:/Maildir
mail_privileged_group =
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/passwd
}
userdb {
  driver = static
  args = uid=$uid gid=$gid home=/home
}
service auth {
  user = root
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
CONF
    rm -f "$dir/dovecot.log"
    # The master runs on in the background: it must not hold the caller's output open.
    dovecot -c "$dir/dovecot.conf" </dev/null >"$dir/start.log" 2>&1 \
        || die "dovecot did not start: $(cat "$dir/start.log" "$dir/dovecot.log" 2>/dev/null)"
    for _ in $(seq 50); do
        python3 -c "import socket, sys; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null && break
        sleep 0.1
    done
    echo "$port $user $password"
    ;;
stop)
    [ -n "$dir" ] && [ -f "$dir/dovecot.conf" ] || die "no dovecot started in $dir"
    dovecot -c "$dir/dovecot.conf" stop
    ;;
*)
    die "unknown action $action: install, start DIR or stop DIR"
    ;;
esac
