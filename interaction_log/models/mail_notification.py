from odoo import models

from .mail_mail import Sending


class MailNotification(models.Model):
    _inherit = "mail.notification"

    def write(self, vals):
        result = super().write(vals)
        # Sending, failing and bounce processing all end here (mail.mail's post-processing,
        # _routing_handle_bounce): the one place to follow an e-mail's delivery. Within a send
        # of e-mails, once the send ends (see mail.mail._send).
        if "notification_status" in vals:
            sending = self.env.context.get("interaction_log_sending")
            if isinstance(sending, Sending):
                sending.add(self)
            else:
                entries = self.env["interaction.log.entry"]
                entries._log_safely(
                    f"the delivery of notifications {self.ids}",
                    entries._sync_delivery_status,
                    self,
                )
        return result
