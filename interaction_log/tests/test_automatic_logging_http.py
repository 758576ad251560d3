from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingHttpCommon

from .common import ReportDownloadMixin


@tagged("post_install", "-at_install")
class TestPrintLogging(ReportDownloadMixin, AccountTestInvoicingHttpCommon):
    """Prints through the HTTP routes the web client uses."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The accounting test user sells too.
        cls.env.user.group_ids += cls.env.ref("sales_team.group_sale_manager")
        cls.env.company._interaction_fill_template_setup()
        cls.orders = cls.env["sale.order"].create(
            [
                {
                    "partner_id": partner.id,
                    "order_line": [Command.create({"product_id": cls.product_a.id})],
                }
                for partner in (cls.partner_a, cls.partner_b)
            ]
        )
        cls.invoices = cls.env["account.move"].create(
            [
                {
                    "move_type": move_type,
                    "partner_id": cls.partner_a.id,
                    "invoice_line_ids": [
                        Command.create({"product_id": cls.product_a.id, "price_unit": 50})
                    ],
                }
                for move_type in ("out_invoice", "out_refund")
            ]
        )
        cls.invoices.action_post()
        cls.entries = cls.env["interaction.log.entry"]

    def setUp(self):
        super().setUp()
        self.authenticate(self.env.user.login, self.env.user.login)

    def test_print_one_and_many_quotations_and_orders(self):
        response = self.download_report("sale.report_saleorder", self.orders[:1])
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.entries_of(self.orders).mapped("version_no"), [1])
        self.orders[1].action_confirm()
        response = self.download_report("sale.report_saleorder", self.orders)
        self.assertEqual(response.status_code, 200)
        entries = self.entries_of(self.orders)
        self.assertEqual(len(entries), 3)
        self.assertEqual(
            sorted(
                entries.mapped(
                    lambda entry: (entry.partner_id.name, entry.document_type, entry.version_no)
                )
            ),
            [
                ("partner_a", "quotation", 1),
                ("partner_a", "quotation", 2),
                ("partner_b", "order", 1),
            ],
        )
        self.assertEqual(set(entries.mapped("correspondence_type")), {"paper"})

    def test_print_invoices_and_credit_notes(self):
        response = self.download_report("account.report_invoice_with_payments", self.invoices)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            self.entries_of(self.invoices).mapped("document_type"), ["invoice", "refund"]
        )

    def test_invoice_download_button(self):
        self.invoices._generate_and_send()
        self.assertTrue(self.invoices[0].invoice_pdf_report_id)
        before = self.entries_of(self.invoices)
        url = self.invoices[0].action_invoice_download_pdf()["url"]
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, self.invoices[0].invoice_pdf_report_id.raw)
        downloaded = self.entries_of(self.invoices) - before
        self.assertRecordValues(
            downloaded,
            [
                {
                    "res_id": self.invoices[0].id,
                    "document_type": "invoice",
                    "correspondence_type": "paper",
                }
            ],
        )

    def test_without_setup_the_print_still_works(self):
        self.env.company._interaction_document_setup("quotation").template_id = False
        response = self.download_report("sale.report_saleorder", self.orders[:1])
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content)
        self.assertFalse(self.entries_of(self.orders))

    def test_rendering_for_other_reasons_is_not_a_print(self):
        self.env["ir.actions.report"]._render_qweb_pdf("sale.report_saleorder", self.orders.ids)
        self.assertFalse(self.entries_of(self.orders))
