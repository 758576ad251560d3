"""pytest plugin: a skipped test is a failed test.

Odoo skips browser tests silently when Chromium or websocket-client is missing, and the run
still looks green; here such a run fails and says why."""

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"Skipped tests count as failures here: {reason}"
