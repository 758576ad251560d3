from odoo.tests import HttpCase, new_test_user, tagged

from .common import JsonRpcMixin


@tagged("post_install", "-at_install")
class TestNeverLogThroughJsonRpc(JsonRpcMixin, HttpCase):
    """What an external client can do with never-log rules and lists: a user reads rules
    and writes only their own list; rules are the Interaction Managers'."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(cls.env, login="il_never_rpc_user", groups="base.group_user")
        cls.colleague = new_test_user(
            cls.env, login="il_never_rpc_colleague", groups="base.group_user"
        )
        cls.manager = new_test_user(
            cls.env,
            login="il_never_rpc_manager",
            groups="base.group_user,interaction_log.group_interaction_manager",
        )
        cls.rule = cls.env["interaction.never.log.rule"].create(
            {"kind": "domain", "value": "@bank.example", "note": "Our bank"}
        )
        cls.colleague.interaction_never_log_addresses = "friend@example.org"

    def test_users_cannot_create_edit_or_delete_rules(self):
        model = "interaction.never.log.rule"
        self.assertEqual(
            self.rpc(self.user, model, "read", [self.rule.id], ["value"])["result"][0]["value"],
            "@bank.example",
        )
        for method, args in (
            ("create", [{"kind": "email", "value": "boss@example.com"}]),
            ("write", [[self.rule.id], {"active": False}]),
            ("unlink", [[self.rule.id]]),
            ("action_apply_to_history", [[self.rule.id]]),
        ):
            with self.subTest(method=method):
                self.assertIn(
                    "not allowed", self.rpc_error(self.rpc(self.user, model, method, *args))
                )
        self.assertTrue(self.rule.exists().active)
        self.assertFalse(self.rule.search([("value", "=", "boss@example.com")]))
        self.assertIn(
            "not allowed",
            self.rpc_error(
                self.rpc(
                    self.user,
                    "interaction.never.log.history.wizard",
                    "create",
                    [{"rule_id": self.rule.id, "history_action": "delete"}],
                )
            ),
        )

    def test_managers_manage_rules(self):
        result = self.rpc(
            self.manager,
            "interaction.never.log.rule",
            "create",
            [{"kind": "email", "value": "Boss@Example.com"}],
        )
        rule = self.env["interaction.never.log.rule"].browse(result["result"])
        self.assertEqual(rule.value, "boss@example.com")
        self.rpc(
            self.manager,
            "interaction.never.log.rule",
            "write",
            [rule.id],
            {"note": "Private", "value": "ceo@example.com"},
        )
        tracked = rule.message_ids.tracking_value_ids
        self.assertEqual(
            sorted(tracked.mapped("field_id.name")), ["note", "value"], "every change tracked"
        )
        self.assertEqual(
            tracked.filtered(lambda t: t.field_id.name == "value").old_value_char,
            "boss@example.com",
        )

    def test_a_user_writes_and_reads_only_their_own_list(self):
        field = "interaction_never_log_addresses"
        result = self.rpc(self.user, "res.users", "write", [self.user.id], {field: "A@example.org"})
        self.assertNotIn("error", result)
        self.assertEqual(
            self.rpc(self.user, "res.users", "read", [self.user.id], [field])["result"][0][field],
            "a@example.org",
        )
        self.assertIn(
            field,
            self.rpc_error(self.rpc(self.user, "res.users", "read", [self.colleague.id], [field])),
        )
        self.rpc_error(
            self.rpc(self.user, "res.users", "write", [self.colleague.id], {field: "x@example.org"})
        )
        self.assertFalse(
            self.rpc(
                self.user,
                "res.users",
                "search",
                [("id", "=", self.colleague.id), (field, "!=", False)],
            ).get("result")
        )
        self.assertEqual(self.colleague.interaction_never_log_addresses, "friend@example.org")
