"""A real Odoo server with two workers, hit by two clients at the same moment.

Run by `make test` (setup/test.sh) on a copy of the test database, with plain pytest: the
server is a separate process, so nothing here goes through the test transaction."""

import threading

import pytest
from live import Client, odoo_server


@pytest.fixture(scope="module")
def server():
    with odoo_server() as base_url:
        yield base_url


def at_once(*functions):
    """Run the functions in threads released together; return their results in order."""
    barrier = threading.Barrier(len(functions))
    results = [None] * len(functions)

    def run(index, function):
        barrier.wait()
        try:
            results[index] = function()
        except Exception as error:
            results[index] = error

    threads = [threading.Thread(target=run, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results


def test_two_prints_of_one_invoice_at_once(server):
    admin = Client(server).login()
    invoice_id = admin.call(
        "account.move",
        "search",
        [("move_type", "=", "out_invoice"), ("state", "=", "posted")],
        limit=1,
    )["result"][0]
    # Render and store the invoice PDF once: rendering needs a second worker to serve the
    # report's assets to wkhtmltopdf, so two renders at once on two workers wait for each
    # other (Odoo's documented reason to run more workers). Downloads then serve the stored
    # PDF, as they do once an invoice has been sent.
    wizard = admin.call(
        "account.move.send.wizard",
        "create",
        {"sending_methods": ["manual"]},
        context={"active_model": "account.move", "active_ids": [invoice_id]},
    )["result"]
    admin.call("account.move.send.wizard", "action_send_and_print", [wizard])
    domain = [("res_model", "=", "account.move"), ("res_id", "=", invoice_id)]
    before = admin.call("interaction.log.entry", "search_count", domain)["result"]
    url = f"/account/download_invoice_documents/{invoice_id}/pdf"
    first, second = Client(server).login(), Client(server).login()
    results = at_once(lambda: first.get(url), lambda: second.get(url))
    for result in results:
        assert not isinstance(result, Exception), result
        assert result[0] == 200
    entries = admin.call("interaction.log.entry", "search_read", domain, fields=["version_no"])[
        "result"
    ]
    assert len(entries) == before + 2, "one entry per print, none lost, none doubled"
    versions = sorted(entry["version_no"] for entry in entries)
    assert versions == list(range(1, before + 3)), versions


def test_one_segment_logged_twice_at_once(server):
    admin = Client(server).login()
    template_id = admin.call("interaction.template", "search", [("code", "=", "LETTER")])["result"][
        0
    ]
    partner_ids = admin.call("res.partner", "search", [("is_company", "=", False)], limit=25)[
        "result"
    ]
    segment_id = admin.call(
        "interaction.segment", "create", {"name": "Two clicks", "template_id": template_id}
    )["result"]
    wizard_id = admin.call(
        "interaction.segment.criteria.wizard",
        "create",
        {"segment_id": segment_id, "action": "add", "domain": repr([("id", "in", partner_ids)])},
    )["result"]
    admin.call("interaction.segment.criteria.wizard", "action_apply", [wizard_id])
    first, second = Client(server).login(), Client(server).login()
    results = at_once(
        lambda: first.call("interaction.segment", "action_log", [segment_id]),
        lambda: second.call("interaction.segment", "action_log", [segment_id]),
    )
    errors = [result["error"]["data"]["message"] for result in results if "error" in result]
    assert len(errors) <= 1, errors
    assert all("logged already" in message for message in errors), errors
    logged = admin.call(
        "interaction.logged.segment",
        "search_read",
        [("segment_id", "=", segment_id)],
        fields=["entry_count"],
    )["result"]
    assert len(logged) == 1, "logged once"
    assert logged[0]["entry_count"] == len(partner_ids)
