from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    interaction_retention_days = fields.Integer(
        related="company_id.interaction_retention_days", readonly=False
    )
