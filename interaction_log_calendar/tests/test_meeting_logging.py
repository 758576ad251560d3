from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestMeetingLogging(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.interaction_template_meeting_id = cls.env.ref(
            "interaction_log.interaction_template_meeting_inhouse"
        )
        cls.organiser = new_test_user(cls.env, login="il_organiser", groups="base.group_user")
        cls.colleague = new_test_user(cls.env, login="il_colleague", groups="base.group_user")
        cls.customer, cls.supplier, cls.refuser = cls.env["res.partner"].create(
            [
                {"name": "Meeting Customer"},
                {"name": "Meeting Supplier"},
                {"name": "Meeting Refuser"},
            ]
        )
        cls.entries = cls.env["interaction.log.entry"]
        cls.cron = cls.env.ref("interaction_log_calendar.ir_cron_log_ended_meetings")

    def meeting(self, hours_ago=3, attendees=None, **values):
        start = fields.Datetime.now().replace(microsecond=0) - timedelta(hours=hours_ago)
        attendees = attendees if attendees is not None else self.customer | self.supplier
        return self.env["calendar.event"].create(
            {
                "name": "Project review",
                "start": start,
                "stop": start + timedelta(minutes=90),
                "user_id": self.organiser.id,
                "partner_ids": [(6, 0, (attendees | self.organiser.partner_id).ids)],
                **values,
            }
        )

    def run_cron(self):
        self.env.flush_all()
        with self.enter_registry_test_mode():
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def entries_of(self, events):
        return self.entries.search(
            [("res_model", "=", "calendar.event"), ("res_id", "in", events.ids)],
            order="partner_id",
        )

    def test_ended_meeting_logs_one_entry_per_external_attendee(self):
        event = self.meeting(
            attendees=self.customer | self.supplier | self.refuser | self.colleague.partner_id
        )
        event.attendee_ids.filtered(lambda a: a.partner_id == self.refuser).do_decline()
        self.run_cron()
        entries = self.entries_of(event)
        self.assertEqual(
            entries.partner_id,
            self.customer | self.supplier,
            "not the one who declined, not the organiser, not a colleague",
        )
        self.assertRecordValues(
            entries[:1],
            [
                {
                    "template_id": self.company.interaction_template_meeting_id.id,
                    "name": "Project review",
                    "date": event.start,
                    "duration": 90,
                    "user_id": self.organiser.id,
                    "company_id": self.company.id,
                    "res_model": "calendar.event",
                    "res_id": event.id,
                    "state": "logged",
                }
            ],
        )
        opened = entries[:1].action_open_document()
        self.assertEqual((opened["res_model"], opened["res_id"]), ("calendar.event", event.id))

    def test_logged_once(self):
        event = self.meeting()
        self.run_cron()
        self.run_cron()
        self.assertEqual(len(self.entries_of(event)), 2)
        self.assertTrue(event.sudo().interaction_logged)

    def test_meetings_not_ended_cancelled_or_moved_log_nothing(self):
        future = self.meeting(hours_ago=-24)
        running = self.meeting(hours_ago=1)  # ends in half an hour
        cancelled = self.meeting()
        cancelled.action_archive()
        moved = self.meeting()
        moved.write(
            {"start": moved.start + timedelta(days=2), "stop": moved.stop + timedelta(days=2)}
        )
        self.run_cron()
        self.assertFalse(self.entries_of(future | running | cancelled | moved))
        self.assertFalse(moved.sudo().interaction_logged, "logged when it has ended")

    def test_removed_attendee_keeps_the_history(self):
        event = self.meeting()
        self.run_cron()
        event.partner_ids = [(3, self.supplier.id)]
        self.assertEqual(self.entries_of(event).partner_id, self.customer | self.supplier)

    def test_no_template_logs_nothing_but_the_meeting_counts_as_seen(self):
        self.company.interaction_template_meeting_id = False
        event = self.meeting()
        self.run_cron()
        self.assertFalse(self.entries_of(event))
        self.assertTrue(event.sudo().interaction_logged)

    def test_contact_of_another_company_logs_in_that_company(self):
        company_b = self.env["res.company"].create({"name": "Meeting Company B"})
        template_b = self.env.ref("interaction_log.interaction_template_meeting_onsite").copy(
            {"code": "MEET_B", "company_id": company_b.id}
        )
        company_b.interaction_template_meeting_id = template_b
        self.supplier.company_id = company_b
        event = self.meeting()
        self.run_cron()
        entries = self.entries_of(event)
        self.assertEqual(
            {(e.partner_id, e.company_id, e.template_id) for e in entries},
            {
                (self.customer, self.company, self.company.interaction_template_meeting_id),
                (self.supplier, company_b, template_b),
            },
        )

    def test_meeting_activity_done_is_not_logged_twice(self):
        event = self.meeting()
        activity = self.customer.activity_schedule(
            "mail.mail_activity_data_meeting", summary="Project review", calendar_event_id=event.id
        )
        activity.action_done()
        self.assertFalse(self.entries.search([("partner_id", "=", self.customer.id)]))
        self.run_cron()
        self.assertEqual(len(self.entries.search([("partner_id", "=", self.customer.id)])), 1)

    def test_meeting_activity_without_event_is_logged(self):
        self.customer.activity_schedule(
            "mail.mail_activity_data_meeting", summary="Met at the fair"
        ).action_done()
        self.assertEqual(
            self.entries.search([("partner_id", "=", self.customer.id)]).template_id,
            self.env.ref("interaction_log.interaction_template_meeting_inhouse"),
        )

    def test_flag_is_not_writable_by_users(self):
        event = self.meeting()
        with self.assertRaises(AccessError):
            event.with_user(self.organiser).write({"interaction_logged": True})

    def test_many_meetings_log_in_constant_queries(self):
        partners = self.env["res.partner"].create([{"name": f"Guest {i}"} for i in range(60)])
        events = self.env["calendar.event"]
        for index in range(30):
            events |= self.meeting(attendees=partners[2 * index : 2 * index + 2])
        counts = []
        for batch in (events[:1], events[1:6], events[6:]):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            self.entries._log_meetings(batch)
            self.env.flush_all()
            counts.append(self.cr.sql_log_count - before)
        self.assertEqual(len(self.entries_of(events)), 60)
        self.assertEqual(counts[1], counts[2], f"queries for 1, 5 and 24 meetings: {counts}")
