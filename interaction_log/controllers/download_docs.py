from odoo import http
from odoo.http import request

from odoo.addons.account.controllers.download_docs import AccountDocumentDownloadController

from .report import is_own_print


class InteractionLogDownloadController(AccountDocumentDownloadController):
    """The invoice *Download* button returns the stored PDF without rendering it: log the
    download here."""

    @http.route()
    def download_invoice_documents_filetype(self, invoices, filetype, allow_fallback=True):
        response = super().download_invoice_documents_filetype(
            invoices, filetype, allow_fallback=allow_fallback
        )
        if (
            filetype in ("pdf", "all")
            and response is not None
            and response.status_code == 200
            and is_own_print()
        ):
            # What the response holds: the stored PDF, or the proforma Odoo falls back to;
            # an invoice with neither gave no document and is no print.
            printed = invoices.filtered(
                lambda invoice: invoice.invoice_pdf_report_id or allow_fallback
            )
            request.env["interaction.log.entry"]._log_document_event(printed, "print")
        return response
