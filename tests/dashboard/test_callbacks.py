"""The pages' callbacks and layouts, called directly (as Dash calls them, inside a request)."""

from __future__ import annotations

import base64
import io
from types import ModuleType

import dash
import openpyxl
import pytest

from dashboard.pair import register as rg
from dashboard.pair import view as pair_view
from etl.config import Settings

ALL_OPTIONS = ["open-orders"]


def _update(pair_page: ModuleType, recipients: list[str], selected: list[str] | None = None, years=(1950, 2023),  # type: ignore[no-untyped-def]
            previous_key=None):
    return pair_page.update_view("2024", ["turkiye"], recipients, list(years), [], "category", ALL_OPTIONS, "5y",
                                 (selected or [None])[0], None, "http://host/?x", "?x", None, previous_key)


def _by_output(result: dict) -> dict[str, object]:  # type: ignore[type-arg]
    """The view's answer, by output name: every name of the page's VIEW_OUTPUTS, nothing else."""
    assert list(result) == ["search", "notice", "headline", "tiv", "timeline", "shares", "register_key", "store",
                            "cite_text", "cite_bibtex", "cite_ris"]
    return result


def _register(pair_page: ModuleType, out: dict, page: int = 0, sort_by=None, filter_query: str = "", selected=None,  # type: ignore[no-untyped-def, type-arg]
              new_view: bool = False):
    """(rows, page count, page shown, count text, ticked row positions) as the grid's callback sends
    them, for the grid's own sort (column state) and filter model; `new_view`: the view just changed."""
    key = out["register_key"]
    sort = [(s["column_id"], s["direction"]) for s in sort_by or []]
    model = rg.filter_model(filter_query)
    shown = {"filter": rg.filter_text(model), "sort": rg.sort_by(rg.column_state(sort)), "page": page,
             "search": "?before" if new_view else key["search"], "deal": None}
    deal = (selected or [None])[0]
    rows, count, state, _, _ = rg.register_shown(key, rg.column_state(sort), model, 0, 0, deal, shown)
    pages = int(count.rsplit(" of ", 1)[1]) if " of " in count else 1
    now = (state if isinstance(state, dict) else shown)["page"]
    return rows, pages, now, count, [i for i, r in enumerate(rows) if r["chosen"]]


def test_pair_callback_draws_the_pair_and_writes_the_url(in_request: dash.Dash, pair_page: ModuleType) -> None:
    out = _by_output(_update(pair_page, ["pakistan"]))
    assert out["search"].startswith("?release=2024&supplier=turkiye&recipient=pakistan&from=1950&to=2023")
    totals = next(t for t in out["tiv"].data if t.meta and t.meta.get("kind") == "total")
    assert dict(zip(totals.x, totals.text, strict=True))[2023] == "223.6"
    rows, pages, _, count, _ = _register(pair_page, out)
    assert len(rows) == 11 and pages == 1 and count == "11 deals"
    assert {"MilGem", "Akinci"} <= {row["designation"] for row in rows}
    assert "release 2024" in out["cite_text"] and "@misc{sipri_at_2024" in out["cite_bibtex"]
    assert "recipient=pakistan" in out["store"]["link"]


def test_register_keeps_sipris_question_marks(in_request: dash.Dash, pair_page: ModuleType) -> None:
    rows = _register(pair_page, _by_output(_update(pair_page, ["pakistan"])))[0]
    shorland = next(r for r in rows if r["designation"] == "Shorland")
    assert (shorland["order_year"], shorland["units_ordered"], shorland["units_delivered"]) == ("1994?", "50?", "50?")


def test_changing_the_recipient_changes_charts_and_table(in_request: dash.Dash, pair_page: ModuleType) -> None:
    pakistan = _by_output(_update(pair_page, ["pakistan"]))
    india = _by_output(_update(pair_page, ["azerbaijan"]))
    assert {r["recipient"] for r in _register(pair_page, india)[0]} == {"Azerbaijan"}
    assert india["tiv"].layout.title.text != pakistan["tiv"].layout.title.text
    assert "recipient=azerbaijan" in india["search"]


def test_choosing_a_deal_marks_it_without_resending_the_table(in_request: dash.Dash, pair_page: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pair_page, "triggered_id", lambda: "chosen-deal")
    out = _by_output(_update(pair_page, ["pakistan"], selected=["50239"], previous_key={"search": "?before"}))
    assert out["register_key"] is dash.no_update and out["shares"] is dash.no_update
    assert "deal=50239" in out["search"]
    assert any(t.meta and t.meta.get("kind") == "chosen deal" for t in out["timeline"].data)
    assert any(t.meta and t.meta.get("kind") == "chosen deal" for t in out["tiv"].data)


def test_register_sends_one_page_and_counts_every_deal(in_request: dash.Dash, pair_page: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    out = _by_output(_update(pair_page, [], years=(1950, 2023)))
    rows, pages, turned, count, _ = _register(pair_page, out)
    assert len(rows) == pair_page.queries.REGISTER_PAGE_SIZE and pages > 1
    assert count.endswith(f"page 1 of {pages}")
    last = _register(pair_page, out, page=pages + 5)
    assert last[2] == pages - 1 and 0 < len(last[0]) <= pair_page.queries.REGISTER_PAGE_SIZE


def test_register_sorts_and_filters_on_the_server(in_request: dash.Dash, pair_page: ModuleType) -> None:
    out = _by_output(_update(pair_page, ["pakistan"]))
    rows = _register(pair_page, out, sort_by=[{"column_id": "tiv_delivered_m", "direction": "desc"}])[0]
    delivered = [r["tiv_delivered_m"] for r in rows if r["tiv_delivered_m"] is not None]
    assert delivered == sorted(delivered, reverse=True)
    rows, _, _, count, _ = _register(pair_page, out, filter_query='{designation} icontains "milgem"')
    assert [r["designation"] for r in rows] == ["MilGem"] and count == "1 deal match the filter"
    estimated = _register(pair_page, out, filter_query='{units_ordered} contains "?"')[0]
    assert estimated and all(r["units_ordered"].endswith("?") for r in estimated)
    recent = _register(pair_page, out, filter_query="{order_year} >= 2018")[0]
    assert recent and all(int(r["order_year"].rstrip("?")) >= 2018 for r in recent)


def test_register_opens_on_the_chosen_deals_page(in_request: dash.Dash, pair_page: ModuleType) -> None:
    out = _by_output(_update(pair_page, [], years=(1950, 2023)))
    every = pair_view.register_deals_for(in_request.server.config["ARMS_EXPLORER_SETTINGS"], out["register_key"]["search"])[0]
    deal = str(every["deal_id"].iloc[3 * pair_page.queries.REGISTER_PAGE_SIZE + 1])
    rows, _, turned, _, ticked = _register(pair_page, out, selected=[deal], new_view=True)
    assert turned == 3 and [rows[i]["id"] for i in ticked] == [deal]


def test_clicking_a_deal_in_the_timeline_chooses_it_and_turns_to_its_page(in_request: dash.Dash, pair_page: ModuleType,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    out = _by_output(_update(pair_page, [], years=(1950, 2023)))
    every = pair_view.register_deals_for(in_request.server.config["ARMS_EXPLORER_SETTINGS"], out["register_key"]["search"])[0]
    deal = str(every["deal_id"].iloc[2 * pair_page.queries.REGISTER_PAGE_SIZE + 4])
    assert pair_page.deal_clicked({"points": [{"customdata": [deal]}]}, None) == deal
    assert pair_page.deal_clicked({"points": [{"customdata": [deal]}]}, deal) is dash.no_update
    assert pair_page.deal_clicked({"points": [{}]}, None) is dash.no_update
    monkeypatch.setattr(rg, "_triggered", lambda: {"chosen-deal.data"})
    rows, _, turned, _, ticked = _register(pair_page, out, selected=[deal])
    assert turned == 2 and [rows[i]["id"] for i in ticked] == [deal]
    # Filtered out of the register: still chosen (the charts mark it), the page stays, nothing ticked.
    rows, _, turned, _, ticked = _register(pair_page, out, filter_query='{designation} icontains "nothing-like-it"', selected=[deal])
    assert rows == [] and ticked == []


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


def test_exports_hold_every_deal_the_register_filter_keeps(in_request: dash.Dash, pair_page: ModuleType) -> None:
    out = _by_output(_update(pair_page, [], years=(1950, 2023)))
    store = out["store"]
    sent = pair_page.download_deals(1, 0, store, {"filter": "{order_year} >= 2000", "sort": []})
    rows = [line for line in sent["content"].splitlines() if not line.startswith("#")]
    matching = _register(pair_page, out, filter_query="{order_year} >= 2000")[3]
    assert len(rows) - 1 == int(matching.split()[0].replace(",", "")) > pair_page.queries.REGISTER_PAGE_SIZE
    assert "register filter: Order year >= '2000'" in sent["content"]


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


def test_switching_context_redraws_the_year_charts_with_the_marked_date(in_request: dash.Dash, pair_page: ModuleType) -> None:
    """The context control's callback answers its eight outputs from the view's named ones."""
    state = ("2024", ["china"], ["pakistan"], [1990, 2023], [], "category", ALL_OPTIONS, "5y", None, None,
             "http://host/?x", "?x", None, None)
    search, notice, tiv, timeline, store, cite_text, cite_bibtex, cite_ris = pair_page.context_changed(
        ["interstate"], "2019-02-26 Balakot", *state)
    assert "recipient=pakistan" in search and "context=interstate" in search
    assert any(t.meta and t.meta.get("kind") == "mark" for t in tiv.data)
    assert any(t.meta and t.meta.get("kind") == "context" for t in timeline.data)
    assert store["link"].endswith(search) and "release 2024" in cite_text and "@misc" in cite_bibtex and cite_ris
