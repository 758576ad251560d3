import ast

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL

# Header fields that only describe the segment: they stay editable once it is logged.
DESCRIPTIVE_FIELDS = {"name", "description"}


class InteractionSegment(models.Model):
    """A saved group of contacts, built step by step from criteria, to log the same
    interaction with all of them at once."""

    _name = "interaction.segment"
    _inherit = ["interaction.values.mixin"]
    _description = "Segment"
    _order = "id desc"
    _check_company_auto = True
    _interaction_name_field = "interaction_name"

    name = fields.Char(required=True)
    description = fields.Text()
    date = fields.Datetime(
        default=fields.Datetime.now, required=True, help="Date of the interactions it logs."
    )
    user_id = fields.Many2one("res.users", string="Salesperson", default=lambda self: self.env.user)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        [("draft", "Draft"), ("logged", "Logged")], default="draft", required=True, copy=False
    )
    # Interaction defaults (interaction.values.mixin), copied to each line (which may
    # override them), and copied with the segment: a follow-up keeps the interaction to log.
    correspondence_type = fields.Selection(copy=True)
    information_flow = fields.Selection(copy=True)
    initiated_by = fields.Selection(copy=True)
    cost = fields.Monetary(copy=True)
    duration = fields.Integer(copy=True)
    campaign_id = fields.Many2one(copy=True)
    campaign_target = fields.Boolean(copy=True)
    campaign_response = fields.Boolean(copy=True)
    interaction_name = fields.Char(
        string="Interaction Description",
        compute="_compute_interaction_values",
        precompute=True,
        store=True,
        readonly=False,
        copy=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    # Building options
    expand_companies = fields.Boolean(
        string="Include Company Contacts",
        help="When a criterion matches a company, take its contacts too.",
    )
    ignore_exclusion = fields.Boolean(
        help="Also take contacts marked 'Exclude from segments'. Archived contacts are never taken."
    )
    create_follow_up = fields.Boolean(
        string="Create Follow-up Segment",
        help="When logging, create a new draft segment with the same contacts.",
    )
    line_ids = fields.One2many("interaction.segment.line", "segment_id", string="Contacts")
    criterion_ids = fields.One2many(
        "interaction.segment.criterion", "segment_id", string="Criteria Steps"
    )
    logged_segment_ids = fields.One2many("interaction.logged.segment", "segment_id")
    line_count = fields.Integer(string="Contacts Count", compute="_compute_line_totals")
    total_cost = fields.Monetary(compute="_compute_line_totals")
    total_duration = fields.Integer(string="Total Duration (min)", compute="_compute_line_totals")

    @api.depends("line_ids.cost", "line_ids.duration")
    def _compute_line_totals(self):
        totals = {
            segment: (count, cost, duration)
            for segment, count, cost, duration in self.env["interaction.segment.line"]._read_group(
                [("segment_id", "in", self.ids)],
                ["segment_id"],
                ["__count", "cost:sum", "duration:sum"],
            )
        }
        for segment in self:
            segment.line_count, segment.total_cost, segment.total_duration = totals.get(
                segment, (0, 0.0, 0)
            )

    @api.onchange(
        "template_id",
        "interaction_name",
        "correspondence_type",
        "information_flow",
        "initiated_by",
        "cost",
        "duration",
        "campaign_id",
        "campaign_target",
        "campaign_response",
    )
    def _onchange_interaction_defaults(self):
        if self._origin.line_ids:
            return {
                "warning": {
                    "title": self.env._("Update the contacts' lines?"),
                    "message": self.env._(
                        "The lines keep their own values. Save, then use 'Apply to Lines' to give "
                        "every line the new interaction defaults."
                    ),
                }
            }

    def write(self, vals):
        if set(vals) - DESCRIPTIVE_FIELDS:
            self._check_draft()
        result = super().write(vals)
        # Record rules are checked before a write, not after it: moving a segment to a
        # company the user cannot see is refused here.
        if "company_id" in vals and not self.env.su:
            self.check_access("write")
        return result

    def _check_draft(self):
        logged = self.filtered(lambda segment: segment.state == "logged")
        if logged:
            raise UserError(
                self.env._(
                    "Segment %(segment)s is logged and can no longer change. Copy it, or create "
                    "a new segment and reuse its contacts.",
                    segment=logged[0].display_name,
                )
            )

    def action_apply_defaults_to_lines(self):
        self._check_draft()
        for segment in self:
            segment.line_ids.write(segment._line_defaults())

    def _line_defaults(self):
        self.ensure_one()
        return {
            "template_id": self.template_id.id,
            "name": self.interaction_name,
            "correspondence_type": self.correspondence_type,
            "information_flow": self.information_flow,
            "initiated_by": self.initiated_by,
            "cost": self.cost,
            "duration": self.duration,
            "campaign_id": self.campaign_id.id,
            "campaign_target": self.campaign_target,
            "campaign_response": self.campaign_response,
        }

    # Building ---------------------------------------------------------------------------

    def _partners(self):
        self.ensure_one()
        return self.line_ids.partner_id

    def _match_partners(self, domain):
        """Active contacts matching ``domain``, with the contacts of matched companies when
        asked, without those excluded from segments unless asked."""
        self.ensure_one()
        partners = self.env["res.partner"]
        exclusion = (
            Domain.TRUE if self.ignore_exclusion else Domain("exclude_from_segments", "=", False)
        )
        # The companies' own partners, their people and the internal users' partners are
        # colleagues, not contacts to market to: a criterion never matches them (a line added
        # by hand still can).
        companies, users = self._own_partners()
        exclusion &= Domain("commercial_partner_id", "not in", companies.ids) & Domain(
            "id", "not in", users.ids
        )
        matched = partners.search(Domain(domain) & exclusion)
        if self.expand_companies and (companies := matched.filtered("is_company")):
            matched |= partners.search(Domain("id", "child_of", companies.ids) & exclusion)
        return matched

    @api.model
    def _own_partners(self):
        """The partners of the companies of the database, and of its internal users."""
        companies = (
            self.env["res.company"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "!=", False)])
        )
        users = (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search([("share", "=", False)])
        )
        return companies.partner_id, users.partner_id

    def _criterion_changes(self, action, matched):
        """The contacts a criterion step with ``action`` adds or removes, given the contacts
        it ``matched`` (its count is previewed in the criteria wizard)."""
        self.ensure_one()
        if action == "add":
            return matched - self._partners()
        if action == "remove":
            return matched & self._partners()
        return self._partners() - matched

    def _add_partners(self, partners):
        new = partners - self._partners()
        defaults = self._line_defaults()
        self.env["interaction.segment.line"].create(
            [{"segment_id": self.id, "partner_id": partner.id, **defaults} for partner in new]
        )
        return new

    def _remove_partners(self, partners):
        lines = self.line_ids.filtered(lambda line: line.partner_id in partners)
        removed = lines.partner_id
        lines.unlink()
        return removed

    def _apply_criterion(self, action, domain, description=""):
        """Add, remove or keep (refine) the contacts matching ``domain``, and record the step
        with the contacts it changed, so that it can be undone."""
        self.ensure_one()
        self._check_draft()
        if isinstance(domain, str):
            domain = ast.literal_eval(domain)
        changed = self._criterion_changes(action, self._match_partners(domain))
        if action == "add":
            self._add_partners(changed)
        else:
            self._remove_partners(changed)
        return self.env["interaction.segment.criterion"].create(
            {
                "segment_id": self.id,
                "action": action,
                "domain": repr(domain),
                "description": description,
                "partner_ids": [(6, 0, changed.ids)],
            }
        )

    def action_undo_last_step(self):
        self.ensure_one()
        self._check_draft()
        step = self.criterion_ids.sorted("id")[-1:]
        if not step:
            raise UserError(self.env._("There is no criteria step to undo."))
        if step.action == "add":
            self._remove_partners(step.partner_ids)
        else:
            self._add_partners(step.partner_ids.exists())
        step.unlink()

    def action_save_criteria(self):
        self.ensure_one()
        if not self.criterion_ids:
            raise UserError(self.env._("Apply criteria to the segment before saving them."))
        criteria = self.env["interaction.segment.criteria"].create(
            {
                "name": self.name,
                "step_ids": [
                    (
                        0,
                        0,
                        {
                            "action": step.action,
                            "domain": step.domain,
                            "description": step.description,
                        },
                    )
                    for step in self.criterion_ids.sorted("id")
                ],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "interaction.segment.criteria",
            "res_id": criteria.id,
            "view_mode": "form",
        }

    def _reuse_criteria(self, criteria):
        self.ensure_one()
        for step in criteria.step_ids.sorted(lambda step: (step.sequence, step.id)):
            self._apply_criterion(step.action, step.domain, step.description)

    def _reuse_logged_segment(self, logged_segment):
        self.ensure_one()
        self._check_draft()
        partners = logged_segment.with_context(active_test=False).entry_ids.partner_id
        return self._apply_criterion(
            "add",
            [("id", "in", partners.ids)],
            self.env._(
                "Contacts of logged segment %(segment)s", segment=logged_segment.display_name
            ),
        )

    # Logging ----------------------------------------------------------------------------

    def action_log(self):
        """Log one interaction per line, all in one batch, and one logged segment per
        segment. The row lock makes a concurrent second click wait, then see 'logged'."""
        if not self:
            return True
        self.env.execute_query(
            SQL("SELECT id FROM interaction_segment WHERE id IN %s FOR UPDATE", tuple(self.ids))
        )
        self.invalidate_recordset(["state"])
        for segment in self:
            if segment.state == "logged":
                raise UserError(
                    self.env._("Segment %(segment)s is logged already.", segment=segment.name)
                )
            # Its lines skip create(): the date rule of logged entries is checked here.
            self.env["interaction.log.entry"]._check_logged_date(segment.date)
        blocked = self._check_lines_loggable()
        logged_segments = self.env["interaction.logged.segment"].create(
            [
                {
                    "segment_id": segment.id,
                    "name": segment.name,
                    "company_id": segment.company_id.id,
                    "privacy_blocked_count": blocked.get(segment.id, 0),
                }
                for segment in self
            ]
        )
        entries = self.env["interaction.log.entry"]
        entries.check_access("create")
        for segment, logged in zip(self, logged_segments, strict=True):
            entries._create_from_segment(segment, logged)
        super().write({"state": "logged"})  # past the logged-segment guard
        follow_ups = self.filtered("create_follow_up")._create_follow_ups()
        if len(follow_ups) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": "interaction.segment",
                "res_id": follow_ups.id,
                "view_mode": "form",
            }
        return True

    def _check_lines_loggable(self):
        """What the ORM would check entry by entry, checked once per segment in SQL, without
        loading its lines (a segment may have 100,000): it has lines, each with a template
        and a description, no negative cost or duration, no contact of another company.
        Returns how many lines of each segment are privacy-blocked contacts: logging skips
        them."""
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT segment.id,
                       count(line.id) FILTER (WHERE partner.interaction_privacy_blocked),
                       segment.name,
                       count(line.id),
                       count(line.id) FILTER (WHERE line.template_id IS NULL
                                                 OR COALESCE(line.name, '') = ''),
                       count(line.id) FILTER (WHERE line.cost < 0 OR line.duration < 0),
                       count(line.id) FILTER (WHERE (partner.company_id IS NOT NULL
                                                     AND partner.company_id != segment.company_id)
                                                 OR (template.company_id IS NOT NULL
                                                     AND template.company_id != segment.company_id))
                  FROM interaction_segment segment
                  LEFT JOIN interaction_segment_line line ON line.segment_id = segment.id
                  LEFT JOIN res_partner partner ON partner.id = line.partner_id
                  LEFT JOIN interaction_template template ON template.id = line.template_id
                 WHERE segment.id IN %s
                 GROUP BY segment.id, segment.name
                """,
                tuple(self.ids),
            )
        )
        blocked = {}
        for segment_id, blocked_lines, name, lines, incomplete, negative, foreign in rows:
            blocked[segment_id] = blocked_lines
            if not lines:
                raise UserError(
                    self.env._(
                        "Segment %(segment)s has no contacts: add contacts before logging it.",
                        segment=name,
                    )
                )
            if incomplete:
                raise UserError(
                    self.env._(
                        "Choose an interaction template and a description for segment %(segment)s "
                        "(%(count)s lines have none).",
                        segment=name,
                        count=incomplete,
                    )
                )
            if negative:
                raise UserError(
                    self.env._(
                        "Segment %(segment)s has %(count)s lines with a negative cost or duration: "
                        "enter 0 or more.",
                        segment=name,
                        count=negative,
                    )
                )
            if foreign:
                raise UserError(
                    self.env._(
                        "Segment %(segment)s has %(count)s lines whose contact or template "
                        "belongs to another company: remove them or choose a template of the "
                        "segment's company, or log the segment in their company.",
                        segment=name,
                        count=foreign,
                    )
                )
        return blocked

    def _create_follow_ups(self):
        follow_ups = self.env["interaction.segment"]
        for segment in self:
            follow_up = segment.copy(
                {"name": self.env._("Follow-up on %(segment)s", segment=segment.name)}
            )
            follow_up._add_partners(segment.line_ids.partner_id)
            follow_ups |= follow_up
        return follow_ups

    def action_view_logged_segments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "interaction_log.interaction_logged_segment_action"
        )
        logged = self.logged_segment_ids
        if len(logged) == 1:
            action.update({"res_id": logged.id, "view_mode": "form", "views": [(False, "form")]})
        else:
            action["domain"] = [("segment_id", "=", self.id)]
        return action
