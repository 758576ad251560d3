from odoo.tests import Form, tagged

from .common import InteractionLogCommon


@tagged("post_install", "-at_install")
class TestPartnerMerge(InteractionLogCommon):
    """Odoo's Merge Contacts wizard: the merged contact's entries become the destination's,
    counted with the destination's company, and none is lost."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.partner"].create(
            {"name": "Beryl Test Company", "is_company": True}
        )
        cls.anna_at_beryl = cls.env["res.partner"].create(
            {"name": "Anna Beryl", "parent_id": cls.other_company.id}
        )
        cls.anna_entries = (
            cls.log(cls.contact_anna, date="2026-03-01 09:00:00", cost=10, duration=30)
            | cls.log(cls.contact_anna, date="2026-04-01 09:00:00", attempt_failed=True)
            | cls.log(cls.contact_anna, date="2026-04-02 09:00:00")
        )
        cls.anna_entries[2].action_cancel()
        cls.bob_entry = cls.log(cls.contact_bob, date="2026-02-01 09:00:00")
        cls.beryl_entry = cls.log(cls.anna_at_beryl, date="2026-05-01 09:00:00", cost=1)

    def merge(self, source, destination):
        """As a user does it: select both contacts, Merge, keep ``destination``."""
        wizard = Form(
            self.env["base.partner.merge.automatic.wizard"].with_context(
                active_model="res.partner", active_ids=(source | destination).ids
            )
        )
        wizard.dst_partner_id = destination
        wizard.save().action_merge()
        self.assertFalse(source.exists())
        self.env.invalidate_all()

    def test_a_person_merged_into_another_company_person(self):
        all_entries = self.env["interaction.log.entry"].search_count([])
        self.assertEqual(self.company_partner.interaction_count, 3)
        self.assertEqual(self.other_company.interaction_count, 1)

        self.merge(self.contact_anna, self.anna_at_beryl)

        self.assertEqual(self.env["interaction.log.entry"].search_count([]), all_entries)
        self.assertRecordValues(
            self.anna_entries,
            [
                {
                    "partner_id": self.anna_at_beryl.id,
                    "commercial_partner_id": self.other_company.id,
                    "state": state,
                }
                for state in ("logged", "failed", "canceled")
            ],
        )
        self.assertRecordValues(
            self.company_partner | self.other_company | self.anna_at_beryl,
            [
                # Bob's entry only: Anna's went with her.
                {"interaction_count": 1, "interaction_cost": 2.5, "interaction_duration": 15},
                # Anna Beryl's own and the two counted entries merged into her.
                {"interaction_count": 3, "interaction_cost": 13.5, "interaction_duration": 60},
                {"interaction_count": 3, "interaction_cost": 13.5, "interaction_duration": 60},
            ],
        )
        for partner in self.company_partner | self.other_company:
            action = partner.action_view_interactions()
            entries = self.env["interaction.log.entry"].search(
                action["domain"] & self.env["interaction.log.entry"]._statistics_domain()
            )
            self.assertEqual(len(entries), partner.interaction_count)

    def test_a_duplicate_company_merged_into_the_other(self):
        self.merge(self.company_partner, self.other_company)
        self.assertEqual(
            (self.anna_entries | self.bob_entry | self.beryl_entry).commercial_partner_id,
            self.other_company,
        )
        self.assertEqual(self.other_company.interaction_count, 4)
        self.assertEqual(self.contact_anna.interaction_count, 2)

    def test_a_destination_without_company_takes_the_merged_contact_company(self):
        # Odoo gives the destination the merged contact's company when it has none: the
        # merged entries stay with that company, the destination's own keep theirs.
        alone = self.env["res.partner"].create({"name": "Anna Alone"})
        alone_entry = self.log(alone, date="2026-06-01 09:00:00")
        self.merge(self.contact_anna, alone)
        self.assertEqual(alone.parent_id, self.company_partner)
        self.assertEqual(self.anna_entries.commercial_partner_id, self.company_partner)
        self.assertEqual(alone_entry.commercial_partner_id, alone)
        self.assertEqual(self.company_partner.interaction_count, 3)
        self.assertEqual(alone.interaction_count, 3)
