import base64

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import InteractionLogCommon


@tagged("post_install", "-at_install")
class TestAnonymise(InteractionLogCommon):
    """Anonymise instead of erase: statistics and accounting stay true, the person goes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create({"name": "Anonymise B"})
        cls.contact_anna.phone = "+32 2 555 03 03"
        cls.entries = cls.log(cls.contact_anna, note="Told us about her illness") | cls.log(
            cls.contact_anna, template=cls.template_incoming, evaluation="negative"
        )
        cls.canceled = cls.log(cls.contact_anna, name="Cancelled call")
        cls.canceled.action_cancel()
        cls.foreign = cls.env["interaction.log.entry"].create(
            {
                "partner_id": cls.contact_anna.id,
                "template_id": cls.template_call.id,
                "company_id": cls.other_company.id,
            }
        )
        cls.kept = cls.log(cls.contact_bob)
        cls.attachment = cls.env["ir.attachment"].create(
            {
                "name": "call.eml",
                "datas": base64.b64encode(b"Subject: private"),
                "res_model": "interaction.log.entry",
                "res_id": cls.entries[0].id,
            }
        )
        cls.manager.company_ids |= cls.other_company

    def statistics(self):
        self.env.invalidate_all()
        return [
            (record.interaction_count, record.interaction_cost, record.interaction_duration)
            for record in (self.template_call, self.template_incoming, self.group_phone)
        ]

    def test_anonymise_keeps_the_statistics_and_removes_the_person(self):
        anna_entries = self.entries | self.canceled | self.foreign
        kept_values = anna_entries.read(
            [
                "date",
                "template_id",
                "group_id",
                "cost",
                "duration",
                "information_flow",
                "initiated_by",
                "state",
                "evaluation",
                "company_id",
            ]
        )
        before = self.statistics()
        self.assertEqual(before[2][0], 4, "the group counts Anna's three and Bob's entry")
        self.company_partner.invalidate_recordset()
        self.assertEqual(self.company_partner.interaction_count, 4)

        self.contact_anna.with_user(self.manager).with_context(
            allowed_company_ids=(self.env.company | self.other_company).ids
        ).action_anonymise_interactions()

        self.assertEqual(self.statistics(), before, "templates and groups count the same")
        self.assertEqual(anna_entries.read(list(kept_values[0])), kept_values)
        anonymous = anna_entries.partner_id
        self.assertEqual(len(anonymous), 2, "one anonymised contact per company")
        self.assertEqual(anonymous.company_id, self.env.company | self.other_company)
        for partner in anonymous:
            self.assertRecordValues(
                partner,
                [
                    {
                        "name": "Anonymised contact",
                        "active": False,
                        "interaction_anonymous": True,
                        "interaction_privacy_blocked": True,
                    }
                ],
            )
        for entry in anna_entries:
            self.assertEqual(entry.name, entry.template_id.name)
            self.assertFalse(entry.note)
            self.assertFalse(entry.contact_via)
            self.assertFalse(entry.commercial_partner_id == self.company_partner)
        self.assertFalse(self.attachment.exists())
        self.assertFalse(
            self.env["interaction.log.entry"].search([("partner_id", "=", self.contact_anna.id)])
        )
        self.company_partner.invalidate_recordset()
        self.assertEqual(self.company_partner.interaction_count, 1, "Bob's entry only")
        self.assertEqual(self.kept.partner_id, self.contact_bob)
        message = self.contact_anna.message_ids[0]
        self.assertIn("4 interactions anonymised by Manon Manager", message.body)
        self.assertEqual(message.author_id, self.manager.partner_id)

        # A second anonymisation reuses the company's anonymised contact.
        self.log(self.lone_partner).partner_id.with_user(
            self.manager
        ).action_anonymise_interactions()
        self.assertEqual(
            self.env["res.partner"]
            .with_context(active_test=False)
            .search_count([("interaction_anonymous", "=", True)]),
            2,
        )
        with self.assertRaisesRegex(Exception, "privacy"):
            self.log(anonymous[0])

    def test_erase_is_logged_in_the_chatter(self):
        self.contact_bob.with_user(self.manager).action_erase_interactions()
        self.assertFalse(self.kept.exists())
        self.assertIn(
            "1 interactions erased by Manon Manager", self.contact_bob.message_ids[0].body
        )

    def test_users_cannot_anonymise(self):
        with self.assertRaisesRegex(AccessError, "Only Interaction Managers"):
            self.contact_anna.with_user(self.user).action_anonymise_interactions()
        salesman = new_test_user(
            self.env, login="anonymise_salesman", groups="sales_team.group_sale_manager"
        )
        with self.assertRaisesRegex(AccessError, "Only Interaction Managers"):
            self.contact_anna.with_user(salesman).action_anonymise_interactions()
        self.assertEqual(self.entries.partner_id, self.contact_anna)
