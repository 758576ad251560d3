from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


def _default_template(xmlid):
    def default(self):
        return self.env.ref(f"interaction_log.{xmlid}", raise_if_not_found=False)

    return default


class ResCompany(models.Model):
    _inherit = "res.company"

    interaction_retention_days = fields.Integer(
        string="Keep Cancelled Interactions (days)",
        default=0,
        help="The scheduled purge deletes cancelled interactions older than this many days. "
        "0 keeps them.",
    )
    # The interaction template setup of documents, one line per declared kind; the settings
    # page shows one list per category.
    interaction_document_setup_ids = fields.One2many(
        "interaction.document.setup", "company_id", string="Interaction Template Setup"
    )
    interaction_setup_sales_ids = fields.One2many(
        "interaction.document.setup",
        "company_id",
        string="Sales Documents Setup",
        domain=[("category", "=", "sales")],
    )
    interaction_setup_purchases_ids = fields.One2many(
        "interaction.document.setup",
        "company_id",
        string="Purchase Documents Setup",
        domain=[("category", "=", "purchases")],
    )
    interaction_setup_inventory_ids = fields.One2many(
        "interaction.document.setup",
        "company_id",
        string="Inventory Documents Setup",
        domain=[("category", "=", "inventory")],
    )
    interaction_template_email_id = fields.Many2one(
        "interaction.template",
        string="E-mails",
        default=_default_template("interaction_template_email"),
        help="E-mails sent from a record's chatter to contacts, and e-mails received from "
        "contacts, log an interaction with this template.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._interaction_fill_template_setup()
        return companies

    def _interaction_fill_template_setup(self, kinds=None):
        """Give each company of ``self`` (all companies when empty) a setup line per document
        kind (all, or ``kinds``), and the default template of each kind and of e-mails where
        it has none."""
        # Every company, archived ones too: a handful of rows.
        # pylint: disable-next=no-search-all
        companies = self or self.with_context(active_test=False).search([])
        # pylint: disable-next=no-search-all
        kinds = kinds or self.env["interaction.document.kind"].sudo().search([])
        lines = self.env["interaction.document.setup"].sudo()
        existing = {
            (line.company_id, line.kind_id)
            for line in lines.search(
                [("company_id", "in", companies.ids), ("kind_id", "in", kinds.ids)]
            )
        }
        lines.create(
            [
                {"company_id": company.id, "kind_id": kind.id}
                for company in companies
                for kind in kinds
                if (company, kind) not in existing
            ]
        )
        for line in lines.search(
            [
                ("company_id", "in", companies.ids),
                ("kind_id", "in", kinds.ids),
                ("template_id", "=", False),
                ("kind_id.default_template_id", "!=", False),
            ]
        ):
            template = line.kind_id.default_template_id
            # A default template of one company is no default for the others.
            if not template.company_id or template.company_id == line.company_id:
                line.template_id = template
        email_default = self._fields["interaction_template_email_id"].default(self)
        companies.filtered_domain([("interaction_template_email_id", "=", False)]).write(
            {"interaction_template_email_id": email_default.id}
        )

    def _interaction_document_setup(self, code):
        """The setup line of the document kind ``code`` in this company."""
        self.ensure_one()
        return (
            self.env["interaction.document.setup"]
            .sudo()
            .search([("company_id", "=", self.id), ("kind_id.code", "=", code)])
        )

    @api.constrains("interaction_template_email_id")
    def _check_interaction_template_company(self):
        """The template setup is checked when it is saved, not on every print or e-mail."""
        for company in self:
            company.interaction_template_email_id._check_usable_by(company)

    # E-mail logging: the logging address (an alias of the company's alias domain, kept in
    # step with these fields by write) and the size up to which the whole message is kept.
    interaction_email_logging = fields.Boolean(
        string="Log E-mails Sent to an Address",
        help="E-mails sent, forwarded or copied to the logging address are logged as "
        "interactions with the known contacts among their parties.",
    )
    interaction_email_alias_name = fields.Char(string="Logging Address", default="interactions")
    interaction_email_alias_id = fields.Many2one(
        "mail.alias", string="Logging Alias", readonly=True, copy=False, ondelete="set null"
    )
    interaction_email_max_size = fields.Integer(
        string="Keep E-mails up to (MB)",
        default=10,
        help="Logged e-mails up to this size are attached whole to their interactions; "
        "larger ones only with their headers and text. 0: no limit.",
    )

    def write(self, vals):
        result = super().write(vals)
        if {"interaction_email_logging", "interaction_email_alias_name", "alias_domain_id"} & set(
            vals
        ):
            self._interaction_sync_email_alias()
        return result

    def _interaction_sync_email_alias(self):
        """Create, rename or delete each company's logging alias to match its settings."""
        model_id = self.env["ir.model"]._get_id("interaction.mailbox.message")
        for company in self:
            alias = company.interaction_email_alias_id.sudo()
            if not company.interaction_email_logging:
                if alias:
                    company.interaction_email_alias_id = False
                    alias.unlink()
                continue
            if not company.alias_domain_id or not company.interaction_email_alias_name:
                raise UserError(
                    self.env._(
                        "To log e-mails sent to an address, the company %(company)s needs an "
                        "alias domain (Settings, Discuss) and a logging address: set both.",
                        company=company.name,
                    )
                )
            values = {
                "alias_name": company.interaction_email_alias_name,
                "alias_domain_id": company.alias_domain_id.id,
            }
            if alias:
                alias.write(values)
            else:
                company.interaction_email_alias_id = (
                    self.env["mail.alias"]
                    .sudo()
                    .create(
                        {
                            **values,
                            "alias_model_id": model_id,
                            "alias_defaults": repr({"company_id": company.id}),
                            "alias_contact": "everyone",
                        }
                    )
                )

    @api.constrains("interaction_email_max_size")
    def _check_interaction_email_max_size(self):
        if any(company.interaction_email_max_size < 0 for company in self):
            raise ValidationError(
                self.env._(
                    "The size up to which logged e-mails are kept cannot be negative: enter a "
                    "number of megabytes, or 0 for no limit."
                )
            )

    @api.constrains("interaction_retention_days")
    def _check_interaction_retention_days(self):
        if any(company.interaction_retention_days < 0 for company in self):
            raise ValidationError(
                self.env._(
                    "The retention period of cancelled interactions cannot be negative: "
                    "enter a number of days, or 0 to keep them."
                )
            )
