import psycopg2

from odoo import models


class Sending:
    """The notifications whose status one send of e-mails wrote, followed once it ends.
    Only the server creates one (a client's context is JSON and cannot hold it), so no
    request can put off the following of its own notifications."""

    __slots__ = ("notification_ids",)

    def __init__(self):
        self.notification_ids = {}  # an ordered set

    def add(self, notifications):
        self.notification_ids.update(dict.fromkeys(notifications.ids))


class MailMail(models.Model):
    _inherit = "mail.mail"

    def _send(self, *args, **kwargs):
        # One send writes each notification twice: 'exception' before it connects (Odoo's
        # lock against a bounce arriving meanwhile, never committed alone), then what became of
        # the e-mail. The entries follow the outcome once the send ends, in one query and one
        # write: following each write marked every entry failed, then sent again, and each
        # time moved it between the contact's statistics groups (make load: +19 ms on an 86 ms
        # chatter post). The mail queue commits after each e-mail: there each write is
        # followed as it comes, so what is committed agrees.
        auto_commit = kwargs.get("auto_commit", args[0] if args else False)
        if auto_commit or isinstance(self.env.context.get("interaction_log_sending"), Sending):
            return super()._send(*args, **kwargs)
        sending = Sending()
        mails = self.with_context(interaction_log_sending=sending)
        try:
            result = super(MailMail, mails)._send(*args, **kwargs)
        except psycopg2.Error:
            raise  # the transaction is aborted: nothing can be read or written in it
        except Exception:
            # A send that raises (raise_exception) has written its notifications: a caller
            # that catches the error and commits keeps entries that agree with them.
            self._follow_sending(sending)
            raise
        self._follow_sending(sending)
        return result

    def _follow_sending(self, sending):
        if not sending.notification_ids:
            return
        entries = self.env["interaction.log.entry"]
        notifications = self.env["mail.notification"].browse(sending.notification_ids)
        # The e-mails have left: nothing here may roll the send back (the request run again
        # would send them again), a concurrent write included: the server log says so, and
        # the hourly sync brings the entries in line (_cron_sync_delivery_status).
        entries._log_safely(
            f"the delivery of notifications {notifications.ids}",
            entries._sync_delivery_status,
            notifications,
            rerun=False,
        )
