from odoo.fields import Command
from odoo.tests import Form, TransactionCase, tagged

from .common import PurchaseLoggingMixin


@tagged("post_install", "-at_install")
class TestPurchaseEmailLogging(PurchaseLoggingMixin, TransactionCase):
    """RFQs and orders sent with their send wizard (the e-mail composer)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_purchase_data()

    def send(self, orders, **context):
        """Open the send wizard as the Send by Email buttons do, and send."""
        action = orders.with_user(self.buyer).with_context(**context).action_rfq_send()
        composer = Form(
            self.env["mail.compose.message"].with_user(self.buyer).with_context(**action["context"])
        )
        return composer.save().action_send_mail()

    def generic_email_entries(self):
        return self.entries.search(
            [
                ("template_id", "=", self.company.interaction_template_email_id.id),
                ("partner_id", "in", (self.vendor_a | self.vendor_b).ids),
            ]
        )

    def test_send_rfq_logs_the_rfq_not_an_email(self):
        order = self.create_orders(self.vendor_a)
        self.send(order, send_rfq=True)
        self.assertEqual(order.state, "sent")
        self.assertRecordValues(
            self.entries_of(order),
            [
                {
                    "partner_id": self.vendor_a.id,
                    "document_type": "purchase_quote",
                    "template_id": self.template("purchase_quote").id,
                    "correspondence_type": "email",
                    "user_id": self.representative.id,
                }
            ],
        )
        self.assertFalse(self.generic_email_entries(), "no generic e-mail entry too")

    def test_send_confirmed_order_logs_the_order(self):
        order = self.create_orders(self.vendor_b, confirm=True)
        self.send(order)
        self.assertRecordValues(
            self.entries_of(order),
            [
                {
                    "partner_id": self.vendor_b.id,
                    "document_type": "purchase_order",
                    "template_id": self.template("purchase_order").id,
                    "correspondence_type": "email",
                }
            ],
        )
        self.assertFalse(self.generic_email_entries())

    def test_many_orders_sent_at_once(self):
        orders = self.create_orders(self.vendor_a | self.vendor_b | self.vendor_a)
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.buyer)
            .with_context(mark_rfq_as_sent=True)
            .create(
                {
                    "model": "purchase.order",
                    "res_ids": orders.ids,
                    "composition_mode": "comment",
                    "template_id": self.env.ref("purchase.email_template_edi_purchase").id,
                }
            )
        )
        composer.action_send_mail()
        entries = self.entries_of(orders)
        self.assertEqual(entries.mapped("res_id"), orders.ids)
        self.assertEqual(set(entries.mapped("document_type")), {"purchase_quote"})
        self.assertEqual(entries.partner_id, self.vendor_a | self.vendor_b, "one entry per order")

    def test_a_template_without_the_order_is_not_the_document_sent(self):
        order = self.create_orders(self.vendor_a, confirm=True)
        planning = self.env["mail.template"].create(
            {
                "name": "Delivery planning",
                "model_id": self.env["ir.model"]._get_id("purchase.order"),
                "subject": "Planning of {{ object.name }}",
                "body_html": "<p>When can you deliver?</p>",
            }
        )
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.buyer)
            .create(
                {
                    "model": "purchase.order",
                    "res_ids": order.ids,
                    "composition_mode": "comment",
                    "template_id": planning.id,
                    "partner_ids": [Command.set(self.vendor_a.ids)],
                }
            )
        )
        composer.action_send_mail()
        entries = self.entries_of(order)
        self.assertFalse(entries.filtered("document_type"))
        self.assertEqual(entries.template_id, self.company.interaction_template_email_id)

    def test_the_reminder_that_attaches_the_order_is_the_order_sent_again(self):
        order = self.create_orders(self.vendor_b, confirm=True)
        self.send(order)
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.buyer)
            .create(
                {
                    "model": "purchase.order",
                    "res_ids": order.ids,
                    "composition_mode": "comment",
                    "template_id": self.env.ref("purchase.email_template_edi_purchase_reminder").id,
                }
            )
        )
        composer.action_send_mail()
        self.assertEqual(
            self.entries_of(order).mapped(lambda e: (e.document_type, e.version_no)),
            [("purchase_order", 1), ("purchase_order", 2)],
        )

    def test_no_setup_no_entry_and_the_email_goes(self):
        self.company._interaction_document_setup("purchase_quote").template_id = False
        order = self.create_orders(self.vendor_a)
        self.send(order, send_rfq=True)
        self.assertEqual(order.state, "sent")
        self.assertTrue(order.message_ids.filtered(lambda m: m.partner_ids == self.vendor_a))
        self.assertFalse(self.entries_of(order).filtered("document_type"))

    def test_a_logging_failure_does_not_stop_the_email(self):
        order = self.create_orders(self.vendor_a)
        with (
            self.refused_entry_inserts(),
            self.assertLogs(
                "odoo.addons.interaction_log.models.interaction_log_entry", "ERROR"
            ) as logs,
        ):
            self.send(order, send_rfq=True)
        self.assertIn("was not logged", logs.output[0])
        self.assertEqual(order.state, "sent")
        self.assertTrue(order.message_ids.filtered(lambda m: m.partner_ids == self.vendor_a))
        self.assertFalse(self.entries_of(order))

    def test_vendor_without_read_access_logs_nothing(self):
        order = self.create_orders(self.vendor_b)
        self.env["ir.rule"].create(
            {
                "name": "hide the vendor",
                "model_id": self.env.ref("base.model_res_partner").id,
                "domain_force": f"[('id', '!=', {self.vendor_b.id})]",
                "groups": [Command.link(self.env.ref("base.group_user").id)],
            }
        )
        logged = self.entries.with_user(self.buyer)._log_document_event(
            order.with_user(self.buyer), "print"
        )
        self.assertFalse(logged)
        self.assertFalse(self.entries_of(order))

    def test_a_constant_number_of_queries_for_any_number_of_orders(self):
        vendors = self.vendor_a | self.vendor_b
        few = self.create_orders(vendors)
        many = self.create_orders([*vendors] * 10, confirm=True) | self.create_orders(
            [*vendors] * 5
        )
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        self.entries._log_document_event(few, "print")
        self.env.flush_all()
        queries = self.cr.sql_log_count - before
        self.env.invalidate_all()
        with self.assertQueryCount(queries):
            self.entries._log_document_event(many, "print")
            self.env.flush_all()
        self.assertEqual(len(self.entries_of(few | many)), 32)
