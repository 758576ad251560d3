import re

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize

ADDRESS_SEPARATORS = re.compile(r"[\s,;]+")


class ResUsers(models.Model):
    _inherit = "res.users"

    # Administrators only, as a field: another user reads or writes no one's list over RPC.
    # The user themself reads and writes their own through SELF_READABLE_FIELDS and
    # SELF_WRITEABLE_FIELDS (Odoo then reads and writes it as superuser, for them only).
    interaction_never_log_addresses = fields.Text(
        string="My Never-Log List",
        groups="base.group_system",
        help="Addresses of people you write to privately, one a line: no e-mail or meeting "
        "you send to or receive from them is logged as an interaction.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return [*super().SELF_READABLE_FIELDS, "interaction_never_log_addresses"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return [*super().SELF_WRITEABLE_FIELDS, "interaction_never_log_addresses"]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("interaction_never_log_addresses"):
                vals["interaction_never_log_addresses"] = self._normalise_never_log_addresses(
                    vals["interaction_never_log_addresses"]
                )
        return super().create(vals_list)

    def write(self, vals):
        if "interaction_never_log_addresses" in vals:
            vals = {
                **vals,
                "interaction_never_log_addresses": self._normalise_never_log_addresses(
                    vals["interaction_never_log_addresses"]
                ),
            }
        result = super().write(vals)
        if "interaction_never_log_addresses" in vals:
            self.env.registry.clear_cache()
        return result

    @api.model
    def _normalise_never_log_addresses(self, text):
        """One normalised address a line, sorted and without duplicates; an invalid one is
        refused with a message naming it."""
        addresses = set()
        for word in ADDRESS_SEPARATORS.split(text or ""):
            if not word:
                continue
            address = email_normalize(word)
            if address and address.startswith("@"):
                # email_normalize() keeps "@club.example", which no address ever equals.
                raise ValidationError(
                    self.env._(
                        "%(value)s in your never-log list is a domain: your list holds "
                        "addresses, one a line; ask an Interaction Manager for a company rule "
                        "on a whole domain.",
                        value=word,
                    )
                )
            if not address:
                raise ValidationError(
                    self.env._(
                        "%(value)s in your never-log list is not an e-mail address: write one "
                        "address a line, such as friend@example.com.",
                        value=word,
                    )
                )
            addresses.add(address)
        return "\n".join(sorted(addresses)) or False

    @api.model
    @tools.ormcache("user_id")
    def _interaction_never_log_list(self, user_id):
        """The never-log list of ``user_id``, a frozenset of normalised addresses (empty when
        none). Cached, as the company rules are: writing a list clears the cache."""
        text = self.sudo().browse(user_id).interaction_never_log_addresses
        return frozenset((text or "").split())
