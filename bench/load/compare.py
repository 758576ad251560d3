"""The load report: per request, p50 and p95 with interaction_log and without it (same
database, the module uninstalled), their ratio, the throughput, and the fault run's
failures, as a Markdown table for BENCHMARKS.md.

Usage: compare.py --results bench/results --users 20 --duration 5m"""

import argparse
import csv
from pathlib import Path

# The module's own reads have no "without": their targets are the single-user benchmark's
# figures (BENCHMARKS.md: list 36 ms, pivot 950 ms) times 3.
SINGLE_USER_MS = {
    "interaction.log.entry/web_search_read": 36,
    "interaction.log.entry/formatted_read_group": 950,
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


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--results", required=True)
    parser.add_argument("--users", required=True)
    parser.add_argument("--duration", required=True)
    args = parser.parse_args()
    results = Path(args.results)
    with_module = stats(results / "with_stats.csv")
    without = stats(results / "without_stats.csv")
    faults = stats(results / "faults_stats.csv")
    print(f"Locust, {args.users} users for {args.duration}, 4 workers; p50/p95 in ms.\n")
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
        elif name in SINGLE_USER_MS:
            limit = SINGLE_USER_MS[name] * 3
            print(
                f"| {name} | {p50:.0f} | {p95:.0f} | – | – | – | < {limit} ms | "
                f"{'pass' if p95 < limit else 'FAIL'} |"
            )
        else:
            print(f"| {name} | {p50:.0f} | {p95:.0f} | – | – | – | – | |")
    total_with = with_module.get("Aggregated", {})
    total_without = without.get("Aggregated", {})
    if total_with and total_without:
        ratio = float(total_with["Requests/s"]) / float(total_without["Requests/s"])
        print(
            f"\nThroughput: {float(total_with['Requests/s']):.2f} requests/s with the module, "
            f"{float(total_without['Requests/s']):.2f} without: {ratio:.2f}× "
            f"(target ≥ 0.9×: {'pass' if ratio >= 0.9 else 'FAIL'})."
        )
        print(
            f"Failed requests without faults: {total_with['Failure Count']} with the module, "
            f"{total_without['Failure Count']} without (target 0)."
        )
    if faults.get("Aggregated"):
        print(
            f"With faults (a worker killed, PostgreSQL restarted): "
            f"{faults['Aggregated']['Failure Count']} of {faults['Aggregated']['Request Count']} "
            f"requests failed."
        )
    for label in ("with", "faults"):
        check = results / f"{label}.check.md"
        if check.exists():
            print(f"\nChecker after the '{label}' run:\n\n{check.read_text()}")


if __name__ == "__main__":
    main()
