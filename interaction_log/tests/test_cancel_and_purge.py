from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import InteractionLogCommon


@tagged("post_install", "-at_install")
class TestCancelAndPurge(InteractionLogCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        now = fields.Datetime.now()
        cls.old_date = now - timedelta(days=400)
        cls.recent_date = now - timedelta(days=5)
        cls.old_canceled = cls.log(cls.contact_anna, date=cls.old_date) | cls.log(
            cls.contact_bob, date=cls.old_date
        )
        cls.old_canceled.action_cancel()
        cls.recent_canceled = cls.log(
            cls.lone_partner, template=cls.template_incoming, date=cls.recent_date
        )
        cls.recent_canceled.action_cancel()
        cls.old_logged = cls.log(cls.contact_anna, date=cls.old_date)
        cls.old_postponed = cls.log(cls.contact_anna, date=cls.old_date, postponed=True)
        cls.cron = cls.env.ref("interaction_log.ir_cron_purge_canceled_interactions")

    def run_purge(self):
        with self.enter_registry_test_mode():
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def test_wizard_counts_and_deletes_only_cancelled_entries(self):
        with Form(self.env["interaction.delete.canceled.wizard"].with_user(self.manager)) as wizard:
            wizard.partner_ids.add(self.lone_partner)
            self.assertEqual(wizard.match_count, 1)
            wizard.partner_ids.add(self.company_partner)
            self.assertEqual(wizard.match_count, 3, "a company takes its contacts' entries")
            wizard.partner_ids.remove(self.lone_partner.id)
            self.assertEqual(wizard.match_count, 2)
        action = wizard.record.action_delete()
        self.assertIn("2 cancelled interactions deleted", action["params"]["message"])
        self.assertFalse(self.old_canceled.exists())
        self.assertTrue((self.recent_canceled | self.old_logged | self.old_postponed).exists())

    def test_wizard_filters(self):
        cases = [
            ({"date_to": self.old_date + timedelta(days=1)}, 2),
            ({"template_ids": [self.template_incoming.id]}, 1),
            ({"group_ids": [self.group_phone.id]}, 3),
            ({"user_ids": [self.user.id]}, 0),
        ]
        for values, expected in cases:
            with self.subTest(values=values):
                wizard = self.env["interaction.delete.canceled.wizard"].create(
                    {"partner_ids": (self.company_partner | self.lone_partner).ids, **values}
                )
                self.assertEqual(wizard.match_count, expected)

    def test_wizard_with_nothing_to_delete_says_so(self):
        (self.old_canceled | self.recent_canceled).unlink()
        wizard = self.env["interaction.delete.canceled.wizard"].create(
            {"partner_ids": (self.company_partner | self.lone_partner).ids}
        )
        action = wizard.action_delete()
        self.assertEqual(action["params"]["type"], "info")
        self.assertIn("0 cancelled interactions deleted", action["params"]["message"])
        self.assertTrue((self.old_logged | self.old_postponed).exists())

    def test_purge_keeps_everything_when_retention_is_zero(self):
        self.env["res.company"].search([]).interaction_retention_days = 0
        self.run_purge()
        self.assertEqual(len(self.old_canceled.exists()), 2)
        progress = self.env["ir.cron.progress"].search(
            [("cron_id", "=", self.cron.id)], limit=1, order="id desc"
        )
        self.assertEqual(progress.done, 0)

    def test_purge_deletes_only_old_cancelled_entries(self):
        self.env.company.interaction_retention_days = 30
        self.run_purge()
        self.assertFalse(self.old_canceled.exists())
        self.assertTrue((self.recent_canceled | self.old_logged | self.old_postponed).exists())

    def test_purge_works_in_batches_and_a_second_run_finds_nothing_left(self):
        self.env.company.interaction_retention_days = 30
        more = self.env["interaction.log.entry"].create(
            [
                {
                    "partner_id": self.lone_partner.id,
                    "template_id": self.template_call.id,
                    "date": self.old_date,
                }
            ]
            * 5
        )
        more.action_cancel()
        entries = self.env["interaction.log.entry"]
        expected = entries.search_count(entries._purge_domain(self.env.company))
        self.assertGreaterEqual(expected, 7)
        self.cron.code = "model._cron_purge_canceled(batch_size=2)"
        self.run_purge()
        self.assertFalse((self.old_canceled | more).exists())
        progress = self.env["ir.cron.progress"].search(
            [("cron_id", "=", self.cron.id)], limit=1, order="id desc"
        )
        self.assertEqual(progress.done, expected, "all of them deleted, in committed batches")
        self.assertFalse(entries.search_count(entries._purge_domain(self.env.company)))
        self.run_purge()
        second = self.env["ir.cron.progress"].search(
            [("cron_id", "=", self.cron.id)], limit=1, order="id desc"
        )
        self.assertNotEqual(second, progress)
        self.assertEqual(second.done, 0, "the second run finds nothing left to delete")
        self.assertTrue((self.recent_canceled | self.old_logged).exists())

    def test_purge_takes_the_attachments_along(self):
        attachment = self.env["ir.attachment"].create(
            {
                "name": "old.txt",
                "raw": b"old",
                "res_model": "interaction.log.entry",
                "res_id": self.old_canceled[0].id,
            }
        )
        self.env.company.interaction_retention_days = 30
        self.run_purge()
        self.assertFalse(self.old_canceled.exists())
        self.assertFalse(attachment.exists())

    def test_purge_respects_each_company_retention(self):
        other_company = self.env["res.company"].create(
            {"name": "Other Company", "interaction_retention_days": 0}
        )
        kept = self.log(self.lone_partner, company_id=other_company.id, date=self.old_date)
        kept.action_cancel()
        self.env.company.interaction_retention_days = 30
        self.run_purge()
        self.assertFalse(self.old_canceled.exists())
        self.assertTrue(kept.exists())

    def test_wizard_opened_on_a_selection_takes_only_the_selection(self):
        selection = self.old_canceled[:1] | self.old_logged
        wizard = (
            self.env["interaction.delete.canceled.wizard"]
            .with_context(active_model="interaction.log.entry", active_ids=selection.ids)
            .create({})
        )
        self.assertEqual(wizard.match_count, 1)
        wizard.action_delete()
        self.assertFalse(self.old_canceled[:1].exists())
        self.assertTrue((self.old_canceled[1:] | self.old_logged).exists())

    def test_only_managers_delete_cancelled_interactions(self):
        with self.assertRaises(AccessError):
            self.env["interaction.delete.canceled.wizard"].with_user(self.user).create({})

    def test_managers_set_the_retention_period(self):
        wizard = (
            self.env["interaction.retention.wizard"]
            .with_user(self.manager)
            .create({"interaction_retention_days": 90})
        )
        wizard.action_save()
        self.assertEqual(self.env.company.interaction_retention_days, 90)
        with self.assertRaises(AccessError):
            self.env["interaction.retention.wizard"].with_user(self.user).create({})
        wizard = (
            self.env["interaction.retention.wizard"]
            .with_user(self.manager)
            .create({"interaction_retention_days": -3})
        )
        with self.assertRaises(ValidationError):
            wizard.action_save()

    def test_negative_retention_is_refused(self):
        with self.assertRaises(ValidationError):
            self.env.company.interaction_retention_days = -1
