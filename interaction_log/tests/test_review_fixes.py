from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, new_test_user, tagged

from .common import JsonRpcMixin
from .test_automatic_logging import AutomaticLoggingCommon


@tagged("post_install", "-at_install")
class TestReviewFixes(AutomaticLoggingCommon):
    """The points found by reading the code (ecosystem issue, part 5), each with the test
    that failed before its fix."""

    def test_3_sending_in_batch_logs_no_print(self):
        invoice = self.create_invoice()
        # What the send wizard leaves for the cron when it sends in the background.
        invoice.sending_data = {
            "author_user_id": self.env.user.id,
            "author_partner_id": self.env.user.partner_id.id,
            "sending_methods": ["manual"],
        }
        self.env["account.move.send"]._generate_and_send_invoices(invoice, from_cron=True)
        self.assertTrue(invoice.invoice_pdf_report_id, "the batch did generate the PDF")
        self.assertFalse(self.entries_of(invoice), "nothing was downloaded")
        self.env["account.move.send"]._generate_and_send_invoices(
            self.create_invoice() | invoice, sending_methods={"manual"}
        )
        self.assertEqual(len(self.entries_of(invoice)), 1, "a download by the user is a print")

    def test_4_a_discuss_mention_of_a_portal_user_is_no_email(self):
        portal = new_test_user(self.env, login="il_review_portal", groups="base.group_portal")
        channel = self.env["discuss.channel"].create(
            {"name": "Customers", "channel_type": "channel"}
        )
        channel._add_members(users=portal)
        channel.message_post(
            body="Hello @portal",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=portal.partner_id.ids,
        )
        self.assertFalse(self.entries.search([("partner_id", "=", portal.partner_id.id)]))

    def test_4_followers_who_receive_the_email_are_logged(self):
        order = self.create_order()
        order.message_subscribe(self.partner_b.ids)
        message = order.message_post(
            body="News for everyone following",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.partner_a.ids,
        )
        emailed = message.notification_ids.filtered(
            lambda notification: notification.notification_type == "email"
        ).res_partner_id
        self.assertEqual(emailed, self.partner_a | self.partner_b)
        self.assertEqual(self.entries_of(order).partner_id, self.partner_a | self.partner_b)

    def test_4_automatic_emails_posted_from_a_template_are_logged(self):
        order = self.create_order()
        order.message_subscribe(self.partner_a.ids)
        template = self.env["mail.template"].create(
            {
                "name": "Thank you",
                "model_id": self.env.ref("sale.model_sale_order").id,
                "subject": "Thank you for your order",
                "body_html": "<p>Thank you</p>",
            }
        )
        order.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
        self.assertRecordValues(
            self.entries_of(order),
            [{"partner_id": self.partner_a.id, "name": "Thank you for your order"}],
        )

    def test_5_the_template_setup_is_checked_when_saved(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        setup = self.company._interaction_document_setup("invoice")
        foreign = setup.template_id.sudo().copy({"code": "REVIEW_FOREIGN", "company_id": other.id})
        with self.assertRaisesRegex(ValidationError, "belongs to Other Co"):
            setup.template_id = foreign
        with self.assertRaisesRegex(ValidationError, "belongs to Other Co"):
            self.company.interaction_template_email_id = foreign

    def test_5_an_email_to_a_contact_of_another_company_is_logged_in_its_company(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        other._interaction_fill_template_setup()
        contact = self.env["res.partner"].create(
            {"name": "Other's contact", "email": "other@example.com", "company_id": other.id}
        )
        # A record without a company: the contact's own company is used.
        contact.message_post(
            body="Hello",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=contact.ids,
        )
        entry = self.entries.sudo().search([("partner_id", "=", contact.id)])
        self.assertEqual(entry.company_id, other)

    def test_5_what_cannot_be_logged_is_skipped_without_an_error(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        contact = self.env["res.partner"].create(
            {"name": "Other's contact", "email": "other@example.com", "company_id": other.id}
        )
        order = self.create_order()  # of the main company
        with self.assertNoLogs("odoo.addons.interaction_log.models.interaction_log_entry", "ERROR"):
            order.message_post(
                body="Hello",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=contact.ids,
            )
        self.assertFalse(self.entries.sudo().search([("partner_id", "=", contact.id)]))

    def test_6_chatter_emails_are_not_versions_of_the_document(self):
        order = self.create_order()
        self.entries._log_document_event(order, "print")
        order.message_post(
            body="A question",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.partner_a.ids,
        )
        self.entries._log_document_event(order, "print")
        entries = self.entries_of(order)
        self.assertEqual(
            [(entry.document_type, entry.version_no) for entry in entries],
            [("quotation", 1), (False, 0), ("quotation", 2)],
        )

    def test_7_save_for_later_takes_a_future_date(self):
        tomorrow = fields.Datetime.now() + timedelta(days=2)
        template = self.company.interaction_template_email_id
        wizard = Form(
            self.env["interaction.log.wizard"].with_context(
                active_model="res.partner", active_ids=self.partner_a.ids
            )
        )
        wizard.template_id = template
        wizard.date = tomorrow
        record = wizard.save()
        with self.assertRaisesRegex(ValidationError, "in the future"):
            record.action_log()
        record.action_save_for_later()
        entry = self.entries.search(
            [("partner_id", "=", self.partner_a.id), ("postponed", "=", True)]
        )
        self.assertEqual(entry.date, tomorrow.replace(microsecond=0))

    def test_8_a_draft_invoice_prints_under_its_draft_name(self):
        draft = self.init_invoice("out_invoice", partner=self.partner_a, products=self.product_a)
        self.assertFalse(draft.name and draft.name != "/")
        entry = self.entries._log_document_event(draft, "print")
        self.assertNotIn("False", entry.name)
        self.assertEqual(entry.name, f"Invoice {draft.display_name}")

    def test_9_logging_no_segment_is_no_error(self):
        self.assertTrue(self.env["interaction.segment"].action_log())

    def test_9_the_segment_insert_checks_the_templates_company(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        self.env.user.company_ids += other
        foreign = self.company.interaction_template_email_id.sudo().copy(
            {"code": "REVIEW_OTHER", "company_id": other.id}
        )
        segment = self.env["interaction.segment"].create(
            {"name": "Mixed", "company_id": other.id, "template_id": foreign.id}
        )
        segment._add_partners(self.partner_a)
        segment.write({"company_id": self.company.id, "template_id": False})
        with self.assertRaisesRegex(UserError, "another company"):
            segment.action_log()


@tagged("post_install", "-at_install")
class TestReviewFixesOverRpc(JsonRpcMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Review B"})
        cls.manager_a = new_test_user(
            cls.env,
            login="il_review_manager",
            groups="base.group_user,interaction_log.group_interaction_manager",
            company_id=cls.company_a.id,
            company_ids=cls.company_a.ids,
        )

    def test_1_the_purge_setting_of_another_company_cannot_be_changed(self):
        self.company_b.interaction_retention_days = 365
        result = self.rpc(
            self.manager_a,
            "interaction.retention.wizard",
            "create",
            {"company_id": self.company_b.id, "interaction_retention_days": 1},
        )
        wizard_id = result["result"]
        self.rpc(self.manager_a, "interaction.retention.wizard", "action_save", [wizard_id])
        self.assertEqual(self.company_b.interaction_retention_days, 365)
        self.assertEqual(self.company_a.interaction_retention_days, 1)

    def test_10_saved_criteria_and_their_steps_stay_in_their_company(self):
        criteria = self.env["interaction.segment.criteria"].create(
            {
                "name": "B's best customers",
                "company_id": self.company_b.id,
                "step_ids": [(0, 0, {"action": "add", "domain": "[('id', '=', 1)]"})],
            }
        )
        for model, ids in (
            ("interaction.segment.criteria", criteria.ids),
            ("interaction.segment.criterion", criteria.step_ids.ids),
        ):
            with self.subTest(model=model):
                self.assertEqual(
                    self.rpc(self.manager_a, model, "search", [("id", "in", ids)])["result"], []
                )
                self.rpc_error(self.rpc(self.manager_a, model, "read", ids, ["name"]))
        with self.assertRaises(AccessError):
            criteria.with_user(self.manager_a).read(["name"])
