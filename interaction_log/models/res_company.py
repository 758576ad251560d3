from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    interaction_retention_days = fields.Integer(
        string="Keep Cancelled Interactions (days)",
        default=0,
        help="The scheduled purge deletes cancelled interactions older than this many days. "
        "0 keeps them.",
    )

    @api.constrains("interaction_retention_days")
    def _check_interaction_retention_days(self):
        if any(company.interaction_retention_days < 0 for company in self):
            raise ValidationError(
                self.env._(
                    "The retention period of cancelled interactions cannot be negative: "
                    "enter a number of days, or 0 to keep them."
                )
            )
