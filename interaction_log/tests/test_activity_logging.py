import base64

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import InteractionLogCommon


@tagged("post_install", "-at_install")
class TestActivityLogging(InteractionLogCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.call_type = cls.env.ref("mail.mail_activity_data_call")
        cls.todo_type = cls.env.ref("mail.mail_activity_data_todo")
        cls.call_type.interaction_template_id = cls.template_call
        cls.entries = cls.env["interaction.log.entry"]
        cls.seller = new_test_user(cls.env, login="il_activity_seller", groups="base.group_user")

    def schedule(self, record, activity_type="mail.mail_activity_data_call", **values):
        return record.activity_schedule(activity_type, user_id=self.seller.id, **values)

    def entries_on(self, record):
        return self.entries.search(
            [("res_model", "=", record._name), ("res_id", "in", record.ids)], order="id"
        )

    def test_standard_types_have_their_templates(self):
        ref = self.env.ref
        expected = {
            "mail.mail_activity_data_meeting": ref(
                "interaction_log.interaction_template_meeting_inhouse"
            ),
            "mail.mail_activity_data_email": ref("interaction_log.interaction_template_email"),
            "mail.mail_activity_data_todo": self.env["interaction.template"],
            "mail.mail_activity_data_upload_document": self.env["interaction.template"],
        }
        for xmlid, template in expected.items():
            self.assertEqual(ref(xmlid).interaction_template_id, template, xmlid)

    def test_call_done_with_feedback_logs_an_entry_on_the_contact(self):
        activity = self.schedule(self.contact_anna, summary="Call about the renewal")
        before = fields.Datetime.now().replace(microsecond=0)
        activity.with_user(self.seller).action_feedback(feedback="She renews for two years.")
        after = fields.Datetime.now()
        entry = self.entries_on(self.contact_anna)
        self.assertRecordValues(
            entry,
            [
                {
                    "partner_id": self.contact_anna.id,
                    "commercial_partner_id": self.company_partner.id,
                    "template_id": self.template_call.id,
                    "name": "Call about the renewal",
                    "note": "She renews for two years.",
                    "user_id": self.seller.id,
                    "res_model": "res.partner",
                    "res_id": self.contact_anna.id,
                    "cost": 2.5,
                    "duration": 15,
                    "information_flow": "outbound",
                    "company_id": self.env.company.id,
                    "state": "logged",
                }
            ],
        )
        self.assertTrue(before <= entry.date <= after, f"done at {entry.date}")
        opened = entry.action_open_document()
        self.assertEqual(
            (opened["res_model"], opened["res_id"]), ("res.partner", self.contact_anna.id)
        )

    def test_description_falls_back_to_the_type_name(self):
        self.schedule(self.lone_partner).action_done()
        self.assertEqual(self.entries_on(self.lone_partner).name, self.call_type.name)

    def test_record_with_a_partner_logs_on_that_partner(self):
        order = self.env["sale.order"].create({"partner_id": self.contact_bob.id})
        self.schedule(order, summary="Call about the quotation").action_done()
        self.assertRecordValues(
            self.entries_on(order),
            [{"partner_id": self.contact_bob.id, "document_name": order.name}],
        )

    def test_nothing_logged_without_template_or_contact(self):
        self.schedule(self.contact_anna, "mail.mail_activity_data_todo").action_done()
        self.schedule(self.contact_anna, "mail.mail_activity_data_upload_document").action_done()
        product = self.env["product.template"].create({"name": "No contact here"})
        self.schedule(product).action_done()
        colleague = self.env["res.users"].browse(self.seller.id).partner_id
        self.schedule(colleague).action_done()
        for record in (self.contact_anna, product, colleague):
            self.assertFalse(self.entries_on(record), record)

    def test_cancelling_an_activity_logs_nothing(self):
        self.schedule(self.contact_anna).unlink()
        self.assertFalse(self.entries_on(self.contact_anna))

    def test_done_and_schedule_next_logs(self):
        activity = self.schedule(self.contact_anna, summary="First call")
        activity.action_feedback_schedule_next(feedback="Call again next week")
        self.assertEqual(self.entries_on(self.contact_anna).note, "Call again next week")

    def test_attachments_are_kept_on_the_entry(self):
        activity = self.schedule(self.contact_anna, summary="Call with a file")
        self.env["ir.attachment"].create(
            {
                "name": "minutes.txt",
                "raw": b"what was said",
                "res_model": "mail.activity",
                "res_id": activity.id,
            }
        )
        uploaded = self.env["ir.attachment"].create(
            {"name": "offer.txt", "datas": base64.b64encode(b"the offer")}
        )
        activity.action_feedback(feedback="Done", attachment_ids=uploaded.ids)
        entry = self.entries_on(self.contact_anna)
        self.assertEqual(sorted(entry.attachment_ids.mapped("name")), ["minutes.txt", "offer.txt"])
        self.assertEqual(
            entry.attachment_ids.filtered(lambda a: a.name == "minutes.txt").raw, b"what was said"
        )
        # The chatter keeps its own copy: deleting the entry's file leaves the message's.
        message = self.contact_anna.message_ids.filtered("attachment_ids")[:1]
        self.assertIn("minutes.txt", message.attachment_ids.mapped("name"))

    def test_assignee_who_cannot_read_the_record_still_logs(self):
        # Odoo lets the assignee mark done an activity on a record they cannot read: the log
        # is the system's bookkeeping of it, as for a print.
        order = self.env["sale.order"].create({"partner_id": self.contact_bob.id})
        with self.assertRaises(AccessError):
            order.with_user(self.seller).check_access("read")
        activity = self.schedule(order, summary="Call by a seller")
        activity.with_user(self.seller).action_done()
        self.assertRecordValues(
            self.entries_on(order), [{"user_id": self.seller.id, "partner_id": self.contact_bob.id}]
        )

    def test_a_failure_to_log_does_not_block_marking_done(self):
        self.env.cr.execute(
            """
            CREATE FUNCTION pg_temp.refuse_entry() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'no new interactions'; END $$;
            CREATE TRIGGER refuse_entry BEFORE INSERT ON interaction_log_entry
                FOR EACH ROW EXECUTE FUNCTION pg_temp.refuse_entry();
            """
        )
        activity = self.schedule(self.contact_anna, summary="Call while the log is down")
        with mute_logger("odoo.addons.interaction_log.models.interaction_log_entry"):
            activity.action_done()
        self.env.cr.execute("DROP TRIGGER refuse_entry ON interaction_log_entry")
        self.assertFalse(activity.active, "marked done all the same")
        self.assertFalse(self.entries_on(self.contact_anna))

    def test_many_activities_done_at_once_log_in_constant_queries(self):
        partners = self.env["res.partner"].create(
            [{"name": f"Batch contact {index}"} for index in range(41)]
        )
        activities = self.env["mail.activity"]
        for partner in partners:
            activities |= self.schedule(partner, summary=f"Call {partner.name}")
        counts = []
        for batch in (activities[:1], activities[1:6], activities[6:]):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            self.entries._log_done_activities(batch, "Batch feedback")
            self.env.flush_all()
            counts.append(self.cr.sql_log_count - before)
        self.assertEqual(len(self.entries_on(partners)), 41)
        self.assertEqual(counts[1], counts[2], f"queries for 1, 5 and 35 activities: {counts}")
        # Marking them done at once (the list view's batch action) logs each once.
        more = self.env["res.partner"].create([{"name": f"More {i}"} for i in range(3)])
        batch = self.env["mail.activity"]
        for partner in more:
            batch |= self.schedule(partner)
        batch.action_done()
        self.assertEqual(len(self.entries_on(more)), 3)
