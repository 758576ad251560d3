from odoo import fields, models


class InteractionSegmentCriteria(models.Model):
    """Saved criteria: the steps that built a segment, to build another the same way."""

    _name = "interaction.segment.criteria"
    _description = "Saved Segment Criteria"
    _order = "name"

    name = fields.Char(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    step_ids = fields.One2many("interaction.segment.criterion", "criteria_id", string="Steps")
