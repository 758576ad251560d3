"""A real PostgreSQL streaming replica behind a real two-worker Odoo.

Two throw-away clusters of Debian's PostgreSQL 15 on 127.0.0.1 (`pg_createcluster`): a
primary holding a copy of the test database, and a hot standby made from it with
`pg_basebackup -R`. Odoo runs with `--db_replica_host/--db_replica_port`: read-only requests
(the web client's search_read, read_group, web_read...) go to the replica, writes to the
primary. The clusters are dropped at the end; the machine's own cluster is not touched."""

import json
import os
import re
import shutil
import subprocess
import time
import urllib.parse
import urllib.request

import pytest
from live import DATABASE, Client, free_port, odoo_server, require_live_environment

VERSION = "15"
SUFFIX = str(os.getpid())
PRIMARY, REPLICA = f"il_primary_{SUFFIX}", f"il_replica_{SUFFIX}"


def run(*command, user=None):
    if user:
        command = ("runuser", "-u", user, "--", *command)
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode:
        pytest.fail(f"{' '.join(command)} failed: {completed.stderr or completed.stdout}")
    return completed.stdout


def psql(port, sql, database="postgres"):
    return run(
        "psql", "-X", "-qtA", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d",
        database, "-c", sql,
    ).strip()  # fmt: skip


def create_cluster(name, port):
    run("pg_createcluster", VERSION, name, "--port", str(port), "--start-conf", "manual")
    conf = f"/etc/postgresql/{VERSION}/{name}"
    with open(f"{conf}/pg_hba.conf", "w") as hba:
        # Throw-away clusters on the loopback only, for this test's processes.
        hba.write(
            "local all all trust\n"
            "local replication all trust\n"
            "host all all 127.0.0.1/32 trust\n"
            "host replication all 127.0.0.1/32 trust\n"
        )
    with open(f"{conf}/conf.d/interaction_log.conf", "w") as settings:
        settings.write("listen_addresses = '127.0.0.1'\nhot_standby = on\nfsync = off\n")
    return f"/var/lib/postgresql/{VERSION}/{name}"


def wait_until(predicate, what, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.5)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture(scope="module")
def clusters():
    require_live_environment()
    for tool in ("pg_createcluster", "pg_basebackup", "runuser"):
        if not shutil.which(tool):
            pytest.fail(f"{tool} is missing: install Debian's postgresql-common and postgresql")
    primary_port, replica_port = free_port(), free_port()
    try:
        create_cluster(PRIMARY, primary_port)
        run("pg_ctlcluster", VERSION, PRIMARY, "start")
        psql(primary_port, "CREATE ROLE root SUPERUSER LOGIN")
        psql(primary_port, f'CREATE DATABASE "{DATABASE}" OWNER root')
        dump = subprocess.Popen(["pg_dump", "-d", DATABASE, "-O", "-x"], stdout=subprocess.PIPE)
        restore = subprocess.run(
            ["psql", "-X", "-q", "-h", "127.0.0.1", "-p", str(primary_port), "-d", DATABASE],
            stdin=dump.stdout,
            capture_output=True,
            check=False,
        )
        dump.wait()
        assert dump.returncode == 0 and restore.returncode == 0, restore.stderr
        data = create_cluster(REPLICA, replica_port)
        # The standby's data comes from the primary; its (postgres-owned) folder stays.
        for child in os.listdir(data):
            path = os.path.join(data, child)
            shutil.rmtree(path) if os.path.isdir(path) else os.unlink(path)
        run(
            "pg_basebackup", "-D", data, "-R", "-X", "stream", "-c", "fast", "-h", "127.0.0.1",
            "-p", str(primary_port), "-U", "postgres", user="postgres",
        )  # fmt: skip
        run("pg_ctlcluster", VERSION, REPLICA, "start")
        wait_until(
            lambda: psql(replica_port, "SELECT pg_is_in_recovery()") == "t", "the hot standby"
        )
        yield primary_port, replica_port
    finally:
        for name in (REPLICA, PRIMARY):
            subprocess.run(
                ["pg_dropcluster", "--stop", VERSION, name], capture_output=True, check=False
            )


@pytest.fixture(scope="module")
def server(clusters):
    primary_port, replica_port = clusters
    with odoo_server(
        "--db_host=127.0.0.1",
        f"--db_port={primary_port}",
        "--db_user=root",
        "--db_replica_host=127.0.0.1",
        f"--db_replica_port={replica_port}",
    ) as base_url:
        yield base_url


def replica_transactions(replica_port):
    """Transactions the replica has run for the database, as its statistics count them."""
    psql(replica_port, "SELECT pg_stat_force_next_flush()", DATABASE)
    return int(
        psql(
            replica_port,
            "SELECT xact_commit + xact_rollback FROM pg_stat_database "
            f"WHERE datname = '{DATABASE}'",
        )
    )


def caught_up(primary_port, replica_port):
    target = psql(primary_port, "SELECT pg_current_wal_lsn()")
    wait_until(
        lambda: psql(replica_port, f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn") == "t",
        "the replica to replay the primary's changes",
    )


def reads(client):
    """What a user's screen reads: the interactions list, the Analysis pivot, a company's
    statistics on its contact form."""
    listed = client.call_kw(
        "interaction.log.entry",
        "search_read",
        [("postponed", "=", False)],
        fields=["name", "partner_id"],
        limit=80,
    )
    pivot = client.call_kw(
        "interaction.log.entry",
        "formatted_read_group",
        [("postponed", "=", False), ("canceled", "=", False)],
        groupby=["template_id", "date:month"],
        aggregates=["__count"],
    )
    company = client.call_kw("res.partner", "search", [("is_company", "=", True)], limit=1)
    statistics = client.call_kw(
        "res.partner",
        "read",
        company["result"],
        ["interaction_count", "interaction_cost", "last_interaction_date"],
    )
    for result in (listed, pivot, company, statistics):
        assert "error" not in result, result
    return listed["result"], pivot["result"], statistics["result"][0]


def test_reads_come_from_the_replica_and_writes_reach_the_primary(clusters, server):
    primary_port, replica_port = clusters
    client = Client(server).login()
    before = replica_transactions(replica_port)
    listed, pivot, statistics = reads(client)
    assert replica_transactions(replica_port) > before, "the replica served the reads"
    assert listed and pivot and statistics

    # A print and an e-mail are writes: logged on the primary, once each.
    count = "SELECT count(*) FROM interaction_log_entry"
    entries_before = int(psql(primary_port, count, DATABASE))
    order_id = client.call("sale.order", "search", [("state", "=", "draft")], limit=1)["result"][0]
    kinds_before = kinds_logged(client, order_id)
    # The web client's own print: a POST with the page's CSRF token.
    _status, page = client.get("/odoo")
    csrf = re.search(rb'csrf_token: "([^"]+)"', page).group(1).decode()
    data = {
        "data": json.dumps([f"/report/pdf/sale.report_saleorder/{order_id}", "qweb-pdf"]),
        "context": json.dumps({"lang": "en_US"}),
        "token": "dummy",
        "csrf_token": csrf,
    }
    request = urllib.request.Request(
        server + "/report/download",
        urllib.parse.urlencode(data).encode(),
        {"Sec-Fetch-Site": "same-origin"},
    )
    with client.opener.open(request, timeout=300) as response:
        assert response.status == 200
    partner_id = client.call("sale.order", "read", [order_id], ["partner_id"])["result"][0][
        "partner_id"
    ][0]
    posted = client.call(
        "sale.order",
        "message_post",
        [order_id],
        body="Your quotation, with the answers to your questions",
        message_type="comment",
        subtype_xmlid="mail.mt_comment",
        partner_ids=[partner_id],
    )
    assert "error" not in posted, posted
    assert int(psql(primary_port, count, DATABASE)) == entries_before + 2, "nothing lost"
    caught_up(primary_port, replica_port)
    assert kinds_logged(client, order_id) == {
        ("quotation", "paper"): kinds_before.get(("quotation", "paper"), 0) + 1,
        ("", "email"): kinds_before.get(("", "email"), 0) + 1,
        **{
            kind: count
            for kind, count in kinds_before.items()
            if kind not in {("quotation", "paper"), ("", "email")}
        },
    }, "one print and one e-mail, read back from the replica"


def kinds_logged(client, order_id):
    rows = client.call_kw(
        "interaction.log.entry",
        "search_read",
        [("res_model", "=", "sale.order"), ("res_id", "=", order_id)],
        fields=["document_type", "correspondence_type"],
    )["result"]
    kinds = [(row["document_type"] or "", row["correspondence_type"]) for row in rows]
    return {kind: kinds.count(kind) for kind in set(kinds)}


def test_the_replica_answers_as_the_primary_and_a_stopped_replica_only_slows_reads_down(
    clusters, server
):
    primary_port, replica_port = clusters
    client = Client(server).login()
    caught_up(primary_port, replica_port)
    from_replica = reads(client)
    run("pg_ctlcluster", VERSION, REPLICA, "stop", "-m", "fast")
    try:
        for _ in range(3):  # both workers, and the retry after a failed connection
            assert reads(client) == from_replica, "the primary answers, as the replica did"
    finally:
        run("pg_ctlcluster", VERSION, REPLICA, "start")
