from odoo import api, fields, models


class InteractionDocumentSetup(models.Model):
    """Which template logs each kind of document in a company (a line of Business Central's
    Interaction Template Setup). One line per company and kind, made when either is created;
    an empty template means that kind is not logged."""

    _name = "interaction.document.setup"
    _description = "Interaction Template Setup Line"
    _order = "category, sequence, kind_id"

    company_id = fields.Many2one("res.company", required=True, index=True, ondelete="cascade")
    kind_id = fields.Many2one(
        "interaction.document.kind",
        string="Document",
        required=True,
        index=True,
        ondelete="cascade",
    )
    category = fields.Selection(related="kind_id.category", store=True)
    sequence = fields.Integer(related="kind_id.sequence", store=True)
    template_id = fields.Many2one(
        "interaction.template",
        string="Template",
        check_company=True,
        ondelete="set null",
        help="Printing or e-mailing a document of this kind logs an interaction with this "
        "template; empty: not logged.",
    )

    _company_kind_uniq = models.Constraint(
        "UNIQUE(company_id, kind_id)", "A company has one template per kind of document."
    )

    @api.constrains("company_id", "template_id")
    def _check_template_company(self):
        """The setup is checked when it is saved, not on every print or e-mail."""
        for line in self:
            line.template_id._check_usable_by(line.company_id)
