from odoo.fields import Datetime
from odoo.tests import tagged

from .common_mailbox import MailboxCommon


@tagged("post_install", "-at_install")
class TestMailboxLogging(MailboxCommon):
    def test_bcc_from_a_user_logs_one_outbound_entry_per_known_contact(self):
        record = self.process("bcc_outbound.eml")
        self.assertRecordValues(
            record,
            [
                {
                    "state": "logged",
                    "source": "alias",
                    "user_id": self.sam.id,
                    "message_id": "<CAF-bcc-outbound-0001@mail.ourcompany.example>",
                    "outcome": "Logged 2 interactions",
                }
            ],
        )
        entries = record.entry_ids.sorted("partner_id")
        self.assertRecordValues(
            entries,
            [
                {
                    "partner_id": partner.id,
                    "template_id": self.template.id,
                    "name": "Your quotation for the new presses",
                    "information_flow": "outbound",
                    "initiated_by": "us",
                    "correspondence_type": "email",
                    "user_id": self.sam.id,
                    "date": Datetime.to_datetime("2026-11-24 09:15:00"),
                    "message_id": "<CAF-bcc-outbound-0001@mail.ourcompany.example>",
                    "company_id": self.company.id,
                }
                for partner in (self.ada | self.bert).sorted("id")
            ],
        )
        for entry in entries:
            self.assertEqual(
                entry.attachment_ids.mapped("name"), ["Your quotation for the new presses.eml"]
            )
            self.assertEqual(entry.attachment_ids.mimetype, "message/rfc822")
            self.assertIn(b"please find our quotation", entry.attachment_ids.raw)
        self.assertFalse(self.entries_of(self.carla))

    def test_nothing_is_posted_anywhere(self):
        messages_before = self.env["mail.message"].search_count([])
        self.process("bcc_outbound.eml")
        self.process("inbound_from_contact.eml")
        self.assertEqual(self.env["mail.message"].search_count([]), messages_before)
        self.assertFalse(self.env["mail.mail"].search([("email_to", "ilike", "customer.example")]))

    def test_from_a_contact_logs_inbound_entries_for_the_user_among_recipients(self):
        record = self.process("inbound_from_contact.eml")
        self.assertEqual(record.state, "logged")
        self.assertRecordValues(
            record.entry_ids.sorted("partner_id"),
            [
                {
                    "partner_id": partner.id,
                    "information_flow": "inbound",
                    "initiated_by": "them",
                    "user_id": self.sam.id,
                    "date": Datetime.to_datetime("2026-11-25 13:30:00"),
                }
                for partner in (self.ada | self.bert).sorted("id")
            ],
        )

    def test_inbound_without_a_user_among_recipients_goes_to_the_contact_salesperson(self):
        record = self.process(
            "inbound_from_contact.eml",
            **{"Sam Sales <sam.sales@ourcompany.example>": "desk@nowhere.example"},
        )
        ada_entry = record.entry_ids.filtered(lambda entry: entry.partner_id == self.ada)
        self.assertEqual(ada_entry.user_id, self.olga, "Ada's salesperson")

    def test_duplicate_bcc_logs_once(self):
        first = self.process("bcc_outbound.eml")
        second = self.process("bcc_outbound.eml", **{"Return-Path": "X-Copy-Of"})
        self.assertEqual(first.state, "logged")
        self.assertRecordValues(second, [{"state": "skipped", "skip_reason": "duplicate"}])
        self.assertEqual(len(self.entries_of(self.ada)), 1)

    def test_a_message_logged_for_one_contact_is_logged_for_the_others(self):
        self.env["interaction.log.entry"]._create_logged_entries(
            [
                {
                    "partner_id": self.ada.id,
                    "template_id": self.template.id,
                    "message_id": "<CAF-bcc-outbound-0001@mail.ourcompany.example>",
                }
            ]
        )
        record = self.process("bcc_outbound.eml")
        self.assertEqual(record.entry_ids.partner_id, self.bert)
        self.assertEqual(len(self.entries_of(self.ada)), 1)

    def test_an_email_sent_from_the_chatter_and_bccd_is_logged_once(self):
        self.ada.message_post(
            body="Our quotation",
            subject="Quotation",
            partner_ids=self.ada.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        chatter_entry = self.entries_of(self.ada)
        self.assertEqual(len(chatter_entry), 1)
        record = self.process(
            "bcc_outbound.eml",
            **{"<CAF-bcc-outbound-0001@mail.ourcompany.example>": chatter_entry.message_id},
        )
        self.assertEqual(self.entries_of(self.ada), chatter_entry)
        self.assertNotIn(self.ada, record.entry_ids.partner_id)

    def test_private_messages_are_not_logged(self):
        for sensitivity in ("Private", "Personal", "Company-Confidential"):
            record = self.process("private.eml", **{"Private": sensitivity})
            self.assertRecordValues(
                record, [{"state": "skipped", "skip_reason": "private", "user_id": self.sam.id}]
            )
        self.assertFalse(self.entries_of(self.ada))

    def test_auto_replies_are_not_logged(self):
        record = self.process("auto_reply.eml")
        self.assertRecordValues(record, [{"state": "skipped", "skip_reason": "auto_reply"}])
        self.assertFalse(self.entries_of(self.ada))

    def test_bounces_are_handled_by_odoo_and_log_nothing(self):
        record = self.process("bounce.eml")
        self.assertFalse(record, "Odoo's bounce handling takes the message before routing")
        self.assertFalse(self.entries_of(self.ada))

    def test_messages_between_colleagues_are_not_logged(self):
        record = self.process("internal_only.eml")
        self.assertRecordValues(record, [{"state": "skipped", "skip_reason": "internal"}])

    def test_unknown_parties_create_no_contact(self):
        partners_before = self.env["res.partner"].search_count([])
        record = self.process("unknown_parties.eml")
        self.assertRecordValues(record, [{"state": "skipped", "skip_reason": "no_contact"}])
        self.assertEqual(self.env["res.partner"].search_count([]), partners_before)

    def test_archived_contacts_are_not_matched(self):
        self.ada.action_archive()
        self.bert.action_archive()
        record = self.process("bcc_outbound.eml")
        self.assertRecordValues(record, [{"state": "skipped", "skip_reason": "no_contact"}])

    def test_several_contacts_with_one_address_the_company_one_first_then_the_oldest(self):
        shared_newer = self.env["res.partner"].create(
            {"name": "Ada (shared, newer)", "email": "ADA@customer.example"}
        )
        own = self.env["res.partner"].create(
            {"name": "Ada (ours)", "email": "ada@customer.example", "company_id": self.company.id}
        )
        record = self.process("bcc_outbound.eml")
        self.assertEqual(record.entry_ids.partner_id, own | self.bert)
        own.company_id = False
        record = self.process("bcc_outbound.eml", **{"0001@": "0001b@"})
        self.assertEqual(record.entry_ids.partner_id, self.ada | self.bert, "the oldest")
        self.assertFalse(self.entries_of(shared_newer))

    def test_500_recipients(self):
        record = self.process("many_recipients.eml")
        self.assertEqual(record.state, "logged")
        self.assertEqual(record.entry_ids.partner_id, self.ada | self.bert)

    def test_contacts_of_another_company_are_not_matched(self):
        other = self.env["res.company"].create({"name": "Other Company"})
        self.ada.company_id = other
        record = self.process("bcc_outbound.eml")
        self.assertEqual(record.entry_ids.partner_id, self.bert)

    def test_without_an_email_template_nothing_is_logged(self):
        self.company.interaction_template_email_id = False
        record = self.process("bcc_outbound.eml")
        self.assertRecordValues(record, [{"state": "skipped", "skip_reason": "no_template"}])

    def test_the_entries_open_from_the_log(self):
        record = self.process("bcc_outbound.eml")
        action = record.action_open_entries()
        self.assertEqual(
            self.env["interaction.log.entry"].search(action["domain"]), record.entry_ids
        )
        self.assertEqual(record.entry_count, 2)
