"""The URL holds the whole view: written in full, read back exactly, bad values fall back with notices."""

from __future__ import annotations

import pytest

from dashboard.viewstate import PairView, ViewContext, parse_query, view_from_query
from etl.entities import EntityResolver

CONTEXT = ViewContext(
    releases=("2024",), release="2024", first_year=1950, last_year=2023,
    categories=("Aircraft", "Ships"), suppliers=frozenset({"turkiye", "russia", "soviet-union"}),
    recipients=frozenset({"pakistan", "india"}), default_supplier="russia", default_recipient="india",
)
RESOLVE = EntityResolver().resolve


def read(search: str) -> tuple[PairView, list[str]]:
    return view_from_query(parse_query(search), CONTEXT, RESOLVE)


def test_a_written_view_reads_back_exactly() -> None:
    view = PairView("2024", ("turkiye",), ("pakistan", "india"), 1990, 2020, ("Aircraft",), "designation",
                    True, False, "yearly", "50239", "{order_year} > 2015 && {designation} icontains 'T-80, M'",
                    (("order_year", "desc"),), 2)
    again, notices = read(view.query_string())
    assert again == view and notices == []


def test_every_key_is_written() -> None:
    query = parse_query(PairView("2024", ("turkiye",), ("pakistan",), 1950, 2023).query_string())
    assert set(query) == {"release", "supplier", "recipient", "from", "to", "category", "by", "estimates",
                          "open", "shares", "deal", "rfilter", "rsort", "rpage", "context", "marks", "compare"}


def test_names_users_type_are_resolved() -> None:
    view, notices = read("?supplier=Turkey&recipient=Pakistan")
    assert view.suppliers == ("turkiye",) and view.recipients == ("pakistan",) and notices == []


def test_no_pair_in_the_link_gives_the_default_pair_over_the_last_20_years() -> None:
    view, notices = read("")
    assert (view.suppliers, view.recipients, view.from_year, view.to_year) == (("russia",), ("india",), 2004, 2023)
    assert notices == []
    # A link that names a pair but no years keeps SIPRI's whole span.
    assert read("?supplier=turkiye")[0].from_year == 1950


def test_the_registers_filter_sort_and_page_go_into_the_link_beside_the_view() -> None:
    from dashboard.viewstate import with_register

    search = PairView("2024", ("turkiye",), ("pakistan",), 1950, 2023).query_string()
    shared = with_register(search, "{order_year} > 2015", [{"column_id": "tiv_order_m", "direction": "desc"}], 1)
    view, notices = read(shared)
    assert (view.register_filter, view.register_sort, view.register_page) == ("{order_year} > 2015", (("tiv_order_m", "desc"),), 1)
    assert view.sort_by() == [{"column_id": "tiv_order_m", "direction": "desc"}] and notices == []
    assert shared.index("release=") < shared.index("deal=") < shared.index("rfilter=")
    bad, notices = read("?rsort=order_year:sideways&rpage=minus")
    assert bad.register_sort == () and bad.register_page == 0 and len(notices) == 2


@pytest.mark.parametrize(
    ("search", "fragment"),
    [
        ("?supplier=Atlantis", "names no SIPRI supplier"),
        ("?from=19x0", "is not a year"),
        ("?to=3000", "outside this release"),
        ("?from=2020&to=1990", "run backwards"),
        ("?category=Spaceships", "not in this release"),
        ("?by=colour", "is not one of"),
        ("?estimates=maybe", "is not one of"),
        ("?bogus=1", "not used here"),
        ("?recipient=Turkiye", "has no deals as recipient"),
        ("?rpage=0", "not a page number"),
    ],
)
def test_malformed_values_fall_back_with_a_notice(search: str, fragment: str) -> None:
    view, notices = read(search)
    assert any(fragment in n for n in notices), notices
    assert 1950 <= view.from_year <= view.to_year <= 2023


def test_hostile_values_are_cut_short_in_notices() -> None:
    _, notices = read("?supplier=" + "<script>" * 100)
    assert notices and all(len(n) < 400 for n in notices)
