from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestNeverLogMeetings(TransactionCase):
    """Meetings respect never-log rules and the organiser's own list: the matching attendee
    gets no entry, the other attendees of the same meeting still do."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.interaction_template_meeting_id = cls.env.ref(
            "interaction_log.interaction_template_meeting_inhouse"
        )
        cls.organiser = new_test_user(cls.env, login="il_nl_organiser", groups="base.group_user")
        cls.colleague = new_test_user(cls.env, login="il_nl_colleague", groups="base.group_user")
        cls.customer, cls.supplier = cls.env["res.partner"].create(
            [
                {"name": "Private Customer", "email": "Customer@Private.Example"},
                {"name": "Meeting Supplier", "email": "sales@supplier.example"},
            ]
        )
        cls.cron = cls.env.ref("interaction_log_calendar.ir_cron_log_ended_meetings")

    def meeting(self, organiser):
        start = fields.Datetime.now().replace(microsecond=0) - timedelta(hours=3)
        return self.env["calendar.event"].create(
            {
                "name": "Project review",
                "start": start,
                "stop": start + timedelta(minutes=60),
                "user_id": organiser.id,
                "partner_ids": [(6, 0, (self.customer | self.supplier | organiser.partner_id).ids)],
            }
        )

    def run_cron(self):
        self.env.flush_all()
        with self.enter_registry_test_mode():
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def logged_contacts(self, event):
        return (
            self.env["interaction.log.entry"]
            .search([("res_model", "=", "calendar.event"), ("res_id", "=", event.id)])
            .partner_id
        )

    def test_a_never_logged_attendee_is_left_out(self):
        self.env["interaction.never.log.rule"].create(
            {"kind": "pattern", "value": "*@private.example", "company_id": self.company.id}
        )
        event = self.meeting(self.organiser)
        self.run_cron()
        self.assertEqual(self.logged_contacts(event), self.supplier)

    def test_the_organisers_own_list_applies(self):
        self.organiser.with_user(
            self.organiser
        ).interaction_never_log_addresses = "sales@supplier.example"
        mine = self.meeting(self.organiser)
        theirs = self.meeting(self.colleague)
        self.run_cron()
        self.assertEqual(self.logged_contacts(mine), self.customer)
        self.assertEqual(self.logged_contacts(theirs), self.customer | self.supplier)
