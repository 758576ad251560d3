"""The load report: per request, p50 and p95 with interaction_log and without it (same
database, the module uninstalled), their ratio, the throughput, the fault run's failures and
the machine's load average, as a Markdown table for BENCHMARKS.md.

The figures come from every request's own time (the runs' *.samples.csv, written by
locustfile.py): the rounds of each side are pooled (setup/load.sh --rounds), and each p95
ratio comes with a bootstrap interval, which says how far the few slowest samples a p95 rests
on could move it.

Usage: compare.py --results bench/results --users 20 --duration 5m --workers 4
                  [--single-user bench/results/bench_for_load.md BENCHMARKS.md]"""

import argparse
import csv
import math
import random
import re
import statistics
from collections import defaultdict
from pathlib import Path

# The module's own reads have no "without": their targets are 3 times their single-user
# figures, measured by make load itself (one user, same route) and shown next to make
# bench's in-process rows 4a and 4b.
SINGLE_USER_ROWS = {
    "interaction.log.entry/web_search_read": "4a.",
    "interaction.log.entry/formatted_read_group": "4b.",
}
LOGGING = ("report/download", "download_invoice_documents", "mail.compose.message", "message_post")
BOOTSTRAP_RESAMPLES = 2000


def percentile(values, fraction):
    """The nearest-rank percentile: a value that was measured, as Locust reports."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def ratio_interval(with_values, without_values, fraction=0.95):
    """A 90 % bootstrap interval of p95(with) / p95(without), seeded: the same samples give
    the same interval."""
    rng = random.Random(0)
    ratios = sorted(
        percentile(rng.choices(with_values, k=len(with_values)), fraction)
        / max(percentile(rng.choices(without_values, k=len(without_values)), fraction), 1)
        for _ in range(BOOTSTRAP_RESAMPLES)
    )
    return percentile(ratios, 0.05), percentile(ratios, 0.95)


def read_samples(paths):
    """{request name: [(ms, ok)]} of the given runs' samples files."""
    samples = defaultdict(list)
    for path in paths:
        with path.open() as file:
            for name, ms, ok, _at in csv.reader(file):
                samples[name].append((float(ms), ok == "1"))
    return samples


def seconds(duration):
    return int(duration[:-1]) * {"s": 1, "m": 60, "h": 3600}[duration[-1]]


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


def machine_usage(paths):
    """The load average's and the processors' busy share's range over the runs' samples (one
    every 10 seconds, setup/load.sh)."""
    lines = [line.split() for path in paths for line in path.read_text().splitlines() if line]
    if not lines:
        return None
    loads = [float(line[1]) for line in lines]
    usage = f"load average {min(loads):.1f}–{max(loads):.1f} (mean {statistics.mean(loads):.1f})"
    busy = [float(line[2]) for line in lines if len(line) > 2]
    if busy:
        usage += f", processors busy {min(busy):.0f}–{max(busy):.0f} % (mean {statistics.mean(busy):.0f} %)"
    return usage


def measured(results, side):
    """The samples files of one side's measured runs (not their warm-ups)."""
    return [
        path
        for path in sorted(results.glob(f"{side}_[0-9]*.samples.csv"))
        if not path.name.endswith(".warm_up.samples.csv")
    ]


def print_warm_up(results):
    """The warm-ups' requests (setup/load.sh, locustfile.py's WarmUpUser), kept out of the
    table: what a worker's first requests cost."""
    with_module = read_samples(sorted(results.glob("with_[0-9]*.warm_up.samples.csv")))
    without = read_samples(sorted(results.glob("without_[0-9]*.warm_up.samples.csv")))
    if not with_module:
        return
    print(
        "\nThe warm-ups before the runs above, kept out of their figures: twice as many users "
        "as workers, all at once, each making every kind of request once (each worker's first "
        "requests, very likely). With the "
        "module, the same users also read the list and the pivot and log a call, which "
        "without it they do not. p50 and the slowest, in ms; n: how many.\n"
    )
    print("| request | n | with p50 | with slowest | without p50 | without slowest | p50 ratio |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name in sorted(with_module):
        values, base = times(with_module[name]), times(without.get(name, []))
        figures = f"{percentile(values, 0.5):.0f} | {max(values):.0f}"
        if base:
            ratio = percentile(values, 0.5) / max(percentile(base, 0.5), 1)
            figures += f" | {percentile(base, 0.5):.0f} | {max(base):.0f} | {ratio:.2f}×"
        else:
            figures += " | – | – | –"
        print(f"| {name} | {len(values)} / {len(base)} | {figures} |")
    print(
        f"\nFailed requests in the warm-ups: {failures(with_module)} with the module, "
        f"{failures(without)} without."
    )


def times(rows):
    return [ms for ms, _ok in rows]


def failures(samples):
    return sum(not ok for rows in samples.values() for _ms, ok in rows)


def total(samples):
    return sum(len(rows) for rows in samples.values())


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
    bench_figures = single_user_ms(
        args.single_user or [results / "bench_for_load.md", repo / "BENCHMARKS.md"]
    )
    runs_with = measured(results, "with")
    runs_without = measured(results, "without")
    with_module = read_samples(runs_with)
    without = read_samples(runs_without)
    faults = (
        read_samples([results / "faults.samples.csv"])
        if (results / "faults.samples.csv").exists()
        else {}
    )
    single = (
        read_samples([results / "single.samples.csv"])
        if (results / "single.samples.csv").exists()
        else {}
    )
    print(
        f"Locust, {args.users} users, {len(runs_with)} run(s) of {args.duration} with the module "
        f"and {len(runs_without)} without, in turn, each from its own copy of the data; each "
        f"user starts an action every {args.pacing} s; {args.workers} workers. p50/p95 in ms "
        "over the runs' pooled requests (n: how many); the p95 ratio's 90 % bootstrap interval "
        "in brackets.\n"
    )
    print(
        "| request | n | with p50 | with p95 | without p50 | without p95 | p95 ratio | "
        "target | result |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name in sorted(with_module):
        values = times(with_module[name])
        p50, p95 = percentile(values, 0.5), percentile(values, 0.95)
        base = times(without.get(name, []))
        if base:
            ratio = p95 / max(percentile(base, 0.95), 1)
            low, high = ratio_interval(values, base)
            logging = any(part in name for part in LOGGING)
            target = "≤ 1.10×" if logging else "–"
            result = ("pass" if ratio <= 1.10 else "FAIL") if logging else ""
            print(
                f"| {name} | {len(values)} / {len(base)} | {p50:.0f} | {p95:.0f} | "
                f"{percentile(base, 0.5):.0f} | {percentile(base, 0.95):.0f} | "
                f"{ratio:.2f}× [{low:.2f}–{high:.2f}] | {target} | {result} |"
            )
        elif name in SINGLE_USER_ROWS and (name in single or name in bench_figures):
            # The target: 3 times the same request's median with one user, measured by this
            # run over the same route (single.samples.csv); make bench's in-process figure,
            # with no HTTP, authentication or JSON, is shown beside it.
            parts, passed = [], None
            if name in single:
                figure = statistics.median(times(single[name]))
                passed = p95 < figure * 3
                parts.append(f"< {figure * 3:.0f} ms (3 × {figure:.0f} ms, one user, this run)")
            if name in bench_figures:
                figure, source = bench_figures[name]
                within = "within" if p95 < figure * 3 else "over"
                parts.append(f"{within} 3 × {figure:.0f} ms in process ({source})")
                if passed is None:
                    passed = p95 < figure * 3
            print(
                f"| {name} | {len(values)} | {p50:.0f} | {p95:.0f} | – | – | – | "
                f"{'; '.join(parts)} | {'pass' if passed else 'FAIL'} |"
            )
        else:
            print(f"| {name} | {len(values)} | {p50:.0f} | {p95:.0f} | – | – | – | – | |")
    if with_module and without:
        with_seconds = seconds(args.duration) * len(runs_with)
        without_seconds = seconds(args.duration) * len(runs_without)
        # Without the module, its own requests (list, pivot, logged call) are not made: the
        # users wait for their next action instead. The requests both runs make are asked at
        # the same pace (locustfile.py) and compare like with like.
        common = [name for name in with_module if name in without]
        common_with = sum(len(with_module[name]) for name in common) / with_seconds
        common_without = sum(len(without[name]) for name in common) / without_seconds
        common_ratio = common_with / common_without if common_without else 0
        print(
            f"\nThroughput: {total(with_module) / with_seconds:.2f} requests/s with the module, "
            f"{total(without) / without_seconds:.2f} without; of the requests both runs make, "
            f"{common_with:.2f} and {common_without:.2f}: {common_ratio:.2f}× "
            f"(target ≥ 0.9×: {'pass' if common_ratio >= 0.9 else 'FAIL'})."
        )
        print(
            f"Failed requests without faults: {failures(with_module)} of {total(with_module)} "
            f"with the module, {failures(without)} of {total(without)} without (target 0)."
        )
    if faults:
        print(
            f"With faults (a worker killed, PostgreSQL restarted): {failures(faults)} of "
            f"{total(faults)} requests failed, "
            f"{total(faults) / seconds(args.duration):.2f} requests/s."
        )
    print_warm_up(results)
    usages = [
        f"{label}: {usage}"
        for label, pattern in (("with", "with_*"), ("without", "without_*"), ("faults", "faults"))
        if (usage := machine_usage(sorted(results.glob(f"{pattern}.loadavg"))))
    ]
    if usages:
        print(f"The machine during the runs (2 processors), {'; '.join(usages)}.")
    for check in sorted(results.glob("with_*.check.md")) + sorted(results.glob("faults.check.md")):
        print(f"\nChecker after the '{check.name.removesuffix('.check.md')}' run:\n")
        print(check.read_text())


if __name__ == "__main__":
    main()
