#!/usr/bin/env bash
# A PostgreSQL server that answers: the one the PG* variables point to (or the local socket);
# on Debian as root, installed and started when none runs; otherwise a clear message.
source "$(dirname "$0")/common.sh"

pg_answers() { psql -X -q -d postgres -c 'select 1' >/dev/null 2>&1; }

command -v psql >/dev/null || apt_install postgresql-client
pg_answers && exit 0

if [ -n "${PGHOST:-}" ] && [ "${PGHOST}" != localhost ] && [ "${PGHOST}" != 127.0.0.1 ] && [ "${PGHOST#/}" = "$PGHOST" ]; then
    die "PostgreSQL at PGHOST=$PGHOST does not answer for user ${PGUSER:-$USER}: start it, or fix the PG* variables."
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    die "No PostgreSQL server answers. Start one (Debian: sudo apt-get install postgresql && sudo pg_ctlcluster 15 main start), make sure 'psql -d postgres' connects as $(id -un) (sudo -u postgres createuser -s $(id -un)), or set PGHOST/PGPORT/PGUSER/PGPASSWORD, then run again."
fi
apt_install postgresql
for cluster in $(ls /etc/postgresql 2>/dev/null); do
    say "Starting PostgreSQL $cluster"
    pg_ctlcluster --skip-systemctl-redirect "$cluster" main start 2>/dev/null || true
done
for _ in $(seq 1 30); do
    su postgres -c "psql -X -q -c 'select 1'" >/dev/null 2>&1 && break
    sleep 1
done
user=${PGUSER:-$(id -un)}
su postgres -c "psql -X -q -tc \"select 1 from pg_roles where rolname = '$user'\"" | grep -q 1 \
    || su postgres -c "createuser --superuser '$user'"
pg_answers || die "PostgreSQL was started but 'psql -d postgres' still fails as $user: check the server log in /var/log/postgresql."
