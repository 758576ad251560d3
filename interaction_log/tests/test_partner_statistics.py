from datetime import datetime

from odoo.tests import tagged

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
        # The partner tree (parent_path, then the descendants) and one grouped read, for
        # one partner as for thirty.
        for partners in (self.lone_partner, many):
            self.env.invalidate_all()
            with self.subTest(partners=len(partners)), self.assertQueryCount(3):
                partners.mapped("interaction_count")
        self.assertEqual(set(many.mapped("interaction_count")), {1})

    def test_user_without_interaction_rights_sees_no_statistics(self):
        portal = self.env["res.users"].create(
            {
                "name": "Portal",
                "login": "portal_il",
                "group_ids": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        self.assertFalse(portal.has_group("interaction_log.group_interaction_user"))
        self.assertTrue(self.user.has_group("interaction_log.group_interaction_user"))
