from odoo.exceptions import AccessError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .test_automatic_logging import INCOMING_EMAIL, AutomaticLoggingCommon


@tagged("post_install", "-at_install")
class TestContactVia(AutomaticLoggingCommon):
    """The address or number each path used, frozen in the entry."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner_a.phone = "+32 2 555 01 01"
        cls.partner_b.phone = "+32 2 555 02 02"
        cls.call = cls.env.ref("interaction_log.interaction_template_phone_out")
        cls.letter = cls.env.ref("interaction_log.interaction_template_letter")

    def log_with_wizard(self, partner, template):
        wizard = Form(
            self.env["interaction.log.wizard"].with_context(default_partner_ids=partner.ids)
        )
        wizard.template_id = template
        shown = wizard.contact_via
        wizard.save().action_log()
        entry = self.entries.search([("partner_id", "=", partner.id)], limit=1)
        return shown, entry

    def test_a_call_logged_with_the_wizard_uses_the_phone(self):
        shown, entry = self.log_with_wizard(self.partner_a, self.call)
        self.assertEqual(shown, "+32 2 555 01 01", "the wizard shows the number to call")
        self.assertEqual(entry.contact_via, "+32 2 555 01 01")
        self.partner_a.phone = "+32 2 555 09 09"
        self.assertEqual(entry.contact_via, "+32 2 555 01 01", "frozen when logged")
        arch = self.env["interaction.log.wizard"].get_view(view_type="form")["arch"]
        self.assertIn('widget="phone"', arch, "a tel: link")

    def test_a_letter_uses_no_address_and_an_email_the_address(self):
        _shown, letter = self.log_with_wizard(self.partner_a, self.letter)
        self.assertFalse(letter.contact_via)
        order = self.create_order(partner=self.partner_b)
        self.entries._log_document_event(order, "print")
        self.entries._log_document_event(order, "email")
        self.assertEqual(
            self.entries_of(order).mapped("contact_via"), [False, "partner_b@example.com"]
        )

    def test_a_segment_uses_each_contacts_phone(self):
        segment = self.env["interaction.segment"].create(
            {"name": "Calls", "template_id": self.call.id}
        )
        segment._apply_criterion("add", [("id", "in", (self.partner_a | self.partner_b).ids)])
        segment.action_log()
        self.assertEqual(
            sorted(segment.logged_segment_ids.entry_ids.mapped("contact_via")),
            ["+32 2 555 01 01", "+32 2 555 02 02"],
        )

    def test_an_incoming_email_records_the_senders_address(self):
        raw = INCOMING_EMAIL.format(
            email="Partner_B@Example.com",
            name=self.partner_b.name,
            subject="Question",
            message_id="<contact-via-1@example.com>",
        )
        self.partner_b.email = "Partner_B@Example.com"
        with mute_logger("odoo.addons.mail.models.mail_thread"):
            self.env["mail.thread"].message_process("res.partner", raw, thread_id=self.partner_b.id)
        entry = self.entries.sudo().search([("message_id", "=", "<contact-via-1@example.com>")])
        self.assertRecordValues(
            entry, [{"contact_via": "partner_b@example.com", "delivery_status": False}]
        )

    def test_users_cannot_write_what_the_system_records(self):
        entries = self.entries.with_user(self.salesman)
        earlier = self.entries.create(
            {"partner_id": self.partner_a.id, "template_id": self.call.id}
        )
        for values in (
            {"contact_via": "someone-else@example.com"},
            {"delivery_status": "sent"},
            {"delivery_failure_reason": "none"},
            {"resent_from_id": earlier.id},
        ):
            with self.subTest(values=values), self.assertRaisesRegex(AccessError, "set by Odoo"):
                entries.create(
                    {"partner_id": self.partner_a.id, "template_id": self.call.id, **values}
                )
        entry = entries.create({"partner_id": self.partner_a.id, "template_id": self.call.id})
        with self.assertRaisesRegex(AccessError, "set by Odoo"):
            entry.write({"delivery_status": "delivered"})
