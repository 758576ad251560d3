from odoo import models, modules

# Context values that only the server can set: a client's context is JSON and cannot hold
# these objects, so the decisions below cannot be forged through a route or RPC.
DOCUMENT_EMAIL = object()  # the document's own send wizard sends this e-mail and logs it
MAIL_GATEWAY = object()  # Odoo's mail gateway is processing an incoming e-mail


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _message_route_process(self, message, message_dict, routes):
        return super(
            MailThread, self.with_context(interaction_log_gateway=MAIL_GATEWAY)
        )._message_route_process(message, message_dict, routes)

    def _message_post_after_hook(self, message, msg_values):
        result = super()._message_post_after_hook(message, msg_values)
        # Incoming e-mails as the gateway received them, never a message a client posted
        # with message_type 'email'.
        if (
            message.message_type == "email"
            and self.env.context.get("interaction_log_gateway") is MAIL_GATEWAY
        ):
            self.env["interaction.log.entry"]._log_email_message(message)
        return result

    def _notify_thread_by_email(self, message, recipients_data, *, msg_vals=False, **kwargs):
        result = super()._notify_thread_by_email(
            message, recipients_data, msg_vals=msg_vals, **kwargs
        )
        # Who the e-mail really went to (followers included), decided by Odoo's notification
        # step; read from the data it already holds: no query when nobody external got it.
        emailed = {
            recipient["id"]: recipient["email_normalized"]
            for recipient in recipients_data
            if recipient["notif"] == "email"
            and recipient["type"] != "user"
            and recipient["active"]
            and recipient["email_normalized"]
        }
        message_type = (msg_vals or {}).get("message_type") or message.message_type
        if (
            emailed
            and message_type not in ("email", "user_notification")
            and self.env.context.get("interaction_log_document_email") is not DOCUMENT_EMAIL
        ):
            # Odoo queues the e-mails, or sends them after the commit: none is sent yet
            # (tests send at once, in send_after_commit), so the entries' delivery status
            # needs no reading of the notifications.
            force_send = self.env.context.get(
                "mail_notify_force_send", kwargs.get("force_send", True)
            )
            maybe_sent = bool(force_send) and (
                not kwargs.get("send_after_commit", True) or bool(modules.module.current_test)
            )
            self.env["interaction.log.entry"]._log_email_message(
                message,
                self.env["res.partner"].browse(list(emailed)),
                maybe_sent=maybe_sent,
                addresses=emailed,
            )
        return result
