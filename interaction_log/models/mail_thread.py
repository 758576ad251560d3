from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _message_post_after_hook(self, message, msg_values):
        result = super()._message_post_after_hook(message, msg_values)
        if not self.env.context.get("interaction_log_document_email"):
            self.env["interaction.log.entry"]._log_email_message(message)
        return result
