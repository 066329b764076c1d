"""The `arms-explorer` command: the contract scripts rely on, and one-sentence errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from etl.cli import main
from etl.config import Settings
from tests.conftest import sipri_file
from tests.etl.formats.test_formats import ROW_A, synthetic_classic


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_transfers_json_has_one_object_per_year_keyed_by_column(store_2024: Settings, capsys):
    code, out, err = run(
        capsys,
        "transfers",
        "--supplier",
        "Turkey",
        "--recipient",
        "Pakistan",
        "--release",
        "2024",
        "--format",
        "json",
        "--store",
        str(store_2024.store_dir),
    )
    assert code == 0
    rows = json.loads(out)
    by_year = {r["delivery_year"]: r for r in rows}
    assert by_year[2023]["tiv_delivered_m"] == 223.6 and by_year[2022]["tiv_delivered_m"] == 4.8
    assert set(rows[0]) == {
        "release",
        "delivery_year",
        "tiv_delivered_m",
        "tiv_estimated_m",
        "tiv_allocated_m",
        "units_delivered",
        "deals",
    }
    assert "Source: SIPRI Arms Transfers Database" in err


def test_transfers_table_says_tiv_is_not_money_and_carries_the_credit(store_2024: Settings, capsys):
    code, out, _ = run(
        capsys,
        "transfers",
        "--supplier",
        "turkiye",
        "--recipient",
        "PAK",
        "--store",
        str(store_2024.store_dir),
    )
    assert code == 0
    assert "223.6" in out and "$" not in out
    assert (
        "Source: SIPRI Arms Transfers Database (c) SIPRI; release 2024, data generated 13 Oct 2024."
        in out
    )
    assert "TIV (millions)" in out


def test_transfers_by_category_and_year_range(store_2024: Settings, capsys):
    code, out, _ = run(
        capsys,
        "transfers",
        "--supplier",
        "Turkiye",
        "--recipient",
        "Pakistan",
        "--by",
        "category",
        "--from-year",
        "2023",
        "--to-year",
        "2023",
        "--format",
        "json",
        "--store",
        str(store_2024.store_dir),
    )
    rows = json.loads(out)
    assert code == 0 and {r["delivery_year"] for r in rows} == {2023}
    assert round(sum(r["tiv_delivered_m"] for r in rows), 1) == 223.6
    assert {"armament_category"} <= set(rows[0])


def test_several_suppliers_are_summed(store_2024: Settings, capsys):
    _, one, _ = run(
        capsys,
        "transfers",
        "--supplier",
        "China",
        "--recipient",
        "Pakistan",
        "--format",
        "json",
        "--store",
        str(store_2024.store_dir),
    )
    _, two, _ = run(
        capsys,
        "transfers",
        "--supplier",
        "China",
        "--supplier",
        "Turkiye",
        "--recipient",
        "Pakistan",
        "--format",
        "json",
        "--store",
        str(store_2024.store_dir),
    )
    total_one = sum(r["tiv_delivered_m"] for r in json.loads(one))
    total_two = sum(r["tiv_delivered_m"] for r in json.loads(two))
    assert total_two > total_one > 0


def test_deals_csv_has_a_commented_provenance_header_and_every_field(store_all: Settings, capsys):
    code, out, _ = run(
        capsys,
        "deals",
        "--supplier",
        "Turkiye",
        "--recipient",
        "Pakistan",
        "--format",
        "csv",
        "--store",
        str(store_all.store_dir),
    )
    assert code == 0
    lines = out.splitlines()
    assert (
        lines[0]
        == "# Source: SIPRI Arms Transfers Database (c) SIPRI; release 2026, data generated 18 May 2026."
    )
    assert any(line.startswith("# Units: TIV (millions)") for line in lines)
    header = next(line for line in lines if not line.startswith("#"))
    for column in (
        "order_year_estimated",
        "units_ordered",
        "comments",
        "status",
        "tiv_delivered_m",
    ):
        assert column in header.split(",")
    assert sum(1 for line in lines if not line.startswith("#")) == 13  # header + 12 deals


def test_deals_table_keeps_sipris_question_marks(store_all: Settings, capsys):
    code, out, _ = run(
        capsys,
        "deals",
        "--supplier",
        "Turkiye",
        "--recipient",
        "Pakistan",
        "--store",
        str(store_all.store_dir),
    )
    assert code == 0
    tb2 = next(line for line in out.splitlines() if "Bayraktar TB-2" in line)
    assert "2021?" in tb2 and "9?" in tb2


def test_reconcile_2024_tiv_tables_gives_zero_mismatches(store_2024: Settings, capsys):
    for name in ("tiv-imports_2024-10-13.subset.csv", "tiv-exports_2024-10-13.subset.csv"):
        code, out, _ = run(
            capsys,
            "reconcile",
            str(sipri_file(name)),
            "--release",
            "2024",
            "--store",
            str(store_2024.store_dir),
        )
        assert code == 0, out
        assert "0 mismatch(es) in 225 cells" in out


def test_reconcile_reports_each_mismatch_and_exits_1(store_2024: Settings, tmp_path: Path, capsys):
    text = sipri_file("tiv-imports_2024-10-13.subset.csv").read_text(encoding="latin-1")
    altered = text.replace("Pakistan,194,169,", "Pakistan,194,170,")  # 1951 cell: 169 -> 170
    table = tmp_path / "altered.csv"
    table.write_text(altered, encoding="latin-1")
    code, out, _ = run(
        capsys,
        "reconcile",
        str(table),
        "--release",
        "2024",
        "--format",
        "json",
        "--store",
        str(store_2024.store_dir),
    )
    assert code == 1
    [mismatch] = json.loads(out)
    assert (mismatch["entity"], mismatch["year"], mismatch["cell"]) == ("Pakistan", 1951, "170")


def test_releases_lists_files_counts_and_coverage(store_all: Settings, capsys):
    code, out, _ = run(capsys, "releases", "--format", "json", "--store", str(store_all.store_dir))
    releases = json.loads(out)
    assert code == 0 and [r["release"] for r in releases] == ["2024", "2025", "2026"]
    assert releases[0]["link_rate"] == "2059/2059"
    assert releases[2]["deals"] == 2273


@pytest.mark.parametrize(
    "args,expected",
    [
        (["transfers", "--supplier", "Pakistn"], "Unknown supplier 'Pakistn'"),
        (["transfers", "--recipient", "Narnia"], "Unknown recipient 'Narnia'"),
        (["deals", "--release", "1999"], "Unknown release '1999'"),
        (["transfers", "--from-year", "2020", "--to-year", "2010"], "is after --to-year"),
    ],
)
def test_user_errors_are_one_sentence_with_exit_2(store_all: Settings, capsys, args, expected):
    code, out, err = run(capsys, *args, "--store", str(store_all.store_dir))
    assert code == 2 and expected in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_unknown_name_suggests_the_closest_known_names(store_all: Settings, capsys):
    _, _, err = run(
        capsys, "transfers", "--supplier", "Pakistn", "--store", str(store_all.store_dir)
    )
    assert "Did you mean: Pakistan" in err


@pytest.mark.parametrize(
    "content,expected",
    [
        (b"", "the file is empty"),
        (b"<html><body>Moved</body></html>", "is an HTML web page"),
        (b"\xff\xfe\x00\x00garbage", "UTF-16"),
        (b'{"nobytes": 1}', "without the 'bytes' field"),
    ],
)
def test_bad_files_leave_the_store_untouched(tmp_path: Path, capsys, content, expected):
    store = tmp_path / "s"
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    code, _, err = run(capsys, "ingest", str(bad), "--store", str(store))
    assert code == 2 and expected in err and str(bad) in err or "bad.csv" in err
    assert not (store / "manifest.json").exists()


def test_missing_path_and_truncated_file(tmp_path: Path, capsys):
    code, _, err = run(capsys, "ingest", str(tmp_path / "nope.csv"), "--store", str(tmp_path / "s"))
    assert code == 2 and "nope.csv: no such file" in err
    data = synthetic_classic(ROW_A, ROW_A.replace("2021", "2020"))
    cut = tmp_path / "cut.csv"
    cut.write_bytes(data[:-25])
    code, _, err = run(capsys, "ingest", str(cut), "--store", str(tmp_path / "s"))
    assert code == 2 and "truncated" in err and "line 7" in err


def test_installed_command_prints_no_traceback(tmp_path: Path):
    exe = shutil.which("arms-explorer")
    command = [exe] if exe else [sys.executable, "-m", "etl.cli"]
    page = tmp_path / "page.csv"
    page.write_text("<!doctype html><html></html>")
    done = subprocess.run(
        [*command, "ingest", str(page), "--store", str(tmp_path / "s")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.strip().startswith("error: ") and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
