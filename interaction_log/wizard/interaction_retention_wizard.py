from odoo import fields, models


class InteractionRetentionWizard(models.TransientModel):
    """The purge setting of the current company, for Interaction Managers: Settings is for
    administrators only, and managers own the purge."""

    _name = "interaction.retention.wizard"
    _description = "Purge Settings"

    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, readonly=True
    )
    interaction_retention_days = fields.Integer(
        string="Keep Cancelled Interactions (days)",
        default=lambda self: self.env.company.interaction_retention_days,
        help="The scheduled purge deletes cancelled interactions older than this many days. "
        "0 keeps them.",
    )

    def action_save(self):
        self.ensure_one()
        # Managers may not write companies; this one field is theirs (access to this wizard
        # is for Interaction Managers only), and the company's constraint still applies.
        self.company_id.sudo().interaction_retention_days = self.interaction_retention_days
        return {"type": "ir.actions.act_window_close"}
