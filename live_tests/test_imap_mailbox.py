"""A shared mailbox on a real IMAP server (Debian's dovecot, started by setup/dovecot.sh on
127.0.0.1 with a throw-away user): real RFC 2822 messages delivered into its INBOX, Odoo's
own fetch of an incoming mail server feeding the interaction log, the entries with their
.eml, the duplicate rule, a message Odoo cannot parse that does not stop the next one, and a
second fetch that logs nothing."""

import imaplib
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from live import odoo_shell

DATABASE = os.environ.get("INTERACTION_LOG_LIVE_DB")
CONFIG = os.environ.get("INTERACTION_LOG_LIVE_CONF")
REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "interaction_log" / "tests" / "data"

SETUP = """
import json
company = env.company
company._interaction_fill_template_setup()
users = env["res.users"].with_context(no_reset_password=True)
for login, name, email in [("live_sam", "Sam Sales", "sam.sales@ourcompany.example"),
                           ("live_olga", "Olga Office", "olga.office@ourcompany.example")]:
    users.create({"login": login, "name": name, "email": email,
                  "group_ids": [(4, env.ref("base.group_user").id)]})
env["res.partner"].create([
    {"name": "Ada Buyer", "email": "ada@customer.example"},
    {"name": "Bert Buyer", "email": "bert@customer.example"},
])
server = env["fetchmail.server"].create({
    "name": "Live journal mailbox", "server": "127.0.0.1", "port": PORT, "server_type": "imap",
    "is_ssl": False, "user": USER, "password": PASSWORD, "original": True, "attach": True,
    "object_id": env["ir.model"]._get_id("interaction.mailbox.message"),
})
server.button_confirm_login()
env.cr.commit()
print("RESULT" + json.dumps({"server": server.id, "state": server.state}))
"""

FETCH = """
import json
server = env["fetchmail.server"].browse(SERVER)
server.fetch_mail()
env.cr.commit()
env.invalidate_all()
records = env["interaction.mailbox.message"].search([], order="id")
entries = env["interaction.log.entry"].search([("message_id", "!=", False)], order="id")
print("RESULT" + json.dumps({
    "records": [
        {"message_id": r.message_id, "state": r.state, "skip_reason": r.skip_reason or None,
         "source": r.source, "entries": len(r.entry_ids)}
        for r in records
    ],
    "entries": [
        {"partner": e.partner_id.email, "flow": e.information_flow, "user": e.user_id.login,
         "message_id": e.message_id,
         "eml": [(a.name, a.mimetype, b"please find our quotation" in a.raw
                  or b"we accept the quotation" in a.raw) for a in e.attachment_ids]}
        for e in entries
    ],
}))
"""


@pytest.fixture
def imap_server():
    if not DATABASE or not CONFIG:
        pytest.fail(
            "INTERACTION_LOG_LIVE_DB and INTERACTION_LOG_LIVE_CONF are set by setup/test.sh"
        )
    directory = Path(CONFIG).parent / f"dovecot_{os.getpid()}"
    started = subprocess.run(
        ["bash", str(REPO / "setup" / "dovecot.sh"), "start", str(directory)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if started.returncode:
        pytest.fail(
            "The IMAP server could not be installed or started (setup/dovecot.sh: Debian's "
            f"dovecot-imapd, run as root):\n{started.stdout}\n{started.stderr}"
        )
    port, user, password = started.stdout.split()[-3:]
    yield {"port": int(port), "user": user, "password": password}
    subprocess.run(["bash", str(REPO / "setup" / "dovecot.sh"), "stop", str(directory)])
    time.sleep(0.5)
    shutil.rmtree(directory, ignore_errors=True)


def deliver(server, *messages):
    """Put messages into the INBOX as a mail server's delivery does (IMAP APPEND)."""
    imap = imaplib.IMAP4("127.0.0.1", server["port"])
    imap.login(server["user"], server["password"])
    for message in messages:
        status, _ = imap.append("INBOX", None, imaplib.Time2Internaldate(time.time()), message)
        assert status == "OK"
    imap.select("INBOX")
    _, unseen = imap.search(None, "(UNSEEN)")
    imap.logout()
    return len(unseen[0].split())


def journaled(name, **replacements):
    """A message of tests/data/ as a journaling rule copies it to the shared mailbox: the
    logging address is not among its recipients."""
    raw = (DATA / name).read_bytes().replace(b"Delivered-To: interactions@logging.example\n", b"")
    for old, new in replacements.items():
        raw = raw.replace(old.encode(), new.encode())
    return raw.replace(b"\n", b"\r\n")


UNPARSABLE = (
    b"From: Ada Buyer <ada@customer.example>\r\nTo: sam.sales@ourcompany.example\r\n"
    b"Subject: A charset nobody knows\r\nMessage-ID: <unparsable-live@customer.example>\r\n"
    b'MIME-Version: 1.0\r\nContent-Type: text/plain; charset="x-no-such-charset"\r\n\r\n'
    b"Caf\xe9\r\n"
)


def test_a_shared_imap_mailbox_feeds_the_interaction_log(imap_server):
    setup = odoo_shell(
        SETUP,
        PORT=imap_server["port"],
        USER=imap_server["user"],
        PASSWORD=imap_server["password"],
    )
    assert setup["state"] == "done", "Odoo logged in to the IMAP server"

    assert (
        deliver(
            imap_server,
            journaled("bcc_outbound.eml"),
            UNPARSABLE,
            journaled("inbound_from_contact.eml"),
        )
        == 3
    )
    first = odoo_shell(FETCH, SERVER=setup["server"])
    records = {record["message_id"]: record for record in first["records"]}
    outbound = records["<CAF-bcc-outbound-0001@mail.ourcompany.example>"]
    inbound = records["<inbound-0002@customer.example>"]
    assert outbound == {
        "message_id": "<CAF-bcc-outbound-0001@mail.ourcompany.example>",
        "state": "logged",
        "skip_reason": None,
        "source": "mailbox",
        "entries": 2,
    }
    assert inbound["state"] == "logged" and inbound["entries"] == 2
    assert (
        "<unparsable-live@customer.example>" not in records
    ), "Odoo's parser refuses it: the fetch logs the failure and goes on with the next message"
    entries = first["entries"]
    assert sorted((e["partner"], e["flow"], e["user"]) for e in entries) == [
        ("ada@customer.example", "inbound", "live_sam"),
        ("ada@customer.example", "outbound", "live_sam"),
        ("bert@customer.example", "inbound", "live_sam"),
        ("bert@customer.example", "outbound", "live_sam"),
    ]
    for entry in entries:
        assert len(entry["eml"]) == 1
        name, mimetype, has_text = entry["eml"][0]
        assert name.endswith(".eml") and mimetype == "message/rfc822" and has_text

    second = odoo_shell(FETCH, SERVER=setup["server"])
    assert second == first, "a second fetch logs nothing: the messages were marked as read"

    # The same message copied again (BCC'd by a second user): recorded, not logged twice.
    deliver(
        imap_server,
        journaled("bcc_outbound.eml", **{"Return-Path:": "Received: from relay2\nReturn-Path:"}),
    )
    third = odoo_shell(FETCH, SERVER=setup["server"])
    assert third["entries"] == first["entries"]
    assert third["records"][-1]["state"] == "skipped"
    assert third["records"][-1]["skip_reason"] == "duplicate"
