import csv
import io
import re
import zipfile
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import format_date, split_every

# Set by Odoo itself (the privacy actions, the anonymisation), never by a form or RPC: a user
# who could write them would lift a contact's privacy block or forge who set it.
PRIVACY_FIELDS = {
    "interaction_privacy_blocked",
    "interaction_privacy_blocked_date",
    "interaction_privacy_blocked_by_id",
    "interaction_anonymous",
}
# Set and lifted by an Interaction Manager's Legal Hold and Lift Legal Hold buttons only: a
# user who could write them would free a contact's entries for the retention run.
LEGAL_HOLD_FIELDS = {
    "interaction_legal_hold",
    "interaction_legal_hold_reason",
    "interaction_legal_hold_date",
    "interaction_legal_hold_by_id",
}


class _ZipStream:
    """A write-only file for zipfile that hands over what was written so far: zipfile
    writes data descriptors when its file cannot seek, so the archive streams out as it
    is made instead of being held whole."""

    def __init__(self):
        self.chunks = []

    # Not an Odoo model's write: the file interface zipfile writes to.
    def write(self, data):  # pylint: disable=method-required-super
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self):
        pass

    def drain(self):
        data = b"".join(self.chunks)
        self.chunks.clear()
        return data


class ResPartner(models.Model):
    _inherit = "res.partner"

    interaction_entry_ids = fields.One2many(
        "interaction.log.entry",
        "partner_id",
        string="Interaction Log",
        domain=[("postponed", "=", False)],
        groups="interaction_log.group_interaction_user",
    )
    exclude_from_segments = fields.Boolean(
        help="Segments skip this contact unless they are told to ignore the exclusion.",
        groups="interaction_log.group_interaction_user",
    )
    interaction_count = fields.Integer(
        string="Interactions",
        compute="_compute_interaction_statistics",
        groups="interaction_log.group_interaction_user",
    )
    # What the statistics count, listed on the contact's Interactions tab: a company's list
    # holds the entries of its people from their time with it.
    interaction_counted_entry_ids = fields.Many2many(
        "interaction.log.entry",
        string="Counted Interactions",
        compute="_compute_interaction_counted_entry_ids",
        compute_sudo=True,
        groups="interaction_log.group_interaction_user",
    )
    interaction_currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_interaction_currency_id",
        groups="interaction_log.group_interaction_user",
    )
    interaction_cost = fields.Float(
        compute="_compute_interaction_statistics",
        groups="interaction_log.group_interaction_user",
    )
    interaction_duration = fields.Integer(
        string="Interaction Duration (min)",
        compute="_compute_interaction_statistics",
        groups="interaction_log.group_interaction_user",
    )
    last_interaction_date = fields.Datetime(
        compute="_compute_interaction_statistics",
        groups="interaction_log.group_interaction_user",
        help="Date of the last interaction that was neither cancelled nor a failed attempt.",
    )
    last_attempt_date = fields.Datetime(
        string="Last Attempt",
        compute="_compute_interaction_statistics",
        groups="interaction_log.group_interaction_user",
        help="Date of the last interaction the company initiated, successful or not.",
    )

    interaction_privacy_blocked = fields.Boolean(
        string="Privacy Blocked",
        readonly=True,
        copy=False,
        groups="interaction_log.group_interaction_user",
        help="The contact asked for no new interaction to be recorded: none is logged, from "
        "any path. The history is kept.",
    )
    interaction_privacy_blocked_date = fields.Datetime(
        string="Privacy Blocked On",
        readonly=True,
        copy=False,
        groups="interaction_log.group_interaction_user",
    )
    interaction_privacy_blocked_by_id = fields.Many2one(
        "res.users",
        string="Privacy Blocked By",
        readonly=True,
        copy=False,
        groups="interaction_log.group_interaction_user",
    )
    interaction_anonymous = fields.Boolean(
        string="Anonymised Contact",
        readonly=True,
        copy=False,
        groups="interaction_log.group_interaction_user",
        help="Holds the anonymised interactions of its company.",
    )

    interaction_legal_hold = fields.Boolean(
        string="Legal Hold",
        readonly=True,
        copy=False,
        groups="interaction_log.group_interaction_user",
        help="No retention policy anonymises or deletes this contact's interactions (for a "
        "company, those of its people while with it) until the hold is lifted.",
    )
    interaction_legal_hold_reason = fields.Char(
        string="Legal Hold Reason",
        readonly=True,
        copy=False,
        groups="interaction_log.group_interaction_user",
    )
    interaction_legal_hold_summary = fields.Char(
        compute="_compute_interaction_legal_hold_summary",
        groups="interaction_log.group_interaction_user",
        help="The hold in one sentence, for the contact form's banner.",
    )
    interaction_legal_hold_date = fields.Date(
        string="Legal Hold Since",
        readonly=True,
        copy=False,
        groups="interaction_log.group_interaction_user",
    )
    interaction_legal_hold_by_id = fields.Many2one(
        "res.users",
        string="Legal Hold Set By",
        readonly=True,
        copy=False,
        groups="interaction_log.group_interaction_user",
    )

    # One anonymised contact per company: two anonymisations at once cannot make two.
    _interaction_anonymous_company_uniq = models.UniqueIndex(
        "(company_id) WHERE interaction_anonymous"
    )

    def _interaction_entries_domain(self):
        """The entries a partner's statistics count and its smart button opens: its own, and
        those logged with a contact while the contact belonged to it (an entry's
        ``commercial_partner_id`` is the contact's company when it was logged). A company
        thus counts its people's entries from their time with it, not from before they joined
        nor after they left; a person keeps their whole history wherever they worked."""
        return Domain("partner_id", "in", self.ids) | Domain(
            "commercial_partner_id", "in", self.ids
        )

    # What a user may count depends on who asks (record rules, allowed companies).
    @api.depends_context(
        "uid", "allowed_company_ids", "interaction_date_from", "interaction_date_to"
    )
    def _compute_interaction_statistics(self):
        """Statistics of the entries of ``_interaction_entries_domain``, for any number of
        partners in one grouped query. Failed attempts and initiators are groups of that read,
        so the two 'last' dates come out of it too."""
        totals = defaultdict(
            lambda: {"count": 0, "cost": 0.0, "duration": 0, "last": False, "attempt": False}
        )
        partners = self._origin
        if partners:
            entries = self.env["interaction.log.entry"]
            groups = entries._read_group(
                entries._statistics_domain() & partners._interaction_entries_domain(),
                ["partner_id", "commercial_partner_id", "attempt_failed", "initiated_by"],
                ["__count", "cost:sum", "duration:sum", "date:max"],
            )
            own_ids = set(partners._ids)
            for (
                contact,
                company,
                attempt_failed,
                initiated_by,
                count,
                cost,
                duration,
                last_date,
            ) in groups:
                # An entry counts once for its contact and once for its company, when asked
                # for; once only when the contact is its own company.
                for partner_id in {contact.id, company.id} & own_ids:
                    total = totals[partner_id]
                    total["count"] += count
                    total["cost"] += cost
                    total["duration"] += duration
                    if not attempt_failed:
                        total["last"] = max(filter(None, (total["last"], last_date)))
                    if initiated_by == "us":
                        total["attempt"] = max(filter(None, (total["attempt"], last_date)))
        for partner in self:
            total = totals[partner._origin.id]
            partner.interaction_count = total["count"]
            partner.interaction_cost = total["cost"]
            partner.interaction_duration = total["duration"]
            partner.last_interaction_date = total["last"]
            partner.last_attempt_date = total["attempt"]

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get(name) for vals in vals_list for name in PRIVACY_FIELDS):
            self._raise_privacy_fields()
        if not self.env.su and any(
            vals.get(name) for vals in vals_list for name in LEGAL_HOLD_FIELDS
        ):
            self._raise_legal_hold_fields()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and PRIVACY_FIELDS.intersection(vals):
            self._raise_privacy_fields()
        if not self.env.su and LEGAL_HOLD_FIELDS.intersection(vals):
            self._raise_legal_hold_fields()
        return super().write(vals)

    def _raise_legal_hold_fields(self):
        raise AccessError(
            self.env._(
                "A contact's legal hold is set and lifted with the Legal Hold and Lift Legal "
                "Hold buttons, by an Interaction Manager."
            )
        )

    @api.depends(
        "interaction_legal_hold",
        "interaction_legal_hold_date",
        "interaction_legal_hold_by_id",
        "interaction_legal_hold_reason",
    )
    def _compute_interaction_legal_hold_summary(self):
        # One sentence, in the reader's language and date format: the form's fields inline
        # in a banner broke into one fragment a line (walkthrough).
        for partner in self:
            partner.interaction_legal_hold_summary = partner.interaction_legal_hold and self.env._(
                "Legal hold since %(date)s, set by %(user)s: %(reason)s. No retention policy "
                "anonymises or deletes these interactions while it holds.",
                date=format_date(self.env, partner.interaction_legal_hold_date),
                user=partner.interaction_legal_hold_by_id.name,
                reason=partner.interaction_legal_hold_reason,
            )

    def _interaction_legal_hold(self, reason, date):
        """Put these contacts under legal hold (the hold wizard calls this)."""
        self._check_interaction_manager(
            self.env._("Only Interaction Managers can put a contact under legal hold.")
        )
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Say why the contact is under legal hold."))
        self.check_access("read")
        date = date or fields.Date.context_today(self)
        self.sudo().write(
            {
                "interaction_legal_hold": True,
                "interaction_legal_hold_reason": reason,
                "interaction_legal_hold_date": date,
                "interaction_legal_hold_by_id": self.env.uid,
            }
        )
        self._interaction_log_in_chatter(
            self.env._(
                "Legal hold set by %(user)s since %(date)s: %(reason)s. No retention policy "
                "anonymises or deletes this contact's interactions while it holds.",
                user=self.env.user.name,
                date=format_date(self.env, date),
                reason=reason,
            )
        )

    def action_interaction_legal_hold(self):
        self.ensure_one()
        self._check_interaction_manager(
            self.env._("Only Interaction Managers can put a contact under legal hold.")
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Legal Hold"),
            "res_model": "interaction.legal.hold.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_id": self.id},
        }

    def action_interaction_legal_hold_lift(self):
        self._check_interaction_manager(
            self.env._("Only Interaction Managers can lift a contact's legal hold.")
        )
        held = self.sudo().filtered("interaction_legal_hold")
        held.write(
            {
                "interaction_legal_hold": False,
                "interaction_legal_hold_reason": False,
                "interaction_legal_hold_date": False,
                "interaction_legal_hold_by_id": False,
            }
        )
        held.with_env(self.env)._interaction_log_in_chatter(
            self.env._(
                "Legal hold lifted by %(user)s: the retention policies apply to this "
                "contact's interactions again.",
                user=self.env.user.name,
            )
        )

    def _raise_privacy_fields(self):
        raise AccessError(
            self.env._(
                "A contact's privacy block is set and lifted with the Privacy Block and Lift "
                "Privacy Block buttons, by an Interaction Manager."
            )
        )

    def _check_interaction_manager(self, message):
        if not self.env.user.has_group("interaction_log.group_interaction_manager"):
            raise AccessError(message)

    def _interaction_log_in_chatter(self, body):
        """Who did what to the contact's interactions, and when, in its chatter (as the
        current user, who may not be allowed to write on the contact)."""
        for partner in self.sudo():
            partner._message_log(body=body, author_id=self.env.user.partner_id.id)

    def action_interaction_privacy_block(self):
        self._check_interaction_manager(
            self.env._("Only Interaction Managers can set a contact's privacy block.")
        )
        self.sudo().write(
            {
                "interaction_privacy_blocked": True,
                "interaction_privacy_blocked_date": fields.Datetime.now(),
                "interaction_privacy_blocked_by_id": self.env.uid,
            }
        )
        self._interaction_log_in_chatter(
            self.env._(
                "Privacy block set by %(user)s: no new interaction is logged for this contact.",
                user=self.env.user.name,
            )
        )

    def action_interaction_privacy_unblock(self):
        self._check_interaction_manager(
            self.env._("Only Interaction Managers can lift a contact's privacy block.")
        )
        if self.filtered("interaction_anonymous"):
            raise UserError(
                self.env._("The anonymised contact of a company stays privacy-blocked.")
            )
        self.sudo().write(
            {
                "interaction_privacy_blocked": False,
                "interaction_privacy_blocked_date": False,
                "interaction_privacy_blocked_by_id": False,
            }
        )
        self._interaction_log_in_chatter(
            self.env._("Privacy block lifted by %(user)s.", user=self.env.user.name)
        )

    # Data-subject requests: export and anonymisation ------------------------------------

    def _check_interaction_export(self):
        self.ensure_one()
        self._check_interaction_manager(
            self.env._("Only Interaction Managers can export a contact's interactions.")
        )
        self.check_access("read")

    def action_export_interactions(self):
        """A .zip of every interaction of the contact (a data-subject access request)."""
        self._check_interaction_export()
        return {
            "type": "ir.actions.act_url",
            "url": f"/interaction_log/export/{self.id}",
            "target": "download",
        }

    def _interaction_export_filename(self):
        slug = re.sub(r"[^\w-]+", "-", self.name or str(self.id)).strip("-") or str(self.id)
        return f"interactions-{slug}-{fields.Date.context_today(self)}.zip"

    def _interaction_export_chunks(self, batch_size=1000):
        """Yield the export of this contact's interactions, a .zip, piece by piece: a CSV of
        every entry the user may read (all its fields, in the user's language and time
        zone) and the entries' attachments. Read ``batch_size`` entries at a time, and the
        cache emptied after each batch: memory stays flat whatever the number of entries
        (make bench measures it)."""
        self._check_interaction_export()
        entries = self.env["interaction.log.entry"]
        names = [
            name
            for name, field in entries._fields.items()
            if field.exportable
            and field.type not in ("one2many", "many2many", "binary")
            and name != "currency_id"
        ]
        # The database id, not the external id export_data would create for every entry.
        paths = [[".id"] if name == "id" else [name] for name in names]
        booleans = {
            index for index, name in enumerate(names) if entries._fields[name].type == "boolean"
        }
        yes_no = {True: self.env._("Yes"), False: self.env._("No"), "": self.env._("No")}
        domain = Domain("partner_id", "=", self.id)
        stream = _ZipStream()
        with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            with (
                archive.open("interactions.csv", "w", force_zip64=True) as raw,
                io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text,
            ):
                writer = csv.writer(text)
                writer.writerow(
                    [entries._fields[name]._description_string(self.env) for name in names]
                )
                last_id = 0
                while batch := entries.search_fetch(
                    domain & Domain("id", ">", last_id), names, order="id", limit=batch_size
                ):
                    last_id = batch[-1].id
                    # Odoo's export formatting (labels, names, user's time zone) without
                    # export_data's "may export any list" right: this export is the
                    # Interaction Manager's, checked above.
                    for row in batch._export_rows(paths):
                        writer.writerow(
                            [
                                yes_no[value] if index in booleans else value
                                for index, value in enumerate(row)
                            ]
                        )
                    text.flush()
                    self.env.invalidate_all()
                    yield stream.drain()
            attachments = self.env["ir.attachment"].sudo()
            # Private entries' files too: this export is an Interaction Manager's, who
            # reads private entries (the CSV has their private columns filled in).
            private_contents = self.env["interaction.private.content"].sudo()
            entry_of_content = {
                content.id: content.entry_id.id
                for content in private_contents.search_fetch(
                    [("entry_id", "in", entries._search(domain))], ["entry_id"]
                )
            }
            attachment_ids = attachments._search(
                Domain("res_model", "=", entries._name)
                & Domain("res_id", "in", entries._search(domain))
                | Domain("res_model", "=", private_contents._name)
                & Domain("res_id", "in", list(entry_of_content)),
                order="id",
            )
            for ids in split_every(100, attachment_ids):
                for attachment in attachments.browse(ids):
                    entry_id = (
                        entry_of_content[attachment.res_id]
                        if attachment.res_model == private_contents._name
                        else attachment.res_id
                    )
                    archive.writestr(
                        f"attachments/{entry_id}/{attachment.id}-{attachment.name}",
                        attachment.raw or b"",
                    )
                    yield stream.drain()
                self.env.invalidate_all()
        yield stream.drain()

    @api.model
    def _interaction_anonymous_partner(self, company):
        """The company's *Anonymised contact*, made when first needed: archived and
        privacy-blocked, it holds the anonymised interactions."""
        partners = self.sudo().with_context(active_test=False)
        partner = partners.search(
            [("interaction_anonymous", "=", True), ("company_id", "=", company.id)], limit=1
        )
        return partner or partners.create(
            {
                "name": self.env._("Anonymised contact"),
                "company_id": company.id,
                "active": False,
                "interaction_anonymous": True,
                "interaction_privacy_blocked": True,
                "interaction_privacy_blocked_date": fields.Datetime.now(),
            }
        )

    def action_anonymise_interactions(self):
        """Anonymise instead of erasing: the entries keep their date, template, cost,
        duration, flow and status, so statistics and accounting stay true; what says who
        and what was said goes. Interaction Managers only; the button asks first."""
        self._check_interaction_manager(
            self.env._("Only Interaction Managers can anonymise a contact's interactions.")
        )
        entries = self.env["interaction.log.entry"]
        count = 0
        for partner in self:
            found = entries.search([("partner_id", "=", partner.id)])
            for company in found.company_id:
                found.filtered(
                    lambda entry, company=company: entry.company_id == company
                )._anonymise(self._interaction_anonymous_partner(company))
            count += len(found)
            partner._interaction_log_in_chatter(
                self.env._(
                    "%(count)s interactions anonymised by %(user)s.",
                    count=len(found),
                    user=self.env.user.name,
                )
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("%(count)s interactions anonymised.", count=count),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.depends_context("allowed_company_ids")
    def _compute_interaction_currency_id(self):
        # Costs are summed in the current company's currency, as the lists show them.
        self.interaction_currency_id = self.env.company.currency_id

    @api.depends_context(
        "uid", "allowed_company_ids", "interaction_date_from", "interaction_date_to"
    )
    def _compute_interaction_counted_entry_ids(self):
        # Computed as superuser (compute_sudo) for one reason: the ORM would check again, entry
        # by entry, the read access to what a search under the user's own rules just found
        # (0.67 s of the contact form's 0.87 s at 50,000 entries in make bench). The entries
        # are searched with the user's rights, so a sudo read shows what the user may read.
        entries = self.env["interaction.log.entry"].sudo(False)
        for partner in self:
            partner.interaction_counted_entry_ids = entries.browse(
                partner._origin.with_env(entries.env)._interaction_counted_entry_ids()
            )

    def web_read(self, specification):
        # The Interactions tab as the web client reads it: every id of the list (its pager
        # counts them), the fields of its first page only. Odoo's x2many read would first
        # pass every entry through the record cache, and sort them by a query on all their
        # ids if asked to (0.2-0.3 s, 0.8 s sorted, for 95,000 entries in make bench's
        # database on a busy machine; 0.07 s this way).
        name = "interaction_counted_entry_ids"
        tab = specification.get(name)
        if not tab or "fields" not in tab:
            return super().web_read(specification)
        self._check_field_access(self._fields[name], "read")
        # Odoo's web_read reads nothing of a partner asked for its id alone: the partner's own
        # access is checked here, as Odoo would on reading it.
        self.check_access("read")
        result = super().web_read({key: spec for key, spec in specification.items() if key != name})
        entries = self.env["interaction.log.entry"].with_context(**tab.get("context", {}))
        limit = tab.get("limit")
        for values in result:
            ids = self.browse(values["id"])._interaction_counted_entry_ids(tab.get("order"))
            page = entries.browse(ids if limit is None else ids[:limit])
            read = {vals["id"]: vals for vals in page.web_read(tab["fields"])}
            values[name] = [read.get(id_) or {"id": id_} for id_ in ids]
        return result

    def onchange(self, values, field_names, fields_spec):
        # An edit of a contact leaves its Interactions tab as it is (the entries are not the
        # form's to change, and the list's compute depends on no field of it): kept out of
        # the snapshots, which would read every column of every entry it lists, twice (77 s
        # for an e-mail changed on a company with 98,000 entries in make bench's database).
        name = "interaction_counted_entry_ids"
        if self and name in fields_spec:
            fields_spec = {key: spec for key, spec in fields_spec.items() if key != name}
        return super().onchange(values, field_names, fields_spec)

    def _interaction_counted_entry_ids(self, order=None):
        """Ids of the entries this partner's statistics count (``_interaction_entries_domain``
        within ``_statistics_domain``), in ``order`` or newest first as its Interactions tab
        lists them, under the user's record rules; [] for a new record."""
        if not self.id:
            return []
        entries = self.env["interaction.log.entry"]
        if not order:
            as_company, as_contact = (
                half.get_result_ids() for half in self._interaction_counted_halves()
            )
            if not (as_company and as_contact):
                return list(as_company or as_contact)
        # A column the user sorted by, or a partner that was its own company once and a
        # company's contact once (rare): the whole domain sorted by PostgreSQL, no slower
        # than it always was.
        return list(
            entries._search(
                entries._statistics_domain() & self._interaction_entries_domain(),
                order=order or entries._order,
            ).get_result_ids()
        )

    def _interaction_counted_halves(self):
        """The queries of ``_interaction_counted_entry_ids``: the domain's OR in two halves,
        each read in its order from an index of its own alone (the counted_* indexes of
        interaction.log.entry, the visibility map permitting). With the OR, PostgreSQL
        fetched every row from the table to sort them, one page per row at ten million
        (70-140 ms for 95,000 entries at a million in make bench, 12 ms this way). A company's
        entries are in the first half, a person's in the second; an entry of the partner
        that names it as its company, in the first only."""
        self.ensure_one()
        entries = self.env["interaction.log.entry"]
        counted = entries._statistics_domain()
        return (
            entries._search(
                counted & Domain("commercial_partner_id", "=", self.id), order=entries._order
            ),
            entries._search(
                counted
                & Domain("partner_id", "=", self.id)
                & Domain("commercial_partner_id", "!=", self.id),
                order=entries._order,
            ),
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_interactions(self):
        """A contact's history is kept: archive the contact, or erase its interactions first
        (Erase Interactions, for a data-subject request)."""
        # sudo to find them all; the message counts only what the user may see, so that
        # another company's dealings with a shared contact stay its own.
        entries = self.env["interaction.log.entry"]
        logged = entries.sudo()._read_group([("partner_id", "in", self.ids)], ["partner_id"])
        if logged:
            partner = logged[0][0]
            visible = (
                entries.search_count([("partner_id", "=", partner.id)])
                if entries.has_access("read")
                else 0
            )
            raise UserError(
                self.env._(
                    "%(contact)s has interactions (%(count)s in your companies) and cannot be "
                    "deleted: archive the contact instead, or have an Interaction Manager erase "
                    "its interactions first.",
                    contact=partner.display_name,
                    count=visible,
                )
            )
        # A company's history: the entries logged with its contacts while they belonged to it.
        history = entries.sudo()._read_group(
            [("commercial_partner_id", "in", self.ids)], ["commercial_partner_id"]
        )
        if history:
            company = history[0][0]
            visible = (
                entries.search_count([("commercial_partner_id", "=", company.id)])
                if entries.has_access("read")
                else 0
            )
            raise UserError(
                self.env._(
                    "%(company)s was the company of contacts when interactions were logged with "
                    "them (%(count)s in your companies) and cannot be deleted: archive it instead.",
                    company=company.display_name,
                    count=visible,
                )
            )

    def action_erase_interactions(self):
        """Erase every interaction of these contacts (a data-subject request), whatever their
        status, and say how many. Interaction Managers only; the button asks first."""
        if not self.env.user.has_group("interaction_log.group_interaction_manager"):
            raise UserError(
                self.env._("Only Interaction Managers can erase a contact's interactions.")
            )
        entries = self.env["interaction.log.entry"].search([("partner_id", "in", self.ids)])
        count = len(entries)
        counts = dict(entries._read_group([("id", "in", entries.ids)], ["partner_id"], ["__count"]))
        # Erasing is not cancelling: the history of these contacts goes, cancelled or not.
        entries.sudo()._delete_batch(
            [("id", "in", entries.ids)], batch_size=None, canceled_only=False
        )
        for partner in self:
            partner._interaction_log_in_chatter(
                self.env._(
                    "%(count)s interactions erased by %(user)s.",
                    count=counts.get(partner, 0),
                    user=self.env.user.name,
                )
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("%(count)s interactions erased.", count=count),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_log_interaction(self):
        return self.env["interaction.log.wizard"]._action_open({"default_partner_ids": self.ids})

    def action_view_interactions(self):
        self.ensure_one()
        return self.env["interaction.log.entry"]._action_open_entries(
            self._interaction_entries_domain(),
            {"default_partner_id": self.id},
        )
