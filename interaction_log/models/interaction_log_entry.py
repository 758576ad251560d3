import base64
import logging
from collections import defaultdict
from typing import NamedTuple

import psycopg2

from odoo import api, fields, models, modules
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.fields import Domain
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import SQL, email_normalize, format_datetime, split_every

_logger = logging.getLogger(__name__)

EVALUATIONS = [
    ("very_positive", "Very Positive"),
    ("positive", "Positive"),
    ("neutral", "Neutral"),
    ("negative", "Negative"),
    ("very_negative", "Very Negative"),
]
DELIVERY_STATUSES = [
    ("outgoing", "Outgoing"),
    ("sent", "Sent"),
    ("delivered", "Delivered"),
    ("bounced", "Bounced"),
    ("failed", "Failed"),
]
# Odoo's mail.notification status -> delivery status. 'canceled' is the user dismissing a
# failure in the web client: the e-mail still did not arrive, so it changes nothing here.
NOTIFICATION_DELIVERY = {
    "ready": "outgoing",
    "process": "outgoing",
    "pending": "outgoing",
    "sent": "sent",
    "bounce": "bounced",
    "exception": "failed",
}
UNDELIVERED = ("bounced", "failed")
# What an entry holds of its e-mail's delivery.
DELIVERY_FIELDS = ["delivery_status", "delivery_failure_reason", "attempt_failed"]
# An e-mail entry and the notification of its e-mail to the same contact (tied by the
# Message-Id): what the delivery sync reads, after a send and in its scheduled run.
EMAIL_ENTRY_NOTIFICATIONS = SQL(
    """
    mail_notification notification
    JOIN mail_message message ON message.id = notification.mail_message_id
    JOIN interaction_log_entry entry
      ON entry.message_id = message.message_id
     AND entry.partner_id = notification.res_partner_id
     AND entry.information_flow = 'outbound'
     AND notification.notification_type = 'email'
    """
)
# What logging an e-mail reads of each contact: one query when the cache lacks it.
EMAIL_CONTACT_FIELDS = [
    "company_id",
    "commercial_partner_id",
    "user_id",
    "email",
    "email_normalized",
    "lang",
    "interaction_privacy_blocked",
]

# What an e-mail entry takes from its recipient's row in the e-mail INSERT: the rest is the
# e-mail's, or is decided in the statement.
EMAIL_ROW_COLUMNS = (
    "partner_id",
    "company_id",
    "template_id",
    "name",
    "res_model",
    "res_id",
    "document_name",
    "resent_from_id",
)
# The columns the e-mail INSERT fills (_insert_email_entries), besides the record's values.
EMAIL_INSERT_COLUMNS = frozenset(
    {
        "id",
        "partner_id",
        "commercial_partner_id",
        "company_id",
        "template_id",
        "group_id",
        "name",
        "date",
        "user_id",
        "information_flow",
        "initiated_by",
        "correspondence_type",
        "cost",
        "duration",
        "campaign_id",
        "campaign_target",
        "campaign_response",
        "res_model",
        "res_id",
        "document_name",
        "message_id",
        "contact_via",
        "delivery_status",
        "resent_from_id",
        "state",
        "create_uid",
        "create_date",
        "write_uid",
        "write_date",
    }
)


class EmailToLog(NamedTuple):
    """An e-mail to log, as _create_email_entries found it: its message, its direction,
    who sent it (outbound), the record it was posted on (or None) and the entry it resends
    (or no entry)."""

    message: models.BaseModel
    flow: str
    initiated_by: str
    author_user: models.BaseModel | None
    record: models.BaseModel | None
    resent: models.BaseModel


def check_no_nul_characters(env, vals_list):
    """PostgreSQL text cannot hold NUL characters: refuse them with a message instead of
    letting the database driver fail (found by the property tests)."""
    for vals in vals_list:
        for name, value in vals.items():
            if isinstance(value, str) and "\x00" in value:
                raise ValidationError(
                    env._(
                        "The value of %(field)s contains a NUL character (\\0), which cannot be "
                        "stored: remove it and try again.",
                        field=name,
                    )
                )


class ResendOf:
    """Context value saying which entry an e-mail resends: a Python object, which a client's
    JSON context cannot hold, so a resend link cannot be forged."""

    def __init__(self, entry):
        self.entry = entry


def contact_address(partner, correspondence_type):
    """The address an interaction with ``partner`` uses: the e-mail address for an e-mail,
    none for paper, the phone number for the rest (calls, meetings)."""
    if correspondence_type == "email":
        return partner.email or False
    if correspondence_type == "paper":
        return False
    return partner.phone or False


# Entries are facts: once logged, only these change by hand (cancelling goes through
# action_cancel/action_restore, which write `canceled`).
EDITABLE_FIELDS = {"evaluation", "note", "attempt_failed", "canceled", "private", "private_note"}
# What a private entry keeps in its interaction.private.content, readable only by its
# salesperson and Interaction Managers: the entry's own columns hold none of it meanwhile.
PRIVATE_FIELDS = ("name", "note", "contact_via")
# Where an entry comes from: only automatic logging sets these (_create_logged_entries, as
# superuser). A user who could set them would forge a print, a send or an e-mail, or make a
# real e-mail be skipped as "already logged".
SYSTEM_FIELDS = {
    "res_model",
    "res_id",
    "document_type",
    "document_name",
    "message_id",
    "logged_segment_id",
    "contact_via",
    "delivery_status",
    "delivery_failure_reason",
    "resent_from_id",
    "mail_template_id",
}
# Besides the system fields, what no user may change on an existing entry, even a postponed
# one: the company an entry was created in (record rules are checked before a write, not
# after it, so a write could move an entry into a company the user cannot see).
FROZEN_FIELDS = SYSTEM_FIELDS | {"company_id"}


class InteractionLogEntry(models.Model):
    _name = "interaction.log.entry"
    _inherit = ["interaction.values.mixin"]
    _description = "Interaction Log Entry"
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Description",
        required=True,
        compute="_compute_interaction_values",
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
    # The contact's company when the entry was logged, kept as history (Business Central's
    # Contact Company No.): a contact who moves to another company takes none of its past with it.
    commercial_partner_id = fields.Many2one(
        "res.partner",
        string="Contact's Company",
        compute="_compute_commercial_partner_id",
        store=True,
        precompute=True,
        index=True,
    )
    group_id = fields.Many2one(
        "interaction.group",
        string="Group",
        required=True,
        index=True,
        ondelete="restrict",
        compute="_compute_interaction_values",
        store=True,
        readonly=False,
        precompute=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    # The values copied from the template (interaction.values.mixin) are required here.
    template_id = fields.Many2one(required=True, index=True, ondelete="restrict")
    information_flow = fields.Selection(required=True)
    initiated_by = fields.Selection(required=True)
    # An entry is history: the campaign it was logged for cannot vanish under it.
    campaign_id = fields.Many2one(ondelete="restrict")
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
        # Computed before the INSERT: no UPDATE of each new entry after it.
        precompute=True,
    )
    note = fields.Text()
    title = fields.Char(
        compute="_compute_title", help="The entry as the contact's history shows it."
    )
    direction = fields.Char(compute="_compute_title")
    attachment_ids = fields.One2many(
        "ir.attachment",
        "res_id",
        string="Attachments",
        domain=[("res_model", "=", "interaction.log.entry")],
    )
    logged_segment_id = fields.Many2one(
        "interaction.logged.segment",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        copy=False,
    )
    # Source document, set by automatic logging.
    res_model = fields.Char(string="Document Model", readonly=True, copy=False)
    res_id = fields.Many2oneReference(
        string="Document ID", model_field="res_model", readonly=True, copy=False
    )
    document_name = fields.Char(string="Document", readonly=True, copy=False)
    # The codes of the declared document kinds (interaction.document.kind), so that an addon
    # adds a kind without changing this field.
    document_type = fields.Selection(
        selection="_selection_document_type", readonly=True, copy=False
    )
    version_no = fields.Integer(
        string="Version",
        compute="_compute_version_no",
        help="The n-th time this document was logged.",
    )
    # The calendar draws an entry from its date over its duration, titled with its contact.
    date_end = fields.Datetime(string="End", compute="_compute_date_end", search="_search_date_end")
    calendar_title = fields.Char(compute="_compute_calendar_title")
    message_id = fields.Char(
        string="Message-Id",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="Message-Id of the e-mail this interaction records.",
    )
    # Frozen when the entry is made (create() fills it in): the contact's address may
    # change, the evidence may not.
    contact_via = fields.Char(
        readonly=True,
        copy=False,
        help="The e-mail address or phone number used for this interaction.",
    )
    delivery_status = fields.Selection(
        DELIVERY_STATUSES,
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="What became of the e-mail, from Odoo's mail notifications and bounce processing.",
    )
    delivery_failure_reason = fields.Text(readonly=True, copy=False)
    resent_from_id = fields.Many2one(
        "interaction.log.entry",
        string="Resend Of",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )
    # What a resend renders afresh for the contact ("the template's e-mail").
    mail_template_id = fields.Many2one(
        "mail.template",
        string="E-mail Template",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The e-mail template the document was sent with.",
    )
    private = fields.Boolean(
        copy=False,
        help="Only the salesperson and Interaction Managers read the description, note, "
        "address used and attachments; others see that the interaction took place.",
    )
    # The private content as the current user may read it (empty for the others): not
    # stored, not searchable, so neither a domain nor a grouping can reach it.
    private_readable = fields.Boolean(
        compute="_compute_private_content", string="Private Content Readable"
    )
    # For the form only (the server checks every write, _check_private_editor).
    private_editable = fields.Boolean(compute="_compute_private_editable")
    private_description = fields.Char(
        compute="_compute_private_content", inverse="_inverse_private_description"
    )
    private_note = fields.Text(compute="_compute_private_content", inverse="_inverse_private_note")
    private_contact_via = fields.Char(compute="_compute_private_content")
    private_attachment_ids = fields.Many2many(
        "ir.attachment", compute="_compute_private_content", string="Private Attachments"
    )
    # The description as the lists, the contact's tab and the kanban show it: a private
    # entry's own to those who read its content, "Private interaction" in their language to
    # the others (the placeholder its name column keeps is in the language of the user who
    # made it private).
    description_shown = fields.Char(
        string="Description (as Shown)", compute="_compute_description_shown"
    )

    # The purge looks for the cancelled entries of a company before a date: a partial index
    # holds just those (5 % of the rows in make bench), in the order the purge takes them.
    _canceled_company_date_idx = models.Index("(company_id, date) WHERE canceled")
    # Documents count their interactions and entries number their document's versions:
    # without this, each print scanned the table (120 ms at a million entries in make bench,
    # against 4 ms with it).
    _document_idx = models.Index("(res_model, res_id) WHERE res_id IS NOT NULL")
    # A contact's Interactions tab lists the ids of every entry its statistics count, newest
    # first (res.partner._interaction_counted_entry_ids): as a company's, then as a contact's.
    # Each index answers its half alone, rules' company included, without reading the table
    # (whose pages hold a company's entries one by one at ten million): 70-140 ms for 95,000
    # entries at a million in make bench before, 12 ms with them; 37 and 45 MB at a million.
    _counted_company_idx = models.Index(
        "(commercial_partner_id, date DESC, id DESC) INCLUDE (company_id)"
        " WHERE canceled IS NOT TRUE AND postponed IS NOT TRUE"
    )
    _counted_contact_idx = models.Index(
        "(partner_id, date DESC, id DESC) INCLUDE (company_id, commercial_partner_id)"
        " WHERE canceled IS NOT TRUE AND postponed IS NOT TRUE"
    )

    @api.model
    def _selection_document_type(self):
        return list(self.env["interaction.document.kind"]._code_names())

    def _interaction_source_values(self):
        return {**super()._interaction_source_values(), "group_id": self.template_id.group_id}

    # Depends on the entry's contact, not on the contact's company: the ORM recomputes it when
    # an entry is created, or when a postponed one changes contact or gets logged, never
    # because the contact moved. Readonly and precomputed, so create() ignores a given value.
    @api.depends("partner_id", "postponed")
    def _compute_commercial_partner_id(self):
        for entry in self:
            entry.commercial_partner_id = entry.partner_id.commercial_partner_id

    @api.depends("template_id", "information_flow", "user_id", "partner_id", "create_uid")
    def _compute_title(self):
        for entry in self:
            what = entry.template_id.name or entry.name
            if entry.information_flow == "inbound":
                entry.direction = "←"
                entry.title = self.env._(
                    "%(what)s – from %(contact)s", what=what, contact=entry.partner_id.name
                )
            else:
                entry.direction = "→"
                entry.title = self.env._(
                    "%(what)s – by %(user)s",
                    what=what,
                    user=(entry.user_id or entry.create_uid).name,
                )

    @api.depends("date", "duration")
    def _compute_date_end(self):
        for entry in self:
            entry.date_end = entry.date and fields.Datetime.add(
                entry.date, minutes=max(entry.duration, 0)
            )

    def _search_date_end(self, operator, value):
        comparisons = {"<": SQL("<"), "<=": SQL("<="), ">": SQL(">"), ">=": SQL(">=")}
        if operator not in comparisons:
            return NotImplemented
        return Domain(
            "id",
            "in",
            SQL(
                "SELECT id FROM interaction_log_entry"
                " WHERE date + make_interval(mins => duration) %s %s",
                comparisons[operator],
                fields.Datetime.to_datetime(value),
            ),
        )

    @api.depends("partner_id", "name")
    def _compute_calendar_title(self):
        for entry in self:
            entry.calendar_title = f"{entry.partner_id.name or ''} — {entry.name or ''}"

    @api.depends("res_model", "res_id", "document_type")
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_version_no(self):
        """The rank of the entry among its document's prints and sends (chatter e-mails on
        the document are not versions of it), counting only the entries the user may see:
        another company's prints of a shared document are none of their business. Ranked
        from the ids rather than counted and stored when logging: two prints of one
        document at the same time (two workers, each in its own snapshot) would both have
        counted the same earlier entries."""
        documented = self.filtered(lambda entry: entry.id and entry.res_id and entry.document_type)
        documents = defaultdict(set)
        for entry in documented:
            documents[entry.res_model].add(entry.res_id)
        ranks = {}
        if documents:
            siblings = self.search_fetch(
                Domain("document_type", "!=", False)
                & Domain.OR(
                    Domain("res_model", "=", model) & Domain("res_id", "in", list(ids))
                    for model, ids in documents.items()
                ),
                ["res_model", "res_id"],
                order="id",
            )
            counters = defaultdict(int)
            for sibling in siblings:
                key = (sibling.res_model, sibling.res_id)
                counters[key] += 1
                ranks[sibling.id] = counters[key]
        for entry in self:
            entry.version_no = ranks.get(entry.id, 0)

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

    @api.constrains("date", "postponed")
    def _check_date_not_future(self):
        for entry in self.filtered(lambda entry: not entry.postponed):
            self._check_logged_date(entry.date)

    @api.model
    def _check_logged_date(self, date):
        """Refuse a logged interaction dated after today (in the user's time zone): the log
        records what happened; Save for Later keeps an interaction still to come."""
        if date and fields.Datetime.context_timestamp(
            self, fields.Datetime.to_datetime(date)
        ).date() > fields.Date.context_today(self):
            tz = self.env.context.get("tz") or self.env.user.tz or "UTC"
            raise ValidationError(
                self.env._(
                    "The interaction date %(date)s (%(tz)s) is in the future. Log interactions "
                    "once they have happened; use 'Save for Later' to keep a draft until then.",
                    date=format_datetime(self.env, date, tz=tz),
                    tz=tz,
                )
            )

    @api.constrains("name")
    def _check_name(self):
        if self.filtered(lambda entry: not (entry.name or "").strip()):
            raise ValidationError(
                self.env._("Describe the interaction: the description is required.")
            )

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
        check_no_nul_characters(self.env, vals_list)
        context = self.env.context
        if not self.env.su:
            self._check_no_system_fields(
                SYSTEM_FIELDS
                & (
                    {name for vals in vals_list for name, value in vals.items() if value}
                    | {name for name in SYSTEM_FIELDS if context.get(f"default_{name}")}
                )
            )
        if any(
            not (vals.get(name) or context.get(f"default_{name}"))
            for vals in vals_list
            for name in ("partner_id", "template_id")
        ):
            raise ValidationError(
                self.env._("An interaction needs a contact and a template: choose both.")
            )
        if not self.env.su:
            # Said plainly, rather than as the database's foreign-key error.
            partner_ids = {vals["partner_id"] for vals in vals_list if vals.get("partner_id")}
            missing = partner_ids - set(self.env["res.partner"].browse(partner_ids).exists().ids)
            if missing:
                raise ValidationError(
                    self.env._(
                        "Contact %(ids)s does not exist (any more): choose an existing contact.",
                        ids=", ".join(map(str, sorted(missing))),
                    )
                )
        self._check_not_privacy_blocked(
            {vals.get("partner_id") or context.get("default_partner_id") for vals in vals_list}
        )
        self._check_private_editor(
            {
                vals.get("user_id", context.get("default_user_id", self.env.uid))
                for vals in vals_list
                if vals.get("private", context.get("default_private"))
            }
        )
        entries = super().create(self._with_contact_via(vals_list))
        entries.filtered("private")._seal_private_content(PRIVATE_FIELDS)
        return entries

    def _with_contact_via(self, vals_list):
        """``vals_list`` with the address each new entry uses, where its caller (automatic
        logging, which knows the address an e-mail went to) did not give it."""
        context = self.env.context

        def value(vals, name):
            return vals.get(name) or context.get(f"default_{name}")

        todo = [vals for vals in vals_list if "contact_via" not in vals]
        if not todo:
            return vals_list
        # Iterated from one recordset each: one query for all the addresses.
        partners = {
            partner.id: partner
            for partner in self.env["res.partner"]
            .sudo()
            .browse(list({value(vals, "partner_id") for vals in todo} - {None, False}))
        }
        templates = {
            template.id: template
            for template in self.env["interaction.template"]
            .sudo()
            .browse(list({value(vals, "template_id") for vals in todo} - {None, False}))
        }
        result = []
        for vals in vals_list:
            if "contact_via" not in vals:
                partner = partners.get(value(vals, "partner_id"), self.env["res.partner"])
                if "correspondence_type" in vals:
                    correspondence_type = vals["correspondence_type"]
                else:
                    template = templates.get(value(vals, "template_id"))
                    correspondence_type = template.correspondence_type if template else False
                vals = {**vals, "contact_via": contact_address(partner, correspondence_type)}
            result.append(vals)
        return result

    @api.model
    def _privacy_blocked_ids(self, partner_ids):
        """The ids among ``partner_ids`` of the contacts who asked for no new interaction."""
        partner_ids = [partner_id for partner_id in partner_ids if partner_id]
        if not partner_ids:
            return set()
        partners = self.env["res.partner"].sudo().with_context(active_test=False)
        try:
            # Read through the cache: automatic logging has just read these contacts, and
            # every e-mail that logs pays this check twice (here and in create).
            return set(partners.browse(partner_ids).filtered("interaction_privacy_blocked").ids)
        except MissingError:
            return set(
                partners._search(
                    [("id", "in", partner_ids), ("interaction_privacy_blocked", "=", True)]
                )
            )

    def _check_not_privacy_blocked(self, partner_ids):
        blocked = self._privacy_blocked_ids(partner_ids)
        if blocked:
            raise UserError(
                self.env._(
                    "%(contacts)s asked for their privacy: no new interaction can be logged for "
                    "them. Remove them, or have an Interaction Manager lift the privacy block.",
                    contacts=", ".join(
                        self.env["res.partner"]
                        .sudo()
                        .browse(sorted(blocked))
                        .mapped("display_name")
                    ),
                )
            )

    def write(self, vals):
        check_no_nul_characters(self.env, [vals])
        if not self.env.su:
            self._check_no_system_fields(FROZEN_FIELDS.intersection(vals))
        # By truth, not identity: 0, None and "" restore as well as False does.
        if "canceled" in vals and not vals["canceled"]:
            self._check_restorable()
        locked_fields = set(vals) - self._interaction_editable_fields()
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
        self._check_private_write(vals)
        to_public = (
            self.filtered("private") if "private" in vals and not vals["private"] else self.browse()
        )
        to_public._unseal_private_content()
        was_private = self.filtered("private") - to_public
        result = super().write(vals)
        sealed_fields = set(PRIVATE_FIELDS).intersection(vals)
        if {"partner_id", "correspondence_type"}.intersection(vals):
            # A postponed entry logged with other values: the address follows them.
            sealed_fields.add("contact_via")
            for entry in self.sudo():
                super(InteractionLogEntry, entry).write(
                    {"contact_via": contact_address(entry.partner_id, entry.correspondence_type)}
                )
        now_private = self.filtered("private")
        if now_private - was_private or (now_private and sealed_fields):
            now_private._seal_private_content(sealed_fields)
        return result

    # Private entries ----------------------------------------------------------------------

    def _check_private_editor(self, user_ids):
        """Only an entry's salesperson (``user_ids``: the salespeople concerned) or an
        Interaction Managers makes it private or public, changes what a private entry says
        or gives it to another salesperson. By user, never by e-mail address: a user who puts
        the salesperson's address on their own profile is still someone else."""
        if (
            not user_ids
            or self.env.su
            or self.env.user.has_group("interaction_log.group_interaction_manager")
        ):
            return
        if set(user_ids) - {self.env.uid}:
            raise AccessError(
                self.env._(
                    "Only the interaction's salesperson or an Interaction Manager can make an "
                    "interaction private or public, change what a private interaction says or "
                    "give it to another salesperson."
                )
            )

    def _check_private_write(self, vals):
        if self.env.su:
            return
        user_ids = set()
        if "private" in vals:
            user_ids |= {
                entry.user_id.id for entry in self if entry.private != bool(vals["private"])
            }
        private = self.filtered("private")
        if private and ("user_id" in vals or set(PRIVATE_FIELDS).intersection(vals)):
            user_ids |= {entry.user_id.id for entry in private}
        if "user_id" in vals and (private or vals.get("private")):
            user_ids.add(vals["user_id"])
        self._check_private_editor(user_ids)

    def _invalidate_private_content(self):
        self.invalidate_recordset(
            [
                "attachment_ids",
                "private_readable",
                "private_description",
                "private_note",
                "private_contact_via",
                "private_attachment_ids",
                "description_shown",
            ]
        )

    def _seal_private_content(self, fields_to_move):
        """Move what these private entries say into their private content: all of it for an
        entry made private, ``fields_to_move`` for one that was already, and the files
        attached to the entry in both cases. The entry's columns keep a placeholder only,
        so that no search, grouping, export or cache of entries holds the content. The
        callers check the rights."""
        if not self:
            return
        entries = self.sudo()
        contents = self.env["interaction.private.content"].sudo()
        existing = {
            content.entry_id.id: content
            for content in contents.search([("entry_id", "in", entries.ids)])
        }
        for entry in entries:
            if fields_to_move and (content := existing.get(entry.id)):
                content.write({name: entry[name] for name in fields_to_move})
        new_entries = entries.filtered(lambda entry: entry.id not in existing)
        new_contents = contents.create(
            [
                {"entry_id": entry.id, **{name: entry[name] for name in PRIVATE_FIELDS}}
                for entry in new_entries
            ]
        )
        self._move_attachments(
            self._name,
            {**existing, **dict(zip(new_entries.ids, new_contents, strict=True))},
            contents._name,
        )
        # Past the "logged entries are facts" lock: the facts move, they do not change.
        super(InteractionLogEntry, entries).write(
            {"name": self._private_placeholder(), "note": False, "contact_via": False}
        )
        self._invalidate_private_content()

    def _unseal_private_content(self):
        """Put what these private entries say back into them (made public again)."""
        if not self:
            return
        contents = (
            self.env["interaction.private.content"].sudo().search([("entry_id", "in", self.ids)])
        )
        for content in contents:
            super(InteractionLogEntry, content.entry_id).write(
                {name: content[name] for name in PRIVATE_FIELDS}
            )
        self._move_attachments(
            contents._name,
            {content.id: content.entry_id for content in contents},
            self._name,
        )
        contents.unlink()
        self._invalidate_private_content()

    @api.model
    def _move_attachments(self, from_model, targets, to_model):
        """The attachments of the ``from_model`` records ``{id: target record}`` moved to
        their target (a ``to_model`` record): one query to find them."""
        if not targets:
            return
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", from_model), ("res_id", "in", list(targets))])
        )
        for res_id, moved in attachments.grouped("res_id").items():
            moved.write({"res_model": to_model, "res_id": targets[res_id].id})

    @api.depends("private", "user_id")
    @api.depends_context("uid")
    def _compute_private_content(self):
        # sudo(False): the ORM caches this per user, and a sudo environment of the same user
        # shares that cache within the transaction. Computed with superuser rights once, the
        # content would then be served to that user's own reads; computed with the user's
        # rights always, it is what the record rules let them read, whoever asks.
        contents = (
            self.env["interaction.private.content"]
            .sudo(False)
            .search([("entry_id", "in", [entry._origin.id for entry in self if entry.private])])
        )
        by_entry = {content.entry_id.id: content for content in contents}
        for entry in self:
            content = by_entry.get(entry._origin.id)
            if (
                not content
                and entry.private
                and not entry._origin.private
                and entry.private_editable
            ):
                # Made private in a form and not saved yet: what saving will seal, from the
                # entry's own fields (the note's editor vanished until the save).
                entry.private_readable = True
                entry.private_description = entry.name
                entry.private_note = entry.note
                entry.private_contact_via = entry.contact_via
                entry.private_attachment_ids = entry.attachment_ids
                continue
            entry.private_readable = bool(content)
            entry.private_description = content.name if content else False
            entry.private_note = content.note if content else False
            entry.private_contact_via = content.contact_via if content else False
            entry.private_attachment_ids = content.attachment_ids if content else False

    def _private_placeholder(self):
        """What a private entry says to those who may not read it, in the user's language."""
        return self.env._("Private interaction")

    # user_id: the private content's rules let the entry's salesperson read it.
    @api.depends("name", "private", "user_id")
    @api.depends_context("uid", "lang")
    def _compute_description_shown(self):
        # The private contents' descriptions only, with the user's rights (as in
        # _compute_private_content, whose notes, addresses and files a list does not need):
        # one query for a page.
        private_ids = [entry._origin.id for entry in self if entry.private and entry._origin.id]
        contents = (
            self.env["interaction.private.content"]
            .sudo(False)
            .search_fetch([("entry_id", "in", private_ids)], ["entry_id", "name"])
            if private_ids
            else []
        )
        description_of = {content.entry_id.id: content.name for content in contents}
        for entry in self:
            if not entry.private or not entry._origin.private:
                # Public, or made private in a form and not saved yet: its own name.
                entry.description_shown = entry.name
            elif entry._origin.id in description_of:
                entry.description_shown = description_of[entry._origin.id]
            else:
                entry.description_shown = self._private_placeholder()

    @api.depends("user_id")
    @api.depends_context("uid")
    def _compute_private_editable(self):
        editable_by_all = self.env.su or self.env.user.has_group(
            "interaction_log.group_interaction_manager"
        )
        for entry in self:
            entry.private_editable = editable_by_all or entry.user_id == self.env.user

    def _inverse_private_description(self):
        self._write_private_content("name", "private_description")

    def _inverse_private_note(self):
        self._write_private_content("note", "private_note")

    def _write_private_content(self, content_field, entry_field):
        private = self.filtered("private")
        self._check_private_editor({entry.user_id.id for entry in private})
        contents = self.env["interaction.private.content"].sudo()
        for entry in private:
            content = contents.search([("entry_id", "=", entry.id)])
            if content:
                content.write({content_field: entry[entry_field]})
            else:
                # Made private by this very write: its content is sealed after it, from the
                # entry's own columns (a note typed before the first save is kept so).
                entry._write_own_columns({content_field: entry[entry_field]})

    def _write_own_columns(self, vals):
        """Write ``vals`` past this model's checks (the callers made them)."""
        return super().write(vals)

    def _interaction_editable_fields(self):
        """What may change on a logged entry; a bridge adds its links (the opportunity)."""
        return EDITABLE_FIELDS

    @api.model
    def _read_group(
        self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None
    ):
        # The Analysis, the list's groups and the statistics read the summary when it holds
        # the answer: 10 ms instead of seconds at ten million entries (BENCHMARKS.md); the
        # pivot stays on the entries, so a cell still opens its entries.
        served = self.env["interaction.log.summary"]._read_group_entries(
            self, domain, groupby, aggregates, having, offset, limit, order
        )
        if served is not None:
            return served
        return super()._read_group(domain, groupby, aggregates, having, offset, limit, order)

    def _check_no_system_fields(self, forbidden):
        if forbidden:
            labels = ", ".join(
                sorted(self._fields[name]._description_string(self.env) for name in forbidden)
            )
            raise AccessError(
                self.env._(
                    "These fields record where an interaction comes from and are set by Odoo "
                    "itself when it logs a document, an e-mail or a segment: %(fields)s. Leave "
                    "them empty; log a new interaction in your company instead.",
                    fields=labels,
                )
            )

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

    def _anonymise(self, partner):
        """Move these entries to ``partner`` (a company's anonymised contact) and remove what
        says who they were with or what was said: description (the template's name instead),
        note, address used, Message-Id, delivery failure text and attachments. Date,
        template, group, cost, duration, flow, status and document stay, so every statistic
        but the person's own is unchanged. The caller checks the rights."""
        entries = self.sudo()
        entries.env["ir.attachment"].search(
            [("res_model", "=", self._name), ("res_id", "in", self.ids)]
        ).unlink()
        # A private entry's content goes too (its attachments with it): nothing left to hide.
        entries.env["interaction.private.content"].search([("entry_id", "in", self.ids)]).unlink()
        by_template = defaultdict(list)
        for entry in entries:
            by_template[entry.template_id].append(entry.id)
        for template, template_entry_ids in by_template.items():
            for ids in split_every(10000, template_entry_ids):
                # Past the "logged entries are facts" lock: anonymising is the one rewrite of
                # a logged entry's contact that the log allows.
                super(InteractionLogEntry, entries.browse(ids)).write(
                    {
                        "partner_id": partner.id,
                        "name": template.name,
                        "note": False,
                        "contact_via": False,
                        "message_id": False,
                        "delivery_failure_reason": False,
                        "private": False,
                    }
                )
        return self

    def action_resend(self):
        """Resend (Business Central): the selected e-mail interactions sent again."""
        self._check_resendable()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Resend Interactions"),
            "res_model": "interaction.resend.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_entry_ids": self.ids},
        }

    def _check_resendable(self):
        if not self:
            raise UserError(self.env._("Select the e-mail interactions to resend."))
        blocked = self._privacy_blocked_ids(self.partner_id.ids)
        refusals = (
            (
                self.filtered(lambda entry: entry.canceled or entry.postponed),
                self.env._(
                    "Cancelled and postponed interactions cannot be resent: %(entries)s. "
                    "Remove them from the selection."
                ),
            ),
            (
                self.filtered(lambda entry: entry.correspondence_type != "email"),
                self.env._(
                    "Only interactions made by e-mail can be resent: %(entries)s. Remove them "
                    "from the selection."
                ),
            ),
            (
                self.filtered(lambda entry: entry.partner_id.id in blocked),
                self.env._(
                    "These contacts are privacy-blocked, nothing can be resent to them: "
                    "%(entries)s. Remove them from the selection."
                ),
            ),
        )
        for refused, message in refusals:
            if refused:
                raise UserError(
                    message
                    % {
                        "entries": ", ".join(refused[:5].mapped("display_name"))
                        + (", …" if len(refused) > 5 else "")
                    }
                )

    def _resend(self, correspondence_type, content="original"):
        """Send each entry's e-mail again to its contact (the original e-mail's subject and
        body when Odoo still has it, else the entry's description; with ``content``
        'template', the e-mail template the document was sent with, rendered afresh for the
        contact where the entry has one), or log a letter sent instead
        (``correspondence_type`` 'paper'). Each resend is a new entry, "Resend: ..." and
        linked to the entry it resends."""
        self._check_resendable()
        if correspondence_type != "email":
            return self._create_logged_entries(
                [
                    {
                        **entry._resend_values(),
                        "correspondence_type": correspondence_type,
                        "contact_via": contact_address(entry.partner_id, correspondence_type),
                    }
                    for entry in self
                ]
            )
        originals = {
            message.message_id: message
            for message in self.env["mail.message"]
            .sudo()
            .search(
                [("message_id", "in", [entry.message_id for entry in self if entry.message_id])]
            )
        }
        resent = self.browse()
        for entry in self:
            original = originals.get(entry.message_id)
            record = entry._resend_record(original)
            record.check_access("read")
            values = (content == "template" and entry._resend_template_values(record)) or {
                "body": original.body if original else entry.name,
                "subject": (original and original.subject) or entry.name,
                "attachment_ids": original.attachment_ids.ids if original else [],
            }
            message = (
                record.sudo()
                .with_context(interaction_log_resend=ResendOf(entry))
                .message_post(
                    **values,
                    author_id=self.env.user.partner_id.id,
                    partner_ids=entry.partner_id.ids,
                    message_type="comment",
                    # A note: only the contact is e-mailed, not the document's followers.
                    subtype_xmlid="mail.mt_note",
                )
            )
            resent |= self.sudo().search(
                [("message_id", "=", message.message_id), ("resent_from_id", "=", entry.id)]
            )
        return resent

    def _resend_template_values(self, record):
        """The entry's e-mail template rendered afresh on ``record`` in the contact's
        language, as the document's send wizard renders it (subject, body, the reports it
        attaches, its layout), as the current user; None when the entry has no template for
        that record."""
        self.ensure_one()
        template = self.mail_template_id
        if not template or template.model != record._name:
            return None
        if self.partner_id.lang:
            template = template.with_context(template_preview_lang=self.partner_id.lang)
        rendered = template._generate_template(
            record.ids, ["subject", "body_html", "attachment_ids", "report_template_ids"]
        )[record.id]
        return {
            "body": rendered["body_html"],
            "subject": rendered["subject"],
            "attachments": [
                (name, base64.b64decode(data)) for name, data in rendered.get("attachments", [])
            ]
            + [(attachment.name, attachment.raw) for attachment in template.attachment_ids],
            "email_layout_xmlid": template.email_layout_xmlid,
        }

    def _resend_record(self, original):
        """Where the resent e-mail is posted: where the original was, else the entry's
        document, else the contact."""
        for model, res_id in (
            (original.model, original.res_id) if original else (False, False),
            (self.res_model, self.res_id),
        ):
            if model and res_id and model in self.env:
                record = self.env[model].browse(res_id).exists()
                if record and hasattr(record, "message_post"):
                    return record
        return self.partner_id

    def _resend_values(self):
        self.ensure_one()
        return {
            "partner_id": self.partner_id.id,
            "template_id": self.template_id.id,
            "company_id": self.company_id.id,
            "name": self.env._("Resend: %(description)s", description=self.name),
            "information_flow": "outbound",
            "initiated_by": "us",
            "user_id": self.env.user.id,
            "res_model": self.res_model,
            "res_id": self.res_id,
            "document_name": self.document_name,
            "resent_from_id": self.id,
        }

    def action_cancel(self):
        # Postponed entries are drafts: they are resumed or deleted, not cancelled.
        self.filtered(lambda entry: not entry.canceled and not entry.postponed).write(
            {"canceled": True}
        )

    def action_restore(self):
        canceled = self.filtered("canceled")
        if not canceled:
            raise UserError(
                self.env._(
                    "None of the selected interactions is cancelled: there is nothing to restore."
                )
            )
        canceled.write({"canceled": False})

    def action_evaluate(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Evaluate Interactions"),
            "res_model": "interaction.evaluate.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_entry_ids": self.ids},
        }

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

    def action_open_document(self):
        if len(self) != 1:
            raise UserError(self.env._("Select one interaction to open its document."))
        if not self.res_model or not self.res_id:
            raise UserError(self.env._("This interaction has no source document."))
        document = self.env[self.res_model].browse(self.res_id).exists()
        if not document:
            raise UserError(
                self.env._(
                    "The document %(document)s no longer exists.", document=self.document_name
                )
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    @api.model
    def _create_from_segment(self, segment, logged_segment):
        """One entry per line of ``segment``, in one INSERT ... SELECT. Through create(),
        10,000 lines took 5.9 s here (values, precomputes and checks per record in Python);
        see BENCHMARKS.md for this statement against the raw baseline. The caller checks the
        lines (``_check_lines_loggable``) and the access rights; the values are those
        create() would store, computed fields included."""
        self.env.flush_all()
        self.env.execute_query(
            SQL(
                """
            INSERT INTO interaction_log_entry (
                partner_id, commercial_partner_id, template_id, group_id, company_id, name,
                date, user_id, cost, duration, information_flow, initiated_by,
                correspondence_type, campaign_id, campaign_target, campaign_response,
                logged_segment_id, state, canceled, postponed,
                attempt_failed, contact_via, create_uid, create_date, write_uid, write_date)
            SELECT line.partner_id, partner.commercial_partner_id, line.template_id,
                   template.group_id, segment.company_id, line.name, segment.date,
                   segment.user_id, COALESCE(line.cost, 0), COALESCE(line.duration, 0),
                   line.information_flow, line.initiated_by, line.correspondence_type,
                   line.campaign_id, COALESCE(line.campaign_target, FALSE),
                   COALESCE(line.campaign_response, FALSE), %(logged)s,
                   'logged', FALSE, FALSE, FALSE,
                   CASE line.correspondence_type
                        WHEN 'email' THEN NULLIF(partner.email, '')
                        WHEN 'paper' THEN NULL
                        ELSE NULLIF(partner.phone, '')
                   END,
                   %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
              FROM interaction_segment_line line
              JOIN interaction_segment segment ON segment.id = line.segment_id
              JOIN res_partner partner ON partner.id = line.partner_id
              JOIN interaction_template template ON template.id = line.template_id
             WHERE line.segment_id = %(segment)s
               AND partner.interaction_privacy_blocked IS NOT TRUE
             ORDER BY line.id
                """,
                logged=logged_segment.id,
                uid=self.env.uid,
                segment=segment.id,
            )
        )
        self.invalidate_model()
        logged_segment.invalidate_recordset(["entry_ids", "entry_count"])

    # Automatic logging ------------------------------------------------------------------
    # Every entry point (print and download routes, send wizards, Odoo's notification step,
    # the mail gateway) calls one of these methods. They never raise: a failure to log must
    # not cost the user the print or the e-mail, and is written to the server log instead.
    # None of them trusts what a client can send (a context key, a message type): each is
    # called from the place where the print or the e-mail really happened.

    @api.model
    def _log_document_event(self, documents, event, report=None, mail_template=None):
        """Log that ``documents`` (sale orders, invoices...) were printed (``event`` 'print')
        or e-mailed ('email'): one entry per document of a declared kind that has a template
        in its company's interaction template setup, on its contact when the current user
        may read that contact. ``report`` (the report printed) or ``mail_template`` (the
        template the composer sent) restricts this to the documents whose kinds declare that
        report (or a report the template attaches). Batch: a constant number of queries for
        any number of documents."""
        return self._log_safely(
            f"the {event} of {documents._name} {documents.ids}",
            self._create_document_entries,
            documents,
            event,
            report,
            mail_template,
        )

    @api.model
    def _log_email_message(self, message, recipients=None, maybe_sent=True, addresses=None):
        """Log an e-mail: outbound, one entry per external contact among ``recipients``
        (those Odoo's notification step really e-mailed it to); inbound, when ``recipients``
        is None, one entry for the known contact who wrote it (the mail gateway received it).
        A Message-Id is logged once per contact. ``maybe_sent`` False: the e-mails are still
        queued (their notifications 'ready'), so the new entries' status 'outgoing' is theirs
        and needs no reading of the notifications; a later send updates both.
        ``addresses``: {contact id: normalised e-mail address} of the recipients, when the
        caller has them (Odoo's notification step has): the never-log rules match them
        without reading the contacts."""
        return self._log_safely(
            f"the e-mail {message.id}",
            self._create_email_entries,
            message,
            recipients,
            maybe_sent,
            addresses,
        )

    @api.model
    def _log_document_messages(self, entries, messages):
        """Tie the entries of e-mailed documents to the e-mail that carried each document,
        so their delivery is followed as a chatter e-mail's is."""
        return self._log_safely(
            f"the delivery of the e-mails {messages.ids}", self._link_messages, entries, messages
        )

    @api.model
    def _link_messages(self, entries, messages):
        by_document = {
            (message.model, message.res_id): message.message_id
            for message in messages
            if message.message_id
        }
        linked = self.browse()
        for entry in entries.sudo():
            if message_id := by_document.get((entry.res_model, entry.res_id)):
                super(InteractionLogEntry, entry).write(
                    {"message_id": message_id, "delivery_status": "outgoing"}
                )
                linked |= entry
        if linked:
            self._sync_delivery_of(messages, linked.partner_id)
        return linked

    @api.model
    def _sync_delivery_of(self, messages, partners):
        """Bring the delivery status of the entries of ``messages`` to ``partners`` in line
        with the e-mails' notifications (Odoo may have sent or failed them already)."""
        self._sync_delivery_status(
            self.env["mail.notification"]
            .sudo()
            .search(
                [
                    ("mail_message_id", "in", messages.ids),
                    ("res_partner_id", "in", partners.ids),
                ]
            )
        )

    @api.model
    def _log_safely(self, what, create, *args, rerun=True):
        """``create(*args)`` in a savepoint: what fails there is logged, and the rest of the
        transaction (the print, the e-mail) goes on. ``rerun`` False: a concurrent write is
        logged too, for a transaction that must not be run again (e-mails already sent)."""
        try:
            with self.env.cr.savepoint():
                return create(*args)
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            # Another transaction logged into the same summary row (or locked what the log
            # needs): Odoo runs the whole request again, and the entry is logged then.
            if rerun:
                raise
            _logger.warning("Interaction log: %s was not logged (a concurrent write)", what)
            return self.browse()
        except Exception as error:
            # In tests, a programming error must fail the test rather than vanish into the
            # log; what production meets (the database refusing, a rule) is logged there.
            if modules.module.current_test and not isinstance(error, psycopg2.Error | UserError):
                raise
            _logger.exception("Interaction log: %s was not logged", what)
            return self.browse()

    @api.model
    def _create_document_entries(self, documents, event, report=None, mail_template=None):
        if not documents or not hasattr(documents, "_interaction_document_info"):
            return self.browse()
        info = documents._interaction_document_info(report=report, mail_template=mail_template)
        partners = self.env["res.partner"].union(*(item.partner for item in info.values()))
        readable = set(
            self.env["res.partner"]
            .with_context(active_test=False)
            .search([("id", "in", partners.ids)])
            ._ids
        )
        vals_list = []
        for document, item in info.items():
            if not item.template or item.partner.id not in readable:
                continue
            if not self._loggable_in(item.company, item.template, item.partner):
                continue
            # A draft invoice has no number yet: its name is False.
            name = document.name or document.display_name
            vals_list.append(
                {
                    "partner_id": item.partner.id,
                    "template_id": item.template.id,
                    "company_id": item.company.id,
                    "name": self._document_entry_name(item.kind, name, item.partner),
                    "user_id": (item.salesperson or self.env.user).id,
                    "correspondence_type": "paper" if event == "print" else "email",
                    "res_model": document._name,
                    "res_id": document.id,
                    "document_name": name,
                    "document_type": item.kind.code,
                    "mail_template_id": mail_template.id if mail_template else False,
                    **self._interaction_record_values(document),
                }
            )
        return self._create_logged_entries(vals_list)

    @api.model
    def _document_entry_name(self, kind, document_name, partner):
        """The description of a document's entry: its kind's name in the contact's language
        (the one the document itself is printed and sent in), then the document's name."""
        kind_name = kind.with_context(lang=partner.lang or self.env.lang).name
        return f"{kind_name} {document_name}"

    @api.model
    def _loggable_in(self, company, template, partner):
        """Whether an entry of ``company`` may use ``template`` for ``partner``: what the
        entry's company check would refuse is skipped here, with a debug line, instead of
        failing inside the log's savepoint on every print or e-mail."""
        if template.company_id and template.company_id != company:
            _logger.debug(
                "Interaction log: template %s belongs to another company than %s",
                template.display_name,
                company.name,
            )
            return False
        if partner.company_id and partner.company_id != company:
            _logger.debug(
                "Interaction log: contact %s belongs to another company than %s",
                partner.id,
                company.name,
            )
            return False
        return True

    @api.model
    def _create_email_entries(self, message, recipients, maybe_sent=True, addresses=None):
        if message.model == "discuss.channel":
            return self.browse()  # chat, never e-mail
        if recipients is None:
            flow, initiated_by, partners = "inbound", "them", message.author_id
            author_user = None
        else:
            # An internal user wrote it (OdooBot and other archived users included) and an
            # internal user posted it: portal and public posts are not e-mails from us.
            # Usually the author is the current user: then no query for it.
            user = self.env.user
            if not user._is_internal():
                return self.browse()
            author_user = (
                user
                if message.author_id == user.partner_id
                else message.author_id.with_context(active_test=False).user_ids.filtered(
                    lambda author: not author.share
                )[:1]
            )
            if not author_user:
                return self.browse()
            flow, initiated_by, partners = "outbound", "us", recipients
        if not partners:
            return self.browse()
        email = EmailToLog(
            message=message,
            flow=flow,
            initiated_by=initiated_by,
            author_user=author_user,
            record=(
                self.env[message.model].browse(message.res_id)
                if message.model and message.res_id
                else None
            ),
            resent=self._resent_entry(),
        )
        if flow == "outbound" and self._email_insert_fits():
            entries = self._insert_email_entries(email, partners, addresses)
        else:
            entries = self._create_logged_entries(self._email_entry_values(email, partners))
        if entries and flow == "outbound" and maybe_sent:
            self._sync_delivery_of(message, entries.partner_id)
        return entries

    @api.model
    def _resent_entry(self):
        """The entry whose e-mail is being resent (set by _resend), or no entry."""
        resend = self.env.context.get("interaction_log_resend")
        return resend.entry if isinstance(resend, ResendOf) else self.browse()

    @api.model
    def _email_record_company(self, record):
        """The company of the record an e-mail was posted on, when it has one."""
        if record is not None and "company_id" in record._fields:
            return record.company_id
        return self.env["res.company"]

    @api.model
    def _email_entry_values(self, email, partners):
        """The values of the entries of ``email`` for ``partners``, for create(): what the
        e-mail INSERT (_insert_email_entries) stores for an outbound e-mail, and the path of
        incoming e-mails."""
        message = email.message
        # The contacts to log and what their entries need, read through the cache: contacts
        # only (internal users are colleagues, not interactions: partner_share), and a
        # Message-Id logged once per contact. sudo: the e-mail went to them, whoever may read
        # them.
        partners = (
            self.env["res.partner"].sudo().with_context(active_test=False).browse(partners.ids)
        )
        partners.fetch([*EMAIL_CONTACT_FIELDS, "partner_share"])
        partners = partners.filtered("partner_share")
        if partners and message.message_id:
            partners -= (
                self.sudo()
                .search_fetch(
                    [("message_id", "=", message.message_id), ("partner_id", "in", partners.ids)],
                    ["partner_id"],
                )
                .partner_id
            )
        record, resent = email.record, email.resent
        record_company = self._email_record_company(record)
        outbound = email.flow == "outbound"
        vals_list = []
        for partner in partners:
            if resent and outbound and partner == resent.partner_id:
                vals_list.append(
                    {
                        **resent._resend_values(),
                        "user_id": email.author_user.id,
                        "correspondence_type": "email",
                        "message_id": message.message_id,
                        "contact_via": partner.email_normalized or partner.email or False,
                        "delivery_status": "outgoing",
                    }
                )
                continue
            # The record's company, else the contact's own, else the current one.
            company = record_company or partner.company_id or self.env.company
            template = company.interaction_template_email_id
            if not template or not self._loggable_in(company, template, partner):
                continue
            vals_list.append(
                {
                    **self._template_entry_values(template),
                    "partner_id": partner.id,
                    "template_id": template.id,
                    "company_id": company.id,
                    "name": message.subject
                    or message.record_name
                    or template.with_context(lang=partner.lang or self.env.lang).name,
                    "information_flow": email.flow,
                    "initiated_by": email.initiated_by,
                    "correspondence_type": "email",
                    "user_id": (email.author_user if outbound else partner.user_id).id,
                    "res_model": message.model or False,
                    "res_id": message.res_id or False,
                    "document_name": message.record_name or False,
                    "message_id": message.message_id,
                    **(self._interaction_record_values(record) if record is not None else {}),
                    "contact_via": (
                        partner.email_normalized or partner.email
                        if outbound
                        else email_normalize(message.email_from) or message.email_from
                    )
                    or False,
                    "delivery_status": "outgoing" if outbound else False,
                }
            )
        return vals_list

    @api.model
    def _email_insert_fits(self):
        """Whether the e-mail INSERT fills every column create() would fill: a stored field
        that another module adds with a default or a computation is create()'s to fill, so
        e-mails are then logged through create() (the same entries, three queries more)."""
        return not any(
            field.store
            and field.column_type
            and field.name not in EMAIL_INSERT_COLUMNS
            and (field.default or field.compute or field.related)
            for field in self._fields.values()
        )

    @api.model
    def _insert_email_entries(self, email, partners, addresses=None):
        """The entries of an outbound e-mail for the contacts among ``partners``, in one
        INSERT ... SELECT: exactly the rows create() stores for _email_entry_values
        (test_email_insert compares every column, case by case), with create()'s rules kept
        in the statement (contacts only, a Message-Id once per contact, the privacy block,
        the never-log rules and lists, the company check that _loggable_in makes, the
        template's values, the cost rounded in the company's currency) and on the rows it
        returns (the constraints, the ORM's cache and recomputations). The summaries are kept
        by their triggers, as for any INSERT. ``addresses``: as for _log_email_message.
        One difference, on purpose: a resent contact who has since moved to another company
        is skipped like any contact of another company, where create() refused the whole
        e-mail (its company check).

        Why not create(): every e-mail the database sends passes here. create() read the
        contacts, the company's template and its currency first (Odoo's notification step
        reads the recipients in raw SQL, not into the cache), three queries on top of the
        INSERT and of the savepoint that keeps the e-mail when logging fails, then prepared
        each row in Python. Measured (2-core machine, median of 30 posts, logging step only):
        +6 queries per logging post before, +3 now (bench row 10, test_message_post_queries);
        2 recipients 10.1 ms both ways, 10 recipients 16.6 -> 10.3 ms, 50 recipients
        37.0 -> 19.3 ms."""
        message, resent = email.message, email.resent
        record_company = self._email_record_company(email.record)
        record_values = (
            self._interaction_record_values(email.record) if email.record is not None else {}
        )
        rows = []
        for partner in partners:
            if resent and partner == resent.partner_id:
                values = resent._resend_values()
                rows.append(
                    {
                        **{name: values[name] for name in EMAIL_ROW_COLUMNS},
                        **dict.fromkeys(record_values),
                    }
                )
            else:
                rows.append(
                    {
                        "partner_id": partner.id,
                        # Decided in the statement: the record's company, else the contact's,
                        # else the current one; its e-mail template; its name in the
                        # contact's language when the e-mail has no subject.
                        "company_id": None,
                        "template_id": None,
                        "name": message.subject or message.record_name or False,
                        "res_model": message.model or False,
                        "res_id": message.res_id or False,
                        "document_name": message.record_name or False,
                        "resent_from_id": False,
                        **record_values,
                    }
                )
        check_no_nul_characters(self.env, rows)
        companies = {row["company_id"] for row in rows} - {None}
        if record_company:
            companies.add(record_company.id)
        elif any(row["company_id"] is None for row in rows):
            # The contact's company or the current one, decided in the statement: any
            # company with rules may be it.
            companies.add(self.env.company.id)
            companies |= self.env["interaction.never.log.rule"]._never_log_company_ids()
        never_partner_ids, never_pairs = self._never_logged_recipients(
            partners, addresses, email.author_user, companies
        )
        self.env["res.partner"].flush_model(
            [*EMAIL_CONTACT_FIELDS, "partner_share", "email_normalized", "email"]
        )
        self.env["res.company"].flush_model(["interaction_template_email_id", "currency_id"])
        self.env["interaction.template"].flush_model()
        self.env["res.currency"].flush_model(["rounding", "decimal_places"])
        self.flush_model(["message_id", "partner_id"])

        given_columns = list(rows[0])
        record_columns = [name for name in given_columns if name not in EMAIL_ROW_COLUMNS]
        now = self.env.cr.now()
        # Each column of an entry as create() fills it: the values it is given, the defaults
        # (date, company, salesperson), the precomputed fields (state, contact's company,
        # and the template's values), the Monetary rounding, the log columns.
        columns = {
            "partner_id": SQL("candidate.partner_id"),
            "commercial_partner_id": SQL("candidate.commercial_partner_id"),
            "company_id": SQL("candidate.entry_company_id"),
            "template_id": SQL("template.id"),
            "group_id": SQL("template.group_id"),
            "name": SQL(
                "COALESCE(candidate.name, template.name->>candidate.lang, template.name->>'en_US')"
            ),
            "date": fields.Datetime.now(),
            "user_id": email.author_user.id,
            "information_flow": email.flow,
            "initiated_by": email.initiated_by,
            "correspondence_type": "email",
            "cost": SQL(
                "ROUND(ROUND(COALESCE(template.unit_cost, 0) / currency.rounding)"
                " * currency.rounding, currency.decimal_places)"
            ),
            "duration": SQL("COALESCE(template.unit_duration, 0)"),
            "campaign_id": SQL("template.campaign_id"),
            "campaign_target": SQL("COALESCE(template.campaign_target, FALSE)"),
            "campaign_response": SQL("COALESCE(template.campaign_response, FALSE)"),
            "res_model": SQL("candidate.res_model"),
            "res_id": SQL("candidate.res_id"),
            "document_name": SQL("candidate.document_name"),
            "message_id": message.message_id or None,
            "contact_via": SQL("candidate.contact_via"),
            "delivery_status": "outgoing",
            "resent_from_id": SQL("candidate.resent_from_id"),
            "state": "logged",
            "create_uid": self.env.uid,
            "create_date": now,
            "write_uid": self.env.uid,
            "write_date": now,
        }
        for name in record_columns:
            # The record's value wins over the template's (campaign), as in create().
            column = SQL("candidate.%s", SQL.identifier(name))
            columns[name] = (
                SQL("COALESCE(%s, %s)", column, columns[name]) if name in columns else column
            )
        names = list(columns)
        result = self.env.execute_query(
            SQL(
                """
            WITH given AS (
                SELECT * FROM unnest(%(arrays)s) WITH ORDINALITY AS given(%(given)s, ord)
            ), candidate AS (
                SELECT given.*,
                       COALESCE(given.company_id, %(record_company)s, partner.company_id,
                                %(company)s) AS entry_company_id,
                       partner.company_id AS partner_company_id,
                       partner.commercial_partner_id,
                       partner.interaction_privacy_blocked,
                       COALESCE(NULLIF(partner.email_normalized, ''),
                                NULLIF(partner.email, '')) AS contact_via,
                       COALESCE(NULLIF(partner.lang, ''), %(lang)s) AS lang
                  FROM given
                  JOIN res_partner partner ON partner.id = given.partner_id
                 WHERE partner.partner_share
                   AND NOT EXISTS (
                       SELECT FROM interaction_log_entry logged
                        WHERE logged.message_id = %(message_id)s
                          AND logged.partner_id = given.partner_id)
            ), chosen AS (
                SELECT candidate.ord,
                       CASE
                           WHEN template.company_id != candidate.entry_company_id
                             OR candidate.partner_company_id != candidate.entry_company_id
                           THEN 'company'
                           WHEN candidate.interaction_privacy_blocked THEN 'privacy'
                           WHEN candidate.partner_id = ANY(%(never_partners)s::int4[])
                             OR (candidate.entry_company_id, candidate.partner_id) IN (
                                 SELECT * FROM unnest(%(never_companies)s::int4[],
                                                      %(never_pair_partners)s::int4[]))
                           THEN 'never_log'
                       END AS skipped,
                       %(values)s
                  FROM candidate
                  JOIN res_company company ON company.id = candidate.entry_company_id
                  JOIN interaction_template template
                    ON template.id = COALESCE(candidate.template_id,
                                              company.interaction_template_email_id)
                  JOIN res_currency currency ON currency.id = company.currency_id
            ), inserted AS (
                INSERT INTO interaction_log_entry (%(names)s)
                SELECT %(names)s FROM chosen WHERE skipped IS NULL ORDER BY ord
                RETURNING id, %(names)s
            )
            SELECT chosen.skipped, chosen.partner_id AS skipped_partner_id, inserted.*
              FROM chosen
              LEFT JOIN inserted ON inserted.partner_id = chosen.partner_id
             ORDER BY chosen.ord
                """,
                arrays=SQL(", ").join(
                    SQL(
                        "%s::%s[]",
                        [
                            # As create() writes each value (False is 0 for res_id, NULL
                            # elsewhere); None where create() is given no value.
                            None
                            if row[name] is None
                            else self._fields[name].convert_to_column_insert(row[name], self)
                            for row in rows
                        ],
                        SQL(self._fields[name].column_type[1]),
                    )
                    for name in given_columns
                ),
                given=SQL(", ").join(map(SQL.identifier, given_columns)),
                record_company=record_company.id or None,
                company=self.env.company.id,
                lang=self.env.lang or "en_US",
                message_id=message.message_id or None,
                never_partners=never_partner_ids,
                never_companies=[company_id for company_id, _partner_id in never_pairs],
                never_pair_partners=[partner_id for _company_id, partner_id in never_pairs],
                values=SQL(", ").join(
                    SQL("%s AS %s", value, SQL.identifier(name)) for name, value in columns.items()
                ),
                names=SQL(", ").join(map(SQL.identifier, names)),
            )
        )
        skipped = defaultdict(list)
        logged = []
        for skip, skipped_partner_id, *values in result:
            if skip:
                skipped[skip].append(skipped_partner_id)
            else:
                logged.append(dict(zip(["id", *names], values, strict=True)))
        for partner_id in skipped["company"]:
            _logger.debug(
                "Interaction log: contact %s or its e-mail template belongs to another company "
                "than its entry's",
                partner_id,
            )
        if skipped["privacy"]:
            _logger.info(
                "Interaction log: nothing logged for the privacy-blocked contacts %s",
                sorted(skipped["privacy"]),
            )
        if skipped["never_log"]:
            _logger.info(
                "Interaction log: %s parties not logged (never-log)", len(skipped["never_log"])
            )
        return self._inserted_entries(logged, names)

    @api.model
    def _inserted_entries(self, rows, names):
        """The entries inserted with the column values ``rows`` (dicts of ``names`` and id),
        brought into the ORM as create() brings its own: values in the cache, inverse fields
        updated, dependent fields marked, constraints checked (a ValidationError undoes the
        INSERT with the log's savepoint, as it would undo create())."""
        entries = self.sudo().browse([row["id"] for row in rows])
        stored = [field for field in self._fields.values() if field.store]
        inverses = defaultdict(list)
        for entry, row in zip(entries, rows, strict=True):
            for field in stored:
                if field.type in ("one2many", "many2many"):
                    field._update_cache(entry, ())
                elif field.name in row:
                    value = field.convert_to_cache(row[field.name], entry, validate=False)
                    field._update_cache(entry, value)
                    if (
                        field.type in ("many2one", "many2one_reference")
                        and (self.pool.field_inverses[field])
                    ):
                        inverses[field, value].append(entry.id)
                else:
                    field._update_cache(entry, None)
        for (field, value), ids in inverses.items():
            field._update_inverses(entries.browse(ids), value)
        with self.env.protecting([self._fields[name] for name in names], entries):
            entries.modified(names, create=True)
        entries._validate_fields(names)
        return entries

    @api.model
    def _never_logged_recipients(self, partners, addresses, user, company_ids):
        """What the never-log rules and lists keep out of an e-mail from ``user`` to
        ``partners``, matched as _never_log_split matches (the address the entry uses and
        the contact's own): the contacts in ``user``'s list, and the (company, contact) pairs
        that the rules of one of ``company_ids`` (the companies its entries may take) match.
        The rules and lists come from caches, the addresses from ``addresses`` ({contact id:
        normalised e-mail address}, which is then also the address used) or else from the
        contacts: no query when the caller gives them or when no list or rule applies."""
        personal = self.env["res.users"]._interaction_never_log_list(user.id)
        rules = self.env["interaction.never.log.rule"]
        matchers = {
            company_id: matcher
            for company_id in company_ids
            if (matcher := rules._never_log_matcher(company_id))
        }
        if not (personal or matchers):
            return [], []
        if addresses is None:
            addresses = {}
            for partner in partners.sudo().with_context(active_test=False):
                contact_via = partner.email_normalized or partner.email
                addresses[partner.id] = {
                    email_normalize(contact_via) if contact_via else False,
                    partner.email_normalized,
                }
        else:
            addresses = {
                partner_id: {email_normalize(address), address}
                for partner_id, address in addresses.items()
            }
        never_partner_ids, never_pairs = [], []
        for partner in partners:
            found = addresses.get(partner.id, set()) - {False, None}
            if found & personal:
                never_partner_ids.append(partner.id)
            never_pairs.extend(
                (company_id, partner.id)
                for company_id, matcher in matchers.items()
                if any(matcher.matches(address) for address in found)
            )
        return never_partner_ids, never_pairs

    @api.model
    def _template_entry_values(self, template):
        """Every value an entry computes from ``template`` (its description apart), given
        at create so that the computation, and its search of the templates' names for a
        typed description, does not run for each logged e-mail."""
        values = dict(template._interaction_values(), group_id=template.group_id)
        del values["name"]
        return {
            name: value.id if isinstance(value, models.BaseModel) else value
            for name, value in values.items()
        }

    @api.model
    def _log_done_activities(self, activities, feedback=False, attachment_ids=None):
        """Log ``activities`` being marked done: one entry per activity whose type has an
        interaction template and whose record leads to a contact (the record itself when it
        is a contact, else its ``partner_id``). Called by ``mail.activity._action_done``,
        which every way of marking an activity done reaches. Batch: a constant number of
        queries for any number of activities (attachments apart)."""
        return self._log_safely(
            f"the done activities {activities.ids}",
            self._create_activity_entries,
            activities,
            feedback,
            attachment_ids,
        )

    @api.model
    def _create_activity_entries(self, activities, feedback, attachment_ids):
        # sudo: Odoo lets an assignee mark done an activity on a record they cannot read.
        activities = activities.sudo()._interaction_loggable()
        if not activities:
            return self.browse()
        now = fields.Datetime.now()
        sources = []
        for model, model_activities in activities.grouped("res_model").items():
            records = self.env[model].sudo().browse(model_activities.mapped("res_id"))
            existing = records.exists()
            for activity, record in zip(model_activities, records, strict=True):
                if record not in existing:
                    continue
                partner = self._interaction_contact_of(record)
                if partner:
                    sources.append((activity, record, partner))
        vals_list = []
        logged_activities = []
        for activity, record, partner in sources:
            if "company_id" in record._fields and record.company_id:
                company = record.company_id
            else:
                company = partner.company_id or self.env.company
            template = activity.activity_type_id.interaction_template_id
            if not self._loggable_in(company, template, partner):
                continue
            vals_list.append(
                {
                    "partner_id": partner.id,
                    "template_id": template.id,
                    "company_id": company.id,
                    "name": activity.summary or activity.activity_type_id.name,
                    "note": feedback or False,
                    "date": now,
                    "user_id": (activity.user_id or self.env.user).id,
                    "res_model": record._name,
                    "res_id": record.id,
                    "document_name": record.display_name,
                    **self._interaction_record_values(record),
                }
            )
            logged_activities.append(activity)
        entries = self._create_logged_entries(vals_list)
        self._copy_activity_attachments(entries, logged_activities, attachment_ids)
        return entries

    @api.model
    def _interaction_contact_of(self, record):
        """The contact an interaction on ``record`` is with: the record itself when it is a
        contact, else its ``partner_id``; never an internal user (a colleague)."""
        if record._name == "res.partner":
            partner = record
        elif (
            "partner_id" in record._fields
            and record._fields["partner_id"].comodel_name == "res.partner"
        ):
            partner = record.partner_id
        else:
            return self.env["res.partner"]
        if partner.user_ids.filtered(lambda user: not user.share):
            return self.env["res.partner"]
        return partner

    @api.model
    def _copy_activity_attachments(self, entries, activities, attachment_ids):
        """The files of each activity (and those uploaded when marking it done) kept on its
        entry, as copies: marking done moves the originals to the chatter message."""
        if not entries:
            return
        attachments = self.env["ir.attachment"].sudo()
        by_activity = attachments.search_fetch(
            [("res_model", "=", "mail.activity"), ("res_id", "in", [a.id for a in activities])],
            ["res_id"],
        ).grouped("res_id")
        uploaded = attachments.browse(attachment_ids or [])
        for entry, activity in zip(entries, activities, strict=True):
            files = by_activity.get(activity.id, attachments) | uploaded
            if files:
                files.copy({"res_model": entry._name, "res_id": entry.id})

    @api.model
    def _interaction_record_values(self, record):
        """What an entry logged from ``record`` (a document, the record of an activity or of
        an e-mail, a meeting) takes from it: its campaign (``utm.mixin``) when it has one,
        which wins over the template's. Bridges add theirs (the opportunity)."""
        record = record.sudo()
        field = record._fields.get("campaign_id")
        if field is not None and field.comodel_name == "utm.campaign" and record.campaign_id:
            return {"campaign_id": record.campaign_id.id}
        return {}

    @api.model
    def _create_logged_entries(self, vals_list):
        """The one place where automatic logging creates entries, for every path (documents,
        e-mails, mailboxes, activities...). sudo: the log is the system's bookkeeping of what
        the user did with a record they may read; users need no right on the log to print or
        send. Only this path may set the fields that say where an entry comes from
        (document, Message-Id, logged segment). Contacts under a privacy block are skipped
        here, whatever the path, and so are the parties of never-log rules and lists."""
        blocked = self._privacy_blocked_ids({vals.get("partner_id") for vals in vals_list})
        if blocked:
            _logger.info(
                "Interaction log: nothing logged for the privacy-blocked contacts %s",
                sorted(blocked),
            )
            vals_list = [vals for vals in vals_list if vals.get("partner_id") not in blocked]
        vals_list, never_logged = self._never_log_split(vals_list)
        if never_logged:
            # The count only: the server log is no place for the addresses kept out.
            _logger.info("Interaction log: %s parties not logged (never-log)", len(never_logged))
        return self.sudo().create(vals_list)

    @api.model
    def _never_log_split(self, vals_list):
        """``vals_list`` split into the entries to log and those whose party is never logged:
        its address used (``contact_via``) or its contact's e-mail address matches a
        never-log rule of the entry's company or the never-log list of its salesperson (the
        user who sent or received it). Every automatic path passes here, printed documents
        included: a rule names a party to keep out of the log, whatever the channel. The rules
        and lists come from caches: no query when nothing applies, at most one (the contacts'
        addresses, when not read yet) when some rule exists."""
        rules = self.env["interaction.never.log.rule"]
        users = self.env["res.users"]
        company_id, user_id = self.env.company.id, self.env.uid
        to_check = []
        for index, vals in enumerate(vals_list):
            matcher = rules._never_log_matcher(vals.get("company_id") or company_id)
            personal = users._interaction_never_log_list(vals.get("user_id") or user_id)
            if matcher or personal:
                to_check.append((index, matcher, personal))
        if not to_check:
            return vals_list, []
        partners = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .browse(
                list(
                    {vals_list[index].get("partner_id") for index, _m, _p in to_check}
                    - {None, False}
                )
            )
        )
        email_of = {partner.id: partner.email_normalized for partner in partners}
        skipped = set()
        for index, matcher, personal in to_check:
            vals = vals_list[index]
            contact_via = vals.get("contact_via")
            addresses = {
                email_normalize(contact_via) if contact_via else False,
                email_of.get(vals.get("partner_id")),
            } - {False, None}
            if any(
                address in personal or (matcher and matcher.matches(address))
                for address in addresses
            ):
                skipped.add(index)
        if not skipped:
            return vals_list, []
        return (
            [vals for index, vals in enumerate(vals_list) if index not in skipped],
            [vals for index, vals in enumerate(vals_list) if index in skipped],
        )

    @api.model
    def _sync_delivery_status(self, notifications):
        """Bring the delivery status of the e-mail entries in line with Odoo's own
        ``mail.notification`` rows (sent, bounced, failed), matched on the e-mail's Message-Id
        and the recipient: one query to read them and one write per status, whatever the
        number of notifications. A bounced or failed e-mail is an attempt that failed, so it
        does not move the contact's last interaction."""
        if not notifications:
            return
        # One query for what four reads of the ORM fetched (the notifications, still there
        # after the send, their e-mails' Message-Ids, the entries): every e-mail sent passes
        # here.
        notifications.flush_model(
            [
                "mail_message_id",
                "res_partner_id",
                "notification_type",
                "notification_status",
                "failure_type",
                "failure_reason",
            ]
        )
        self.env["mail.message"].flush_model(["message_id"])
        self.flush_model([*DELIVERY_FIELDS, "message_id", "partner_id", "information_flow"])
        rows = self.env.execute_query(
            SQL(
                """
            SELECT entry.id, entry.delivery_status, entry.delivery_failure_reason,
                   entry.attempt_failed, notification.notification_status,
                   notification.failure_type, notification.failure_reason
              FROM %s
             WHERE notification.id IN %s
               AND notification.notification_status IN %s
             ORDER BY notification.id
                """,
                EMAIL_ENTRY_NOTIFICATIONS,
                tuple(notifications.ids),
                tuple(NOTIFICATION_DELIVERY),
            )
        )
        failure_types = dict(notifications._fields["failure_type"]._description_selection(self.env))
        changes = {}
        for entry_id, *current, notification_status, failure_type, failure_reason in rows:
            status = NOTIFICATION_DELIVERY[notification_status]
            reason = False
            if status in UNDELIVERED:
                reason = (
                    ": ".join(
                        filter(
                            None,
                            (
                                failure_types.get(failure_type),
                                (failure_reason or "").strip()[:500],
                            ),
                        )
                    )
                    or False
                )
            changes[entry_id] = (tuple(current), (status, reason))
        self._write_delivery_status(changes)

    @api.model
    def _cron_sync_delivery_status(self, batch_size=5000):
        """The e-mail entries still 'outgoing' whose notifications say the e-mail left,
        bounced or failed, brought in line with them, one committed batch at a time. A send's
        following that met a concurrent write leaves them so: once the e-mails have left it
        is logged, never raised (mail_mail.py), and nothing else would read them again. A
        batch that meets a concurrent write (a bounce arriving) is logged and left to the next
        run; a run out of time says how many are left, and the scheduler comes back for them."""
        left = tuple(
            status for status, delivery in NOTIFICATION_DELIVERY.items() if delivery != "outgoing"
        )
        # From the entries waiting for news (an index on the status), a handful at any time:
        # e-mails in the queue, or sent since the last send's following.
        stale = SQL(
            """
            FROM %s
           WHERE entry.delivery_status = 'outgoing'
             AND notification.notification_status IN %s
            """,
            EMAIL_ENTRY_NOTIFICATIONS,
            left,
        )
        self.env.flush_all()
        [(remaining,)] = self.env.execute_query(SQL("SELECT count(*) %s", stale))
        cron = self.env["ir.cron"]
        after = 0  # each notification once, whatever its entry became
        while remaining:
            notification_ids = [
                row[0]
                for row in self.env.execute_query(
                    SQL(
                        "SELECT notification.id %s AND notification.id > %s"
                        " ORDER BY notification.id LIMIT %s",
                        stale,
                        after,
                        batch_size,
                    )
                )
            ]
            if not notification_ids:
                break
            notifications = self.env["mail.notification"].sudo().browse(notification_ids)
            self.sudo()._log_safely(
                f"the delivery of notifications {notifications.ids}",
                self.sudo()._sync_delivery_status,
                notifications,
                rerun=False,
            )
            after = notification_ids[-1]
            remaining = max(remaining - len(notification_ids), 0)
            if len(notification_ids) < batch_size:
                remaining = 0
            if not cron._commit_progress(len(notification_ids), remaining=remaining):
                return  # out of time: the scheduler comes back for the rest
            self.env.flush_all()
        cron._commit_progress(remaining=0)

    @api.model
    def _write_delivery_status(self, changes):
        """Record what became of e-mails on their entries. ``changes``: {entry id: ((its
        delivery status, failure reason, attempt failed), (the new status, the new reason))}.
        One write per new value, of the entries whose status or reason changes; whether the
        attempt failed is written only where it changes (writing it computes the entry's
        state again, which reads the entry). Returns the entries written."""
        ids_by_values = defaultdict(list)
        for entry_id, ((status, reason, failed), (new_status, new_reason)) in changes.items():
            if (status or False, reason or False) == (new_status, new_reason):
                continue
            values = {"delivery_status": new_status, "delivery_failure_reason": new_reason}
            if bool(failed) != (new_status in UNDELIVERED):  # NULL: not failed, as in Odoo
                values["attempt_failed"] = new_status in UNDELIVERED
            ids_by_values[tuple(values.items())].append(entry_id)
        written = self.browse()
        for values, ids in ids_by_values.items():
            # Past the "logged entries are facts" lock: the system records what became of the
            # e-mail; nothing else of the entry changes.
            entries = self.sudo().browse(ids)
            super(InteractionLogEntry, entries).write(dict(values))
            written |= entries
        return written

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
    def _cron_purge_canceled(self, batch_size=25000):
        """Delete the cancelled entries older than each company's retention period, one
        committed batch at a time: the table is never locked for long, and a run stopped
        half-way keeps what it did; the next run finishes the job. Then apply the retention
        policies, the same way, and merge the summaries' rows of each writing connection."""
        self.env["interaction.mailbox.message"]._purge_old_messages()
        if self._purge_canceled_entries(batch_size):
            self.env["interaction.retention.policy"]._cron_apply_policies(batch_size)
        self.env["interaction.log.summary"]._compact()
        self.env["interaction.log.contact.summary"]._compact()

    @api.model
    def _purge_canceled_entries(self, batch_size):
        """The purge of the cancelled entries; False when it ran out of time."""
        entries = self.sudo().with_context(active_test=False)
        domains = [
            domain
            for company in self.env["res.company"].sudo().with_context(active_test=False).search([])
            if (domain := self._purge_domain(company)) is not None
        ]
        if not domains:
            return True
        domain = Domain.OR(domains)
        cron = self.env["ir.cron"]
        remaining = entries.search_count(domain)
        while remaining:
            deleted = entries._delete_batch(domain, batch_size)
            if not deleted:
                break
            remaining = max(remaining - deleted, 0)
            if not cron._commit_progress(deleted, remaining=remaining):
                return False  # out of time: the cron comes back for the rest
        return True

    @api.model
    def _delete_batch(self, domain, batch_size, canceled_only=True):
        """Delete up to ``batch_size`` entries matching ``domain`` (cancelled ones only, unless
        ``canceled_only`` is False: erasing a contact's history) and
        what unlink() would clean up with them (external ids, attachments), in one statement
        that keeps the ids in the database. Through unlink(), purging took 3 times a raw
        DELETE (make bench: reading the batch back, the deletion checks, the cache)."""
        if canceled_only:
            domain = Domain(domain) & Domain("canceled", "=", True)
        self.env.flush_all()
        query = self._search(domain, limit=batch_size, order="date")
        return self._delete_batch_query(SQL("entry.id IN %s", query.subselect()))

    @api.model
    def _anonymise_batch(self, batch, partner):
        """Anonymise the entries ``batch`` (an SQL condition on their table's columns, the
        table named ``entry``) as ``_anonymise`` does, in one UPDATE (the summaries' triggers
        move their counts from the contact to ``partner``): the description becomes the
        template's name, note, address used,
        Message-Id and delivery failure text go, the attachments are deleted, and so is a
        private entry's sealed content with its files. Returns how many."""
        self.env.flush_all()
        lang = self.env.lang or "en_US"
        self.env.cr.execute(
            SQL(
                """
                WITH anonymised AS (
                    UPDATE interaction_log_entry entry
                       SET partner_id = %(partner)s,
                           commercial_partner_id = %(partner)s,
                           name = COALESCE(template.name->>%(lang)s, template.name->>'en_US'),
                           note = NULL,
                           contact_via = NULL,
                           message_id = NULL,
                           delivery_failure_reason = NULL,
                           private = FALSE,
                           write_uid = %(uid)s,
                           write_date = now() AT TIME ZONE 'UTC'
                      FROM interaction_template template
                     WHERE %(batch)s AND template.id = entry.template_id
                 RETURNING entry.id
                ), private_contents AS (
                    DELETE FROM interaction_private_content content USING anonymised
                     WHERE content.entry_id = anonymised.id
                 RETURNING content.id
                )
                SELECT (SELECT count(*) FROM anonymised),
                       (SELECT array_agg(attachment.id) FROM ir_attachment attachment
                          JOIN anonymised ON attachment.res_id = anonymised.id
                         WHERE attachment.res_model = %(model)s),
                       (SELECT array_agg(attachment.id) FROM ir_attachment attachment
                          JOIN private_contents ON attachment.res_id = private_contents.id
                         WHERE attachment.res_model = 'interaction.private.content')
                """,
                partner=partner.id,
                lang=lang,
                uid=self.env.uid,
                batch=batch,
                model=self._name,
            )
        )
        count, attachment_ids, private_attachment_ids = self.env.cr.fetchone()
        attachment_ids = (attachment_ids or []) + (private_attachment_ids or [])
        if attachment_ids:
            self.env["ir.attachment"].sudo().browse(attachment_ids).unlink()
        self.env["interaction.private.content"].invalidate_model()
        self.invalidate_model()
        return count

    @api.model
    def _delete_batch_query(self, batch):
        """Delete the entries ``batch`` (an SQL condition on their table's columns, the table
        named ``entry``) as ``_delete_batch`` does (external ids and attachments with them),
        in one statement. Returns how many."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                WITH deleted AS (
                    DELETE FROM interaction_log_entry entry WHERE %(batch)s RETURNING id
                ), external_ids AS (
                    DELETE FROM ir_model_data data USING deleted
                     WHERE data.model = %(model)s AND data.res_id = deleted.id
                )
                SELECT (SELECT count(*) FROM deleted),
                       (SELECT array_agg(attachment.id) FROM ir_attachment attachment
                          JOIN deleted ON attachment.res_id = deleted.id
                         WHERE attachment.res_model = %(model)s),
                       -- The private contents go by cascade; the statement still sees them.
                       (SELECT array_agg(attachment.id) FROM ir_attachment attachment
                          JOIN interaction_private_content content
                            ON attachment.res_id = content.id
                          JOIN deleted ON content.entry_id = deleted.id
                         WHERE attachment.res_model = 'interaction.private.content')
                """,
                batch=batch,
                model=self._name,
            )
        )
        count, attachment_ids, private_attachment_ids = self.env.cr.fetchone()
        attachment_ids = (attachment_ids or []) + (private_attachment_ids or [])
        if attachment_ids:
            self.env["ir.attachment"].sudo().browse(attachment_ids).unlink()
        self.invalidate_model()
        return count
