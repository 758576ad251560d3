from odoo import models


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "interaction.document.mixin"]

    def _interaction_document_info(self):
        # The state when printed or sent decides: a quotation until confirmed.
        return {
            order: (
                "quotation" if order.state in ("draft", "sent", "cancel") else "order",
                order.user_id,
            )
            for order in self
        }
