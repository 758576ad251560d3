import fnmatch
import re
from typing import NamedTuple

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import email_normalize

# What a pattern may hold: the characters of an e-mail address, and the shell wildcards
# * (any run of characters) and ? (one character). No [...] classes, no regular
# expressions: a manager reads a pattern at a glance, and it cannot be made slow.
PATTERN_CHARACTERS = re.compile(r"^[a-z0-9.@_+*?'-]+$")
DOMAIN_CHARACTERS = re.compile(r"^@[a-z0-9-]+(\.[a-z0-9-]+)+$")


class NeverLogMatcher(NamedTuple):
    """The never-log rules of one company, ready to match an address without a query."""

    addresses: frozenset
    domains: frozenset
    pattern: re.Pattern | None

    def matches(self, address):
        """Whether ``address`` (normalised: lowercase, stripped) is never logged."""
        if address in self.addresses:
            return True
        if address[address.rfind("@") :] in self.domains:
            return True
        return bool(self.pattern and self.pattern.match(address))


def normalise_rule_value(kind, value):
    """The stored form of a rule's value: lowercase and stripped, a domain with its @."""
    value = (value or "").strip().lower()
    if kind == "email":
        return email_normalize(value) or value
    if kind == "domain" and value and not value.startswith("@"):
        return f"@{value}"
    return value


class InteractionNeverLogRule(models.Model):
    """An address, a domain or a pattern whose e-mails and meetings are never logged
    automatically, in one company. Checked by the one path of automatic logging
    (interaction.log.entry._create_logged_entries): a matching party gets no entry, the
    other parties of the same e-mail or meeting still do."""

    _name = "interaction.never.log.rule"
    _description = "Never-Log Rule"
    _inherit = ["mail.thread"]
    _order = "company_id, kind, value"
    _rec_name = "value"

    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    kind = fields.Selection(
        [("email", "E-mail Address"), ("domain", "Domain"), ("pattern", "Pattern")],
        required=True,
        default="email",
        tracking=True,
        help="E-mail Address: that address only. Domain: every address of that domain "
        "(@bank.example; not its subdomains). Pattern: addresses matching a pattern where * "
        "stands for any characters and ? for one character (*@*.bank.example, noreply*@*).",
    )
    value = fields.Char(required=True, tracking=True)
    note = fields.Text(string="Why", tracking=True)
    active = fields.Boolean(default=True, tracking=True)

    _company_kind_value_uniq = models.Constraint(
        "UNIQUE(company_id, kind, value)", "This never-log rule already exists in this company."
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "value" in vals:
                vals["value"] = normalise_rule_value(
                    vals.get("kind") or self.default_get(["kind"]).get("kind"), vals["value"]
                )
        rules = super().create(vals_list)
        self.env.registry.clear_cache()
        return rules

    def write(self, vals):
        if "value" in vals or "kind" in vals:
            for rule in self:
                super(InteractionNeverLogRule, rule).write(
                    {
                        **vals,
                        "value": normalise_rule_value(
                            vals.get("kind", rule.kind), vals.get("value", rule.value)
                        ),
                    }
                )
            result = True
        else:
            result = super().write(vals)
        if {"value", "kind", "company_id", "active"}.intersection(vals):
            self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

    @api.onchange("value")
    def _onchange_value_kind(self):
        # The form opens on E-mail Address: "@bank.example" typed there means the domain.
        value = (self.value or "").strip()
        if self.kind == "email" and value.startswith("@") and "@" not in value[1:]:
            self.kind = "domain"

    @api.constrains("kind", "value")
    def _check_value(self):
        for rule in self:
            value = rule.value or ""
            if rule.kind == "email" and value.startswith("@"):
                # email_normalize() keeps "@bank.example": a rule that would match nothing.
                raise ValidationError(
                    self.env._(
                        "%(value)s is a domain, not an e-mail address: choose the kind Domain "
                        "to leave out every address of it.",
                        value=value,
                    )
                )
            if rule.kind == "email" and email_normalize(value) != value:
                raise ValidationError(
                    self.env._(
                        "%(value)s is not an e-mail address: write one address, such as "
                        "name@bank.example.",
                        value=value,
                    )
                )
            if rule.kind == "domain" and not DOMAIN_CHARACTERS.match(value):
                raise ValidationError(
                    self.env._(
                        "%(value)s is not a domain: write the part after the @ of the "
                        "addresses, such as @bank.example.",
                        value=value,
                    )
                )
            if rule.kind == "pattern" and not (
                PATTERN_CHARACTERS.match(value)
                and value.count("@") == 1
                and re.search(r"[^*?@]", value.split("@")[1])
            ):
                raise ValidationError(
                    self.env._(
                        "%(value)s is not a valid pattern: write an address with one @ where * "
                        "stands for any characters and ? for one character, and give at least "
                        "part of the domain (such as *@*.bank.example or noreply*@*.example). "
                        "Letters, digits and . _ + - ' are allowed besides * and ?.",
                        value=value,
                    )
                )

    @api.model
    @tools.ormcache("company_id")
    def _never_log_matcher(self, company_id):
        """The active rules of ``company_id``, or None when it has none. Cached: automatic
        logging asks for every e-mail of the database, so the steady state costs no query;
        any change of a rule clears the cache."""
        rules = (
            self.sudo()
            .with_context(active_test=True)
            .search_fetch([("company_id", "=", company_id)], ["kind", "value"])
        )
        if not rules:
            return None
        by_kind = {kind: set() for kind in ("email", "domain", "pattern")}
        for rule in rules:
            by_kind[rule.kind].add(rule.value)
        patterns = sorted(by_kind["pattern"])
        return NeverLogMatcher(
            addresses=frozenset(by_kind["email"]),
            domains=frozenset(by_kind["domain"]),
            pattern=(
                re.compile("|".join(fnmatch.translate(pattern) for pattern in patterns))
                if patterns
                else None
            ),
        )

    @api.model
    @tools.ormcache()
    def _never_log_company_ids(self):
        """The companies that have active rules, cached as the matchers are (any change of a
        rule clears both): the e-mail INSERT asks which companies an entry may be kept out
        of before it knows each contact's company."""
        return frozenset(
            company.id
            for [company] in self.sudo()
            .with_context(active_test=True)
            ._read_group([], ["company_id"])
        )

    def _history_domain(self):
        """The entries of this rule's company that it would have kept out of the log: their
        address used, or their contact's e-mail address, matches. The anonymised contact
        has no address, so anonymised entries never match again."""
        self.ensure_one()
        # ILIKE's own wildcards written literally, then the pattern's wildcards as ILIKE's.
        like = self.value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        if self.kind == "domain":
            like = f"%{like}"
        elif self.kind == "pattern":
            like = like.replace("*", "%").replace("?", "_")
        return Domain("company_id", "=", self.company_id.id) & (
            Domain("contact_via", "=ilike", like)
            | Domain("partner_id.email_normalized", "=ilike", like)
        )

    def action_apply_to_history(self):
        self.ensure_one()
        # Interaction Managers only, as the wizard's own access: users may read rules.
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Apply to History"),
            "res_model": "interaction.never.log.history.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_rule_id": self.id},
        }
