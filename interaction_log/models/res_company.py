from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# Document kind -> the res.company field holding its template (the interaction template setup).
DOCUMENT_TEMPLATE_FIELDS = {
    "quotation": "interaction_template_quotation_id",
    "order": "interaction_template_order_id",
    "invoice": "interaction_template_invoice_id",
    "refund": "interaction_template_refund_id",
}


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
    # Interaction template setup: which template automatic logging uses; empty = not logged.
    interaction_template_quotation_id = fields.Many2one(
        "interaction.template",
        string="Sales Quotations",
        default=_default_template("interaction_template_quotation"),
        help="Printing or e-mailing a quotation logs an interaction with this template.",
    )
    interaction_template_order_id = fields.Many2one(
        "interaction.template",
        string="Sales Order Confirmations",
        default=_default_template("interaction_template_order"),
        help="Printing or e-mailing a confirmed sales order logs an interaction with this "
        "template.",
    )
    interaction_template_invoice_id = fields.Many2one(
        "interaction.template",
        string="Customer Invoices",
        default=_default_template("interaction_template_invoice"),
        help="Printing or e-mailing a customer invoice logs an interaction with this template.",
    )
    interaction_template_refund_id = fields.Many2one(
        "interaction.template",
        string="Credit Notes",
        default=_default_template("interaction_template_refund"),
        help="Printing or e-mailing a credit note logs an interaction with this template.",
    )
    interaction_template_email_id = fields.Many2one(
        "interaction.template",
        string="E-mails",
        default=_default_template("interaction_template_email"),
        help="E-mails sent from a record's chatter to contacts, and e-mails received from "
        "contacts, log an interaction with this template.",
    )

    def _interaction_fill_template_setup(self):
        """Give every company without one the default template of each kind."""
        companies = self.with_context(active_test=False).search([])
        for field_name in [*DOCUMENT_TEMPLATE_FIELDS.values(), "interaction_template_email_id"]:
            default = self._fields[field_name].default(self)
            companies.filtered_domain([(field_name, "=", False)]).write({field_name: default.id})

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
