from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .interaction_values_mixin import CORRESPONDENCE_TYPES, INFORMATION_FLOWS, INITIATORS


class InteractionTemplate(models.Model):
    _name = "interaction.template"
    _description = "Interaction Template"
    _inherit = ["interaction.statistics.mixin"]
    _order = "group_id, code"
    _rec_names_search = ["code", "name"]
    _check_company_auto = True
    _interaction_entry_field = "template_id"

    code = fields.Char(required=True)
    name = fields.Char(string="Description", required=True, translate=True)
    group_id = fields.Many2one(
        "interaction.group", string="Group", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty to share the template between companies."
    )
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")
    unit_cost = fields.Monetary(
        currency_field="currency_id", help="Usual cost of one interaction, copied to each entry."
    )
    unit_duration = fields.Integer(
        string="Unit Duration (min)", help="Usual duration in minutes, copied to each entry."
    )
    information_flow = fields.Selection(
        INFORMATION_FLOWS,
        required=True,
        default="outbound",
        help="Outbound: usually sent by the company; inbound: usually received.",
    )
    initiated_by = fields.Selection(INITIATORS, required=True, default="us")
    correspondence_type = fields.Selection(CORRESPONDENCE_TYPES, default="email")
    active = fields.Boolean(default=True)

    # A shared template (no company) takes its code alone; NULLs are distinct in a plain
    # UNIQUE, hence the COALESCE.
    _code_company_uniq = models.UniqueIndex(
        "(code, COALESCE(company_id, 0))",
        "An interaction template with this code already exists for this company.",
    )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for template in self:
            template.display_name = (
                f"{template.code} - {template.name}" if template.code else template.name
            )

    @api.depends("company_id")
    @api.depends_context("company")
    def _compute_currency_id(self):
        for template in self:
            template.currency_id = (template.company_id or self.env.company).currency_id

    def _interaction_values(self):
        """What an interaction takes from this template (its description under ``name``):
        entries, segments, segment lines and the Log Interaction wizard all start from it."""
        return {
            "name": self.name,
            "correspondence_type": self.correspondence_type,
            "information_flow": self.information_flow,
            "initiated_by": self.initiated_by,
            "cost": self.unit_cost,
            "duration": self.unit_duration,
        }

    @api.constrains("unit_cost", "unit_duration")
    def _check_unit_cost_duration(self):
        for template in self:
            if template.unit_cost < 0 or template.unit_duration < 0:
                raise ValidationError(
                    self.env._(
                        "The unit cost and unit duration of template %(template)s cannot be "
                        "negative: enter 0 or more.",
                        template=template.display_name,
                    )
                )

    def _check_usable_by(self, company):
        """Refuse a template of another company than ``company`` in its template setup."""
        for template in self:
            if template.company_id and template.company_id != company:
                raise ValidationError(
                    self.env._(
                        "Template %(template)s belongs to %(other)s and cannot be used by "
                        "%(company)s: choose a template of %(company)s or a shared one.",
                        template=template.display_name,
                        other=template.company_id.name,
                        company=company.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        used = (
            self.env["interaction.log.entry"]
            .sudo()
            ._read_group([("template_id", "in", self.ids)], ["template_id"])
        )
        if used:
            raise UserError(
                self.env._(
                    "Template %(template)s is used by logged interactions and cannot be "
                    "deleted. Archive it instead.",
                    template=used[0][0].display_name,
                )
            )
