import base64
from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import format_date, mute_logger

from .common import InteractionLogCommon
from .test_analysis_summary import CONTACT_COLUMNS, SUMMARY_COLUMNS

# What anonymising keeps: the statistics of templates, groups and the Analysis.
KEPT_FIELDS = [
    "date",
    "template_id",
    "group_id",
    "cost",
    "duration",
    "information_flow",
    "initiated_by",
    "state",
    "company_id",
    "user_id",
]


@tagged("post_install", "-at_install")
class TestRetention(InteractionLogCommon):
    """Retention policies applied by the scheduled purge: anonymise or delete a group's (or a
    template's) entries older than N months, never those under legal hold."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        now = fields.Datetime.now()
        cls.old = now - timedelta(days=800)  # over 24 months
        cls.recent = now - timedelta(days=200)
        cls.group_letters = cls.env["interaction.group"].create(
            {"code": "T_LETTER", "name": "Test Letters"}
        )
        cls.template_letter = cls.env["interaction.template"].create(
            {
                "code": "T_LETTER_OUT",
                "name": "Outgoing test letter",
                "group_id": cls.group_letters.id,
                "unit_cost": 1.0,
                "information_flow": "outbound",
                "initiated_by": "us",
            }
        )
        cls.other_company = cls.env["res.company"].create({"name": "Retention B"})
        cls.contact_anna.email = "anna@azure.example"
        cls.old_calls = cls.log(
            cls.contact_anna, date=cls.old, note="Spoke about her health", cost=3, duration=12
        ) | cls.log(cls.lone_partner, template=cls.template_incoming, date=cls.old)
        cls.old_canceled_call = cls.log(cls.contact_bob, date=cls.old)
        cls.old_canceled_call.action_cancel()
        cls.old_postponed_call = cls.log(cls.contact_bob, date=cls.old, postponed=True)
        cls.recent_call = cls.log(cls.contact_anna, date=cls.recent)
        cls.old_letter = cls.log(cls.contact_anna, template=cls.template_letter, date=cls.old)
        cls.foreign_call = cls.env["interaction.log.entry"].create(
            {
                "partner_id": cls.lone_partner.id,
                "template_id": cls.template_call.id,
                "company_id": cls.other_company.id,
                "date": cls.old,
            }
        )
        cls.attachment = cls.env["ir.attachment"].create(
            {
                "name": "call.txt",
                "datas": base64.b64encode(b"what she said"),
                "res_model": "interaction.log.entry",
                "res_id": cls.old_calls[0].id,
            }
        )
        cls.cron = cls.env.ref("interaction_log.ir_cron_purge_canceled_interactions")
        cls.Policy = cls.env["interaction.retention.policy"]

    def run_cron(self):
        with self.enter_registry_test_mode():
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def policy(self, **values):
        return self.Policy.with_user(self.manager).create(
            {"group_id": self.group_phone.id, "keep_months": 24, **values}
        )

    def statistics(self):
        self.env.invalidate_all()
        records = (
            self.template_call | self.template_incoming | self.template_letter,
            self.group_phone | self.group_letters,
        )
        stats = [
            (record.interaction_count, record.interaction_cost, record.interaction_duration)
            for model in records
            for record in model
        ]
        analysis = self.env["interaction.log.entry"]._read_group(
            [], ["template_id", "state", "date:month"], ["__count", "cost:sum", "duration:sum"]
        )
        self.env.flush_all()
        self.cr.execute(
            f"""SELECT date, {SUMMARY_COLUMNS}, sum(entry_count), sum(cost), sum(duration)
                  FROM interaction_log_summary GROUP BY date, {SUMMARY_COLUMNS}
                HAVING sum(entry_count) <> 0"""
        )
        return stats, sorted(analysis, key=repr), sorted(self.cr.fetchall(), key=repr)

    def assertContactSummaryEqualsEntries(self):
        """The summary per contact is kept by triggers: after a raw UPDATE it must still equal
        a GROUP BY over the entries."""
        self.env.flush_all()
        self.cr.execute(
            f"""SELECT {CONTACT_COLUMNS}, count(*), sum(cost), sum(duration), max(date)
                  FROM interaction_log_entry GROUP BY {CONTACT_COLUMNS}"""
        )
        expected = sorted(self.cr.fetchall(), key=repr)
        self.cr.execute(
            f"""SELECT {CONTACT_COLUMNS}, sum(entry_count), sum(cost), sum(duration)::bigint,
                       max(last_date)
                  FROM interaction_log_contact_summary GROUP BY {CONTACT_COLUMNS}
                HAVING sum(entry_count) <> 0"""
        )
        self.assertEqual(sorted(self.cr.fetchall(), key=repr), expected)

    def test_no_policy_keeps_everything(self):
        everything = self.env["interaction.log.entry"].search([])
        values = everything.read(["partner_id", "name", "note"])
        self.run_cron()
        self.assertEqual(everything.exists().read(["partner_id", "name", "note"]), values)

    def test_anonymise_a_group_keeps_the_statistics(self):
        policy = self.policy()
        taken = self.old_calls | self.old_canceled_call
        self.assertEqual(policy.next_run_count, 3)
        kept_values = taken.read(KEPT_FIELDS)
        before = self.statistics()

        self.run_cron()

        self.assertEqual(self.statistics(), before, "templates, groups and Analysis unchanged")
        self.assertContactSummaryEqualsEntries()
        self.assertEqual(taken.read(KEPT_FIELDS), kept_values)
        anonymous = self.env["res.partner"]._interaction_anonymous_partner(self.env.company)
        for entry in taken:
            self.assertRecordValues(
                entry,
                [
                    {
                        "partner_id": anonymous.id,
                        "commercial_partner_id": anonymous.id,
                        "name": entry.template_id.name,
                        "note": False,
                        "contact_via": False,
                    }
                ],
            )
        self.assertFalse(self.attachment.exists(), "attachments removed")
        untouched = self.recent_call | self.old_letter | self.foreign_call | self.old_postponed_call
        self.assertNotIn(anonymous, untouched.partner_id)
        self.assertIn("3 interactions anonymised", policy.message_ids[0].body)
        self.assertEqual(policy.next_run_count, 0, "nothing left for the next run")
        messages = policy.message_ids
        self.run_cron()
        self.assertEqual(policy.message_ids, messages, "a run with nothing to do says nothing")

    def test_anonymising_a_private_entry_removes_its_sealed_content(self):
        entry = self.old_calls[0]
        entry.with_user(self.manager).private = True
        content = self.env["interaction.private.content"].search([("entry_id", "=", entry.id)])
        self.assertTrue(content, "the description and note moved to the private content")
        self.policy()

        self.run_cron()

        self.assertFalse(content.exists(), "nothing private is kept once anonymised")
        self.assertRecordValues(
            entry, [{"private": False, "name": entry.template_id.name, "note": False}]
        )

    def test_delete_a_template_only(self):
        policy = self.policy(template_id=self.template_call.id, action="delete")
        self.assertEqual(policy.next_run_count, 2, "Anna's old call and Bob's cancelled one")
        self.run_cron()
        self.assertFalse((self.old_calls[0] | self.old_canceled_call).exists())
        self.assertFalse(self.attachment.exists())
        self.assertTrue(
            (
                self.old_calls[1]
                | self.recent_call
                | self.old_letter
                | self.foreign_call
                | self.old_postponed_call
            ).exists()
        )
        self.assertIn("2 interactions deleted", policy.message_ids[0].body)
        self.assertContactSummaryEqualsEntries()

    def test_a_templates_policy_takes_its_entries_out_of_its_groups(self):
        group_policy = self.policy(keep_months=1, action="delete")
        template_policy = self.policy(template_id=self.template_call.id, keep_months=120)
        self.assertEqual(group_policy.next_run_count, 1, "the incoming call only")
        self.assertEqual(template_policy.next_run_count, 0)
        self.run_cron()
        self.assertFalse(self.old_calls[1].exists())
        self.assertTrue((self.old_calls[0] | self.recent_call | self.old_canceled_call).exists())

    def test_each_company_its_policies(self):
        other = self.Policy.create(
            {
                "company_id": self.other_company.id,
                "group_id": self.group_phone.id,
                "keep_months": 12,
                "action": "delete",
            }
        )
        self.assertEqual(other.next_run_count, 1)
        self.run_cron()
        self.assertFalse(self.foreign_call.exists())
        self.assertTrue((self.old_calls | self.old_canceled_call).exists())

    def test_a_templates_policy_in_one_company_leaves_the_others_to_their_groups(self):
        """One run reads every policy's entries at once and tells them apart by company,
        group and template: the other company's calls are its group policy's, though this
        company keeps its calls by a policy of the template."""
        template_policy = self.policy(template_id=self.template_call.id, keep_months=1)
        other = self.Policy.create(
            {
                "company_id": self.other_company.id,
                "group_id": self.group_phone.id,
                "keep_months": 12,
                "action": "delete",
            }
        )
        self.run_cron()
        self.assertFalse(self.foreign_call.exists())
        self.assertEqual(self.old_calls[0].partner_id, self.anonymous_partner())
        self.assertIn("1 interactions deleted", other.message_ids[0].body)
        self.assertIn("3 interactions anonymised", template_policy.message_ids[0].body)

    def test_a_group_policy_taking_several_templates_rows_takes_them_all(self):
        """The run reads each (company, group, template) apart: a group policy that takes
        the rows of a template with a policy elsewhere and of its other templates takes
        every one of their entries, whatever order their ids come in."""
        self.policy(template_id=self.template_call.id, keep_months=1)
        other = self.Policy.create(
            {
                "company_id": self.other_company.id,
                "group_id": self.group_phone.id,
                "keep_months": 12,
                "action": "delete",
            }
        )
        Entry = self.env["interaction.log.entry"]
        foreign = self.foreign_call
        for template in (self.template_incoming, self.template_call):
            foreign |= Entry.create(
                {
                    "partner_id": self.lone_partner.id,
                    "template_id": template.id,
                    "company_id": self.other_company.id,
                    "date": self.old,
                }
            )
        self.assertEqual(other.next_run_count, 3)
        self.run_cron()
        self.assertFalse(foreign.exists())
        self.assertIn("3 interactions deleted", other.message_ids[0].body)

    def anonymous_partner(self):
        return self.env["res.partner"]._interaction_anonymous_partner(self.env.company)

    def test_dry_run_count_equals_what_a_run_does(self):
        policies = self.policy(action="delete") | self.policy(
            group_id=self.group_letters.id, keep_months=1
        )
        self.contact_bob.with_user(self.manager)._interaction_legal_hold("Dispute", False)
        counts = policies.mapped("next_run_count")
        self.assertEqual(counts, [2, 1])
        entries = self.env["interaction.log.entry"]
        before = entries.search_count([])
        anonymous_before = entries.search_count([("partner_id.interaction_anonymous", "=", True)])
        self.run_cron()
        self.assertEqual(entries.search_count([]), before - counts[0])
        self.assertEqual(
            entries.search_count([("partner_id.interaction_anonymous", "=", True)])
            - anonymous_before,
            counts[1],
        )
        self.assertEqual(policies.mapped("next_run_count"), [0, 0])

    def test_the_form_counts_the_next_run_and_opens_it(self):
        with Form(self.Policy.with_user(self.manager)) as form:
            form.group_id = self.group_phone
            form.keep_months = 24
            self.assertEqual(form.next_run_count, 3)
            form.keep_months = 1
            self.assertEqual(form.next_run_count, 4, "the recent call too")
            form.template_id = self.template_incoming
            self.assertEqual(form.next_run_count, 1)
            form.group_id = self.group_letters
            self.assertFalse(form.template_id, "a template of another group goes")
            form.group_id = self.group_phone
        action = form.record.action_view_next_run_entries()
        self.assertEqual(
            self.env["interaction.log.entry"].search(action["domain"]),
            self.old_calls | self.old_canceled_call | self.recent_call,
        )
        # The list opens on what the count counts, the cancelled entries too.
        self.assertFalse(action["context"]["search_default_not_canceled"])

    def test_legal_hold_on_a_company_holds_its_people(self):
        policy = self.policy(action="delete")
        self.company_partner.with_user(self.manager)._interaction_legal_hold(
            "Invoice dispute", fields.Date.to_date("2026-01-15")
        )
        self.assertEqual(policy.next_run_count, 1, "the lone contact's call only")
        self.run_cron()
        self.assertFalse(self.old_calls[1].exists())
        self.assertTrue((self.old_calls[0] | self.old_canceled_call).exists())

        self.company_partner.with_user(self.manager).action_interaction_legal_hold_lift()
        self.assertEqual(policy.next_run_count, 2)
        self.run_cron()
        self.assertFalse((self.old_calls[0] | self.old_canceled_call).exists())
        bodies = self.company_partner.message_ids.mapped("body")
        self.assertIn("Legal hold lifted by Manon Manager", bodies[0])
        # In the reader's date format, as the form's banner says it.
        self.assertIn(
            "Legal hold set by Manon Manager since 01/15/2026: Invoice dispute", bodies[1]
        )

    def test_legal_hold_on_a_person_holds_only_them(self):
        policy = self.policy()
        wizard = Form(
            self.env["interaction.legal.hold.wizard"]
            .with_user(self.manager)
            .with_context(default_partner_id=self.contact_anna.id)
        )
        wizard.reason = "Court order 42"
        wizard.save().action_confirm()
        self.assertRecordValues(
            self.contact_anna,
            [
                {
                    "interaction_legal_hold": True,
                    "interaction_legal_hold_reason": "Court order 42",
                    "interaction_legal_hold_date": fields.Date.context_today(self.contact_anna),
                    "interaction_legal_hold_by_id": self.manager.id,
                }
            ],
        )
        self.assertEqual(policy.next_run_count, 2, "Bob's and the lone contact's")
        # The form's banner: one sentence (its fields inline broke into fragments).
        since = format_date(self.env, fields.Date.context_today(self.contact_anna))
        self.assertEqual(
            self.contact_anna.with_user(self.manager).interaction_legal_hold_summary,
            f"Legal hold since {since}, set by Manon Manager: Court order 42. No retention "
            "policy anonymises or deletes these interactions while it holds.",
        )
        self.assertEqual(
            self.env["res.partner"]
            .with_user(self.manager)
            .search(
                [
                    ("interaction_legal_hold", "=", True),
                    ("id", "in", (self.contact_anna | self.contact_bob | self.lone_partner).ids),
                ]
            ),
            self.contact_anna,
            "the contacts' filter Under Legal Hold",
        )
        self.run_cron()
        self.assertEqual(self.old_calls[0].partner_id, self.contact_anna)
        self.assertNotEqual(self.old_canceled_call.partner_id, self.contact_bob)

    def test_a_hold_needs_a_reason(self):
        with self.assertRaisesRegex(UserError, "Say why"):
            self.contact_anna.with_user(self.manager)._interaction_legal_hold("  ", False)

    def test_users_cannot_hold_or_edit_policies(self):
        policy = self.policy()
        with self.assertRaises(AccessError):
            self.contact_anna.with_user(self.user)._interaction_legal_hold("Mine", False)
        with self.assertRaises(AccessError):
            self.contact_anna.with_user(self.user).action_interaction_legal_hold()
        with self.assertRaises(AccessError):
            self.contact_anna.with_user(self.manager).write({"interaction_legal_hold": True})
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.manager).create(
                {"name": "Held at birth", "interaction_legal_hold": True}
            )
        with self.assertRaises(AccessError):
            self.Policy.with_user(self.user).create(
                {"group_id": self.group_phone.id, "keep_months": 1}
            )
        with self.assertRaises(AccessError):
            policy.with_user(self.user).keep_months = 1
        with self.assertRaises(AccessError):
            policy.with_user(self.user).read(["keep_months"])

    def test_bad_policies_are_refused(self):
        # assertRaises, not assertRaisesRegex: Odoo's rolls the failed INSERT back.
        with self.assertRaises(ValidationError) as caught:
            self.policy(keep_months=0)
        self.assertIn("at least one month", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            self.policy(group_id=self.group_letters.id, template_id=self.template_call.id)
        self.assertIn("belongs to the group", str(caught.exception))
        self.policy()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.policy(keep_months=36)

    def test_changes_are_tracked_in_the_chatter(self):
        policy = self.policy()
        # Changes in the transaction that creates a record are not tracked: commit it first.
        self.env.cr.precommit.run()
        policy.keep_months = 36
        policy.action = "delete"
        self.env.cr.precommit.run()  # tracking is written when the transaction commits
        policy.invalidate_recordset()
        message = policy.sudo().message_ids[0]
        values = message.tracking_value_ids.mapped(
            lambda value: (value.field_id.name, value.old_value_integer, value.new_value_integer)
        )
        self.assertIn(("keep_months", 24, 36), values)
        self.assertIn("action", message.tracking_value_ids.field_id.mapped("name"))


@tagged("post_install", "-at_install")
class TestRetentionFrench(InteractionLogCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["interaction_log"], ["fr_FR"], overwrite=True
        )

    def test_policies_and_holds_speak_french(self):
        policies = (
            self.env["interaction.retention.policy"]
            .with_user(self.manager)
            .with_context(lang="fr_FR")
        )
        with self.assertRaises(ValidationError) as caught:
            policies.create({"group_id": self.group_phone.id, "keep_months": 0})
        self.assertIn("au moins un mois", str(caught.exception))
        fields_fr = policies.fields_get(["keep_months", "action"])
        self.assertEqual(fields_fr["keep_months"]["string"], "Conserver (mois)")
        self.assertIn(("delete", "Supprimer"), fields_fr["action"]["selection"])
        partner = self.contact_anna.with_user(self.manager).with_context(lang="fr_FR")
        partner._interaction_legal_hold("Litige", fields.Date.to_date("2026-02-01"))
        self.assertEqual(
            partner.interaction_legal_hold_summary,
            "Conservation légale depuis le 01/02/2026, posée par Manon Manager : Litige. Aucune "
            "politique de conservation n'anonymise ni ne supprime ces interactions tant "
            "qu'elle dure.",
        )
        partner.action_interaction_legal_hold_lift()
        bodies = self.contact_anna.message_ids[:2].mapped("body")
        self.assertIn("Conservation légale levée par Manon Manager", bodies[0])
        self.assertIn("Conservation légale posée par Manon Manager depuis le 01/02/2026", bodies[1])
        with self.assertRaises(UserError) as caught:
            partner._interaction_legal_hold("", False)
        self.assertIn("Indiquez pourquoi", str(caught.exception))
