from datetime import datetime

from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from .common import InteractionLogCommon


@tagged("post_install", "-at_install")
class TestPartnerStatistics(InteractionLogCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.log(cls.contact_anna, date="2026-03-01 09:00:00", cost=10, duration=30)
        cls.log(cls.contact_anna, date="2026-04-01 09:00:00", attempt_failed=True)
        cls.log(cls.contact_bob, template=cls.template_incoming, date="2026-05-01 09:00:00")
        cls.log(cls.contact_bob, date="2026-06-01 09:00:00").action_cancel()
        cls.log(cls.contact_bob, date="2026-07-01 09:00:00", postponed=True)
        cls.log(cls.company_partner, date="2026-02-01 09:00:00", cost=1, duration=5)

    def test_contact_statistics(self):
        self.assertRecordValues(
            self.contact_anna,
            [
                {
                    "interaction_count": 2,
                    "interaction_cost": 12.5,
                    "interaction_duration": 45,
                    "last_interaction_date": datetime(2026, 3, 1, 9),
                    "last_attempt_date": datetime(2026, 4, 1, 9),
                }
            ],
        )
        self.assertRecordValues(
            self.contact_bob,
            [
                {
                    "interaction_count": 1,
                    "interaction_cost": 0,
                    "interaction_duration": 10,
                    "last_interaction_date": datetime(2026, 5, 1, 9),
                    "last_attempt_date": False,
                }
            ],
        )
        self.assertRecordValues(
            self.lone_partner,
            [{"interaction_count": 0, "interaction_cost": 0, "last_interaction_date": False}],
        )

    def test_company_rolls_up_its_contacts(self):
        self.assertRecordValues(
            self.company_partner,
            [
                {
                    "interaction_count": 4,
                    "interaction_cost": 13.5,
                    "interaction_duration": 60,
                    "last_interaction_date": datetime(2026, 5, 1, 9),
                    "last_attempt_date": datetime(2026, 4, 1, 9),
                }
            ],
        )

    def test_smart_button_opens_what_it_counts(self):
        action = self.company_partner.action_view_interactions()
        entries = self.env["interaction.log.entry"].search(
            action["domain"] + [("canceled", "=", False)]
        )
        self.assertEqual(len(entries), self.company_partner.interaction_count)
        self.assertEqual(action["context"]["search_default_not_canceled"], 1)

    def test_statistics_take_a_constant_number_of_queries(self):
        many = self.env["res.partner"].create([{"name": f"Contact {i}"} for i in range(30)])
        self.env["interaction.log.entry"].create(
            [{"partner_id": partner.id, "template_id": self.template_call.id} for partner in many]
        )
        # One grouped read of the entries of the partners or of their companies (an entry
        # keeps its company): as many queries for thirty partners, or a company, as for one.
        cases = [
            (self.lone_partner, 1),
            (many, 1),
            (self.contact_anna, 1),
            (self.company_partner, 1),
            (many | self.company_partner | self.contact_anna, 1),
        ]
        for partners, queries in cases:
            self.env.invalidate_all()
            with self.subTest(partners=partners.ids[:3]), self.assertQueryCount(queries):
                partners.mapped("interaction_count")
        self.assertEqual(set(many.mapped("interaction_count")), {1})

    def test_user_without_interaction_rights_sees_no_statistics(self):
        portal = new_test_user(self.env, login="portal_il", groups="base.group_portal")
        partner = self.contact_anna.with_user(portal)
        with self.assertRaises(AccessError):
            partner.read(["interaction_count"])
        self.assertNotIn(
            "interaction_count", self.env["res.partner"].with_user(portal).fields_get()
        )
        self.assertEqual(self.contact_anna.with_user(self.user).interaction_count, 2)

    def test_date_filter_is_not_served_from_the_cache(self):
        self.assertEqual(self.company_partner.interaction_count, 4)
        spring = self.company_partner.with_context(
            interaction_date_from="2026-03-15 00:00:00", interaction_date_to="2026-06-30 00:00:00"
        )
        self.assertEqual(spring.interaction_count, 2)
        self.assertEqual(self.company_partner.interaction_count, 4)

    def test_statistics_on_an_edited_contact_form(self):
        with Form(self.contact_anna) as form:
            form.name = "Anna Azure-Smith"
            self.assertEqual(form.interaction_count, 2)
