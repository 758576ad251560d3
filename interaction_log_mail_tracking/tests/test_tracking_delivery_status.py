from odoo.tests import tagged

from odoo.addons.interaction_log.tests.test_automatic_logging import AutomaticLoggingCommon


@tagged("post_install", "-at_install")
class TestTrackingDeliveryStatus(AutomaticLoggingCommon):
    """mail_tracking's events, produced by its own code (an e-mail sent through Odoo's mail
    queue, then the tracking record's event_create, as its webhooks and tracking image do),
    become the entries' delivery status."""

    def send_mails(self, mails):
        """What mail.mail._send does with each e-mail, as superuser like the mail queue:
        mail_tracking's outgoing list (one tracking per recipient), Odoo's build_email and
        send_email, then the post-processing of a sent e-mail. Odoo's test mode makes _send
        return at once and send_email stop before the SMTP connection; the rest runs."""
        server = self.env["ir.mail_server"].sudo()
        for mail in mails.sudo():
            for email in mail._prepare_outgoing_list():
                server.send_email(
                    server._build_email__(
                        email_from=mail.email_from,
                        email_to=email["email_to"],
                        subject=email["subject"],
                        body=email["body"],
                        message_id=email["message_id"],
                        references=email["references"],
                        subtype="html",
                        headers=email["headers"],
                    )
                )
            mail._postprocess_sent_message(success_pids=mail.recipient_ids.ids, success_emails=[])

    def send_email(self, record, *partners):
        """E-mail ``partners`` from ``record``'s chatter and send it through the mail queue
        (Odoo's test mode stops at the SMTP connection); returns the message and its
        trackings by partner."""
        message = record.message_post(
            body="Here is the planning",
            subject="Planning",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=[partner.id for partner in partners],
        )
        self.send_mails(message.notification_ids.mail_mail_id)
        trackings = (
            self.env["mail.tracking.email"].sudo().search([("mail_message_id", "=", message.id)])
        )
        self.assertEqual(trackings.partner_id, self.env["res.partner"].union(*partners))
        return message, {tracking.partner_id: tracking.with_env(self.env) for tracking in trackings}

    def entry_of(self, message, partner):
        entry = self.entries.search(
            [("message_id", "=", message.message_id), ("partner_id", "=", partner.id)]
        )
        self.assertEqual(len(entry), 1)
        return entry

    def test_a_delivered_email_is_delivered(self):
        message, trackings = self.send_email(self.create_order(), self.partner_a)
        entry = self.entry_of(message, self.partner_a)
        self.assertEqual(trackings[self.partner_a].state, "sent")
        self.assertEqual(entry.delivery_status, "sent")

        trackings[self.partner_a].event_create("delivered", {})

        self.assertRecordValues(
            entry,
            [{"delivery_status": "delivered", "attempt_failed": False, "state": "logged"}],
        )
        self.assertFalse(entry.delivery_failure_reason)

    def test_an_opened_email_counts_as_delivered(self):
        message, trackings = self.send_email(self.create_order(), self.partner_a, self.partner_b)

        trackings[self.partner_b].event_create(
            "open", {"ip": "127.0.0.1", "user_agent": "Mail client/1.0"}
        )

        self.assertEqual(trackings[self.partner_b].state, "opened")
        self.assertEqual(self.entry_of(message, self.partner_b).delivery_status, "delivered")
        self.assertEqual(
            self.entry_of(message, self.partner_a).delivery_status,
            "sent",
            "the other recipient has not opened it",
        )
        # The tracking's own "sent", reported again later, does not undo what is known.
        trackings[self.partner_b].event_create("sent", {})
        self.assertEqual(self.entry_of(message, self.partner_b).delivery_status, "delivered")

    def test_a_bounce_marks_the_entry_bounced_and_failed(self):
        order = self.create_order(partner=self.partner_b)
        self.send_email(order, self.partner_b)
        self.partner_b.invalidate_recordset()
        last_before = self.partner_b.last_interaction_date
        message, trackings = self.send_email(order, self.partner_b)

        trackings[self.partner_b].event_create(
            "hard_bounce",
            {"bounce_type": "hard", "bounce_description": "550 5.1.1 User unknown"},
        )

        entry = self.entry_of(message, self.partner_b)
        self.assertRecordValues(
            entry, [{"delivery_status": "bounced", "attempt_failed": True, "state": "failed"}]
        )
        self.assertEqual(entry.delivery_failure_reason, "Bounced: 550 5.1.1 User unknown")
        self.partner_b.invalidate_recordset()
        self.assertEqual(self.partner_b.interaction_count, 2, "the attempt still counts")
        self.assertEqual(self.partner_b.last_interaction_date, last_before)
        self.assertIn(
            entry, self.entries.search([("delivery_status", "in", ("bounced", "failed"))])
        )

    def test_a_rejected_or_spam_email_failed_with_the_reason(self):
        message, trackings = self.send_email(self.create_order(), self.partner_a, self.partner_b)

        trackings[self.partner_a].event_create("reject", {})
        trackings[self.partner_b].event_create("spam", {})

        self.assertRecordValues(
            self.entry_of(message, self.partner_a) | self.entry_of(message, self.partner_b),
            [
                {
                    "delivery_status": "failed",
                    "delivery_failure_reason": "Rejected",
                    "attempt_failed": True,
                },
                {
                    "delivery_status": "failed",
                    "delivery_failure_reason": "Spam",
                    "attempt_failed": True,
                },
            ],
        )

    def test_an_smtp_error_failed_with_the_reason(self):
        message, trackings = self.send_email(self.create_order(), self.partner_a)
        # What mail_tracking's send_email does when the SMTP server refuses the e-mail.
        trackings[self.partner_a].smtp_error(
            self.env["ir.mail_server"], "smtp.example.com", ConnectionRefusedError("Refused")
        )
        self.assertRecordValues(
            self.entry_of(message, self.partner_a),
            [
                {
                    "delivery_status": "failed",
                    "delivery_failure_reason": "Error: Refused",
                    "attempt_failed": True,
                }
            ],
        )

    def test_deferred_and_soft_bounced_emails_keep_their_status(self):
        message, trackings = self.send_email(self.create_order(), self.partner_a, self.partner_b)

        trackings[self.partner_a].event_create("deferral", {})
        trackings[self.partner_b].event_create("soft_bounce", {"bounce_type": "soft"})

        for partner in (self.partner_a, self.partner_b):
            self.assertRecordValues(
                self.entry_of(message, partner),
                [{"delivery_status": "sent", "attempt_failed": False}],
            )

    def test_an_email_that_logged_nothing_changes_nothing(self):
        self.send_email(self.create_order(), self.partner_a)
        before = self.entries.search_read(
            [("partner_id", "=", self.partner_a.id)],
            ["delivery_status", "delivery_failure_reason", "attempt_failed", "write_date"],
        )
        self.assertTrue(before)
        # An e-mail queued by code, not through a chatter the log follows: no entry.
        mail = self.env["mail.mail"].create(
            {
                "subject": "Password reset",
                "body_html": "<p>Reset your password</p>",
                "recipient_ids": self.partner_a.ids,
            }
        )
        self.send_mails(mail)
        tracking = self.env["mail.tracking.email"].sudo().search([("mail_id", "=", mail.id)])
        self.assertFalse(self.entries.search([("message_id", "=", mail.message_id)]))

        tracking.event_create("hard_bounce", {"bounce_description": "User unknown"})

        self.assertEqual(tracking.state, "bounced")
        self.assertEqual(
            self.entries.search_read(
                [("partner_id", "=", self.partner_a.id)],
                ["delivery_status", "delivery_failure_reason", "attempt_failed", "write_date"],
            ),
            before,
        )

    def test_many_trackings_cost_the_queries_of_one(self):
        partners = self.env["res.partner"].create(
            [{"name": f"Recipient {n}", "email": f"recipient{n}@example.com"} for n in range(7)]
        )
        order = self.create_order()
        trackings = [
            self.env["mail.tracking.email"].union(*self.send_email(order, *some)[1].values())
            for some in (partners[:1], partners[1:2], partners[2:])
        ]

        def queries_to_sync(tracking_set):
            tracking_set.env.invalidate_all()
            before = self.env.cr.sql_log_count
            tracking_set.write({"state": "delivered"})
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        queries_to_sync(trackings[0])  # what a first event costs once (caches)
        self.assertEqual(queries_to_sync(trackings[1]), queries_to_sync(trackings[2]))
        entries = self.entries.search([("partner_id", "in", partners.ids)])
        self.assertEqual(set(entries.mapped("delivery_status")), {"delivered"})
