from odoo import api, fields, models

from ..models.interaction_values_mixin import CORRESPONDENCE_TYPES


class InteractionResendWizard(models.TransientModel):
    """Resend: the selected e-mail interactions sent again, each a new entry."""

    _name = "interaction.resend.wizard"
    _description = "Resend Interactions"

    entry_ids = fields.Many2many("interaction.log.entry", string="Interactions")
    correspondence_type = fields.Selection(
        CORRESPONDENCE_TYPES,
        required=True,
        default="email",
        help="E-mail sends the original e-mail again to each contact; Paper logs a letter "
        "sent instead.",
    )

    content = fields.Selection(
        [
            ("original", "The original message"),
            ("template", "The e-mail template, rendered for each contact"),
        ],
        string="Send",
        required=True,
        default="original",
        help="The e-mail template is the one the document was sent with, rendered again on "
        "the document in each contact's language; interactions without one get the original "
        "message.",
    )
    has_mail_template = fields.Boolean(compute="_compute_has_mail_template")

    @api.depends("entry_ids")
    def _compute_has_mail_template(self):
        for wizard in self:
            wizard.has_mail_template = bool(wizard.entry_ids.mail_template_id)

    def action_resend(self):
        self.ensure_one()
        self.entry_ids._resend(self.correspondence_type, self.content)
        return {"type": "ir.actions.act_window_close"}
