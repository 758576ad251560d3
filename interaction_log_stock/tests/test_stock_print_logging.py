from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.interaction_log.tests.common import ReportDownloadMixin


@tagged("post_install", "-at_install")
class TestStockPrintLogging(ReportDownloadMixin, HttpCase):
    """Delivery slips and receipts printed through the HTTP route the web client uses."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company._interaction_fill_template_setup()
        cls.storekeeper = new_test_user(
            cls.env,
            login="il_storekeeper",
            groups="base.group_user,stock.group_stock_manager",
            name="Stella Storekeeper",
        )
        cls.customer = cls.env["res.partner"].create({"name": "Harbour Café", "is_company": True})
        cls.delivery_address = cls.env["res.partner"].create(
            {"name": "Harbour Café, quay 4", "type": "delivery", "parent_id": cls.customer.id}
        )
        cls.vendor = cls.env["res.partner"].create({"name": "Bean Importers", "is_company": True})
        cls.product = cls.env["product.product"].create({"name": "Coffee beans", "type": "consu"})
        cls.entries = cls.env["interaction.log.entry"]

    def setUp(self):
        super().setUp()
        self.authenticate(self.storekeeper.login, self.storekeeper.login)

    def create_pickings(self, code, partners):
        # Internal transfers are archived until multi-locations are enabled.
        picking_type = (
            self.env["stock.picking.type"]
            .with_context(active_test=False)
            .search([("code", "=", code), ("company_id", "=", self.company.id)], limit=1)
        )
        return self.env["stock.picking"].create(
            [
                {
                    "picking_type_id": picking_type.id,
                    "partner_id": partner.id,
                    "user_id": self.storekeeper.id,
                    "move_ids": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "product_uom_qty": 2,
                                "location_id": picking_type.default_location_src_id.id,
                                "location_dest_id": picking_type.default_location_dest_id.id,
                            }
                        )
                    ],
                }
                for partner in partners
            ]
        )

    def template(self, code):
        return self.company._interaction_document_setup(code).template_id

    def test_delivery_slip_on_the_delivery_address(self):
        delivery = self.create_pickings("outgoing", self.delivery_address)
        response = self.download_report("stock.report_deliveryslip", delivery)
        self.assertEqual(response.status_code, 200)
        self.assertRecordValues(
            self.entries_of(delivery),
            [
                {
                    "partner_id": self.delivery_address.id,
                    "commercial_partner_id": self.customer.id,
                    "document_type": "shipment_note",
                    "template_id": self.template("shipment_note").id,
                    "name": f"Delivery Slip {delivery.name}",
                    "user_id": self.storekeeper.id,
                    "correspondence_type": "paper",
                }
            ],
        )
        self.assertEqual(self.template("shipment_note").code, "S_SHIP")
        self.assertEqual(
            self.template("shipment_note").group_id,
            self.env.ref("interaction_log.interaction_group_sales"),
        )

    def test_picking_operations_of_deliveries_and_receipts_at_once(self):
        deliveries = self.create_pickings("outgoing", self.delivery_address | self.customer)
        receipt = self.create_pickings("incoming", self.vendor)
        response = self.download_report("stock.report_picking", deliveries | receipt)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            self.entries_of(deliveries | receipt).mapped(
                lambda e: (e.partner_id, e.document_type, e.template_id)
            ),
            [
                (self.delivery_address, "shipment_note", self.template("shipment_note")),
                (self.customer, "shipment_note", self.template("shipment_note")),
                (self.vendor, "receipt", self.template("receipt")),
            ],
        )
        self.assertEqual(self.template("receipt").code, "P_RECEIPT")
        self.assertEqual(
            self.template("receipt").group_id,
            self.env.ref("interaction_log.interaction_group_purchase"),
        )

    def test_receipt_printed(self):
        receipt = self.create_pickings("incoming", self.vendor)
        self.download_report("stock.report_deliveryslip", receipt)
        self.assertRecordValues(
            self.entries_of(receipt),
            [
                {
                    "partner_id": self.vendor.id,
                    "document_type": "receipt",
                    "name": f"Receipt {receipt.name}",
                }
            ],
        )

    def test_internal_transfers_and_other_reports_are_not_logged(self):
        internal = self.create_pickings("internal", self.customer)
        delivery = self.create_pickings("outgoing", self.customer)
        self.download_report("stock.report_deliveryslip", internal)
        self.download_report("stock.report_picking_packages", delivery)
        self.assertFalse(self.entries_of(internal | delivery))

    def test_without_setup_the_print_still_works(self):
        self.company._interaction_document_setup("shipment_note").template_id = False
        delivery = self.create_pickings("outgoing", self.customer)
        response = self.download_report("stock.report_deliveryslip", delivery)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content)
        self.assertFalse(self.entries_of(delivery))

    def test_no_contact_no_entry(self):
        anonymous = self.create_pickings("outgoing", [self.env["res.partner"]])
        response = self.download_report("stock.report_deliveryslip", anonymous)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self.entries_of(anonymous))

    def test_rendering_for_other_reasons_is_not_a_print(self):
        delivery = self.create_pickings("outgoing", self.customer)
        self.env["ir.actions.report"]._render_qweb_pdf("stock.report_deliveryslip", delivery.ids)
        self.assertFalse(self.entries_of(delivery))

    def test_smart_button_on_the_transfer_form(self):
        delivery = self.create_pickings("outgoing", self.customer)
        self.download_report("stock.report_deliveryslip", delivery)
        self.download_report("stock.report_picking", delivery)
        self.assertEqual(delivery.interaction_count, 2)
        action = delivery.action_view_interactions()
        self.assertEqual(self.entries.search(action["domain"]), self.entries_of(delivery))
        arch = self.env["stock.picking"].get_view(view_type="form")["arch"]
        self.assertIn('name="action_view_interactions"', arch)
