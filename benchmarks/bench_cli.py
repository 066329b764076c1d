"""Command-line start-up benchmark: `arms-explorer --help` and `transfers`, against same-run baselines.

Prints figures and ratios measured in the same run (no assertions): the median wall time of
`--runs` runs of each of

- `arms-explorer --help`;
- `arms-explorer transfers --supplier Turkiye --recipient Pakistan` on a store built here from the
  shared SIPRI files of release 2024 (../shared/sipri, or ARMS_EXPLORER_SIPRI_DIR);
- the baselines `python -c "import pandas, pyarrow"` (what any command that reads the store must
  pay) and `python -c pass` (the interpreter alone).

The commands run interleaved (one of each, then again), so a busy machine slows all alike. The
goals of issue 12 are fixed figures from the issue, printed beside the measurements: `--help` under
0.3 s and `transfers` under 0.7 s, set when `import pandas, pyarrow` took 0.43 s on this machine;
the ratio to that baseline says whether a miss is the command's or the machine's.

    python benchmarks/bench_cli.py [--runs 5]
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

# Fixed figures from issue 12 (not measured here).
GOAL_HELP_S = 0.3
GOAL_TRANSFERS_S = 0.7
ISSUE_PANDAS_PYARROW_S = 0.43


def command() -> list[str]:
    exe = Path(sys.executable).with_name("arms-explorer")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "etl.cli"]


def build_store(root: Path) -> Path:
    from etl.config import Settings
    from etl.ingest import ingest, read_paths
    from tests.conftest import RELEASE_2024_FILES, SIPRI_DIR

    missing = [n for n in RELEASE_2024_FILES if not (SIPRI_DIR / n).exists()]
    if missing:
        raise SystemExit(f"the shared SIPRI files are not at {SIPRI_DIR}: {', '.join(missing)}")
    settings = Settings(store_dir=root / "store")
    ingest(read_paths([SIPRI_DIR / n for n in RELEASE_2024_FILES]), settings)
    return settings.store_dir


def wall(args: list[str]) -> float:
    """Seconds from start to exit of one process; it must succeed."""
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, env={**os.environ, "COLUMNS": "100"})
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr[-500:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        store = build_store(Path(folder))
        cases = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "python -c 'import pandas, pyarrow'": [sys.executable, "-c", "import pandas, pyarrow"],
            "arms-explorer --help": [*command(), "--help"],
            "arms-explorer transfers": [*command(), "transfers", "--supplier", "Turkiye",
                                        "--recipient", "Pakistan", "--store", str(store)],
        }
        for args in cases.values():  # warm the file cache and the bytecode
            wall(args)
        times: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(runs):
            for name, args in cases.items():
                times[name].append(wall(args))
    median = {name: statistics.median(values) for name, values in times.items()}
    bare, baseline = median["python -c pass"], median["python -c 'import pandas, pyarrow'"]
    print(f"Command-line start-up, median of {runs} runs (seconds; interleaved, same run)")
    for name, seconds in median.items():
        print(f"  {name:<36} {seconds:6.3f} s   x{seconds / baseline:4.2f} import pandas, pyarrow   "
              f"x{seconds / bare:5.1f} python -c pass")
    print("Goals (fixed figures from issue 12, not measured here): --help under "
          f"{GOAL_HELP_S} s, transfers under {GOAL_TRANSFERS_S} s, when `import pandas, pyarrow` "
          f"took {ISSUE_PANDAS_PYARROW_S} s")
    scale = baseline / ISSUE_PANDAS_PYARROW_S
    print(f"  this machine's baseline is x{scale:.2f} the issue's; goals scaled alike: --help "
          f"{GOAL_HELP_S * scale:.2f} s, transfers {GOAL_TRANSFERS_S * scale:.2f} s")
    print(f"  --help: {median['arms-explorer --help']:.3f} s; transfers: "
          f"{median['arms-explorer transfers']:.3f} s")


if __name__ == "__main__":
    main()
