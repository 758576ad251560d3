"""Screenshots of the main screens of interaction_log, taken from a running Odoo in Chromium.

Usage: screenshots.py BASE_URL DATABASE OUTPUT_DIR (called by `make screenshots`)."""

import base64
import json
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import websocket

SCREENS = [
    # (file name, path to open, selector to wait for, script to run once it is there)
    (
        "interactions_list",
        "/odoo/action-interaction_log.interaction_log_entry_action",
        ".o_list_view .o_data_row",
        None,
    ),
    (
        "contact_interactions_tab",
        "/odoo/contacts/{partner_id}",
        ".o_form_view .o_notebook",
        "[...document.querySelectorAll('.o_notebook a.nav-link')]"
        ".find((a) => a.textContent.trim() === 'Interactions').click()",
    ),
    (
        "log_interaction_wizard",
        "/odoo/contacts/{partner_id}",
        ".o_form_view button[name='action_log_interaction']",
        "document.querySelector(\".o_form_view button[name='action_log_interaction']\").click()",
    ),
    (
        "analysis_pivot",
        "/odoo/action-interaction_log.interaction_log_entry_action_analysis",
        ".o_pivot table",
        None,
    ),
    (
        "segment",
        "/odoo/action-interaction_log.interaction_segment_action/{segment_id}",
        ".o_form_view .o_field_widget[name='line_ids'] .o_data_row",
        None,
    ),
]
AFTER_SCRIPT_SELECTORS = {
    "contact_interactions_tab": ".o_field_widget[name='interaction_counted_entry_ids'] .o_data_row",
    "log_interaction_wizard": ".modal .o_form_view",
}


def json_rpc(base_url, database, model, method, args):
    payload = {
        "jsonrpc": "2.0",
        "method": "call",
        "params": {
            "service": "object",
            "method": "execute_kw",
            "args": [database, 2, "admin", model, method, args],
        },
    }
    request = urllib.request.Request(
        f"{base_url}/jsonrpc", json.dumps(payload).encode(), {"Content-Type": "application/json"}
    )
    return json.load(urllib.request.urlopen(request))["result"]


class Page:
    def __init__(self, ws_url):
        self.ws = websocket.create_connection(ws_url, timeout=30)
        self.next_id = 0

    def send(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.send(
            "Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True
        )
        return result.get("result", {}).get("value")

    def wait_for(self, selector, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.evaluate(f"!!document.querySelector({json.dumps(selector)})"):
                return
            time.sleep(0.3)
        raise TimeoutError(f"{selector} did not appear")

    def wait_for_url_leaving(self, path, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if path not in (self.evaluate("location.pathname") or path):
                return
            time.sleep(0.3)
        raise TimeoutError(f"still on {path} after {timeout} s")

    def open(self, url):
        self.send("Page.navigate", url=url)
        time.sleep(1)


def main(base_url, database, output):
    output.mkdir(parents=True, exist_ok=True)
    partner_id = json_rpc(
        base_url,
        database,
        "res.partner",
        "search",
        [[("interaction_entry_ids", "!=", False), ("is_company", "=", False)]],
    )[0]
    segment_id = json_rpc(
        base_url, database, "interaction.segment", "search", [[("state", "=", "logged")]]
    )[0]
    profile = tempfile.mkdtemp(prefix="interaction_log_chromium_")
    chromium = subprocess.Popen(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--remote-debugging-port=9337",
            "--window-size=1440,900",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(50):
            try:
                targets = json.load(urllib.request.urlopen("http://127.0.0.1:9337/json"))
                break
            except OSError:
                time.sleep(0.2)
        page = Page(next(t for t in targets if t["type"] == "page")["webSocketDebuggerUrl"])
        page.send("Page.enable")
        page.send(
            "Emulation.setDeviceMetricsOverride",
            width=1440,
            height=900,
            deviceScaleFactor=1,
            mobile=False,
        )
        page.open(f"{base_url}/web/login?db={database}")
        page.wait_for("input[name='login']")
        page.evaluate(
            "document.querySelector(\"input[name='login']\").value = 'admin';"
            "document.querySelector(\"input[name='password']\").value = 'admin';"
            "document.querySelector('form.oe_login_form').submit();"
        )
        # Opening a page before the login's answer arrives cancels the login: wait for it.
        page.wait_for_url_leaving("/web/login")
        for name, path, selector, script in SCREENS:
            page.open(base_url + path.format(partner_id=partner_id, segment_id=segment_id))
            page.wait_for(selector)
            if script:
                page.evaluate(script)
                page.wait_for(AFTER_SCRIPT_SELECTORS[name])
            time.sleep(1.5)
            png = base64.b64decode(page.send("Page.captureScreenshot", format="png")["data"])
            (output / f"{name}.png").write_bytes(png)
            print(f"{output / f'{name}.png'}")
    finally:
        chromium.terminate()
        chromium.wait()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], Path(sys.argv[3]))
