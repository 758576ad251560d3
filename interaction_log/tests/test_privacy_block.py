from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from .test_automatic_logging import INCOMING_EMAIL, AutomaticLoggingCommon


@tagged("post_install", "-at_install")
class TestPrivacyBlock(AutomaticLoggingCommon):
    """A privacy-blocked contact gets no new entry from any path; its history stays."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.interaction_manager = new_test_user(
            cls.env,
            login="privacy_manager",
            groups="base.group_user,interaction_log.group_interaction_manager",
        )
        cls.interaction_user = new_test_user(
            cls.env, login="privacy_user", groups="base.group_user"
        )
        cls.template_call = cls.env.ref("interaction_log.interaction_template_phone_out")
        cls.partner_a.phone = "+32 2 555 01 01"
        cls.old_entry = cls.entries.create(
            {"partner_id": cls.partner_a.id, "template_id": cls.template_call.id}
        )
        cls.partner_a.with_user(cls.interaction_manager).action_interaction_privacy_block()

    def entries_on(self, partner):
        return self.entries.sudo().search([("partner_id", "=", partner.id)])

    def test_the_block_records_who_and_when_and_keeps_the_history(self):
        self.assertRecordValues(
            self.partner_a,
            [
                {
                    "interaction_privacy_blocked": True,
                    "interaction_privacy_blocked_by_id": self.interaction_manager.id,
                }
            ],
        )
        self.assertTrue(self.partner_a.interaction_privacy_blocked_date)
        self.assertEqual(self.entries_on(self.partner_a), self.old_entry)
        self.assertIn("Privacy block set by", self.partner_a.message_ids[0].body)
        self.assertEqual(
            self.partner_a.message_ids[0].author_id, self.interaction_manager.partner_id
        )

    def test_the_wizard_refuses_a_blocked_contact(self):
        wizard = Form(
            self.env["interaction.log.wizard"]
            .with_user(self.interaction_user)
            .with_context(default_partner_ids=(self.partner_a | self.partner_b).ids)
        )
        wizard.template_id = self.template_call
        with self.assertRaisesRegex(UserError, "asked for their privacy.*Remove them"):
            wizard.save().action_log()
        with self.assertRaisesRegex(UserError, "asked for their privacy"):
            self.entries.with_user(self.interaction_user).create(
                {"partner_id": self.partner_a.id, "template_id": self.template_call.id}
            )
        self.assertEqual(self.entries_on(self.partner_a), self.old_entry)

    def test_a_segment_skips_and_counts_blocked_contacts(self):
        segment = self.env["interaction.segment"].create(
            {"name": "Privacy segment", "template_id": self.template_call.id}
        )
        segment._apply_criterion("add", [("id", "in", (self.partner_a | self.partner_b).ids)])
        segment.action_log()
        logged = segment.logged_segment_ids
        self.assertEqual(logged.entry_ids.partner_id, self.partner_b)
        self.assertEqual(logged.privacy_blocked_count, 1)
        self.assertEqual(self.entries_on(self.partner_a), self.old_entry)

    def test_no_automatic_entry_print_send_chatter_or_mailbox(self):
        order = self.create_order()
        self.entries._log_document_event(order, "print")
        action = order.action_quotation_send()
        composer = Form(self.env["mail.compose.message"].with_context(**action["context"]))
        composer.save().action_send_mail()
        order.message_post(
            body="Planning",
            subject="Planning",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=(self.partner_a | self.partner_b).ids,
        )
        raw = INCOMING_EMAIL.format(
            email=self.partner_a.email,
            name=self.partner_a.name,
            subject="Please stop",
            message_id="<privacy-1@example.com>",
        )
        with mute_logger("odoo.addons.mail.models.mail_thread"):
            self.env["mail.thread"].message_process("res.partner", raw, thread_id=self.partner_a.id)
        self.assertEqual(self.entries_on(self.partner_a), self.old_entry)
        self.assertEqual(len(self.entries_on(self.partner_b)), 1, "the other recipient is logged")
        self.assertTrue(order.message_ids, "the e-mails themselves went out")

    def test_lifting_the_block_allows_logging_again(self):
        self.partner_a.with_user(self.interaction_manager).action_interaction_privacy_unblock()
        self.assertFalse(self.partner_a.interaction_privacy_blocked)
        self.assertFalse(self.partner_a.interaction_privacy_blocked_by_id)
        entry = self.entries.with_user(self.interaction_user).create(
            {"partner_id": self.partner_a.id, "template_id": self.template_call.id}
        )
        self.assertEqual(entry.contact_via, "+32 2 555 01 01")
        self.assertIn("Privacy block lifted by", self.partner_a.message_ids[0].body)

    def test_users_cannot_set_or_lift_a_block(self):
        partner = self.partner_a.with_user(self.interaction_user)
        with self.assertRaisesRegex(AccessError, "Interaction Managers"):
            partner.action_interaction_privacy_unblock()
        with self.assertRaisesRegex(AccessError, "Interaction Manager"):
            partner.sudo(False).write({"interaction_privacy_blocked": False})
        with self.assertRaisesRegex(AccessError, "Interaction Managers"):
            self.partner_b.with_user(self.interaction_user).action_interaction_privacy_block()
        with self.assertRaisesRegex(AccessError, "Interaction Manager"):
            self.env["res.partner"].with_user(self.interaction_manager).create(
                {
                    "name": "Pre-blocked",
                    "interaction_privacy_blocked_by_id": self.interaction_user.id,
                }
            )
        self.assertTrue(self.partner_a.interaction_privacy_blocked)

    def test_a_done_activity_logs_nothing_for_a_blocked_contact(self):
        """The last path: a Call marked done on the blocked contact logs nothing, while the
        same on another contact does."""
        for partner in (self.partner_a, self.partner_b):
            partner.activity_schedule(
                "mail.mail_activity_data_call",
                summary=f"Call {partner.name}",
                user_id=self.env.user.id,
            ).action_feedback(feedback="Talked")
        self.assertEqual(self.entries_on(self.partner_a), self.old_entry)
        self.assertEqual(
            self.entries_on(self.partner_b).filtered(lambda e: e.res_model == "res.partner").name,
            f"Call {self.partner_b.name}",
        )
