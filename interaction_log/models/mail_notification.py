from odoo import models


class MailNotification(models.Model):
    _inherit = "mail.notification"

    def write(self, vals):
        result = super().write(vals)
        # Sending, failing and bounce processing all end here (mail.mail's post-processing,
        # _routing_handle_bounce): the one place to follow an e-mail's delivery.
        if "notification_status" in vals:
            entries = self.env["interaction.log.entry"]
            entries._log_safely(
                f"the delivery of notifications {self.ids}", entries._sync_delivery_status, self
            )
        return result
