from odoo.tests import tagged

from .common import InteractionLogCommon


@tagged("post_install", "-at_install")
class TestSegmentOwnPartners(InteractionLogCommon):
    """The companies' own partners and internal users' partners are colleagues: a criterion
    never adds them to a segment; a line added by hand still can."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.country = cls.env["res.country"].create({"name": "Segmentland", "code": "SQ"})
        cls.env.company.partner_id.country_id = cls.country
        cls.user.partner_id.country_id = cls.country
        cls.customer = cls.env["res.partner"].create(
            {"name": "Segmentland Customer", "country_id": cls.country.id}
        )
        cls.segment = cls.env["interaction.segment"].create(
            {"name": "By country", "template_id": cls.template_call.id}
        )

    def test_a_country_criterion_skips_own_partners(self):
        self.segment._apply_criterion("add", [("country_id", "=", self.country.id)])
        self.assertEqual(self.segment.line_ids.partner_id, self.customer)

    def test_expanding_companies_skips_them_too(self):
        self.segment.expand_companies = True
        self.segment._apply_criterion("add", [("id", "=", self.env.company.partner_id.id)])
        self.assertFalse(self.segment.line_ids)

    def test_chosen_by_hand_they_are_kept(self):
        self.segment.line_ids = [(0, 0, {"partner_id": self.env.company.partner_id.id})]
        self.segment._apply_criterion("add", [("country_id", "=", self.country.id)])
        self.assertEqual(
            self.segment.line_ids.partner_id, self.env.company.partner_id | self.customer
        )

    def test_the_preview_counts_what_apply_adds(self):
        tag = self.env["res.partner.category"].create({"name": "Previewed"})
        (self.customer | self.lone_partner | self.env.company.partner_id).category_id = tag
        self.segment._add_partners(self.lone_partner)
        wizard = self.env["interaction.segment.criteria.wizard"].create(
            {"segment_id": self.segment.id, "category_ids": tag.ids}
        )
        self.assertEqual(wizard.preview_count, 1, "the customer: the lone contact is in already")
        wizard.country_ids = self.env.ref("base.be")
        self.assertEqual(wizard.preview_count, 0)
        wizard.country_ids = self.country
        wizard.action_apply()
        self.assertEqual(self.segment.line_ids.partner_id, self.lone_partner | self.customer)
        wizard = self.env["interaction.segment.criteria.wizard"].create(
            {"segment_id": self.segment.id, "action": "remove", "category_ids": tag.ids}
        )
        self.assertEqual(wizard.preview_count, 2)
