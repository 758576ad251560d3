from odoo import fields, models


class InteractionTestCertificate(models.Model):
    _name = "interaction.test.certificate"
    _inherit = ["interaction.document.mixin"]
    _description = "Test Certificate"

    name = fields.Char(required=True)
    state = fields.Selection([("draft", "Draft"), ("issued", "Issued")], default="draft")
    holder_id = fields.Many2one("res.partner", required=True)
    issuer_id = fields.Many2one("res.users", default=lambda self: self.env.user)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
