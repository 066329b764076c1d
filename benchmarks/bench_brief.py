"""Making a brief (HTML and PDF) of the largest pair of the 2024 release, in a server and from the command line.

    python benchmarks/bench_brief.py [--runs 5] [--store STORE] [--quick]

Prints medians of, for the pair with the most deals in release 2024 (with --quick, Turkiye ->
Pakistan, one run of each: CI keeps the script running, the figures are not the issue's):
- server (Chromium kept running, the release's frames cached, as after a server's first brief):
  the whole HTML brief (build, charts drawn as SVG by kaleido, template) and the whole PDF brief
  (build, charts drawn as JPEG by kaleido while WeasyPrint lays out the template), each as wall
  time and as this process's CPU time (Chromium's own CPU not counted: it draws on the other
  core), the PDF's ratio to the HTML of the same run, and the load average before and after
  (the figures are only comparable at a like load); beside them, in the same run, kaleido
  drawing one empty figure in the same Chromium, the least any chart costs;
- command line: `arms-explorer brief --format html` and `--format pdf` as fresh processes, beside
  Chromium's start-up with one empty figure (kaleido, one-shot) measured in the same run.
The store is STORE where given (benchmarks/report.py passes its full-size one), else the shared
2024 files. The issue's floors (HTML 1 s, PDF 5 s) are fixed figures printed for comparison.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from etl.config import Settings  # noqa: E402
from etl.ingest import ingest, read_paths  # noqa: E402

SHARED = REPO.parent / "shared"
FLOOR_HTML_S = 1.0  # the floor (fixed figure)
FLOOR_PDF_S = 5.0  # the floor (fixed figure)
RELEASE = "2024"


def shared_store() -> Settings:
    settings = Settings(store_dir=Path(tempfile.mkdtemp(prefix="bench-brief-")) / "store")
    sipri = SHARED / "sipri"
    names = ["trade-register_2024-10-13.subset.csv", "delivery-rows_2024-04-16_1950-1989.subset.csv",
             "delivery-rows_2024-04-13_1990-2023.subset.csv"]
    ingest(read_paths([sipri / n for n in names]), settings)
    print("store: the shared 2024 files (report.py passes its full-size store)")
    return settings


def largest_pair(settings: Settings) -> tuple[str, str, int]:
    """(supplier_id, recipient_id, deals) of the pair with the most deals in release 2024."""
    from dashboard import queries

    deals = queries.release_data(settings, RELEASE).deals
    counts = deals.groupby(["supplier_id", "recipient_id"], observed=True).size().sort_values(ascending=False)
    (supplier, recipient), n = next(iter(counts.items()))
    return str(supplier), str(recipient), int(n)


def quick_pair(settings: Settings) -> tuple[str, str, int]:
    """Turkiye -> Pakistan (11 deals in the shared 2024 release): a brief of a few pages."""
    from dashboard import queries

    deals = queries.release_data(settings, RELEASE).deals
    n = int(((deals["supplier_id"] == "turkiye") & (deals["recipient_id"] == "pakistan")).sum())
    return "turkiye", "pakistan", n


def timed(action) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def timed_cpu(action) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(wall seconds, this process's CPU seconds) of one call."""
    start, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - start, time.process_time() - cpu


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def empty_figure() -> float:
    """One empty figure drawn by the brief's renderer: in the kept Chromium, or one started for it."""
    import plotly.graph_objects as go

    from dashboard.brief import Chart, chart_svgs

    return timed(lambda: chart_svgs([Chart("empty", go.Figure(), 700, 500)]))


def cli_seconds(settings: Settings, supplier: str, recipient: str, fmt: str) -> float:
    out = Path(tempfile.mkdtemp(prefix="bench-brief-out-")) / f"brief.{fmt}"
    args = [str(Path(sys.executable).parent / "arms-explorer"), "brief", "--supplier", supplier, "--recipient", recipient,
            "--release", RELEASE, "--format", fmt, "--output", str(out), "--store", str(settings.store_dir)]
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, env=os.environ.copy())
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"arms-explorer brief failed: {done.stderr.strip()}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--store", type=Path)
    parser.add_argument("--quick", action="store_true",
                        help="one run of each, for the pair Turkiye -> Pakistan instead of the largest (CI: keeps the script running)")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    settings = Settings(store_dir=args.store) if args.store else shared_store()

    from dashboard.brief import (
        BriefRequest,
        brief_html,
        brief_pdf,
        build_brief,
        chromium_path,
        keep_chromium_running,
        stop_chromium,
    )

    supplier, recipient, deals = quick_pair(settings) if args.quick else largest_pair(settings)
    request = BriefRequest((supplier,), (recipient,), RELEASE)
    path = chromium_path()
    which = "pair (--quick)" if args.quick else "largest pair"
    print(f"{which} of release {RELEASE}: {supplier} -> {recipient}, {deals} deals; Chromium: {path}")

    cold = [empty_figure() for _ in range(max(1, runs // 2))]
    keep_chromium_running()
    build_brief(settings, request)  # the release's frames read once, as a server's first request does
    empty_figure()
    empty, html_s, pdf_s, made = [], [], [], []
    html_cpu, pdf_cpu = [], []
    load_before = load()

    def html_brief() -> None:
        brief_html(build_brief(settings, request))

    def pdf_brief() -> None:
        made.append(brief_pdf(build_brief(settings, request)))

    for _ in range(runs):
        empty.append(empty_figure())
        wall, cpu = timed_cpu(html_brief)
        html_s.append(wall)
        html_cpu.append(cpu)
        wall, cpu = timed_cpu(pdf_brief)
        pdf_s.append(wall)
        pdf_cpu.append(cpu)
    load_after = load()
    size_kb = len(made[-1]) / 1024
    stop_chromium()
    cli_runs = 1 if args.quick else max(1, runs // 2)
    cli_html = [cli_seconds(settings, supplier, recipient, "html") for _ in range(cli_runs)]
    cli_pdf = [cli_seconds(settings, supplier, recipient, "pdf") for _ in range(cli_runs)]

    med = statistics.median
    print(f"load average (1, 5, 15 min) before the server runs: {load_before}; after: {load_after}")
    print(f"server, brief HTML (median of {runs}): {med(html_s):.2f} s, CPU {med(html_cpu):.2f} s   floor {FLOOR_HTML_S:.0f} s")
    print(f"server, brief PDF (median of {runs}): {med(pdf_s):.2f} s, CPU {med(pdf_cpu):.2f} s   floor {FLOOR_PDF_S:.0f} s   "
          f"({size_kb:,.0f} KB)")
    print(f"ratio: server PDF / HTML of the same run {med(pdf_s) / med(html_s):.1f}x wall, "
          f"{med(pdf_cpu) / med(html_cpu):.1f}x CPU")
    print(f"baseline, one empty figure drawn by kaleido in the same Chromium: {med(empty) * 1000:.0f} ms")
    print(f"command line, brief HTML (fresh process, median of {cli_runs}): {med(cli_html):.2f} s")
    print(f"command line, brief PDF (fresh process, median of {cli_runs}): {med(cli_pdf):.2f} s")
    print(f"baseline, Chromium start-up with one empty figure (kaleido, one-shot): {med(cold):.2f} s")
    print(f"ratios: server HTML / empty figure {med(html_s) / med(empty):.1f}x; command line HTML / Chromium "
          f"start-up {med(cli_html) / med(cold):.1f}x")


if __name__ == "__main__":
    main()
