from contextlib import contextmanager

from odoo.fields import Command
from odoo.tests import new_test_user

from odoo.addons.interaction_log.tests.common import ReportDownloadMixin


class PurchaseLoggingMixin(ReportDownloadMixin):
    """Two vendors (one a contact of a company), a purchase representative and a buyer who
    prints, orders to them, and helpers to print through the web client's route."""

    @classmethod
    def setup_purchase_data(cls):
        cls.company = cls.env.company
        cls.company._interaction_fill_template_setup()
        cls.buyer = new_test_user(
            cls.env,
            login="il_buyer",
            groups="base.group_user,purchase.group_purchase_manager",
            name="Bianca Buyer",
        )
        cls.representative = new_test_user(
            cls.env,
            login="il_purchase_rep",
            groups="base.group_user,purchase.group_purchase_user",
            name="Rupert Representative",
        )
        vendor_company = cls.env["res.partner"].create(
            {"name": "Wood Supplies", "is_company": True, "email": "wood@example.com"}
        )
        cls.vendor_a = vendor_company
        cls.vendor_b = cls.env["res.partner"].create(
            {"name": "Nina Nails", "email": "nina@example.com"}
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Plank", "type": "consu", "standard_price": 4}
        )
        cls.entries = cls.env["interaction.log.entry"]

    @classmethod
    def create_orders(cls, vendors, confirm=False):
        orders = cls.env["purchase.order"].create(
            [
                {
                    "partner_id": vendor.id,
                    "user_id": cls.representative.id,
                    "order_line": [
                        Command.create(
                            {"product_id": cls.product.id, "product_qty": 3, "price_unit": 4}
                        )
                    ],
                }
                for vendor in vendors
            ]
        )
        if confirm:
            orders.button_confirm()
        return orders

    @contextmanager
    def refused_entry_inserts(self):
        """A real database failure: the server refuses every new entry."""
        self.env.cr.execute(
            """
            CREATE FUNCTION pg_temp.refuse_entry() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'no new interactions'; END $$;
            CREATE TRIGGER refuse_entry BEFORE INSERT ON interaction_log_entry
                FOR EACH ROW EXECUTE FUNCTION pg_temp.refuse_entry();
            """
        )
        try:
            yield
        finally:
            self.env.cr.execute("DROP TRIGGER refuse_entry ON interaction_log_entry")

    def template(self, code):
        return self.company._interaction_document_setup(code).template_id
