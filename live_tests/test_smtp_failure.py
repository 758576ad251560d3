"""An e-mail that really fails to go out: Odoo outside its test mode (which sends nothing)
sends through an SMTP server whose port is closed, marks the e-mail as an exception, and the
contact's entry becomes Failed, with the reason, and an attempt that failed."""

import os
import subprocess

import pytest
from live import odoo_shell_command

DATABASE = os.environ.get("INTERACTION_LOG_LIVE_DB")
CONFIG = os.environ.get("INTERACTION_LOG_LIVE_CONF")

SCRIPT = """
import socket
env = env(user=env.ref("base.user_admin"))  # an e-mail from a colleague, as a user sends it
closed = socket.socket()
closed.bind(("127.0.0.1", 0))
port = closed.getsockname()[1]
closed.close()  # nothing listens there any more
env["ir.mail_server"].search([]).write({"active": False})
env["ir.mail_server"].create({"name": "Closed port", "smtp_host": "127.0.0.1",
                              "smtp_port": port, "smtp_encryption": "none"})
partner = env["res.partner"].create({"name": "Live SMTP", "email": "live-smtp@example.com"})
message = partner.message_post(body="Hello", subject="Live SMTP failure", partner_ids=partner.ids,
                               message_type="comment", subtype_xmlid="mail.mt_comment")
entry = env["interaction.log.entry"].search([("message_id", "=", message.message_id)])
print("BEFORE", entry.delivery_status)
env.cr.commit()  # Odoo sends notification e-mails once the transaction is committed
env.invalidate_all()
print("AFTER", entry.delivery_status, entry.attempt_failed, entry.state,
      repr(entry.delivery_failure_reason))
print("MAIL", message.notification_ids.notification_status)
"""


def test_a_failed_smtp_send_marks_the_entry_failed():
    if not DATABASE or not CONFIG:
        pytest.fail(
            "INTERACTION_LOG_LIVE_DB and INTERACTION_LOG_LIVE_CONF are set by setup/test.sh"
        )
    shell = subprocess.run(
        odoo_shell_command(log_level="critical"),
        input=SCRIPT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    lines = {
        line.split(" ", 1)[0]: line.split(" ", 1)[1]
        for line in shell.stdout.splitlines()
        if line.startswith(("BEFORE ", "AFTER ", "MAIL "))
    }
    assert lines.get("BEFORE") == "outgoing", shell.stdout + shell.stderr
    assert lines.get("MAIL") == "exception", shell.stdout + shell.stderr
    status, attempt_failed, state, reason = lines["AFTER"].split(" ", 3)
    assert (status, attempt_failed, state) == ("failed", "True", "failed"), lines["AFTER"]
    assert "SMTP" in reason or "onnect" in reason, reason
