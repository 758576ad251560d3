from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.interaction_log_entry import (
    EVALUATIONS,
    check_no_nul_characters,
    contact_address,
)


class InteractionLogWizard(models.TransientModel):
    """Log Interaction: one entry per selected contact, or the postponed entry being resumed.

    A date later than today is refused: an interaction log records what happened; what is
    still to come belongs in an activity, and *Save for Later* keeps a draft."""

    _name = "interaction.log.wizard"
    _inherit = ["interaction.values.mixin"]
    _description = "Log Interaction"

    # The wizard has no company of its own: the entries it creates check their template.
    template_id = fields.Many2one(check_company=False)
    entry_id = fields.Many2one(
        "interaction.log.entry", string="Postponed Interaction", readonly=True
    )
    partner_ids = fields.Many2many(
        "res.partner",
        string="Contacts",
        compute="_compute_partner_ids",
        store=True,
        readonly=False,
        precompute=True,
    )
    name = fields.Char(
        string="Description",
        compute="_compute_interaction_values",
        precompute=True,
        store=True,
        readonly=False,
    )
    date = fields.Datetime(default=fields.Datetime.now, required=True)
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        compute="_compute_user_id",
        precompute=True,
        store=True,
        readonly=False,
    )
    currency_id = fields.Many2one(related="template_id.currency_id")
    successful = fields.Boolean(default=True, help="Untick when the contact could not be reached.")
    evaluation = fields.Selection(EVALUATIONS)
    note = fields.Text()
    private = fields.Boolean(
        help="Only the salesperson and Interaction Managers will read the description, note, "
        "address used and attachments; others see that the interaction took place."
    )
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")
    contact_via = fields.Char(
        compute="_compute_contact_via",
        help="The phone number or e-mail address to use, recorded with the interaction.",
    )
    never_log_warning = fields.Char(compute="_compute_never_log_warning")

    @api.model_create_multi
    def create(self, vals_list):
        check_no_nul_characters(self.env, vals_list)
        return super().create(vals_list)

    def write(self, vals):
        check_no_nul_characters(self.env, [vals])
        return super().write(vals)

    @api.model
    def _action_open(self, context=None):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "interaction_log.interaction_log_wizard_action"
        )
        action["context"] = context or {}
        return action

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        entry = self.env["interaction.log.entry"].browse(values.get("entry_id"))
        if entry:
            values.update(
                {
                    "template_id": entry.template_id.id,
                    "partner_ids": [(6, 0, entry.partner_id.ids)],
                    "user_id": entry.user_id.id,
                    "successful": not entry.attempt_failed,
                    "evaluation": entry.evaluation,
                    "note": entry.private_note if entry.private else entry.note,
                    "private": entry.private,
                }
            )
        return values

    @api.depends("entry_id")
    def _compute_partner_ids(self):
        context = self.env.context
        for wizard in self:
            if wizard.entry_id:
                wizard.partner_ids = wizard.entry_id.partner_id
            elif context.get("active_model") == "res.partner" and context.get("active_ids"):
                wizard.partner_ids = self.env["res.partner"].browse(context["active_ids"])

    def _interaction_source_values(self):
        entry = self.entry_id
        if entry and entry.template_id == self.template_id:
            # Resuming: the values saved with the postponed entry, not the template's.
            return {
                "name": entry.private_description if entry.private else entry.name,
                **{
                    name: entry[name]
                    for name in (
                        "correspondence_type",
                        "information_flow",
                        "initiated_by",
                        "cost",
                        "duration",
                        "campaign_id",
                        "campaign_target",
                        "campaign_response",
                    )
                },
            }
        return super()._interaction_source_values()

    @api.depends("partner_ids", "correspondence_type")
    def _compute_contact_via(self):
        for wizard in self:
            partner = wizard.partner_ids
            wizard.contact_via = (
                contact_address(partner, wizard.correspondence_type) if len(partner) == 1 else False
            )

    @api.depends("partner_ids")
    def _compute_never_log_warning(self):
        """Logging by hand is the user's own decision (a call with the bank about a dispute
        may belong in the log): a never-log rule or the user's own list warns, it does not
        refuse. Only the current user's own list: the salesperson's is theirs to read."""
        matcher = self.env["interaction.never.log.rule"]._never_log_matcher(self.env.company.id)
        personal = self.env["res.users"]._interaction_never_log_list(self.env.uid)

        def never_logged(partner):
            address = partner.email_normalized
            return bool(address) and (
                address in personal or bool(matcher and matcher.matches(address))
            )

        for wizard in self:
            matching = wizard.partner_ids.filtered(never_logged) if matcher or personal else None
            wizard.never_log_warning = (
                self.env._(
                    "Never logged automatically: %(contacts)s. Log this only if it belongs in "
                    "the log.",
                    contacts=", ".join(matching.mapped("display_name")),
                )
                if matching
                else False
            )

    @api.depends("partner_ids")
    def _compute_user_id(self):
        for wizard in self:
            if wizard.user_id:
                continue
            salespeople = wizard.partner_ids.user_id
            wizard.user_id = salespeople if len(salespeople) == 1 else self.env.user

    def _check_values(self, postponed=False):
        self.ensure_one()
        if not self.partner_ids:
            raise UserError(self.env._("Choose at least one contact to log the interaction with."))
        if not self.template_id:
            raise UserError(self.env._("Choose an interaction template."))
        self.env["interaction.log.entry"]._check_not_privacy_blocked(self.partner_ids.ids)
        if not (self.name or "").strip():
            raise UserError(self.env._("Describe the interaction: the description is required."))
        # A postponed interaction is one still to come: its date may be in the future.
        if not postponed:
            self.env["interaction.log.entry"]._check_logged_date(self.date)

    def _entry_values(self, partner, postponed):
        return {
            "partner_id": partner.id,
            "template_id": self.template_id.id,
            "name": self.name.strip(),
            "date": self.date,
            "user_id": self.user_id.id,
            "correspondence_type": self.correspondence_type,
            "information_flow": self.information_flow,
            "initiated_by": self.initiated_by,
            "cost": self.cost,
            "duration": self.duration,
            "campaign_id": self.campaign_id.id,
            "campaign_target": self.campaign_target,
            "campaign_response": self.campaign_response,
            "attempt_failed": not self.successful,
            "evaluation": self.evaluation,
            "note": self.note,
            "private": self.private,
            "postponed": postponed,
        }

    def _save(self, postponed):
        self._check_values(postponed)
        if self.entry_id:
            if not self.entry_id.postponed:
                raise UserError(self.env._("This interaction was logged already."))
            if len(self.partner_ids) > 1:
                raise UserError(
                    self.env._("A resumed interaction is logged with one contact only.")
                )
            self.entry_id.write(self._entry_values(self.partner_ids, postponed))
            entries = self.entry_id
        else:
            entries = self.env["interaction.log.entry"].create(
                [self._entry_values(partner, postponed) for partner in self.partner_ids]
            )
        self._attach_files(entries)
        # The files came after the entries: those of private entries join their content.
        entries.filtered("private")._seal_private_content(())
        return entries

    def _attach_files(self, entries):
        """The uploaded files go to the first entry; every other entry gets its own copy, so
        deleting one entry never takes another's attachment with it."""
        if not self.attachment_ids:
            return
        first, others = entries[:1], entries[1:]
        for entry in others:
            for attachment in self.attachment_ids:
                attachment.copy({"res_model": entry._name, "res_id": entry.id})
        self.attachment_ids.write({"res_model": first._name, "res_id": first.id})

    def action_log(self):
        self._save(postponed=False)
        return {"type": "ir.actions.act_window_close"}

    def action_log_and_new(self):
        self._save(postponed=False)
        return self._action_open(
            {"default_partner_ids": self.partner_ids.ids if not self.entry_id else []}
        )

    def action_save_for_later(self):
        self._save(postponed=True)
        return {"type": "ir.actions.act_window_close"}
