"""A retention run killed between two batches: each batch anonymised whole or not at all, the
summaries still right, a second run finishes the job, a contact under legal hold untouched."""

import os
import signal
import subprocess
import time

import psycopg2
import pytest
from live import odoo_shell_command

DATABASE = os.environ.get("INTERACTION_LOG_LIVE_DB")
CONFIG = os.environ.get("INTERACTION_LOG_LIVE_CONF")
# Older than the policy's 1,200 months, so that no other entry of the database is concerned;
# a minute apart, as real entries are (thousands of a contact's entries at its last date make
# the contact summary's trigger look for that date again once per entry).
ANCIENT = "now() - interval '150 years'"
# The marker of this test's entries: anonymising keeps the duration.
MARK = 4242
RUN = "env['interaction.log.entry']._cron_purge_canceled(batch_size=500)\n"


def start_run():
    return subprocess.Popen(
        odoo_shell_command(),
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def value(cursor, query, params=None):
    cursor.execute(query, params)
    return cursor.fetchone()[0]


def test_a_killed_retention_run_is_finished_by_the_next_run():
    if not DATABASE or not CONFIG:
        pytest.fail(
            "INTERACTION_LOG_LIVE_DB and INTERACTION_LOG_LIVE_CONF are set by setup/test.sh"
        )
    connection = psycopg2.connect(dbname=DATABASE)
    connection.autocommit = True
    cursor = connection.cursor()
    cursor.execute(
        """SELECT id FROM res_partner WHERE active AND NOT COALESCE(interaction_anonymous, FALSE)
            ORDER BY id LIMIT 2"""
    )
    contact, held = (row[0] for row in cursor.fetchall())
    company = value(cursor, "SELECT id FROM res_company ORDER BY id LIMIT 1")
    cursor.execute("SELECT id, group_id FROM interaction_template ORDER BY id LIMIT 1")
    template, group = cursor.fetchone()
    cursor.execute(
        """INSERT INTO interaction_retention_policy (company_id, group_id, keep_months, action,
               create_uid, create_date, write_uid, write_date)
           VALUES (%s, %s, 1200, 'anonymise', 1, now(), 1, now()) RETURNING id""",
        (company, group),
    )
    policy = cursor.fetchone()[0]
    cursor.execute(
        "UPDATE res_partner SET interaction_legal_hold = TRUE, interaction_legal_hold_reason = "
        "'live test' WHERE id = %s",
        (held,),
    )
    cursor.execute(
        f"""
        INSERT INTO interaction_log_entry (partner_id, commercial_partner_id, template_id, group_id, company_id,
            name, note, contact_via, date, user_id, cost, duration, information_flow, initiated_by, state,
            canceled, postponed, attempt_failed, create_uid, create_date, write_uid, write_date)
        SELECT CASE WHEN mod(n, 100) = 0 THEN %(held)s ELSE %(contact)s END,
               CASE WHEN mod(n, 100) = 0 THEN %(held)s ELSE %(contact)s END,
               %(template)s, %(group)s, %(company)s, 'said this', 'and that', 'them@example.com',
               {ANCIENT} - n * interval '1 minute', 1, 1, {MARK}, 'outbound', 'us', 'logged', FALSE, FALSE, FALSE, 1, now(), 1, now()
          FROM generate_series(1, 40000) n
        """,
        {
            "held": held,
            "contact": contact,
            "template": template,
            "group": group,
            "company": company,
        },
    )
    marked = f"duration = {MARK} AND date < now() - interval '100 years'"
    total = value(cursor, f"SELECT count(*) FROM interaction_log_entry WHERE {marked}")
    on_hold = value(
        cursor,
        f"SELECT count(*) FROM interaction_log_entry WHERE {marked} AND partner_id = %s",
        (held,),
    )
    to_do = total - on_hold
    others = value(cursor, f"SELECT count(*) FROM interaction_log_entry WHERE NOT ({marked})")

    def anonymised():
        return value(
            cursor,
            f"""SELECT count(*) FROM interaction_log_entry entry
                  JOIN res_partner partner ON partner.id = entry.partner_id
                 WHERE {marked} AND partner.interaction_anonymous""",
        )

    run = start_run()
    run.stdin.write(RUN)
    run.stdin.close()
    deadline = time.monotonic() + 180
    while anonymised() == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=30)

    done = anonymised()
    assert 0 < done < to_do, f"the run was killed half-way: {done} of {to_do} anonymised"
    assert done % 500 == 0, "whole batches only: each batch is anonymised in one statement"
    untouched = value(
        cursor,
        f"""SELECT count(*) FROM interaction_log_entry
             WHERE {marked} AND name = 'said this' AND note = 'and that'
               AND contact_via = 'them@example.com' AND partner_id IN (%s, %s)""",
        (contact, held),
    )
    assert done + untouched == total, "no entry half-anonymised"
    # The summary by contact is kept by triggers: the committed batches moved their counts.
    assert value(
        cursor,
        "SELECT COALESCE(sum(entry_count), 0) FROM interaction_log_contact_summary "
        "WHERE partner_id = %s",
        (contact,),
    ) == value(
        cursor, "SELECT count(*) FROM interaction_log_entry WHERE partner_id = %s", (contact,)
    )

    second = start_run()
    second.communicate(RUN, timeout=600)
    assert anonymised() == to_do, "the next run finishes the job"
    assert (
        value(
            cursor,
            f"SELECT count(*) FROM interaction_log_entry WHERE {marked} AND partner_id = %s "
            "AND note = 'and that'",
            (held,),
        )
        == on_hold
    ), "the contact under legal hold is untouched"
    assert (
        value(
            cursor,
            f"""SELECT count(*) FROM interaction_log_entry
             WHERE {marked} AND (note IS NOT NULL OR contact_via IS NOT NULL)
               AND partner_id != %s""",
            (held,),
        )
        == 0
    )
    assert (
        value(cursor, f"SELECT count(*) FROM interaction_log_entry WHERE NOT ({marked})") == others
    )
    last_message = value(
        cursor,
        "SELECT body FROM mail_message WHERE model = 'interaction.retention.policy' "
        "AND res_id = %s ORDER BY id DESC LIMIT 1",
        (policy,),
    )
    assert f"Retention run: {to_do - done} interactions anonymised." in last_message

    # Leave the database as the other live tests expect it: no policy, no hold.
    cursor.execute(f"DELETE FROM interaction_log_entry WHERE {marked}")
    cursor.execute("DELETE FROM interaction_retention_policy WHERE id = %s", (policy,))
    cursor.execute("UPDATE res_partner SET interaction_legal_hold = FALSE WHERE id = %s", (held,))
    connection.close()
