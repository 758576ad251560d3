import ast

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.interaction_log_entry import EVALUATIONS
from ..models.interaction_segment_criterion import CRITERION_ACTIONS


class InteractionSegmentCriteriaWizard(models.TransientModel):
    """Add, remove or refine a segment's contacts: any domain on contacts, plus the usual
    filters and the contacts' interaction history, all combined."""

    _name = "interaction.segment.criteria.wizard"
    _description = "Segment Criteria"

    segment_id = fields.Many2one("interaction.segment", required=True, ondelete="cascade")
    action = fields.Selection(CRITERION_ACTIONS, required=True, default="add")
    domain = fields.Char(string="Filter", default="[]")
    category_ids = fields.Many2many("res.partner.category", string="Tags")
    country_ids = fields.Many2many("res.country", string="Countries")
    salesperson_ids = fields.Many2many("res.users", string="Salespeople")
    history = fields.Selection(
        [("with", "Has interactions"), ("without", "Has no interactions")],
        string="Interaction History",
    )
    history_template_ids = fields.Many2many("interaction.template", string="With Templates")
    history_group_ids = fields.Many2many("interaction.group", string="In Groups")
    history_date_from = fields.Datetime(string="From")
    history_date_to = fields.Datetime(string="To")
    history_evaluation = fields.Selection(EVALUATIONS, string="Evaluated")
    preview_count = fields.Integer(
        compute="_compute_preview_count",
        help="How many contacts applying these criteria adds to or removes from the segment.",
    )
    preview_message = fields.Char(compute="_compute_preview_count")

    @api.depends(
        "segment_id",
        "action",
        "domain",
        "category_ids",
        "country_ids",
        "salesperson_ids",
        "history",
        "history_template_ids",
        "history_group_ids",
        "history_date_from",
        "history_date_to",
        "history_evaluation",
    )
    def _compute_preview_count(self):
        """Exactly what Apply would change: every criterion, the segment's exclusions and
        the contacts it already has."""
        for wizard in self:
            segment = wizard.segment_id._origin
            try:
                domain = wizard._partner_domain()
            except UserError:
                domain = None  # the filter is being typed: no count until it is valid
            count = (
                len(segment._criterion_changes(wizard.action, segment._match_partners(domain)))
                if segment and domain is not None
                else 0
            )
            wizard.preview_count = count
            wizard.preview_message = (
                self.env._("Applying adds %(count)s contacts to the segment.", count=count)
                if wizard.action == "add"
                else self.env._(
                    "Applying removes %(count)s contacts from the segment.", count=count
                )
            )

    def _history_domain(self):
        """Counted interactions (not cancelled, not postponed) matching the history filters."""
        domain = [("canceled", "=", False), ("postponed", "=", False)]
        if self.history_template_ids:
            domain.append(("template_id", "in", self.history_template_ids.ids))
        if self.history_group_ids:
            domain.append(("group_id", "in", self.history_group_ids.ids))
        if self.history_date_from:
            domain.append(("date", ">=", fields.Datetime.to_string(self.history_date_from)))
        if self.history_date_to:
            domain.append(("date", "<=", fields.Datetime.to_string(self.history_date_to)))
        if self.history_evaluation:
            domain.append(("evaluation", "=", self.history_evaluation))
        return domain

    def _partner_domain(self):
        """The criterion as a plain, storable domain on res.partner."""
        self.ensure_one()
        try:
            domain = ast.literal_eval(self.domain or "[]")
        except (ValueError, SyntaxError) as error:
            raise UserError(
                self.env._("The filter is not a valid domain: %(error)s", error=error)
            ) from error
        domain = list(domain)
        for field_name, records in (
            ("category_id", self.category_ids),
            ("country_id", self.country_ids),
            ("user_id", self.salesperson_ids),
        ):
            if records:
                domain.append((field_name, "in", records.ids))
        if self.history:
            operator = "any" if self.history == "with" else "not any"
            domain.append(("interaction_entry_ids", operator, self._history_domain()))
        return domain

    def _step_description(self):
        labels = dict(self._fields["action"]._description_selection(self.env))
        return labels[self.action]

    def action_apply(self):
        self.ensure_one()
        self.segment_id._apply_criterion(
            self.action, self._partner_domain(), self._step_description()
        )
        return {"type": "ir.actions.act_window_close"}
