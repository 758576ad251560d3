from odoo import models


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "interaction.document.mixin"]

    def message_post(self, **kwargs):
        if not self.env.context.get("mark_so_as_sent"):
            return super().message_post(**kwargs)
        # Sent with its send wizard: one entry of the document's kind, not also the generic
        # e-mail entry of the chatter.
        message = super(
            SaleOrder, self.with_context(interaction_log_document_email=True)
        ).message_post(**kwargs)
        self.env["interaction.log.entry"]._log_document_event(self, "email")
        return message
