from markupsafe import Markup

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .test_automatic_logging import AutomaticLoggingCommon


@tagged("post_install", "-at_install")
class TestResend(AutomaticLoggingCommon):
    """Resend (Business Central): the same e-mail again, a new entry linked to the first."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls.create_order()
        cls.message = cls.order.message_post(
            body=Markup("<p>Here is the <b>planning</b></p>"),
            subject="Planning",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=(cls.partner_a | cls.partner_b).ids,
        )
        cls.sent = cls.entries.search([("message_id", "=", cls.message.message_id)], order="id")
        cls.call = cls.env.ref("interaction_log.interaction_template_phone_out")

    def resend(self, entries, correspondence_type="email"):
        action = entries.action_resend()
        wizard = Form(self.env[action["res_model"]].with_context(**action["context"]))
        wizard.correspondence_type = correspondence_type
        wizard.save().action_resend()
        return self.entries.search([("resent_from_id", "in", entries.ids)], order="id")

    def test_resend_sends_the_same_email_again_as_a_new_entry(self):
        original = self.sent.filtered(lambda entry: entry.partner_id == self.partner_b)
        resent = self.resend(original)
        self.assertRecordValues(
            resent,
            [
                {
                    "partner_id": self.partner_b.id,
                    "name": "Resend: Planning",
                    "resent_from_id": original.id,
                    "template_id": original.template_id.id,
                    "correspondence_type": "email",
                    "contact_via": "partner_b@example.com",
                    "delivery_status": "outgoing",
                    "res_model": "sale.order",
                    "res_id": self.order.id,
                }
            ],
        )
        message = self.env["mail.message"].search([("message_id", "=", resent.message_id)])
        self.assertEqual(message.subject, "Planning")
        self.assertIn("<b>planning</b>", message.body)
        self.assertEqual(
            message.notification_ids.res_partner_id, self.partner_b, "only the contact, again"
        )
        self.assertEqual(
            len(self.entries.search([("partner_id", "=", self.partner_a.id)])), 1, "A untouched"
        )

    def test_resend_through_another_correspondence_type(self):
        resent = self.resend(self.sent, "paper")
        self.assertEqual(resent.resent_from_id, self.sent)
        self.assertEqual(set(resent.mapped("correspondence_type")), {"paper"})
        self.assertEqual(set(resent.mapped("contact_via")), {False})
        self.assertTrue(all(name.startswith("Resend: ") for name in resent.mapped("name")))

    def test_a_logged_segment_is_resent_entry_by_entry(self):
        template_email = self.company.interaction_template_email_id
        segment = self.env["interaction.segment"].create(
            {"name": "Mailing", "template_id": template_email.id}
        )
        segment._apply_criterion("add", [("id", "in", (self.partner_a | self.partner_b).ids)])
        segment.action_log()
        logged = segment.logged_segment_ids
        action = logged.action_resend()
        self.assertEqual(action["context"]["default_entry_ids"], logged.entry_ids.ids)
        resent = self.resend(logged.entry_ids)
        self.assertEqual(resent.partner_id, self.partner_a | self.partner_b)
        self.assertEqual(set(resent.mapped("delivery_status")), {"outgoing"})

    def test_what_cannot_be_resent(self):
        call = self.entries.create({"partner_id": self.partner_a.id, "template_id": self.call.id})
        with self.assertRaisesRegex(UserError, "Only interactions made by e-mail"):
            call.action_resend()
        canceled = self.sent[0]
        canceled.action_cancel()
        with self.assertRaisesRegex(UserError, "Cancelled and postponed"):
            canceled.action_resend()
        self.partner_b.sudo().write({"interaction_privacy_blocked": True})
        with self.assertRaisesRegex(UserError, "privacy-blocked"):
            self.sent[1].action_resend()
        with self.assertRaisesRegex(UserError, "privacy-blocked"):
            self.sent[1]._resend("email")
        self.assertFalse(self.entries.search([("resent_from_id", "!=", False)]))

    def send_quotation(self, partner):
        order = self.create_order(partner=partner)
        action = order.action_quotation_send()
        composer = Form(self.env["mail.compose.message"].with_context(**action["context"]))
        composer.save().action_send_mail()
        entry = self.entries.search([("res_model", "=", "sale.order"), ("res_id", "=", order.id)])
        self.assertEqual(len(entry), 1)
        return order, entry

    def test_a_sent_quotation_is_resent_as_its_template_rendered_afresh_for_the_contact(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["sale"], ["fr_FR"], overwrite=True)
        order, entry = self.send_quotation(self.partner_b)
        self.assertEqual(entry.mail_template_id, self.env.ref("sale.email_template_edi_sale"))
        original = self.env["mail.message"].search([("message_id", "=", entry.message_id)])
        self.assertIn("Quotation", original.subject)
        # Since it was sent, the quotation became an order and the contact reads French.
        order.action_confirm()
        self.partner_b.lang = "fr_FR"

        action = entry.action_resend()
        wizard = Form(self.env[action["res_model"]].with_context(**action["context"]))
        self.assertTrue(wizard.has_mail_template)
        self.assertEqual(wizard.content, "original", "the original message unless chosen")
        wizard.content = "template"
        wizard.save().action_resend()

        resent = self.entries.search([("resent_from_id", "=", entry.id)])
        self.assertRecordValues(
            resent, [{"partner_id": self.partner_b.id, "delivery_status": "outgoing"}]
        )
        message = self.env["mail.message"].search([("message_id", "=", resent.message_id)])
        self.assertEqual(message.subject, f"{self.company.name} Commande (Ref {order.name})")
        self.assertIn(order.name, message.attachment_ids.name, "the report rendered again")
        self.assertNotEqual(message.attachment_ids, original.attachment_ids)
        self.assertEqual(message.notification_ids.res_partner_id, self.partner_b)

    def test_the_original_message_where_no_template_is_known(self):
        action = self.sent.action_resend()
        wizard = Form(self.env[action["res_model"]].with_context(**action["context"]))
        self.assertFalse(wizard.has_mail_template, "chatter e-mails have no template")
        # Asked over RPC all the same, the template is not invented: the original is sent.
        resent = self.sent[:1]._resend("email", "template")
        message = self.env["mail.message"].search([("message_id", "=", resent.message_id)])
        self.assertEqual(message.subject, "Planning")
        self.assertIn("<b>planning</b>", message.body)

    def test_the_original_quotation_email_when_asked(self):
        order, entry = self.send_quotation(self.partner_a)
        original = self.env["mail.message"].search([("message_id", "=", entry.message_id)])
        order.action_confirm()
        resent = entry._resend("email", "original")
        message = self.env["mail.message"].search([("message_id", "=", resent.message_id)])
        self.assertEqual(message.subject, original.subject)
        self.assertEqual(message.attachment_ids, original.attachment_ids)
