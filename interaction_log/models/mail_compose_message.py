from odoo import models

from .mail_thread import DOCUMENT_EMAIL


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _action_send_mail_comment(self, res_ids):
        """A document is e-mailed when its send wizard really sends it with a template that
        attaches the document's own report (a quotation's "Send by e-mail"): one entry of
        the document's kind, not also the generic e-mail entry of the chatter. What a client
        puts in the context (``mark_so_as_sent``...) decides nothing here."""
        documents = self._interaction_sent_documents(res_ids)
        if not documents:
            return super()._action_send_mail_comment(res_ids)
        messages = super(
            MailComposeMessage, self.with_context(interaction_log_document_email=DOCUMENT_EMAIL)
        )._action_send_mail_comment(res_ids)
        entries = self.env["interaction.log.entry"]
        entries._log_document_messages(entries._log_document_event(documents, "email"), messages)
        return messages

    def _interaction_sent_documents(self, res_ids):
        self.ensure_one()
        if not self.model or self.model not in self.env:
            return None
        documents = self.env[self.model].browse(res_ids)
        if not hasattr(documents, "_interaction_document_info"):
            return None
        reports = self.template_id.sudo().report_template_ids
        if not reports.filtered(lambda report: report.model == self.model):
            return None
        return documents
