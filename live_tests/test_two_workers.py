"""A real Odoo server with two workers, hit by two clients at the same moment.

Run by `make test` (setup/test.sh) on a copy of the test database, with plain pytest: the
server is a separate process, so nothing here goes through the test transaction."""

import importlib.util
import json
import os
import socket
import subprocess
import threading
import time
import urllib.request
from http.cookiejar import CookieJar

import pytest

DATABASE = os.environ.get("INTERACTION_LOG_LIVE_DB")
CONFIG = os.environ.get("INTERACTION_LOG_LIVE_CONF")


def _load_payload_builder():
    # The addon's own helper, by its path: these tests run outside Odoo's addons namespace.
    path = os.path.join(os.path.dirname(__file__), "..", "interaction_log", "tests", "jsonrpc.py")
    spec = importlib.util.spec_from_file_location("interaction_log_jsonrpc", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.execute_kw_payload


execute_kw_payload = _load_payload_builder()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Client:
    """One browser-like client: its own session cookie."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def json(self, path, params):
        payload = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}).encode()
        request = urllib.request.Request(
            self.base_url + path, payload, {"Content-Type": "application/json"}
        )
        return json.load(self.opener.open(request, timeout=120))

    def login(self):
        result = self.json(
            "/web/session/authenticate", {"db": DATABASE, "login": "admin", "password": "admin"}
        )
        assert "error" not in result, result
        self.uid = result["result"]["uid"]
        return self

    def call(self, model, method, *args, **kwargs):
        payload = execute_kw_payload(DATABASE, self.uid, "admin", model, method, args, kwargs)
        request = urllib.request.Request(
            self.base_url + "/jsonrpc", payload.encode(), {"Content-Type": "application/json"}
        )
        return json.load(self.opener.open(request, timeout=120))

    def get(self, path):
        response = self.opener.open(self.base_url + path, timeout=120)
        return response.status, response.read()


@pytest.fixture(scope="module")
def server():
    if not DATABASE or not CONFIG:
        pytest.fail(
            "INTERACTION_LOG_LIVE_DB and INTERACTION_LOG_LIVE_CONF are set by setup/test.sh"
        )
    port = free_port()
    process = subprocess.Popen(
        [
            os.environ.get("ODOO_PYTHON", "python"),
            "-m",
            "odoo",
            "-c",
            CONFIG,
            "-d",
            DATABASE,
            "--workers=2",
            "--max-cron-threads=0",
            f"--http-port={port}",
            "--http-interface=127.0.0.1",
            "--log-level=warn",
            "--limit-time-real=300",
            "--limit-time-cpu=300",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(base_url + "/web/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("the two-worker server did not start")
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=30)


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
