from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import InteractionLogCommon


@tagged("post_install", "-at_install")
class TestEntryRules(InteractionLogCommon):
    """The rules of an entry live in the model: the form, the wizard, RPC (create as the
    user) and import all meet the same refusals."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.next_year = fields.Datetime.now() + timedelta(days=400)
        cls.entries = cls.env["interaction.log.entry"].with_user(cls.user)

    def values(self, **values):
        return {
            "partner_id": self.lone_partner.id,
            "template_id": self.template_call.id,
            **values,
        }

    def test_a_logged_entry_cannot_be_dated_in_the_future(self):
        with self.assertRaisesRegex(ValidationError, r"in the future.*'Save for Later'"):
            self.entries.create(self.values(date=self.next_year))

    def test_the_future_date_error_is_in_the_users_time_zone(self):
        self.user.tz = "Pacific/Auckland"
        # 20:00 UTC is 08:00 the next morning in Auckland (UTC+12 in winter).
        date = fields.Datetime.to_datetime("2030-06-30 20:00:00")
        with self.assertRaisesRegex(ValidationError, r"07/01/2030 08:00:00.*\(Pacific/Auckland\)"):
            self.entries.with_context(tz="Pacific/Auckland").create(self.values(date=date))

    def test_a_postponed_entry_may_be_dated_in_the_future(self):
        entry = self.entries.create(self.values(date=self.next_year, postponed=True))
        self.assertEqual(entry.state, "postponed")
        with self.assertRaisesRegex(ValidationError, "in the future"):
            entry.write({"postponed": False})

    def test_the_form_meets_the_same_rules(self):
        form = Form(self.entries)
        form.partner_id = self.lone_partner
        form.template_id = self.template_call
        form.date = self.next_year
        with self.assertRaisesRegex(ValidationError, "in the future"):
            form.save()

    def test_an_import_meets_the_same_rules(self):
        result = self.entries.load(
            ["partner_id/.id", "template_id/.id", "name", "date", "cost"],
            [
                [
                    str(self.lone_partner.id),
                    str(self.template_call.id),
                    "Imported call",
                    fields.Datetime.to_string(self.next_year),
                    "1",
                ],
                [str(self.lone_partner.id), str(self.template_call.id), "Cheap", "", "-5"],
                [str(self.lone_partner.id), str(self.template_call.id), "   ", "", "1"],
            ],
        )
        self.assertFalse(result["ids"])
        messages = " ".join(message["message"] for message in result["messages"])
        self.assertIn("in the future", messages)
        self.assertFalse(self.entries.search([("name", "in", ["Imported call", "Cheap"])]))

    def test_required_values_and_cost(self):
        with self.assertRaisesRegex(ValidationError, "description is required"):
            self.entries.create(self.values(name="   "))
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.entries.create(self.values(cost=-1))
        with self.assertRaisesRegex(ValidationError, "needs a contact and a template"):
            self.entries.create({"partner_id": self.lone_partner.id, "name": "No template"})

    def test_a_segment_dated_in_the_future_is_not_logged(self):
        segment = self.env["interaction.segment"].create(
            {"name": "Future", "template_id": self.template_call.id, "date": self.next_year}
        )
        segment._add_partners(self.lone_partner)
        with self.assertRaisesRegex(ValidationError, "in the future"):
            segment.action_log()
        self.assertEqual(segment.state, "draft")

    def test_restore_says_when_nothing_is_cancelled(self):
        entry = self.log(self.lone_partner)
        with self.assertRaisesRegex(UserError, "None of the selected interactions is cancelled"):
            entry.action_restore()
        entry.action_cancel()
        entry.action_restore()
        self.assertEqual(entry.state, "logged")
