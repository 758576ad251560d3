from odoo.tests import tagged

from .common_mailbox import MailboxCommon


@tagged("post_install", "-at_install")
class TestPrivacyBlockMailbox(MailboxCommon):
    """The logging address and shared mailboxes log nothing for a privacy-blocked contact."""

    def test_a_blocked_contact_gets_no_entry_from_the_mailbox(self):
        self.ada.sudo().write({"interaction_privacy_blocked": True})
        record = self.process("bcc_outbound.eml")
        self.assertEqual(record.entry_ids.partner_id, self.bert)
        self.assertFalse(self.entries_of(self.ada))
        self.assertEqual(self.entries_of(self.bert).contact_via, self.bert.email_normalized)
