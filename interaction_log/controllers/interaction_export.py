from odoo import api, http
from odoo.http import content_disposition, request


class InteractionExportController(http.Controller):
    @http.route("/interaction_log/export/<int:partner_id>", type="http", auth="user", readonly=True)
    def export_interactions(self, partner_id):
        """A contact's interactions as a .zip, streamed while it is made. Rights are checked
        before the response starts; the archive is then read on a cursor of its own, as
        the request's cursor is closed once the response is handed to the server."""
        partner = request.env["res.partner"].browse(partner_id)
        partner._check_interaction_export()
        filename = partner._interaction_export_filename()
        registry, uid, context = request.env.registry, request.env.uid, dict(request.env.context)

        def stream():
            with registry.cursor(readonly=True) as cr:
                env = api.Environment(cr, uid, context)
                yield from env["res.partner"].browse(partner_id)._interaction_export_chunks()

        return request.make_response(
            stream(),
            headers=[
                ("Content-Type", "application/zip"),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )
