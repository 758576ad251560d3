from odoo.tests import tagged

from .common import InteractionLogCommon


@tagged("post_install", "-at_install")
class TestActivityLoggingMultiCompany(InteractionLogCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Activity Company B"})
        cls.env.user.company_ids |= cls.company_b
        cls.call_type = cls.env.ref("mail.mail_activity_data_call")
        cls.entries = cls.env["interaction.log.entry"]

    def done_call(self, record):
        record.activity_schedule("mail.mail_activity_data_call", summary="Call").action_done()
        return self.entries.search([("res_model", "=", record._name), ("res_id", "=", record.id)])

    def test_entry_takes_the_company_of_the_record(self):
        self.call_type.interaction_template_id = self.template_call  # shared template
        order = self.env["sale.order"].create(
            {"partner_id": self.lone_partner.id, "company_id": self.company_b.id}
        )
        self.assertEqual(self.done_call(order).company_id, self.company_b)

    def test_entry_takes_the_company_of_the_contact(self):
        self.call_type.interaction_template_id = self.template_call
        contact_b = self.env["res.partner"].create(
            {"name": "Contact of B", "company_id": self.company_b.id}
        )
        self.assertEqual(self.done_call(contact_b).company_id, self.company_b)

    def test_template_of_another_company_logs_nothing(self):
        template_a = self.template_call.copy({"code": "T_CALL_A", "company_id": self.company_a.id})
        self.call_type.interaction_template_id = template_a
        contact_b = self.env["res.partner"].create(
            {"name": "Contact of B", "company_id": self.company_b.id}
        )
        self.assertFalse(self.done_call(contact_b))
        self.assertTrue(self.done_call(self.lone_partner), "logged in company A")
