"""The load report: per request, p50 and p95 with interaction_log and without it (same
database, the module uninstalled), their ratio, the throughput, the fault run's failures and
the machine's load average, as a Markdown table for BENCHMARKS.md.

Usage: compare.py --results bench/results --users 20 --duration 5m --workers 4
                  [--single-user bench/results/bench_for_load.md BENCHMARKS.md]"""

import argparse
import csv
import re
import statistics
from pathlib import Path

# The module's own reads have no "without": their targets are 3 times their single-user
# figures, measured by make load itself (one user, same route) and shown next to make
# bench's in-process rows 4a and 4b.
SINGLE_USER_ROWS = {
    "interaction.log.entry/web_search_read": "4a.",
    "interaction.log.entry/formatted_read_group": "4b.",
}
LOGGING = ("report/download", "download_invoice_documents", "mail.compose.message", "message_post")


def stats(path):
    rows = {}
    if not path.exists():
        return rows
    with path.open() as file:
        for row in csv.DictReader(file):
            rows[row["Name"]] = row
    return rows


def single_user_ms(paths):
    """Rows 4a and 4b of the first benchmark table found (the one make load made on this
    machine first, BENCHMARKS.md's 1M table next): {request name: (ms, where)}."""
    figures = {}
    for path in paths:
        path = Path(path)
        if not path.exists():
            continue
        text = path.read_text()
        text = text.split("## 10,000,000 entries")[0]  # the 1M table of BENCHMARKS.md
        for name, row in SINGLE_USER_ROWS.items():
            match = re.search(rf"^\| {re.escape(row)}[^|]*\| ([\d.]+) ms \|", text, re.M)
            if match and name not in figures:
                figures[name] = (float(match.group(1)), path.name)
    return figures


def load_average(path):
    if not path.exists():
        return None
    values = [float(line.split()[1]) for line in path.read_text().splitlines() if line]
    if not values:
        return None
    return f"{min(values):.1f}–{max(values):.1f} (mean {statistics.mean(values):.1f})"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--results", required=True)
    parser.add_argument("--users", required=True)
    parser.add_argument("--duration", required=True)
    parser.add_argument("--workers", default="4")
    parser.add_argument("--pacing", default="10")
    parser.add_argument(
        "--single-user",
        nargs="*",
        help="benchmark tables holding rows 4a and 4b, the first found wins",
    )
    args = parser.parse_args()
    results = Path(args.results)
    repo = Path(__file__).resolve().parents[2]
    single_user = single_user_ms(
        args.single_user or [results / "bench_for_load.md", repo / "BENCHMARKS.md"]
    )
    with_module = stats(results / "with_stats.csv")
    without = stats(results / "without_stats.csv")
    faults = stats(results / "faults_stats.csv")
    single_run = {
        name: row
        for name, row in stats(results / "single_stats.csv").items()
        if name in SINGLE_USER_ROWS
    }
    print(
        f"Locust, {args.users} users for {args.duration}, each starting an action every "
        f"{args.pacing} s, {args.workers} workers; "
        "p50/p95 in ms.\n"
    )
    print(
        "| request | with p50 | with p95 | without p50 | without p95 | p95 ratio | target | result |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, row in sorted(with_module.items()):
        if name == "Aggregated":
            continue
        p50, p95 = float(row["50%"]), float(row["95%"])
        base = without.get(name)
        if base and float(base["95%"]):
            ratio = p95 / float(base["95%"])
            logging = any(part in name for part in LOGGING)
            target = "≤ 1.10×" if logging else "–"
            result = ("pass" if ratio <= 1.10 else "FAIL") if logging else ""
            print(
                f"| {name} | {p50:.0f} | {p95:.0f} | {float(base['50%']):.0f} | "
                f"{float(base['95%']):.0f} | {ratio:.2f}× | {target} | {result} |"
            )
        elif name in single_user or name in single_run:
            # The target: 3 times the same request's median with one user, measured by this
            # run over the same route (single_stats.csv); make bench's in-process figure, with
            # no HTTP, authentication or JSON, is shown beside it.
            parts, passed = [], None
            if name in single_run:
                figure = float(single_run[name]["50%"])
                limit = figure * 3
                passed = p95 < limit
                parts.append(f"< {limit:.0f} ms (3 × {figure:.0f} ms, one user, this run)")
            if name in single_user:
                figure, source = single_user[name]
                within = "within" if p95 < figure * 3 else "over"
                parts.append(f"{within} 3 × {figure:.0f} ms in process ({source})")
                if passed is None:
                    passed = p95 < figure * 3
            print(
                f"| {name} | {p50:.0f} | {p95:.0f} | – | – | – | {'; '.join(parts)} | "
                f"{'pass' if passed else 'FAIL'} |"
            )
        else:
            print(f"| {name} | {p50:.0f} | {p95:.0f} | – | – | – | – | |")
    total_with = with_module.get("Aggregated", {})
    total_without = without.get("Aggregated", {})
    if total_with and total_without:
        ratio = float(total_with["Requests/s"]) / float(total_without["Requests/s"])
        # Without the module, its own requests (list, pivot, logged call) are not made: the
        # users wait for their next action instead. The requests both runs make are asked at
        # the same pace (locustfile.py) and compare like with like.
        common = [name for name in with_module if name in without and name != "Aggregated"]
        common_with = sum(float(with_module[name]["Requests/s"]) for name in common)
        common_without = sum(float(without[name]["Requests/s"]) for name in common)
        common_ratio = common_with / common_without if common_without else 0
        print(
            f"\nThroughput: {float(total_with['Requests/s']):.2f} requests/s with the module, "
            f"{float(total_without['Requests/s']):.2f} without: {ratio:.2f}×; of the requests "
            f"both runs make, {common_with:.2f} and {common_without:.2f}: {common_ratio:.2f}× "
            f"(target ≥ 0.9×: {'pass' if common_ratio >= 0.9 else 'FAIL'})."
        )
        print(
            f"Failed requests without faults: {total_with['Failure Count']} of "
            f"{total_with['Request Count']} with the module, {total_without['Failure Count']} "
            f"of {total_without['Request Count']} without (target 0)."
        )
    if faults.get("Aggregated"):
        print(
            f"With faults (a worker killed, PostgreSQL restarted): "
            f"{faults['Aggregated']['Failure Count']} of {faults['Aggregated']['Request Count']} "
            f"requests failed, {float(faults['Aggregated']['Requests/s']):.2f} requests/s."
        )
    averages = [
        f"{label} {average}"
        for label in ("with", "without", "faults")
        if (average := load_average(results / f"{label}.loadavg"))
    ]
    if averages:
        print(f"Load average of the machine during the runs: {'; '.join(averages)}.")
    for label in ("with", "faults"):
        check = results / f"{label}.check.md"
        if check.exists():
            print(f"\nChecker after the '{label}' run:\n\n{check.read_text()}")


if __name__ == "__main__":
    main()
