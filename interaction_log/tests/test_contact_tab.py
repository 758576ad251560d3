from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import SQL

from .common import InteractionLogCommon

TAB = "interaction_counted_entry_ids"
# What the web client asks for the tab: its columns and its first page.
TAB_SPEC = {
    "fields": {"date": {}, "title": {}, "partner_id": {"fields": {"display_name": {}}}},
    "limit": 2,
}


@tagged("post_install", "-at_install")
class TestContactTab(InteractionLogCommon):
    """The contact's Interactions tab as the web client reads it: the id of every entry its
    statistics count, newest first (the pager counts them), the columns of the first page
    only; an edit of the contact leaves the tab alone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Tab Company B"})
        cls.user_ab = new_test_user(
            cls.env,
            login="tab_user_ab",
            groups="base.group_user",
            company_id=cls.env.company.id,
            company_ids=[cls.env.company.id, cls.company_b.id],
        )
        cls.user_a = new_test_user(
            cls.env,
            login="tab_user_a",
            groups="base.group_user",
            company_id=cls.env.company.id,
            company_ids=[cls.env.company.id],
        )
        cls.own = cls.log(cls.company_partner, date="2026-02-01 09:00:00")
        cls.anna = cls.log(cls.contact_anna, date="2026-03-01 09:00:00")
        # The same date: the later entry first, as the list orders them.
        cls.bob = cls.log(cls.contact_bob, date="2026-03-01 09:00:00")
        cls.anna_failed = cls.log(cls.contact_anna, date="2026-04-01 09:00:00", attempt_failed=True)
        cls.log(cls.contact_bob, date="2026-05-01 09:00:00").action_cancel()
        cls.log(cls.contact_bob, date="2026-06-01 09:00:00", postponed=True)
        template_b = cls.env["interaction.template"].create(
            {
                "code": "TAB_B",
                "name": "B's call",
                "group_id": cls.group_phone.id,
                "company_id": cls.company_b.id,
            }
        )
        cls.in_b = cls.env["interaction.log.entry"].create(
            {
                "partner_id": cls.contact_anna.id,
                "template_id": template_b.id,
                "company_id": cls.company_b.id,
                "date": "2026-07-01 09:00:00",
            }
        )
        # The lone contact, its own company at first, then one of Azure's people: its tab
        # holds both times, in date order; Azure's, the second only.
        cls.lone_alone = cls.log(cls.lone_partner, date="2026-01-10 09:00:00")
        cls.lone_alone_later = cls.log(cls.lone_partner, date="2026-03-10 09:00:00")
        cls.lone_partner.parent_id = cls.company_partner
        cls.lone_at_azure = cls.log(cls.lone_partner, date="2026-02-10 09:00:00")
        cls.lone_at_azure_later = cls.log(cls.lone_partner, date="2026-04-10 09:00:00")

    def tab(self, partner, user=None, companies=None, spec=None):
        partner = partner.with_user(user or self.user_ab)
        if companies:
            partner = partner.with_context(allowed_company_ids=companies.ids)
        [values] = partner.web_read({TAB: spec or TAB_SPEC, "interaction_count": {}})
        return values

    def test_company_tab_lists_what_its_statistics_count_newest_first(self):
        values = self.tab(self.company_partner, companies=self.env.company)
        expected = (
            self.lone_at_azure_later,
            self.anna_failed,
            self.bob,
            self.anna,
            self.lone_at_azure,
            self.own,
        )
        self.assertEqual([line["id"] for line in values[TAB]], [entry.id for entry in expected])
        self.assertEqual(len(values[TAB]), values["interaction_count"])
        # The first page read, the rest ids only.
        self.assertEqual(
            values[TAB][:2],
            [
                {
                    "id": entry.id,
                    "date": entry.date,
                    "title": entry.title,
                    "partner_id": {
                        "id": entry.partner_id.id,
                        "display_name": entry.partner_id.display_name,
                    },
                }
                for entry in expected[:2]
            ],
        )
        self.assertEqual(values[TAB][2:], [{"id": entry.id} for entry in expected[2:]])

    def test_a_contact_of_two_times_lists_both_in_date_order(self):
        values = self.tab(self.lone_partner, spec={"fields": {"date": {}}})
        expected = (
            self.lone_at_azure_later,
            self.lone_alone_later,
            self.lone_at_azure,
            self.lone_alone,
        )
        self.assertEqual(values[TAB], [{"id": entry.id, "date": entry.date} for entry in expected])
        self.assertEqual(values["interaction_count"], 4)

    def test_tab_follows_the_allowed_companies(self):
        in_a = self.tab(self.contact_anna, companies=self.env.company)
        in_both = self.tab(self.contact_anna, companies=self.env.company | self.company_b)
        self.assertEqual([line["id"] for line in in_a[TAB]], [self.anna_failed.id, self.anna.id])
        self.assertEqual(
            [line["id"] for line in in_both[TAB]],
            [self.in_b.id, self.anna_failed.id, self.anna.id],
        )
        self.assertEqual(len(in_both[TAB]), in_both["interaction_count"])
        # A user of company A only: B's entry is none of theirs, whatever they ask.
        self.assertEqual(
            [line["id"] for line in self.tab(self.contact_anna, user=self.user_a)[TAB]],
            [self.anna_failed.id, self.anna.id],
        )

    def test_a_partner_the_user_may_not_read_gives_no_tab(self):
        """Asked for the tab alone, Odoo's web_read reads nothing of the partner: the tab's
        read checks the partner's own access."""
        partner_b = self.env["res.partner"].create(
            {"name": "Of Company B only", "company_id": self.company_b.id}
        )
        with self.assertRaises(AccessError):
            partner_b.with_user(self.user_a).web_read({TAB: TAB_SPEC})

    def test_tab_lists_what_its_field_holds_in_the_order_asked(self):
        for partner in (self.company_partner, self.lone_partner, self.contact_bob):
            field = partner.with_user(self.user_ab)[TAB]
            listed = self.tab(partner)[TAB]
            self.assertEqual([line["id"] for line in listed], field.ids)
            # A column sort, as the web client asks for it after one: the same entries.
            oldest_first = self.tab(partner, spec=dict(TAB_SPEC, order="date asc, id asc"))[TAB]
            self.assertEqual([line["id"] for line in oldest_first], field.ids[::-1])
            self.assertEqual(
                oldest_first[:2], field[::-1][:2].web_read(TAB_SPEC["fields"]), partner.name
            )

    def test_the_halves_are_read_from_their_indexes_alone(self):
        # The tab's ids come from the counted_* indexes without a visit to the table: the
        # rules' company included, at any size of the table (make bench, row 9).
        # A few rows here: the planner is told to read them as it does a big table's.
        for method in ("seqscan", "bitmapscan", "sort"):
            self.env.cr.execute(f"SET LOCAL enable_{method} = off")
        partner = self.company_partner.with_user(self.user_ab)
        for half, index in zip(
            partner._interaction_counted_halves(),
            ("counted_company_idx", "counted_contact_idx"),
            strict=True,
        ):
            self.env.cr.execute(SQL("EXPLAIN %s", half.select()))
            plan = "\n".join(row[0] for row in self.env.cr.fetchall())
            self.assertIn(f"Index Only Scan using interaction_log_entry_{index}", plan)
            self.assertNotIn("Sort", plan)

    def test_an_edit_of_the_contact_reads_none_of_its_entries(self):
        def edit_queries():
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            result = self.company_partner.onchange(
                {"email": "azure@example.com"},
                ["email"],
                {"email": {}, "name": {}, TAB: {"fields": {"date": {}, "title": {}}}},
            )
            self.assertNotIn(TAB, result["value"])
            return self.env.cr.sql_log_count - before

        few = edit_queries()
        self.env["interaction.log.entry"].create(
            [
                {"partner_id": self.contact_anna.id, "template_id": self.template_call.id}
                for _ in range(1200)
            ]
        )
        self.assertEqual(edit_queries(), few)
        # As a user edits the form: the tab still shows every entry after the save.
        editor = new_test_user(
            self.env, login="tab_editor", groups="base.group_user,base.group_partner_manager"
        )
        with Form(self.company_partner.with_user(editor)) as form:
            form.phone = "+32 2 000 00 00"
        self.assertEqual(
            len(self.company_partner.with_user(self.user_ab)[TAB]),
            self.company_partner.with_user(self.user_ab).interaction_count,
        )
