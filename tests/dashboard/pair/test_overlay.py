"""Under the pair chart: two releases on one chart, the yearly series' downloads and reproduce
code; and the Sankey's hover where the yearly split is this tool's."""

from __future__ import annotations

import io

import openpyxl
import pytest

from dashboard import queries
from dashboard.pair import overlay
from dashboard.pair.view import pair_query, view_from_link
from dashboard.viewstate import parse_query
from etl.config import Settings
from tests.dashboard.context.test_context_views import run_snippet

pytestmark = pytest.mark.sipri


def _store(settings: Settings, query: str) -> dict[str, str]:
    view = view_from_link(settings, parse_query(query))[0]
    return {"search": view.query_string(), "link": "https://arms.example.org/" + view.query_string(), "stem": "x"}


def test_two_releases_on_one_chart_show_sipris_revision_year_by_year(store_all: Settings) -> None:
    from dashboard.app import create_app

    with create_app(store_all).server.test_request_context():
        figure, credit, _, note = overlay.overlay_shown(_store(store_all, "?release=2025&supplier=turkiye&recipient=pakistan&from=2004&to=2024"))
    bars, line, key = figure.data
    assert key.name.startswith("hatched: allocated by this tool")  # the 2025 release's split by year is ours
    assert "Totals: 510.98 and 494.28" in figure.layout.title.subtitle.text
    assert "a difference in one year can be that split rather than SIPRI's revision" in note
    assert bars.type == "bar" and bars.name.startswith("bars: release 2025") and line.name.startswith("line: release 2024")
    assert bars.marker.color != line.line.color
    years = list(bars.x)
    # The 2024 release ends in 2023: its 2024 is not covered, never a zero.
    assert line.y[years.index(2024)] is None and bars.y[years.index(2024)] > 0
    hover = bars.hovertext[years.index(2023)]
    assert "Release 2025:" in hover and "Release 2024:" in hover and "Difference (2025 \u2212 2024):" in hover
    assert "not covered" in bars.hovertext[years.index(2024)]
    assert any("allocated by this tool" in h for h in bars.hovertext)  # classic-only releases: our split, said so
    assert "release 2024, data generated 13 Oct 2024" in str(credit) and "release 2025" in str(credit)


def test_with_one_release_the_overlay_says_why_it_is_empty(store_2024: Settings) -> None:
    from dashboard.app import create_app

    with create_app(store_2024).server.test_request_context():
        figure, _, _, _ = overlay.overlay_shown(_store(store_2024, "?release=2024&supplier=turkiye&recipient=pakistan"))
    assert "one release only" in figure.layout.annotations[0].text


def test_the_yearly_series_downloads_with_credit_data_date_and_tiv_header(store_2024: Settings) -> None:
    from dashboard.app import create_app

    store = _store(store_2024, "?release=2024&supplier=turkiye&recipient=pakistan&from=2004&to=2023")
    with create_app(store_2024).server.test_request_context():
        sent = overlay.series_download(1, 0, store)
    text = sent["content"]
    assert sent["filename"] == "x_yearly.csv"
    assert text.startswith("# Source: SIPRI Arms Transfers Database (c) SIPRI; release 2024, data generated 13 Oct 2024.")
    assert "# Data generated: 13 Oct 2024 (SIPRI, release 2024)" in text
    header = next(line for line in text.splitlines() if not line.startswith("#"))
    assert header == "delivery_year,TIV (millions),allocated_by_this_tool"
    assert "$" not in text and "USD" not in text and "2023,223.6,False" in text
    book = openpyxl.load_workbook(io.BytesIO(overlay.xlsx_series(store_2024, store)[0]), read_only=True)
    rows = list(book["Yearly series"].iter_rows(values_only=True))
    assert rows[0] == ("delivery_year", "TIV (millions)", "allocated_by_this_tool") and len(rows) == 1 + 20
    about = [r[0] for r in book["About"].iter_rows(values_only=True)]
    assert "Data generated: 13 Oct 2024 (SIPRI, release 2024)" in about


def test_the_reproduce_code_gives_the_charts_yearly_totals(store_all: Settings) -> None:
    for query in ("?release=2024&supplier=turkiye&recipient=pakistan&from=2004&to=2023",
                  "?release=2025&supplier=china&recipient=pakistan&from=1990&to=2024&estimates=leave-out"):
        view, _, data = view_from_link(store_all, parse_query(query))
        result = run_snippet(overlay.series_code(store_all, data, view))["result"]
        series = overlay.yearly_series(data, view).set_index("delivery_year")[overlay.SERIES_COLUMN]
        assert result.to_dict() == series.to_dict()
        rows = queries.pair_deliveries(data, pair_query(view))
        # Each year is rounded to 2 places: the sum of the years is the whole within those roundings.
        assert abs(float(result.sum()) - float(rows["tiv_delivered_m"].sum())) <= 0.005 * len(result)


def test_sankey_hover_says_where_the_split_by_year_is_the_tools_not_sipris(store_all: Settings) -> None:
    from dashboard.context import render as cr
    from dashboard.context import view as cv

    data = queries.release_data(store_all, "2025")
    out = cr.render_flows(data, cv.FlowsView("2025", ("turkiye",), ("pakistan",), 2015, 2024, None, "imports", False),
                          queries.store_root(store_all))
    link = out.figures["sankey"].to_plotly_json()["data"][0]["link"]
    assert link["customdata"] and all("allocated by this tool, not SIPRI's figure" in c for c in link["customdata"])
    data_2024 = queries.release_data(store_all, "2024")  # SIPRI's own split by year: nothing to say
    out = cr.render_flows(data_2024, cv.FlowsView("2024", ("turkiye",), ("pakistan",), 2015, 2023, None, "imports", False),
                          queries.store_root(store_all))
    assert not any("allocated" in c for c in out.figures["sankey"].to_plotly_json()["data"][0]["link"]["customdata"])
