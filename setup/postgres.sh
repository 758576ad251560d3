#!/usr/bin/env bash
# A PostgreSQL server that answers: the one the PG* variables point to (default: the local
# socket). Where none answers on the default local server and we are root on Debian, it is
# installed and started; otherwise the script stops and says what to do.
source "$(dirname "$0")/common.sh"

user=${PGUSER:-$(id -un)}
pg_answers() { psql -X -q -d postgres -c 'select 1' >/dev/null 2>&1; }

command -v psql >/dev/null || apt_install postgresql-client
pg_answers && exit 0

custom_server=
# Only the default local server (the Unix socket, peer/trust auth) is ours to install.
case "${PGHOST:-}" in ""|/var/run/postgresql|/run/postgresql) ;; *) custom_server=1 ;; esac
[ -n "${PGPORT:-}" ] && [ "$PGPORT" != 5432 ] && custom_server=1
if [ -n "$custom_server" ]; then
    die "PostgreSQL at ${PGHOST:-the local socket}:${PGPORT:-5432} does not answer for user $user: start it, or fix PGHOST/PGPORT/PGUSER/PGPASSWORD, then run again."
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    die "No PostgreSQL server answers on this machine. Install and start one (Debian: sudo apt-get install postgresql && sudo pg_ctlcluster 15 main start), let $user connect (sudo -u postgres createuser --superuser $user), or point PGHOST/PGPORT/PGUSER/PGPASSWORD at a server, then run again."
fi

apt_install postgresql
[ -n "$(ls /etc/postgresql/*/ 2>/dev/null)" ] || die "PostgreSQL is installed but has no cluster: create one (pg_createcluster 15 main --start) and run again."
as_postgres() { su postgres -c "env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE $1"; }
for version in $(ls /etc/postgresql 2>/dev/null); do
    for cluster in $(ls "/etc/postgresql/$version"); do
        say "Starting PostgreSQL $version/$cluster"
        pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start 2>/dev/null || true
    done
done
for _ in $(seq 1 30); do
    as_postgres "psql -X -q -c 'select 1'" >/dev/null 2>&1 && break
    sleep 1
done
[[ "$user" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "Cannot create a PostgreSQL role for the user name '$user': create it yourself (createuser --superuser)."
as_postgres "psql -X -q -tAc \"select 1 from pg_roles where rolname = '$user'\"" | grep -q 1 \
    || as_postgres "createuser --superuser $user" \
    || die "Could not create the PostgreSQL role $user: run 'sudo -u postgres createuser --superuser $user' and run again."
pg_answers || die "PostgreSQL was started but 'psql -d postgres' still fails as $user: see the server log in /var/log/postgresql."
