from contextlib import contextmanager

from odoo.fields import Command
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

INCOMING_EMAIL = """Return-Path: <{email}>
From: {name} <{email}>
To: sales@example.com
Subject: {subject}
Message-ID: {message_id}
Date: Mon, 23 Nov 2026 10:00:00 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Hello, could you send me the new catalogue?
"""


class AutomaticLoggingCommon(AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The accounting test user sells too.
        cls.env.user.group_ids += cls.env.ref("sales_team.group_sale_manager")
        cls.partner_a.email = "partner_a@example.com"
        cls.partner_b.email = "partner_b@example.com"
        cls.company = cls.env.company
        cls.company._interaction_fill_template_setup()
        cls.salesman = new_test_user(
            cls.env,
            login="il_salesman",
            groups="sales_team.group_sale_salesman,account.group_account_invoice",
        )
        cls.entries = cls.env["interaction.log.entry"]

    @classmethod
    def create_order(cls, partner=None, confirm=False):
        order = cls.env["sale.order"].create(
            {
                "partner_id": (partner or cls.partner_a).id,
                "user_id": cls.salesman.id,
                "order_line": [
                    Command.create({"product_id": cls.product_a.id, "product_uom_qty": 2})
                ],
            }
        )
        if confirm:
            order.action_confirm()
        return order

    @classmethod
    def create_invoice(cls, move_type="out_invoice", partner=None):
        return cls.init_invoice(
            move_type, partner=partner or cls.partner_a, products=cls.product_a, post=True
        )

    @contextmanager
    def refused_entry_inserts(self):
        """A real database failure: the server refuses every new entry, as a full disk or a
        broken constraint would."""
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

    def entries_of(self, documents):
        return self.entries.search(
            [("res_model", "=", documents._name), ("res_id", "in", documents.ids)], order="id"
        )


@tagged("post_install", "-at_install")
class TestAutomaticLogging(AutomaticLoggingCommon):
    def test_quotation_and_order_use_their_own_template(self):
        quotation, order = self.create_order(), self.create_order(confirm=True)
        self.entries._log_document_event(quotation | order, "print")
        self.assertRecordValues(
            self.entries_of(quotation | order),
            [
                {
                    "partner_id": self.partner_a.id,
                    "template_id": self.company._interaction_document_setup(
                        "quotation"
                    ).template_id.id,
                    "document_type": "quotation",
                    "document_name": quotation.name,
                    "name": f"Quotation {quotation.name}",
                    "correspondence_type": "paper",
                    "user_id": self.salesman.id,
                    "version_no": 1,
                    "res_model": "sale.order",
                    "res_id": quotation.id,
                },
                {
                    "partner_id": self.partner_a.id,
                    "template_id": self.company._interaction_document_setup("order").template_id.id,
                    "document_type": "order",
                    "document_name": order.name,
                    "name": f"Sales Order {order.name}",
                    "correspondence_type": "paper",
                    "user_id": self.salesman.id,
                    "version_no": 1,
                    "res_model": "sale.order",
                    "res_id": order.id,
                },
            ],
        )
        template = self.company._interaction_document_setup("quotation").template_id
        self.assertEqual(self.entries_of(quotation).cost, template.unit_cost)

    def test_invoice_and_credit_note(self):
        invoice, refund = self.create_invoice(), self.create_invoice("out_refund")
        bill = self.init_invoice(
            "in_invoice", partner=self.partner_a, products=self.product_a, post=True
        )
        self.entries._log_document_event(invoice | refund | bill, "email")
        self.assertEqual(
            self.entries_of(invoice | refund | bill).mapped("document_type"), ["invoice", "refund"]
        )
        self.assertEqual(self.entries_of(invoice).name, f"Invoice {invoice.name}")
        self.assertEqual(self.entries_of(invoice).correspondence_type, "email")

    def test_version_numbers_count_each_logging(self):
        invoice = self.create_invoice()
        for _ in range(3):
            self.entries._log_document_event(invoice, "print")
        self.entries._log_document_event(invoice | invoice, "email")
        self.assertEqual(self.entries_of(invoice).mapped("version_no"), [1, 2, 3, 4])

    def test_nothing_logged_without_template_partner_or_read_access(self):
        self.company._interaction_document_setup("invoice").template_id = False
        invoice = self.create_invoice()
        self.assertFalse(self.entries._log_document_event(invoice, "print"))

        self.company._interaction_fill_template_setup()
        private = self.env["res.partner"].create(
            {"name": "Private Customer", "email": "p@example.com"}
        )
        order = self.create_order(partner=private)
        self.env["ir.rule"].create(
            {
                "name": "hide the private customer",
                "model_id": self.env.ref("base.model_res_partner").id,
                "domain_force": f"[('id', '!=', {private.id})]",
                "groups": [Command.link(self.env.ref("base.group_user").id)],
            }
        )
        self.entries.with_user(self.salesman)._log_document_event(
            order.with_user(self.salesman), "print"
        )
        self.assertFalse(self.entries_of(order))

    def test_a_logging_failure_is_logged_not_raised(self):
        invoice = self.create_invoice()
        with (
            self.refused_entry_inserts(),
            self.assertLogs(
                "odoo.addons.interaction_log.models.interaction_log_entry", "ERROR"
            ) as logs,
        ):
            created = self.entries._log_document_event(invoice, "print")
        self.assertFalse(created)
        self.assertIn("was not logged", logs.output[0])
        self.assertFalse(self.entries_of(invoice))
        self.assertTrue(invoice.exists(), "the transaction goes on")

    def test_a_failed_log_keeps_the_users_tracked_write(self):
        """The log's savepoint flushes the pending tracking before it opens, so rolling the
        log back loses neither the user's change nor its tracking message."""
        order = self.create_order().with_context(tracking_disable=False, mail_notrack=False)
        self.env.cr.flush()  # a new record is not tracked until its creation is committed
        with (
            self.refused_entry_inserts(),
            mute_logger("odoo.addons.interaction_log.models.interaction_log_entry"),
        ):
            order.write({"user_id": self.env.user.id})
            self.entries._log_document_event(order, "print")
        self.env.flush_all()
        order.invalidate_recordset()
        self.assertEqual(order.user_id, self.env.user, "the user's change is kept")
        tracking = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "sale.order"),
                ("mail_message_id.res_id", "=", order.id),
            ]
        )
        self.assertIn(self.salesman.name, tracking.mapped("old_value_char"), "tracking is posted")
        self.assertFalse(self.entries_of(order))

    def test_programming_errors_are_not_hidden_in_tests(self):
        with self.assertRaises(TypeError):
            self.entries._log_safely("a broken call", lambda: None + 1)

    def test_batch_takes_a_constant_number_of_queries(self):
        invoices = self.env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "invoice_line_ids": [
                        Command.create({"product_id": self.product_a.id, "price_unit": 10})
                    ],
                }
                for partner in (self.partner_a, self.partner_b) * 20
            ]
        )
        invoices.action_post()
        counts = []
        for batch in (invoices[:1], invoices[1:5], invoices[5:]):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            self.entries._log_document_event(batch, "print")
            self.env.flush_all()
            counts.append(self.cr.sql_log_count - before)
        self.assertEqual(len(self.entries_of(invoices)), 40)
        self.assertEqual(counts[1], counts[2], f"queries for 1, 4 and 35 invoices: {counts}")

    def test_document_smart_button_and_open_document(self):
        order = self.create_order()
        self.entries._log_document_event(order, "print")
        self.assertEqual(order.interaction_count, 1)
        action = order.action_view_interactions()
        self.assertEqual(self.entries.search(action["domain"]), self.entries_of(order))
        opened = self.entries_of(order).action_open_document()
        self.assertEqual((opened["res_model"], opened["res_id"]), ("sale.order", order.id))


@tagged("post_install", "-at_install")
class TestEmailLogging(AutomaticLoggingCommon):
    def test_invoice_send_wizard_logs_one_email_entry(self):
        invoice = self.create_invoice()
        wizard = (
            self.env["account.move.send.wizard"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"sending_methods": ["email"]})
        )
        wizard.action_send_and_print()
        self.assertRecordValues(
            self.entries_of(invoice),
            [{"document_type": "invoice", "correspondence_type": "email", "version_no": 1}],
        )
        self.assertFalse(
            self.entries.search(
                [
                    ("template_id", "=", self.company.interaction_template_email_id.id),
                    ("partner_id", "=", self.partner_a.id),
                ]
            ),
            "no generic e-mail entry for the invoice's own e-mail",
        )

    def test_invoice_send_and_download_logs_both(self):
        invoice = self.create_invoice()
        wizard = (
            self.env["account.move.send.wizard"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"sending_methods": ["email", "manual"]})
        )
        wizard.action_send_and_print()
        self.assertEqual(
            sorted(self.entries_of(invoice).mapped("correspondence_type")), ["email", "paper"]
        )

    def test_quotation_send_wizard_logs_the_quotation_not_an_email(self):
        order = self.create_order()
        action = order.action_quotation_send()
        composer = Form(self.env["mail.compose.message"].with_context(**action["context"]))
        composer.save().action_send_mail()
        self.assertEqual(order.state, "sent")
        self.assertRecordValues(
            self.entries_of(order),
            [
                {
                    "document_type": "quotation",
                    "correspondence_type": "email",
                    "template_id": self.company._interaction_document_setup(
                        "quotation"
                    ).template_id.id,
                }
            ],
        )
        self.assertFalse(
            self.entries.search(
                [
                    ("template_id", "=", self.company.interaction_template_email_id.id),
                    ("partner_id", "=", self.partner_a.id),
                ]
            )
        )

    def test_chatter_email_to_two_contacts_logs_two_entries(self):
        order = self.create_order()
        message = order.message_post(
            body="Here is the planning",
            subject="Planning",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=(self.partner_a | self.partner_b).ids,
        )
        entries = self.entries.search([("message_id", "=", message.message_id)])
        self.assertEqual(entries.partner_id, self.partner_a | self.partner_b)
        for entry in entries:
            self.assertRecordValues(
                entry,
                [
                    {
                        "information_flow": "outbound",
                        "initiated_by": "us",
                        "name": "Planning",
                        "template_id": self.company.interaction_template_email_id.id,
                        "res_model": "sale.order",
                        "res_id": order.id,
                    }
                ],
            )

    def test_notes_and_internal_recipients_are_not_interactions(self):
        order = self.create_order()
        order.message_post(
            body="Internal note", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        order.message_post(
            body="To a colleague",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.salesman.partner_id.ids,
        )
        self.assertFalse(
            self.entries.search([("res_model", "=", "sale.order"), ("res_id", "=", order.id)])
        )

    def test_a_note_that_emails_a_contact_is_logged(self):
        """Odoo e-mails the external contacts a note names: that e-mail reached them."""
        order = self.create_order()
        message = order.message_post(
            body="Note naming a customer",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            partner_ids=self.partner_a.ids,
        )
        self.assertEqual(message.notification_ids.notification_type, "email")
        self.assertEqual(
            self.entries.search(
                [("res_model", "=", "sale.order"), ("res_id", "=", order.id)]
            ).partner_id,
            self.partner_a,
        )

    def test_incoming_email_logs_an_inbound_entry_once(self):
        raw = INCOMING_EMAIL.format(
            email=self.partner_b.email,
            name=self.partner_b.name,
            subject="Catalogue request",
            message_id="<catalogue-1@example.com>",
        )
        with mute_logger("odoo.addons.mail.models.mail_thread"):
            self.env["mail.thread"].message_process("res.partner", raw, thread_id=self.partner_a.id)
        # Odoo's gateway drops a second delivery of the same Message-Id before the module sees
        # it; the module's own rule holds for a message reaching the log a second way.
        message = self.env["mail.message"].search(
            [("message_id", "=", "<catalogue-1@example.com>")]
        )
        self.assertFalse(self.entries._log_email_message(message))
        # The gateway runs as the superuser, in its company: look with sudo.
        entries = self.entries.sudo().search([("message_id", "=", "<catalogue-1@example.com>")])
        self.assertRecordValues(
            entries,
            [
                {
                    "partner_id": self.partner_b.id,
                    "information_flow": "inbound",
                    "initiated_by": "them",
                    "name": "Catalogue request",
                    "correspondence_type": "email",
                }
            ],
        )

    def test_same_message_id_is_logged_once(self):
        for _ in range(2):
            self.partner_a.message_post(
                body="Same e-mail",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=self.partner_b.ids,
                message_id="<same-id@example.com>",
            )
        self.assertEqual(
            len(self.entries.search([("message_id", "=", "<same-id@example.com>")])), 1
        )

    def test_no_email_template_no_entry(self):
        self.company.interaction_template_email_id = False
        order = self.create_order()
        order.message_post(
            body="Hello",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.partner_a.ids,
        )
        self.assertFalse(self.entries_of(order))
