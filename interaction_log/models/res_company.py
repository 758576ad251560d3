from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Document kind -> the res.company field holding its template (the interaction template setup).
DOCUMENT_TEMPLATE_FIELDS = {
    "quotation": "interaction_template_quotation_id",
    "order": "interaction_template_order_id",
    "invoice": "interaction_template_invoice_id",
    "refund": "interaction_template_refund_id",
}

# The other templates of the setup: e-mails and calendar meetings.
OTHER_TEMPLATE_FIELDS = ("interaction_template_email_id", "interaction_template_meeting_id")


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

    interaction_template_meeting_id = fields.Many2one(
        "interaction.template",
        string="Meetings",
        default=_default_template("interaction_template_meeting_inhouse"),
        help="Calendar meetings that have ended log an interaction with this template for each "
        "external attendee who did not decline.",
    )

    def _interaction_fill_template_setup(self):
        """Give every company without one the default template of each kind."""
        companies = self.with_context(active_test=False).search([])
        for field_name in [*DOCUMENT_TEMPLATE_FIELDS.values(), *OTHER_TEMPLATE_FIELDS]:
            default = self._fields[field_name].default(self)
            companies.filtered_domain([(field_name, "=", False)]).write({field_name: default.id})

    @api.constrains(*DOCUMENT_TEMPLATE_FIELDS.values(), *OTHER_TEMPLATE_FIELDS)
    def _check_interaction_template_company(self):
        """The template setup is checked when it is saved, not on every print or e-mail."""
        for company in self:
            for field_name in [*DOCUMENT_TEMPLATE_FIELDS.values(), *OTHER_TEMPLATE_FIELDS]:
                template = company[field_name]
                if template.company_id and template.company_id != company:
                    raise ValidationError(
                        self.env._(
                            "Template %(template)s belongs to %(other)s and cannot be used by "
                            "%(company)s: choose a template of %(company)s or a shared one.",
                            template=template.display_name,
                            other=template.company_id.name,
                            company=company.name,
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
