from odoo import api, fields, models


class InteractionSegmentLine(models.Model):
    """A contact of a segment, with the interaction to log with it: the segment's defaults
    when the line is created, which the line may then override."""

    _name = "interaction.segment.line"
    _inherit = ["interaction.values.mixin"]
    _description = "Segment Line"
    _order = "segment_id, id"
    _check_company_auto = True

    segment_id = fields.Many2one(
        "interaction.segment", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="segment_id.company_id", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    # Read as the user, not as superuser: a line must not show what its contact's own
    # record would hide.
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", string="Contact's Company", related_sudo=False
    )
    email = fields.Char(related="partner_id.email", related_sudo=False)
    template_id = fields.Many2one(
        compute="_compute_template_id",
        precompute=True,
        store=True,
        readonly=False,
    )
    name = fields.Char(
        string="Description",
        compute="_compute_interaction_values",
        precompute=True,
        store=True,
        readonly=False,
    )
    currency_id = fields.Many2one(related="segment_id.currency_id")

    _partner_uniq = models.Constraint(
        "UNIQUE(segment_id, partner_id)", "A contact appears only once in a segment."
    )

    @api.depends("segment_id")
    def _compute_template_id(self):
        for line in self:
            line.template_id = line.segment_id.template_id

    def _interaction_source_values(self):
        segment = self.segment_id
        if self.template_id == segment.template_id:
            # The segment's own defaults, which may differ from its template's.
            values = segment._line_defaults()
            values.pop("template_id")
            return values
        values = super()._interaction_source_values()
        # Business Central's rule: the segment's campaign wins over the template's.
        if segment.campaign_id:
            values["campaign_id"] = segment.campaign_id
        return values

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        # On the lines created, not on the values: the segment may come from a default.
        lines.segment_id._check_draft()
        return lines

    def write(self, vals):
        self.segment_id._check_draft()
        result = super().write(vals)
        if "segment_id" in vals:
            self.segment_id._check_draft()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_logged(self):
        self.segment_id._check_draft()
