from freezegun import freeze_time
from psycopg2.errors import SerializationFailure

from odoo.tests import new_test_user, tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.interaction_log.models.interaction_log_entry import EmailToLog

from .test_automatic_logging import AutomaticLoggingCommon


@tagged("post_install", "-at_install")
class TestEmailInsert(AutomaticLoggingCommon):
    """The entries of an outbound e-mail are inserted by one INSERT ... SELECT: it stores
    exactly the rows create() stores for the same e-mail, column by column."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env.user.group_ids += cls.env.ref("interaction_log.group_interaction_manager")
        cls.company_a = cls.env.company
        # A company whose currency has three decimals: a shared template's cost saved there
        # keeps them, and an entry of the first company rounds it to two.
        kwd = cls.env.ref("base.KWD")
        kwd.active = True
        cls.company_b = cls.env["res.company"].create(
            {"name": "Second Company", "currency_id": kwd.id}
        )
        cls.env.user.company_ids += cls.company_b
        group = cls.env["interaction.group"].create({"code": "T_MAILS", "name": "Test Mails"})
        cls.campaign = cls.env["utm.campaign"].create({"name": "Spring Mailing"})
        cls.template_a = (
            cls.env["interaction.template"]
            .with_company(cls.company_b)
            .create(
                {
                    "code": "T_MAIL_A",
                    "name": "E-mail sent",
                    "group_id": group.id,
                    "unit_cost": 1.235,
                    "unit_duration": 5,
                    "campaign_id": cls.campaign.id,
                    "campaign_target": True,
                    "correspondence_type": "paper",  # an e-mail entry says e-mail all the same
                }
            )
        )
        cls.template_a.update_field_translations("name", {"fr_FR": "Courriel envoyé"})
        cls.template_b = cls.env["interaction.template"].create(
            {
                "code": "T_MAIL_B",
                "name": "E-mail of the second company",
                "group_id": group.id,
                "company_id": cls.company_b.id,
                "unit_cost": 2.5,
                "unit_duration": 7,
            }
        )
        cls.company_a.interaction_template_email_id = cls.template_a
        cls.company_b.interaction_template_email_id = cls.template_b
        Partner = cls.env["res.partner"]
        cls.plain = Partner.create({"name": "Plain Contact", "email": "Plain@Example.com"})
        cls.french = Partner.create(
            {"name": "Contact Français", "email": "francais@example.com", "lang": "fr_FR"}
        )
        cls.of_b = Partner.create(
            {"name": "Contact of B", "email": "b@example.com", "company_id": cls.company_b.id}
        )
        cls.blocked = Partner.create({"name": "Blocked Contact", "email": "blocked@example.com"})
        cls.blocked.sudo().interaction_privacy_blocked = True
        cls.kept_out = Partner.create({"name": "Bank", "email": "info@bank.example"})
        cls.env["interaction.never.log.rule"].sudo().create(
            {"company_id": cls.company_a.id, "kind": "domain", "value": "@bank.example"}
        )
        cls.colleague = new_test_user(
            cls.env, login="il_colleague", groups="base.group_user", email="col@example.com"
        ).partner_id
        cls.recipients = cls.plain | cls.french | cls.of_b | cls.blocked | cls.kept_out
        cls.recipients |= cls.colleague

    def message(self, record=None, subject="Planning"):
        return self.env["mail.message"].create(
            {
                "model": record._name if record else False,
                "res_id": record.id if record else False,
                "subject": subject,
                "body": "Hello",
                "message_type": "comment",
                "author_id": self.env.user.partner_id.id,
            }
        )

    def stored_rows(self, entries):
        """Every column of ``entries`` as the database holds it, but the id."""
        self.env.flush_all()
        rows = self.env.execute_query_dict(
            SQL(
                "SELECT * FROM interaction_log_entry WHERE id = ANY(%s) ORDER BY partner_id",
                entries.ids,
            )
        )
        for row in rows:
            del row["id"]
        return rows

    def assert_same_rows_both_ways(self, message, partners, logged, resent=None):
        """The entries of ``message`` to ``partners`` through create() and through the
        INSERT: the same rows, on the contacts ``logged``."""
        entries = self.env["interaction.log.entry"]
        email = EmailToLog(
            message=message,
            flow="outbound",
            initiated_by="us",
            author_user=self.env.user,
            record=self.env[message.model].browse(message.res_id) if message.model else None,
            resent=resent or entries,
        )
        with freeze_time("2026-11-20 10:00:00"):
            with self.env.cr.savepoint() as savepoint:
                created = entries._create_logged_entries(
                    entries._email_entry_values(email, partners)
                )
                expected = self.stored_rows(created)
                self.assertEqual(created.partner_id, logged)
                savepoint.rollback()
            self.env.invalidate_all()
            inserted = entries._insert_email_entries(email, partners)
        self.assertEqual(inserted.partner_id, logged)
        self.assertEqual(self.stored_rows(inserted), expected)
        return inserted

    def test_record_of_a_company(self):
        """The record's company and template for all; its contact of another company, the
        blocked contact, the never-logged one and the colleague are left out."""
        record = self.env["res.partner"].create(
            {"name": "Record A", "email": "r@example.com", "company_id": self.company_a.id}
        )
        entries = self.assert_same_rows_both_ways(
            self.message(record), self.recipients, self.plain | self.french
        )
        self.assertEqual(entries.mapped("cost"), [1.24, 1.24], "rounded in the company's USD")
        self.assertEqual(entries.mapped("name"), ["Planning", "Planning"])

    def test_record_without_company(self):
        """Each contact's company, else the current one: the contact of the second company
        gets its entry there, with its template."""
        record = self.env["res.partner"].create({"name": "Record", "email": "r@example.com"})
        entries = self.assert_same_rows_both_ways(
            self.message(record), self.recipients, self.plain | self.french | self.of_b
        )
        self.assertEqual(
            entries.filtered(lambda entry: entry.partner_id == self.of_b).template_id,
            self.template_b,
        )

    def test_no_subject_takes_the_records_name(self):
        record = self.env["res.partner"].create({"name": "Record Name", "email": "r@ex.com"})
        entries = self.assert_same_rows_both_ways(
            self.message(record, subject=False), self.plain | self.french, self.plain | self.french
        )
        self.assertEqual(set(entries.mapped("name")), {"Record Name"})

    def test_no_subject_nor_record_takes_the_templates_name_in_the_contacts_language(self):
        entries = self.assert_same_rows_both_ways(
            self.message(subject=False), self.plain | self.french, self.plain | self.french
        )
        self.assertEqual(
            {entry.partner_id: entry.name for entry in entries},
            {self.plain: "E-mail sent", self.french: "Courriel envoyé"},
        )

    def test_the_records_campaign_wins(self):
        campaign = self.env["utm.campaign"].create({"name": "Autumn Offer"})
        order = self.create_order(partner=self.plain)
        order.campaign_id = campaign
        entries = self.assert_same_rows_both_ways(self.message(order), self.plain, self.plain)
        self.assertEqual(entries.campaign_id, campaign)

    def test_a_resend(self):
        """The resent contact's entry takes the original's company, template, document and
        a "Resend:" description; the other recipient's is an ordinary e-mail entry."""
        order = self.create_order(partner=self.plain)
        original = self.entries.sudo().create(
            {
                "partner_id": self.plain.id,
                "template_id": self.template_b.id,
                "company_id": self.company_b.id,
                "name": "Offer",
                "res_model": "sale.order",
                "res_id": order.id,
            }
        )
        entries = self.assert_same_rows_both_ways(
            self.message(order), self.plain | self.french, self.plain | self.french, original
        )
        resent = entries.filtered("resent_from_id")
        self.assertRecordValues(
            resent,
            [
                {
                    "partner_id": self.plain.id,
                    "resent_from_id": original.id,
                    "company_id": self.company_b.id,
                    "template_id": self.template_b.id,
                    "name": "Resend: Offer",
                    "cost": 2.5,
                }
            ],
        )

    def test_already_logged_contacts_are_not_logged_again(self):
        record = self.env["res.partner"].create({"name": "Record", "email": "r@example.com"})
        message = self.message(record)
        self.entries._insert_email_entries(
            EmailToLog(message, "outbound", "us", self.env.user, record, self.entries),
            self.plain,
        )
        self.assert_same_rows_both_ways(message, self.plain | self.french, self.french)

    def test_a_constraint_refuses_the_entries_as_create_would(self):
        """A subject of spaces makes no description: the INSERT is undone, as create() is."""
        record = self.env["res.partner"].create({"name": "Record", "email": "r@example.com"})
        message = self.message(record, subject="   ")
        with (
            self.assertLogs(
                "odoo.addons.interaction_log.models.interaction_log_entry", "ERROR"
            ) as logs,
        ):
            logged = self.entries._log_email_message(message, self.plain | self.french)
        self.assertFalse(logged)
        self.assertIn("Describe the interaction", "\n".join(logs.output))
        self.assertFalse(self.entries.search([("message_id", "=", message.message_id)]))

    def test_a_refused_insert_keeps_the_message_and_its_mails(self):
        """The database refuses the entries: the post still has its message and its
        e-mails, and the transaction goes on."""
        thread = self.env["res.partner"].create({"name": "Thread", "email": "t@example.com"})
        with (
            self.refused_entry_inserts(),
            self.assertLogs(
                "odoo.addons.interaction_log.models.interaction_log_entry", "ERROR"
            ) as logs,
        ):
            message = thread.with_context(mail_notify_force_send=False).message_post(
                body="Hello",
                subject="Kept",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=(self.plain | self.french).ids,
            )
        self.assertIn("no new interactions", "\n".join(logs.output))
        self.assertTrue(message.exists())
        mails = self.env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
        self.assertEqual(mails.recipient_ids, self.plain | self.french)
        self.assertEqual(message.notification_ids.res_partner_id, self.plain | self.french)
        self.assertFalse(self.entries.search([("message_id", "=", message.message_id)]))

    def test_a_concurrency_error_is_raised_for_odoo_to_retry(self):
        thread = self.env["res.partner"].create({"name": "Thread", "email": "t@example.com"})
        self.env.cr.execute(
            """
            CREATE FUNCTION pg_temp.serialize_entry() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'concurrent update' USING ERRCODE = '40001'; END $$;
            CREATE TRIGGER serialize_entry BEFORE INSERT ON interaction_log_entry
                FOR EACH ROW EXECUTE FUNCTION pg_temp.serialize_entry();
            """
        )
        with mute_logger("odoo.sql_db"), self.assertRaises(SerializationFailure):
            thread.with_context(mail_notify_force_send=False).message_post(
                body="Hello",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=self.plain.ids,
            )
