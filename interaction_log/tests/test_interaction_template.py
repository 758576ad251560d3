from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import InteractionLogCommon


@tagged("post_install", "-at_install")
class TestInteractionTemplate(InteractionLogCommon):
    def test_negative_unit_cost_or_duration_is_refused(self):
        for values in ({"unit_cost": -1}, {"unit_duration": -5}):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                self.template_call.write(values)
        self.assertEqual(self.template_call.unit_cost, 2.5)
        self.assertEqual(self.template_call.unit_duration, 15)

    def test_code_is_unique_per_company(self):
        other_company = self.env["res.company"].create({"name": "Other Company"})
        twin = self.template_call.copy({"company_id": other_company.id})
        self.assertEqual(twin.code, "T_CALL", "the same code is allowed in another company")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.template_call.copy()

    def test_group_code_is_unique(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["interaction.group"].create({"code": "T_PHONE", "name": "Duplicate"})

    def test_template_in_use_cannot_be_deleted(self):
        self.log(self.lone_partner)
        with self.assertRaisesRegex(UserError, "Archive it instead"):
            self.template_call.unlink()
        self.assertTrue(self.template_call.exists())
        self.template_call.action_archive()
        self.assertFalse(self.template_call.active)

    def test_unused_template_can_be_deleted(self):
        template = self.template_incoming.copy({"code": "T_UNUSED"})
        template.unlink()
        self.assertFalse(template.exists())

    def test_template_change_leaves_logged_entries_unchanged(self):
        entry = self.log(self.lone_partner)
        self.template_call.write(
            {
                "name": "Renamed call",
                "unit_cost": 9,
                "unit_duration": 60,
                "information_flow": "inbound",
                "initiated_by": "them",
                "correspondence_type": "paper",
                "group_id": self.env.ref("interaction_log.interaction_group_meeting").id,
            }
        )
        self.env.invalidate_all()
        self.assertRecordValues(
            entry,
            [
                {
                    "name": "Outgoing test call",
                    "cost": 2.5,
                    "duration": 15,
                    "information_flow": "outbound",
                    "initiated_by": "us",
                    "correspondence_type": False,
                    "group_id": self.group_phone.id,
                }
            ],
        )

    def test_statistics_count_only_logged_entries(self):
        self.log(self.lone_partner)
        self.log(self.contact_anna, cost=4, duration=20)
        self.log(self.contact_bob).action_cancel()
        self.log(self.contact_bob, postponed=True)
        self.log(self.contact_bob, template=self.template_incoming)
        self.assertRecordValues(
            self.template_call,
            [{"interaction_count": 2, "interaction_cost": 6.5, "interaction_duration": 35}],
        )
        self.assertRecordValues(
            self.group_phone,
            [{"interaction_count": 3, "interaction_cost": 6.5, "interaction_duration": 45}],
        )

    def test_statistics_date_filter(self):
        self.log(self.lone_partner, date="2026-01-10 10:00:00")
        self.log(self.lone_partner, date="2026-03-10 10:00:00")
        template = self.template_call.with_context(
            interaction_date_from="2026-02-01 00:00:00", interaction_date_to="2026-12-31 23:59:59"
        )
        self.assertEqual(template.interaction_count, 1)

    def test_form_statistics_between_dates(self):
        self.log(self.lone_partner, date="2026-01-10 10:00:00")
        self.log(self.lone_partner, date="2026-03-10 10:00:00", cost=5)
        with Form(self.template_call) as form:
            self.assertEqual(form.interaction_count, 2)
            form.statistics_date_from = "2026-02-01"
            self.assertEqual(form.interaction_count, 1)
            self.assertEqual(form.interaction_cost, 5)
            form.statistics_date_to = "2026-02-28"
            self.assertEqual(form.interaction_count, 0)
        with Form(self.group_phone) as form:
            form.statistics_date_to = "2026-01-31"
            self.assertEqual(form.interaction_count, 1)

    def test_default_data_is_installed(self):
        codes = set(self.env["interaction.template"].search([]).mapped("code"))
        self.assertLessEqual(
            {
                "LETTER",
                "PHONE_IN",
                "PHONE_OUT",
                "MEET_IN",
                "MEET_SITE",
                "EMAIL",
                "S_QUOTE",
                "S_ORDER",
                "S_INVOICE",
                "S_REFUND",
            },
            codes,
        )
