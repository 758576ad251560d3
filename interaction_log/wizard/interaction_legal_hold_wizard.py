from odoo import fields, models


class InteractionLegalHoldWizard(models.TransientModel):
    """Why and since when a contact is under legal hold, asked before the hold is set."""

    _name = "interaction.legal.hold.wizard"
    _description = "Legal Hold"

    partner_id = fields.Many2one("res.partner", string="Contact", required=True, readonly=True)
    reason = fields.Char(required=True, help="e.g. the case or the authority's request.")
    date = fields.Date(
        string="Since",
        required=True,
        default=fields.Date.context_today,
        help="When the hold took effect.",
    )

    def action_confirm(self):
        self.ensure_one()
        self.partner_id._interaction_legal_hold(self.reason, self.date)
        return {"type": "ir.actions.act_window_close"}
