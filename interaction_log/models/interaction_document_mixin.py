from collections import namedtuple

from odoo import api, fields, models

# What automatic logging records of one document: its kind (interaction.document.kind), the
# company, the template of that kind in the company (empty: not logged), the contact and the
# salesperson (empty: the current user).
DocumentInfo = namedtuple("DocumentInfo", "kind company template partner salesperson")


class InteractionDocumentMixin(models.AbstractModel):
    """Documents whose prints and e-mails are logged: a smart button with their
    interactions, and what automatic logging records of them, read from the document kinds
    declared for their model (``interaction.document.kind``)."""

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

    def _interaction_document_info(self, report=None, mail_template=None):
        """``{document: DocumentInfo}`` for the documents of ``self`` that belong to a declared
        kind; with ``report`` (printed) or ``mail_template`` (e-mailed from the composer), only
        when the kinds of the model declare that report or one the template attaches: other
        reports (labels, packages) and e-mails are not the document sent to the contact. Two
        queries whatever the number of documents (the kinds and the setup lines)."""
        kinds = (
            self.env["interaction.document.kind"]
            .sudo()
            .search([("model", "=", self._name)], order="sequence, id")
        )
        if report is not None and report not in kinds.report_ids:
            return {}
        if mail_template is not None and not (
            mail_template.sudo().report_template_ids & kinds.report_ids
        ):
            return {}
        has_company = "company_id" in self._fields
        companies = self.company_id if has_company else self.env.company
        templates = {
            (line.company_id, line.kind_id): line.template_id
            for line in self.env["interaction.document.setup"]
            .sudo()
            .search([("kind_id", "in", kinds.ids), ("company_id", "in", companies.ids)])
        }
        info = {}
        remaining = self
        for kind in kinds:
            matched = remaining.filtered_domain(kind._document_domain())
            remaining -= matched
            for document in matched:
                company = document.company_id if has_company else self.env.company
                info[document] = DocumentInfo(
                    kind,
                    company,
                    templates.get((company, kind), self.env["interaction.template"]),
                    document.mapped(kind.partner_field)[:1],
                    document.mapped(kind.user_field)[:1] if kind.user_field else None,
                )
        return info

    def action_view_interactions(self):
        self.ensure_one()
        return self.env["interaction.log.entry"]._action_open_entries(
            [("res_model", "=", self._name), ("res_id", "=", self.id)],
            {"search_default_not_canceled": 0},
        )
