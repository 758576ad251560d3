from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_mailbox import MailboxCommon


@tagged("post_install", "-at_install")
class TestMailboxFrench(MailboxCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["interaction_log"], ["fr_FR"], overwrite=True
        )

    def test_outcomes_labels_and_messages_in_french(self):
        self.process("bcc_outbound.eml")
        duplicate = self.process("bcc_outbound.eml", **{"Return-Path": "X-Copy-Of"})
        french = self.env(context={"lang": "fr_FR"})
        self.assertEqual(duplicate.with_env(french).outcome, "Ignoré : Déjà enregistré")
        logged = self.mailbox.search([("state", "=", "logged")]).with_env(french)
        self.assertEqual(logged.outcome, "2 interactions enregistrées")
        menu = french.ref("interaction_log.interaction_mailbox_message_menu")
        self.assertEqual(menu.name, "Journalisation des e-mails")
        arch = french["res.config.settings"].get_view(view_type="form")["arch"]
        self.assertIn("Enregistrer les e-mails envoyés à", arch)
        company = french["res.company"].create({"name": "Société sans domaine"})
        company.alias_domain_id = False
        with self.assertRaisesRegex(UserError, "a besoin d'un domaine d'alias"):
            company.interaction_email_logging = True
