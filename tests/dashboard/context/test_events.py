"""Context layers as figures (no browser): the bands a pair's charts get, read back from the
figure and compared with UCDP's file; switching kinds; marked dates; the link's state."""

from __future__ import annotations

import math
from typing import Any

import pytest

from dashboard import queries
from dashboard.context import events
from dashboard.pair import figures
from dashboard.pair import view as pair_view
from dashboard.viewstate import DEFAULT_CONTEXT, PairView, context_from_text
from etl.config import Settings
from tests.e2e.test_context_layers import india_pakistan_rows


def bands(figure: Any, prefix: str) -> dict[int, str]:
    """Each year the figure's bands of that prefix cover, with their group."""
    return {year: s.legendgroup for s in figure.layout.shapes if (s.legendgroup or "").startswith(prefix)
            for year in range(math.ceil(s.x0), math.floor(s.x1) + 1)}


@pytest.fixture(scope="module")
def release(store_2024: Settings) -> queries.ReleaseData:
    return queries.release_data(store_2024, "2024")


def render(data: queries.ReleaseData, **view: Any) -> pair_view.Rendered:
    base = {"release": "2024", "suppliers": ("china",), "recipients": ("pakistan",),
            "from_year": data.first_year, "to_year": data.last_year}
    return pair_view.render(data, PairView(**{**base, **view}))


@pytest.mark.sipri
def test_china_to_pakistan_bands_are_the_years_of_the_india_pakistan_conflict_in_ucdp_s_file(release):
    rows = india_pakistan_rows()
    expected = {int(r["year"]): f"ucdp-218-{r['intensity_level']}" for r in rows}
    out = render(release)
    assert bands(out.tiv_figure, "ucdp-218-") == expected
    # The timeline's axis runs from its oldest deal shown (the 80 most recent): the years it shows.
    first = min(x for t in out.timeline_figure.data for x in (t.x or ()) if isinstance(x, int))
    shown = {y: g for y, g in expected.items() if y >= first}
    assert bands(out.timeline_figure, "ucdp-218-") == shown and len(shown) >= 8
    legend = {s.name for s in out.tiv_figure.layout.shapes if s.showlegend}
    assert {"interstate conflict India-Pakistan, 1,000+ deaths", "interstate conflict India-Pakistan, 25-999 deaths",
            "EU arms embargo on China"} <= legend
    hovers = [t for t in out.tiv_figure.data if (t.meta or {}).get("event") == "ucdp-218-2"]
    assert [int(x) for x in hovers[0].x] == [1948, 1965, 1971]
    assert "interstate conflict India-Pakistan, 1,000+ deaths" in hovers[0].hovertext[0]
    credits = [a.text for a in out.tiv_figure.layout.annotations if a.name == "context-credit"]
    assert credits and "UCDP/PRIO Armed Conflict Dataset 24.1, CC BY 4.0" in credits[0]


@pytest.mark.sipri
def test_the_kinds_switch_the_layers_and_a_view_of_other_years_draws_only_those(release):
    none = render(release, context=())
    assert not bands(none.tiv_figure, "ucdp-") and not bands(none.tiv_figure, "embargo-")
    assert not [a for a in none.tiv_figure.layout.annotations if a.name == "context-credit"]
    internal = render(release, context=("internal",), from_year=2005, to_year=2015)
    groups = set(bands(internal.tiv_figure, "ucdp-").values())
    assert groups and not any(g.startswith("ucdp-218-") for g in groups)  # India-Pakistan is interstate
    assert all(2005 <= y <= 2015 for y in bands(internal.tiv_figure, "ucdp-"))
    # The embargo on China runs from 1989: in a 1990s view it covers every year, as a ribbon.
    embargo = render(release, context=("embargoes",), from_year=1990, to_year=1999)
    assert set(bands(embargo.tiv_figure, "embargo-eu-china")) == set(range(1990, 2000))


@pytest.mark.sipri
def test_marked_dates_are_lines_and_a_bad_one_is_a_notice(release):
    out = render(release, from_year=2010, to_year=2023, marks="2025-05-20 claim's date; 20 May visit")
    [line] = [s for s in out.tiv_figure.layout.shapes if s.type == "line"]
    assert line.x0 == pytest.approx(2025.381, abs=0.001) and line.name == "marked: claim's date, 20 May 2025"
    assert out.tiv_figure.layout.xaxis.range[1] > 2025.38  # the axis reaches the date
    assert any("'20 May visit' is not a date to mark" in n for n in out.notices)


def test_marks_parse_day_month_or_year_and_keep_their_words():
    marks, notices = events.parse_marks("2021-06 contract signing;2019 visit; 2025-13-01 x")
    assert [(m.text, m.label) for m in marks] == [("2021-06", "contract signing"), ("2019", "visit")]
    assert marks[0].legend() == "contract signing, Jun 2021" and marks[1].x == 2019.0
    assert len(notices) == 1 and "2025-13-01" in notices[0]
    assert events.marks_text(marks) == "2021-06 contract signing; 2019 visit"


def test_the_link_holds_the_context_and_falls_back_with_a_notice():
    notices: list[str] = []
    assert context_from_text(None, notices) == DEFAULT_CONTEXT
    assert context_from_text("none", notices) == ()
    assert context_from_text("embargoes,interstate", notices) == ("interstate", "embargoes")
    assert context_from_text("wars", notices) == () and "'wars' is not one of" in notices[0]
    view = PairView("2024", ("china",), ("pakistan",), 2000, 2023, context=(), marks="2019 visit")
    assert "&context=none&marks=2019+visit&" in view.query_string() + "&"


def test_the_layers_read_as_sentences_for_a_text_beside_the_chart():
    marks, _ = events.parse_marks("2019-02-14 visit")
    layers = events.event_layers(("china",), ("pakistan",), (2010, 2023), kinds=("interstate", "embargoes"), marks=marks)
    lines = events.context_lines(layers)
    assert "interstate conflict India-Pakistan, 25-999 deaths: 2013-2020 (UCDP/PRIO conflict 218)" in lines
    assert any(line.startswith("EU arms embargo on China: 2010-2023 (since 1989-06-27, in force: Arms") for line in lines)
    assert lines[-1] == "marked: visit, 14 Feb 2019"


def test_an_empty_figure_gets_no_layers():
    empty = figures.empty_figure(None, "TIV delivered by year", "Choose a supplier or a recipient.")
    layers = events.event_layers(("china",), ("pakistan",), (1990, 2023))
    assert layers.events and events.apply_event_layers(empty, layers) is empty


def test_the_check_page_links_to_the_pair_with_the_claim_s_date_marked(in_request, store_2024):
    from datetime import date

    from etl.store import Store
    from etl.verify.article import ReleaseData, check_text
    from tests.dashboard.conftest import page_module

    check = page_module("check")
    data = ReleaseData.load(Store.from_settings(store_2024), "2024")
    result = check_text("Turkey delivered Bayraktar TB2 drones to Pakistan.", data, date(2025, 5, 20))
    links = [str(a.href) for section in check.claim_sections(result, "2024") for a in _links(section)]
    assert any("marks=2025-05-20+claim%27s+date" in link for link in links)


def _links(component: Any) -> list[Any]:
    found = []
    children = getattr(component, "children", None)
    if getattr(component, "href", None):
        found.append(component)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            found += _links(child)
    return found


@pytest.mark.sipri
def test_the_suppliers_own_wars_and_the_recipients_are_drawn_in_different_hues(release):
    """China -> Pakistan: India-Pakistan (the recipient's) and China-Viet Nam (the supplier's
    alone) must not look like one band; every band of one side has that side's hue."""
    from dashboard import colours

    def hue(colour: str) -> tuple[int, int, int]:
        r, g, b, _ = colour.removeprefix("rgba(").removesuffix(")").split(",")
        return int(r), int(g), int(b)

    def rgb(hex_colour: str) -> tuple[int, int, int]:
        return tuple(int(hex_colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]

    out = render(release)
    fills = {s.legendgroup: hue(s.fillcolor) for s in out.tiv_figure.layout.shapes
             if (s.legendgroup or "").startswith("ucdp-")}
    india_pakistan = {g: f for g, f in fills.items() if g.startswith("ucdp-218-")}
    others = {g: f for g, f in fills.items() if not g.startswith("ucdp-218-")}
    assert india_pakistan and others, fills
    assert set(india_pakistan.values()) == {rgb(colours.CONFLICT_COLOURS["interstate"])}
    assert set(others.values()) == {rgb(colours.SUPPLIER_CONFLICT_COLOURS["interstate"])}
