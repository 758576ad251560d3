from odoo import fields, models


class MailActivityType(models.Model):
    _inherit = "mail.activity.type"

    interaction_template_id = fields.Many2one(
        "interaction.template",
        string="Interaction Template",
        ondelete="set null",
        help="Marking an activity of this type done logs an interaction with this template on "
        "the contact of its record. Empty: nothing is logged.",
    )
