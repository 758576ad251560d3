from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import InteractionLogCommon

OPERATIONS = ("read", "create", "write", "unlink")
CONFIGURATION = (
    "interaction.group",
    "interaction.template",
    "interaction.document.kind",
    "interaction.document.setup",
)
WORK = (
    "interaction.segment",
    "interaction.segment.line",
    "interaction.segment.criterion",
    "interaction.segment.criteria",
    "interaction.log.wizard",
    "interaction.segment.criteria.wizard",
    "interaction.segment.reuse.wizard",
    "interaction.evaluate.wizard",
)
MANAGEMENT = ("interaction.delete.canceled.wizard", "interaction.retention.wizard")


def expected_rights(role):
    """{model: set of allowed operations} for each role, as the module grants them."""
    everything = set(OPERATIONS)
    if role in ("portal", "public"):
        return {
            model: set()
            for model in (
                *CONFIGURATION,
                *WORK,
                *MANAGEMENT,
                "interaction.log.entry",
                "interaction.logged.segment",
            )
        }
    rights = {model: {"read"} for model in CONFIGURATION}
    rights |= {model: everything for model in WORK}
    rights |= {model: set() for model in MANAGEMENT}
    # Users delete entries too, but a record rule limits them to postponed ones.
    rights["interaction.log.entry"] = everything
    rights["interaction.logged.segment"] = {"read", "create", "write"}
    if role == "manager":
        rights = {model: everything for model in rights}
    return rights


@tagged("post_install", "-at_install")
class TestAccessRights(InteractionLogCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            "internal": new_test_user(cls.env, login="il_internal", groups="base.group_user"),
            "user": cls.user,
            "manager": cls.manager,
            "portal": new_test_user(cls.env, login="il_portal", groups="base.group_portal"),
            "public": new_test_user(cls.env, login="il_public", groups="base.group_public"),
        }

    def test_model_access_matrix(self):
        cases = 0
        for role, user in self.users.items():
            for model, allowed in expected_rights(role).items():
                for operation in OPERATIONS:
                    cases += 1
                    with self.subTest(role=role, model=model, operation=operation):
                        records = self.env[model].with_user(user)
                        if operation in allowed:
                            records.check_access(operation)
                        else:
                            with self.assertRaises(AccessError):
                                records.check_access(operation)
        self.assertEqual(cases, 5 * 16 * 4, "5 roles x 16 models x 4 operations")

    def test_record_rules_on_entries(self):
        logged = self.log(self.lone_partner)
        canceled = self.log(self.lone_partner)
        canceled.action_cancel()
        postponed = self.log(self.lone_partner, postponed=True)
        for role in ("internal", "user"):
            user = self.users[role]
            with self.subTest(role=role):
                for entry in (logged, canceled):
                    with self.assertRaises(AccessError):
                        entry.with_user(user).unlink()
                self.assertEqual(
                    logged.with_user(user).read(["name"])[0]["name"], "Outgoing test call"
                )
        postponed.with_user(self.users["user"]).unlink()
        canceled.with_user(self.manager).unlink()
        self.assertFalse((postponed | canceled).exists())
        self.assertTrue(logged.exists())

    def test_portal_and_public_see_nothing_of_a_contact_history(self):
        self.log(self.lone_partner)
        for role in ("portal", "public"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.env["interaction.log.entry"].with_user(self.users[role]).search([])

    def test_fields_only_the_system_sets(self):
        """The matrix's last column: no role may set where an entry comes from, on create,
        write, copy or through a default, not even a manager; automatic logging (as
        superuser) may."""
        order = self.env["sale.order"].create({"partner_id": self.lone_partner.id})
        logged_segment = self.env["interaction.logged.segment"].create({"name": "Batch"})
        system_values = {
            "res_model": "sale.order",
            "res_id": order.id,
            "document_type": "quotation",
            "document_name": order.name,
            "message_id": "<forged@example.com>",
            "logged_segment_id": logged_segment.id,
        }
        entries = self.env["interaction.log.entry"]
        cases = 0
        for role in ("internal", "user", "manager"):
            user = self.users[role]
            draft = self.log(self.lone_partner, postponed=True).with_user(user)
            for name, value in system_values.items():
                values = {
                    "partner_id": self.lone_partner.id,
                    "template_id": self.template_call.id,
                    "postponed": True,
                }
                for operation in ("create", "write", "default"):
                    cases += 1
                    with (
                        self.subTest(role=role, field=name, operation=operation),
                        self.assertRaisesRegex(AccessError, "set by Odoo itself"),
                    ):
                        if operation == "create":
                            entries.with_user(user).create({**values, name: value})
                        elif operation == "write":
                            draft.write({name: value})
                        else:
                            entries.with_user(user).with_context(
                                **{f"default_{name}": value}
                            ).create(values)
            with (
                self.subTest(role=role, operation="write company"),
                self.assertRaisesRegex(AccessError, "set by Odoo itself"),
            ):
                draft.write({"company_id": self.env.company.id})
        self.assertEqual(cases, 3 * 6 * 3)
        printed = entries._create_logged_entries(
            [
                {
                    "partner_id": self.lone_partner.id,
                    "template_id": self.template_call.id,
                    **system_values,
                }
            ]
        )
        self.assertEqual(printed.message_id, "<forged@example.com>", "the system may")
        copy = printed.with_user(self.users["user"]).copy()
        self.assertFalse(
            copy.res_model or copy.res_id or copy.document_type or copy.logged_segment_id
        )
