from odoo import api, models

from .mail_thread import DOCUMENT_EMAIL


class AccountMoveSend(models.AbstractModel):
    _inherit = "account.move.send"

    @api.model
    def _send_mail(self, move, mail_template, **kwargs):
        # The invoice e-mail is logged as the invoice's interaction (below), not also as a
        # generic e-mail of the chatter.
        return super()._send_mail(
            move.with_context(interaction_log_document_email=DOCUMENT_EMAIL),
            mail_template,
            **kwargs,
        )

    @api.model
    def _hook_if_success(self, moves_data, from_cron=False):
        res = super()._hook_if_success(moves_data, from_cron=from_cron)
        moves = self.env["account.move"]
        emailed, downloaded = moves, moves
        for move, move_data in moves_data.items():
            methods = move_data.get("sending_methods") or ()
            if "email" in methods and self._is_applicable_to_move("email", move, **move_data):
                emailed |= move
            # Sending in batch (the cron) downloads nothing: no print to log.
            if "manual" in methods and not from_cron:
                downloaded |= move
        entries = self.env["interaction.log.entry"]
        entries._log_document_event(emailed, "email")
        entries._log_document_event(downloaded, "print")
        return res
