"""Benchmark report: runs every benchmark script several times and writes docs/benchmarks.md.

    python benchmarks/report.py            # full size, 3 runs of each script (~15 minutes)
    python benchmarks/report.py --quick    # small store, 1 run each (~3 minutes; CI runs this)

Each figure is the median over the runs, beside a baseline measured in the same run and their
ratio: ingest vs plain `pandas.read_csv`; pair callback vs the command line's path; page load in
headless Chromium vs a one-chart Dash app served the same way; server memory vs the same process
before loading data; load-test throughput and latency vs a static asset from the same gunicorn.
Scripts are run as a user would run them, and their figures read from what they print; a figure
that is no longer printed stops the report (so the scripts cannot rot silently). No figure is
ever asserted in a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

OUT = REPO / "docs" / "benchmarks.md"
NUM = r"([0-9][0-9,]*\.?[0-9]*)"


@dataclass(frozen=True)
class Figure:
    """A figure read from a script's output: its name, unit, and the pattern that finds it."""

    key: str
    label: str
    unit: str
    pattern: str


INGEST = [
    Figure("ingest_s", "ingest of a full-size release", "s", rf"ingest \(median of \d+\):\s+{NUM} s"),
    Figure("read_csv_s", "plain pandas.read_csv of the same files", "s", rf"plain pandas.read_csv, same files:\s+{NUM} s"),
    Figure("ingest_mb", "peak memory, ingest process", "MB", rf"peak memory, ingest process:\s+{NUM} MB"),
    Figure("read_csv_mb", "peak memory, read_csv process", "MB", rf"peak memory, read_csv process:\s+{NUM} MB"),
]
DASHBOARD = [
    Figure("callback_p50", "pair page callback, change of pair, p50", "ms", rf"change of pair .*?: p50 {NUM} ms"),
    Figure("callback_p95", "pair page callback, change of pair, p95", "ms", rf"change of pair .*?, p95 {NUM} ms"),
    Figure("cli_p50", "the command line's path for the same pairs, p50", "ms", rf"baseline, CLI path .*?: p50 {NUM} ms"),
    Figure("json_kb", "response JSON per update, p50", "KB", rf"response JSON per update: p50 {NUM} KB"),
    Figure("nav_cold_s", "Chromium: navigation to rendered chart, nothing cached", "s", rf"first \(nothing cached\) {NUM} s"),
    Figure("nav_s", "Chromium: navigation to rendered chart, median", "s", rf"then median {NUM} s"),
    Figure("change_ms", "Chromium: recipient change to updated chart, median", "ms", rf"recipient change to updated chart .*?: median {NUM} ms"),
    Figure("update_kb", "Chromium: bytes received per update, median", "KB", rf"bytes received per update: median {NUM} KB"),
    Figure("rss_mb", "server process with every release loaded", "MB", rf"releases loaded: {NUM} MB resident"),
    Figure("rss_before_mb", "the same process before loading a release", "MB", rf"before loading {NUM} MB"),
    Figure("rss_verify_mb", "the same process after every page was opened as it opens", "MB",
           rf"the diff of the previous release\): {NUM} MB resident"),
    Figure("rss_every_mb", "the same process after every page on every release", "MB",
           rf"diffed against the newest\): {NUM} MB resident"),
    Figure("base_nav_s", "one-chart app over the store: navigation, median", "s",
           rf"baseline \(one-chart Dash app over the same store, in this run\): navigation median {NUM} s"),
    Figure("base_change_ms", "one-chart app over the store: recipient change, median", "ms",
           rf"baseline \(one-chart .*?recipient change median {NUM} ms"),
    Figure("diff_bare_ms", "Chromium: diff page opened bare", "ms", rf"browser, diff page opened bare: median {NUM} ms"),
    Figure("diff_whole_ms", "Chromium: diff of two whole releases", "ms",
           rf"browser, diff of two whole releases \(summary by pair\): median {NUM} ms"),
    Figure("diff_pair_ms", "Chromium: diff of one pair", "ms", rf"browser, diff of one pair: median {NUM} ms"),
    Figure("search_bare_ms", "Chromium: search page opened bare", "ms", rf"browser, search page opened bare: median {NUM} ms"),
    Figure("search_drones_ms", "Chromium: drones through the search page's controls", "ms",
           rf"'drones' through the search page's own controls .*?: median {NUM} ms"),
    Figure("search_tb2_ms", "search callback TB2, server side", "ms", rf"search callback 'TB2' .*?: median {NUM} ms"),
]
BRIEF = [
    Figure("brief_html_s", "server, brief HTML of the largest 2024 pair", "s", rf"server, brief HTML \(median of \d+\): {NUM} s"),
    Figure("brief_pdf_s", "server, brief PDF of the largest 2024 pair", "s", rf"server, brief PDF \(median of \d+\): {NUM} s"),
    Figure("brief_empty_ms", "one empty figure in the same Chromium", "ms",
           rf"one empty figure drawn by kaleido in the same Chromium: {NUM} ms"),
    Figure("brief_cli_html_s", "command line, brief HTML", "s", rf"command line, brief HTML \(fresh process, median of \d+\): {NUM} s"),
    Figure("brief_cli_pdf_s", "command line, brief PDF", "s", rf"command line, brief PDF \(fresh process, median of \d+\): {NUM} s"),
    Figure("brief_cold_s", "Chromium start-up with one empty figure", "s",
           rf"Chromium start-up with one empty figure \(kaleido, one-shot\): {NUM} s"),
]
# Text kept from the existing docs/benchmarks.md after this line (written by hand: baselines, profiles).
KEPT_MARKER = "<!-- written by hand below: benchmarks/report.py keeps everything after this line -->"


def run_script(args: list[str], timeout_s: float) -> str:
    """A benchmark script's output; its failure stops the report with the script's own error."""
    done = subprocess.run([sys.executable, *args], cwd=REPO, capture_output=True, text=True, timeout=timeout_s)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
    return done.stdout


def read_figures(text: str, figures: list[Figure], script: str) -> dict[str, float]:
    out = {}
    for figure in figures:
        found = re.search(figure.pattern, text)
        if not found:
            raise SystemExit(f"{script} no longer prints '{figure.label}' (pattern {figure.pattern!r}); "
                             "update benchmarks/report.py with the script")
        out[figure.key] = float(found.group(1).replace(",", ""))
    return out


def medians(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


# ---- a baseline for page load: a one-chart Dash app, served and opened the same way --------------


def minimal_dash_navigation(runs: int) -> float:
    """Median seconds from navigation to a rendered bar chart for a Dash app with one graph."""
    import logging

    import dash
    from dash import dcc, html
    from playwright.sync_api import sync_playwright
    from werkzeug.serving import make_server

    from benchmarks.bench_load import CHROMIUM, CHROMIUM_ARGS

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    app = dash.Dash(__name__)
    app.layout = html.Div([dcc.Graph(id="g", figure={"data": [{"type": "bar", "x": [2021, 2022, 2023],
                                                                 "y": [1, 2, 3], "text": ["1", "2", "3"],
                                                                 "textposition": "outside"}]})])
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    times = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
            for attempt in range(runs + 1):
                t = time.perf_counter()
                page.goto(f"http://127.0.0.1:{server.server_port}/")
                page.wait_for_selector("#g .bartext", timeout=30_000)
                if attempt:  # the first load fills the browser's cache, as in bench_dashboard
                    times.append(time.perf_counter() - t)
            browser.close()
    finally:
        server.shutdown()
    return statistics.median(times)


# ---- the machine ---------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "unknown")
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal:"))
    import dash
    import pandas

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout
    load = os.getloadavg()
    return {
        "CPU": model, "cores": str(os.cpu_count()), "memory": f"{mem_kb / 1024 / 1024:.1f} GB",
        "system": f"{platform.system()} {platform.release()}", "Python": platform.python_version(),
        "pandas": pandas.__version__, "dash": dash.__version__, "commit": commit.strip() or "unknown",
        "load average at start (1, 5, 15 min)": ", ".join(f"{v:.1f}" for v in load),
    }


# ---- the report ----------------------------------------------------------------------------------


def fmt(value: float, unit: str) -> str:
    digits = 0 if unit in ("ms", "MB") or value >= 100 else (2 if unit == "s" else 1)
    return f"{value:,.{digits}f} {unit}"


def row(label: str, value: float, unit: str, base_label: str, base: float, base_unit: str | None = None) -> str:
    ratio = value / base if base else float("nan")
    return f"| {label} | {fmt(value, unit)} | {base_label} | {fmt(base, base_unit or unit)} | {ratio:.2f}x |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small store, one run of each script (CI)")
    parser.add_argument("--runs", type=int, help="runs of each script (default 3, or 1 with --quick)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    quick = args.quick
    runs = args.runs or (1 if quick else 3)
    deals = 3_000 if quick else 30_000
    users, seconds = (5, 8.0) if quick else (50, 60.0)
    started = time.perf_counter()
    info = machine()
    outputs: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        from benchmarks.bench_load import fullsize_store

        t = time.perf_counter()
        store = fullsize_store(Path(tmp), deals)
        files = Path(tmp) / "files"
        print(f"store: 3 releases x {deals:,} deals in {time.perf_counter() - t:.0f} s", flush=True)

        ingest_runs = []
        for _ in range(runs):
            outputs["bench_ingest.py"] = run_script(
                ["benchmarks/bench_ingest.py", "--runs", "1" if quick else "5", "--data", str(files)], 900)
            ingest_runs.append(read_figures(outputs["bench_ingest.py"], INGEST, "bench_ingest.py"))
        ingest = medians(ingest_runs)
        print("ingest done", flush=True)

        dash_runs = []
        for _ in range(runs):
            outputs["bench_dashboard.py"] = run_script(
                ["benchmarks/bench_dashboard.py", "--store", str(store), "--pairs", "20" if quick else "200",
                 "--changes", "2" if quick else "10", "--verify-runs", "2" if quick else "5"], 1800)
            dash_runs.append(read_figures(outputs["bench_dashboard.py"], DASHBOARD, "bench_dashboard.py"))
        board = medians(dash_runs)
        # The page-load baseline, measured in each run of bench_dashboard.py: a one-chart Dash app over
        # the same store (minimal_dash_navigation, a one-chart app over three fixed bars, is kept for reference).
        minimal_nav = board["base_nav_s"]
        print("dashboard done", flush=True)

        load_runs = []
        for i in range(runs):
            target = Path(tmp) / f"load-{i}.json"
            outputs["bench_load.py"] = run_script(
                ["benchmarks/bench_load.py", "--store", str(store), "--users", str(users), "--seconds", str(seconds),
                 "--json", str(target)], 1800)
            load_runs.append(json.loads(target.read_text()))
        print("load done", flush=True)

        brief_runs = []
        for _ in range(runs):
            outputs["bench_brief.py"] = run_script(
                ["benchmarks/bench_brief.py", "--store", str(store), *(["--quick"] if quick else ["--runs", "5"])], 1800)
            brief_runs.append(read_figures(outputs["bench_brief.py"], BRIEF, "bench_brief.py"))
        brief = medians(brief_runs)
        print("brief done", flush=True)

        if (HERE / "bench_context.py").exists():
            outputs["bench_context.py"] = run_script(
                ["benchmarks/bench_context.py", "--runs", "10" if quick else "100", "--data", str(files)], 1800)

    def load_median(get) -> float:  # type: ignore[no-untyped-def]
        values = [get(r) for r in load_runs]
        values = [v for v in values if v is not None]
        return statistics.median(values) if values else float("nan")

    lines = [
        "# Benchmarks",
        "",
        f"Written by `python benchmarks/report.py{' --quick' if quick else ''}` on "
        f"{datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')} in {(time.perf_counter() - started) / 60:.0f} minutes. "
        f"Every figure is the median of {runs} run(s) of its script; each baseline is measured in the same run, "
        "on the same machine. These are measurements, not tests: no test asserts them.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in info.items()],
        "",
        "The machine is shared (2 cores, other work running): figures vary between runs, which is why each "
        "is a median and sits beside a baseline taken at the same time.",
        "",
        f"Store: 3 releases of {deals:,} deals each, built by `make_fullsize.py` from the shared subsets "
        "(2024 with SIPRI's delivery-level rows; 2025 and 2026 classic registers).",
        "",
        "## Figures",
        "",
        "| figure | value | baseline | baseline value | ratio |",
        "|---|---|---|---|---|",
        row("ingest of the full-size 2024 release (register + 2 delivery-level files)", ingest["ingest_s"], "s",
            "plain `pandas.read_csv` of the same files", ingest["read_csv_s"]),
        row("peak memory of the ingest process", ingest["ingest_mb"], "MB", "a process doing the plain read",
            ingest["read_csv_mb"]),
        row("pair page callback (change of pair), p50", board["callback_p50"], "ms",
            "the command line's path for the same pairs, p50", board["cli_p50"]),
        row("pair page callback (change of pair), p95", board["callback_p95"], "ms",
            "the command line's path, p50", board["cli_p50"]),
        f"| response JSON per pair update, p50 | {fmt(board['json_kb'], 'KB')} | issue 3's floor | 150 KB | "
        f"{board['json_kb'] / 150:.2f}x |",
        row("page load in headless Chromium: link to rendered chart (cached assets), median", board["nav_s"], "s",
            "a one-chart Dash app over the same store, served and opened the same way", minimal_nav),
        row("page load in headless Chromium: first load, nothing cached", board["nav_cold_s"], "s",
            "the one-chart app over the same store (cached assets)", minimal_nav),
        row("recipient change to updated chart in Chromium, median", board["change_ms"], "ms",
            "the one-chart app over the same store: recipient change, median", board["base_change_ms"]),
        *[row(f"{label} in Chromium, median", board[key], "ms", "the one-chart app's page load", minimal_nav * 1000)
          for key, label in (("diff_bare_ms", "diff page opened bare"),
                             ("diff_whole_ms", "diff of two whole releases (summary by pair)"),
                             ("diff_pair_ms", "diff of one pair"), ("search_bare_ms", "search page opened bare"),
                             ("search_drones_ms", "'drones' through the search page's button, to the table"))],
        row("search callback for 'TB2', server side (result cache cleared)", board["search_tb2_ms"], "ms",
            "the pair page's callback, p50", board["callback_p50"]),
        f"| bytes received per update in Chromium, median | {fmt(board['update_kb'], 'KB')} | issue 3's floor | "
        f"150 KB | {board['update_kb'] / 150:.2f}x |",
        row("server memory, 3 releases loaded (one process)", board["rss_mb"], "MB",
            "the same process before loading a release", board["rss_before_mb"]),
        row("server memory, after every page was opened as it opens (issue 12's aim: 250 MB)", board["rss_verify_mb"], "MB",
            "the same process before loading a release", board["rss_before_mb"]),
        row("server memory, after every page on every release", board["rss_every_mb"], "MB",
            "the same process before loading a release", board["rss_before_mb"]),
        row(f"load test: {users} users x {seconds:.0f} s on gunicorn (2 workers), requests/s",
            load_median(lambda r: r["requests_per_s"]), "req/s", "a static asset from the same server, same users",
            load_median(lambda r: r["static"]["requests_per_s"])),
    ]
    lines += [
        row(f"brief of {'Turkiye -> Pakistan (--quick)' if quick else 'the largest 2024 pair'}, HTML, in a server (Chromium kept)", brief["brief_html_s"], "s",
            "one empty figure drawn in the same Chromium", brief["brief_empty_ms"] / 1000),
        row(f"brief of {'Turkiye -> Pakistan (--quick)' if quick else 'the largest 2024 pair'}, PDF, in a server (Chromium kept)", brief["brief_pdf_s"], "s",
            "one empty figure drawn in the same Chromium", brief["brief_empty_ms"] / 1000),
        row("`arms-explorer brief --format html`, fresh process", brief["brief_cli_html_s"], "s",
            "Chromium start-up with one empty figure", brief["brief_cold_s"]),
        row("`arms-explorer brief --format pdf`, fresh process", brief["brief_cli_pdf_s"], "s",
            "Chromium start-up with one empty figure", brief["brief_cold_s"]),
    ]
    static_p50 = load_median(lambda r: r["static"]["per_action"]["static"]["p50_ms"])
    for action in ("open_pair", "change_filters", "export_csv", "check_claim", "open_diff", "search"):
        for q in ("p50", "p95"):
            lines.append(row(f"load test: `{action}` latency, {q}",
                             load_median(lambda r, a=action, q=q: r["per_action"].get(a, {}).get(f"{q}_ms")), "ms",
                             "a static asset, p50", static_p50))
    failed = [r["failed"] for r in load_runs]
    lines += [
        "",
        f"Load test: failed actions per run: {', '.join(map(str, failed))} (of "
        f"{', '.join(str(r['actions']) for r in load_runs)}); gunicorn worker memory at the end (MB): "
        f"{'; '.join(', '.join(f'{m:.0f}' for m in r['worker_rss_mb']) for r in load_runs)}. "
        "Users replay the `_dash-update-component` requests Chromium sent on the same server (recorded at the "
        "start of each run), for random pairs and four claims; an action is a page's requests one after another, "
        "so its latency is the sum of theirs. See `benchmarks/bench_load.py`.",
        "",
        "## Each script's own output (last run)",
        "",
    ]
    for name, text in outputs.items():
        lines += [f"### `{name}`", "", "```", text.strip(), "```", ""]
    previous = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    if KEPT_MARKER in previous:
        lines += [KEPT_MARKER, previous.split(KEPT_MARKER, 1)[1].strip("\n")]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out} in {(time.perf_counter() - started) / 60:.1f} min")


if __name__ == "__main__":
    main()
