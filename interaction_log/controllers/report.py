import json

from odoo import http
from odoo.http import request

from odoo.addons.web.controllers.report import ReportController


class InteractionLogReportController(ReportController):
    """Prints from the web client (Print menu, form buttons) come through this route: log
    them once the PDF is made. The rendering routes are not touched: e-mail attachments, the
    portal and signatures render PDFs too, and those are not prints."""

    @http.route()
    def report_download(self, data, context=None, token=None, readonly=True):
        response = super().report_download(data, context=context, token=token, readonly=readonly)
        if response is not None and response.status_code == 200:
            documents, report = self._printed_documents(data)
            if documents:
                request.env["interaction.log.entry"]._log_document_event(
                    documents, "print", report=report
                )
        return response

    def _printed_documents(self, data):
        url, report_type = json.loads(data)[:2]
        if report_type != "qweb-pdf" or "/report/pdf/" not in url:
            return None, None
        report_path = url.split("/report/pdf/")[1].split("?")[0]
        if "/" not in report_path:
            return None, None
        report_name, docids = report_path.split("/", 1)
        report = request.env["ir.actions.report"]._get_report_from_name(report_name)
        ids = [int(docid) for docid in docids.split(",") if docid.isdigit()]
        if not report or not ids:
            return None, None
        return request.env[report.model].browse(ids), report
