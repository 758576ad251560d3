from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _interaction_loggable(self):
        # A meeting is logged from the calendar once it has ended, one entry per attendee:
        # the activity that planned it is not a second interaction.
        return (
            super()
            ._interaction_loggable()
            .filtered(lambda activity: not activity.calendar_event_id)
        )
