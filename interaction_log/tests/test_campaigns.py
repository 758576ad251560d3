from odoo.fields import Command
from odoo.tests import Form, tagged

from .common import InteractionLogCommon


@tagged("post_install", "-at_install")
class TestCampaigns(InteractionLogCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        campaigns = cls.env["utm.campaign"]
        cls.spring, cls.autumn = campaigns.create(
            [{"title": "Spring Fair"}, {"title": "Autumn Mailing"}]
        )
        cls.template_mailing = cls.template_call.copy(
            {
                "code": "T_MAILING",
                "name": "Campaign call",
                "campaign_id": cls.spring.id,
                "campaign_target": True,
            }
        )
        cls.template_reply = cls.template_incoming.copy(
            {
                "code": "T_REPLY",
                "name": "Campaign reply",
                "campaign_id": cls.spring.id,
                "campaign_response": True,
            }
        )
        cls.entries = cls.env["interaction.log.entry"]

    def test_template_campaign_is_the_default_of_entries(self):
        entry = self.log(self.contact_anna, self.template_mailing)
        self.assertRecordValues(
            entry,
            [{"campaign_id": self.spring.id, "campaign_target": True, "campaign_response": False}],
        )
        chosen = self.log(self.contact_bob, self.template_mailing, campaign_id=self.autumn.id)
        self.assertEqual(chosen.campaign_id, self.autumn)

    def test_wizard_takes_and_logs_the_campaign(self):
        wizard_model = self.env["interaction.log.wizard"].with_context(
            active_model="res.partner", active_ids=self.lone_partner.ids
        )
        with Form(wizard_model) as wizard:
            wizard.template_id = self.template_mailing
            self.assertEqual(wizard.campaign_id, self.spring)
            self.assertTrue(wizard.campaign_target)
            wizard.campaign_response = True
        wizard.record.action_log()
        self.assertRecordValues(
            self.entries.search([("partner_id", "=", self.lone_partner.id)]),
            [{"campaign_id": self.spring.id, "campaign_target": True, "campaign_response": True}],
        )

    def test_segment_campaign_wins_over_the_line_template(self):
        segment = self.env["interaction.segment"].create(
            {"name": "Autumn", "template_id": self.template_call.id}
        )
        segment.campaign_id = self.autumn
        segment.campaign_target = True
        segment._apply_criterion("add", [("id", "in", (self.contact_anna | self.contact_bob).ids)])
        line_bob = segment.line_ids.filtered(lambda line: line.partner_id == self.contact_bob)
        line_bob.template_id = self.template_reply  # a template with another campaign
        self.assertEqual(line_bob.campaign_id, self.autumn)
        segment.action_log()
        entries = segment.logged_segment_ids.entry_ids.sorted("partner_id")
        self.assertRecordValues(
            entries.sorted(lambda entry: entry.partner_id.name),
            [
                {
                    "partner_id": self.contact_anna.id,
                    "campaign_id": self.autumn.id,
                    "campaign_target": True,
                    "campaign_response": False,
                },
                {
                    "partner_id": self.contact_bob.id,
                    "campaign_id": self.autumn.id,
                    "campaign_target": False,
                    "campaign_response": True,
                },
            ],
        )

    def test_segment_without_campaign_keeps_the_template_campaign(self):
        segment = self.env["interaction.segment"].create(
            {"name": "Spring", "template_id": self.template_mailing.id}
        )
        self.assertEqual(segment.campaign_id, self.spring)
        segment.campaign_id = False
        segment._apply_criterion("add", [("id", "=", self.lone_partner.id)])
        segment.line_ids.template_id = self.template_reply
        self.assertEqual(segment.line_ids.campaign_id, self.spring)

    def test_a_quotation_with_a_campaign_logs_it(self):
        self.env.company._interaction_fill_template_setup()
        product = self.env["product.product"].create({"name": "Campaign product"})
        order = self.env["sale.order"].create(
            {
                "partner_id": self.lone_partner.id,
                "campaign_id": self.autumn.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        self.entries._log_document_event(order, "print")
        entry = self.entries.search([("res_model", "=", "sale.order"), ("res_id", "=", order.id)])
        self.assertEqual(entry.campaign_id, self.autumn)

    def test_statistics_and_response_rate(self):
        for partner in (self.contact_anna, self.contact_bob, self.lone_partner):
            self.log(partner, self.template_mailing)  # 3 targets, cost 2.5, 15 min each
        self.log(self.contact_anna, self.template_reply)  # 1 response, cost 0, 10 min
        self.log(self.contact_bob, self.template_reply).action_cancel()  # does not count
        self.log(self.lone_partner, self.template_call, campaign_id=self.autumn.id)
        self.assertRecordValues(
            self.spring | self.autumn,
            [
                {
                    "interaction_count": 4,
                    "interaction_target_count": 3,
                    "interaction_response_count": 1,
                    "interaction_cost": 7.5,
                    "interaction_duration": 55,
                },
                {
                    "interaction_count": 1,
                    "interaction_target_count": 0,
                    "interaction_response_count": 0,
                    "interaction_cost": 2.5,
                    "interaction_duration": 15,
                },
            ],
        )
        self.assertAlmostEqual(self.spring.interaction_response_rate, 100 / 3)
        self.assertEqual(self.autumn.interaction_response_rate, 0, "no targets: no rate")
        action = self.spring.action_view_interactions()
        self.assertEqual(
            len(self.entries.search(action["domain"]).filtered_domain([("canceled", "=", False)])),
            4,
        )

    def test_statistics_of_many_campaigns_in_one_query(self):
        campaigns = self.env["utm.campaign"].create(
            [{"title": f"Campaign {index}"} for index in range(20)]
        )
        for campaign in campaigns[:5]:
            self.log(self.lone_partner, self.template_mailing, campaign_id=campaign.id)
        self.env.flush_all()
        for some in (campaigns[:1], campaigns):
            self.env.invalidate_all()
            # Warm the record rules' cache: what is measured is the statistics themselves.
            self.entries.search([], limit=1)
            with self.assertQueryCount(1):
                some.mapped("interaction_response_rate")
        self.assertEqual(campaigns.mapped("interaction_target_count"), [1] * 5 + [0] * 15)

    def test_statistics_count_only_the_companies_the_user_may_see(self):
        company_b = self.env["res.company"].create({"name": "Campaign Company B"})
        contact_b = self.env["res.partner"].create(
            {"name": "Contact of B", "company_id": company_b.id}
        )
        self.log(self.lone_partner, self.template_mailing)
        self.log(contact_b, self.template_mailing, company_id=company_b.id)
        self.assertEqual(self.spring.with_user(self.manager).interaction_count, 1)
        both = self.env.company | company_b
        self.manager.company_ids = both
        self.assertEqual(
            self.spring.with_user(self.manager)
            .with_context(allowed_company_ids=both.ids)
            .interaction_count,
            2,
        )
