from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    interaction_retention_days = fields.Integer(
        related="company_id.interaction_retention_days", readonly=False
    )
    interaction_setup_sales_ids = fields.One2many(
        related="company_id.interaction_setup_sales_ids", readonly=False
    )
    interaction_setup_purchases_ids = fields.One2many(
        related="company_id.interaction_setup_purchases_ids", readonly=False
    )
    interaction_setup_inventory_ids = fields.One2many(
        related="company_id.interaction_setup_inventory_ids", readonly=False
    )
    interaction_template_email_id = fields.Many2one(
        related="company_id.interaction_template_email_id", readonly=False
    )
