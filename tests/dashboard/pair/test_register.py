"""The deal register's open-order column: shown, filtered and sorted on the server like the others."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import queries
from dashboard.pair.view import TABLE_COLUMNS, register_rows
from etl.config import Settings


def test_open_orders_say_how_many_are_still_to_come() -> None:
    deals = pd.DataFrame({"units_ordered": [4.0, None, 10.0], "units_delivered": [2.0, None, 10.0],
                          "is_open_order": [True, True, False]})
    assert queries.open_order_text(deals).tolist() == ["open: 2 of 4 to come", "open: none delivered yet", ""]
    assert ("open_order", "Open order", "text") in TABLE_COLUMNS


@pytest.mark.sipri
def test_the_register_shows_filters_and_sorts_the_open_order_column(store_2024: Settings) -> None:
    data = queries.release_data(store_2024, "2024")
    deals = queries.pair_deals(data, queries.PairQuery(("turkiye",)))
    open_count = int(deals["is_open_order"].astype("bool").sum())
    assert open_count > 0
    kept = queries.register_deals(deals, queries.register_filter('{open_order} icontains "open"'))
    assert len(kept) == open_count
    rows = register_rows(kept)
    assert all(r["open_order"].startswith("open") for r in rows)
    ordered = queries.register_deals(deals, (), [{"column_id": "open_order", "direction": "desc"}])
    shown = queries.open_order_text(ordered).tolist()
    assert all(shown[:open_count]) and not any(shown[open_count:])


@pytest.mark.sipri
def test_a_classic_only_release_says_in_every_label_and_hover_that_the_yearly_split_is_ours(store_all: Settings) -> None:
    from dashboard.context import render as cr
    from dashboard.context import view as cv
    from dashboard.pair.view import render
    from dashboard.viewstate import PairView

    data = queries.release_data(store_all, "2025")
    out = render(data, PairView("2025", ("turkiye",), ("pakistan",), 2004, 2024))
    bars = [t for t in out.tiv_figure.data if t.type == "bar" and (t.meta or {}).get("kind") not in ("legend", "pattern key")]
    assert bars and all("allocated by this tool" in t.hovertemplate for t in bars)
    [total] = [t for t in out.tiv_figure.data if (t.meta or {}).get("kind") == "total"]
    assert all(text.startswith("\u2248") for text in total.text) and "allocated by this tool" in total.hovertemplate
    marks = next(t for t in out.timeline_figure.data if t.name and t.name.startswith("delivery"))
    assert not any(marks.text) and all("allocated by this tool" in h for h in marks.hovertext)
    compare = cr.render_compare(data, cv.CompareView("2025", (("turkiye", "pakistan"),), 2004, 2024), queries.store_root(store_all))
    line = compare.figures["compare"].data[0]
    assert all("allocated by this tool" in h for h in line.hovertext)


# ---- the register as an AG Grid (dashboard/pair/register.py) -----------------------------------


def test_the_filter_row_types_as_the_old_table_and_the_link_keeps_its_syntax() -> None:
    from dashboard.pair import register as rg

    model = {"order_year": {"filterType": "text", "type": "contains", "filter": "> 2010"},
             "designation": {"filterType": "text", "type": "contains", "filter": "TB2"},
             "units_ordered": {"filterType": "text", "type": "contains", "filter": "?"}}
    text = rg.filter_text(model)
    assert [(c.column, c.operator, c.value) for c in queries.register_filter(text)] == [
        ("order_year", ">", "2010"), ("designation", "contains", "TB2"), ("units_ordered", "contains", "?")]
    # An old link's filter opens in the grid's filter row as it was typed.
    assert rg.filter_model('{order_year} > 2015 && {designation} icontains "TB2"') == {
        "order_year": {"filterType": "text", "type": "contains", "filter": "> 2015"},
        "designation": {"filterType": "text", "type": "contains", "filter": "TB2"}}
    assert rg.filter_text(rg.filter_model(text)) == text


def test_the_grids_sort_reaches_the_server_in_its_order() -> None:
    from dashboard.pair import register as rg

    state = [{"colId": "supplier", "sort": None}, {"colId": "tiv_order_m", "sort": "desc", "sortIndex": 1},
             {"colId": "order_year", "sort": "asc", "sortIndex": 0}]
    assert rg.sort_by(state) == [{"column_id": "order_year", "direction": "asc"},
                                 {"column_id": "tiv_order_m", "direction": "desc"}]
    assert rg.sort_by(rg.column_state((("order_year", "desc"),))) == [{"column_id": "order_year", "direction": "desc"}]


def test_columns_pin_the_designation_name_sipris_columns_and_say_what_the_other_release_holds() -> None:
    from dashboard.pair import register as rg

    defs = {d["colId"]: d for d in rg.column_defs("2024", hidden=["comments"])}
    assert defs["designation"]["pinned"] == "left"
    assert defs["units_ordered"]["headerTooltip"].startswith("SIPRI: Number ordered")
    assert defs["tiv_delivered_m"]["headerTooltip"] == "SIPRI: SIPRI TIV of delivered weapons (TIV, millions)"
    assert defs["open_order"]["headerName"] == "Open order"
    assert defs["in_compare_release"]["headerName"] == "In release 2024"
    assert defs["comments"]["hide"] and not defs["supplier"]["hide"]
    assert "in_compare_release" not in {d["colId"] for d in rg.column_defs("")}
    assert rg.hidden_columns("2024", ["supplier", "recipient"])[:2] == ["description", "armament_category"]


@pytest.mark.sipri
def test_the_older_release_column_gives_that_releases_figures_or_says_it_does_not_hold_the_deal(store_all: Settings) -> None:
    from dashboard.pair import compare as rc

    texts = rc.deal_texts(store_all, "2025", "2024", ("turkiye",), ("pakistan",))
    deals = queries.release_data(store_all, "2025").deals.set_index("deal_id")
    by_name = {(deals.loc[k, "designation"], int(deals.loc[k, "order_year"])): v for k, v in texts.items()}
    # SIPRI revised the TB2 deliveries to Pakistan: 6 in the 2024 release, 9 in 2025's.
    assert by_name[("Bayraktar TB2", 2021)].startswith("ordered not given, delivered 6?")
    assert by_name[("MilGem", 2018)] == "ordered 4, delivered 1, TIV delivered 205"
    assert by_name[("ASELPOD", 2022)] == "not in 2024 (its files hold no deal without deliveries)"
    rows = register_rows(deals.reset_index(), texts, "2024")
    assert all(r["in_compare_release"] for r in rows)
