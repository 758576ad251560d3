from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import InteractionLogCommon


@tagged("post_install", "-at_install")
class TestMultiCompany(InteractionLogCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Company B"})
        cls.user_a = new_test_user(
            cls.env,
            login="il_user_a",
            groups="base.group_user,interaction_log.group_interaction_manager",
            company_id=cls.company_a.id,
            company_ids=[cls.company_a.id],
        )
        # A contact both companies deal with (no company of its own).
        cls.shared = cls.env["res.partner"].create({"name": "Shared Customer"})
        cls.template_b = cls.env["interaction.template"].create(
            {
                "code": "B_ONLY",
                "name": "B's call",
                "group_id": cls.group_phone.id,
                "company_id": cls.company_b.id,
                "unit_cost": 100,
            }
        )
        cls.entry_a = cls.log(cls.shared, cost=1)
        cls.entry_b = cls.env["interaction.log.entry"].create(
            {
                "partner_id": cls.shared.id,
                "template_id": cls.template_b.id,
                "company_id": cls.company_b.id,
            }
        )
        cls.segment_b = cls.env["interaction.segment"].create(
            {
                "name": "B's segment",
                "company_id": cls.company_b.id,
                "template_id": cls.template_b.id,
            }
        )
        cls.segment_b._apply_criterion("add", [("id", "=", cls.shared.id)])
        cls.segment_b.action_log()

    def test_user_of_a_sees_nothing_of_b(self):
        env_a = self.env(user=self.user_a)
        self.assertEqual(
            env_a["interaction.log.entry"].search([("partner_id", "=", self.shared.id)]),
            self.entry_a,
        )
        self.assertFalse(env_a["interaction.template"].search([("code", "=", "B_ONLY")]))
        self.assertFalse(env_a["interaction.segment"].search([("id", "=", self.segment_b.id)]))
        self.assertFalse(
            env_a["interaction.logged.segment"].search([("segment_id", "=", self.segment_b.id)])
        )
        for record in (self.entry_b, self.template_b, self.segment_b, self.segment_b.line_ids[0]):
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                record.with_user(self.user_a).read(["display_name"])

    def test_statistics_and_pivot_count_only_the_user_company(self):
        self.assertEqual(
            self.shared.sudo().interaction_count, 3, "the superuser sees both companies"
        )
        shared_a = self.shared.with_user(self.user_a)
        self.assertEqual((shared_a.interaction_count, shared_a.interaction_cost), (1, 1))
        groups = (
            self.env["interaction.log.entry"]
            .with_user(self.user_a)
            ._read_group(
                [("partner_id", "=", self.shared.id)], ["template_id"], ["__count", "cost:sum"]
            )
        )
        self.assertEqual(
            [(template.code, count) for template, count, _cost in groups], [("T_CALL", 1)]
        )
        self.assertEqual(self.group_phone.with_user(self.user_a).interaction_count, 1)

    def test_user_of_a_cannot_write_into_b(self):
        entries = self.env["interaction.log.entry"].with_user(self.user_a)
        with self.assertRaises(AccessError):
            entries.create(
                {
                    "partner_id": self.shared.id,
                    "template_id": self.template_call.id,
                    "company_id": self.company_b.id,
                }
            )
        with self.assertRaises(AccessError):
            self.entry_b.with_user(self.user_a).write({"evaluation": "positive"})
        with self.assertRaises(UserError):
            entries.create({"partner_id": self.shared.id, "template_id": self.template_b.id})
        self.assertEqual(self.entry_b.evaluation, False)

    def test_settings_of_a_leave_b_alone(self):
        self.env["interaction.retention.wizard"].with_user(self.user_a).create(
            {"interaction_retention_days": 45}
        ).action_save()
        self.assertEqual(self.company_a.interaction_retention_days, 45)
        self.assertEqual(self.company_b.interaction_retention_days, 0)
