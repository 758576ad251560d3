from odoo import api, fields, models
from odoo.fields import Domain


class InteractionDeleteCanceledWizard(models.TransientModel):
    """Delete cancelled interactions that match filters: what Business Central calls *Delete
    Canceled Interaction Log Entries*. Only cancelled entries are ever touched."""

    _name = "interaction.delete.canceled.wizard"
    _description = "Delete Cancelled Interactions"

    entry_ids = fields.Many2many(
        "interaction.log.entry",
        string="Selected Interactions",
        default=lambda self: self._default_entry_ids(),
        help="Opened on a selection of interactions: only those (when cancelled).",
    )
    date_to = fields.Datetime(
        string="Up To", help="Only interactions dated on or before this moment; empty: any date."
    )
    partner_ids = fields.Many2many("res.partner", string="Contacts")
    template_ids = fields.Many2many("interaction.template", string="Templates")
    group_ids = fields.Many2many("interaction.group", string="Groups")
    user_ids = fields.Many2many("res.users", string="Salespeople")
    match_count = fields.Integer(
        string="Matching Cancelled Interactions", compute="_compute_match_count"
    )

    @api.model
    def _default_entry_ids(self):
        context = self.env.context
        if context.get("active_model") == "interaction.log.entry" and context.get("active_ids"):
            return [(6, 0, context["active_ids"])]
        return []

    def _get_domain(self):
        self.ensure_one()
        domain = Domain("canceled", "=", True)
        if self.entry_ids:
            domain &= Domain("id", "in", self.entry_ids.ids)
        if self.date_to:
            domain &= Domain("date", "<=", self.date_to)
        if self.partner_ids:
            domain &= Domain("partner_id", "child_of", self.partner_ids.ids)
        for field_name, records in (
            ("template_id", self.template_ids),
            ("group_id", self.group_ids),
            ("user_id", self.user_ids),
        ):
            if records:
                domain &= Domain(field_name, "in", records.ids)
        return domain

    @api.depends("date_to", "partner_ids", "template_ids", "group_ids", "user_ids")
    def _compute_match_count(self):
        entries = self.env["interaction.log.entry"]
        for wizard in self:
            wizard.match_count = entries.search_count(wizard._get_domain())

    def action_delete(self):
        self.ensure_one()
        entries = self.env["interaction.log.entry"].search(self._get_domain())
        count = len(entries)
        entries.unlink()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if count else "info",
                "message": self.env._("%(count)s cancelled interactions deleted.", count=count),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
