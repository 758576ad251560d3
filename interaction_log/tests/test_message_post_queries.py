from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.interaction_log.models import mail_thread

from .common import InteractionLogCommon

# What logging an e-mail adds to the post that sends it, whatever the number of recipients:
# the savepoint that keeps the e-mail when logging fails (SAVEPOINT, RELEASE) and the entries'
# one INSERT ... SELECT, which reads the contacts, the company's e-mail template and its
# currency itself (through create() these were three reads before the INSERT: 6 queries).
LOGGING_QUERIES = 3


@tagged("post_install", "-at_install")
class TestMessagePostQueries(InteractionLogCommon):
    """Queries the module adds to message_post, against the same post with its hook switched
    to Odoo's own: the same for one recipient as for several, none when nothing is logged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customers = cls.env["res.partner"].create(
            [{"name": f"Query Customer {n}", "email": f"query{n}@example.com"} for n in range(4)]
        )
        # E-mails queued, as in production, where they leave after the commit (a test
        # would send them inside the post).
        cls.env = cls.env(context=dict(cls.env.context, mail_notify_force_send=False))
        cls.entries = cls.env["interaction.log.entry"].sudo()

    def _thread(self, followers=()):
        """A new thread for each post: a second post on one thread is not the first."""
        thread = self.env["res.partner"].create({"name": "Thread", "email": "t@example.com"})
        if followers:
            thread.message_subscribe(partner_ids=list(followers))
        # As a new request finds it.
        self.env.invalidate_all()
        return thread

    def _post(self, thread, recipients=(), subtype="mail.mt_comment"):
        return thread.message_post(
            body="Hello",
            message_type="comment",
            subtype_xmlid=subtype,
            partner_ids=list(recipients),
        )

    def _queries(self, **case):
        thread = self._thread(case.pop("followers", ()))
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        # As assertQueryCount does: no random garbage collection of the bus in a measure.
        with patch("random.random", lambda: 1):
            self._post(thread, **case)
            self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def _hook_off(self):
        return patch.object(
            mail_thread.MailThread,
            "_notify_thread_by_email",
            lambda thread, *args, **kwargs: super(
                mail_thread.MailThread, thread
            )._notify_thread_by_email(*args, **kwargs),
        )

    def _assert_logging_adds(self, added, logged, followers=(), **case):
        """The post of ``case`` costs ``added`` queries more than without the module's hook,
        and logs ``logged`` entries."""
        with self._hook_off():
            self._queries(followers=followers, **case)  # what any first post reads
            without = self._queries(followers=followers, **case)
        self._queries(followers=followers, **case)
        count = self.entries.search_count([])
        # Compared here rather than with assertQueryCount, which reports an excess in a
        # subTest: pytest (before 9) drops subTest failures, so the test would pass anyway.
        self.assertEqual(self._queries(followers=followers, **case) - without, added)
        self.assertEqual(self.entries.search_count([]) - count, logged)

    def test_one_recipient(self):
        self._assert_logging_adds(LOGGING_QUERIES, 1, recipients=self.customers[:1].ids)

    def test_four_recipients_cost_what_one_does(self):
        self._assert_logging_adds(LOGGING_QUERIES, 4, recipients=self.customers.ids)

    def test_four_followers_cost_what_one_recipient_does(self):
        self._assert_logging_adds(LOGGING_QUERIES, 4, followers=self.customers.ids)

    def test_never_log_rules_and_lists_add_no_query(self):
        """A rule of the company and the sender's own list are matched in Python, from caches
        and the addresses Odoo has read to write the e-mails: no query for them."""
        self.env["interaction.never.log.rule"].sudo().create(
            {"company_id": self.env.company.id, "kind": "email", "value": "query3@example.com"}
        )
        self.env.user.sudo().interaction_never_log_addresses = "query2@example.com"
        self._assert_logging_adds(LOGGING_QUERIES, 2, recipients=self.customers.ids)

    def test_an_internal_note_adds_nothing(self):
        self._assert_logging_adds(0, 0, followers=self.customers.ids, subtype="mail.mt_note")

    def test_a_queued_email_is_outgoing_then_follows_its_notification(self):
        message = self._post(self._thread(), recipients=self.customers[:1].ids)
        entry = self.entries.search([("message_id", "=", message.message_id)])
        self.assertEqual(entry.delivery_status, "outgoing")
        message.notification_ids.write({"notification_status": "exception"})
        self.assertEqual(entry.delivery_status, "failed")

    def test_an_email_notified_twice_is_logged_once(self):
        """Within the transaction that created it, the second notification of one message
        finds the entries of the first (no search of the log is spared then)."""
        thread = self._thread()
        message = self._post(thread, recipients=self.customers[:2].ids)
        self.env["interaction.log.entry"]._log_email_message(message, self.customers[:3])
        entries = self.entries.search([("message_id", "=", message.message_id)])
        self.assertEqual(len(entries), 3)
        self.assertEqual(entries.partner_id, self.customers[:3])

    def test_a_message_id_given_by_the_caller_is_searched_in_the_log(self):
        """A Message-Id that Odoo did not make may already be in the log (the logging
        address received the e-mail): that contact is not logged twice."""
        message_id = "<outside-1@mail.example.com>"
        self.entries.create(
            {
                "partner_id": self.customers[0].id,
                "template_id": self.env.company.interaction_template_email_id.id,
                "name": "Received by the logging address",
                "message_id": message_id,
                "correspondence_type": "email",
            }
        )
        thread = self._thread()
        message = thread.message_post(
            body="Hello",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.customers[:2].ids,
            message_id=message_id,
        )
        self.assertEqual(message.message_id, message_id)
        self.assertEqual(
            self.entries.search([("message_id", "=", message_id)]).partner_id,
            self.customers[:2],
        )
