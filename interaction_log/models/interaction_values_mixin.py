from odoo import api, fields, models

INFORMATION_FLOWS = [("outbound", "Outbound"), ("inbound", "Inbound")]
INITIATORS = [("us", "Us"), ("them", "Them")]
CORRESPONDENCE_TYPES = [("paper", "Paper"), ("email", "E-mail")]


class InteractionValuesMixin(models.AbstractModel):
    """What an interaction carries: its template and the values it copies from it (cost,
    duration, information flow, initiated by, correspondence type, campaign and
    description). Entries, the Log Interaction wizard, segments and segment lines share this
    shape and its copy from the template, as documents share ``utm.mixin``; each says where
    its description goes (``_interaction_name_field``) and may take its values from elsewhere
    than the template (``_interaction_source_values``). The copy depends on the template only: once
    made, the values are the record's own, history for entries."""

    _name = "interaction.values.mixin"
    _description = "Interaction Values"
    _interaction_name_field = "name"

    template_id = fields.Many2one("interaction.template", string="Template", check_company=True)
    # Each model says where its currency comes from (a related field).
    currency_id = fields.Many2one("res.currency")
    correspondence_type = fields.Selection(
        CORRESPONDENCE_TYPES,
        compute="_compute_interaction_values",
        precompute=True,
        store=True,
        readonly=False,
    )
    information_flow = fields.Selection(
        INFORMATION_FLOWS,
        compute="_compute_interaction_values",
        precompute=True,
        store=True,
        readonly=False,
    )
    initiated_by = fields.Selection(
        INITIATORS,
        compute="_compute_interaction_values",
        precompute=True,
        store=True,
        readonly=False,
    )
    cost = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_interaction_values",
        precompute=True,
        store=True,
        readonly=False,
    )
    duration = fields.Integer(
        string="Duration (min)",
        compute="_compute_interaction_values",
        precompute=True,
        store=True,
        readonly=False,
    )
    campaign_id = fields.Many2one(
        "utm.campaign",
        string="Campaign",
        index="btree_not_null",
        ondelete="set null",
        compute="_compute_interaction_values",
        precompute=True,
        store=True,
        readonly=False,
    )
    campaign_target = fields.Boolean(
        help="The contact is a target of the campaign: counts in its response rate.",
        compute="_compute_interaction_values",
        precompute=True,
        store=True,
        readonly=False,
    )
    campaign_response = fields.Boolean(
        help="The interaction is a response to the campaign (a coupon, a reply...).",
        compute="_compute_interaction_values",
        precompute=True,
        store=True,
        readonly=False,
    )

    @api.depends("template_id")
    def _compute_interaction_values(self):
        name_field = self._interaction_name_field
        # A description the user typed survives a change of template; one that is still a
        # template's name (the previous template's: a form does not keep the previous
        # value) follows the new template. One query for the whole batch.
        typed = {name for name in self.mapped(name_field) if name}
        template_names = (
            set(
                self.env["interaction.template"]
                .with_context(active_test=False)
                .sudo()
                .search_fetch([("name", "in", list(typed))], ["name"])
                .mapped("name")
            )
            if typed
            else set()
        )
        for record in self:
            values = record._interaction_source_values()
            values[name_field] = values.pop("name")
            current = record[name_field]
            if current and current not in template_names:
                values[name_field] = current
            record.update(values)

    def _interaction_source_values(self):
        """The values to copy, ``name`` being the description: the template's."""
        self.ensure_one()
        return self.template_id._interaction_values()
