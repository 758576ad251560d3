from odoo import fields, models

from ..models.interaction_values_mixin import CORRESPONDENCE_TYPES


class InteractionResendWizard(models.TransientModel):
    """Resend: the selected e-mail interactions sent again, each a new entry."""

    _name = "interaction.resend.wizard"
    _description = "Resend Interactions"

    entry_ids = fields.Many2many("interaction.log.entry", string="Interactions")
    correspondence_type = fields.Selection(
        CORRESPONDENCE_TYPES,
        required=True,
        default="email",
        help="E-mail sends the original e-mail again to each contact; Paper logs a letter "
        "sent instead.",
    )

    def action_resend(self):
        self.ensure_one()
        self.entry_ids._resend(self.correspondence_type)
        return {"type": "ir.actions.act_window_close"}
