from odoo import api, fields, models
from odoo.exceptions import UserError


class InteractionLogEntry(models.Model):
    _inherit = "interaction.log.entry"

    # Business Central's Opportunity No. A deleted or merged lead leaves the entry in place:
    # the interaction happened all the same. The views show it to salespeople only: others
    # may not read leads.
    opportunity_id = fields.Many2one(
        "crm.lead",
        string="Opportunity",
        index="btree_not_null",
        ondelete="set null",
    )

    def _interaction_editable_fields(self):
        # Linking an interaction to an opportunity classifies it, as evaluating it does.
        return super()._interaction_editable_fields() | {"opportunity_id"}

    @api.model
    def _interaction_record_values(self, record):
        values = super()._interaction_record_values(record)
        record = record.sudo()
        if record._name == "crm.lead":
            values["opportunity_id"] = record.id
        elif (
            "opportunity_id" in record._fields
            and record._fields["opportunity_id"].comodel_name == "crm.lead"
            and record.opportunity_id
        ):
            # A quotation of an opportunity (sale_crm), a meeting planned from one (crm).
            values["opportunity_id"] = record.opportunity_id.id
        return values

    def action_create_opportunity(self):
        """Business Central's Create Opportunity: a new opportunity for the entry's contact,
        with its description, salesperson and campaign, linked back to the entry."""
        self.ensure_one()
        if self.canceled:
            raise UserError(
                self.env._("This interaction is cancelled: restore it to create an opportunity.")
            )
        if self.opportunity_id:
            raise UserError(
                self.env._(
                    "This interaction is linked to opportunity %(opportunity)s already.",
                    opportunity=self.opportunity_id.display_name,
                )
            )
        opportunity = self.env["crm.lead"].create(
            {
                "type": "opportunity",
                "name": self.name,
                "partner_id": self.partner_id.id,
                "user_id": self.user_id.id,
                "campaign_id": self.campaign_id.id,
                "company_id": self.company_id.id,
            }
        )
        self.opportunity_id = opportunity
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.lead",
            "res_id": opportunity.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
