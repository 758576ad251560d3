"""What the live tests share: a browser-like JSON client and a real Odoo server process.

The live tests run with plain pytest against real servers (setup/test.sh gives them a copy
of the test database); nothing here goes through a test transaction."""

import contextlib
import importlib.util
import json
import os
import socket
import subprocess
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


def require_live_environment():
    if not DATABASE or not CONFIG:
        pytest.fail(
            "INTERACTION_LOG_LIVE_DB and INTERACTION_LOG_LIVE_CONF are set by setup/test.sh"
        )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Client:
    """One browser-like client: its own session cookie."""

    def __init__(self, base_url, database=None):
        self.base_url = base_url
        self.database = database or DATABASE
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        self.uid = None

    def json(self, path, params):
        payload = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}).encode()
        return self._post(path, payload)

    def _post(self, path, payload):
        request = urllib.request.Request(
            self.base_url + path, payload, {"Content-Type": "application/json"}
        )
        return json.load(self.opener.open(request, timeout=120))

    def login(self, login="admin", password="admin"):
        result = self.json(
            "/web/session/authenticate",
            {"db": self.database, "login": login, "password": password},
        )
        assert "error" not in result, result
        self.uid = result["result"]["uid"]
        self.password = password
        return self

    def call(self, model, method, *args, **kwargs):
        """An external client's call (/jsonrpc, execute_kw)."""
        payload = execute_kw_payload(
            self.database, self.uid, self.password, model, method, args, kwargs
        )
        return self._post("/jsonrpc", payload.encode())

    def call_kw(self, model, method, *args, **kwargs):
        """The web client's call (/web/dataset/call_kw): read-only methods go to a replica."""
        return self.json(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def get(self, path):
        response = self.opener.open(self.base_url + path, timeout=120)
        return response.status, response.read()


@contextlib.contextmanager
def odoo_server(*options, database=None):
    """A real Odoo server (prefork: two workers) on a free port of 127.0.0.1."""
    require_live_environment()
    port = free_port()
    process = subprocess.Popen(
        [
            os.environ.get("ODOO_PYTHON", "python"),
            "-m",
            "odoo",
            "-c",
            CONFIG,
            "-d",
            database or DATABASE,
            "--workers=2",
            "--max-cron-threads=0",
            f"--http-port={port}",
            "--http-interface=127.0.0.1",
            "--log-level=warn",
            "--limit-time-real=300",
            "--limit-time-cpu=300",
            *options,
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
            pytest.fail("the Odoo server did not start")
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=30)


def odoo_shell_command(log_level="warn"):
    """The command line of ``odoo shell`` on the live database (the script on its input)."""
    return [
        os.environ.get("ODOO_PYTHON", "python"),
        os.environ["ODOO_BIN"],
        "shell",
        "-c",
        CONFIG,
        "-d",
        DATABASE,
        "--no-http",
        f"--log-level={log_level}",
    ]


def odoo_shell(script, **values):
    """Run ``script`` in ``odoo shell`` on the live database, each name of ``values`` in it
    replaced by the value's repr; returns the JSON the script printed after ``RESULT``."""
    require_live_environment()
    for name, value in values.items():
        script = script.replace(name, repr(value))
    result = subprocess.run(
        odoo_shell_command(),
        input=script,
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("RESULT")]
    assert lines, f"odoo shell failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return json.loads(lines[-1][len("RESULT") :])
