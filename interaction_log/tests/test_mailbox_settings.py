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

    def test_a_shared_mailbox_server_keeps_the_original(self):
        values = {
            "name": "Journal",
            "server": "127.0.0.1",
            "server_type": "imap",
            "object_id": self.env["ir.model"]._get_id("interaction.mailbox.message"),
        }
        with self.assertRaisesRegex(ValidationError, "Keep Original and Keep Attachments"):
            self.env["fetchmail.server"].create(values)
        server = self.env["fetchmail.server"].create({**values, "original": True})
        with self.assertRaises(ValidationError):
            server.attach = False

    def test_a_message_fetched_from_a_shared_mailbox(self):
        """A journaling copy is addressed to the customer, not to the logging address: the
        incoming mail server's model takes it, and Keep Original hands over the message. (The
        fetch itself, against a real IMAP server: live_tests/test_imap_mailbox.py.)"""
        self.env["fetchmail.server"].create(
            {
                "name": "Journal",
                "server": "127.0.0.1",
                "server_type": "imap",
                "object_id": self.env["ir.model"]._get_id("interaction.mailbox.message"),
                "original": True,
            }
        )
        raw = self.raw("bcc_outbound.eml", **{"Delivered-To:": "X-Journaled-To:"})
        gateway = self.env["mail.thread"]
        gateway.message_process("interaction.mailbox.message", raw, save_original=True)
        record = self.mailbox.search([], limit=1)
        self.assertRecordValues(record, [{"state": "logged", "source": "mailbox"}])
        self.assertEqual(record.entry_ids.partner_id, self.ada | self.bert)
        self.assertNotIn(b"original_email", record.entry_ids[0].attachment_ids.raw)

        gateway.message_process(
            "interaction.mailbox.message",
            self.raw("inbound_from_contact.eml", **{"Delivered-To:": "X-Journaled-To:"}),
        )
        record = self.mailbox.search([], limit=1)
        self.assertEqual(record.state, "failed")
        self.assertIn("Keep Original", record.failure_reason)
