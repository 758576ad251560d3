import base64
import os

from odoo.tests import tagged

from .common_mailbox import MailboxCommon


@tagged("post_install", "-at_install")
class TestMailboxBadInput(MailboxCommon):
    def test_broken_charsets_and_encoded_words(self):
        """Encoded words in unknown charsets, Latin-1 bytes in a UTF-8 body. (A body in a
        charset Python does not know makes Odoo's own message_parse raise before any route:
        the mail server keeps or bounces that message, the fetch goes on with the next one,
        see live_tests/test_imap_mailbox.py.)"""
        record = self.process("broken_charset.eml")
        self.assertRecordValues(record, [{"state": "logged", "outcome": "Logged 1 interaction"}])
        self.assertEqual(record.entry_ids.partner_id, self.ada)
        self.assertIn("Présentation", record.entry_ids.name)
        self.assertTrue(record.entry_ids.attachment_ids.raw)

    def test_malformed_mime_does_not_stop_the_next_message(self):
        bad = self.process("malformed_mime.eml")
        self.assertIn(bad.state, ("logged", "failed"))
        good = self.process("bcc_outbound.eml")
        self.assertEqual(good.state, "logged")

    def test_a_failure_is_recorded_and_nothing_is_half_created(self):
        # A contact address PostgreSQL cannot store in a description: the entries fail
        # after the first checks; neither entries nor attachments may be left behind.
        entries_before = self.env["interaction.log.entry"].search_count([])
        attachments_before = self.env["ir.attachment"].search_count([])
        record = self.process("bcc_outbound.eml", **{"Subject: Your": "Subject: \x00Your"})
        self.assertEqual(record.state, "failed")
        self.assertIn("NUL", record.failure_reason)
        self.assertTrue(record.outcome.startswith("Failed: "))
        self.assertEqual(self.env["interaction.log.entry"].search_count([]), entries_before)
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments_before)

    def test_missing_message_id_gets_a_stable_hash(self):
        first = self.process("no_message_id.eml")
        self.assertEqual(first.state, "logged")
        self.assertRegex(first.message_id, r"^<[0-9a-f]{40}@interaction-log\.invalid>$")
        self.assertEqual(first.entry_ids.message_id, first.message_id)
        # The same message again, through another relay.
        second = self.process(
            "no_message_id.eml", **{"Delivered-To:": "Received: from relay2.example\nDelivered-To:"}
        )
        self.assertRecordValues(
            second,
            [{"state": "skipped", "skip_reason": "duplicate", "message_id": first.message_id}],
        )

    def test_a_25_mb_attachment_keeps_headers_and_text_only(self):
        payload = base64.encodebytes(os.urandom(25 * 1024 * 1024))
        record = self.process("large_attachment.eml", ATTACHMENT=payload)
        self.assertEqual(record.state, "logged")
        eml = record.entry_ids.attachment_ids.raw
        self.assertLess(len(eml), 100_000)
        self.assertIn(b"X-Interaction-Log-Trimmed", eml)
        self.assertIn(b"Here are the drawings of the presses.", eml)
        self.assertIn(b"Subject: The drawings", eml)
        self.assertIn(b"large-0012@customer.example", eml)

    def test_below_the_limit_the_whole_message_is_kept(self):
        payload = base64.encodebytes(os.urandom(1024 * 1024))
        record = self.process("large_attachment.eml", ATTACHMENT=payload)
        eml = record.entry_ids.attachment_ids.raw
        self.assertGreater(len(eml), 1024 * 1024)
        self.assertNotIn(b"X-Interaction-Log-Trimmed", eml)
        self.company.interaction_email_max_size = 1
        record = self.process("large_attachment.eml", ATTACHMENT=payload, **{"0012@": "0012b@"})
        self.assertIn(b"X-Interaction-Log-Trimmed", record.entry_ids.attachment_ids.raw)
