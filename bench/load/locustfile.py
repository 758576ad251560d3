"""A sales team's day against a real Odoo, for `make load` (setup/load.sh).

Each simulated user works through OdooLocust's JSON-2 client (with an API key) for model
calls, and through a browser-like session for the routes the web client uses (the report
download). Every logging action writes one line to a journal (LOAD_JOURNAL) saying what it
did and whether the server said yes: bench/load/check.py then compares the journal with
the database (nothing lost, nothing doubled).

Settings come from the environment (setup/load.sh sets them): LOAD_DATABASE, LOAD_API_KEYS
(comma-separated, one per user), LOAD_PASSWORD, LOAD_JOURNAL, LOAD_MODULE (1 when
interaction_log is installed: without it, only the tasks that exist without it run),
LOAD_SEGMENT_SIZE (the one big segment; 0 for none), LOAD_ADMIN_KEY (the user who
starts the purge), LOAD_PACING (seconds between the starts of two actions of one user),
LOAD_SAMPLES (a CSV file: every request's name, time, outcome and end, for compare.py's exact
percentiles over several runs), LOAD_WARM_UP_USERS (how many WarmUpUser run: the last one to
finish ends the warm-up)."""

import contextlib
import csv
import itertools
import json
import os
import random
import re
import sys
import threading
import time
import uuid

import gevent
import odoolib.json2
import requests
from locust import between, constant, constant_pacing, events, tag, task
from locust.exception import StopUser
from locust.runners import STATE_CLEANUP, STATE_STOPPED, STATE_STOPPING
from locust.user.task import DefaultTaskSet
from OdooLocust.OdooLocustUser import OdooLocustUser

# The client waits for the server's answer, whatever it is: longer than the server's own
# time limit (setup/load.sh: 120 s). A client that gave up first (the library's 60 s) would
# count as failed a request the server then committed, and httpx's timeout is no Locust
# failure at all.
odoolib.json2.DEFAULT_TIMEOUT = 300

DATABASE = os.environ["LOAD_DATABASE"]
API_KEYS = os.environ["LOAD_API_KEYS"].split(",")
ADMIN_KEY = os.environ.get("LOAD_ADMIN_KEY")
PASSWORD = os.environ.get("LOAD_PASSWORD", "admin")
JOURNAL = os.environ["LOAD_JOURNAL"]
SAMPLES = os.environ.get("LOAD_SAMPLES")
MODULE = os.environ.get("LOAD_MODULE", "1") == "1"
SEGMENT_SIZE = int(os.environ.get("LOAD_SEGMENT_SIZE", "0"))
# When the segment is logged: in the middle of the run, the team at work, not among the
# users' logins of its first seconds.
SEGMENT_AFTER = float(os.environ.get("LOAD_SEGMENT_AFTER", "0"))
# A user starts an action every PACING seconds, whatever the last one took (when it took
# less): both runs then ask the same requests at the same rate, and a slower server shows as
# fewer requests per second, not as users who simply waited less. Without the module, its own
# actions (the list, the pivot, a logged call) do nothing and the user waits for the next.
PACING = float(os.environ.get("LOAD_PACING", "10"))
WARM_UP_USERS = int(os.environ.get("LOAD_WARM_UP_USERS", "0"))
_users = itertools.count()
_warm_up = []  # the warm-up users done
_warm_up_errors = []  # the warm-up's actions that raised
_journal_lock = threading.Lock()
STOPPING = (STATE_STOPPING, STATE_STOPPED, STATE_CLEANUP)
_segment_started = threading.Event()


def journal(action, ok, **facts):
    with _journal_lock, open(JOURNAL, "a") as file:
        file.write(json.dumps({"action": action, "ok": ok, "at": time.time(), **facts}) + "\n")


@events.request.add_listener
def journal_failed_request(request_type, name, response_time, exception=None, **_kwargs):
    """Every failed request, with when it ended: with faults, the checker tells the failures
    inside a fault's window from those outside it."""
    if exception is not None:
        journal("request", False, name=name, error=str(exception)[:300])


@events.request.add_listener
def record_sample(request_type, name, response_time, exception=None, **_kwargs):
    """Every request, as it ended: Locust's CSV rounds its percentiles to two figures and
    holds one run only; compare.py pools the runs of both sides from these."""
    if SAMPLES:
        with _journal_lock, open(SAMPLES, "a") as file:
            csv.writer(file).writerow(
                [name, round(response_time), int(exception is None), f"{time.time():.3f}"]
            )


def timed(name, function):
    """Run ``function`` as one Locust request named ``name`` (for the web routes)."""
    start = time.time()
    error = None
    result = None
    try:
        result = function()
    except Exception as exception:
        error = exception
    events.request.fire(
        request_type="HTTP",
        name=name,
        response_time=int((time.time() - start) * 1000),
        response_length=0,
        exception=error,
        context={},
    )
    return result, error


class SeededTaskSet(DefaultTaskSet):
    """Each user's actions and records drawn from its own seeded generator: the runs with
    and without the module then make the same actions in the same order at the same pace (a
    constant pacing), so their prints meet the same bursts, and the p95 ratio compares the
    module's cost rather than two draws of which prints happened to coincide. Locust draws
    from the shared generator, in the order its greenlets happen to run."""

    def get_next_task(self):
        if not self.user.tasks:
            return super().get_next_task()  # Locust's own error
        return self.user.random.choice(self.user.tasks)


class OdooSession(OdooLocustUser):
    """A logged-in user: the JSON-2 client and a web session with its CSRF token."""

    abstract = True
    protocol = "json2"
    database = DATABASE

    def on_start(self):
        self.login, self.password, seed = self.credentials()
        self.random = random.Random(seed)
        # Locust's run() made a DefaultTaskSet just before calling on_start, and picks from it
        # after: this one draws from the user's generator.
        self._taskset_instance = SeededTaskSet(self)
        host = self.host.removeprefix("http://")
        self.host, self.port = host.split(":")[0], int(host.split(":")[1])
        super().on_start()
        # Sent with every call, as the web client sends it: without it a JSON-2 call runs in
        # UTC and English (every Analysis pivot then missed the summary, kept in the days of
        # the company's time zone, and read the million entries: 1.4 s p50 under load).
        self.context = self.client.get_user_context()
        self.base_url = f"http://{self.host}:{self.port}"
        self.web_login()
        model = self.client.get_model
        self.partners = model("res.partner").search(
            domain=[("customer_rank", ">", 0), ("email", "!=", False)], limit=50
        )
        self.orders = model("sale.order").search(domain=[("state", "in", ["draft", "sent"])])
        self.invoices = model("account.move").search(
            domain=[("move_type", "=", "out_invoice"), ("state", "=", "posted")], limit=20
        )
        self.template = model("mail.template").search(
            domain=[("model", "=", "sale.order"), ("report_template_ids", "!=", False)], limit=1
        )

    def web_login(self):
        """A web session and its CSRF token, as the web client's login gives them."""
        self.web = requests.Session()
        answer = self.web.post(
            f"{self.base_url}/web/session/authenticate",
            json={"params": {"db": DATABASE, "login": self.login, "password": PASSWORD}},
            timeout=60,
        ).json()
        assert "error" not in answer, answer
        page = self.web.get(f"{self.base_url}/odoo", timeout=60).text
        self.csrf = re.search(r'csrf_token: "([^"]+)"', page).group(1)

    def download_pdf(self, method, url, **kwargs):
        """A print as the browser gets it: a PDF, never a redirect (to the login page, when
        the server lost its database and logged the session out: the user logs in again)."""
        response = self.web.request(method, url, allow_redirects=False, timeout=300, **kwargs)
        response.raise_for_status()
        # The report route says application/pdf, the invoice download route "pdf".
        if response.status_code != 200 or "pdf" not in response.headers.get("Content-Type", ""):
            if response.is_redirect:
                with contextlib.suppress(Exception):  # else the next print tries again
                    self.web_login()
            raise ValueError(
                f"No PDF: {response.status_code} {response.headers.get('Content-Type')}"
            )
        return response

    def credentials(self):
        number = next(_users)
        return f"load_user_{number % len(API_KEYS)}", API_KEYS[number % len(API_KEYS)], number


class SalesUser(OdooSession):
    wait_time = constant_pacing(PACING)

    # Reading ----------------------------------------------------------------------------

    @task(4)
    def open_contact(self):
        fields = {"name": {}, "email": {}}
        if MODULE:
            fields.update(
                {
                    "interaction_count": {},
                    "interaction_cost": {},
                    "last_interaction_date": {},
                    "interaction_counted_entry_ids": {
                        "fields": {"title": {}, "date": {}, "state": {}},
                        "limit": 40,
                    },
                }
            )
        self.client.get_model("res.partner").web_read(
            ids=[self.random.choice(self.partners)], specification=fields, context=self.context
        )

    @tag("single_user")
    @task(2)
    def interactions_list(self):
        if MODULE:
            self.client.get_model("interaction.log.entry").web_search_read(
                domain=[("postponed", "=", False), ("canceled", "=", False)],
                specification={"description_shown": {}, "date": {}, "partner_id": {}, "state": {}},
                limit=80,
                # As the web client's list asks: count up to 10,001, not every entry (without
                # it, one user's list took 180 ms over JSON-2 at a million entries, counting
                # 950,000 rows, against 15 ms in make bench's row 4a).
                count_limit=10001,
                context=self.context,
            )

    @tag("single_user")
    @task(1)
    def analysis_pivot(self):
        if MODULE:
            self.client.get_model("interaction.log.entry").formatted_read_group(
                domain=[("postponed", "=", False), ("canceled", "=", False)],
                groupby=["template_id", "date:month"],
                aggregates=["__count", "cost:sum"],
                context=self.context,
            )

    # Logging ----------------------------------------------------------------------------

    @task(2)
    def print_quotation(self):
        order = self.random.choice(self.orders)
        url = f"/report/pdf/sale.report_saleorder/{order}"
        response, error = timed(
            "/report/download (quotation)",
            lambda: self.download_pdf(
                "POST",
                f"{self.base_url}/report/download",
                data={
                    "data": json.dumps([url, "qweb-pdf"]),
                    "context": json.dumps({"lang": "en_US"}),
                    "token": "load",
                    "csrf_token": self.csrf,
                },
                headers={"Sec-Fetch-Site": "same-origin"},
            ),
        )
        journal("print", error is None, model="sale.order", res_id=order)

    @task(1)
    def print_invoice(self):
        invoice = self.random.choice(self.invoices)
        _response, error = timed(
            "/account/download_invoice_documents (invoice)",
            lambda: self.download_pdf(
                "GET",
                f"{self.base_url}/account/download_invoice_documents/{invoice}/pdf",
                headers={"Sec-Fetch-Site": "same-origin"},
            ),
        )
        journal("print", error is None, model="account.move", res_id=invoice)

    @task(1)
    def send_quotation(self):
        order = self.random.choice(self.orders)
        composer = self.client.get_model("mail.compose.message")
        try:
            wizard = composer.create(
                vals_list=[
                    {
                        "model": "sale.order",
                        "res_ids": [order],
                        "template_id": self.template[0],
                        "composition_mode": "comment",
                    }
                ],
                context=self.context,
            )
            composer.action_send_mail(ids=wizard, context=self.context)
        except Exception:
            journal("send", False, model="sale.order", res_id=order)
            return
        journal("send", True, model="sale.order", res_id=order)

    @task(2)
    def chatter_email(self):
        order = self.random.choice(self.orders)
        partner = self.random.choice(self.partners)
        body = f"Load e-mail {uuid.uuid4()}"
        try:
            message = self.client.get_model("sale.order").message_post(
                ids=[order],
                body=body,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=[partner],
                context=self.context,
            )
        except Exception:
            journal("chatter", False, body=body)
            return
        journal("chatter", True, body=body, message=message[0] if message else None)

    @task(2)
    def log_call(self):
        # Drawn first, module or not: both runs' users then draw the same next actions.
        partner = self.random.choice(self.partners)
        if not MODULE:
            return
        description = f"Load call {uuid.uuid4()}"
        wizard_model = self.client.get_model("interaction.log.wizard")
        try:
            template = self.client.get_model("interaction.template").search(
                domain=[("code", "=", "PHONE_OUT")], limit=1, context=self.context
            )
            wizard = wizard_model.create(
                vals_list=[
                    {
                        "partner_ids": [(6, 0, [partner])],
                        "template_id": template[0],
                        "name": description,
                    }
                ],
                context=self.context,
            )
            wizard_model.action_log(ids=wizard, context=self.context)
        except Exception:
            journal("call", False, description=description)
            return
        journal("call", True, description=description)


class WarmUpUser(SalesUser):
    """Before each measured run, with the module and without it alike (setup/load.sh runs
    these alone, twice as many as the server has workers, all at once): each makes every kind
    of request once, so that every worker very likely serves each kind (prefork workers take
    requests from one socket: likely, not certain).

    Why: a worker's first request of a kind compiles its templates and fills its caches, and
    a copy of the data starts with cold PostgreSQL buffers. In session 8's runs, the first
    invoice prints of each run, on workers that had served nothing yet, were among the
    slowest prints of each side, and a p95 of 80 prints rested on them; a sales team's server
    has long been warm. The warm-ups' own times are reported apart (compare.py), with the
    module and without."""

    wait_time = constant(0)

    def credentials(self):
        login, key, number = super().credentials()
        return login, key, 1_000_000 + number  # their own draws: the run's are untouched

    def on_start(self):
        assert WARM_UP_USERS > 0, "LOAD_WARM_UP_USERS: how many WarmUpUser run"
        super().on_start()

    def every_action_once(self):
        actions = [
            self.open_contact,
            self.interactions_list,
            self.analysis_pivot,
            self.print_quotation,
            self.print_invoice,
            self.send_quotation,
            self.chatter_email,
            self.log_call,
        ]
        for action in actions:
            # Each action, whatever the one before did. A failed request is Locust's (and the
            # journal's); what raised besides is said here; either fails the warm-up.
            try:
                action()
            except Exception as error:
                print(f"Warm-up: {action.__name__} failed: {error!r}", file=sys.stderr)
                _warm_up_errors.append(action.__name__)
        _warm_up.append(self.login)
        runner = self.environment.runner
        if len(_warm_up) == WARM_UP_USERS and runner.state not in STOPPING:
            gevent.spawn(runner.quit)
        raise StopUser()


@events.quitting.add_listener
def warm_up_complete(environment, **_kwargs):
    """A warm-up whose users did not all finish (one failed to log in), or in which anything
    failed, fails: setup/load.sh stops there, on either side, rather than measure a run after
    a server that already failed."""
    if WarmUpUser not in (environment.user_classes or []):
        return
    failed_requests = environment.stats.total.num_failures
    if len(_warm_up) < WARM_UP_USERS or _warm_up_errors or failed_requests:
        # On standard error: Locust's log handlers are gone by the time it quits.
        print(
            f"The warm-up failed: {len(_warm_up)} of {WARM_UP_USERS} users done, "
            f"{failed_requests} failed requests, errors in {_warm_up_errors or 'none'}",
            file=sys.stderr,
        )
        environment.process_exit_code = 3


# Locust gives a subclass its base class's tasks as well as its own: this one only.
WarmUpUser.tasks = [WarmUpUser.every_action_once]


class SegmentUser(OdooSession):
    """Once in the whole run, SEGMENT_AFTER seconds in, one user logs a segment of
    SEGMENT_SIZE contacts while the scheduled purge runs (started at the same moment, on
    another worker)."""

    fixed_count = 1
    wait_time = between(3600, 3600)

    def credentials(self):
        return "admin", ADMIN_KEY, -1  # starting the scheduled purge is an administrator's

    @task
    def big_segment_while_the_purge_runs(self):
        if not MODULE or not SEGMENT_SIZE or _segment_started.is_set():
            return
        _segment_started.set()
        gevent.sleep(SEGMENT_AFTER)
        model = self.client.get_model
        name = f"Load segment {uuid.uuid4()}"
        purging = None
        try:
            contacts = model("res.partner").search(
                domain=[("is_company", "=", False)], limit=SEGMENT_SIZE
            )
            letter = model("interaction.template").search(domain=[("code", "=", "LETTER")], limit=1)
            segment = model("interaction.segment").create(
                vals_list=[{"name": name, "template_id": letter[0]}]
            )
            criteria = model("interaction.segment.criteria.wizard")
            step = criteria.create(
                vals_list=[
                    {
                        "segment_id": segment[0],
                        "action": "add",
                        "domain": repr([("id", "in", contacts)]),
                    }
                ]
            )
            criteria.action_apply(ids=step)
            purge = model("ir.cron").search(
                domain=[("cron_name", "ilike", "Purge cancelled interactions")], limit=1
            )
            purging = gevent.spawn(model("ir.cron").method_direct_trigger, ids=purge)
            # What the segment really holds: criteria never take the companies' own
            # partners nor internal users.
            lines = model("interaction.segment.line").search_count(
                domain=[("segment_id", "=", segment[0])]
            )
            model("interaction.segment").action_log(ids=segment)
        except Exception as error:  # journaled; the run goes on
            journal("segment", False, name=name, error=str(error)[:300])
            return
        finally:
            # The purge is no part of the segment: its outcome is its own.
            if purging is not None:
                purging.join(timeout=600)
                journal(
                    "purge",
                    purging.successful(),
                    error=str(purging.exception)[:300] if purging.exception else None,
                )
        journal("segment", True, name=name, contacts=lines)
