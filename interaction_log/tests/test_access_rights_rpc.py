import json

from odoo.tests import HttpCase, new_test_user, tagged

from .test_access_rights import OPERATIONS, expected_rights


@tagged("post_install", "-at_install")
class TestAccessRightsThroughJsonRpc(HttpCase):
    """The access matrix again, as an external client sees it, plus the actions."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.logins = {
            "internal": new_test_user(cls.env, login="il_rpc_internal", groups="base.group_user"),
            "manager": new_test_user(
                cls.env,
                login="il_rpc_manager",
                groups="base.group_user,interaction_log.group_interaction_manager",
            ),
            "portal": new_test_user(cls.env, login="il_rpc_portal", groups="base.group_portal"),
        }
        template = cls.env.ref("interaction_log.interaction_template_phone_out")
        partner = cls.env["res.partner"].create({"name": "RPC Contact"})
        cls.entry = cls.env["interaction.log.entry"].create(
            {"partner_id": partner.id, "template_id": template.id}
        )
        cls.partner = partner

    def call(self, role, model, method, *args, **kwargs):
        user = self.logins[role]
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [
                    self.env.cr.dbname,
                    user.id,
                    user.login,
                    model,
                    method,
                    list(args),
                    kwargs,
                ],
            },
        }
        response = self.url_open(
            "/jsonrpc", data=json.dumps(payload), headers={"Content-Type": "application/json"}
        )
        return response.json()

    def test_model_access_matrix_through_json_rpc(self):
        cases = 0
        for role in self.logins:
            for model, allowed in expected_rights(role).items():
                for operation in OPERATIONS:
                    cases += 1
                    with self.subTest(role=role, model=model, operation=operation):
                        result = self.call(role, model, "has_access", [], operation)
                        self.assertNotIn("error", result)
                        self.assertEqual(result["result"], operation in allowed)
        self.assertEqual(cases, 3 * 16 * 4)

    def test_actions_through_json_rpc(self):
        actions = [
            ("interaction.log.entry", "action_cancel", [self.entry.id]),
            ("interaction.log.entry", "action_restore", [self.entry.id]),
            ("res.partner", "action_erase_interactions", [self.partner.id]),
        ]
        allowed = {
            "internal": {"action_cancel", "action_restore"},
            "manager": {"action_cancel", "action_restore", "action_erase_interactions"},
            "portal": set(),
        }
        for role in ("portal", "internal", "manager"):
            for model, method, ids in actions:
                with self.subTest(role=role, method=method):
                    result = self.call(role, model, method, ids)
                    self.assertEqual(
                        "error" not in result, method in allowed[role], result.get("error")
                    )

    def test_public_clients_get_nothing(self):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [
                    self.env.cr.dbname,
                    self.env.ref("base.public_user").id,
                    "",
                    "interaction.log.entry",
                    "search_read",
                    [[]],
                    {},
                ],
            },
        }
        response = self.url_open(
            "/jsonrpc", data=json.dumps(payload), headers={"Content-Type": "application/json"}
        )
        self.assertIn("error", response.json())
