from odoo.tests import tagged

from .common_mailbox import MailboxCommon


@tagged("post_install", "-at_install")
class TestNeverLogMailbox(MailboxCommon):
    """The logging address and shared mailboxes: a never-logged party gets no entry, the
    others still do; when every party is never logged, nothing of the message is kept."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rules = cls.env["interaction.never.log.rule"]

    def assert_nothing_kept(self, record):
        self.assertRecordValues(
            record,
            [
                {
                    "state": "skipped",
                    "skip_reason": "never_log",
                    "name": False,
                    "email_from": False,
                    "message_id": False,
                    "entry_ids": [],
                }
            ],
        )
        self.assertIn("Skipped: Never-log rule", record.outcome)
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("name", "=like", "%.eml"), ("create_date", ">=", record.create_date)]
            ),
            "no .eml anywhere",
        )
        self.assertFalse(self.entries_of(self.ada) | self.entries_of(self.bert))

    def test_a_never_logged_party_is_left_out_and_the_others_logged(self):
        self.rules.create({"kind": "email", "value": "ADA@customer.example"})
        record = self.process("bcc_outbound.eml")
        self.assertEqual(record.state, "logged")
        self.assertEqual(record.entry_ids.partner_id, self.bert)
        self.assertFalse(self.entries_of(self.ada))
        self.assertEqual(record.entry_ids.attachment_ids.mimetype, "message/rfc822")

    def test_every_party_never_logged_keeps_nothing_of_the_message(self):
        self.rules.create({"kind": "domain", "value": "@customer.example"})
        self.assert_nothing_kept(self.process("bcc_outbound.eml"))

    def test_a_never_logged_sender_alone_keeps_nothing(self):
        """From a never-logged address that is no contact: skipped for the rule (nothing
        kept), not as an unknown contact (which keeps the subject)."""
        self.rules.create({"kind": "pattern", "value": "*@*unknown.example"})
        record = self.process(
            "inbound_from_contact.eml",
            **{
                "Ada Buyer <ada@customer.example>": "Nobody <nobody@unknown.example>",
                "Cc: Bert Buyer <bert@customer.example>\n": "",
            },
        )
        self.assert_nothing_kept(record)

    def test_the_senders_own_list_applies(self):
        self.sam.with_user(self.sam).interaction_never_log_addresses = "bert@customer.example"
        record = self.process("bcc_outbound.eml")
        self.assertEqual(record.entry_ids.partner_id, self.ada)
        self.assertFalse(self.entries_of(self.bert))

    def test_the_recipients_own_list_applies_to_what_they_receive(self):
        self.sam.with_user(self.sam).interaction_never_log_addresses = "ada@customer.example"
        record = self.process("inbound_from_contact.eml")
        self.assertFalse(self.entries_of(self.ada))
        self.assertEqual(record.entry_ids.partner_id, self.bert, "Bert in Cc is still logged")

    def test_a_colleague_in_copy_does_not_hide_the_senders_entries(self):
        """Olga is in Cc of Sam's e-mail: the entries are Sam's, Olga's list is not theirs."""
        self.olga.with_user(self.olga).interaction_never_log_addresses = "bert@customer.example"
        record = self.process("bcc_outbound.eml")
        self.assertEqual(record.entry_ids.partner_id, self.ada | self.bert)

    def test_a_shared_mailbox_keeps_nothing_of_a_never_logged_message(self):
        self.env["fetchmail.server"].create(
            {
                "name": "Journal",
                "server": "127.0.0.1",
                "server_type": "imap",
                "object_id": self.env["ir.model"]._get_id("interaction.mailbox.message"),
                "original": True,
            }
        )
        self.rules.create({"kind": "domain", "value": "customer.example"})
        raw = self.raw("bcc_outbound.eml", **{"Delivered-To:": "X-Journaled-To:"})
        self.env["mail.thread"].message_process(
            "interaction.mailbox.message", raw, save_original=True
        )
        record = self.mailbox.search([], limit=1)
        self.assertEqual(record.source, "mailbox")
        self.assert_nothing_kept(record)
