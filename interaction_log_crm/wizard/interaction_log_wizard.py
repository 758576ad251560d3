from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain


class InteractionLogWizard(models.TransientModel):
    _inherit = "interaction.log.wizard"

    opportunity_id = fields.Many2one(
        "crm.lead",
        string="Opportunity",
        domain="[('id', 'in', allowed_opportunity_ids)]",
        help="An open opportunity of the contacts' company this interaction is about.",
    )
    allowed_opportunity_ids = fields.Many2many(
        "crm.lead", compute="_compute_allowed_opportunity_ids"
    )

    @api.depends("partner_ids")
    def _compute_allowed_opportunity_ids(self):
        # The view shows the opportunity to salespeople only; others may not read leads.
        if not self.env["crm.lead"].has_access("read"):
            self.allowed_opportunity_ids = False
            return
        for wizard in self:
            wizard.allowed_opportunity_ids = self.env["crm.lead"].search(
                wizard._opportunity_domain()
            )

    def _opportunity_domain(self):
        """Business Central's rule: the open opportunities of the contacts' company."""
        return (
            Domain("type", "=", "opportunity")
            & Domain("won_status", "=", "pending")
            & Domain("partner_id", "child_of", self.partner_ids.commercial_partner_id.ids)
        )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        entry = self.env["interaction.log.entry"].browse(values.get("entry_id"))
        if entry and entry.opportunity_id:
            values["opportunity_id"] = entry.opportunity_id.id
        return values

    def _check_values(self, postponed=False):
        result = super()._check_values(postponed)
        if self.opportunity_id and not self.opportunity_id.filtered_domain(
            self._opportunity_domain()
        ):
            raise UserError(
                self.env._(
                    "Opportunity %(opportunity)s is not an open opportunity of these contacts' "
                    "company: choose one of theirs, or none.",
                    opportunity=self.opportunity_id.display_name,
                )
            )
        return result

    def _entry_values(self, partner, postponed):
        values = super()._entry_values(partner, postponed)
        if not self.opportunity_id:
            return values
        values["opportunity_id"] = self.opportunity_id.id
        # The opportunity's campaign when none was chosen, as its documents carry it.
        if not values.get("campaign_id") and self.opportunity_id.campaign_id:
            values["campaign_id"] = self.opportunity_id.campaign_id.id
        return values
