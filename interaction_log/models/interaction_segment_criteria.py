from odoo import fields, models


class InteractionSegmentCriteria(models.Model):
    """Saved criteria: the steps that built a segment, to build another the same way."""

    _name = "interaction.segment.criteria"
    _description = "Saved Segment Criteria"
    _order = "name"

    name = fields.Char(required=True)
    step_ids = fields.One2many("interaction.segment.criterion", "criteria_id", string="Steps")
