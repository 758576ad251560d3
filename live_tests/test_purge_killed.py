"""The scheduled purge killed between two batches: what it committed stays done, nothing is
left half-deleted, a second run finishes the job, and entries made meanwhile are untouched."""

import os
import signal
import subprocess
import time

import psycopg2
import pytest
from live import odoo_shell_command

DATABASE = os.environ.get("INTERACTION_LOG_LIVE_DB")
CONFIG = os.environ.get("INTERACTION_LOG_LIVE_CONF")
OLD = "now() - interval '10 years'"
PURGE = "env['interaction.log.entry']._cron_purge_canceled(batch_size=500)\n"


def start_purge():
    return subprocess.Popen(
        odoo_shell_command(),
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def count(cursor, where):
    cursor.execute(f"SELECT count(*) FROM interaction_log_entry WHERE {where}")
    return cursor.fetchone()[0]


def test_a_killed_purge_is_finished_by_the_next_run():
    if not DATABASE or not CONFIG:
        pytest.fail(
            "INTERACTION_LOG_LIVE_DB and INTERACTION_LOG_LIVE_CONF are set by setup/test.sh"
        )
    connection = psycopg2.connect(dbname=DATABASE)
    connection.autocommit = True
    cursor = connection.cursor()
    cursor.execute("UPDATE res_company SET interaction_retention_days = 3000")
    cursor.execute(
        f"""
        INSERT INTO interaction_log_entry (partner_id, commercial_partner_id, template_id, group_id, company_id,
            name, date, user_id, cost, duration, information_flow, initiated_by, state, canceled, postponed,
            attempt_failed, create_uid, create_date, write_uid, write_date)
        SELECT p.id, p.id, t.id, t.group_id, c.id, 'purge me', {OLD}, 1, 0, 0, 'outbound', 'us', 'canceled',
               TRUE, FALSE, FALSE, 1, now(), 1, now()
          FROM generate_series(1, 40000) n,
               (SELECT id FROM res_partner ORDER BY id LIMIT 1) p,
               (SELECT id, group_id FROM interaction_template ORDER BY id LIMIT 1) t,
               (SELECT id FROM res_company ORDER BY id LIMIT 1) c
        """
    )
    to_purge = count(cursor, "name = 'purge me'")
    kept_before = count(cursor, "name != 'purge me'")

    purge = start_purge()
    purge.stdin.write(PURGE)
    purge.stdin.close()
    deadline = time.monotonic() + 120
    while count(cursor, "name = 'purge me'") == to_purge and time.monotonic() < deadline:
        time.sleep(0.01)
    # Entries made while the purge runs: a recent cancelled one and a logged old one.
    cursor.execute(
        f"""
        INSERT INTO interaction_log_entry (partner_id, commercial_partner_id, template_id, group_id, company_id,
            name, date, user_id, cost, duration, information_flow, initiated_by, state, canceled, postponed,
            attempt_failed, create_uid, create_date, write_uid, write_date)
        SELECT p.id, p.id, t.id, t.group_id, c.id, 'made meanwhile', d.date, 1, 0, 0, 'outbound', 'us', d.state,
               d.canceled, FALSE, FALSE, 1, now(), 1, now()
          FROM (SELECT id FROM res_partner ORDER BY id LIMIT 1) p,
               (SELECT id, group_id FROM interaction_template ORDER BY id LIMIT 1) t,
               (SELECT id FROM res_company ORDER BY id LIMIT 1) c,
               (VALUES (now() - interval '1 day', 'canceled', TRUE), ({OLD}, 'logged', FALSE)) d(date, state, canceled)
        """
    )
    purge.send_signal(signal.SIGKILL)
    purge.wait(timeout=30)
    left = count(cursor, "name = 'purge me'")
    assert 0 < left < to_purge, f"the purge was killed half-way: {left} of {to_purge} left"
    assert (
        to_purge - left
    ) % 500 == 0, "whole batches only: each batch is deleted in one statement"

    second = start_purge()
    second.communicate(PURGE, timeout=300)
    assert count(cursor, "name = 'purge me'") == 0, "the next run finishes the job"
    assert count(cursor, "name = 'made meanwhile'") == 2, "entries made meanwhile are untouched"
    assert count(cursor, "name NOT IN ('purge me', 'made meanwhile')") == kept_before
    connection.close()
