from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.interaction_log.tests.common import InteractionLogCommon


@tagged("post_install", "-at_install")
class TestOpportunityLink(InteractionLogCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company._interaction_fill_template_setup()
        cls.seller = new_test_user(
            cls.env, login="il_crm_seller", groups="sales_team.group_sale_salesman"
        )
        cls.campaign = cls.env["utm.campaign"].create({"title": "Trade Fair"})
        leads = cls.env["crm.lead"]
        cls.opportunity = leads.create(
            {
                "name": "Azure renewal",
                "type": "opportunity",
                "partner_id": cls.company_partner.id,
                "campaign_id": cls.campaign.id,
                "user_id": cls.seller.id,
            }
        )
        cls.other_opportunity = leads.create(
            {
                "name": "Lone deal",
                "type": "opportunity",
                "partner_id": cls.lone_partner.id,
                "user_id": cls.seller.id,
            }
        )
        cls.won = leads.create(
            {
                "name": "Won deal",
                "type": "opportunity",
                "partner_id": cls.company_partner.id,
                "user_id": cls.seller.id,
            }
        )
        cls.won.action_set_won()
        cls.entries = cls.env["interaction.log.entry"]

    def test_wizard_offers_the_open_opportunities_of_the_contact_company(self):
        wizard_model = self.env["interaction.log.wizard"].with_user(self.seller)
        with Form(
            wizard_model.with_context(active_model="res.partner", active_ids=self.contact_anna.ids)
        ) as wizard:
            self.assertEqual(wizard.allowed_opportunity_ids[:], self.opportunity)
            wizard.template_id = self.template_call
            wizard.opportunity_id = self.opportunity
        wizard.record.action_log()
        self.assertRecordValues(
            self.entries.search([("partner_id", "=", self.contact_anna.id)]),
            [{"opportunity_id": self.opportunity.id, "campaign_id": self.campaign.id}],
        )

    def test_wizard_refuses_an_opportunity_of_another_company(self):
        wizard = (
            self.env["interaction.log.wizard"]
            .with_user(self.seller)
            .create(
                {
                    "partner_ids": [Command.set(self.contact_anna.ids)],
                    "template_id": self.template_call.id,
                    "opportunity_id": self.other_opportunity.id,
                }
            )
        )
        with self.assertRaisesRegex(UserError, "not an open opportunity"):
            wizard.action_log()

    def test_log_interaction_from_the_opportunity(self):
        action = self.opportunity.action_log_interaction()
        with Form(self.env["interaction.log.wizard"].with_context(**action["context"])) as wizard:
            self.assertEqual(wizard.opportunity_id, self.opportunity)
            wizard.template_id = self.template_call
        wizard.record.action_log()
        self.assertEqual(self.opportunity.interaction_count, 1)

    def test_quotation_of_the_opportunity_carries_it(self):
        product = self.env["product.product"].create({"name": "Renewal"})
        order = self.env["sale.order"].create(
            {
                "partner_id": self.company_partner.id,
                "opportunity_id": self.opportunity.id,
                "campaign_id": self.campaign.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        self.entries._log_document_event(order, "print")
        self.assertRecordValues(
            self.entries.search([("res_model", "=", "sale.order"), ("res_id", "=", order.id)]),
            [{"opportunity_id": self.opportunity.id, "campaign_id": self.campaign.id}],
        )

    def test_activity_done_on_a_lead_carries_it(self):
        self.opportunity.activity_schedule(
            "mail.mail_activity_data_call", summary="Call about the renewal"
        ).action_feedback(feedback="Signs next week")
        self.assertRecordValues(
            self.entries.search([("res_model", "=", "crm.lead")]),
            [
                {
                    "partner_id": self.company_partner.id,
                    "opportunity_id": self.opportunity.id,
                    "campaign_id": self.campaign.id,
                    "note": "Signs next week",
                }
            ],
        )

    def test_email_on_a_lead_carries_it(self):
        self.company_partner.email = "azure@example.com"
        self.opportunity.with_user(self.seller).message_post(
            body="Here is our offer",
            partner_ids=self.company_partner.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        entry = self.entries.search(
            [("res_model", "=", "crm.lead"), ("partner_id", "=", self.company_partner.id)]
        )
        self.assertEqual(entry.opportunity_id, self.opportunity)

    def test_smart_button_counts_linked_entries_and_the_contact_since_creation(self):
        self.log(self.lone_partner, opportunity_id=self.opportunity.id)
        self.log(self.contact_anna)  # the contact's company, after the lead was created
        self.log(self.contact_bob, date="2020-01-01 10:00:00")  # before the lead
        self.log(self.lone_partner)  # neither
        self.assertEqual(self.opportunity.interaction_count, 2)
        action = self.opportunity.action_view_interactions()
        self.assertEqual(len(self.entries.search(action["domain"])), 2)

    def test_create_opportunity_from_an_entry(self):
        entry = self.log(
            self.lone_partner,
            name="Asked for a quote",
            campaign_id=self.campaign.id,
            user_id=self.seller.id,
        )
        action = entry.with_user(self.seller).action_create_opportunity()
        opportunity = self.env["crm.lead"].browse(action["res_id"])
        self.assertRecordValues(
            opportunity,
            [
                {
                    "type": "opportunity",
                    "name": "Asked for a quote",
                    "partner_id": self.lone_partner.id,
                    "user_id": self.seller.id,
                    "campaign_id": self.campaign.id,
                }
            ],
        )
        self.assertEqual(entry.opportunity_id, opportunity)
        with self.assertRaisesRegex(UserError, "linked to opportunity"):
            entry.action_create_opportunity()
        cancelled = self.log(self.lone_partner)
        cancelled.action_cancel()
        with self.assertRaisesRegex(UserError, "cancelled"):
            cancelled.action_create_opportunity()

    def test_other_logged_fields_stay_locked(self):
        entry = self.log(self.lone_partner)
        entry.opportunity_id = self.other_opportunity
        with self.assertRaises(UserError):
            entry.name = "Rewritten"

    def test_wizard_offers_no_opportunity_of_a_company_the_user_cannot_see(self):
        company_b = self.env["res.company"].create({"name": "CRM Company B"})
        self.env["crm.lead"].create(
            {
                "name": "Azure deal in B",
                "type": "opportunity",
                "partner_id": self.company_partner.id,
                "user_id": False,
                "company_id": company_b.id,
            }
        )
        wizard_model = self.env["interaction.log.wizard"].with_user(self.seller)
        with Form(
            wizard_model.with_context(active_model="res.partner", active_ids=self.contact_anna.ids)
        ) as wizard:
            self.assertEqual(wizard.allowed_opportunity_ids[:], self.opportunity)
            wizard.template_id = self.template_call
