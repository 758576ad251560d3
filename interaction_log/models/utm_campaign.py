from odoo import api, fields, models
from odoo.fields import Domain


class UtmCampaign(models.Model):
    _inherit = "utm.campaign"

    interaction_count = fields.Integer(
        string="Interactions",
        compute="_compute_interaction_statistics",
        groups="interaction_log.group_interaction_user",
    )
    interaction_target_count = fields.Integer(
        string="Targets",
        compute="_compute_interaction_statistics",
        groups="interaction_log.group_interaction_user",
        help="Interactions with contacts targeted by the campaign.",
    )
    interaction_response_count = fields.Integer(
        string="Responses",
        compute="_compute_interaction_statistics",
        groups="interaction_log.group_interaction_user",
        help="Interactions that are responses to the campaign.",
    )
    interaction_response_rate = fields.Float(
        string="Response Rate (%)",
        compute="_compute_interaction_statistics",
        groups="interaction_log.group_interaction_user",
        help="Responses divided by targets.",
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

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_interaction_statistics(self):
        # One grouped query for all the campaigns: a row per campaign, target and response.
        entries = self.env["interaction.log.entry"]
        groups = entries._read_group(
            entries._statistics_domain() & Domain("campaign_id", "in", self._origin.ids),
            ["campaign_id", "campaign_target", "campaign_response"],
            ["__count", "cost:sum", "duration:sum"],
        )
        totals = {}
        for campaign, target, response, count, cost, duration in groups:
            total = totals.setdefault(campaign.id, [0, 0, 0, 0.0, 0])
            total[0] += count
            total[1] += count if target else 0
            total[2] += count if response else 0
            total[3] += cost
            total[4] += duration
        for campaign in self:
            count, targets, responses, cost, duration = totals.get(
                campaign._origin.id, (0, 0, 0, 0.0, 0)
            )
            campaign.interaction_count = count
            campaign.interaction_target_count = targets
            campaign.interaction_response_count = responses
            campaign.interaction_response_rate = 100.0 * responses / targets if targets else 0.0
            campaign.interaction_cost = cost
            campaign.interaction_duration = duration

    def action_view_interactions(self):
        self.ensure_one()
        return self.env["interaction.log.entry"]._action_open_entries(
            [("campaign_id", "=", self.id)]
        )
