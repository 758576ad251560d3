from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import InteractionLogCommon


@tagged("post_install", "-at_install")
class TestCompanyChange(InteractionLogCommon):
    """A contact who moves to another company keeps its history: each entry stays with the
    company the contact belonged to when it was logged (Business Central's Contact Company
    No.), and the new company counts only what is logged after the move."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.new_company = cls.env["res.partner"].create(
            {"name": "Beryl Test Company", "is_company": True}
        )
        cls.before_move = cls.log(cls.contact_anna, date="2026-03-01 09:00:00", cost=10) | cls.log(
            cls.contact_anna, date="2026-04-01 09:00:00"
        )
        cls.log(cls.contact_bob, date="2026-04-15 09:00:00")

    def move_anna(self):
        with Form(self.contact_anna) as form:
            form.parent_id = self.new_company
        self.assertEqual(self.contact_anna.commercial_partner_id, self.new_company)

    def assertCountsWhatItsButtonOpens(self, partner):
        action = partner.action_view_interactions()
        opened = self.env["interaction.log.entry"].search(
            action["domain"] & self.env["interaction.log.entry"]._statistics_domain()
        )
        self.assertEqual(len(opened), partner.interaction_count, partner.name)
        return opened

    def test_entries_keep_the_company_they_were_logged_with(self):
        self.move_anna()
        self.assertEqual(self.before_move.commercial_partner_id, self.company_partner)
        after_move = self.log(self.contact_anna, date="2026-05-01 09:00:00", cost=4)
        self.assertEqual(after_move.commercial_partner_id, self.new_company)

        self.env.invalidate_all()
        self.assertRecordValues(
            self.company_partner | self.new_company | self.contact_anna,
            [
                # Anna's two entries from her time with Azure, and Bob's.
                {"interaction_count": 3, "interaction_cost": 15.0},
                # Only what was logged with Anna after she joined.
                {"interaction_count": 1, "interaction_cost": 4.0},
                # A person keeps her whole history, wherever she worked.
                {"interaction_count": 3, "interaction_cost": 16.5},
            ],
        )
        self.assertEqual(self.assertCountsWhatItsButtonOpens(self.new_company), after_move)
        self.assertEqual(
            self.assertCountsWhatItsButtonOpens(self.company_partner) & self.before_move,
            self.before_move,
        )
        self.assertCountsWhatItsButtonOpens(self.contact_anna)

    def test_a_contact_who_leaves_for_no_company_keeps_her_history(self):
        with Form(self.contact_anna) as form:
            form.parent_id = self.env["res.partner"]
        self.assertEqual(self.contact_anna.commercial_partner_id, self.contact_anna)
        self.assertEqual(self.before_move.commercial_partner_id, self.company_partner)
        self.log(self.contact_anna, date="2026-05-01 09:00:00")
        self.env.invalidate_all()
        self.assertEqual(self.contact_anna.interaction_count, 3)
        self.assertEqual(self.company_partner.interaction_count, 3)
        self.assertCountsWhatItsButtonOpens(self.contact_anna)
        self.assertCountsWhatItsButtonOpens(self.company_partner)

    def test_the_company_cannot_be_forged_when_creating(self):
        # What create() accepts over RPC: a given company is ignored, the contact's counts.
        entry = self.env["interaction.log.entry"].create(
            {
                "partner_id": self.contact_anna.id,
                "template_id": self.template_call.id,
                "commercial_partner_id": self.new_company.id,
            }
        )
        self.assertEqual(entry.commercial_partner_id, self.company_partner)

    def test_a_postponed_entry_takes_the_company_of_the_day_it_is_logged(self):
        draft = self.log(self.contact_anna, date="2026-04-20 09:00:00", postponed=True)
        self.assertEqual(draft.commercial_partner_id, self.company_partner)
        self.move_anna()
        wizard = Form.from_action(self.env, draft.action_resume())
        wizard.save().action_log()
        self.assertFalse(draft.postponed)
        self.assertEqual(draft.commercial_partner_id, self.new_company)
        self.assertEqual(self.new_company.interaction_count, 1)

    def test_a_company_with_a_history_is_archived_not_deleted(self):
        self.move_anna()
        self.contact_bob.parent_id = self.new_company
        # No contact of Azure left and no entry on Azure itself: its history still holds it.
        with self.assertRaisesRegex(UserError, r"was the company of .* \(3 in your companies\)"):
            self.company_partner.unlink()
        self.company_partner.action_archive()
        self.assertEqual(self.company_partner.interaction_count, 3)
