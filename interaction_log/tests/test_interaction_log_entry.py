from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import InteractionLogCommon


@tagged("post_install", "-at_install")
class TestInteractionLogEntry(InteractionLogCommon):
    def test_entry_copies_template_values(self):
        entry = self.log(self.contact_anna)
        self.assertRecordValues(
            entry,
            [
                {
                    "name": "Outgoing test call",
                    "group_id": self.group_phone.id,
                    "cost": 2.5,
                    "duration": 15,
                    "information_flow": "outbound",
                    "initiated_by": "us",
                    "correspondence_type": False,
                    "commercial_partner_id": self.company_partner.id,
                    "user_id": self.env.user.id,
                    "company_id": self.env.company.id,
                    "state": "logged",
                }
            ],
        )
        self.assertTrue(entry.date)

    def test_given_values_win_over_the_template(self):
        entry = self.log(
            self.lone_partner,
            name="Call about the renewal",
            cost=0,
            duration=42,
            information_flow="inbound",
        )
        self.assertRecordValues(
            entry,
            [
                {
                    "name": "Call about the renewal",
                    "cost": 0,
                    "duration": 42,
                    "information_flow": "inbound",
                }
            ],
        )

    def test_form_fills_in_the_template_defaults(self):
        with Form(self.env["interaction.log.entry"]) as form:
            form.partner_id = self.lone_partner
            form.template_id = self.template_incoming
            self.assertEqual(form.name, "Incoming test call")
            self.assertEqual(form.information_flow, "inbound")
            form.name = "Asked for a catalogue"
        self.assertRecordValues(
            form.record, [{"name": "Asked for a catalogue", "duration": 10, "initiated_by": "them"}]
        )

    def test_missing_contact_or_template_creates_nothing(self):
        entries = self.env["interaction.log.entry"]
        before = entries.search_count([])
        for values in (
            {"template_id": self.template_call.id},
            {"partner_id": self.lone_partner.id},
            {"partner_id": self.lone_partner.id, "template_id": False},
        ):
            with (
                self.subTest(values=values),
                self.assertRaisesRegex(ValidationError, "contact and a template"),
            ):
                entries.create(
                    [
                        {"partner_id": self.contact_bob.id, "template_id": self.template_call.id},
                        values,
                    ]
                )
        self.assertEqual(entries.search_count([]), before)

    def test_contact_and_template_may_come_from_context_defaults(self):
        entry = (
            self.env["interaction.log.entry"]
            .with_context(
                default_partner_id=self.lone_partner.id, default_template_id=self.template_call.id
            )
            .create({"name": "From defaults"})
        )
        self.assertEqual(entry.partner_id, self.lone_partner)

    def test_postponed_entries_are_not_cancelled(self):
        postponed = self.log(self.lone_partner, postponed=True)
        postponed.action_cancel()
        self.assertEqual(postponed.state, "postponed")

    def test_template_of_another_company_is_refused(self):
        other_company = self.env["res.company"].create({"name": "Other Company"})
        foreign = self.template_call.copy({"code": "T_FOREIGN", "company_id": other_company.id})
        with self.assertRaises(UserError):
            self.log(self.lone_partner, template=foreign)
        self.assertFalse(
            self.env["interaction.template"].with_user(self.user).search([("id", "=", foreign.id)])
        )

    def test_negative_cost_or_duration_is_refused(self):
        entries = self.env["interaction.log.entry"]
        before = entries.search_count([])
        for values in ({"cost": -1}, {"duration": -1}):
            with (
                self.subTest(values=values),
                self.assertRaises(ValidationError),
                self.cr.savepoint(),
            ):
                self.log(self.lone_partner, **values)
        self.assertEqual(entries.search_count([]), before)

    def test_logged_entry_is_a_fact(self):
        entry = self.log(self.lone_partner)
        for values in (
            {"name": "Rewritten"},
            {"cost": 99},
            {"partner_id": self.contact_anna.id},
            {"date": "2020-01-01"},
        ):
            with (
                self.subTest(values=values),
                self.assertRaisesRegex(UserError, "only the evaluation"),
            ):
                entry.write(values)
        entry.write(
            {"evaluation": "positive", "note": "Keen on the new range", "attempt_failed": True}
        )
        self.assertRecordValues(
            entry,
            [
                {
                    "name": "Outgoing test call",
                    "cost": 2.5,
                    "evaluation": "positive",
                    "state": "failed",
                }
            ],
        )

    def test_postponed_entry_can_still_be_edited(self):
        entry = self.log(self.lone_partner, postponed=True)
        entry.write({"name": "Draft call notes", "duration": 30})
        self.assertRecordValues(
            entry, [{"name": "Draft call notes", "duration": 30, "state": "postponed"}]
        )

    def test_logged_entry_cannot_be_deleted(self):
        entry = self.log(self.lone_partner)
        with self.assertRaisesRegex(UserError, "Cancel these first"):
            entry.unlink()
        self.assertTrue(entry.exists())

    def test_cancelled_or_postponed_entries_can_be_deleted(self):
        canceled = self.log(self.lone_partner)
        canceled.action_cancel()
        postponed = self.log(self.lone_partner, postponed=True)
        (canceled | postponed).unlink()
        self.assertFalse((canceled | postponed).exists())

    def test_cancel_and_restore_a_selection(self):
        entries = (
            self.log(self.lone_partner) | self.log(self.contact_anna) | self.log(self.contact_bob)
        )
        entries[:2].action_cancel()
        self.assertEqual(entries.mapped("state"), ["canceled", "canceled", "logged"])
        entries.action_cancel()
        self.assertTrue(all(entries.mapped("canceled")))
        entries.action_restore()
        self.assertEqual(entries.mapped("state"), ["logged"] * 3)

    def test_user_logs_but_only_a_manager_deletes(self):
        entry = self.log(self.lone_partner).with_user(self.user)
        self.assertTrue(entry.partner_id)
        entry.action_cancel()
        with self.assertRaises(AccessError):
            entry.unlink()
        entry.with_user(self.manager).unlink()
        self.assertFalse(entry.exists())

    def test_history_title_says_who(self):
        outbound = self.log(self.contact_anna, user_id=self.user.id)
        inbound = self.log(self.contact_anna, template=self.template_incoming)
        self.assertEqual(outbound.title, "Outgoing test call – by Ursula User")
        self.assertEqual(outbound.direction, "→")
        self.assertEqual(inbound.title, "Incoming test call – from Anna Azure")
        self.assertEqual(inbound.direction, "←")

    def test_evaluate_a_selection(self):
        entries = self.log(self.contact_anna) | self.log(self.contact_bob)
        action = entries.action_evaluate()
        wizard = (
            self.env[action["res_model"]]
            .with_context(**action["context"])
            .create({"evaluation": "very_positive"})
        )
        wizard.action_apply()
        self.assertEqual(entries.mapped("evaluation"), ["very_positive", "very_positive"])
        with self.assertRaisesRegex(UserError, "Select the interactions"):
            self.env["interaction.evaluate.wizard"].create({"evaluation": "neutral"}).action_apply()

    def test_open_document_needs_one_entry_with_a_document(self):
        entries = self.log(self.contact_anna) | self.log(self.contact_bob)
        with self.assertRaisesRegex(UserError, "Select one interaction"):
            entries.action_open_document()
        with self.assertRaisesRegex(UserError, "no source document"):
            entries[0].action_open_document()

    def test_user_cannot_configure_templates(self):
        with self.assertRaises(AccessError):
            self.template_call.with_user(self.user).write({"unit_cost": 3})
        with self.assertRaises(AccessError):
            self.env["interaction.group"].with_user(self.user).create({"code": "X", "name": "X"})
        self.template_call.with_user(self.manager).write({"unit_cost": 3})
        self.assertEqual(self.template_call.unit_cost, 3)

    def test_entries_of_another_company_are_invisible(self):
        other_company = self.env["res.company"].create({"name": "Other Company"})
        self.log(self.lone_partner, company_id=other_company.id)
        mine = self.log(self.lone_partner)
        visible = (
            self.env["interaction.log.entry"]
            .with_user(self.user)
            .search([("partner_id", "=", self.lone_partner.id)])
        )
        self.assertEqual(visible, mine)
