from odoo import api, models
from odoo.exceptions import ValidationError


class FetchmailServer(models.Model):
    _inherit = "fetchmail.server"

    @api.constrains("object_id", "original", "attach")
    def _check_interaction_mailbox(self):
        """E-mail logging reads the message as it came (its headers, its attachments, the
        .eml it keeps): Odoo's fetch hands it over only with these two options on."""
        if self.filtered(
            lambda server: server.object_id.model == "interaction.mailbox.message"
            and not (server.original and server.attach)
        ):
            raise ValidationError(
                self.env._(
                    "An incoming mail server that feeds the interaction log needs Keep "
                    "Original and Keep Attachments: turn both on."
                )
            )
