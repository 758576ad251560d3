from odoo import api, fields, models


class InteractionRetentionWizard(models.TransientModel):
    """The purge setting of the current company, for Interaction Managers: Settings is for
    administrators only, and managers own the purge."""

    _name = "interaction.retention.wizard"
    _description = "Purge Settings"

    # Always the current company, whatever a client sends: the save below writes as
    # superuser, so a company given over RPC would change another company's purge.
    company_id = fields.Many2one("res.company", compute="_compute_company_id")
    interaction_retention_days = fields.Integer(
        string="Keep Cancelled Interactions (days)",
        default=lambda self: self.env.company.interaction_retention_days,
        help="The scheduled purge deletes cancelled interactions older than this many days. "
        "0 keeps them.",
    )

    @api.depends_context("company")
    def _compute_company_id(self):
        self.company_id = self.env.company

    def action_save(self):
        self.ensure_one()
        # Managers may not write companies; this one field is theirs (access to this wizard
        # is for Interaction Managers only), and the company's constraint still applies.
        self.env.company.sudo().interaction_retention_days = self.interaction_retention_days
        return {"type": "ir.actions.act_window_close"}
