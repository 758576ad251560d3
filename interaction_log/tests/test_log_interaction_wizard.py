import base64
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import InteractionLogCommon


@tagged("post_install", "-at_install")
class TestLogInteractionWizard(InteractionLogCommon):
    def wizard_form(self, partners, **context):
        wizard_model = self.env["interaction.log.wizard"].with_user(self.user)
        return Form(
            wizard_model.with_context(
                active_model="res.partner", active_ids=partners.ids, **context
            )
        )

    def entries_of(self, partners):
        return self.env["interaction.log.entry"].search(
            [("partner_id", "in", partners.ids)], order="partner_id"
        )

    def test_log_on_one_contact_with_template_defaults(self):
        with self.wizard_form(self.lone_partner) as wizard:
            wizard.template_id = self.template_call
            self.assertEqual(wizard.name, "Outgoing test call")
            self.assertEqual(wizard.cost, 2.5)
            self.assertEqual(wizard.duration, 15)
            self.assertEqual(wizard.information_flow, "outbound")
            self.assertEqual(wizard.user_id, self.user, "no salesperson on the contact: me")
        wizard.record.action_log()
        self.assertRecordValues(
            self.entries_of(self.lone_partner),
            [
                {
                    "name": "Outgoing test call",
                    "cost": 2.5,
                    "duration": 15,
                    "user_id": self.user.id,
                    "state": "logged",
                    "attempt_failed": False,
                    "postponed": False,
                }
            ],
        )

    def test_log_on_several_contacts_with_overrides(self):
        contacts = self.contact_anna | self.contact_bob | self.lone_partner
        with self.wizard_form(contacts) as wizard:
            wizard.template_id = self.template_call
            wizard.name = "Invitation to the trade fair"
            wizard.cost = 4
            wizard.duration = 3
            wizard.information_flow = "inbound"
            wizard.initiated_by = "them"
            wizard.correspondence_type = "paper"
            wizard.successful = False
            wizard.evaluation = "neutral"
            wizard.note = "Left a message"
        wizard.record.action_log()
        entries = self.entries_of(contacts)
        self.assertEqual(entries.partner_id, contacts)
        for entry in entries:
            self.assertRecordValues(
                entry,
                [
                    {
                        "name": "Invitation to the trade fair",
                        "cost": 4,
                        "duration": 3,
                        "information_flow": "inbound",
                        "initiated_by": "them",
                        "correspondence_type": "paper",
                        "attempt_failed": True,
                        "state": "failed",
                        "evaluation": "neutral",
                        "note": "Left a message",
                    }
                ],
            )

    def test_salesperson_defaults_to_the_contact_salesperson(self):
        self.lone_partner.user_id = self.manager
        with self.wizard_form(self.lone_partner) as wizard:
            wizard.template_id = self.template_call
            self.assertEqual(wizard.user_id, self.manager)

    def test_attachments_go_to_every_created_entry(self):
        attachment = (
            self.env["ir.attachment"]
            .with_user(self.user)
            .create(
                {
                    "name": "minutes.txt",
                    "datas": base64.b64encode(b"Meeting minutes"),
                    "res_model": "interaction.log.wizard",
                }
            )
        )
        wizard = (
            self.env["interaction.log.wizard"]
            .with_user(self.user)
            .create(
                {
                    "partner_ids": [(6, 0, (self.contact_anna | self.contact_bob).ids)],
                    "template_id": self.template_call.id,
                    "attachment_ids": [(6, 0, attachment.ids)],
                }
            )
        )
        wizard.action_log()
        entries = self.entries_of(self.contact_anna | self.contact_bob)
        self.assertEqual(len(entries), 2)
        for entry in entries:
            self.assertEqual(entry.attachment_ids.mapped("name"), ["minutes.txt"])
            self.assertEqual(entry.attachment_ids.raw, b"Meeting minutes")
        self.assertEqual(len(entries.attachment_ids), 2, "each entry has its own copy")

    def test_log_and_new_reopens_the_wizard_on_the_same_contacts(self):
        wizard = self.env["interaction.log.wizard"].create(
            {"partner_ids": [(6, 0, self.lone_partner.ids)], "template_id": self.template_call.id}
        )
        action = wizard.action_log_and_new()
        self.assertEqual(action["res_model"], "interaction.log.wizard")
        self.assertEqual(action["context"]["default_partner_ids"], self.lone_partner.ids)
        self.assertEqual(len(self.entries_of(self.lone_partner)), 1)

    def test_refusals_create_nothing(self):
        tomorrow = fields.Datetime.now() + timedelta(days=2)
        cases = [
            ({"partner_ids": []}, UserError, "at least one contact"),
            ({"template_id": False}, UserError, "Choose an interaction template"),
            ({"name": "   "}, UserError, "description is required"),
            ({"date": tomorrow}, ValidationError, "in the future"),
        ]
        for values, error, message in cases:
            with self.subTest(values=values):
                wizard = self.env["interaction.log.wizard"].create(
                    {
                        "partner_ids": [(6, 0, self.lone_partner.ids)],
                        "template_id": self.template_call.id,
                        **values,
                    }
                )
                with self.assertRaisesRegex(error, message):
                    wizard.action_log()
        self.assertFalse(self.entries_of(self.lone_partner))

    def test_save_for_later_then_resume_gives_one_entry(self):
        with self.wizard_form(self.contact_anna) as wizard:
            wizard.template_id = self.template_call
            wizard.name = "Call back about the offer"
            wizard.duration = 20
        wizard.record.action_save_for_later()
        postponed = self.entries_of(self.contact_anna)
        self.assertRecordValues(
            postponed, [{"state": "postponed", "name": "Call back about the offer", "duration": 20}]
        )
        self.assertEqual(self.contact_anna.interaction_count, 0, "postponed entries do not count")
        main_list_domain = self.contact_anna.action_view_interactions()["domain"]
        self.assertFalse(self.env["interaction.log.entry"].search(main_list_domain))

        action = postponed.with_user(self.user).action_resume()
        self.assertEqual(action["res_model"], "interaction.log.wizard")
        resume = Form(
            self.env["interaction.log.wizard"]
            .with_user(self.user)
            .with_context(**action["context"])
        )
        self.assertEqual(resume.name, "Call back about the offer", "the saved values come back")
        self.assertEqual(resume.duration, 20)
        resume.evaluation = "positive"
        resume.save().action_log()
        entries = self.entries_of(self.contact_anna)
        self.assertEqual(entries, postponed, "the postponed entry became the logged one")
        self.assertRecordValues(
            entries, [{"state": "logged", "evaluation": "positive", "duration": 20}]
        )
        self.assertEqual(self.contact_anna.interaction_count, 1)

    def test_wizard_created_by_code_takes_the_template_defaults(self):
        wizard = self.env["interaction.log.wizard"].create(
            {
                "partner_ids": [(6, 0, self.lone_partner.ids)],
                "template_id": self.template_call.id,
                "name": "Scripted call",
            }
        )
        wizard.action_log()
        self.assertRecordValues(
            self.entries_of(self.lone_partner),
            [
                {
                    "name": "Scripted call",
                    "cost": 2.5,
                    "duration": 15,
                    "information_flow": "outbound",
                }
            ],
        )

    def test_resuming_a_logged_entry_is_refused(self):
        entry = self.log(self.lone_partner)
        with self.assertRaisesRegex(UserError, "Only postponed"):
            entry.action_resume()

    def test_user_deletes_postponed_entries_only(self):
        postponed = self.log(self.lone_partner, postponed=True).with_user(self.user)
        postponed.unlink()
        self.assertFalse(postponed.exists())

    def test_opened_from_the_contact_form(self):
        action = self.lone_partner.action_log_interaction()
        wizard = Form(self.env["interaction.log.wizard"].with_context(**action["context"]))
        self.assertEqual(len(wizard.partner_ids), 1)
        self.assertEqual(wizard.partner_ids[0], self.lone_partner)
