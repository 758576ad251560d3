from odoo import models


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _action_send_mail_comment(self, res_ids):
        # Sending an RFQ or an order: logged here, when the composer really sends it with a
        # template its kind declares, not on purchase's ``mark_rfq_as_sent`` context key,
        # which any client can add to a chatter post.
        kinds = self.env["interaction.document.kind"]
        if self.model != "purchase.order" or not kinds._is_document_mail_template(
            self.model, self.template_id
        ):
            return super()._action_send_mail_comment(res_ids)
        # The order's interaction stands for this e-mail: no generic e-mail one too.
        messages = super(
            MailComposeMessage, self.with_context(interaction_log_document_email=True)
        )._action_send_mail_comment(res_ids)
        self.env["interaction.log.entry"]._log_document_event(
            self.env[self.model].browse(res_ids), "email", mail_template=self.template_id
        )
        return messages
