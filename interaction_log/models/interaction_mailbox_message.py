import email
import email.policy
import hashlib
import logging
import re
from email.message import EmailMessage

import dateutil.parser
import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain
from odoo.tools.mail import (
    decode_message_header,
    email_normalize,
    email_split,
    html2plaintext,
)

_logger = logging.getLogger(__name__)

# Where the alias route leaves the e-mail for message_new, keyed by Message-Id: the gateway
# gives message_new only the parsed values, and any key added to them would reach
# message_post. The cursor's cache lives as long as the transaction that processes the mail.
EMAIL_CACHE_KEY = "interaction_mailbox_emails"
# The copy of the message Odoo's fetch keeps when the incoming server has "Keep Original".
ORIGINAL_NAME = "original_email.eml"
KEEP_DAYS = 30
PRIVATE_SENSITIVITIES = {"private", "personal", "company-confidential"}

# Forward formats: the line that opens the forwarded message in the text of the e-mail
# (Gmail, Thunderbird, Outlook desktop and Outlook on the web, English and French clients),
# then a block of "Label: value" lines.
FORWARD_MARKER = re.compile(
    r"^\s*(?:-{2,}\s*(?:forwarded message|original message|message transf[ée]r[ée]|"
    r"message d'origine)\s*-{2,}|_{10,})\s*$",
    re.IGNORECASE,
)
FORWARD_HEADER = re.compile(r"^\s*([^\W\d_][\w ]{0,15}?)\s*:\s*(.*)$")
FORWARD_LABELS = {
    "from": "from",
    "de": "from",
    "to": "to",
    "à": "to",
    "a": "to",
    "pour": "to",
    "cc": "cc",
    "date": "date",
    "sent": "date",
    "envoyé": "date",
    "subject": "subject",
    "objet": "subject",
    "sujet": "subject",
}


# French clients write dates in words: their names in English for the date parser.
FRENCH_DATE_WORDS = {
    "janvier": "January",
    "février": "February",
    "mars": "March",
    "avril": "April",
    "mai": "May",
    "juin": "June",
    "juillet": "July",
    "août": "August",
    "septembre": "September",
    "octobre": "October",
    "novembre": "November",
    "décembre": "December",
    "lundi": "",
    "mardi": "",
    "mercredi": "",
    "jeudi": "",
    "vendredi": "",
    "samedi": "",
    "dimanche": "",
    "à": "",
}


class InteractionMailboxMessage(models.Model):
    """One e-mail received by the logging address or fetched from a shared mailbox, and
    what logging it gave: the log of the logging, so that users see why a message did or did
    not become interactions. It is the target of the logging alias and of incoming mail
    servers that feed the log; it keeps no copy of the e-mail (that is on the entries)."""

    _name = "interaction.mailbox.message"
    _description = "Logged E-mail"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Subject", readonly=True)
    message_id = fields.Char(string="Message-Id", index=True, readonly=True)
    email_from = fields.Char(string="From", readonly=True)
    date = fields.Datetime(string="Sent", readonly=True)
    source = fields.Selection(
        [("alias", "Logging address"), ("mailbox", "Shared mailbox")],
        readonly=True,
        help="Logging address: the message was sent to the logging alias. Shared mailbox: an "
        "incoming mail server fetched it for the interaction log.",
    )
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Sent or Forwarded By",
        index="btree_not_null",
        readonly=True,
        help="The internal user who sent or forwarded the e-mail.",
    )
    forwarded = fields.Boolean(readonly=True, help="A user forwarded this message to the log.")
    state = fields.Selection(
        [("logged", "Logged"), ("skipped", "Skipped"), ("failed", "Failed")],
        string="Status",
        required=True,
        default="failed",
        readonly=True,
    )
    skip_reason = fields.Selection(
        [
            ("duplicate", "Already logged"),
            ("private", "Private"),
            ("auto_reply", "Auto-reply"),
            ("internal", "Internal parties only"),
            ("unknown_sender", "Sender neither a user nor a known contact"),
            ("no_contact", "No known contact"),
            ("no_template", "No e-mail template"),
            ("never_log", "Never-log rule (nothing of the message kept)"),
        ],
        readonly=True,
    )
    failure_reason = fields.Text(readonly=True)
    entry_ids = fields.Many2many(
        "interaction.log.entry",
        "interaction_mailbox_message_entry_rel",
        "mailbox_message_id",
        "entry_id",
        string="Interactions",
        readonly=True,
    )
    entry_count = fields.Integer(string="Interactions Logged", compute="_compute_entry_count")
    outcome = fields.Char(compute="_compute_outcome")

    @api.depends("entry_ids")
    def _compute_entry_count(self):
        for message in self:
            message.entry_count = len(message.entry_ids)

    @api.depends("state", "skip_reason", "failure_reason", "entry_ids")
    def _compute_outcome(self):
        reasons = dict(self._fields["skip_reason"]._description_selection(self.env))
        for message in self:
            if message.state == "logged" and len(message.entry_ids) == 1:
                message.outcome = self.env._("Logged 1 interaction")
            elif message.state == "logged":
                message.outcome = self.env._(
                    "Logged %(count)s interactions", count=len(message.entry_ids)
                )
            elif message.state == "skipped":
                message.outcome = self.env._(
                    "Skipped: %(reason)s", reason=reasons.get(message.skip_reason, "")
                )
            else:
                reason = (message.failure_reason or "").strip().splitlines()
                message.outcome = self.env._(
                    "Failed: %(reason)s", reason=reason[0] if reason else ""
                )

    def action_open_entries(self):
        self.ensure_one()
        return self.env["interaction.log.entry"]._action_open_entries(
            [("id", "in", self.entry_ids.ids)]
        )

    # Mail gateway --------------------------------------------------------------------
    # Odoo's gateway (message_process: the mailgate script, a mail server's pipe, the fetch
    # of incoming mail servers) routes a message to this model through the logging alias, or
    # through an incoming mail server whose "Create a New Record" is this model. It calls
    # _routing_check_route (alias routes), message_new, _creation_subtype and message_post.
    # This is not a mail.thread: no message_update (replies routed here fall back to
    # message_new, see mail.thread._routing_check_route), no chatter, no followers.

    @api.model
    def _routing_check_route(self, message, message_dict, route, raise_exception=True):
        emails = self.env.cr.cache.setdefault(EMAIL_CACHE_KEY, {})
        emails[message_dict["message_id"]] = message
        return self.env["mail.thread"]._routing_check_route(
            message, message_dict, route, raise_exception=raise_exception
        )

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """Record the message and log its interactions. The gateway calls this as sudo; over
        RPC it is refused: the log trusts only mail that came through the gateway."""
        if not self.env.su:
            raise AccessError(
                self.env._("Only the mail gateway logs e-mails: send them to the logging address.")
            )
        emails = self.env.cr.cache.get(EMAIL_CACHE_KEY, {})
        message = emails.pop(msg_dict.get("message_id"), None)
        # Without the alias route, the message came by the fallback model of an incoming
        # mail server (whose default_fetchmail_server_id the gateway's sudo() drops).
        source = "mailbox" if message is None else "alias"
        if message is None:
            message = self._original_email(msg_dict)
        company = self.env["res.company"]
        if isinstance(custom_values, dict) and isinstance(custom_values.get("company_id"), int):
            company = company.browse(custom_values["company_id"]).exists()
        # What the message says is stored as given, but PostgreSQL refuses NUL characters.
        record = self.sudo().create(
            {
                "name": (msg_dict.get("subject") or "").replace("\x00", ""),
                "message_id": (msg_dict.get("message_id") or "").replace("\x00", ""),
                "email_from": (msg_dict.get("email_from") or "").replace("\x00", ""),
                "date": msg_dict.get("date"),
                "company_id": (company or self.env.company).id,
                "source": source,
            }
        )
        record._log_mailbox_message(message, msg_dict)
        return record

    @api.model
    def _creation_subtype(self):
        return self.env["mail.message.subtype"]

    def message_post(self, **kwargs):
        """The gateway posts the message on the record message_new returned: this log keeps
        no copy of it (the body and attachments are in the entries' .eml)."""
        return self.env["mail.message"]

    @api.model
    def _original_email(self, msg_dict):
        """The message of an incoming mail server with "Keep Original", parsed by the same
        standard library parser message_process uses."""
        for attachment in msg_dict.get("attachments") or ():
            if attachment[0] == ORIGINAL_NAME:
                content = attachment[1]
                if isinstance(content, bytes):
                    return email.message_from_bytes(content, policy=email.policy.SMTP)
                return email.message_from_string(content, policy=email.policy.SMTP)
        return None

    # The logging service -------------------------------------------------------------

    def _log_mailbox_message(self, message, msg_dict):
        """Decide what ``message`` (an EmailMessage, with ``msg_dict`` as Odoo's
        message_parse gave it) logs, log it, and record the outcome on this record. Never
        raises: a message that cannot be logged is recorded as failed with the reason, and
        nothing of it is half-created."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                if message is None:
                    raise ValueError(
                        self.env._(
                            "The original message is missing: turn on Keep Original and Keep "
                            "Attachments on the incoming mail server."
                        )
                    )
                self.write(self._mailbox_outcome(message, msg_dict))
        except Exception as error:
            _logger.exception(
                "Interaction log: the e-mail %s was not logged", msg_dict.get("message_id")
            )
            self.write({"state": "failed", "failure_reason": str(error) or type(error).__name__})

    def _mailbox_outcome(self, message, msg_dict):
        company = self.company_id
        no_user = self.env["res.users"]
        parties = self._parties(message)
        users = self._internal_users([*parties["from"], *parties["to"], *parties["cc"]])
        sender = parties["from"][:1]
        sender_user = users.get(sender[0], no_user) if sender else no_user
        # Even a skipped message is shown to the user who sent it, so they see why.
        if self._header(message, "Sensitivity").lower() in PRIVATE_SENSITIVITIES:
            return {"state": "skipped", "skip_reason": "private", "user_id": sender_user.id}
        if self._is_auto_reply(message):
            return {"state": "skipped", "skip_reason": "auto_reply", "user_id": sender_user.id}
        original = None
        if sender_user:
            original = self._forwarded_original(message, parties, users, sender_user)
            if original:
                parties = original["parties"]
                users = self._internal_users([*parties["from"], *parties["to"], *parties["cc"]])
                sender = parties["from"][:1]
                sender_user = users.get(sender[0], no_user) if sender else no_user
        values = {
            "user_id": (original["forwarded_by"] if original else sender_user).id,
            "forwarded": bool(original),
        }

        recipients = list(dict.fromkeys([*parties["to"], *parties["cc"]]))
        externals = [
            address for address in dict.fromkeys([*sender, *recipients]) if address not in users
        ]
        if not externals:
            return {**values, "state": "skipped", "skip_reason": "internal"}
        # The users of the message and the one who forwarded it: their own lists apply.
        party_users = self.env["res.users"].union(*users.values()) | self.env["res.users"].browse(
            values["user_id"] or []
        )
        if set(externals) <= self._never_logged(externals, company, party_users):
            return self._never_log_outcome(values)
        contacts = self._known_contacts(externals, company)
        if not contacts:
            return {**values, "state": "skipped", "skip_reason": "no_contact"}
        if sender_user:
            flow, initiated_by = "outbound", "us"
        elif sender and sender[0] in contacts:
            flow, initiated_by = "inbound", "them"
        else:
            return {**values, "state": "skipped", "skip_reason": "unknown_sender"}
        template = company.interaction_template_email_id
        if not template:
            return {**values, "state": "skipped", "skip_reason": "no_template"}

        message_id = (original or {}).get("message_id") or self._stable_message_id(message)
        partners = self.env["res.partner"].union(*contacts.values())
        already = (
            self.env["interaction.log.entry"]
            .sudo()
            .search([("message_id", "=", message_id), ("partner_id", "in", partners.ids)])
            .partner_id
        )
        partners -= already
        if not partners:
            return {
                **values,
                "message_id": message_id,
                "state": "skipped",
                "skip_reason": "duplicate",
            }

        inbound_user = next((users[address] for address in recipients if address in users), None)
        date = (original or {}).get("date") or msg_dict.get("date") or fields.Datetime.now()
        subject = (original or {}).get("subject") or msg_dict.get("subject") or template.name
        entry_model = self.env["interaction.log.entry"]
        template_values = entry_model._template_entry_values(template)
        vals_list, never_logged = entry_model._never_log_split(
            [
                {
                    **template_values,
                    "partner_id": partner.id,
                    "template_id": template.id,
                    "company_id": company.id,
                    "name": subject,
                    "date": date,
                    "information_flow": flow,
                    "initiated_by": initiated_by,
                    "correspondence_type": "email",
                    "user_id": (
                        sender_user if flow == "outbound" else inbound_user or partner.user_id
                    ).id,
                    "message_id": message_id,
                }
                for partner in partners
            ]
        )
        if never_logged and not vals_list:
            return self._never_log_outcome(values)
        entries = entry_model._create_logged_entries(vals_list)
        self._attach_email(entries, message, msg_dict, company)
        return {
            **values,
            "message_id": message_id,
            "state": "logged",
            "entry_ids": [fields.Command.set(entries.ids)],
        }

    @api.model
    def _never_logged(self, addresses, company, users):
        """The ``addresses`` (normalised) that a never-log rule of ``company`` or the
        never-log list of one of ``users`` (the internal parties of the message) keeps out
        of the log. From caches: no query."""
        matcher = self.env["interaction.never.log.rule"]._never_log_matcher(company.id)
        personal = set().union(
            *(self.env["res.users"]._interaction_never_log_list(user.id) for user in users)
        )
        return {
            address
            for address in addresses
            if address in personal or (matcher and matcher.matches(address))
        }

    @api.model
    def _never_log_outcome(self, values):
        """Skipped for a never-log rule: nothing of the message is kept, not even its subject,
        sender or Message-Id, and no .eml; only that a message was skipped, and for whom."""
        return {
            **values,
            "name": False,
            "email_from": False,
            "message_id": False,
            "state": "skipped",
            "skip_reason": "never_log",
        }

    # Reading the message ---------------------------------------------------------------

    @api.model
    def _header(self, message, name):
        return (decode_message_header(message, name) or "").strip()

    @api.model
    def _is_auto_reply(self, message):
        auto_submitted = self._header(message, "Auto-Submitted").lower()
        return bool(
            (auto_submitted and auto_submitted != "no")
            or self._header(message, "X-Autoreply")
            or self._header(message, "X-Autorespond")
            or self._header(message, "Precedence").lower() == "auto_reply"
        )

    @api.model
    def _addresses(self, value):
        return list(
            dict.fromkeys(
                normalized
                for address in email_split(value or "")
                if (normalized := email_normalize(address))
            )
        )

    @api.model
    def _parties(self, message):
        """From, To and Cc of ``message``, normalised, without Odoo's aliases (the logging
        address itself among them)."""
        return self._without_aliases(
            {
                kind: self._addresses(decode_message_header(message, header, separator=","))
                for kind, header in (("from", "From"), ("to", "To"), ("cc", "Cc"))
            }
        )

    @api.model
    def _without_aliases(self, parties):
        """Addresses on the company's alias domains are Odoo's aliases (the logging address
        among them), catch-alls or team mailboxes, never contacts: they are left out. Checked
        on the domain part: mail.alias.domain._find_aliases took 4 ms a call (make bench)."""
        ours = {
            f"@{name}" for name in self.env["mail.alias.domain"].sudo().search([]).mapped("name")
        }
        return {
            kind: [address for address in addresses if address[address.rfind("@") :] not in ours]
            for kind, addresses in parties.items()
        }

    @api.model
    def _internal_users(self, addresses):
        """{normalised address: internal user}, in one query."""
        if not addresses:
            return {}
        users = (
            self.env["res.users"]
            .sudo()
            .search([("share", "=", False), ("email_normalized", "in", list(set(addresses)))])
        )
        found = {}
        for user in users.sorted("id"):
            found.setdefault(user.email_normalized, user)
        return found

    @api.model
    def _known_contacts(self, addresses, company):
        """{normalised address: contact} for the active contacts of ``company`` (or shared)
        with these addresses: when several share one, the company's own contact first, then
        the oldest."""
        partners = (
            self.env["res.partner"]
            .sudo()
            .search(
                [
                    ("email_normalized", "in", addresses),
                    ("company_id", "in", [company.id, False]),
                ]
            )
        )
        found = {}
        for partner in partners.sorted(lambda p: (p.company_id != company, p.id)):
            found.setdefault(partner.email_normalized, partner)
        return found

    @api.model
    def _stable_message_id(self, message):
        """The Message-Id, or for a message without one a hash of what identifies it, so that
        the same message received twice is recognised."""
        message_id = self._header(message, "Message-Id")
        if message_id:
            return message_id
        digest = hashlib.sha256()
        for name in ("From", "To", "Cc", "Date", "Subject"):
            digest.update(self._header(message, name).encode("utf-8", "replace") + b"\n")
        digest.update(self._text_body(message).encode("utf-8", "replace"))
        return f"<{digest.hexdigest()[:40]}@interaction-log.invalid>"

    @api.model
    def _text_body(self, message, msg_dict=None):
        """The text of the message: its text/plain parts, else its HTML body as text."""
        texts = []
        for part in message.walk():
            if part.get_content_type() != "text/plain" or part.get_filename():
                continue
            if part.get_content_disposition() == "attachment":
                continue
            try:
                texts.append(part.get_content())
            except (LookupError, UnicodeError, AssertionError):
                payload = part.get_payload(decode=True) or b""
                texts.append(payload.decode("utf-8", "replace"))
        if texts:
            return "\n".join(texts)
        return html2plaintext((msg_dict or {}).get("body") or "")

    # Forwarded messages ----------------------------------------------------------------

    def _forwarded_original(self, message, parties, users, sender_user):
        """The original message of a message an internal user forwarded to the log, or None.
        A forward counts only when it went to no outside address (to the logging address,
        or to colleagues): a user forwarding a message to a customer writes to the customer.
        The original is either attached (message/rfc822) or quoted in the text under one of
        the forward headers of Outlook, Gmail or Thunderbird."""
        if any(address not in users for address in [*parties["to"], *parties["cc"]]):
            return None
        original = self._attached_original(message) or self._quoted_original(message, sender_user)
        if original and original["parties"]["from"]:
            original["forwarded_by"] = sender_user
            return original
        return None

    def _attached_original(self, message):
        for part in message.walk():
            if part.get_content_type() != "message/rfc822":
                continue
            payload = part.get_payload()
            attached = payload[0] if isinstance(payload, list) and payload else None
            if not isinstance(attached, EmailMessage):
                continue
            date = None
            if raw_date := self._header(attached, "Date"):
                date = self._utc(raw_date, self.env.user)
            return {
                "parties": self._parties(attached),
                "subject": self._header(attached, "Subject"),
                "date": date,
                "message_id": self._stable_message_id(attached),
            }
        return None

    def _quoted_original(self, message, sender_user):
        lines = self._text_body(message).splitlines()
        start = next((i for i, line in enumerate(lines) if FORWARD_MARKER.match(line)), None)
        if start is None:
            return None
        headers = {}
        for line in lines[start + 1 :]:
            if not line.strip():
                if headers:
                    break
                continue
            match = FORWARD_HEADER.match(line.replace("\t", " "))
            label = match and FORWARD_LABELS.get(match.group(1).strip().lower())
            if not label:
                if headers:
                    break
                continue
            headers.setdefault(label, match.group(2).strip())
        if "from" not in headers:
            return None
        # Outlook writes "Name [mailto:address]" in text forwards.
        parties = {
            kind: self._addresses(
                re.sub(r"\[mailto:([^\]]+)\]", r"<\1>", headers.get(kind, "")).replace(";", ",")
            )
            for kind in ("from", "to", "cc")
        }
        digest = hashlib.sha256(
            "\n".join(headers.get(key, "") for key in ("from", "date", "subject")).encode()
        ).hexdigest()[:40]
        return {
            "parties": self._without_aliases(parties),
            "subject": headers.get("subject"),
            "date": self._utc(headers["date"], sender_user) if headers.get("date") else None,
            "message_id": f"<{digest}@forward.interaction-log.invalid>",
        }

    @api.model
    def _utc(self, text, user):
        """A date as forward headers write it, in UTC; a date without a time zone is taken
        in the forwarding user's time zone. None when it cannot be read."""
        words = [FRENCH_DATE_WORDS.get(word.lower(), word) for word in text.split()]
        try:
            parsed = dateutil.parser.parse(" ".join(words), fuzzy=True)
        except (ValueError, OverflowError):
            return None
        if parsed.tzinfo is None:
            parsed = pytz.timezone(user.tz or "UTC").localize(parsed)
        return fields.Datetime.to_string(parsed.astimezone(pytz.utc))

    # The .eml --------------------------------------------------------------------------

    def _attach_email(self, entries, message, msg_dict, company):
        """The original message as an .eml on each entry; above the company's size limit,
        only its headers and text."""
        raw = self._raw_bytes(message)
        limit = company.interaction_email_max_size * 1024 * 1024
        if limit and len(raw) > limit:
            raw = self._headers_and_text(message, msg_dict, len(raw))
        subject = re.sub(r"[^\w\- ]+", "", msg_dict.get("subject") or "")[:60].strip()
        name = f"{subject or 'e-mail'}.eml"
        self.env["ir.attachment"].sudo().create(
            [
                {
                    "name": name,
                    "raw": raw,
                    "mimetype": "message/rfc822",
                    "res_model": "interaction.log.entry",
                    "res_id": entry.id,
                    "company_id": company.id,
                }
                for entry in entries
            ]
        )

    @api.model
    def _raw_bytes(self, message):
        """The message as received: compat32 writes the headers back as they came, where the
        SMTP policy would refold them (and fails on encoded words in unknown charsets)."""
        try:
            return message.as_bytes(policy=email.policy.compat32)
        except (UnicodeError, LookupError, ValueError, TypeError):
            return message.as_string(policy=email.policy.compat32).encode("utf-8", "replace")

    def _headers_and_text(self, message, msg_dict, size):
        trimmed = EmailMessage(policy=email.policy.SMTP)
        for name in (
            "From",
            "To",
            "Cc",
            "Date",
            "Subject",
            "Message-Id",
            "In-Reply-To",
            "References",
        ):
            if value := self._header(message, name):
                trimmed[name] = value.replace("\n", " ").replace("\r", " ")
        trimmed["X-Interaction-Log-Trimmed"] = (
            f"{size} bytes, over the limit: headers and text kept, attachments left out"
        )
        trimmed.set_content(self._text_body(message, msg_dict) or "")
        return trimmed.as_bytes()

    # Purge -----------------------------------------------------------------------------

    @api.model
    def _purge_old_messages(self):
        """Called by the scheduled purge of interactions: the log of the logging is kept
        30 days (the entries and their .eml stay)."""
        limit = fields.Datetime.subtract(fields.Datetime.now(), days=KEEP_DAYS)
        self.sudo().search(Domain("create_date", "<", limit)).unlink()
