from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common_mailbox import MailboxCommon


@tagged("post_install", "-at_install")
class TestMailboxSettings(MailboxCommon):
    def test_the_logging_address_follows_the_settings(self):
        alias = self.company.interaction_email_alias_id
        self.assertRecordValues(
            alias,
            [
                {
                    "alias_full_name": "interactions@logging.example",
                    "alias_model_id": self.env["ir.model"]._get_id("interaction.mailbox.message"),
                    "alias_contact": "everyone",
                    "alias_defaults": repr({"company_id": self.company.id}),
                }
            ],
        )
        settings = Form(self.env["res.config.settings"])
        self.assertTrue(settings.interaction_email_logging)
        self.assertEqual(settings.interaction_email_alias_domain, "logging.example")
        self.assertEqual(settings.interaction_email_max_size, 10)
        settings.interaction_email_alias_name = "journal"
        settings.interaction_email_max_size = 25
        settings.save().execute()
        self.assertEqual(alias.alias_full_name, "journal@logging.example")
        self.assertEqual(self.company.interaction_email_max_size, 25)
        record = self.process(
            "bcc_outbound.eml", **{"interactions@logging.example": "journal@logging.example"}
        )
        self.assertEqual(record.state, "logged")

        settings = Form(self.env["res.config.settings"])
        settings.interaction_email_logging = False
        settings.save().execute()
        self.assertFalse(alias.exists())
        self.assertFalse(self.company.interaction_email_alias_id)
        with self.assertRaises(ValueError, msg="no route any more: Odoo refuses the message"):
            self.process(
                "bcc_outbound.eml", **{"interactions@logging.example": "journal@logging.example"}
            )

    def test_defaults_of_a_new_company(self):
        company = self.env["res.company"].create({"name": "New Company"})
        self.assertRecordValues(
            company,
            [
                {
                    "interaction_email_logging": False,
                    "interaction_email_alias_name": "interactions",
                    "interaction_email_max_size": 10,
                    "interaction_email_alias_id": False,
                }
            ],
        )

    def test_logging_needs_an_alias_domain(self):
        company = self.env["res.company"].create({"name": "No Domain Company"})
        company.alias_domain_id = False
        with self.assertRaisesRegex(UserError, "needs an alias domain"):
            company.interaction_email_logging = True

    def test_the_size_limit_cannot_be_negative(self):
        with self.assertRaises(ValidationError):
            self.company.interaction_email_max_size = -1

    def test_the_log_of_the_logging_is_kept_30_days(self):
        old = self.process("bcc_outbound.eml")
        recent = self.process("inbound_from_contact.eml")
        entries = old.entry_ids
        self.env.cr.execute(
            "UPDATE interaction_mailbox_message SET create_date = %s WHERE id = %s",
            [fields.Datetime.now() - timedelta(days=31), old.id],
        )
        self.env.invalidate_all()
        self.env["interaction.log.entry"]._cron_purge_canceled()
        self.assertFalse(old.exists())
        self.assertTrue(recent.exists())
        self.assertEqual(entries.exists(), entries, "the interactions stay")
        self.assertTrue(entries.attachment_ids)
