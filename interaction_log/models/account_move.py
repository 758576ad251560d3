from odoo import models

MOVE_TYPE_KINDS = {"out_invoice": "invoice", "out_refund": "refund"}


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "interaction.document.mixin"]

    def _interaction_document_info(self):
        # Customer invoices and credit notes only: bills and entries are not sent to contacts.
        return {
            move: (MOVE_TYPE_KINDS[move.move_type], move.invoice_user_id)
            for move in self
            if move.move_type in MOVE_TYPE_KINDS
        }
