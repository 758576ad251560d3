from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common_mailbox import MailboxCommon


@tagged("post_install", "-at_install")
class TestMailboxAccess(MailboxCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(
            cls.env,
            login="mailbox_portal",
            groups="base.group_portal",
            email="ada@customer.example",
        )
        cls.manager = new_test_user(
            cls.env,
            login="mailbox_manager",
            groups="base.group_user,interaction_log.group_interaction_manager",
        )

    def test_message_new_is_for_the_gateway_only(self):
        msg_dict = {"subject": "Forged", "email_from": "sam.sales@ourcompany.example"}
        for user in (self.portal, self.sam, self.manager):
            with self.assertRaises(AccessError):
                self.mailbox.with_user(user).message_new(dict(msg_dict))
        self.assertFalse(self.mailbox.search([("name", "=", "Forged")]))

    def test_users_read_their_own_messages_managers_all(self):
        own = self.process("bcc_outbound.eml")
        other = self.process("inbound_from_contact.eml")
        self.assertEqual(self.mailbox.with_user(self.sam).search([]), own)
        self.assertEqual(self.mailbox.with_user(self.olga).search([]), self.mailbox)
        self.assertEqual(self.mailbox.with_user(self.manager).search([]), own | other)
        with self.assertRaises(AccessError):
            self.mailbox.with_user(self.portal).search([])
        with self.assertRaises(AccessError):
            own.with_user(self.sam).write({"state": "skipped"})
        with self.assertRaises(AccessError):
            self.mailbox.with_user(self.manager).create({"company_id": self.company.id})
        own.with_user(self.manager).unlink()

    def test_other_companies_messages_are_not_visible(self):
        record = self.process("bcc_outbound.eml")
        other = self.env["res.company"].create({"name": "Other Mail Company"})
        self.manager.write({"company_ids": [(4, other.id)], "company_id": other.id})
        visible = self.mailbox.with_user(self.manager).with_context(allowed_company_ids=other.ids)
        self.assertFalse(visible.search([("id", "=", record.id)]))

    def test_a_mail_from_a_portal_contact_logs_only_what_the_rules_say(self):
        """An unauthenticated mail writes nothing but entries on known contacts: the portal
        contact's message is an inbound interaction, nothing else is created or posted."""
        partners_before = self.env["res.partner"].search_count([])
        messages_before = self.env["mail.message"].search_count([])
        record = self.process("inbound_from_contact.eml")
        self.assertEqual(record.entry_ids.mapped("information_flow"), ["inbound", "inbound"])
        self.assertEqual(self.env["res.partner"].search_count([]), partners_before)
        self.assertEqual(self.env["mail.message"].search_count([]), messages_before)

    def test_a_stranger_logs_nothing(self):
        record = self.process("unknown_sender.eml")
        self.assertRecordValues(record, [{"state": "skipped", "skip_reason": "unknown_sender"}])
        self.assertFalse(self.entries_of(self.ada))

    def test_replies_and_forced_threads_reach_no_existing_record(self):
        """The model has no message_update: a route to an existing record (an alias forced
        on a thread) falls back to a new log record, and the gateway's post stores nothing."""
        first = self.process("bcc_outbound.eml")
        self.company.interaction_email_alias_id.alias_force_thread_id = first.id
        second = self.process("inbound_from_contact.eml")
        self.assertNotEqual(second, first)
        self.assertEqual(first.entry_ids.partner_id, self.ada | self.bert)
        self.assertFalse(hasattr(self.mailbox, "message_update"))
        self.assertFalse(first.message_post(body="Hello"))
        self.assertFalse(
            self.env["mail.message"].search([("model", "=", "interaction.mailbox.message")])
        )
