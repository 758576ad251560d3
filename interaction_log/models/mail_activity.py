from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        # Logged before Odoo moves the activity's files to the chatter message; every way of
        # marking an activity done (Mark Done, Done & Schedule Next, several at once) ends here.
        self.env["interaction.log.entry"]._log_done_activities(self, feedback, attachment_ids)
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)

    def _interaction_loggable(self):
        """The activities whose being done is an interaction: their type has a template."""
        return self.filtered(
            lambda activity: activity.activity_type_id.interaction_template_id
            and activity.res_model
            and activity.res_id
        )
