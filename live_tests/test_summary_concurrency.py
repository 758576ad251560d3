"""Two salespeople log for the same contact at the same moment: both transactions commit.

Odoo runs every request in a REPEATABLE READ transaction. When the summaries' triggers updated
one shared row per group, the second of two overlapping transactions that logged into the same
group (same contact, or same day, template and salesperson) was refused with a serialization
failure and Odoo re-ran the whole request: under `make load` a print rendered its PDF again up
to five times, and some ran out of retries. Each connection now writes rows of its own."""

import os

import psycopg2
from live import require_live_environment

DATABASE = os.environ.get("INTERACTION_LOG_LIVE_DB")
MARK = "summary concurrency"

INSERT = f"""
    INSERT INTO interaction_log_entry (partner_id, commercial_partner_id, template_id, group_id,
        company_id, name, date, user_id, cost, duration, information_flow, initiated_by, state,
        canceled, postponed, attempt_failed, create_uid, create_date, write_uid, write_date)
    SELECT p.id, p.id, t.id, t.group_id, 1, '{MARK}', date_trunc('day', now()), 2,
           1.5, 10, 'outbound', 'us', 'done', FALSE, FALSE, FALSE, 2, now(), 2, now()
      FROM (SELECT id FROM res_partner WHERE is_company ORDER BY id LIMIT 1) p,
           (SELECT id, group_id FROM interaction_template ORDER BY id LIMIT 1) t
"""


def transaction():
    connection = psycopg2.connect(dbname=DATABASE)
    connection.set_session(isolation_level="REPEATABLE READ")
    cursor = connection.cursor()
    cursor.execute("SELECT count(*) FROM interaction_log_summary")  # the snapshot is taken
    return connection, cursor


def clean_up(connections, name):
    """Roll back and close the test's connections, then delete the entries it logged."""
    for connection in connections:
        connection.rollback()
        connection.close()
    cleanup = psycopg2.connect(dbname=DATABASE)
    cleanup.autocommit = True
    cleanup.cursor().execute("DELETE FROM interaction_log_entry WHERE name = %s", [name])
    cleanup.close()


def test_two_overlapping_transactions_log_into_one_group_and_both_commit():
    require_live_environment()
    first, first_cursor = transaction()
    second, second_cursor = transaction()
    try:
        first_cursor.execute(INSERT)
        first.commit()
        # Started before the first committed: with one shared row per group this statement
        # failed with "could not serialize access due to concurrent update".
        second_cursor.execute(INSERT)
        second.commit()
        check = psycopg2.connect(dbname=DATABASE)
        cursor = check.cursor()
        cursor.execute(
            """SELECT (SELECT count(*) FROM interaction_log_entry
                        WHERE partner_id = s.partner_id AND NOT canceled AND NOT postponed),
                      s.entries
                 FROM (SELECT partner_id, sum(entry_count) AS entries
                         FROM interaction_log_contact_summary
                        WHERE partner_id = (SELECT partner_id FROM interaction_log_entry
                                             WHERE name = %s LIMIT 1)
                          AND NOT canceled AND NOT postponed
                        GROUP BY partner_id) s""",
            [MARK],
        )
        entries, summarised = cursor.fetchone()
        assert entries == summarised
        cursor.execute(
            """SELECT count(*) FROM interaction_log_entry WHERE name = %s""",
            [MARK],
        )
        assert cursor.fetchone()[0] == 2
        check.close()
    finally:
        clean_up((first, second), MARK)


MOVED = "summary concurrency: moved"
# An entry of MOVED at ``date`` for the first company, in the group of the INSERT above.
INSERT_AT = INSERT.replace(f"'{MARK}', date_trunc('day', now())", "%(name)s, %(date)s")


def test_the_latest_entry_leaving_its_group_leaves_other_connections_rows_alone():
    """The contact's latest e-mail fails to leave: marked as a failed attempt, it moves to
    another group of the contact summary, whose last date is found again. Meanwhile another
    connection logs for the same contact into the group it left: neither waits for the
    other, and the summary's last date is right after both commit."""
    require_live_environment()
    logger, logger_cursor = transaction()
    connections = [logger]
    try:
        # An older entry logged by the logger's connection, the latest by another one.
        logger_cursor.execute(INSERT_AT, {"name": MOVED, "date": "2099-01-10"})
        logger.commit()
        latest = psycopg2.connect(dbname=DATABASE)
        connections.append(latest)
        latest.cursor().execute(INSERT_AT + " RETURNING id", {"name": MOVED, "date": "2099-01-20"})
        latest.commit()
        latest_cursor = latest.cursor()
        latest_cursor.execute(
            "SELECT id FROM interaction_log_entry WHERE date = '2099-01-20' " "AND name = %s",
            [MOVED],
        )
        latest_id = latest_cursor.fetchone()[0]
        # The logger logs again (an older date: the group's last date is the 10th once
        # the latest has left), and has not committed yet.
        logger_cursor.execute("SELECT 1")
        logger_cursor.execute(INSERT_AT, {"name": MOVED, "date": "2099-01-05"})
        mover, mover_cursor = transaction()  # its snapshot holds the latest entry
        connections.append(mover)
        # Rewriting the logger's row would wait for its commit; fail at once instead.
        mover_cursor.execute("SET LOCAL lock_timeout = '3s'")
        mover_cursor.execute(
            "UPDATE interaction_log_entry SET attempt_failed = TRUE WHERE id = %s", [latest_id]
        )
        mover.commit()
        logger.commit()
        check = psycopg2.connect(dbname=DATABASE)
        connections.append(check)
        cursor = check.cursor()
        cursor.execute(
            """SELECT entry.attempt_failed, count(*), max(entry.date),
                      (SELECT sum(entry_count) FROM interaction_log_contact_summary s
                        WHERE s.partner_id = entry.partner_id
                          AND s.attempt_failed = entry.attempt_failed
                          AND NOT s.canceled AND NOT s.postponed AND s.initiated_by = 'us'),
                      (SELECT max(last_date) FROM interaction_log_contact_summary s
                        WHERE s.partner_id = entry.partner_id
                          AND s.attempt_failed = entry.attempt_failed
                          AND NOT s.canceled AND NOT s.postponed AND s.initiated_by = 'us')
                 FROM interaction_log_entry entry
                WHERE entry.partner_id = (SELECT partner_id FROM interaction_log_entry
                                           WHERE name = %s LIMIT 1)
                  AND NOT entry.canceled AND NOT entry.postponed AND entry.initiated_by = 'us'
                GROUP BY entry.partner_id, entry.attempt_failed
                ORDER BY entry.attempt_failed""",
            [MOVED],
        )
        for attempt_failed, count, last, summarised, summarised_last in cursor.fetchall():
            assert (summarised, summarised_last) == (count, last), attempt_failed
        cursor.execute(
            "SELECT attempt_failed, count(*) FROM interaction_log_entry WHERE name = %s"
            " GROUP BY attempt_failed ORDER BY attempt_failed",
            [MOVED],
        )
        assert cursor.fetchall() == [(False, 2), (True, 1)]
    finally:
        clean_up(connections, MOVED)
