"""Checking an article: in the running server (warm) and from the command line, end to end.

    python benchmarks/bench_check.py [--runs 10] [--data benchmarks/out/fullsize] [--quick]

Prints medians and p95s of:
- server: the Check page's callback over HTTP (werkzeug on 127.0.0.1, the app as `serve` builds
  it), for the whole shared article, the issue's 3-sentence claim and the seed paragraph, after
  one warm-up request; beside it, in the same run, the same server answering the page's smallest
  callback-free request (`/_dash-layout`), a baseline for what any request costs here;
- command line: `arms-explorer check --file ARTICLE` as a fresh process, beside `python -c pass`
  and `python -c "import pandas, pyarrow"` measured in the same run.
The store is the full-size one (make_fullsize.py) where it exists, else the shared files. The
issue's floors (300 ms in the server, 2 s from the command line) are fixed figures printed for
comparison, not measured.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
# The app's on-disk answer cache starts empty for each run: answers an earlier run kept (same
# store, code and day) would otherwise be measured as this one's.
os.environ.setdefault("ARMS_EXPLORER_ANSWER_CACHE", tempfile.mkdtemp(prefix="bench-answers-"))

from etl.config import Settings  # noqa: E402
from etl.ingest import ingest, read_paths  # noqa: E402

SHARED = REPO.parent / "shared"
ARTICLE = SHARED / "articles" / "turkiye-pakistan-ties-2025.txt"
THREE_SENTENCES = ("China delivered 20 J-10C fighter jets to Pakistan in 2022 and 2023. Turkey is expected "
                   "to supply Pakistan with Bayraktar TB2 drones. In return, Pakistan will provide Turkey "
                   "with mortar shells.")
SEED = ("Turkey is expected to supply Pakistan with over 700 loitering munitions and a fleet of advanced "
        "Bayraktar TB2 and Akinci drones, estimated to be worth $900 million. In return, Pakistan will "
        "provide Turkey with mortar shells, artillery equipment, and other battlefield weapons.")
FLOOR_SERVER_S = 0.300  # the floor (fixed figure)
FLOOR_CLI_S = 2.0  # the floor (fixed figure)


def build_store(data: Path | None) -> Settings:
    root = Path(tempfile.mkdtemp(prefix="bench-check-"))
    settings = Settings(store_dir=root / "store")
    files = sorted(data.glob("fullsize-*")) if data and data.is_dir() else []
    if files:
        for year in ("2024", "2025", "2026"):
            group = [p for p in files if year in p.name]
            if group:
                ingest(read_paths(group), settings)
        print(f"store: full-size releases from {data}")
    else:
        sipri = SHARED / "sipri"
        for names in (["trade-register_2024-10-13.subset.csv", "delivery-rows_2024-04-16_1950-1989.subset.csv",
                       "delivery-rows_2024-04-13_1990-2023.subset.csv"],
                      ["trade-register_2025-03-13.subset.csv"], ["trade-register_2026-05-18.subset.csv"]):
            ingest(read_paths([sipri / n for n in names]), settings)
        print("store: the shared subset files (run make_fullsize.py for the full-size releases)")
    return settings


def median_p95(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(values) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms"


def callback_payload(text: str) -> bytes:
    """What the browser sends when 'Check the text' is clicked (outputs as the page declares them)."""
    outputs = ["check-url.search", "check-notice.children", "check-left-out.children", "check-marked.children",
               "check-table.children", "check-claims.children", "check-no-claim.children",
               "check-result-store.data", "check-cite-text.children", "check-cite-bibtex.children",
               "check-cite-ris.children"]
    body = {
        "output": ".." + "...".join(outputs) + "..",
        "outputs": [{"id": o.split(".")[0], "property": o.split(".")[1]} for o in outputs],
        "inputs": [{"id": "check-run", "property": "n_clicks", "value": 1},
                   {"id": "check-recheck", "property": "n_clicks", "value": 0}],
        "changedPropIds": ["check-run.n_clicks"],
        "state": [{"id": "check-text", "property": "value", "value": text},
                  {"id": "check-date", "property": "value", "value": "2025-05-20"},
                  {"id": "check-release", "property": "value", "value": None},
                  [], [],
                  {"id": "check-url", "property": "href", "value": "http://127.0.0.1/check"}],
    }
    return json.dumps(body).encode()


def post(url: str, data: bytes) -> tuple[float, int]:
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback only
        size = len(response.read())
    return time.perf_counter() - started, size


def get(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - loopback only
        response.read()
    return time.perf_counter() - started


def bench_server(settings: Settings, runs: int, texts: dict[str, str]) -> None:
    import logging

    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.ERROR)

    from dashboard.app import create_app

    app = create_app(settings)
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        get(f"{base}/check")
        baseline = [get(f"{base}/_dash-layout") for _ in range(runs)]
        print(f"server, baseline /_dash-layout (same run)        {median_p95(baseline)}")
        for name, text in texts.items():
            payload = callback_payload(text)
            post(f"{base}/_dash-update-component", payload)  # warm-up: the release's tables loaded once
            timings, sizes = [], []
            for _ in range(runs):
                elapsed, size = post(f"{base}/_dash-update-component", payload)
                timings.append(elapsed)
                sizes.append(size)
            ratio = statistics.median(timings) / statistics.median(baseline)
            print(f"server, check {name:<34} {median_p95(timings)}   {ratio:5.1f}x baseline   "
                  f"{statistics.median(sizes) / 1024:6.1f} KB sent   (floor {FLOOR_SERVER_S * 1000:.0f} ms)")
    finally:
        server.shutdown()


def bench_cli(settings: Settings, runs: int) -> None:
    exe = Path(sys.executable).parent / "arms-explorer"
    commands = {
        "python -c pass (same run)": [sys.executable, "-c", "pass"],
        "import pandas, pyarrow (same run)": [sys.executable, "-c", "import pandas, pyarrow"],
        "arms-explorer check --file ARTICLE": [str(exe), "check", "--store", str(settings.store_dir),
                                               "--file", str(ARTICLE), "--date", "2025-05-20"],
    }
    for name, command in commands.items():
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            timings.append(time.perf_counter() - started)
        floor = f"   (floor {FLOOR_CLI_S:.0f} s)" if "arms-explorer" in name else ""
        print(f"command line, {name:<36} {median_p95(timings)}{floor}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--data", type=Path, default=HERE / "out" / "fullsize")
    parser.add_argument("--quick", action="store_true", help="3 runs, the shared files")
    args = parser.parse_args()
    if not (SHARED / "sipri").is_dir() or not ARTICLE.exists():
        print(f"skipped: the shared SIPRI files or the article are not in {SHARED}")
        return
    runs = 3 if args.quick else args.runs
    settings = build_store(None if args.quick else args.data)
    article = ARTICLE.read_text(encoding="utf-8")
    texts = {f"whole article ({len(article)} chars)": article, "3 sentences": THREE_SENTENCES, "seed paragraph": SEED}
    bench_server(settings, runs, texts)
    bench_cli(settings, runs)


if __name__ == "__main__":
    main()
