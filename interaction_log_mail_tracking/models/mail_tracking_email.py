from odoo import api, models

from odoo.addons.interaction_log.models.mail_mail import Sending


class MailTrackingEmail(models.Model):
    _inherit = "mail.tracking.email"

    @api.model_create_multi
    def create(self, vals_list):
        trackings = super().create(vals_list)
        trackings.filtered("state")._sync_interaction_delivery_status()
        return trackings

    def write(self, vals):
        result = super().write(vals)
        # Every tracking event (sent, delivered, opened, bounced...) and an SMTP error end
        # here, whether the event came from the mail server's webhook or the tracking image.
        if vals.get("state"):
            self._sync_interaction_delivery_status()
        return result

    def _sync_interaction_delivery_status(self):
        # Within Odoo's send of the e-mails, the tracking's 'sent' or SMTP error says what the
        # same send writes on the e-mail's notification, which the entries follow once the
        # send ends (interaction_log's mail.mail._send): following both did the work twice.
        if not self or isinstance(self.env.context.get("interaction_log_sending"), Sending):
            return
        entries = self.env["interaction.log.entry"]
        entries._log_safely(
            f"the e-mail tracking {self.ids}", entries._sync_tracking_delivery_status, self
        )
