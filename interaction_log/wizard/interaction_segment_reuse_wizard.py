from odoo import fields, models
from odoo.exceptions import UserError


class InteractionSegmentReuseWizard(models.TransientModel):
    """Fill a segment from saved criteria or from the contacts of a logged segment."""

    _name = "interaction.segment.reuse.wizard"
    _description = "Reuse Segment Criteria"

    segment_id = fields.Many2one("interaction.segment", required=True, ondelete="cascade")
    source = fields.Selection(
        [("criteria", "Saved criteria"), ("logged_segment", "Logged segment")],
        required=True,
        default="criteria",
    )
    criteria_id = fields.Many2one("interaction.segment.criteria", string="Saved Criteria")
    logged_segment_id = fields.Many2one("interaction.logged.segment", string="Logged Segment")

    def action_apply(self):
        self.ensure_one()
        if self.source == "criteria":
            if not self.criteria_id:
                raise UserError(self.env._("Choose the saved criteria to apply."))
            self.segment_id._reuse_criteria(self.criteria_id)
        else:
            if not self.logged_segment_id:
                raise UserError(self.env._("Choose the logged segment whose contacts to take."))
            self.segment_id._reuse_logged_segment(self.logged_segment_id)
        return {"type": "ir.actions.act_window_close"}
