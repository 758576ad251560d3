from bisect import bisect_left, bisect_right
from collections import defaultdict
from itertools import chain

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, split_every


class InteractionRetentionPolicy(models.Model):
    """How long a company keeps the logged entries of an interaction group (or of one of its
    templates), and what becomes of them then. No policy, nothing happens: an existing
    database changes nothing until a manager sets one. The scheduled purge applies them."""

    _name = "interaction.retention.policy"
    _description = "Interaction Retention Policy"
    _inherit = ["mail.thread"]
    _order = "company_id, group_id, template_id, id"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    group_id = fields.Many2one(
        "interaction.group",
        string="Interaction Group",
        required=True,
        ondelete="cascade",
        tracking=True,
    )
    template_id = fields.Many2one(
        "interaction.template",
        string="Interaction Template",
        ondelete="cascade",
        check_company=True,
        domain="[('group_id', '=', group_id)]",
        tracking=True,
        help="Only the entries of this template; empty for the whole group. A template's own "
        "policy takes its entries out of its group's policy.",
    )
    keep_months = fields.Integer(
        string="Keep (months)",
        required=True,
        default=24,
        tracking=True,
        help="Entries older than this many months are anonymised or deleted by the next run.",
    )
    action = fields.Selection(
        [("anonymise", "Anonymise"), ("delete", "Delete")],
        string="Then",
        required=True,
        default="anonymise",
        tracking=True,
        help="Anonymise: the entry moves to the company's anonymised contact and loses its "
        "description, note, address used and attachments; date, template, cost, duration, "
        "flow and status stay, so statistics are unchanged. Delete: the entry is gone.",
    )
    next_run_count = fields.Integer(
        string="Next Run",
        compute="_compute_next_run_count",
        help="How many entries the next run would anonymise or delete, if it ran now.",
    )

    # One policy per group and company, and one per template and company: two policies never
    # argue over an entry.
    _group_uniq = models.UniqueIndex(
        "(company_id, group_id) WHERE template_id IS NULL",
        "This company already has a retention policy for this interaction group.",
    )
    _template_uniq = models.UniqueIndex(
        "(company_id, template_id) WHERE template_id IS NOT NULL",
        "This company already has a retention policy for this interaction template.",
    )

    @api.depends("company_id", "group_id", "template_id", "keep_months")
    def _compute_display_name(self):
        for policy in self:
            subject = policy.template_id.display_name or policy.group_id.display_name
            # A new policy has no group yet: its breadcrumb read ": 24 months".
            policy.display_name = (
                self.env._(
                    "%(subject)s: %(months)s months", subject=subject, months=policy.keep_months
                )
                if subject
                else self.env._("New Retention Policy")
            )

    @api.depends("company_id", "group_id", "template_id", "keep_months", "action")
    def _compute_next_run_count(self):
        entries = self.env["interaction.log.entry"].sudo().with_context(active_test=False)
        for policy in self:
            if not policy.group_id or policy.keep_months <= 0:
                policy.next_run_count = 0
                continue
            policy.next_run_count = entries.search_count(policy._retention_domain())

    @api.constrains("keep_months")
    def _check_keep_months(self):
        if any(policy.keep_months <= 0 for policy in self):
            raise ValidationError(
                self.env._(
                    "A retention policy keeps entries at least one month: set a number of "
                    "months above 0, or delete the policy to keep the entries."
                )
            )

    @api.constrains("group_id", "template_id")
    def _check_template_in_group(self):
        for policy in self.filtered("template_id"):
            if policy.template_id.group_id != policy.group_id:
                raise ValidationError(
                    self.env._(
                        "The template %(template)s belongs to the group %(group)s, not to "
                        "%(policy_group)s.",
                        template=policy.template_id.display_name,
                        group=policy.template_id.group_id.display_name,
                        policy_group=policy.group_id.display_name,
                    )
                )

    @api.onchange("group_id")
    def _onchange_group_id(self):
        if self.template_id.group_id != self.group_id:
            self.template_id = False

    @api.model
    def _held_partner_domain(self):
        """The entries no retention run may touch excluded: those a contact under legal hold
        counts and opens with its Interactions button (its own, and for a company those
        logged with its people while they were with it). A hold on a company thus holds its
        dealings with every one of its people, as litigation against a company needs; a hold
        on a person holds that person's whole history and nobody else's."""
        held = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search([("interaction_legal_hold", "=", True)])
        )
        if not held:
            return Domain.TRUE
        return ~held._interaction_entries_domain()

    def _retention_domain(self, held_domain=None):
        """The entries this policy anonymises or deletes now: its company's and group's (or
        template's) entries older than the period, neither postponed (not logged yet) nor
        held; for anonymising, not those already anonymised."""
        self.ensure_one()
        limit = fields.Datetime.now() - relativedelta(months=self.keep_months)
        domain = (
            Domain("company_id", "=", self.company_id.id)
            & Domain("group_id", "=", self.group_id.id)
            & Domain("date", "<", limit)
            & Domain("postponed", "=", False)
        )
        if self.template_id:
            domain &= Domain("template_id", "=", self.template_id.id)
        else:
            own_policies = self.sudo().search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("group_id", "=", self.group_id.id),
                    ("template_id", "!=", False),
                ]
            )
            if own_policies:
                domain &= Domain("template_id", "not in", own_policies.template_id.ids)
        if self.action == "anonymise":
            anonymous = (
                self.env["res.partner"]
                .sudo()
                .with_context(active_test=False)
                .search([("interaction_anonymous", "=", True)])
            )
            if anonymous:
                domain &= Domain("partner_id", "not in", anonymous.ids)
        return domain & (self._held_partner_domain() if held_domain is None else held_domain)

    @api.model
    def _cron_apply_policies(self, batch_size=25000):
        """Apply every company's policies, in batches committed one by one (the scheduled
        purge calls this after purging the cancelled entries). Killed half-way, a run keeps
        the batches it committed and the next run takes what is left: a batch is one
        statement, and what it did no longer matches the policy's domain. Each policy's
        counts go to its chatter."""
        # Every company's, archived ones' too (their entries are personal data all the same):
        # a few policies per company, not a table to page through.
        policies = self.sudo().search([])  # pylint: disable=no-search-all
        if not policies:
            return True
        ids_of = policies._retention_ids(self._held_partner_domain())
        remaining = sum(len(ids) for ids in ids_of.values())
        cron = self.env["ir.cron"]
        # The policies of one company and action run as one stream of ids in table order:
        # one after the other, each group policy read its entries spread over the whole old
        # part of the table, which each batch of the next one read and wrote again (make
        # bench at a million entries: 1.59 times the raw UPDATE with six group policies; the same
        # batches in one stream take less than the raw UPDATE).
        streams = defaultdict(lambda: self.browse())
        for policy in ids_of:
            streams[policy.company_id, policy.action] |= policy
        for stream in streams.values():
            done, finished = stream._apply(ids_of, batch_size, cron, remaining)
            remaining = max(remaining - sum(done.values()), 0)
            for policy, count in done.items():
                if count:
                    policy._post_run_counts(count, finished)
            if not finished:
                return False
        return True

    def _retention_ids(self, held_domain):
        """The ids of the entries each policy of ``self`` takes now, read in one query for all
        of them: each policy's own search read the same old entries again, by their date (make
        bench at a million entries: 6 group policies searched and counted one by one took 2.4 s
        of an anonymise run the raw UPDATE does in 6). Policies never share an entry (one per
        company and group, one per company and template, which leaves its group's), so an
        entry's company, group and template say whose it is. Each policy's ids come in order.
        """
        entries = self.env["interaction.log.entry"].sudo().with_context(active_test=False)
        domains = [policy._retention_domain(held_domain) for policy in self]
        query = entries._search(Domain.OR(domains))
        own_templates = self.filtered("template_id").template_id.ids or [0]
        entry = SQL.identifier(query.table)
        query.groupby = SQL("1, 2, 3")
        rows = entries.env.execute_query(
            query.select(
                SQL("%s.company_id", entry),
                SQL("%s.group_id", entry),
                SQL(
                    "CASE WHEN %s.template_id = ANY(%s) THEN %s.template_id END",
                    entry,
                    own_templates,
                    entry,
                ),
                SQL("array_agg(%s.id ORDER BY %s.id)", entry, entry),
            )
        )
        policy_of = {
            (policy.company_id.id, policy.group_id.id, policy.template_id.id or None): policy
            for policy in self
        }
        ids_of = {}
        for company, group, template, ids in rows:
            # A template with a policy of its own in another company or group is its group's
            # here, as the group policy's domain says.
            policy = policy_of.get((company, group, template)) or policy_of[company, group, None]
            # Sorted again when a group policy takes several rows: a batch is a range of ids.
            ids_of[policy] = sorted(ids_of[policy] + ids) if policy in ids_of else ids
        return ids_of

    def _apply(self, ids_of, batch_size, cron, remaining):
        """Anonymise or delete the entries ``ids_of[policy]`` of these policies (of one
        company and one action) in one stream, ``batch_size`` at a time, each batch
        committed. A run killed half-way keeps its committed batches; the next run reads
        what is left. Returns ({policy: entries done}, finished)."""
        entries = self.env["interaction.log.entry"].sudo().with_context(active_test=False)
        action = self[:1].action
        if action == "anonymise":
            anonymous = self.env["res.partner"]._interaction_anonymous_partner(self.company_id)
        done = dict.fromkeys(self, 0)
        for batch_ids in split_every(batch_size, sorted(chain(*(ids_of[p] for p in self)))):
            # The batch's range of ids as well as its ids: PostgreSQL reads the batch's
            # stretch of the table in order (make bench at ten million entries, anonymising
            # 1.1 million entries: 82 s so, 95 s with the ids in their contacts' order).
            first, last = batch_ids[0], batch_ids[-1]
            batch = SQL(
                "entry.id BETWEEN %s AND %s AND entry.id = ANY(%s)", first, last, list(batch_ids)
            )
            if action == "anonymise":
                count = entries._anonymise_batch(batch, anonymous)
            else:
                count = entries._delete_batch_query(batch)
            # Each policy's share of the batch, for its chatter (its ids are sorted).
            for policy in self:
                ids = ids_of[policy]
                done[policy] += bisect_right(ids, last) - bisect_left(ids, first)
            remaining = max(remaining - count, 0)
            if not cron._commit_progress(count, remaining=remaining):
                return done, False  # out of time: the cron comes back for the rest
        return done, True

    def _post_run_counts(self, count, finished):
        self.ensure_one()
        if self.action == "anonymise":
            body = self.env._("Retention run: %(count)s interactions anonymised.", count=count)
        else:
            body = self.env._("Retention run: %(count)s interactions deleted.", count=count)
        if not finished:
            body += " " + self.env._("The run ran out of time; the next run goes on.")
        self._message_log(body=body)
        self.env["ir.cron"]._commit_progress()

    def action_view_next_run_entries(self):
        """The entries the next run would take, as the count on the form says."""
        self.ensure_one()
        # Cancelled entries included: the count includes them (the list's default filter hid
        # them, and the list showed fewer entries than the count).
        return self.env["interaction.log.entry"]._action_open_entries(
            list(self._retention_domain()), {"search_default_not_canceled": 0}
        )
