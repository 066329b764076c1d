"""The command line imports only what its command needs (issue 12): what each command loads.

Which modules are loaded, not how long it takes (speed is in benchmarks/bench_cli.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from etl.config import Settings
from etl.ingest import ingest
from tests.etl.formats.test_formats import ROW_A, synthetic_classic

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("pandas", "pyarrow", "numpy", "pandera", "dash", "plotly", "flask", "rich", "pydantic")

CHILD = r"""
import contextlib, io, json, sys
from etl.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
    code = main(json.loads(sys.argv[1]))
heavy = json.loads(sys.argv[2])
print(json.dumps({"code": code, "loaded": sorted({m.split(".")[0] for m in sys.modules} & set(heavy))}))
"""


def loaded_by(*args: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", CHILD, json.dumps(list(args)), json.dumps(HEAVY)],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] in (0, 2), result
    return set(result["loaded"])


@pytest.mark.parametrize("args", [["--bogus"], ["transfers", "--from-year", "abc"], ["nosuch"]])
def test_a_usage_error_loads_no_data_library(args: list[str]):
    assert loaded_by(*args) == set()


def test_help_loads_no_data_library():
    assert loaded_by("--help") <= {"rich"}  # Typer draws its help with rich


def test_transfers_loads_neither_pandera_nor_the_dashboard(tmp_path: Path):
    settings = Settings(store_dir=tmp_path / "store")
    ingest([("a.csv", synthetic_classic(ROW_A))], settings)
    loaded = loaded_by("transfers", "--store", str(settings.store_dir))
    assert {"pandas", "pyarrow"} <= loaded
    # pydantic: typer 0.29 imports it at start-up (pinned below 0.29 in pyproject.toml)
    assert not loaded & {"pandera", "dash", "plotly", "flask", "rich", "pydantic"}
