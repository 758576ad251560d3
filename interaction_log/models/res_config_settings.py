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
    interaction_email_logging = fields.Boolean(
        related="company_id.interaction_email_logging", readonly=False
    )
    interaction_email_alias_name = fields.Char(
        related="company_id.interaction_email_alias_name", readonly=False
    )
    interaction_email_alias_domain = fields.Char(
        string="Logging Address Domain",
        related="company_id.alias_domain_id.name",
        help="The company's alias domain, set in the Discuss settings.",
    )
    interaction_email_max_size = fields.Integer(
        related="company_id.interaction_email_max_size", readonly=False
    )
