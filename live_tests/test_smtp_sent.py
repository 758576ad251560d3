"""An e-mail that really goes out: Odoo outside its test mode (which sends nothing) sends a
chatter e-mail through a real SMTP server on 127.0.0.1, and the contact's entry becomes Sent.
The send writes the entry once (outgoing to sent) and never the statistics' summaries: Odoo
marks each notification 'exception' before it connects, and following that write marked the
entry failed, then sent again, moving it between statistics groups each time."""

import socketserver
import threading

import pytest
from live import odoo_shell

SCRIPT = """
import json
env = env(user=env.ref("base.user_admin"))  # an e-mail from a colleague, as a user sends it
env["ir.mail_server"].search([]).write({"active": False})
env["ir.mail_server"].create({"name": "Live sink", "smtp_host": "127.0.0.1",
                              "smtp_port": PORT, "smtp_encryption": "none"})
partner = env["res.partner"].create({"name": "Live SMTP sent", "email": "live-sent@example.com"})
message = partner.message_post(body="Hello", subject="Live SMTP sent", partner_ids=partner.ids,
                               message_type="comment", subtype_xmlid="mail.mt_comment")
entry = env["interaction.log.entry"].search([("message_id", "=", message.message_id)])
before_status = entry.delivery_status
env.flush_all()

def written():
    env.cr.execute(
        "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables"
        " WHERE relname IN ('interaction_log_entry', 'interaction_log_summary',"
        " 'interaction_log_contact_summary')"
    )
    return dict(env.cr.fetchall())

before = written()
# What Odoo does once the post is committed, in this transaction so that its writes are counted.
message.notification_ids.mail_mail_id.send()
env.flush_all()
after = written()
env.invalidate_all()
print("RESULT" + json.dumps({
    "before": before_status,
    "after": [entry.delivery_status, entry.attempt_failed, entry.state],
    "notification": message.notification_ids.notification_status,
    "writes": {name: after.get(name, 0) - before.get(name, 0) for name in after},
}))
env.cr.rollback()  # the e-mail went out; nothing of it needs to stay
"""


class SinkHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP to take an e-mail and keep its recipients."""

    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 127.0.0.1 sink")
        while line := self.rfile.readline():
            command = line.decode(errors="replace").strip()
            verb = command[:4].upper()
            if verb == "EHLO":
                self.reply("250-127.0.0.1\r\n250 8BITMIME")
            elif verb == "RCPT":
                self.server.recipients.append(command.split(":", 1)[1].strip(" <>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                while self.rfile.readline() not in (b".\r\n", b".\n", b""):
                    pass
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:  # HELO, MAIL, RSET, NOOP
                self.reply("250 OK")


@pytest.fixture
def smtp_sink():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), SinkHandler)
    server.daemon_threads = True
    server.recipients = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def test_a_sent_email_marks_the_entry_sent_in_one_write(smtp_sink):
    result = odoo_shell(SCRIPT, PORT=smtp_sink.server_address[1])
    assert smtp_sink.recipients == ["live-sent@example.com"], smtp_sink.recipients
    assert result["before"] == "outgoing", result
    assert result["notification"] == "sent", result
    assert result["after"] == ["sent", False, "logged"], result
    assert result["writes"] == {
        "interaction_log_entry": 1,
        "interaction_log_summary": 0,
        "interaction_log_contact_summary": 0,
    }, result
