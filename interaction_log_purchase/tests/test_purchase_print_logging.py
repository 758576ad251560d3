from odoo.tests import HttpCase, tagged

from .common import PurchaseLoggingMixin


@tagged("post_install", "-at_install")
class TestPurchasePrintLogging(PurchaseLoggingMixin, HttpCase):
    """Prints through the HTTP route the web client uses (Print menu, Print RFQ)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_purchase_data()

    def setUp(self):
        super().setUp()
        self.authenticate(self.buyer.login, self.buyer.login)

    def test_print_rfqs_and_an_order_at_once(self):
        rfqs = self.create_orders(self.vendor_a | self.vendor_b)
        order = self.create_orders(self.vendor_a, confirm=True)
        response = self.download_report("purchase.report_purchasequotation", rfqs | order)
        self.assertEqual(response.status_code, 200)
        self.assertRecordValues(
            self.entries_of(rfqs | order),
            [
                {
                    "partner_id": self.vendor_a.id,
                    "document_type": "purchase_quote",
                    "template_id": self.template("purchase_quote").id,
                    "name": f"Request for Quotation {rfqs[0].name}",
                    "user_id": self.representative.id,
                    "correspondence_type": "paper",
                    "res_id": rfqs[0].id,
                },
                {
                    "partner_id": self.vendor_b.id,
                    "document_type": "purchase_quote",
                    "template_id": self.template("purchase_quote").id,
                    "name": f"Request for Quotation {rfqs[1].name}",
                    "user_id": self.representative.id,
                    "correspondence_type": "paper",
                    "res_id": rfqs[1].id,
                },
                {
                    "partner_id": self.vendor_a.id,
                    "document_type": "purchase_order",
                    "template_id": self.template("purchase_order").id,
                    "name": f"Purchase Order {order.name}",
                    "user_id": self.representative.id,
                    "correspondence_type": "paper",
                    "res_id": order.id,
                },
            ],
        )
        self.assertEqual(self.template("purchase_quote").code, "P_QUOTE")
        self.assertEqual(self.template("purchase_order").code, "P_ORDER")

    def test_the_state_decides_the_kind_not_the_report(self):
        order = self.create_orders(self.vendor_b)
        self.download_report("purchase.report_purchaseorder", order)
        order.button_confirm()
        self.download_report("purchase.report_purchaseorder", order)
        self.assertEqual(
            self.entries_of(order).mapped(lambda e: (e.document_type, e.version_no)),
            [("purchase_quote", 1), ("purchase_order", 2)],
        )

    def test_print_rfq_button(self):
        order = self.create_orders(self.vendor_a)
        action = order.with_user(self.buyer).print_quotation()
        self.assertEqual(order.state, "sent")
        self.download_report(action["report_name"], order)
        self.assertEqual(self.entries_of(order).document_type, "purchase_quote")

    def test_without_setup_the_print_still_works(self):
        self.company._interaction_document_setup("purchase_quote").template_id = False
        order = self.create_orders(self.vendor_a)
        response = self.download_report("purchase.report_purchasequotation", order)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content)
        self.assertFalse(self.entries_of(order))

    def test_rendering_for_other_reasons_is_not_a_print(self):
        order = self.create_orders(self.vendor_a)
        self.env["ir.actions.report"]._render_qweb_pdf(
            "purchase.report_purchasequotation", order.ids
        )
        self.assertFalse(self.entries_of(order))

    def test_chatter_post_with_the_send_context_logs_no_document(self):
        """purchase marks an RFQ sent on the context key ``mark_rfq_as_sent``, which any
        client may add to a chatter post: that is not the RFQ e-mailed."""
        order = self.create_orders(self.vendor_a)
        for partner_ids in ([], self.vendor_a.ids):
            self.make_jsonrpc_request(
                "/mail/message/post",
                {
                    "thread_model": "purchase.order",
                    "thread_id": order.id,
                    "post_data": {
                        "body": "Here it is",
                        "message_type": "comment",
                        "subtype_xmlid": "mail.mt_comment",
                        "partner_ids": partner_ids,
                    },
                    "context": {"mark_rfq_as_sent": True},
                },
            )
        self.assertEqual(order.state, "sent", "purchase took the context key")
        entries = self.entries_of(order)
        self.assertFalse(entries.filtered("document_type"), "no RFQ entry")
        self.assertEqual(
            entries.template_id,
            self.company.interaction_template_email_id,
            "the e-mail to the vendor is the chatter's generic e-mail entry",
        )

    def test_smart_button_on_the_purchase_order_form(self):
        order = self.create_orders(self.vendor_a)
        self.download_report("purchase.report_purchasequotation", order)
        self.assertEqual(order.interaction_count, 1)
        action = order.action_view_interactions()
        self.assertEqual(self.entries.search(action["domain"]), self.entries_of(order))
        arch = self.env["purchase.order"].get_view(view_type="form")["arch"]
        self.assertIn('name="action_view_interactions"', arch)
