import json

from odoo import http
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import JsonRpcMixin


@tagged("post_install", "-at_install")
class TestLogIsEvidence(JsonRpcMixin, HttpCase):
    """The holes of the security audit, each tried as the attacker would: a plain internal
    user, a user of another company, a portal customer, an anonymous visitor with a
    quotation link, over JSON-RPC and the public routes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env["res.company"].create({"name": "Audit A"})
        cls.company_b = cls.env["res.company"].create({"name": "Audit B"})
        (cls.company_a | cls.company_b)._interaction_fill_template_setup()
        cls.user_a = new_test_user(
            cls.env,
            login="audit_user_a",
            groups="base.group_user,base.group_partner_manager",
            company_id=cls.company_a.id,
            company_ids=cls.company_a.ids,
        )
        cls.user_ab = new_test_user(
            cls.env,
            login="audit_user_ab",
            groups="base.group_user",
            company_id=cls.company_a.id,
            company_ids=(cls.company_a | cls.company_b).ids,
        )
        cls.salesman = new_test_user(
            cls.env,
            login="audit_salesman",
            groups="sales_team.group_sale_salesman_all_leads",
            company_id=cls.company_a.id,
            company_ids=cls.company_a.ids,
        )
        group = cls.env["interaction.group"].create({"code": "AUDIT", "name": "Audit"})
        cls.template_shared = cls.env["interaction.template"].create(
            {"code": "AUDIT_SHARED", "name": "Shared call", "group_id": group.id}
        )
        cls.template_a, cls.template_b = cls.env["interaction.template"].create(
            [
                {
                    "code": "AUDIT_A",
                    "name": "A call",
                    "group_id": group.id,
                    "company_id": company.id,
                }
                for company in (cls.company_a, cls.company_b)
            ]
        )
        cls.partner_a, cls.partner_b = cls.env["res.partner"].create(
            [
                {"name": "Anna of A", "email": "anna@a.example", "company_id": cls.company_a.id},
                {"name": "Bert of B", "email": "bert@b.example", "company_id": cls.company_b.id},
            ]
        )
        cls.shared_partner = cls.env["res.partner"].create(
            {"name": "Shared customer", "email": "shared@example.com"}
        )
        product = cls.env["product.product"].create({"name": "Audit product", "list_price": 10})
        cls.order_a = cls.env["sale.order"].create(
            {
                "partner_id": cls.shared_partner.id,
                "company_id": cls.company_a.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        cls.entries = cls.env["interaction.log.entry"]

    def entries_of(self, document):
        return self.entries.sudo().search(
            [("res_model", "=", document._name), ("res_id", "=", document.id)]
        )

    def new_entry(self, user, **values):
        return self.rpc(
            user,
            "interaction.log.entry",
            "create",
            {"partner_id": self.partner_a.id, "template_id": self.template_shared.id, **values},
        )

    # 1. Entries stay in their company ---------------------------------------------------

    def test_1_a_postponed_entry_cannot_be_moved_into_another_company(self):
        created = self.new_entry(self.user_a, postponed=True)
        entry = self.entries.browse(created["result"])
        attempts = [
            {
                "company_id": self.company_b.id,
                "partner_id": self.partner_b.id,
                "template_id": self.template_b.id,
                "postponed": False,
            },
            {"company_id": self.company_b.id},
            {"partner_id": self.partner_b.id},
            {"template_id": self.template_b.id},
        ]
        for values in attempts:
            with self.subTest(values=values):
                message = self.rpc_error(
                    self.rpc(self.user_a, "interaction.log.entry", "write", [entry.id], values)
                )
                self.assertRegex(message, "set by Odoo itself|company crossover")
        self.assertRecordValues(
            entry,
            [{"company_id": self.company_a.id, "partner_id": self.partner_a.id, "postponed": True}],
        )

    def test_1_an_entry_cannot_be_created_in_a_company_of_someone_else(self):
        message = self.rpc_error(
            self.new_entry(
                self.user_a,
                company_id=self.company_b.id,
                partner_id=self.partner_b.id,
                template_id=self.template_b.id,
            )
        )
        self.assertTrue(message)
        self.assertFalse(self.entries.sudo().search([("partner_id", "=", self.partner_b.id)]))

    def test_1_segments_and_their_lines_stay_in_their_company(self):
        segment = self.env["interaction.segment"].create(
            {
                "name": "A mailing",
                "company_id": self.company_a.id,
                "template_id": self.template_a.id,
            }
        )
        self.rpc_error(
            self.rpc(
                self.user_a,
                "interaction.segment",
                "write",
                [segment.id],
                {"company_id": self.company_b.id},
            )
        )
        self.assertEqual(segment.company_id, self.company_a)
        self.rpc_error(
            self.rpc(
                self.user_a,
                "interaction.segment.line",
                "create",
                {"segment_id": segment.id, "partner_id": self.partner_b.id},
            )
        )
        self.assertFalse(segment.line_ids)

    # 2. Nobody outside forges an e-mail or a send ---------------------------------------

    def post_as_visitor(self, document, post_data, context):
        self.authenticate(None, None)
        response = self.url_open(
            "/mail/message/post",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "thread_model": document._name,
                        "thread_id": document.id,
                        "post_data": post_data,
                        "context": context,
                        "token": document._portal_ensure_token(),
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        result = response.json()
        self.assertIn("result", result, "the visitor's post itself goes through")
        return result

    def test_2_a_visitor_with_a_quotation_link_forges_no_send(self):
        self.post_as_visitor(
            self.order_a,
            {"body": "Looks good", "message_type": "comment"},
            {"mark_so_as_sent": True},
        )
        self.assertFalse(self.entries_of(self.order_a), "no 'Quotation e-mailed' from a visitor")

    def test_2_a_visitor_forges_no_incoming_email(self):
        self.post_as_visitor(self.order_a, {"body": "I am an e-mail", "message_type": "email"}, {})
        self.assertFalse(self.entries_of(self.order_a), "no incoming e-mail from a visitor")

    def test_2_a_context_key_does_not_keep_a_real_email_out_of_the_log(self):
        self.authenticate(self.salesman.login, self.salesman.login)
        response = self.url_open(
            "/mail/message/post",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "thread_model": "sale.order",
                        "thread_id": self.order_a.id,
                        "post_data": {
                            "body": "Your quotation",
                            "message_type": "comment",
                            "subtype_xmlid": "mail.mt_comment",
                            "partner_ids": self.shared_partner.ids,
                        },
                        "context": {"interaction_log_document_email": True},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertIn("result", response.json())
        self.assertEqual(self.entries_of(self.order_a).partner_id, self.shared_partner)

    # 3. The fields automatic logging sets are the system's -------------------------------

    def test_3_a_user_without_sales_rights_cannot_forge_a_print(self):
        message = self.rpc_error(
            self.new_entry(
                self.user_a,
                partner_id=self.shared_partner.id,
                res_model="sale.order",
                res_id=self.order_a.id,
                document_type="quotation",
                document_name=self.order_a.name,
            )
        )
        self.assertIn("set by Odoo itself", message)
        self.assertFalse(self.entries_of(self.order_a))

    def test_3_a_copy_of_a_print_is_no_second_print(self):
        printed = self.entries._log_document_event(self.order_a, "print")
        self.assertEqual(printed.version_no, 1)
        result = self.rpc(self.salesman, "interaction.log.entry", "copy", [printed.id])
        self.assertIn("result", result)
        copy = self.entries.browse(result["result"])
        self.assertFalse(copy.res_model or copy.res_id or copy.document_type)
        self.assertEqual(self.entries_of(self.order_a), printed)

    def test_3_a_draft_cannot_claim_a_message_id_to_hide_an_email(self):
        message_id = "<not-yet-received@example.com>"
        for values in ({"message_id": message_id}, {"logged_segment_id": 1}):
            with self.subTest(values=values):
                self.rpc_error(self.new_entry(self.user_a, postponed=True, **values))
        draft = self.entries.browse(self.new_entry(self.user_a, postponed=True)["result"])
        self.rpc_error(
            self.rpc(
                self.user_a,
                "interaction.log.entry",
                "write",
                [draft.id],
                {"message_id": message_id},
            )
        )
        self.rpc_error(
            self.rpc(
                self.user_a,
                "interaction.log.entry",
                "create",
                {"partner_id": self.partner_a.id, "template_id": self.template_shared.id},
                context={"default_message_id": message_id},
            )
        )
        # Import takes the same path.
        result = self.rpc(
            self.user_a,
            "interaction.log.entry",
            "load",
            ["partner_id/.id", "template_id/.id", "message_id"],
            [[str(self.partner_a.id), str(self.template_shared.id), message_id]],
        )
        self.assertFalse(result["result"]["ids"])
        self.assertFalse(self.entries.sudo().search([("message_id", "=", message_id)]))

    # 4. Nothing leaks across companies --------------------------------------------------

    def test_4_a_segment_line_does_not_reveal_another_companys_contact(self):
        segment = self.env["interaction.segment"].with_user(self.user_a).create({"name": "Mine"})
        result = self.rpc(
            self.user_a,
            "interaction.segment.line",
            "create",
            {"segment_id": segment.id, "partner_id": self.partner_b.id},
        )
        self.rpc_error(result)
        self.assertNotIn("bert@b.example", json.dumps(result))

    def test_4_version_numbers_count_only_what_the_user_may_see(self):
        # Created in B rather than copied from A: with stock installed, a copy would keep A's
        # warehouse.
        order_b = (
            self.env["sale.order"]
            .sudo()
            .with_company(self.company_b)
            .create({"partner_id": self.partner_b.id, "company_id": self.company_b.id})
        )
        self.entries._log_document_event(order_b, "print")
        self.entries._log_document_event(order_b, "print")
        # An entry of company A on the same document (a user of both companies printed it
        # while working in A).
        own = self.entries._create_logged_entries(
            [
                {
                    "partner_id": self.shared_partner.id,
                    "template_id": self.template_shared.id,
                    "company_id": self.company_a.id,
                    "name": "Print",
                    "res_model": "sale.order",
                    "res_id": order_b.id,
                    "document_type": "quotation",
                }
            ]
        )
        result = self.rpc(self.user_a, "interaction.log.entry", "read", [own.id], ["version_no"])
        self.assertEqual(result["result"][0]["version_no"], 1, "B's two prints are not counted")

    def test_4_refusing_to_delete_a_shared_contact_does_not_count_other_companies(self):
        for _ in range(3):
            self.entries._create_logged_entries(
                [
                    {
                        "partner_id": self.shared_partner.id,
                        "template_id": self.template_b.id,
                        "company_id": self.company_b.id,
                    }
                ]
            )
        message = self.rpc_error(
            self.rpc(self.user_a, "res.partner", "unlink", [self.shared_partner.id])
        )
        self.assertIn("archive the contact instead", message)
        self.assertNotIn("3", message)
        self.assertIn("0 in your companies", message)

    # 5. Logged history cannot be rewritten ----------------------------------------------

    def logged_segment(self):
        segment = self.env["interaction.segment"].create(
            {"name": "Logged", "company_id": self.company_a.id, "template_id": self.template_a.id}
        )
        segment._add_partners(self.partner_a)
        segment.action_log()
        return segment, segment.logged_segment_ids

    def test_5_an_entry_of_a_cancelled_logged_segment_cannot_be_restored_alone(self):
        _segment, logged = self.logged_segment()
        logged.action_cancel()
        entry = logged.with_context(active_test=False).entry_ids
        self.assertTrue(entry.canceled)
        for value in (False, 0, None, ""):
            with self.subTest(value=value):
                message = self.rpc_error(
                    self.rpc(
                        self.user_a,
                        "interaction.log.entry",
                        "write",
                        [entry.id],
                        {"canceled": value},
                    )
                )
                self.assertIn("restore the logged segment", message)
        self.assertTrue(entry.canceled)

    def test_5_a_logged_segment_is_not_rewritten(self):
        _segment, logged = self.logged_segment()
        for values in (
            {"date": "2020-01-01 00:00:00"},
            {"user_id": self.salesman.id},
            {"company_id": self.company_b.id},
            {"canceled": True},
        ):
            with self.subTest(values=values):
                self.rpc_error(
                    self.rpc(
                        self.user_a, "interaction.logged.segment", "write", [logged.id], values
                    )
                )
        self.assertFalse(logged.canceled)
        self.assertEqual(logged.company_id, self.company_a)
        result = self.rpc(
            self.user_a, "interaction.logged.segment", "write", [logged.id], {"name": "Renamed"}
        )
        self.assertIn("result", result, "the name stays the user's")

    def test_5_a_line_cannot_join_a_logged_segment_through_a_default(self):
        segment, _logged = self.logged_segment()
        message = self.rpc_error(
            self.rpc(
                self.user_a,
                "interaction.segment.line",
                "create",
                {"partner_id": self.shared_partner.id},
                context={"default_segment_id": segment.id},
            )
        )
        self.assertIn("is logged", message)
        self.assertEqual(segment.line_ids.partner_id, self.partner_a)

    # 6. Segment logging respects companies ----------------------------------------------

    def test_6_a_segment_moved_to_another_company_does_not_log_with_the_old_template(self):
        segment = (
            self.env["interaction.segment"]
            .with_user(self.user_ab)
            .create(
                {
                    "name": "Moved",
                    "company_id": self.company_a.id,
                    "template_id": self.template_a.id,
                }
            )
        )
        segment._add_partners(self.shared_partner)
        segment.write({"company_id": self.company_b.id, "template_id": False})
        result = self.rpc(self.user_ab, "interaction.segment", "action_log", [segment.id])
        self.assertIn("another company", self.rpc_error(result))
        self.assertFalse(self.entries.sudo().search([("partner_id", "=", self.shared_partner.id)]))


@tagged("post_install", "-at_install")
class TestPrintsAreWhatWasProduced(HttpCase):
    """7. and the routes: a print is logged when a document was produced, by an internal
    user, at their own request."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company._interaction_fill_template_setup()
        cls.env.user.group_ids += cls.env.ref("sales_team.group_sale_manager")
        product = cls.env["product.product"].create({"name": "Printed product", "list_price": 10})
        cls.customer = cls.env["res.partner"].create(
            {"name": "Printed customer", "email": "p@example.com"}
        )
        cls.invoices = cls.env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": cls.customer.id,
                    "invoice_line_ids": [
                        Command.create({"product_id": product.id, "price_unit": 5})
                    ],
                }
                for _ in range(2)
            ]
        )
        cls.invoices.action_post()
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        cls.entries = cls.env["interaction.log.entry"]

    def entries_of(self, documents):
        return self.entries.sudo().search(
            [("res_model", "=", documents._name), ("res_id", "in", documents.ids)]
        )

    def test_7_only_invoices_with_a_document_in_the_download_are_logged(self):
        with_pdf, without_pdf = self.invoices
        self.env["account.move.send"]._generate_and_send_invoices(
            with_pdf, sending_methods={"manual"}
        )
        self.assertTrue(with_pdf.invoice_pdf_report_id)
        before = len(self.entries_of(with_pdf))
        self.authenticate("admin", "admin")
        response = self.url_open(
            f"/account/download_invoice_documents/{with_pdf.id},{without_pdf.id}/pdf?allow_fallback="
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(self.entries_of(with_pdf)), before + 1)
        self.assertFalse(self.entries_of(without_pdf), "no document, no print")

    def report_download(self, method="POST", headers=None):
        url = f"/report/pdf/sale.report_saleorder/{self.order.id}"
        data = {
            "data": json.dumps([url, "qweb-pdf"]),
            "context": json.dumps({"lang": "en_US"}),
            "token": "dummy",
        }
        if method == "POST":
            data["csrf_token"] = http.Request.csrf_token(self)
            return self.url_open("/report/download", data=data, headers=headers)
        return self.url_open("/report/download", params=data, headers=headers)

    def test_a_print_is_logged_for_the_web_clients_own_request(self):
        self.authenticate("admin", "admin")
        response = self.report_download(headers={"Sec-Fetch-Site": "same-origin"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(self.entries_of(self.order)), 1)

    def test_a_cross_site_request_logs_no_print(self):
        self.authenticate("admin", "admin")
        response = self.report_download("GET", headers={"Sec-Fetch-Site": "cross-site"})
        self.assertEqual(response.status_code, 200, "the route itself still answers")
        response = self.report_download("GET")
        self.assertEqual(response.status_code, 200)
        response = self.url_open(
            f"/account/download_invoice_documents/{self.invoices[0].id}/pdf",
            headers={"Sec-Fetch-Site": "cross-site"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self.entries_of(self.order))
        self.assertFalse(self.entries_of(self.invoices))

    def test_a_customers_own_download_is_not_our_print(self):
        """A customer fetching their quotation from the portal received nothing from us at
        that moment: no entry. The backend report route does not log a portal user either."""
        portal = new_test_user(self.env, login="audit_portal", groups="base.group_portal")
        self.order.partner_id = portal.partner_id
        self.order.message_subscribe(portal.partner_id.ids)
        self.authenticate("audit_portal", "audit_portal")
        response = self.url_open(
            f"/my/orders/{self.order.id}?report_type=pdf&download=true"
            f"&access_token={self.order._portal_ensure_token()}"
        )
        self.assertEqual(response.status_code, 200)
        self.report_download()
        self.assertFalse(self.entries_of(self.order))
