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
        for connection in (first, second):
            connection.rollback()
            connection.close()
        cleanup = psycopg2.connect(dbname=DATABASE)
        cleanup.autocommit = True
        cleanup.cursor().execute("DELETE FROM interaction_log_entry WHERE name = %s", [MARK])
        cleanup.close()
