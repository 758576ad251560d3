from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

INFORMATION_FLOWS = [("outbound", "Outbound"), ("inbound", "Inbound")]
INITIATORS = [("us", "Us"), ("them", "Them")]
CORRESPONDENCE_TYPES = [("paper", "Paper"), ("email", "E-mail")]
EVALUATIONS = [
    ("very_positive", "Very Positive"),
    ("positive", "Positive"),
    ("neutral", "Neutral"),
    ("negative", "Negative"),
    ("very_negative", "Very Negative"),
]
DOCUMENT_TYPES = [
    ("quotation", "Quotation"),
    ("order", "Sales Order"),
    ("invoice", "Invoice"),
    ("refund", "Credit Note"),
]

# Entries are facts: once logged, only these change by hand (cancelling goes through
# action_cancel/action_restore, which write `canceled`).
EDITABLE_FIELDS = {"evaluation", "note", "attempt_failed", "canceled"}


class InteractionLogEntry(models.Model):
    _name = "interaction.log.entry"
    _description = "Interaction Log Entry"
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Description",
        required=True,
        compute="_compute_from_template",
        store=True,
        readonly=False,
        precompute=True,
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    commercial_partner_id = fields.Many2one(
        "res.partner",
        string="Contact's Company",
        related="partner_id.commercial_partner_id",
        store=True,
        index=True,
    )
    template_id = fields.Many2one(
        "interaction.template",
        string="Template",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    group_id = fields.Many2one(
        "interaction.group",
        string="Group",
        required=True,
        index=True,
        ondelete="restrict",
        compute="_compute_from_template",
        store=True,
        readonly=False,
        precompute=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    cost = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_from_template",
        store=True,
        readonly=False,
        precompute=True,
    )
    duration = fields.Integer(
        string="Duration (min)",
        compute="_compute_from_template",
        store=True,
        readonly=False,
        precompute=True,
    )
    information_flow = fields.Selection(
        INFORMATION_FLOWS,
        required=True,
        compute="_compute_from_template",
        store=True,
        readonly=False,
        precompute=True,
    )
    initiated_by = fields.Selection(
        INITIATORS,
        required=True,
        compute="_compute_from_template",
        store=True,
        readonly=False,
        precompute=True,
    )
    correspondence_type = fields.Selection(
        CORRESPONDENCE_TYPES,
        compute="_compute_from_template",
        store=True,
        readonly=False,
        precompute=True,
    )
    user_id = fields.Many2one(
        "res.users", string="Salesperson", index=True, default=lambda self: self.env.user
    )
    attempt_failed = fields.Boolean(help="The contact could not be reached.")
    evaluation = fields.Selection(EVALUATIONS)
    canceled = fields.Boolean(string="Cancelled", index=True, copy=False)
    postponed = fields.Boolean(index=True, copy=False, help="Saved for later, not logged yet.")
    state = fields.Selection(
        [
            ("logged", "Logged"),
            ("failed", "Attempt Failed"),
            ("canceled", "Cancelled"),
            ("postponed", "Postponed"),
        ],
        string="Status",
        compute="_compute_state",
        store=True,
    )
    note = fields.Text()
    attachment_ids = fields.One2many(
        "ir.attachment",
        "res_id",
        string="Attachments",
        domain=[("res_model", "=", "interaction.log.entry")],
    )
    logged_segment_id = fields.Many2one(
        "interaction.logged.segment", index="btree_not_null", ondelete="set null", readonly=True
    )
    # Source document, set by automatic logging.
    res_model = fields.Char(string="Document Model", readonly=True)
    res_id = fields.Many2oneReference(string="Document ID", model_field="res_model", readonly=True)
    document_name = fields.Char(string="Document", readonly=True)
    document_type = fields.Selection(DOCUMENT_TYPES, readonly=True)

    # The template's values are copied when the entry is created (or its template chosen) and
    # then kept as history: the compute depends on the template, not on its fields.
    @api.depends("template_id")
    def _compute_from_template(self):
        for entry in self:
            template = entry.template_id
            entry.name = template.name
            entry.group_id = template.group_id
            entry.cost = template.unit_cost
            entry.duration = template.unit_duration
            entry.information_flow = template.information_flow
            entry.initiated_by = template.initiated_by
            entry.correspondence_type = template.correspondence_type

    @api.depends("canceled", "postponed", "attempt_failed")
    def _compute_state(self):
        for entry in self:
            if entry.postponed:
                entry.state = "postponed"
            elif entry.canceled:
                entry.state = "canceled"
            elif entry.attempt_failed:
                entry.state = "failed"
            else:
                entry.state = "logged"

    @api.constrains("cost", "duration")
    def _check_cost_duration(self):
        if self.filtered(lambda entry: entry.cost < 0 or entry.duration < 0):
            raise ValidationError(
                self.env._(
                    "The cost and duration of an interaction cannot be negative: enter 0 or more."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        context = self.env.context
        if any(
            not (vals.get(name) or context.get(f"default_{name}"))
            for vals in vals_list
            for name in ("partner_id", "template_id")
        ):
            raise ValidationError(
                self.env._("An interaction needs a contact and a template: choose both.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("canceled") is False:
            self._check_restorable()
        locked_fields = set(vals) - EDITABLE_FIELDS
        if locked_fields and self.filtered(lambda entry: not entry.postponed):
            labels = ", ".join(
                sorted(self._fields[name]._description_string(self.env) for name in locked_fields)
            )
            raise UserError(
                self.env._(
                    "Logged interactions are a record of what happened: only the evaluation, the "
                    "note and 'attempt failed' can be changed (not: %(fields)s). Cancel the "
                    "interaction and log a new one instead.",
                    fields=labels,
                )
            )
        return super().write(vals)

    def _check_restorable(self):
        blocked = self.filtered(lambda entry: entry.canceled and entry.logged_segment_id.canceled)
        if blocked:
            raise UserError(
                self.env._(
                    "These interactions belong to the cancelled logged segment %(segment)s: "
                    "restore the logged segment to restore them.",
                    segment=blocked.logged_segment_id[:1].display_name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_logged(self):
        logged = self.filtered(lambda entry: not (entry.canceled or entry.postponed))
        if logged:
            raise UserError(
                self.env._(
                    "Only cancelled or postponed interactions can be deleted. Cancel these "
                    "first: %(entries)s",
                    entries=", ".join(logged[:5].mapped("display_name"))
                    + (", …" if len(logged) > 5 else ""),
                )
            )

    def action_cancel(self):
        # Postponed entries are drafts: they are resumed or deleted, not cancelled.
        self.filtered(lambda entry: not entry.canceled and not entry.postponed).write(
            {"canceled": True}
        )

    def action_restore(self):
        self.filtered("canceled").write({"canceled": False})

    def action_resume(self):
        """Re-open the Log Interaction wizard on a postponed entry; logging it there turns
        this entry into a logged one (no second entry)."""
        self.ensure_one()
        if not self.postponed:
            raise UserError(self.env._("Only postponed interactions can be resumed."))
        return self.env["interaction.log.wizard"]._action_open({"default_entry_id": self.id})

    @api.model
    def _action_open_entries(self, domain, context=None):
        """The interactions list restricted to ``domain``, as smart buttons open it: filtered
        on the entries their counts include (not cancelled, not postponed)."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "interaction_log.interaction_log_entry_action"
        )
        action["domain"] = Domain(domain) & Domain("postponed", "=", False)
        action["context"] = {"search_default_not_canceled": 1, **(context or {})}
        return action

    @api.model
    def _statistics_domain(self):
        """Entries that count in statistics: neither cancelled nor postponed, within the dates
        the context gives (``interaction_date_from`` / ``interaction_date_to``)."""
        domain = Domain("canceled", "=", False) & Domain("postponed", "=", False)
        if date_from := self.env.context.get("interaction_date_from"):
            domain &= Domain("date", ">=", date_from)
        if date_to := self.env.context.get("interaction_date_to"):
            domain &= Domain("date", "<=", date_to)
        return domain

    @api.model
    def _statistics_by(self, field_name, records):
        """Count, cost and duration of the counted entries of ``records``, grouped by the
        many2one ``field_name``, in one query: ``{record_id: (count, cost, duration)}``."""
        if not records.ids:
            return {}
        groups = self._read_group(
            self._statistics_domain() & Domain(field_name, "in", records.ids),
            [field_name],
            ["__count", "cost:sum", "duration:sum"],
        )
        return {record.id: (count, cost, duration) for record, count, cost, duration in groups}

    @api.model
    def _purge_domain(self, company):
        """Cancelled entries of ``company`` older than its retention period; None when the
        company keeps them (retention 0)."""
        days = company.interaction_retention_days
        if days <= 0:
            return None
        limit = fields.Datetime.subtract(fields.Datetime.now(), days=days)
        return (
            Domain("canceled", "=", True)
            & Domain("company_id", "=", company.id)
            & Domain("date", "<", limit)
        )

    @api.model
    def _cron_purge_canceled(self, batch_size=5000):
        """Delete the cancelled entries older than each company's retention period, one
        committed batch at a time: the table is never locked for long, and a run stopped
        half-way keeps what it did; the next run finishes the job."""
        entries = self.sudo().with_context(active_test=False)
        domains = [
            domain
            for company in self.env["res.company"].sudo().with_context(active_test=False).search([])
            if (domain := self._purge_domain(company)) is not None
        ]
        if not domains:
            return
        domain = Domain.OR(domains)
        cron = self.env["ir.cron"]
        remaining = entries.search_count(domain)
        while remaining:
            batch = entries.search(domain, limit=batch_size, order="id")
            if not batch:
                break
            batch.unlink()
            remaining = max(remaining - len(batch), 0)
            if not cron._commit_progress(len(batch), remaining=remaining):
                break  # out of time: the cron comes back for the rest
