from odoo import models

from ..models.mail_thread import DOCUMENT_EMAIL


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _action_send_mail_comment(self, res_ids):
        """A document is e-mailed when its send wizard really sends it with a template that
        attaches a report its kind declares (a quotation's "Send by e-mail", an RFQ's "Send by
        Email"): one entry of the document's kind, not also the generic e-mail entry of the
        chatter. What a client puts in the context (``mark_so_as_sent``,
        ``mark_rfq_as_sent``...) decides nothing here."""
        documents = self._interaction_sent_documents(res_ids)
        if not documents:
            return super()._action_send_mail_comment(res_ids)
        messages = super(
            MailComposeMessage, self.with_context(interaction_log_document_email=DOCUMENT_EMAIL)
        )._action_send_mail_comment(res_ids)
        self.env["interaction.log.entry"]._log_document_event(
            documents, "email", mail_template=self.template_id
        )
        return messages

    def _interaction_sent_documents(self, res_ids):
        self.ensure_one()
        if not self.model or self.model not in self.env:
            return None
        kinds = self.env["interaction.document.kind"]
        if not kinds._is_document_mail_template(self.model, self.template_id):
            return None
        return self.env[self.model].browse(res_ids)
