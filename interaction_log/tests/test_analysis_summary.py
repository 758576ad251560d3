from datetime import datetime, timedelta

import psycopg2
import pytz
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from odoo import Command
from odoo.fields import Domain
from odoo.models import Model
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL

from .common import InteractionLogCommon

SUMMARY_COLUMNS = (
    "template_id, group_id, user_id, company_id, information_flow, initiated_by, "
    "correspondence_type, evaluation, state, canceled, postponed, attempt_failed"
)
CONTACT_COLUMNS = (
    "partner_id, commercial_partner_id, company_id, attempt_failed, initiated_by, canceled, "
    "postponed"
)
STEP = st.one_of(
    st.tuples(
        st.just("create"),
        st.integers(0, 3),  # contact
        st.booleans(),  # incoming template
        st.integers(0, 400),  # hours ago
        st.booleans(),  # attempt failed
        st.booleans(),  # postponed
    ),
    st.tuples(st.just("segment"), st.sets(st.integers(0, 3), min_size=1)),
    st.tuples(st.just("cancel"), st.integers(0, 20)),
    st.tuples(st.just("restore"), st.integers(0, 20)),
    st.tuples(
        st.just("evaluate"),
        st.integers(0, 20),
        st.sampled_from([False, "positive", "negative"]),
        st.booleans(),
    ),
    st.tuples(st.just("note"), st.integers(0, 20)),
    st.tuples(st.just("segment_cancel"), st.booleans()),
    st.tuples(st.just("erase"), st.integers(0, 3)),
    st.tuples(st.just("purge"), st.integers(1, 5)),
    st.tuples(st.just("delete_postponed"), st.integers(0, 20)),
    st.tuples(st.just("resume"), st.booleans()),
    st.tuples(st.just("sql_anonymise"), st.integers(0, 3)),
    # SQL moving an entry's date (the contact summary's last date), or writing a column no
    # summary holds (a delivery status: nothing to recompute).
    st.tuples(st.just("sql_redate"), st.integers(0, 20), st.integers(-300, 300)),
    st.tuples(st.just("sql_delivery"), st.integers(0, 20)),
    # The rows this connection wrote so far are another connection's from now on.
    st.tuples(st.just("other_connection")),
    st.tuples(st.just("compact")),
)


@tagged("post_install", "-at_install")
class TestAnalysisSummary(InteractionLogCommon):
    """The Analysis reads interaction.log.summary: it must equal a GROUP BY over the entries
    after any write, through any path, and answer exactly what the entries answer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contacts = cls.contact_anna | cls.contact_bob | cls.lone_partner | cls.company_partner
        cls.summary = cls.env["interaction.log.summary"]
        cls.summary_tz = cls.summary._summary_time_zone()

    def local_midnight(self, day):
        """The UTC time at which ``day`` starts in the summary's time zone."""
        start = pytz.timezone(self.summary_tz).localize(day)
        return start.astimezone(pytz.utc).replace(tzinfo=None)

    def assertSummaryEqualsEntries(self, step):
        self.env.flush_all()
        self.cr.execute(
            f"""SELECT timezone('UTC', timezone(%(tz)s, date_trunc('day',
                           timezone(%(tz)s, timezone('UTC', date))))),
                       {SUMMARY_COLUMNS}, count(*), sum(cost), sum(duration)
                  FROM interaction_log_entry GROUP BY 1, {SUMMARY_COLUMNS} ORDER BY 1""",
            {"tz": self.summary_tz},
        )
        expected = sorted(self.cr.fetchall(), key=repr)
        self.cr.execute(
            # A group's rows are spread over the connections that wrote them: summed, as the
            # Analysis reads them.
            f"""SELECT date, {SUMMARY_COLUMNS}, sum(entry_count), sum(cost),
                       sum(duration)::bigint
                  FROM interaction_log_summary GROUP BY date, {SUMMARY_COLUMNS}
                HAVING sum(entry_count) <> 0"""
        )
        self.assertEqual(sorted(self.cr.fetchall(), key=repr), expected, f"after {step}")
        self.cr.execute(
            f"""SELECT {CONTACT_COLUMNS}, count(*), sum(cost), sum(duration), max(date)
                  FROM interaction_log_entry GROUP BY {CONTACT_COLUMNS}"""
        )
        expected = sorted(self.cr.fetchall(), key=repr)
        self.cr.execute(
            f"""SELECT {CONTACT_COLUMNS}, sum(entry_count), sum(cost), sum(duration)::bigint,
                       max(last_date)
                  FROM interaction_log_contact_summary GROUP BY {CONTACT_COLUMNS}
                HAVING sum(entry_count) <> 0"""
        )
        self.assertEqual(sorted(self.cr.fetchall(), key=repr), expected, f"after {step}")

    def _entries(self):
        return self.env["interaction.log.entry"].search([], order="id")

    def _pick(self, index):
        entries = self._entries()
        return entries[index % len(entries)] if entries else entries

    def _run(self, step):
        action, *args = step
        entries = self.env["interaction.log.entry"]
        if action == "create":
            contact, incoming, hours, failed, postponed = args
            self.log(
                self.contacts[contact],
                self.template_incoming if incoming else None,
                date=datetime(2026, 6, 1, 12, 30, 15) - timedelta(hours=hours),
                attempt_failed=failed,
                postponed=postponed,
            )
        elif action == "segment":
            segment = self.env["interaction.segment"].create(
                {"name": "Summary", "template_id": self.template_call.id}
            )
            segment._apply_criterion("add", [("id", "in", [self.contacts[i].id for i in args[0]])])
            segment.action_log()
        elif action == "cancel":
            self._pick(args[0]).action_cancel()
        elif action == "restore":
            entry = self._pick(args[0])
            if entry.canceled and not entry.logged_segment_id.canceled:
                entry.action_restore()
        elif action == "evaluate":
            entry = self._pick(args[0])
            if entry:
                entry.write({"evaluation": args[1], "attempt_failed": args[2]})
        elif action == "note":
            self._pick(args[0]).write({"note": "Called back"})
        elif action == "segment_cancel":
            logged = self.env["interaction.logged.segment"].search([], limit=1)
            if logged and args[0]:
                logged.action_cancel()
            elif logged:
                logged.action_restore()
        elif action == "erase":
            self.contacts[args[0]].with_user(self.manager).action_erase_interactions()
        elif action == "purge":
            entries._delete_batch(Domain("company_id", "=", self.env.company.id), args[0])
        elif action == "delete_postponed":
            entries.search([("postponed", "=", True)], limit=1).unlink()
        elif action == "resume":
            postponed = entries.search([("postponed", "=", True)], limit=1)
            if postponed:
                wizard = self.env["interaction.log.wizard"].create(
                    {"entry_id": postponed.id, "template_id": self.template_incoming.id}
                )
                if args[0]:
                    wizard.action_log()
                else:
                    wizard.action_save_for_later()
        elif action in ("sql_redate", "sql_delivery") and self._pick(args[0]):
            self.env.flush_all()
            if action == "sql_redate":
                change = SQL("date = date + %s * interval '1 hour'", args[1])
            else:
                change = SQL("delivery_status = 'delivered'")
            self.cr.execute(
                SQL(
                    "UPDATE interaction_log_entry SET %s WHERE id = %s",
                    change,
                    self._pick(args[0]).id,
                )
            )
            self.env.invalidate_all()
        elif action == "sql_anonymise":
            # What SQL of another module does to the log (anonymisation, retention).
            self.cr.execute(
                "UPDATE interaction_log_entry SET user_id = NULL, evaluation = NULL"
                " WHERE partner_id = %s",
                [self.contacts[args[0]].id],
            )
            entries.invalidate_model()
        elif action == "other_connection":
            for table in ("interaction_log_summary", "interaction_log_contact_summary"):
                self.cr.execute(
                    f"""UPDATE {table}
                           SET slot = (SELECT least(min(slot), 0) - 1 FROM {table})
                         WHERE slot = pg_backend_pid()"""
                )
        elif action == "compact":
            self.assertTrue(self.summary._compact())
            self.assertTrue(self.env["interaction.log.contact.summary"]._compact())
            self.cr.execute(
                """SELECT count(*) FROM interaction_log_summary WHERE slot <> 0 OR entry_count = 0
                   UNION ALL
                   SELECT count(*) FROM interaction_log_contact_summary
                    WHERE slot <> 0 OR entry_count = 0"""
            )
            self.assertEqual([row[0] for row in self.cr.fetchall()], [0, 0])

    @settings(
        max_examples=20,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(steps=st.lists(STEP, min_size=1, max_size=10))
    # Found by Hypothesis: one connection's row of a group counted 0 (one entry in, another
    # out) while its cost and duration did not, and was deleted as empty.
    @example(steps=[("cancel", 0), ("purge", 1)])
    # And a row that netted to nothing held the group's last date.
    @example(steps=[("segment_cancel", True), ("segment_cancel", False)])
    @example(steps=[("other_connection",), ("cancel", 0), ("purge", 1), ("compact",)])
    def test_summary_equals_a_group_by_after_every_write(self, steps):
        with self.cr.savepoint(flush=False) as savepoint:
            self.assertSummaryEqualsEntries("the start")
            for step in steps:
                self._run(step)
                self.assertSummaryEqualsEntries(step)
            savepoint.rollback()

    def test_compacting_leaves_the_rows_of_live_connections_alone(self):
        """The scheduled purge merges the rows of connections that are gone; those of a live
        connection, which may write to them at any moment, stay (make load: a print that
        logged while the merge deleted its connection's rows met it in a deadlock)."""
        self.log(self.contact_anna, date=datetime(2026, 3, 2, 10))
        self.log(self.contact_bob, date=datetime(2026, 3, 3, 10))
        self.env.flush_all()
        live = psycopg2.connect(dbname=self.cr.dbname)
        self.addCleanup(live.close)
        live_pid = live.get_backend_pid()
        live_rows = {}
        for table in ("interaction_log_summary", "interaction_log_contact_summary"):
            # This connection's rows: half of them the live one's, half a gone one's.
            self.cr.execute(
                f"""UPDATE {table} summary
                       SET slot = CASE WHEN mine.n %% 2 = 0 THEN %s ELSE -1 END
                      FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM {table}
                             WHERE slot = pg_backend_pid()) mine
                     WHERE summary.id = mine.id""",
                [live_pid],
            )
            self.cr.execute(
                f"SELECT slot, count(*) FROM {table} WHERE slot IN (%s, -1) GROUP BY slot",
                [live_pid],
            )
            live_rows[table] = dict(self.cr.fetchall())
            self.assertEqual(set(live_rows[table]), {live_pid, -1}, table)
        self.assertTrue(self.summary._compact())
        self.assertTrue(self.env["interaction.log.contact.summary"]._compact())
        for table, before in live_rows.items():
            self.cr.execute(f"SELECT slot, count(*) FROM {table} WHERE slot <> 0 GROUP BY slot")
            self.assertEqual(dict(self.cr.fetchall()), {live_pid: before[live_pid]}, table)
        self.assertSummaryEqualsEntries("compacted beside a live connection")

    def _analysis(self, entries, domain, groupby, aggregates=("__count", "cost:sum")):
        served = entries._read_group(domain, groupby, aggregates)
        # The same question asked of the entries themselves, bypassing the summary.
        direct = Model._read_group(entries, domain, groupby, aggregates)
        self.assertEqual(served, direct)
        return served

    def test_analysis_answers_what_the_entries_answer(self):
        for hours in range(0, 24 * 70, 7):
            self.log(
                self.contacts[hours % 4],
                self.template_incoming if hours % 3 else None,
                date=datetime(2026, 3, 1) + timedelta(hours=hours),
                attempt_failed=not hours % 5,
            )
        self._entries()[:6].action_cancel()
        entries = self.env["interaction.log.entry"].with_user(self.user)
        for tz in {self.summary_tz, "UTC", "Europe/Brussels", "America/New_York", "Asia/Kolkata"}:
            tz_entries = entries.with_context(tz=tz)
            for granularity in ("day", "week", "month", "quarter", "year", "day_of_week"):
                self._analysis(tz_entries, [], ["template_id", f"date:{granularity}"])
            groups = self._analysis(
                tz_entries,
                [("canceled", "=", False), ("postponed", "=", False)],
                ["group_id", "user_id", "state", "information_flow", "initiated_by"],
                ["__count", "cost:sum", "duration:sum"],
            )
            self.assertTrue(groups)
        entries = entries.with_context(tz=self.summary_tz)
        # A date filter at midnight (the search view's), and one that is not.
        start = self.local_midnight(datetime(2026, 3, 10))
        end = self.local_midnight(datetime(2026, 4, 3)) - timedelta(seconds=1)
        self._analysis(entries, [("date", ">=", start), ("date", "<=", end)], ["date:day"])
        self._analysis(entries, [("date", ">=", "2026-03-10 10:30:00")], ["template_id"])
        # What the summary does not hold comes from the entries.
        self._analysis(entries, [], ["partner_id"], ["__count", "cost:max"])
        self._analysis(entries, [], ["date:hour"])
        # And what it holds comes from it: the Analysis of a user of the summary's time zone.
        served = self.summary._read_group_entries(
            entries,
            [("postponed", "=", False), ("date", ">=", start), ("date", "<=", end)],
            ["template_id", "date:month"],
            ["__count", "cost:sum", "duration:sum"],
            (),
            0,
            None,
            None,
        )
        self.assertEqual(
            served,
            Model._read_group(
                entries,
                [("postponed", "=", False), ("date", ">=", start), ("date", "<=", end)],
                ["template_id", "date:month"],
                ["__count", "cost:sum", "duration:sum"],
            ),
        )
        self.assertIsNone(
            self.summary._read_group_entries(
                entries, [], ["date:hour"], ["__count"], (), 0, None, None
            )
        )

    def test_drilling_down_a_cell_opens_its_entries(self):
        for day in range(40):
            self.log(self.contact_anna, date=datetime(2026, 1, 20, 12) + timedelta(days=day))
        entries = self.env["interaction.log.entry"].with_context(tz=self.summary_tz)
        # The pivot's cell for (template, February) and the domain its click opens.
        cells = entries._read_group(
            [("postponed", "=", False)], ["template_id", "date:month"], ["__count"]
        )
        february = next(
            cell
            for cell in cells
            if cell[0] == self.template_call and cell[1] == datetime(2026, 2, 1)
        )
        opened = entries.search_count(
            [
                ("postponed", "=", False),
                ("template_id", "=", february[0].id),
                ("date", ">=", self.local_midnight(datetime(2026, 2, 1))),
                ("date", "<", self.local_midnight(datetime(2026, 3, 1))),
            ]
        )
        self.assertEqual(february[2], 28)
        self.assertEqual(opened, february[2])

    def test_other_companies_stay_out_of_the_analysis(self):
        other = self.env["res.company"].create({"name": "Other Interactions Company"})
        outsider = new_test_user(
            self.env,
            login="summary_outsider",
            groups="base.group_user,interaction_log.group_interaction_user",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        self.log(self.contact_anna)
        self.env["interaction.log.entry"].with_company(other).create(
            {
                "partner_id": self.lone_partner.id,
                "template_id": self.template_call.id,
                "company_id": other.id,
            }
        )
        entries = self.env["interaction.log.entry"].with_user(outsider)
        groups = self._analysis(entries, [], ["company_id"])
        self.assertEqual([(company, count) for company, count, _cost in groups], [(other, 1)])
        # A user of both companies is answered by the summary too, with both companies.
        both = new_test_user(
            self.env,
            login="summary_both",
            groups="base.group_user,interaction_log.group_interaction_user",
            company_ids=[Command.set((other | self.env.company).ids)],
        )
        entries = (
            self.env["interaction.log.entry"]
            .with_user(both)
            .with_context(allowed_company_ids=(other | self.env.company).ids, tz=self.summary_tz)
        )
        served = self.summary._read_group_entries(
            entries, [], ["company_id"], ["__count"], (), 0, None, None
        )
        self.assertEqual(served, Model._read_group(entries, [], ["company_id"], ["__count"]))
        self.assertEqual({company for company, _count in served}, {other, self.env.company})
        # The summary itself, read directly, keeps to the same companies.
        summary = self.env["interaction.log.summary"].with_user(outsider)
        self.assertEqual(summary.search([]).company_id, other)

    def test_contact_statistics_read_the_contacts_summary(self):
        for hours in range(0, 300, 7):
            self.log(
                self.contacts[hours % 4],
                date=datetime(2026, 3, 1) + timedelta(hours=hours),
                attempt_failed=not hours % 5,
            )
        entries = self.env["interaction.log.entry"].with_user(self.user)
        domain = Domain("canceled", "=", False) & (
            Domain("partner_id", "in", self.contacts.ids)
            | Domain("commercial_partner_id", "in", self.contacts.ids)
        )
        groupby = ["partner_id", "commercial_partner_id", "attempt_failed", "initiated_by"]
        aggregates = ["__count", "cost:sum", "duration:sum", "date:max"]
        served = self.env["interaction.log.contact.summary"]._read_group_entries(
            entries, domain, groupby, aggregates, 0, None, None
        )
        self.assertTrue(served)
        self.assertEqual(served, Model._read_group(entries, domain, groupby, aggregates))
        # The latest entry of a contact cancelled, then erased: its last date goes back.
        latest = entries.search([("partner_id", "=", self.contact_anna.id)], limit=1)
        latest.action_cancel()
        self._analysis(entries, domain, groupby, aggregates)
        self.contact_anna.with_user(self.manager).action_erase_interactions()
        self._analysis(entries, domain, groupby, aggregates)

    def test_template_and_group_statistics_follow_every_change(self):
        entries = self.log(self.contact_anna) | self.log(self.contact_bob)
        self.assertEqual(self.template_call.interaction_count, 2)
        self.assertEqual(self.group_phone.interaction_cost, 5.0)
        entries[0].action_cancel()
        self.env.invalidate_all()
        self.assertEqual(self.template_call.interaction_count, 1)
        self.assertEqual(self.group_phone.interaction_duration, 15)
