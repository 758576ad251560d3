from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    interaction_retention_days = fields.Integer(
        related="company_id.interaction_retention_days", readonly=False
    )
    interaction_template_quotation_id = fields.Many2one(
        related="company_id.interaction_template_quotation_id", readonly=False
    )
    interaction_template_order_id = fields.Many2one(
        related="company_id.interaction_template_order_id", readonly=False
    )
    interaction_template_invoice_id = fields.Many2one(
        related="company_id.interaction_template_invoice_id", readonly=False
    )
    interaction_template_refund_id = fields.Many2one(
        related="company_id.interaction_template_refund_id", readonly=False
    )
    interaction_template_email_id = fields.Many2one(
        related="company_id.interaction_template_email_id", readonly=False
    )
    interaction_template_meeting_id = fields.Many2one(
        related="company_id.interaction_template_meeting_id", readonly=False
    )
