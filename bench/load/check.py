"""After a load run: every logging action the clients saw succeed has exactly one entry,
every failed one has none, and the server log holds no deadlock, no serialization failure
that reached a user, and no traceback; with faults, which failed requests ended outside the
faults' windows (an entry of a request failed there may exist: the fault may have cut
the answer after the commit). Exits non-zero when anything is lost or doubled, on a
deadlock, and without faults (--strict-log) on any failed request or traceback.

Usage: check.py --journal FILE --dsn DSN --since EPOCH [--server-log FILE] [--faults FILE]"""

import argparse
import collections
import json
import re
import sys
from pathlib import Path

import psycopg2

# A request that met the fault can end after it: a print started before PostgreSQL
# restarted fails when its render comes back, seconds later.
FAULT_GRACE_SECONDS = 30


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--journal", required=True)
    parser.add_argument("--dsn", required=True)
    parser.add_argument(
        "--since", type=float, required=True, help="start of the run, its warm-up included (epoch)"
    )
    parser.add_argument(
        "--run-start",
        type=float,
        help="end of the warm-up (epoch): the times shown count from it, as Locust's do",
    )
    parser.add_argument("--server-log")
    parser.add_argument("--faults", help="the fault windows: lines 'start end what'")
    parser.add_argument(
        "--strict-log", action="store_true", help="without faults: any traceback fails the run"
    )
    return parser.parse_args()


def main():
    args = parse_args()
    actions = [json.loads(line) for line in Path(args.journal).read_text().splitlines() if line]
    shown_from = args.run_start or args.since  # a negative time: in the warm-up
    connection = psycopg2.connect(args.dsn)
    cursor = connection.cursor()
    since = "to_timestamp(%s) AT TIME ZONE 'UTC'"
    rows = collections.Counter()  # (action, outcome) -> count
    lost = doubled = cut = 0
    wrong = []  # what was lost or doubled, for the reader
    windows = []  # the faults' windows (start, end + grace), with what each was
    for line in Path(args.faults).read_text().splitlines() if args.faults else []:
        start, end, what = line.split()
        windows.append((float(start), float(end) + FAULT_GRACE_SECONDS, float(end), what))

    def in_fault(item):
        """A request that failed in a fault's window may have committed before the fault
        cut its answer (a worker killed between the commit and the response): the client
        cannot know, and no server can tell it."""
        return any(start <= item["at"] <= end for start, end, _end, _what in windows)

    def count(sql, params):
        cursor.execute(sql, params)
        return cursor.fetchone()[0]

    # Prints and sends: per document, the entries made during the run equal the successes
    # (a failed print that logged anyway would show as one too many).
    for action, kind in (("print", "paper"), ("send", "email")):
        per_document = collections.Counter()
        uncertain = collections.Counter()  # failures in a fault's window, per document
        for item in actions:
            if item["action"] == action:
                key = (item["model"], item["res_id"])
                per_document.setdefault(key, 0)
                per_document[key] += item["ok"]
                uncertain[key] += not item["ok"] and in_fault(item)
                rows[action, "ok" if item["ok"] else "failed"] += 1
        for (model, res_id), expected in per_document.items():
            found = count(
                f"""SELECT count(*) FROM interaction_log_entry
                     WHERE res_model = %s AND res_id = %s AND document_type IS NOT NULL
                       AND correspondence_type = %s AND create_date >= {since}""",
                (model, res_id, kind, args.since),
            )
            lost += max(expected - found, 0)
            extra = max(found - expected, 0)
            answer_cut = min(extra, uncertain[model, res_id])
            cut += answer_cut
            doubled += extra - answer_cut
            if found != expected and extra != answer_cut:
                wrong.append(f"{action} of {model} {res_id}: {expected} expected, {found} found")
    for item in actions:
        if item["action"] == "chatter":
            rows["chatter", "ok" if item["ok"] else "failed"] += 1
            found = count(
                """SELECT count(*) FROM interaction_log_entry entry
                     JOIN mail_message message ON message.message_id = entry.message_id
                    WHERE message.body::text LIKE %s""",
                (f"%{item['body']}%",),
            )
            expected = 1 if item["ok"] else 0
        elif item["action"] == "call":
            rows["call", "ok" if item["ok"] else "failed"] += 1
            found = count(
                "SELECT count(*) FROM interaction_log_entry WHERE name = %s",
                (item["description"],),
            )
            expected = 1 if item["ok"] else 0
        elif item["action"] == "segment":
            rows["segment", "ok" if item["ok"] else "failed"] += 1
            found = count(
                """SELECT count(*) FROM interaction_log_entry entry
                     JOIN interaction_logged_segment logged
                       ON logged.id = entry.logged_segment_id
                    WHERE logged.name = %s""",
                (item["name"],),
            )
            expected = item.get("contacts", 0) if item["ok"] else 0
        elif item["action"] == "purge":
            rows["purge", "ok" if item["ok"] else "failed"] += 1
            continue
        else:
            continue
        if found == 1 and expected == 0 and in_fault(item):
            cut += 1
            continue
        lost += max(expected - found, 0)
        doubled += max(found - expected, 0)
        if found != expected:
            wrong.append(
                f"{item['action']} at {item['at'] - shown_from:.0f} s "
                f"({'ok' if item['ok'] else 'failed'}): {expected} expected, {found} found"
            )

    problems = collections.Counter()
    if args.server_log:
        patterns = {
            "deadlock": re.compile(r"deadlock detected", re.I),
            "serialization failure reaching a user": re.compile(
                r"could not serialize access.*(?:raised|Traceback)|"
                r"Maximum number of serialization retries",
                re.I,
            ),
            "traceback": re.compile(r"^Traceback \(most recent call last\)", re.M),
            # The module's own word that something was not logged or not followed (its
            # _log_safely): lost entries show in the counts above, a delivery not followed in
            # the disagreements below; this says why.
            "interaction not logged": re.compile(r"Interaction log: .* was not logged"),
        }
        text = Path(args.server_log).read_text(errors="replace")
        for name, pattern in patterns.items():
            problems[name] = len(pattern.findall(text))
        # Odoo 19 says neither: after its retries, a request's own record ends with the error.
        problems["serialization failure reaching a user"] += sum(
            1
            for block in re.split(r"^(?=\d{4}-\d\d-\d\d )", text, flags=re.M)
            if "Exception during request handling" in block
            and re.search(r"SerializationFailure|could not serialize access", block)
        )
        # Where each traceback comes from: the log record it belongs to (logger and message).
        origins = collections.Counter(
            match.group(1)
            for match in re.finditer(
                r"^\S+ \S+ \d+ \w+ \S+ ([\w.]+: [^\n]{0,80})\n(?:(?!\d{4}-\d\d-\d\d )[^\n]*\n)*?"
                r"Traceback \(most recent call last\)",
                text,
                re.M,
            )
        )

    print("| action | succeeded | failed |")
    print("| --- | --- | --- |")
    for action in ("print", "send", "chatter", "call", "segment", "purge"):
        print(f"| {action} | {rows[action, 'ok']} | {rows[action, 'failed']} |")
    if rows["purge", "ok"]:
        # The run's purge keeps 30 days (setup/load.sh): what it leaves past them.
        left = count(
            """SELECT count(*) FROM interaction_log_entry
                WHERE canceled AND date < to_timestamp(%s) - interval '30 days'""",
            (args.since,),
        )
        print(f"\nCancelled entries older than 30 days after the purge: {left}")
    # What became of the run's e-mails (the run's SMTP server accepts every one): the
    # entries' delivery status follows Odoo's notifications.
    cursor.execute(
        f"""SELECT notification.notification_status, count(*)
              FROM mail_notification notification
              JOIN mail_message message ON message.id = notification.mail_message_id
             WHERE notification.notification_type = 'email' AND message.create_date >= {since}
             GROUP BY 1 ORDER BY 1""",
        (args.since,),
    )
    emails = ", ".join(f"{number} {status}" for status, number in cursor.fetchall())
    print(f"\nE-mails of the run (Odoo's notifications): {emails or 'none'}")
    # Each e-mail entry of the run says what its notification says: sent, failed or bounced
    # (the module follows a send once it ends; a worker killed or a database restarted
    # during the send takes both back together).
    disagree = count(
        f"""SELECT count(*)
              FROM interaction_log_entry entry
              JOIN mail_message message ON message.message_id = entry.message_id
              JOIN mail_notification notification
                ON notification.mail_message_id = message.id
               AND notification.res_partner_id = entry.partner_id
               AND notification.notification_type = 'email'
             WHERE entry.information_flow = 'outbound' AND message.create_date >= {since}
               AND (notification.notification_status = 'sent'
                        AND (entry.delivery_status NOT IN ('sent', 'delivered')
                             OR entry.attempt_failed)
                    OR notification.notification_status = 'exception'
                        AND entry.delivery_status <> 'failed'
                    OR notification.notification_status = 'bounce'
                        AND entry.delivery_status <> 'bounced')""",
        (args.since,),
    )
    print(f"E-mail entries whose delivery status disagrees with their notification: {disagree}")
    print(f"\nChecker: {lost} lost, {doubled} duplicated entries")
    if windows:
        print(
            f"Entries of requests that failed in a fault's window, committed before the fault "
            f"cut their answer: {cut} (allowed: only what succeeded must hold)"
        )
    for line in wrong[:20]:
        print(f"- {line}")
    for name, number in problems.items():
        print(f"Server log: {number} × {name}")
    if args.server_log:
        # Odoo runs a request that met one again (up to 5 times): a cost, not a failure.
        blocks = re.split(r"^(?=\d{4}-\d\d-\d\d )", text, flags=re.M)
        statement = re.compile(r"(?:INSERT INTO|UPDATE|DELETE FROM) \\?\"?(\w+)")
        conflicts = collections.Counter(
            # The trigger's statement when there is one (CONTEXT), else the query's.
            (statement.findall(block) or ["?"])[-1]
            for block in blocks
            if "could not serialize access" in block
        )
        for table, number in conflicts.items():
            print(f"- serialization failure on {table}: {number} (each request ran again)")
    for origin, number in (origins if args.server_log else {}).items():
        print(f"- traceback {number} × after: {origin.strip()}")
    failures = [item for item in actions if item["action"] == "request" and not item["ok"]]
    outside = failures
    if args.faults:
        for start, _end, end, what in windows:
            print(f"Fault: {what} from {start - shown_from:.0f} s to {end - shown_from:.0f} s")
        outside = [item for item in failures if not in_fault(item)]
        print(
            f"Failed requests: {len(failures)}, of which {len(outside)} outside the fault "
            f"windows (each window + {FAULT_GRACE_SECONDS} s)"
        )
    else:
        print(f"Failed requests: {len(failures)}")
    for item in outside[:10]:
        print(f"- at {item['at'] - shown_from:.0f} s: {item['name']}: {item['error']}")
    failed = (
        lost
        or doubled
        or disagree
        or problems["deadlock"]
        or problems["serialization failure reaching a user"]
    )
    if args.strict_log:
        failed = failed or failures or problems["traceback"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
