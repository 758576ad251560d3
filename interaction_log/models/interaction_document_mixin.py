from odoo import api, fields, models


class InteractionDocumentMixin(models.AbstractModel):
    """Documents whose prints and e-mails are logged: a smart button with their
    interactions, and the kind and salesperson automatic logging records."""

    _name = "interaction.document.mixin"
    _description = "Document Logged as Interactions"

    interaction_count = fields.Integer(
        string="Interactions",
        compute="_compute_interaction_count",
        groups="interaction_log.group_interaction_user",
    )

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_interaction_count(self):
        counts = dict(
            self.env["interaction.log.entry"]._read_group(
                [("res_model", "=", self._name), ("res_id", "in", self._origin.ids)],
                ["res_id"],
                ["__count"],
            )
        )
        for document in self:
            document.interaction_count = counts.get(document._origin.id, 0)

    def _interaction_document_info(self):
        """``{document: (kind, salesperson)}`` for the documents automatic logging records,
        kind being a key of the entries' ``document_type``; others are left out."""
        return {}

    def action_view_interactions(self):
        self.ensure_one()
        return self.env["interaction.log.entry"]._action_open_entries(
            [("res_model", "=", self._name), ("res_id", "=", self.id)],
            {"search_default_not_canceled": 0, "interaction_document_list": True},
        )
