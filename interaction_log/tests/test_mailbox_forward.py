from odoo.fields import Datetime
from odoo.tests import tagged

from .common_mailbox import MailboxCommon


@tagged("post_install", "-at_install")
class TestMailboxForward(MailboxCommon):
    """A user forwards a message to the logging address: the original message's parties are
    logged, whatever the mail client wrote the forward with."""

    def assert_original_logged(self, record, contacts):
        self.assertRecordValues(
            record, [{"state": "logged", "forwarded": True, "user_id": self.sam.id}]
        )
        self.assertRecordValues(
            record.entry_ids.sorted("partner_id"),
            [
                {
                    "partner_id": partner.id,
                    "information_flow": "inbound",
                    "initiated_by": "them",
                    "user_id": self.sam.id,
                    "date": Datetime.to_datetime("2026-11-23 15:05:00"),
                }
                for partner in contacts.sorted("id")
            ],
        )

    def test_gmail(self):
        record = self.process("forward_gmail.eml")
        self.assert_original_logged(record, self.ada | self.bert)
        self.assertEqual(record.entry_ids[0].name, "Question about delivery")

    def test_outlook(self):
        self.assert_original_logged(
            self.process("forward_outlook.eml"), self.ada | self.bert | self.carla
        )

    def test_outlook_in_french(self):
        record = self.process("forward_outlook_fr.eml")
        self.assert_original_logged(record, self.ada | self.bert)
        self.assertEqual(record.entry_ids[0].name, "Question sur la livraison")

    def test_thunderbird(self):
        self.assert_original_logged(self.process("forward_thunderbird.eml"), self.ada | self.bert)

    def test_attached_message(self):
        record = self.process("forward_attached.eml")
        self.assert_original_logged(record, self.ada | self.bert)
        self.assertEqual(record.message_id, "<question-0024@customer.example>")

    def test_the_original_and_its_forward_are_logged_once(self):
        """The original Message-Id of an attached message is the one logged: a copy of the
        original that also reached the log is a duplicate."""
        self.process("forward_attached.eml")
        record = self.process(
            "inbound_from_contact.eml",
            **{"<inbound-0002@customer.example>": "<question-0024@customer.example>"},
        )
        self.assertRecordValues(record, [{"state": "skipped", "skip_reason": "duplicate"}])

    def test_two_users_forwarding_one_message_log_it_once(self):
        self.process("forward_gmail.eml")
        record = self.process(
            "forward_gmail.eml", **{"CAGmail-fwd-0020": "CAGmail-fwd-0020-second-user"}
        )
        self.assertRecordValues(record, [{"state": "skipped", "skip_reason": "duplicate"}])

    def test_a_forward_to_a_customer_is_a_message_to_the_customer(self):
        record = self.process("forward_to_customer.eml")
        self.assertRecordValues(record, [{"state": "logged", "forwarded": False}])
        self.assertRecordValues(
            record.entry_ids,
            [{"partner_id": self.ada.id, "information_flow": "outbound", "user_id": self.sam.id}],
        )

    def test_a_forward_from_a_contact_is_not_unwrapped(self):
        sender = "From: Sam Sales <sam.sales@ourcompany.example>\nDate"
        record = self.process("forward_gmail.eml", **{sender: "From: carla@customer.example\nDate"})
        self.assertRecordValues(record, [{"forwarded": False}])
        self.assertEqual(record.entry_ids.partner_id, self.carla)
