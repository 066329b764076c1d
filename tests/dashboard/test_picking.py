"""The pickers' order: exact names and aliases before names containing them, states before actors."""

from __future__ import annotations

import pytest

from dashboard import picking, queries
from dashboard.context import render as cr
from dashboard.context import view as cv
from etl.config import Settings
from etl.entities import EntityResolver


@pytest.fixture(scope="module")
def ordered() -> list[str]:
    resolver = EntityResolver()
    return [o["value"] for o in picking.ordered_options(resolver, resolver.search_options())]


def test_an_alias_comes_before_every_name_that_contains_it(ordered: list[str]) -> None:
    # "UK" is inside "Ukraine" and "Provisional IRA (UK)"; "Turkey" inside "PKK (Turkey)".
    assert ordered.index("united-kingdom") < ordered.index("ukraine") < ordered.index("provisional-ira-uk")
    assert ordered.index("turkiye") < ordered.index("pkk-turkiye")


def test_states_come_first_then_historical_states_then_actors_otherwise_by_name(ordered: list[str]) -> None:
    resolver = EntityResolver()
    ranks = [picking.type_rank(resolver, i) for i in ordered]
    assert ordered[0] == "afghanistan"  # an ISO3 inside a name ('gha') moves nothing
    assert set(ranks[:150]) == {0}
    actors = [i for i, r in enumerate(ranks) if r == picking.TYPE_ORDER.index("non_state_actor")]
    assert min(actors) > ordered.index("zimbabwe") and min(actors) > ordered.index("soviet-union")


def test_the_browser_gets_each_entitys_exact_keys_and_type_rank() -> None:
    resolver = EntityResolver()
    options = picking.ordered_options(resolver, resolver.search_options())
    ranks = picking.entity_ranks(resolver, options)
    position, kind, keys = ranks["united-kingdom"]
    assert options[position]["value"] == "united-kingdom" and kind == 0  # type: ignore[index]
    assert {"uk", "unitedkingdom", "gbr"} <= set(keys)  # type: ignore[arg-type]
    assert ranks["soviet-union"][1] == 1 and "ussr" in ranks["soviet-union"][2]  # type: ignore[operator]


@pytest.mark.sipri
def test_the_release_sends_its_options_in_the_pickers_order(store_2024: Settings) -> None:
    data = queries.release_data(store_2024, "2024")
    positions = [data.picker_ranks[o["value"]][0] for o in cv.entity_options(data)]
    assert positions == sorted(positions)
    suppliers = [o["value"] for o in data.supplier_options]
    assert suppliers.index("turkiye") < suppliers.index("ukraine") or "ukraine" not in suppliers


@pytest.mark.sipri
def test_a_pair_without_deals_says_so_instead_of_drawing_a_zero_line(store_2024: Settings) -> None:
    from dashboard.pair.view import render
    from dashboard.viewstate import PairView

    data = queries.release_data(store_2024, "2024")
    out = render(data, PairView("2024", ("pakistan",), ("india",), 1950, 2023))
    assert any(n.startswith("SIPRI records no deals from Pakistan to India in 1950-2023") for n in out.notices)
    compare = cr.render_compare(data, cv.CompareView("2024", (("china", "pakistan"), ("pakistan", "india")), 2000, 2023),
                                queries.store_root(store_2024))
    assert any("no deliveries from Pakistan to India" in n for n in compare.notices)
    lines = [t for t in compare.figures["compare"].data if t.meta["recipient_id"] == "india"]
    assert [t.meta["kind"] for t in lines] == ["no deliveries"] and list(lines[0].y) == [None]
