"""Figure builders on small frames and on the shared release: units, years, credit, marks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import colours, queries
from dashboard.context import figures as cf
from dashboard.context import queries as cq
from dashboard.pair import figures
from etl.config import Settings
from etl.store import ReleaseInfo

INFO = ReleaseInfo("2024", 1, "releases/2024/g1", "2024-10-13T14:20:11", [], {}, {}, {}, [])


def _deliveries(rows: list[dict[str, object]]) -> pd.DataFrame:
    base = {
        "deal_id": "1", "supplier_id": "a", "recipient_id": "b", "designation": "X", "description": "tank",
        "armament_category": "Armoured vehicles", "order_year": 2020, "delivery_year": 2021,
        "units_delivered": 1.0, "units_delivered_estimated": False, "delivery_year_estimated": False,
        "tiv_delivered_m": 1.0, "is_allocated": False,
    }
    return pd.DataFrame([{**base, **r} for r in rows])


def _traces(fig, kind: str) -> list:  # type: ignore[no-untyped-def]
    return [t for t in fig.data if t.meta and t.meta.get("kind") == kind]


def test_tiv_figure_reads_tiv_never_money_with_whole_years_and_credit() -> None:
    fig = figures.tiv_by_year_figure(_deliveries([{}]), INFO)
    assert fig.layout.yaxis.title.text == "TIV (millions)"
    assert fig.layout.xaxis.tickformat == "d"
    assert "$" not in fig.to_json().replace("$80", "")
    credit = fig.layout.annotations[-1].text
    assert "SIPRI Arms Transfers Database" in credit and "release 2024" in credit and "13 Oct 2024" in credit


def test_estimates_and_our_split_keep_their_series_colour_under_a_pattern_never_a_tint() -> None:
    frame = _deliveries([
        {"deal_id": "1"},
        {"deal_id": "2", "units_delivered_estimated": True},
        {"deal_id": "3", "is_allocated": True},
    ])
    fig = figures.tiv_by_year_figure(frame, INFO)
    firm, = _traces(fig, "SIPRI figure")
    estimate, = _traces(fig, "SIPRI estimate (?)")
    allocated, = [t for t in fig.data if t.meta and str(t.meta.get("kind", "")).startswith("allocated by this tool")]
    assert firm.marker.color == estimate.marker.color == allocated.marker.color == colours.category_colour("Armoured vehicles")
    assert all(t.marker.opacity in (None, 1) for t in fig.data if t.type == "bar")
    assert not firm.marker.pattern.shape and estimate.marker.pattern.shape == "." and allocated.marker.pattern.shape == "/"
    # One solid legend swatch for the series, and a grey key for each pattern used.
    legend = [t for t in fig.data if t.type == "bar" and t.showlegend is not False]
    assert [t.name for t in legend] == ["Armoured vehicles", "dotted: SIPRI's estimate (?)",
                                        "hatched: allocated by this tool (even split)"]
    assert legend[0].marker.color == firm.marker.color and not legend[0].marker.pattern.shape
    assert "allocated by this tool" in allocated.hovertemplate
    assert "allocated by this tool" in fig.layout.title.subtitle.text


def test_categories_have_one_colour_and_one_legend_place_whatever_the_years() -> None:
    rows = [{"armament_category": c, "deal_id": str(i), "tiv_delivered_m": 10.0 - i}
            for i, c in enumerate(["Ships", "Aircraft", "Missiles"])]
    wide = figures.tiv_by_year_figure(_deliveries(rows), INFO)
    narrow = figures.tiv_by_year_figure(_deliveries(rows[1:2]), INFO)

    def legend(fig: go.Figure) -> list[tuple[str, str]]:
        return [(t.name, t.marker.color) for t in _traces(fig, "legend")]

    assert legend(wide) == [("Aircraft", "#0072B2"), ("Missiles", "#D55E00"), ("Ships", "#44AA99")]
    assert legend(narrow) == [("Aircraft", "#0072B2")]


def test_an_entity_keeps_its_colour_across_charts_and_partners_of_one_chart_differ() -> None:
    first = colours.entity_colours(["china", "sweden", "a-rare-state", "another", "turkiye"])
    second = colours.entity_colours(["united-states", "china", "another"])
    assert first["china"] == second["china"] == colours.FIXED_ENTITY_COLOURS["china"]
    assert colours.entity_colours(["china", "sweden", "a-rare-state", "another", "turkiye"]) == first  # no state kept
    assert len(set(first.values())) == len(first)
    many = colours.entity_colours([f"entity-{i}" for i in range(len(colours.PALETTE))])
    assert len(set(many.values())) == len(colours.PALETTE)
    assert colours.entity_colours(["others"])["others"] == colours.OTHER_COLOUR


def test_hover_names_the_deals_behind_a_bar() -> None:
    frame = _deliveries([{"deal_id": "1", "designation": "Leopard-2"}, {"deal_id": "2", "designation": "K-9"}])
    [bar] = _traces(figures.tiv_by_year_figure(frame, INFO), "SIPRI figure")
    assert "Leopard-2" in bar.hovertext[0] and "K-9" in bar.hovertext[0]
    assert "%{hovertext}" in bar.hovertemplate and "TIV (millions)" in bar.hovertemplate


def test_totals_are_written_as_the_register_prints_them() -> None:
    assert [figures.format_tiv(v) for v in (223.6, 4.8, 24.48, 104.0, 0.0)] == ["223.6", "4.8", "24.48", "104", "0"]


def test_chosen_deal_is_marked() -> None:
    frame = _deliveries([{"deal_id": "1"}, {"deal_id": "2", "delivery_year": 2022}])
    [mark] = _traces(figures.tiv_by_year_figure(frame, INFO, deal_id="2"), "chosen deal")
    assert list(mark.x) == [2022]


def test_empty_choice_says_so() -> None:
    fig = figures.tiv_by_year_figure(_deliveries([]).iloc[0:0], INFO)
    assert "No deliveries" in fig.layout.annotations[0].text


def test_turkiye_pakistan_chart_shows_223_6_in_2023_and_4_8_in_2022(store_2024: Settings) -> None:
    data = queries.release_data(store_2024, "2024")
    deliveries = queries.pair_deliveries(data, queries.PairQuery(("turkiye",), ("pakistan",)))
    fig = figures.tiv_by_year_figure(deliveries, data.info)
    [total] = _traces(fig, "total")
    shown = dict(zip(total.x, total.text, strict=True))
    assert shown[2023] == "223.6" and shown[2022] == "4.8"
    stacked: dict[int, float] = {}
    for trace in fig.data:
        if trace.type == "bar" and (trace.meta or {}).get("kind") not in ("legend", "pattern key"):
            for x, y in zip(trace.x, trace.y, strict=True):
                stacked[x] = stacked.get(x, 0.0) + y
    assert stacked[2023] == pytest.approx(223.6) and stacked[2022] == pytest.approx(4.8)


def test_timeline_marks_open_orders_pending_and_estimates_hollow(store_2024: Settings) -> None:
    data = queries.release_data(store_2024)
    query = queries.PairQuery(("turkiye",), ("pakistan",))
    fig = figures.timeline_figure(queries.pair_deals(data, query), queries.pair_deliveries(data, query),
                                  data.info, data.last_year, deal_id="50239")
    names = [t.name for t in fig.data]
    assert any(n and n.startswith("open order, pending") for n in names)
    deliveries = next(t for t in fig.data if t.name and t.name.startswith("delivery"))
    assert "circle-open" in deliveries.marker.symbol and "circle" in deliveries.marker.symbol
    assert _traces(fig, "chosen deal")
    assert fig.layout.xaxis.tickformat == "d"


def test_shares_figure_draws_each_supplier_in_its_colour_outlines_the_chosen_and_plots_hhi() -> None:
    shares = pd.DataFrame({"period_start": [2019, 2019, 2019], "period_end": [2023, 2023, 2023],
                           "supplier_id": ["china", "sweden", "russia"],
                           "tiv_delivered_m": [60.0, 25.0, 15.0], "share_pct": [60.0, 25.0, 15.0]})
    hhi = pd.DataFrame({"period_start": [2019], "period_end": [2023], "hhi": [4450.0], "suppliers": [3]})
    fig = figures.supplier_shares_figure(shares, hhi, INFO, {"china": "China", "sweden": "Sweden", "russia": "Russia"},
                                         ["sweden"], 5, "Pakistan")
    bars = [t for t in fig.data if t.type == "bar"]
    assert [t.name for t in bars] == ["Sweden (chosen)", "China", "Russia"]
    assert [t.marker.color for t in bars] == [colours.entity_colours(["sweden", "china", "russia"])[s] for s in ("sweden", "china", "russia")]
    assert bars[1].marker.color == colours.FIXED_ENTITY_COLOURS["china"] and len({t.marker.color for t in bars}) == 3
    assert bars[0].marker.line.width > 0 and not bars[1].marker.line.width
    assert _traces(fig, "hhi")[0].y == (4450.0,)
    assert list(fig.layout.xaxis.categoryarray) == ["2019-23"]


def test_timeline_says_which_figures_this_tool_allocated_and_labels_deals_without_ids() -> None:
    deals = pd.DataFrame([{
        "deal_id": f"c-{i}", "designation": "T-80", "description": "tank", "order_year": 2019, "order_year_estimated": False,
        "last_delivery_year": 2023, "is_open_order": False, "units_ordered": 199.0, "units_delivered": 199.0,
        "delivery_years": "2019; 2020; 2021; 2022; 2023",
    } for i in (1, 2)])
    rows = _deliveries([{"deal_id": f"c-{i}", "designation": "T-80", "delivery_year": y, "units_delivered": 39.8,
                         "is_allocated": True} for i in (1, 2) for y in range(2019, 2024)])
    fig = figures.timeline_figure(deals, rows, INFO, 2023)
    labels = list(fig.layout.yaxis.categoryarray)
    assert labels == ["T-80 (tank) 2019 (2)", "T-80 (tank) 2019 (1)"] and not any("#" in x for x in labels)
    marks = next(t for t in fig.data if t.name and t.name.startswith("delivery"))
    assert not any(marks.text), "an allocated figure is never printed as if it were SIPRI's"
    assert all("allocated by this tool" in h and "SIPRI: 199 delivered in 2019; 2020" in h for h in marks.hovertext)
    assert set(marks.marker.symbol) == {"square"}


# ---- SIPRI's text is drawn as text: plotly.js's own markup escaped --------------------------------

MARKUP = "<b>X</b>"
ESCAPED = "&lt;b&gt;X&lt;/b&gt;"
LINK = "<a href='https://example.invalid'>tank</a>"


NOT_DRAWN = {"meta", "legendgroup"}  # keys plotly.js never draws: they keep the raw value for tests and grouping


def _strings(value: Any) -> Iterator[str]:
    """Every string plotly.js may draw in a figure's dict: names, hovers, ticks, titles, annotations."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            if k not in NOT_DRAWN:
                yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


def _shows_markup_as_text(fig: go.Figure) -> None:
    strings = list(_strings(fig.to_dict()))
    assert not [s for s in strings if MARKUP in s or "<a " in s]
    assert any(ESCAPED in s for s in strings)


def test_plain_escapes_what_plotly_reads_as_markup() -> None:
    assert figures.plain("<b>R&D</b> 9") == "&lt;b&gt;R&amp;D&lt;/b&gt; 9"
    assert figures.plain("Bosnia-Herzegovina") == "Bosnia-Herzegovina"


def test_markup_in_a_designation_is_escaped_in_legend_and_hover_not_in_our_own_markup() -> None:
    frame = _deliveries([{"designation": MARKUP, "description": LINK}])
    fig = figures.tiv_by_year_figure(frame, INFO, by="designation", deal_id="1", title=f"TIV delivered: {MARKUP}")
    [bar] = _traces(fig, "SIPRI figure")
    assert bar.name == ESCAPED
    assert ESCAPED in bar.hovertext[0] and "&lt;a href=" in bar.hovertext[0]
    # Our own bold name and line breaks stay markup around the escaped text.
    assert bar.hovertemplate.startswith(f"<b>{ESCAPED}</b> (SIPRI figure)<br>")
    [mark] = _traces(fig, "chosen deal")
    assert mark.name == f"Chosen deal: {ESCAPED}" and ESCAPED in mark.hovertext[0]
    assert ESCAPED in fig.layout.title.text
    _shows_markup_as_text(fig)


def test_markup_in_a_designation_is_escaped_in_the_timelines_ticks() -> None:
    deals = pd.DataFrame([{
        "deal_id": "1", "designation": MARKUP, "description": LINK, "order_year": 2020, "order_year_estimated": False,
        "last_delivery_year": 2021, "is_open_order": True, "units_ordered": 3.0, "units_delivered": 1.0,
    }])
    fig = figures.timeline_figure(deals, _deliveries([{"designation": MARKUP}]), INFO, 2023, deal_id="1")
    assert all(label.startswith(f"{ESCAPED} (&lt;a href=") for label in fig.layout.yaxis.categoryarray)
    _shows_markup_as_text(fig)


def test_markup_in_a_supplier_name_is_escaped_in_the_shares_chart() -> None:
    shares = pd.DataFrame({"period_start": [2019], "period_end": [2023], "supplier_id": ["a"],
                           "tiv_delivered_m": [75.0], "share_pct": [100.0]})
    hhi = pd.DataFrame({"period_start": [2019], "period_end": [2023], "hhi": [10000.0], "suppliers": [1]})
    fig = figures.supplier_shares_figure(shares, hhi, INFO, {"a": MARKUP}, ["a"], 5, MARKUP)
    assert fig.data[0].name == f"{ESCAPED} (chosen)"
    _shows_markup_as_text(fig)


def _entity_rows() -> pd.DataFrame:
    frame = pd.DataFrame({"supplier_id": ["a", "b"], "recipient_id": ["x", "x"], "delivery_year": [2000, 2001],
                          "tiv_delivered_m": [10.0, 5.0]})
    frame["units_delivered_estimated"] = False
    frame["delivery_year_estimated"] = False
    frame["is_allocated"] = False
    frame["armament_category"] = [MARKUP, "Ships"]
    return frame


def _context_figures() -> dict[str, go.Figure]:
    names = {"a": MARKUP, "b": "B", "x": MARKUP}
    rows = _entity_rows()
    by_category = cq.by_category(rows, 5, 2003)
    flows = pd.DataFrame({"supplier_id": ["a"], "recipient_id": ["x"], "tiv_delivered_m": [10.0], "tiv_estimated_m": [0.0]})
    series = pd.DataFrame({"supplier_id": ["a"], "recipient_id": ["x"], "delivery_year": [2000], "tiv_delivered_m": [10.0],
                           "share_pct": [100.0], "tiv_estimated_m": [0.0], "recipient_imports_m": [10.0]})
    mapped = pd.DataFrame({"iso3": ["TUR"], "tiv_delivered_m": [10.0], "share_pct": [100.0], "name": [MARKUP]})
    return {
        "by year": cf.partner_year_figure(cq.by_partner_year(rows, "imports", top=2), names, INFO, MARKUP, "imports", (2000, 2003)),
        "shares": cf.partner_shares_figure(cq.partner_shares(rows, "imports", 5, 2003), names, INFO, MARKUP, "imports", 5),
        "categories": cf.category_figure(by_category, by_category.iloc[0:0], INFO, MARKUP, 5, True),
        "dependency": cf.dependency_figure(cq.dependency(rows, 5, 2003), names, INFO, MARKUP, 5),
        "compare": cf.compare_figure(series, names, INFO, "tiv", (2000, 2003)),
        "sankey": cf.sankey_figure(flows, names, INFO, f"Flows {MARKUP}"),
        "map": cf.partner_map_figure(mapped, INFO, MARKUP, "PAK", "imports", (2000, 2003), 0),
        "empty": cf.partner_year_figure(rows.iloc[0:0], names, INFO, MARKUP, "imports", (2000, 2003)),
    }


@pytest.mark.parametrize("chart", ["by year", "shares", "categories", "dependency", "compare", "sankey", "map", "empty"])
def test_markup_in_entity_names_and_categories_is_escaped_in_every_context_chart(chart: str) -> None:
    _shows_markup_as_text(_context_figures()[chart])
