from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain


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
        # Erasing is not cancelling: the history of these contacts goes, cancelled or not.
        entries.sudo()._delete_batch(
            [("id", "in", entries.ids)], batch_size=None, canceled_only=False
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
