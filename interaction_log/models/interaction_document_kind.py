from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools.safe_eval import safe_eval

DOCUMENT_CATEGORIES = [
    ("sales", "Sales"),
    ("purchases", "Purchases"),
    ("inventory", "Inventory"),
]


class InteractionDocumentKind(models.Model):
    """A kind of document whose prints and e-mails are logged (Business Central's document
    types of the interaction template setup). An addon adds a kind with one record of this
    model and a model inheriting ``interaction.document.mixin``: the core finds the kind of
    each document, its contact, salesperson and template from here."""

    _name = "interaction.document.kind"
    _description = "Interaction Document Kind"
    _order = "category, sequence, id"

    code = fields.Char(
        required=True, help="The key stored in the Document Type of the interactions logged."
    )
    name = fields.Char(required=True, translate=True)
    category = fields.Selection(DOCUMENT_CATEGORIES, required=True, default="sales")
    sequence = fields.Integer(
        default=10, help="The first kind of a model whose domain matches a document is its kind."
    )
    model_id = fields.Many2one("ir.model", string="Model", required=True, ondelete="cascade")
    model = fields.Char(string="Model Name", related="model_id.model", store=True, index=True)
    domain = fields.Char(
        default="[]", required=True, help="The documents of the model that are of this kind."
    )
    partner_field = fields.Char(
        string="Contact Field",
        default="partner_id",
        required=True,
        help="The field (or path) of the document holding the contact the entry is logged on.",
    )
    user_field = fields.Char(
        string="Salesperson Field",
        help="The field (or path) of the document holding the salesperson of the entry; "
        "empty: the user who prints or sends.",
    )
    default_template_id = fields.Many2one(
        "interaction.template",
        string="Default Template",
        ondelete="set null",
        help="The template each company starts with for this kind.",
    )
    report_ids = fields.Many2many(
        "ir.actions.report",
        string="Reports",
        help="The reports that are the document sent to the contact: printing one, or sending "
        "the document with an e-mail template that attaches one, logs it. Other reports of "
        "the model (labels, packages...) and e-mails that attach none of them do not.",
    )

    _code_uniq = models.Constraint("UNIQUE(code)", "A document kind with this code exists already.")

    @api.constrains("model_id", "domain", "partner_field", "user_field")
    def _check_declaration(self):
        for kind in self:
            documents = self.env[kind.model]
            try:
                Domain(safe_eval(kind.domain)).validate(documents)
                for path in filter(None, (kind.partner_field, kind.user_field)):
                    documents.mapped(path)
            except (KeyError, ValueError, SyntaxError, NameError, TypeError) as error:
                raise ValidationError(
                    self.env._(
                        "The document kind %(kind)s does not fit the model %(model)s: "
                        "%(error)s. Fix its domain or its contact and salesperson fields.",
                        kind=kind.name,
                        model=kind.model,
                        error=error,
                    )
                ) from error

    @api.model_create_multi
    def create(self, vals_list):
        kinds = super().create(vals_list)
        # Every company, archived ones too: a handful of rows.
        companies = self.env["res.company"].with_context(active_test=False)
        # pylint: disable-next=no-search-all
        companies.search([])._interaction_fill_template_setup(kinds)
        self.env.registry.clear_cache()
        return kinds

    def write(self, vals):
        result = super().write(vals)
        if {"code", "name", "category", "sequence"} & set(vals):
            self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

    def _update_field_translations(self, field_name, translations, digest=None, source_lang=""):
        # The web client's translation dialog writes a name's translations here, not through
        # write().
        result = super()._update_field_translations(
            field_name, translations, digest=digest, source_lang=source_lang
        )
        if field_name == "name":
            self.env.registry.clear_cache()
        return result

    @api.model
    @tools.ormcache("self.env.lang")
    def _code_names(self):
        """(code, name) of every kind, in the user's language: the selection of an entry's
        Document Type, which Odoo asks for each value it formats (an export of 100,000
        entries asked 100,000 times, a query each)."""
        # The declared kinds: a handful of records.
        # pylint: disable-next=no-search-all
        return tuple((kind.code, kind.name) for kind in self.sudo().search([]))

    @api.model
    def _is_document_mail_template(self, model_name, mail_template):
        """Whether sending records of ``model_name`` with ``mail_template`` sends the document
        of a declared kind (the template attaches one of its reports): the e-mail composer
        asks before sending, to log the document's interaction instead of a generic e-mail
        one."""
        reports = mail_template.sudo().report_template_ids
        return bool(reports) and bool(
            self.sudo().search_count(
                [("model", "=", model_name), ("report_ids", "in", reports.ids)], limit=1
            )
        )

    def _document_domain(self):
        self.ensure_one()
        return Domain(safe_eval(self.domain))
