"""The pages' callbacks and layouts, called directly (as Dash calls them, inside a request)."""

from __future__ import annotations

import base64
import io
from types import ModuleType

import dash
import openpyxl
import pytest

from dashboard import pair_view
from etl.config import Settings

ALL_OPTIONS = ["open-orders"]


def _update(pair_page: ModuleType, recipients: list[str], selected: list[str] | None = None, years=(1950, 2023)):  # type: ignore[no-untyped-def]
    return pair_page.update_view("2024", ["turkiye"], recipients, list(years), [], "category", ALL_OPTIONS, "5y",
                                 selected or [], "http://host/?x", "?x")


def _by_output(result: tuple) -> dict[str, object]:  # type: ignore[type-arg]
    names = ["search", "notice", "headline", "tiv", "timeline", "shares", "table", "store", "cite_text",
             "cite_bibtex", "cite_ris"]
    return dict(zip(names, result, strict=False))


def test_pair_callback_draws_the_pair_and_writes_the_url(in_request: dash.Dash, pair_page: ModuleType) -> None:
    out = _by_output(_update(pair_page, ["pakistan"]))
    assert out["search"].startswith("?release=2024&supplier=turkiye&recipient=pakistan&from=1950&to=2023")
    totals = next(t for t in out["tiv"].data if t.meta and t.meta.get("kind") == "total")
    assert dict(zip(totals.x, totals.text, strict=True))[2023] == "223.6"
    assert len(out["table"]) == 11
    assert {"MilGem", "Akinci"} <= {row["designation"] for row in out["table"]}
    assert "release 2024" in out["cite_text"] and "@misc{sipri_at_2024" in out["cite_bibtex"]
    assert "recipient=pakistan" in out["store"]["link"]


def test_register_keeps_sipris_question_marks(in_request: dash.Dash, pair_page: ModuleType) -> None:
    rows = _by_output(_update(pair_page, ["pakistan"]))["table"]
    shorland = next(r for r in rows if r["designation"] == "Shorland")
    assert (shorland["order_year"], shorland["units_ordered"], shorland["units_delivered"]) == ("1994?", "50?", "50?")


def test_changing_the_recipient_changes_charts_and_table(in_request: dash.Dash, pair_page: ModuleType) -> None:
    pakistan = _by_output(_update(pair_page, ["pakistan"]))
    india = _by_output(_update(pair_page, ["azerbaijan"]))
    assert {r["recipient"] for r in india["table"]} == {"Azerbaijan"}
    assert india["tiv"].layout.title.text != pakistan["tiv"].layout.title.text
    assert "recipient=azerbaijan" in india["search"]


def test_choosing_a_deal_marks_it_without_resending_the_table(in_request: dash.Dash, pair_page: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pair_page, "triggered_id", lambda: "register")
    out = _by_output(_update(pair_page, ["pakistan"], selected=["50239"]))
    assert out["table"] is dash.no_update
    assert "deal=50239" in out["search"]
    assert any(t.meta and t.meta.get("kind") == "chosen deal" for t in out["timeline"].data)


def test_a_stale_deal_is_dropped_when_the_pair_changes(in_request: dash.Dash, pair_page: ModuleType) -> None:
    out = _by_output(_update(pair_page, ["india"], selected=["50239"]))
    assert "deal=&" in out["search"] or out["search"].endswith("deal=")


def test_layout_from_a_malformed_link_falls_back_with_a_notice(in_request: dash.Dash, pair_page: ModuleType) -> None:
    page = pair_page.layout(supplier="Atlantis", recipient="pakistan", to="12x", release="1850")
    text = str(page)
    assert "names no SIPRI supplier" in text and "is not a year" in text and "not in the store" in text


def test_layout_on_an_empty_store_calls_for_data(empty_store: Settings, pair_page: ModuleType) -> None:
    from dashboard.app import create_app

    app = create_app(empty_store)
    with app.server.test_request_context():
        page = pair_page.layout()
    assert "No SIPRI data in the store yet" in str(page) and "/data" in str(page)


def test_csv_export_has_provenance_and_safe_cells(in_request: dash.Dash, store_2024: Settings) -> None:
    view = pair_view.view_from_link(store_2024, {"supplier": "turkiye", "recipient": "pakistan"})[0]
    store = {"search": view.query_string(), "link": "http://host/" + view.query_string(), "stem": "x"}
    sent = pair_view.csv_download(store_2024, store)
    text = sent["content"]
    assert text.startswith("# Source: SIPRI Arms Transfers Database (c) SIPRI; release 2024")
    assert "# Query: Turkiye -> Pakistan; 1948-2023" in text and "TIV (millions)" in text
    assert "MilGem" in text and sent["filename"] == "x.csv"


def test_xlsx_export_has_an_about_sheet_and_neutralised_cells() -> None:
    import pandas as pd

    deals = pd.DataFrame({"designation": ["=HYPERLINK(\"x\")", "Leopard-2"], "tiv_order_m": [1.0, 2.0]})
    book = openpyxl.load_workbook(io.BytesIO(pair_view.xlsx_bytes(deals, ["Source: SIPRI"])))
    assert book.sheetnames == ["Deals", "About"]
    assert book["Deals"]["A2"].value == "'=HYPERLINK(\"x\")"
    assert book["About"]["A2"].value == "Source: SIPRI"


def test_download_callback_names_the_file_after_the_view(in_request: dash.Dash, pair_page: ModuleType, store_2024: Settings) -> None:
    out = _by_output(_update(pair_page, ["pakistan"]))
    sent = pair_page.download_deals(1, 0, out["store"])
    assert sent["filename"] == "sipri_Turkiye_to_Pakistan_1950-2023_release-2024.csv"


def _upload(name: str, data: bytes) -> tuple[list[str], list[str]]:
    return ["data:text/csv;base64," + base64.b64encode(data).decode()], [name]


def test_upload_of_an_html_page_shows_one_sentence(empty_store: Settings, data_page: ModuleType) -> None:
    from dashboard.app import create_app

    app = create_app(empty_store)
    with app.server.test_request_context():
        shown, _ = data_page.upload_files(*_upload("page.csv", b"<!DOCTYPE html><html><body>Sign in</body></html>"))
    [error] = shown
    assert error.role == "alert" and error.children.startswith("page.csv") and "\n" not in error.children
    assert "Traceback" not in error.children


def test_upload_over_the_size_limit_is_refused(tmp_path, data_page: ModuleType) -> None:  # type: ignore[no-untyped-def]
    from dashboard.app import create_app

    settings = Settings(store_dir=tmp_path / "store", max_upload_bytes=10)
    with create_app(settings).server.test_request_context():
        shown, _ = data_page.upload_files(*_upload("big.csv", b"x" * 11))
    assert "larger than the" in shown[0].children


def test_upload_of_a_sipri_file_ingests_and_reports(tmp_path, data_page: ModuleType, sipri_dir) -> None:  # type: ignore[no-untyped-def]
    from dashboard.app import create_app

    settings = Settings(store_dir=tmp_path / "store")
    data = (sipri_dir / "tiv-imports_2024-10-13.subset.csv").read_bytes()
    with create_app(settings).server.test_request_context():
        shown, stored = data_page.upload_files(*_upload("tiv-imports.csv", data))
    assert "Stored in release 2024" in shown[0].children
    assert "tiv-imports.csv: TIV table" in shown[1].children
    assert "2024" in str(stored)
