import json

from odoo import http
from odoo.http import request

from odoo.addons.web.controllers.report import ReportController


def is_own_print():
    """Whether the current request is a print an internal user made in Odoo itself: not a
    portal customer fetching their own document, and not a request another site made the
    user's browser send (browsers say so in Sec-Fetch-Site; "none" is a typed address)."""
    fetch_site = request.httprequest.headers.get("Sec-Fetch-Site")
    return request.env.user._is_internal() and fetch_site in (None, "same-origin", "none")


class InteractionLogReportController(ReportController):
    """Prints from the web client (Print menu, form buttons) come through this route: log
    them once the PDF is made. The rendering routes are not touched: e-mail attachments, the
    portal and signatures render PDFs too, and those are not prints.

    The web client posts this route with its CSRF token; the route also answers GET, which
    another site can make a logged-in browser send: only a POST is a print of ours."""

    @http.route()
    def report_download(self, data, context=None, token=None, readonly=True):
        response = super().report_download(data, context=context, token=token, readonly=readonly)
        if (
            response is not None
            and response.status_code == 200
            and request.httprequest.method == "POST"
            and is_own_print()
        ):
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
