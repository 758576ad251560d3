from odoo import api, fields, models


class InteractionStatisticsMixin(models.AbstractModel):
    """Count, cost and duration of the interactions logged with a template or a group, with
    the counting rules of the log (cancelled and postponed entries do not count) and an
    optional date filter (context keys ``interaction_date_from`` / ``interaction_date_to``)."""

    _name = "interaction.statistics.mixin"
    _description = "Interaction Statistics"
    # The many2one of interaction.log.entry that points to the inheriting model.
    _interaction_entry_field = None

    interaction_count = fields.Integer(string="Interactions", compute="_compute_statistics")
    interaction_cost = fields.Float(string="Cost", compute="_compute_statistics")
    interaction_duration = fields.Integer(string="Duration (min)", compute="_compute_statistics")

    @api.depends_context("interaction_date_from", "interaction_date_to")
    def _compute_statistics(self):
        statistics = self.env["interaction.log.entry"]._statistics_by(
            self._interaction_entry_field, self._origin
        )
        for record in self:
            count, cost, duration = statistics.get(record._origin.id, (0, 0.0, 0))
            record.interaction_count = count
            record.interaction_cost = cost
            record.interaction_duration = duration

    def action_view_interactions(self):
        self.ensure_one()
        field_name = self._interaction_entry_field
        return self.env["interaction.log.entry"]._action_open_entries(
            [(field_name, "=", self.id)], {f"search_default_{field_name}": self.id}
        )
