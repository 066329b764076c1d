"""Context views benchmark: server-side callback time of the profile, compare and flows pages on a
full-size store (the full-size 2024 release from make_fullsize.py, ingested into a temporary store).

Prints, per view, p50 and p95 of the callback time over random choices (the first call of each
release, which reads the Parquet files, is timed apart), and the JSON bytes each update sends.
Figures only, no assertions.

    python benchmarks/bench_context.py [--runs 100] [--data benchmarks/out/fullsize] [--seed 7]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
# The app's on-disk answer cache starts empty for each run: answers an earlier run kept (same
# store, code and day) would otherwise be measured as this one's.
os.environ.setdefault("ARMS_EXPLORER_ANSWER_CACHE", tempfile.mkdtemp(prefix="bench-answers-"))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def timed(call: Callable[[], Any]) -> tuple[float, int]:
    from plotly.io.json import to_json_plotly

    start = time.perf_counter()
    out = call()
    elapsed = time.perf_counter() - start
    return elapsed, len(to_json_plotly(out).encode("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--data", type=Path, default=HERE / "out" / "fullsize")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    from benchmarks.bench_ingest import release_files
    from dashboard import queries
    from dashboard.app import create_app
    from dashboard.context import view as cv
    from etl.config import Settings
    from etl.ingest import ingest, read_paths

    files = release_files(args.data)
    settings = Settings(store_dir=Path(tempfile.mkdtemp()) / "store")
    start = time.perf_counter()
    ingest(read_paths(files), settings)
    print(f"full-size store: {', '.join(Path(f).name for f in files)} ingested in {time.perf_counter() - start:.1f} s")

    app = create_app(settings)
    pages = {name: sys.modules[f"pages.{name}"] for name in ("profile", "compare", "flows")}
    rng = random.Random(args.seed)
    with app.server.test_request_context():
        start = time.perf_counter()
        data = queries.release_data(settings)
        print(f"first read of the release (Parquet -> frames, once per worker and generation): "
              f"{1000 * (time.perf_counter() - start):.0f} ms; {len(data.deliveries):,} delivery rows, {len(data.deals):,} deals")
        label, lo, hi = data.info.label, data.first_year, data.last_year
        entities = sorted(cv.known_entities(data))
        recipients = [o["value"] for o in data.recipient_options]
        suppliers = [o["value"] for o in data.supplier_options]
        flows = data.deliveries.groupby(["supplier_id", "recipient_id"], observed=True).size()
        pairs = [f"{s}:{r}" for s, r in flows[flows > 0].index]

        def years() -> list[int]:
            a, b = sorted(rng.sample(range(lo, hi + 1), 2))
            return [a, b] if rng.random() < 0.7 else [lo, hi]

        cases: dict[str, Callable[[], Any]] = {
            "profile (6 charts)": lambda: pages["profile"].update_view(label, rng.choice(entities), years(), [], "", ""),
            "compare (3 pairs)": lambda: pages["compare"].update_view(
                label, rng.sample(pairs, 3), years(), rng.choice(["tiv", "share"]), [], "", ""),
            "flows (Sankey + map)": lambda: pages["flows"].update_view(
                label, rng.sample(suppliers, rng.choice([0, 1, 2])), rng.sample(recipients, rng.choice([1, 2])),
                years(), [], rng.choice(entities), rng.choice(["imports", "exports"]), "", ""),
        }
        print(f"\ncallback time over {args.runs} random choices each (server side, figures built, JSON encoded):")
        print(f"{'view':<24}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'median KB sent':>16}")
        for name, case in cases.items():
            case()  # warm: the release's frames and entity options are cached per worker after this
            times, sizes = [], []
            for _ in range(args.runs):
                elapsed, size = timed(case)
                times.append(1000 * elapsed)
                sizes.append(size / 1024)
            print(f"{name:<24}{percentile(times, 0.5):>9.0f}{percentile(times, 0.95):>9.0f}{max(times):>9.0f}"
                  f"{statistics.median(sizes):>16.0f}")
    print("\nFor scale: the pair page's floor (issue 3) is p95 under 100 ms and under 150 KB per update.")


if __name__ == "__main__":
    main()
