from odoo import fields, models
from odoo.exceptions import UserError

from ..models.interaction_log_entry import EVALUATIONS


class InteractionEvaluateWizard(models.TransientModel):
    """Evaluate Interaction: one level of the five-level scale for the selected entries."""

    _name = "interaction.evaluate.wizard"
    _description = "Evaluate Interactions"

    entry_ids = fields.Many2many("interaction.log.entry", string="Interactions")
    evaluation = fields.Selection(EVALUATIONS, required=True, default="neutral")

    def action_apply(self):
        self.ensure_one()
        if not self.entry_ids:
            raise UserError(self.env._("Select the interactions to evaluate."))
        self.entry_ids.write({"evaluation": self.evaluation})
        return {"type": "ir.actions.act_window_close"}
