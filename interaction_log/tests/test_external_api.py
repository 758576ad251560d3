from odoo.tests import HttpCase, new_test_user, tagged

from .common import JsonRpcMixin


@tagged("post_install", "-at_install")
class TestExternalApiBadInput(JsonRpcMixin, HttpCase):
    """Bad input through JSON-RPC, as an integration would send it: each is refused with an
    error that names the problem. (That a refused call leaves nothing behind is the RPC
    transaction's doing, not the module's, so it is not claimed here.)"""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(cls.env, login="il_api_user", groups="base.group_user")
        cls.partner = cls.env["res.partner"].create({"name": "API Contact"})
        cls.template = cls.env.ref("interaction_log.interaction_template_phone_out")
        other_company = cls.env["res.company"].create({"name": "API Other Company"})
        cls.foreign_template = cls.template.copy(
            {"code": "API_FOREIGN", "company_id": other_company.id}
        )
        cls.private_partner = cls.env["res.partner"].create(
            {"name": "API Private", "company_id": other_company.id}
        )

    def call(self, model, method, *args, **kwargs):
        return self.rpc(self.user, model, method, *args, **kwargs)

    def test_bad_entries_are_refused_with_a_message_that_names_the_problem(self):
        valid = {"partner_id": self.partner.id, "template_id": self.template.id}
        cases = [
            ("missing contact", {"template_id": self.template.id}, "contact and a template"),
            ("missing template", {"partner_id": self.partner.id}, "contact and a template"),
            ("unknown contact", {**valid, "partner_id": 999999999}, "does not exist"),
            ("unknown template", {**valid, "template_id": 999999999}, "does not exist"),
            ("wrong type", {**valid, "cost": "a lot"}, "could not convert"),
            ("negative cost", {**valid, "cost": -5}, "cannot be negative"),
            ("negative duration", {**valid, "duration": -1}, "cannot be negative"),
            ("absurd date", {**valid, "date": "99999-01-01 00:00:00"}, "does not match format"),
            ("unknown field", {**valid, "no_such_field": 1}, "Invalid field"),
            ("unknown selection value", {**valid, "information_flow": "sideways"}, "Wrong value"),
            (
                "template of another company",
                {**valid, "template_id": self.foreign_template.id},
                "company crossover",
            ),
            (
                "contact of another company",
                {**valid, "partner_id": self.private_partner.id},
                "company crossover",
            ),
        ]
        for label, values, message in cases:
            with self.subTest(label):
                result = self.call("interaction.log.entry", "create", [valid, values])
                self.assertIn(message, self.rpc_error(result))

    def test_a_huge_description_is_stored_whole_or_refused_cleanly(self):
        huge = "x" * 1_000_000
        result = self.call(
            "interaction.log.entry",
            "create",
            {"partner_id": self.partner.id, "template_id": self.template.id, "name": huge},
        )
        self.assertIn("result", result)
        entry = self.env["interaction.log.entry"].browse(result["result"])
        self.assertEqual(len(entry.name), 1_000_000)

    def test_logged_entries_cannot_be_rewritten_through_the_api(self):
        entry = (
            self.env["interaction.log.entry"]
            .with_user(self.user)
            .create({"partner_id": self.partner.id, "template_id": self.template.id})
        )
        result = self.call("interaction.log.entry", "write", [entry.id], {"cost": 999})
        self.assertIn("only the evaluation", result["error"]["data"]["message"])
        result = self.call("interaction.log.entry", "unlink", [entry.id])
        self.assertIn("doesn't have 'unlink' access", self.rpc_error(result))
        self.assertTrue(entry.exists())
        self.assertEqual(entry.cost, self.template.unit_cost)
