from odoo import api, fields, models
from odoo.fields import Domain


class CrmLead(models.Model):
    _inherit = "crm.lead"

    interaction_count = fields.Integer(
        string="Interactions",
        compute="_compute_interaction_count",
        groups="interaction_log.group_interaction_user",
    )

    def _interaction_domain(self):
        """The entries linked to the lead, plus those of its contact since it was created."""
        self.ensure_one()
        domain = Domain("opportunity_id", "=", self.id)
        if self.partner_id:
            domain |= Domain("partner_id", "child_of", self.partner_id.id) & Domain(
                "date", ">=", self.create_date
            )
        return domain

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_interaction_count(self):
        # A count per lead: the button shows on the lead's form, one lead at a time.
        entries = self.env["interaction.log.entry"]
        for lead in self:
            lead.interaction_count = (
                entries.search_count(
                    lead._origin._interaction_domain() & entries._statistics_domain()
                )
                if lead._origin.id
                else 0
            )

    def action_view_interactions(self):
        self.ensure_one()
        return self.env["interaction.log.entry"]._action_open_entries(
            self._interaction_domain(), {"default_opportunity_id": self.id}
        )

    def action_log_interaction(self):
        self.ensure_one()
        return self.env["interaction.log.wizard"]._action_open(
            {
                "default_partner_ids": self.partner_id.ids,
                "default_opportunity_id": self.id,
            }
        )
