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
