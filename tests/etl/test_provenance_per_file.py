"""Provenance per file (issue 13, finding 5): a later SIPRI export dropped into an older release."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl.cli import main
from etl.config import Settings
from etl.ingest import ingest, read_paths, report_lines
from etl.provenance import citation_text, credit_line
from etl.store import Store
from tests.conftest import RELEASE_2024_FILES, sipri_file

pytestmark = pytest.mark.sipri

BACKEND_JSON = "atbackend-response_2025-02-10.json"
APRIL_1990_2023 = "delivery-rows_2024-04-13_1990-2023.subset.csv"


@pytest.fixture
def release_2024(tmp_path: Path) -> Settings:
    settings = Settings(store_dir=tmp_path / "store")
    ingest(read_paths([sipri_file(n) for n in RELEASE_2024_FILES]), settings)
    return settings


def _replaced_rows(settings: Settings) -> int:
    """Delivery rows of the April 2024 file that the store no longer holds as that file's."""
    st = Store.from_settings(settings)
    reports = st.table(st.release("2024"), "reports")
    return int(((reports["source_file"] == APRIL_1990_2023)
                & reports["reason"].str.contains(f"as {BACKEND_JSON} line")).sum())


def test_a_later_file_does_not_move_the_releases_data_date(release_2024: Settings, capsys):
    assert main(["ingest", str(sipri_file(BACKEND_JSON)), "--release", "2024",
                 "--store", str(release_2024.store_dir)]) == 0
    capsys.readouterr()
    info = Store.from_settings(release_2024).release("2024")
    assert "data generated 13 Oct 2024" in credit_line(info)
    assert "2025" not in credit_line(info) and "10 Feb 2025" not in citation_text(info)
    code = main(["transfers", "--supplier", "Turkiye", "--recipient", "Pakistan", "--release", "2024",
                 "--store", str(release_2024.store_dir)])
    out = capsys.readouterr().out
    assert code == 0 and "release 2024, data generated 13 Oct 2024." in out


def test_without_a_register_the_credit_names_the_span_of_its_files_dates(tmp_path: Path):
    settings = Settings(store_dir=tmp_path / "store")
    ingest(read_paths([sipri_file(n) for n in RELEASE_2024_FILES[1:3]]), settings)
    info = Store.from_settings(settings).release("2024")
    assert "data generated 13 Apr 2024 - 16 Apr 2024" in credit_line(info)


def test_a_file_generated_long_after_the_others_is_accepted_with_a_warning_naming_what_it_replaces(
    release_2024: Settings, capsys
):
    code = main(["ingest", str(sipri_file(BACKEND_JSON)), "--release", "2024",
                 "--store", str(release_2024.store_dir)])
    out = capsys.readouterr().out
    replaced = _replaced_rows(release_2024)
    assert code == 0 and replaced > 0
    [line] = [ln for ln in out.splitlines() if "warning" in ln]
    assert BACKEND_JSON in line and "120 days after" in line and "13 Oct 2024" in line
    assert f"replaces {replaced} delivery rows of {APRIL_1990_2023}" in out
    info = Store.from_settings(release_2024).release("2024")
    [entry] = [f for f in info.files if f["name"] == BACKEND_JSON]
    assert entry["replaces"] == {APRIL_1990_2023: replaced}


def test_the_late_file_limit_is_a_setting(tmp_path: Path):
    settings = Settings(store_dir=tmp_path / "store", late_file_days=400)
    ingest(read_paths([sipri_file(n) for n in RELEASE_2024_FILES]), settings)
    [report] = ingest(read_paths([sipri_file(BACKEND_JSON)]), settings, release="2024").files
    assert not any("warning" in ln for ln in report_lines(report))
    assert any("replaces" in ln for ln in report_lines(report))


def test_the_page_and_the_command_report_the_same(release_2024: Settings, tmp_path: Path, capsys):
    from dashboard.app import create_app
    from tests.dashboard.conftest import page_module

    other = Settings(store_dir=tmp_path / "other")
    ingest(read_paths([sipri_file(n) for n in RELEASE_2024_FILES]), other)
    assert main(["ingest", str(sipri_file(BACKEND_JSON)), "--store", str(release_2024.store_dir)]) == 0
    cli_lines = capsys.readouterr().out.splitlines()
    [report] = ingest(read_paths([sipri_file(BACKEND_JSON)]), other, origin="upload").files
    create_app(other)
    page_text = page_module("data").report_text(report)
    assert page_text.splitlines() == [ln for ln in cli_lines if ln in page_text.splitlines()]
    assert len(page_text.splitlines()) >= 3  # the file, its warning, what it replaces
    assert f"replaces {_replaced_rows(other)} delivery rows" in page_text
    manifest = json.loads((other.store_dir / "manifest.json").read_text())
    assert manifest["releases"]["2024"]["data_generated"].startswith("2024-10-13")


def test_which_file_a_delivery_row_comes_from_does_not_depend_on_the_order_of_ingest(tmp_path: Path):
    """The command line took the files in the order given, the page after what the store held:
    the same files gave other rows and other reports ('0 reported' on the page)."""
    names = [BACKEND_JSON, *RELEASE_2024_FILES]
    together = Settings(store_dir=tmp_path / "together")
    ingest(read_paths([sipri_file(n) for n in names]), together, release="2024")
    after = Settings(store_dir=tmp_path / "after")
    ingest(read_paths([sipri_file(n) for n in RELEASE_2024_FILES]), after)
    ingest(read_paths([sipri_file(BACKEND_JSON)]), after, release="2024")

    def rows(settings: Settings):
        st = Store.from_settings(settings)
        info = st.release("2024")
        table = st.table(info, "deliveries")
        return (table.sort_values(["deal_id", "delivery_year"])[["deal_id", "delivery_year", "source_file"]]
                .reset_index(drop=True), {f["name"]: (f["records_stored"], f["records_reported"]) for f in info.files})

    (rows_a, counts_a), (rows_b, counts_b) = rows(together), rows(after)
    assert rows_a.equals(rows_b)
    assert counts_a == counts_b
    assert counts_a[BACKEND_JSON] == (1414, 0)


def test_the_pair_charts_credit_keeps_the_registers_date_after_the_later_backend_json(release_2024: Settings):
    """The issue's reproduction as the Pair page draws it: the chart's own credit (the one a PNG
    download carries) says 13 Oct 2024, never SIPRI's 10 Feb 2025 of the backend JSON."""
    import contextlib

    from tests.e2e.conftest import fetch, serve
    from tests.e2e.test_pair_gunicorn import pair_payloads

    ingest(read_paths([sipri_file(BACKEND_JSON)]), release_2024, release="2024")
    with contextlib.contextmanager(serve)(release_2024) as served:
        _, main_callback = pair_payloads(served.url)
        status, body = fetch(served.url + "/_dash-update-component", main_callback)
    assert status == 200
    response = json.loads(body)["response"]
    [credit] = [a["text"] for a in response["tiv-chart"]["figure"]["layout"]["annotations"] if a.get("name") == "credit"]
    assert "release 2024, data generated 13 Oct 2024" in credit and "2025" not in credit
