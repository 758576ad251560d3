import json

from odoo.tests import HttpCase, new_test_user, tagged

from .common import JsonRpcMixin
from .test_access_rights import OPERATIONS, expected_rights


@tagged("post_install", "-at_install")
class TestAccessRightsThroughJsonRpc(JsonRpcMixin, HttpCase):
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
        return self.rpc(self.logins[role], model, method, *args, **kwargs)

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
        """The public user has no access right on any interaction model (what a route running
        as the public user could reach), and an anonymous session is turned away."""
        public = self.env.ref("base.public_user")
        for model in expected_rights("internal"):
            with self.subTest(model=model):
                self.assertFalse(self.env[model].with_user(public).has_access("read"))
        response = self.url_open(
            "/web/dataset/call_kw/interaction.log.entry/search_read",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": "interaction.log.entry",
                        "method": "search_read",
                        "args": [[]],
                        "kwargs": {},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(
            response.json()["error"]["data"]["name"], "odoo.http.SessionExpiredException"
        )
