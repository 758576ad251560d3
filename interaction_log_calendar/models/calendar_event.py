from odoo import api, fields, models
from odoo.fields import Domain


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    # Only the scheduled action sets it (as superuser): a user who could would hide a meeting
    # from the log, or have it logged twice.
    interaction_logged = fields.Boolean(
        string="Logged as Interactions",
        copy=False,
        readonly=True,
        groups="base.group_system",
        help="The meeting has ended and its attendees' interactions were logged.",
    )

    @api.model
    def _cron_log_ended_meetings(self, batch_size=500):
        """Log the meetings that have ended and are not logged yet, one committed batch at a
        time. Cancelled (archived or deleted) meetings are not found; a meeting moved into the
        future again waits until it ends. Batches are taken in id order: a batch that failed
        to log (see the server log) is left for the next run instead of being retried in a
        loop."""
        events = self.sudo()
        domain = Domain("interaction_logged", "=", False) & Domain(
            "stop", "<=", fields.Datetime.now()
        )
        cron = self.env["ir.cron"]
        remaining = events.search_count(domain)
        last_id = 0
        while remaining:
            batch = events.search(domain & Domain("id", ">", last_id), limit=batch_size, order="id")
            if not batch:
                break
            last_id = batch[-1].id
            self.env["interaction.log.entry"]._log_meetings(batch)
            remaining = max(remaining - len(batch), 0)
            if not cron._commit_progress(len(batch), remaining=remaining):
                break
