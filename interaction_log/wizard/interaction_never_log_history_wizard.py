from odoo import api, fields, models


class InteractionNeverLogHistoryWizard(models.TransientModel):
    """Apply to History: a never-log rule added later changes nothing by itself; this
    anonymises or deletes the entries of the rule's company that it would have kept out."""

    _name = "interaction.never.log.history.wizard"
    _description = "Apply a Never-Log Rule to History"

    rule_id = fields.Many2one(
        "interaction.never.log.rule", string="Rule", required=True, readonly=True
    )
    history_action = fields.Selection(
        [("anonymise", "Anonymise"), ("delete", "Delete")],
        string="What to Do",
        required=True,
        default="anonymise",
        help="Anonymise: the interactions move to the company's anonymised contact without "
        "description, note, address used or attachments; date, template, cost, duration, "
        "direction and status stay, so statistics do not change. Delete: they are gone.",
    )
    match_count = fields.Integer(string="Matching Interactions", compute="_compute_match_count")

    @api.depends("rule_id")
    def _compute_match_count(self):
        entries = self.env["interaction.log.entry"]
        for wizard in self:
            wizard.match_count = (
                entries.search_count(wizard.rule_id._history_domain()) if wizard.rule_id else 0
            )

    def action_apply(self):
        """Record rules apply to the search: a manager touches only the entries of the
        companies they work in (the rule's, which they could open)."""
        self.ensure_one()
        rule = self.rule_id
        entries = self.env["interaction.log.entry"]
        domain = rule._history_domain()
        if self.history_action == "anonymise":
            found = entries.search(domain)
            found._anonymise(
                self.env["res.partner"]._interaction_anonymous_partner(rule.company_id)
            )
            count = len(found)
            body = self.env._("Applied to history: %(count)s interactions anonymised.", count=count)
        else:
            count = 0
            while deleted := entries._delete_batch(domain, 10000, canceled_only=False):
                count += deleted
            body = self.env._("Applied to history: %(count)s interactions deleted.", count=count)
        rule.message_post(body=body)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if count else "info",
                "message": body,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
