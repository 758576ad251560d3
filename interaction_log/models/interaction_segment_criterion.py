from odoo import api, fields, models

CRITERION_ACTIONS = [
    ("add", "Add Contacts"),
    ("remove", "Remove Contacts"),
    ("refine", "Refine Contacts"),
]


class InteractionSegmentCriterion(models.Model):
    """One criteria step: on a segment, where it was applied, with the contacts it added or
    removed so that it can be undone; or in a saved criteria set, to be applied again."""

    _name = "interaction.segment.criterion"
    _description = "Segment Criteria Step"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    segment_id = fields.Many2one("interaction.segment", index=True, ondelete="cascade")
    criteria_id = fields.Many2one("interaction.segment.criteria", index=True, ondelete="cascade")
    # The contacts a step touched are another company's business: steps follow the company of
    # their segment or saved criteria.
    company_id = fields.Many2one(
        "res.company", compute="_compute_company_id", store=True, index=True, precompute=True
    )
    action = fields.Selection(CRITERION_ACTIONS, required=True)
    domain = fields.Char(required=True, default="[]")
    description = fields.Char()
    partner_ids = fields.Many2many("res.partner", string="Contacts Changed")
    partner_count = fields.Integer(
        string="Contacts Changed Count", compute="_compute_partner_count"
    )

    @api.depends("segment_id.company_id", "criteria_id.company_id")
    def _compute_company_id(self):
        for step in self:
            step.company_id = step.segment_id.company_id or step.criteria_id.company_id

    def _compute_partner_count(self):
        for step in self:
            step.partner_count = len(step.partner_ids)
