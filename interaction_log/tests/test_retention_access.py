from odoo.tests import HttpCase, new_test_user, tagged

from .common import JsonRpcMixin


@tagged("post_install", "-at_install")
class TestRetentionAccessThroughJsonRpc(JsonRpcMixin, HttpCase):
    """What an external client may do to retention policies and legal holds: a user nothing,
    an Interaction Manager everything, through the buttons' methods only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(cls.env, login="il_retention_user", groups="base.group_user")
        cls.manager = new_test_user(
            cls.env,
            login="il_retention_manager",
            groups="base.group_user,interaction_log.group_interaction_manager",
            name="Rita Retention",
        )
        cls.group = cls.env.ref("interaction_log.interaction_group_phone")
        cls.policy = cls.env["interaction.retention.policy"].create(
            {"group_id": cls.group.id, "keep_months": 24}
        )
        cls.partner = cls.env["res.partner"].create({"name": "RPC Held Contact"})

    def test_users_cannot_read_or_change_policies(self):
        model = "interaction.retention.policy"
        calls = [
            ("search_read", [[]]),
            ("create", [{"group_id": self.group.id, "keep_months": 1, "action": "delete"}]),
            ("write", [[self.policy.id], {"keep_months": 1}]),
            ("unlink", [[self.policy.id]]),
        ]
        for method, args in calls:
            with self.subTest(method=method):
                message = self.rpc_error(self.rpc(self.user, model, method, *args))
                self.assertIn("You are not allowed", message)
        self.assertEqual(self.policy.keep_months, 24)

        result = self.rpc(self.manager, model, "write", [self.policy.id], {"keep_months": 36})
        self.assertNotIn("error", result)
        self.policy.invalidate_recordset()
        self.assertEqual(self.policy.keep_months, 36)

    def test_users_cannot_set_or_lift_a_legal_hold(self):
        attempts = [
            ("res.partner", "write", [[self.partner.id], {"interaction_legal_hold": True}]),
            (
                "res.partner",
                "create",
                [{"name": "Held", "interaction_legal_hold": True}],
            ),
            ("res.partner", "action_interaction_legal_hold", [[self.partner.id]]),
            ("res.partner", "action_interaction_legal_hold_lift", [[self.partner.id]]),
            (
                "interaction.legal.hold.wizard",
                "create",
                [{"partner_id": self.partner.id, "reason": "mine"}],
            ),
        ]
        for model, method, args in attempts:
            with self.subTest(method=method, model=model):
                self.rpc_error(self.rpc(self.user, model, method, *args))
        # Even a manager sets the fields only through the wizard.
        self.rpc_error(
            self.rpc(
                self.manager,
                "res.partner",
                "write",
                [self.partner.id],
                {"interaction_legal_hold": True},
            )
        )
        self.partner.invalidate_recordset()
        self.assertFalse(self.partner.interaction_legal_hold)

        wizard = self.rpc(
            self.manager,
            "interaction.legal.hold.wizard",
            "create",
            {"partner_id": self.partner.id, "reason": "Subpoena 7"},
        )["result"]
        result = self.rpc(self.manager, "interaction.legal.hold.wizard", "action_confirm", [wizard])
        self.assertNotIn("error", result)
        self.partner.invalidate_recordset()
        self.assertTrue(self.partner.interaction_legal_hold)
        self.assertEqual(self.partner.interaction_legal_hold_by_id, self.manager)

        self.rpc_error(
            self.rpc(
                self.user, "res.partner", "action_interaction_legal_hold_lift", [self.partner.id]
            )
        )
        self.partner.invalidate_recordset()
        self.assertTrue(self.partner.interaction_legal_hold, "still held")
        result = self.rpc(
            self.manager, "res.partner", "action_interaction_legal_hold_lift", [self.partner.id]
        )
        self.assertNotIn("error", result)
        self.partner.invalidate_recordset()
        self.assertFalse(self.partner.interaction_legal_hold)
        self.assertIn("Legal hold lifted by Rita Retention", self.partner.message_ids[0].body)
