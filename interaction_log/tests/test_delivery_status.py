from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .test_automatic_logging import AutomaticLoggingCommon

# A delivery status notification as mail servers send it (RFC 3464): Odoo's bounce
# processing finds the recipient in Final-Recipient and the e-mail in the returned headers.
BOUNCE = """From: MAILER-DAEMON@mx.example.com
To: catchall@example.com
Subject: Undelivered Mail Returned to Sender
Message-ID: <dsn-{tag}@mx.example.com>
Date: Mon, 23 Nov 2026 10:05:00 +0000
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="DSN"

--DSN
Content-Type: text/plain; charset=us-ascii

<{email}>: host mx.example.com said: 550 5.1.1 User unknown

--DSN
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.com

Final-Recipient: rfc822; {email}
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 User unknown

--DSN
Content-Type: text/rfc822-headers

Message-ID: {message_id}
From: Sales <sales@example.com>
To: {email}
Subject: Planning

--DSN--
"""


@tagged("post_install", "-at_install")
class TestDeliveryStatus(AutomaticLoggingCommon):
    def email(self, record, *partners, subject="Planning"):
        return record.message_post(
            body="Here is the planning",
            subject=subject,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=[partner.id for partner in partners],
        )

    def bounce(self, message, partner):
        raw = BOUNCE.format(tag=message.id, email=partner.email, message_id=message.message_id)
        with mute_logger("odoo.addons.mail.models.mail_thread"):
            self.env["mail.thread"].message_process(False, raw)

    def entry_of(self, message, partner):
        return self.entries.search(
            [("message_id", "=", message.message_id), ("partner_id", "=", partner.id)]
        )

    def test_an_email_entry_records_the_address_and_its_delivery(self):
        order = self.create_order()
        message = self.email(order, self.partner_a)
        entry = self.entry_of(message, self.partner_a)
        notification = message.notification_ids.filtered(
            lambda notification: notification.res_partner_id == self.partner_a
        )
        self.assertEqual(notification.notification_status, "ready", "queued, not yet sent")
        self.assertRecordValues(
            entry,
            [
                {
                    "contact_via": "partner_a@example.com",
                    "delivery_status": "outgoing",
                    "attempt_failed": False,
                }
            ],
        )
        # The mail queue sends it (Odoo's own post-processing of a sent e-mail).
        notification.mail_mail_id._postprocess_sent_message(
            success_pids=self.partner_a.ids, success_emails=[]
        )
        self.assertEqual(entry.delivery_status, "sent")
        # The contact's address changes later: the entry keeps the one that was used.
        self.partner_a.email = "anna.new@example.com"
        self.assertEqual(entry.contact_via, "partner_a@example.com")

    def test_a_bounce_marks_the_entry_bounced_and_failed(self):
        order = self.create_order(partner=self.partner_b)
        self.email(order, self.partner_b, subject="Earlier e-mail")
        self.partner_b.invalidate_recordset()
        last_before = self.partner_b.last_interaction_date
        self.assertTrue(last_before)
        message = self.email(order, self.partner_a, self.partner_b)
        self.partner_b.invalidate_recordset()
        self.assertEqual(self.partner_b.interaction_count, 2)

        self.bounce(message, self.partner_b)

        bounced = self.entry_of(message, self.partner_b)
        self.assertRecordValues(
            bounced,
            [{"delivery_status": "bounced", "attempt_failed": True, "state": "failed"}],
        )
        self.assertIn("Bounce", bounced.delivery_failure_reason)
        self.assertIn("User unknown", bounced.delivery_failure_reason)
        self.assertEqual(
            self.entry_of(message, self.partner_a).delivery_status,
            "outgoing",
            "the other recipient's e-mail did not bounce",
        )
        # Still counted (the attempt was made), but it moves no "last interaction".
        self.partner_b.invalidate_recordset()
        self.assertEqual(self.partner_b.interaction_count, 2)
        self.assertEqual(self.partner_b.last_interaction_date, last_before)
        self.assertIn(
            bounced, self.entries.search([("delivery_status", "in", ("bounced", "failed"))])
        )

    def test_a_failed_send_marks_the_entry_failed_with_the_reason(self):
        message = self.email(self.partner_a, self.partner_a)
        entry = self.entry_of(message, self.partner_a)
        mail = message.notification_ids.mail_mail_id
        # What mail.mail does when the SMTP server refuses the connection (the real send to
        # a closed port is in live_tests/, outside Odoo's test mode, which sends nothing).
        mail._postprocess_sent_message(
            success_pids=[],
            success_emails=[],
            failure_reason="Connection refused",
            failure_type="mail_smtp",
        )
        self.assertRecordValues(
            entry, [{"delivery_status": "failed", "attempt_failed": True, "state": "failed"}]
        )
        self.assertIn("Connection refused", entry.delivery_failure_reason)

    def test_a_sent_quotation_follows_its_email(self):
        order = self.create_order()
        action = order.action_quotation_send()
        composer = Form(self.env["mail.compose.message"].with_context(**action["context"]))
        composer.save().action_send_mail()
        entry = self.entries_of(order)
        message = order.message_ids.filtered(lambda message: message.message_type == "comment")[:1]
        self.assertRecordValues(
            entry,
            [
                {
                    "message_id": message.message_id,
                    "delivery_status": "outgoing",
                    "contact_via": "partner_a@example.com",
                }
            ],
        )
        self.bounce(message, self.partner_a)
        self.assertRecordValues(entry, [{"delivery_status": "bounced", "state": "failed"}])

    def test_statuses_follow_in_batch(self):
        partners = self.env["res.partner"].create(
            [{"name": f"Batch {n}", "email": f"batch{n}@example.com"} for n in range(22)]
        )
        messages = [self.email(partner, partner) for partner in partners]
        notifications = self.env["mail.notification"].concat(
            *(message.notification_ids for message in messages)
        )
        self.assertEqual(len(notifications), 22)

        def queries_to_send(notifications):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            notifications.sudo().write({"notification_status": "sent"})
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        # The same number of queries for twenty notifications as for two.
        self.assertEqual(queries_to_send(notifications[20:]), queries_to_send(notifications[:20]))
        self.assertEqual(
            set(
                self.entries.search([("partner_id", "in", partners.ids)]).mapped("delivery_status")
            ),
            {"sent"},
        )

    def leave_behind(self, message, status, failure_reason=None):
        """What a send's following that met a concurrent write leaves (mail_mail.py logs it
        and goes on, the e-mails having left): the notifications written as that send wrote
        them, the entries not following."""
        self.env.flush_all()
        self.env.cr.execute(
            """UPDATE mail_notification
                  SET notification_status = %s, failure_type = %s, failure_reason = %s
                WHERE mail_message_id = %s""",
            (status, failure_reason and "mail_smtp", failure_reason, message.id),
        )
        self.env.invalidate_all()

    def test_the_scheduled_sync_brings_entries_in_line_with_their_emails(self):
        sent = self.email(self.partner_a, self.partner_a)
        failed = self.email(self.partner_b, self.partner_b)
        queued = self.email(self.partner_a, self.partner_a, subject="Still in the queue")
        self.leave_behind(sent, "sent")
        self.leave_behind(failed, "exception", "Connection refused")
        stale = self.entry_of(sent, self.partner_a) | self.entry_of(failed, self.partner_b)
        self.assertEqual(set(stale.mapped("delivery_status")), {"outgoing"})
        cron = self.env.ref("interaction_log.ir_cron_sync_delivery_status")
        self.assertRecordValues(cron, [{"active": True, "interval_type": "hours"}])

        # Batches of one: the run goes through them all, each notification once.
        cron.code = "model._cron_sync_delivery_status(batch_size=1)"
        with self.enter_registry_test_mode():  # the cron's own cursor, in this transaction
            cron.method_direct_trigger()
        self.env.invalidate_all()

        progress = self.env["ir.cron.progress"].search(
            [("cron_id", "=", cron.id)], limit=1, order="id desc"
        )
        self.assertRecordValues(
            progress,
            [{"done": 2, "remaining": 0}],  # the two e-mails left behind, in committed batches
        )
        self.assertRecordValues(
            self.entry_of(sent, self.partner_a),
            [{"delivery_status": "sent", "attempt_failed": False}],
        )
        failed_entry = self.entry_of(failed, self.partner_b)
        self.assertRecordValues(
            failed_entry, [{"delivery_status": "failed", "attempt_failed": True, "state": "failed"}]
        )
        self.assertIn("Connection refused", failed_entry.delivery_failure_reason)
        self.assertEqual(
            self.entry_of(queued, self.partner_a).delivery_status,
            "outgoing",
            "an e-mail still in the queue keeps its status",
        )
