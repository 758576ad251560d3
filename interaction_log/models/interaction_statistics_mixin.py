from odoo import api, fields, models


class InteractionStatisticsMixin(models.AbstractModel):
    """Count, cost and duration of the interactions logged with a template or a group, with
    the counting rules of the log (cancelled and postponed entries do not count) and an
    optional date filter (context keys ``interaction_date_from`` / ``interaction_date_to``)."""

    _name = "interaction.statistics.mixin"
    _description = "Interaction Statistics"
    # The many2one of interaction.log.entry that points to the inheriting model.
    _interaction_entry_field = None

    # Date filter of the statistics on the form; not stored: each user sets it when looking.
    statistics_date_from = fields.Date(string="Statistics From", store=False)
    statistics_date_to = fields.Date(string="Statistics To", store=False)
    interaction_count = fields.Integer(string="Interactions", compute="_compute_statistics")
    interaction_cost = fields.Float(string="Cost", compute="_compute_statistics")
    interaction_duration = fields.Integer(string="Duration (min)", compute="_compute_statistics")

    @api.depends("statistics_date_from", "statistics_date_to")
    # What a user may count depends on who asks (record rules, allowed companies).
    @api.depends_context(
        "uid", "allowed_company_ids", "interaction_date_from", "interaction_date_to"
    )
    def _compute_statistics(self):
        # One grouped query per date range asked (usually one for all the records).
        by_range = {}
        for record in self:
            by_range.setdefault(
                (record.statistics_date_from, record.statistics_date_to), []
            ).append(record)
        for (date_from, date_to), records in by_range.items():
            context = {}
            if date_from:
                context["interaction_date_from"] = fields.Datetime.to_string(date_from)
            if date_to:
                context["interaction_date_to"] = f"{fields.Date.to_string(date_to)} 23:59:59"
            entries = self.env["interaction.log.entry"].with_context(**context)
            origins = self.browse([record._origin.id for record in records if record._origin])
            statistics = entries._statistics_by(self._interaction_entry_field, origins)
            for record in records:
                count, cost, duration = statistics.get(record._origin.id, (0, 0.0, 0))
                record.interaction_count = count
                record.interaction_cost = cost
                record.interaction_duration = duration

    def action_view_interactions(self):
        self.ensure_one()
        field_name = self._interaction_entry_field
        domain = [(field_name, "=", self.id)]
        if self.statistics_date_from:
            domain.append(("date", ">=", fields.Datetime.to_string(self.statistics_date_from)))
        if self.statistics_date_to:
            domain.append(
                ("date", "<=", f"{fields.Date.to_string(self.statistics_date_to)} 23:59:59")
            )
        return self.env["interaction.log.entry"]._action_open_entries(domain)
