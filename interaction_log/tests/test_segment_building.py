from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import InteractionLogCommon


@tagged("post_install", "-at_install")
class TestSegmentBuilding(InteractionLogCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tag_vip = cls.env["res.partner.category"].create({"name": "Segment VIP"})
        cls.tag_fair = cls.env["res.partner.category"].create({"name": "Segment Fair"})
        cls.contact_anna.category_id = cls.tag_vip | cls.tag_fair
        cls.lone_partner.category_id = cls.tag_vip
        cls.company_partner.category_id = cls.tag_fair
        cls.segment = cls.env["interaction.segment"].create(
            {"name": "Spring campaign", "template_id": cls.template_call.id}
        )

    def criterion(self, action, domain=None, **values):
        wizard = self.env["interaction.segment.criteria.wizard"].create(
            {
                "segment_id": self.segment.id,
                "action": action,
                "domain": repr(domain or []),
                **values,
            }
        )
        wizard.action_apply()
        return self.segment.line_ids.partner_id

    def test_add_remove_refine_and_undo(self):
        self.assertEqual(
            self.criterion("add", category_ids=self.tag_vip.ids),
            self.contact_anna | self.lone_partner,
        )
        self.assertEqual(
            self.criterion("add", [("id", "in", self.contact_bob.ids)]),
            self.contact_anna | self.lone_partner | self.contact_bob,
        )
        self.assertEqual(
            self.criterion("remove", [("name", "=", "Lone Contact")]),
            self.contact_anna | self.contact_bob,
        )
        self.assertEqual(
            self.criterion("refine", category_ids=self.tag_fair.ids), self.contact_anna
        )
        self.assertEqual(len(self.segment.criterion_ids), 4)

        self.segment.action_undo_last_step()
        self.assertEqual(self.segment.line_ids.partner_id, self.contact_anna | self.contact_bob)
        self.segment.action_undo_last_step()
        self.assertEqual(
            self.segment.line_ids.partner_id,
            self.contact_anna | self.contact_bob | self.lone_partner,
        )
        self.segment.action_undo_last_step()
        self.segment.action_undo_last_step()
        self.assertFalse(self.segment.line_ids)
        with self.assertRaisesRegex(UserError, "no criteria step to undo"):
            self.segment.action_undo_last_step()

    def test_lines_take_the_segment_defaults_and_keep_overrides(self):
        self.segment.write({"interaction_name": "Spring call", "cost": 1.5})
        self.criterion("add", [("id", "in", (self.contact_anna | self.contact_bob).ids)])
        self.assertEqual(set(self.segment.line_ids.mapped("name")), {"Spring call"})
        self.assertEqual(self.segment.total_cost, 3)
        self.assertEqual(self.segment.total_duration, 30)
        anna_line = self.segment.line_ids.filtered(
            lambda line: line.partner_id == self.contact_anna
        )
        anna_line.write({"template_id": self.template_incoming.id})
        # The segment's own description is no template's name: the line keeps it (issue 15).
        self.assertRecordValues(anna_line, [{"name": "Spring call", "cost": 0, "duration": 10}])
        self.segment.write({"cost": 2})
        self.assertEqual(anna_line.cost, 0, "a header change does not silently rewrite the lines")
        self.segment.action_apply_defaults_to_lines()
        self.assertEqual(set(self.segment.line_ids.mapped("cost")), {2})
        self.assertEqual(anna_line.template_id, self.template_call)

    def test_interaction_history_criteria(self):
        self.log(
            self.contact_anna,
            template=self.template_incoming,
            evaluation="positive",
            date="2026-03-01 10:00:00",
        )
        self.log(self.contact_bob, date="2026-05-01 10:00:00")
        self.log(self.lone_partner, template=self.template_incoming).action_cancel()
        people = [("id", "in", (self.contact_anna | self.contact_bob | self.lone_partner).ids)]
        cases = [
            (
                {"history": "with", "history_template_ids": self.template_incoming.ids},
                self.contact_anna,
            ),
            (
                {"history": "with", "history_group_ids": self.group_phone.ids},
                self.contact_anna | self.contact_bob,
            ),
            ({"history": "with", "history_evaluation": "positive"}, self.contact_anna),
            (
                {
                    "history": "with",
                    "history_date_from": "2026-04-01 00:00:00",
                    "history_date_to": "2026-06-01 00:00:00",
                },
                self.contact_bob,
            ),
            (
                {"history": "without", "history_template_ids": self.template_incoming.ids},
                self.contact_bob | self.lone_partner,
            ),
        ]
        for values, expected in cases:
            with self.subTest(values=values):
                self.segment.line_ids.unlink()
                self.assertEqual(self.criterion("add", people, **values), expected)

    def test_company_expansion_and_exclusion(self):
        self.contact_bob.exclude_from_segments = True
        self.contact_anna.active = False
        self.criterion("add", [("id", "=", self.company_partner.id)])
        self.assertEqual(self.segment.line_ids.partner_id, self.company_partner)
        self.segment.expand_companies = True
        self.criterion("add", [("id", "=", self.company_partner.id)])
        self.assertEqual(
            self.segment.line_ids.partner_id,
            self.company_partner,
            "Bob is excluded from segments, Anna is archived",
        )
        self.segment.ignore_exclusion = True
        self.criterion("add", [("id", "=", self.company_partner.id)])
        self.assertEqual(self.segment.line_ids.partner_id, self.company_partner | self.contact_bob)

    def test_save_and_reuse_criteria(self):
        self.criterion("add", category_ids=self.tag_vip.ids)
        self.criterion("remove", [("name", "=", "Lone Contact")])
        action = self.segment.action_save_criteria()
        criteria = self.env["interaction.segment.criteria"].browse(action["res_id"])
        self.assertEqual(criteria.step_ids.mapped("action"), ["add", "remove"])
        other = self.env["interaction.segment"].create(
            {"name": "Autumn", "template_id": self.template_call.id}
        )
        self.env["interaction.segment.reuse.wizard"].create(
            {"segment_id": other.id, "source": "criteria", "criteria_id": criteria.id}
        ).action_apply()
        self.assertEqual(other.line_ids.partner_id, self.contact_anna)

    def test_given_defaults_do_not_block_the_others(self):
        segment = self.env["interaction.segment"].create(
            {
                "name": "Custom",
                "template_id": self.template_call.id,
                "interaction_name": "Custom call",
            }
        )
        self.assertRecordValues(
            segment,
            [
                {
                    "interaction_name": "Custom call",
                    "cost": 2.5,
                    "duration": 15,
                    "information_flow": "outbound",
                }
            ],
        )

    def test_a_contact_appears_once(self):
        self.criterion("add", [("id", "=", self.lone_partner.id)])
        self.criterion("add", [("id", "=", self.lone_partner.id)])
        self.assertEqual(len(self.segment.line_ids), 1)

    def test_invalid_filter_is_refused(self):
        wizard = self.env["interaction.segment.criteria.wizard"].create(
            {"segment_id": self.segment.id, "domain": "[('name', '=', "}
        )
        with self.assertRaisesRegex(UserError, "not a valid domain"):
            wizard.action_apply()
