from datetime import datetime, time

from odoo import fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestWebClientScreens(HttpCase):
    """What a new user meets in the web client (issue 15), driven in the browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls.env.ref("interaction_log.interaction_template_phone_out")

    def log(self, partner, name, **values):
        return self.env["interaction.log.entry"].create(
            {"partner_id": partner.id, "template_id": self.template.id, "name": name, **values}
        )

    def test_company_tab_lists_what_its_statistics_count(self):
        company = self.env["res.partner"].create({"name": "Tab Company", "is_company": True})
        person = self.env["res.partner"].create({"name": "Tab Person", "parent_id": company.id})
        self.log(company, "Company call")
        self.log(person, "Person call")
        self.log(person, "Cancelled call").action_cancel()
        self.start_tour(
            f"/odoo/contacts/{company.id}", "interaction_log_company_tab", login="admin"
        )

    def test_interactions_list_hides_cancelled_entries_by_default(self):
        partner = self.env["res.partner"].create({"name": "List Contact"})
        self.log(partner, "Kept call")
        self.log(partner, "Dropped call").action_cancel()
        self.start_tour(
            "/odoo/action-interaction_log.interaction_log_entry_action",
            "interaction_log_list_defaults",
            login="admin",
        )

    def test_choosing_a_template_keeps_a_typed_description(self):
        partner = self.env["res.partner"].create({"name": "Catalogue Contact"})
        self.start_tour(
            f"/odoo/contacts/{partner.id}",
            "interaction_log_template_keeps_description",
            login="admin",
        )
        entry = self.env["interaction.log.entry"].search([("partner_id", "=", partner.id)])
        self.assertRecordValues(
            entry, [{"name": "Discussed the spring catalogue", "template_id": self.template.id}]
        )

    def test_calendar_is_read_only_with_durations_and_contacts(self):
        partner = self.env["res.partner"].create({"name": "Calendar Contact"})
        today_morning = datetime.combine(fields.Date.today(), time(0, 30))
        self.log(partner, "Long meeting", date=today_morning, duration=90)
        self.start_tour(
            "/odoo/action-interaction_log.interaction_log_entry_action?view_type=calendar",
            "interaction_log_calendar",
            login="admin",
        )

    def test_segment_preview_counts_what_apply_adds(self):
        tag = self.env["res.partner.category"].create({"name": "Preview Tag"})
        belgium = self.env.ref("base.be")
        self.env["res.partner"].create(
            [
                {"name": "Preview Belgian", "category_id": tag.ids, "country_id": belgium.id},
                {"name": "Preview Other", "category_id": tag.ids},
                {
                    "name": "Preview Excluded",
                    "category_id": tag.ids,
                    "country_id": belgium.id,
                    "exclude_from_segments": True,
                },
            ]
        )
        segment = self.env["interaction.segment"].create(
            {"name": "Preview Segment", "template_id": self.template.id}
        )
        self.start_tour(
            f"/odoo/action-interaction_log.interaction_segment_action/{segment.id}",
            "interaction_log_segment_preview",
            login="admin",
        )
        self.assertEqual(segment.line_ids.partner_id.mapped("name"), ["Preview Belgian"])
