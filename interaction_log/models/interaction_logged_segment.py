from odoo import api, fields, models
from odoo.exceptions import UserError


class InteractionLoggedSegment(models.Model):
    """The record of one logging of a segment: its entries can be cancelled and restored
    together."""

    _name = "interaction.logged.segment"
    _description = "Logged Segment"
    _order = "date desc, id desc"

    name = fields.Char(required=True)
    segment_id = fields.Many2one(
        "interaction.segment", index=True, ondelete="set null", readonly=True
    )
    date = fields.Datetime(default=fields.Datetime.now, required=True, readonly=True)
    user_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        readonly=True,
    )
    canceled = fields.Boolean(string="Cancelled", readonly=True, copy=False)
    privacy_blocked_count = fields.Integer(
        string="Privacy-Blocked Contacts Skipped",
        readonly=True,
        help="Lines of the segment whose contact is privacy-blocked: no interaction logged.",
    )
    entry_ids = fields.One2many("interaction.log.entry", "logged_segment_id", string="Interactions")
    entry_count = fields.Integer(string="Interactions Count", compute="_compute_entry_count")

    def _compute_entry_count(self):
        counts = dict(
            self.env["interaction.log.entry"]._read_group(
                [("logged_segment_id", "in", self.ids)], ["logged_segment_id"], ["__count"]
            )
        )
        for logged in self:
            logged.entry_count = counts.get(logged, 0)

    def write(self, vals):
        # A logged segment records what was logged, when, by whom and in which company: only
        # its name is the user's. Cancel and Restore go through their actions.
        if set(vals) - {"name"} and not self.env.su:
            raise UserError(
                self.env._(
                    "A logged segment is a record of what was logged: only its name can be "
                    "changed. Use Cancel or Restore to cancel or restore its interactions."
                )
            )
        return super().write(vals)

    def action_cancel(self):
        super().write({"canceled": True})
        self.entry_ids.action_cancel()
        return True

    def action_restore(self):
        super().write({"canceled": False})
        # Only its cancelled entries: restoring a logged segment that was not cancelled
        # changes nothing (the entries' own Restore says so for a plain selection).
        if canceled := self.entry_ids.filtered("canceled"):
            canceled.action_restore()
        return True

    def action_resend(self):
        return self.entry_ids.action_resend()

    def action_view_entries(self):
        self.ensure_one()
        return self.env["interaction.log.entry"]._action_open_entries(
            [("logged_segment_id", "=", self.id)], {"search_default_not_canceled": 0}
        )

    @api.model
    def action_delete_canceled(self):
        """Delete the cancelled logged segments (their entries stay, unlinked from them)."""
        canceled = self.search([("canceled", "=", True)])
        count = len(canceled)
        canceled.unlink()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if count else "info",
                "message": self.env._("%(count)s cancelled logged segments deleted.", count=count),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.ondelete(at_uninstall=False)
    def _unlink_except_active(self):
        if self.filtered(lambda logged: not logged.canceled):
            raise UserError(
                self.env._("Only cancelled logged segments can be deleted: cancel them first.")
            )
