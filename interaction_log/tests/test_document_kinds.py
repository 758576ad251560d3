from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import InteractionLogCommon


@tagged("post_install", "-at_install")
class TestDocumentKinds(InteractionLogCommon):
    """The declared document kinds and the interaction template setup of each company."""

    def setUp(self):
        super().setUp()
        self.env.company._interaction_fill_template_setup()

    def test_settings_list_the_sales_kinds_and_save_a_template(self):
        settings = Form(self.env["res.config.settings"])
        with settings.interaction_setup_sales_ids.edit(2) as line:
            line.template_id = self.template_call
        record = settings.save()
        self.assertEqual(
            record.interaction_setup_sales_ids.kind_id.mapped("code"),
            ["quotation", "order", "invoice", "refund"],
        )
        record.execute()
        self.assertEqual(
            self.env.company._interaction_document_setup("invoice").template_id,
            self.template_call,
        )

    def test_a_new_company_starts_with_the_default_templates(self):
        company = self.env["res.company"].create({"name": "Newcomer"})
        self.assertEqual(
            company._interaction_document_setup("quotation").template_id,
            self.env.ref("interaction_log.interaction_template_quotation"),
        )
        self.assertEqual(
            company.interaction_template_email_id,
            self.env.ref("interaction_log.interaction_template_email"),
        )

    def test_the_setup_refuses_a_template_of_another_company(self):
        other = self.env["res.company"].create({"name": "Elsewhere"})
        foreign = self.template_call.copy({"code": "FOREIGN", "company_id": other.id})
        with self.assertRaises(UserError):
            self.env.company._interaction_document_setup("invoice").template_id = foreign

    def test_a_declaration_that_does_not_fit_its_model_is_refused(self):
        values = {
            "code": "bad_kind",
            "name": "Bad",
            "model_id": self.env["ir.model"]._get_id("sale.order"),
        }
        kinds = self.env["interaction.document.kind"]
        with self.assertRaises(ValidationError):
            kinds.create({**values, "partner_field": "no_such_field"})
        with self.assertRaises(ValidationError):
            kinds.create({**values, "domain": "[('no_such_field', '=', 1)]"})
        with self.assertRaises(ValidationError):
            kinds.create({**values, "domain": "not a domain"})

    def test_users_read_the_setup_managers_change_it(self):
        line = self.env.company._interaction_document_setup("quotation")
        self.assertTrue(line.with_user(self.user).template_id)
        with self.assertRaises(UserError):
            line.with_user(self.user).template_id = False
        line.with_user(self.manager).template_id = False
        self.assertFalse(line.template_id)

    def test_the_document_type_follows_the_kinds_without_a_query_per_value(self):
        entries = self.env["interaction.log.entry"]
        kinds = self.env["interaction.document.kind"]
        entries._selection_document_type()
        # An export asks for the selection once per value it formats: no query after the first.
        with self.assertQueryCount(0):
            for _value in range(10):
                entries._selection_document_type()
        kind = kinds.create(
            {
                "code": "pro_forma",
                "name": "Pro Forma",
                "model_id": self.env["ir.model"]._get_id("sale.order"),
            }
        )
        self.assertIn(("pro_forma", "Pro Forma"), entries._selection_document_type())
        kind.name = "Pro-Forma Invoice"
        self.assertIn(("pro_forma", "Pro-Forma Invoice"), entries._selection_document_type())
        self.env["res.lang"]._activate_lang("fr_FR")
        kind.with_context(lang="fr_FR").name = "Facture pro forma"
        self.assertIn(
            ("pro_forma", "Facture pro forma"),
            entries.with_context(lang="fr_FR")._selection_document_type(),
        )
        self.assertIn(("pro_forma", "Pro-Forma Invoice"), entries._selection_document_type())
        # The web client's translation dialog.
        kind.update_field_translations("name", {"fr_FR": "Facture proforma"})
        self.assertIn(
            ("pro_forma", "Facture proforma"),
            entries.with_context(lang="fr_FR")._selection_document_type(),
        )
        kind.unlink()
        self.assertNotIn("pro_forma", dict(entries._selection_document_type()))
