"""Ingest benchmark: a full-size release, timed against plain pandas.read_csv of the same files.

Prints figures and ratios measured in the same run (no assertions):
- ingest time of a full-size release (classic register + delivery-level rows), median of runs;
- the time plain `pandas.read_csv` takes to read the same files (the baseline), and the ratio;
- peak resident memory of a fresh process doing the ingest, beside one doing the plain read.

    python benchmarks/bench_ingest.py [--runs 5] [--data benchmarks/out/fullsize]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

FLOOR_SECONDS = 2.0
FLOOR_RATIO = 4.0
FLOOR_MB = 400.0

_CHILD = r"""
import json, sys, time, tempfile
from pathlib import Path
files = json.loads(sys.argv[2])
if sys.argv[1] == "ingest":
    from etl.config import Settings
    from etl.ingest import ingest, read_paths
    items = read_paths(files)
    t = time.perf_counter()
    ingest(items, Settings(store_dir=Path(tempfile.mkdtemp()) / "s"))
else:
    import pandas as pd
    t = time.perf_counter()
    for f in files:
        pd.read_csv(f, skiprows=11, encoding="latin-1", dtype=str, on_bad_lines="skip")
elapsed = time.perf_counter() - t
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking parent across exec
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps({"seconds": elapsed, "peak_mb": hwm / 1024}))
"""


def release_files(data: Path) -> list[str]:
    files = sorted(str(p) for p in data.glob("fullsize-*2024*"))
    if not files:
        from benchmarks.make_fullsize import build

        build(data, 30_000)
        files = sorted(str(p) for p in data.glob("fullsize-*2024*"))
    return files


def plain_read(files: list[str]) -> float:
    import pandas as pd

    t = time.perf_counter()
    for f in files:
        pd.read_csv(f, skiprows=11, encoding="latin-1", dtype=str, on_bad_lines="skip")
    return time.perf_counter() - t


def one_ingest(files: list[str]) -> float:
    from etl.config import Settings
    from etl.ingest import ingest, read_paths

    items = read_paths(files)
    with tempfile.TemporaryDirectory() as folder:
        t = time.perf_counter()
        ingest(items, Settings(store_dir=Path(folder) / "s"))
        return time.perf_counter() - t


def child(kind: str, files: list[str]) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, kind, json.dumps(files)],
        capture_output=True,
        text=True,
        check=True,
        cwd=HERE.parent,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(files: list[str], runs: int) -> dict[str, float]:
    """The figures, as a dict (also used by the benchmark report)."""
    one_ingest(files)  # warm imports and caches
    plain = statistics.median(plain_read(files) for _ in range(runs))
    ingest_s = statistics.median(one_ingest(files) for _ in range(runs))
    mem_ingest = child("ingest", files)["peak_mb"]
    mem_plain = child("plain", files)["peak_mb"]
    return {
        "ingest_s": ingest_s,
        "read_csv_s": plain,
        "ratio": ingest_s / plain,
        "peak_mb": mem_ingest,
        "read_csv_peak_mb": mem_plain,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", type=Path, default=HERE / "out" / "fullsize")
    args = parser.parse_args()
    files = release_files(args.data)
    import pandas as pd

    rows = sum(
        len(pd.read_csv(f, skiprows=11, encoding="latin-1", dtype=str, on_bad_lines="skip"))
        for f in files
    )
    print(
        f"full-size release: {len(files)} files, {rows:,} records, {sum(Path(f).stat().st_size for f in files) / 1e6:.1f} MB"
    )
    m = measure(files, args.runs)
    print(
        f"ingest (median of {args.runs}):          {m['ingest_s']:.3f} s   (floor {FLOOR_SECONDS} s)"
    )
    print(f"plain pandas.read_csv, same files:  {m['read_csv_s']:.3f} s")
    print(f"ratio ingest / read_csv:            {m['ratio']:.1f}x  (floor {FLOOR_RATIO}x)")
    print(f"peak memory, ingest process:        {m['peak_mb']:.0f} MB  (floor {FLOOR_MB:.0f} MB)")
    print(f"peak memory, read_csv process:      {m['read_csv_peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
