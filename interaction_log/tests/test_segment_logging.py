from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import InteractionLogCommon


@tagged("post_install", "-at_install")
class TestSegmentLogging(InteractionLogCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contacts = cls.contact_anna | cls.contact_bob | cls.lone_partner
        cls.segment = cls.env["interaction.segment"].create(
            {
                "name": "Newsletter",
                "template_id": cls.template_call.id,
                "date": "2026-05-04 09:00:00",
            }
        )
        cls.segment._apply_criterion("add", [("id", "in", cls.contacts.ids)])

    def test_logging_creates_one_entry_per_line_and_a_logged_segment(self):
        self.segment.line_ids.filtered(lambda line: line.partner_id == self.lone_partner).cost = 7
        self.segment.action_log()
        logged = self.segment.logged_segment_ids
        self.assertEqual(len(logged), 1)
        self.assertEqual(logged.entry_count, 3)
        self.assertEqual(logged.entry_ids.partner_id, self.contacts)
        self.assertEqual(self.segment.state, "logged")
        lone_entry = logged.entry_ids.filtered(lambda entry: entry.partner_id == self.lone_partner)
        self.assertRecordValues(
            lone_entry,
            [
                {
                    "cost": 7,
                    "name": "Outgoing test call",
                    "date": self.segment.date,
                    "state": "logged",
                }
            ],
        )
        self.assertEqual(self.company_partner.interaction_count, 2)

    def test_logged_segment_is_read_only_and_logs_once(self):
        self.segment.action_log()
        with self.assertRaisesRegex(UserError, "logged already"):
            self.segment.action_log()
        with self.assertRaisesRegex(UserError, "can no longer change"):
            self.segment._apply_criterion("add", [("id", "=", self.company_partner.id)])
        with self.assertRaisesRegex(UserError, "can no longer change"):
            self.segment.line_ids[0].cost = 99
        with self.assertRaisesRegex(UserError, "can no longer change"):
            self.segment.line_ids[0].unlink()
        with self.assertRaisesRegex(UserError, "can no longer change"):
            self.segment.template_id = self.template_incoming
        self.segment.description = "Descriptions stay editable"
        self.assertEqual(len(self.segment.logged_segment_ids.entry_ids), 3)

    def test_empty_segment_is_refused(self):
        empty = self.env["interaction.segment"].create(
            {"name": "Empty", "template_id": self.template_call.id}
        )
        with self.assertRaisesRegex(UserError, "has no contacts"):
            empty.action_log()
        self.assertFalse(
            self.env["interaction.logged.segment"].search([("segment_id", "=", empty.id)])
        )

    def test_segment_without_template_is_refused(self):
        segment = self.env["interaction.segment"].create({"name": "No template"})
        segment._apply_criterion("add", [("id", "=", self.lone_partner.id)])
        with self.assertRaisesRegex(UserError, "Choose an interaction template"):
            segment.action_log()

    def test_negative_line_values_and_foreign_contacts_are_refused(self):
        line = self.segment.line_ids[:1]
        line.cost = -1
        with self.assertRaisesRegex(UserError, "negative cost or duration"):
            self.segment.action_log()
        line.cost = 1
        other_company = self.env["res.company"].create({"name": "Other Company"})
        self.lone_partner.company_id = other_company
        with self.assertRaisesRegex(UserError, "belongs to another company"):
            self.segment.action_log()
        self.assertEqual(self.segment.state, "draft")
        self.assertFalse(self.segment.logged_segment_ids)

    def test_follow_up_segment(self):
        self.segment.create_follow_up = True
        action = self.segment.action_log()
        follow_up = self.env["interaction.segment"].browse(action["res_id"])
        self.assertEqual(follow_up.state, "draft")
        self.assertEqual(follow_up.name, "Follow-up on Newsletter")
        self.assertEqual(follow_up.line_ids.partner_id, self.contacts)

    def test_cancel_and_restore_cascade(self):
        self.segment.action_log()
        logged = self.segment.logged_segment_ids
        logged.action_cancel()
        self.assertTrue(all(logged.entry_ids.mapped("canceled")))
        self.assertEqual(self.company_partner.interaction_count, 0)
        with self.assertRaisesRegex(UserError, "restore the logged segment"):
            logged.entry_ids[0].action_restore()
        logged.action_restore()
        self.assertFalse(any(logged.entry_ids.mapped("canceled")))

    def test_delete_cancelled_logged_segments_keeps_entries(self):
        self.segment.action_log()
        logged = self.segment.logged_segment_ids
        entries = logged.entry_ids
        with self.assertRaisesRegex(UserError, "Only cancelled logged segments"):
            logged.unlink()
        logged.action_cancel()
        action = self.env["interaction.logged.segment"].action_delete_canceled()
        self.assertIn("1 cancelled logged segments deleted", action["params"]["message"])
        self.assertFalse(logged.exists())
        self.assertEqual(len(entries.exists()), 3)
        self.assertFalse(entries.logged_segment_id)
        entries.action_restore()
        self.assertFalse(any(entries.mapped("canceled")), "unlinked entries restore on their own")

    def test_reuse_logged_segment(self):
        self.segment.action_log()
        other = self.env["interaction.segment"].create(
            {"name": "Again", "template_id": self.template_call.id}
        )
        self.env["interaction.segment.reuse.wizard"].create(
            {
                "segment_id": other.id,
                "source": "logged_segment",
                "logged_segment_id": self.segment.logged_segment_ids.id,
            }
        ).action_apply()
        self.assertEqual(other.line_ids.partner_id, self.contacts)

    def test_logging_takes_a_constant_number_of_queries(self):
        """One INSERT batch per table, whatever the number of lines: no query per line."""
        many = self.env["res.partner"].create([{"name": f"Segment contact {i}"} for i in range(60)])
        counts = []
        # The first logging warms caches (ir.model lookups...): measure the next two.
        for size in (3, 10, 60):
            segment = self.env["interaction.segment"].create(
                {"name": f"Size {size}", "template_id": self.template_call.id}
            )
            segment._apply_criterion("add", [("id", "in", many[:size].ids)])
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            segment.action_log()
            self.env.flush_all()
            counts.append(self.cr.sql_log_count - before)
        self.assertEqual(counts[1], counts[2], f"queries for 3, 10 and 60 lines: {counts}")
