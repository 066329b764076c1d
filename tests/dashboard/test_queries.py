"""Queries over the shared 2024 release: the pair page's figures come out as the CLI prints them."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from dashboard import queries
from etl import analysis
from etl.config import Settings
from etl.errors import StoreError, UnknownReleaseError

TURKIYE_PAKISTAN = queries.PairQuery(suppliers=("turkiye",), recipients=("pakistan",))


def test_turkiye_to_pakistan_tiv_matches_the_cli_figures(store_2024: Settings) -> None:
    data = queries.release_data(store_2024, "2024")
    by_year = analysis.tiv_by_year(queries.pair_deliveries(data, TURKIYE_PAKISTAN)).set_index("delivery_year")
    assert by_year.loc[2023, "tiv_delivered_m"] == pytest.approx(223.6)
    assert by_year.loc[2022, "tiv_delivered_m"] == pytest.approx(4.8)


def test_release_frames_are_cached_per_generation(store_2024: Settings) -> None:
    first = queries.release_data(store_2024, "2024")
    assert queries.release_data(store_2024, "2024") is first
    assert first.info.label == "2024"
    assert first.first_year <= 1950 and first.last_year == 2023


def test_categorical_columns_keep_the_release_small(store_2024: Settings) -> None:
    data = queries.release_data(store_2024)
    assert isinstance(data.deliveries["supplier_id"].dtype, pd.CategoricalDtype)
    assert "comments" not in data.deliveries.columns


def test_options_name_the_type_and_find_aliases(store_2024: Settings) -> None:
    data = queries.release_data(store_2024)
    turkiye = next(o for o in data.supplier_options if o["value"] == "turkiye")
    assert turkiye["label"] == "Turkiye (state)"
    assert "turkey" in turkiye["search"]


def test_unknown_release_and_empty_store_raise_sentences(store_2024: Settings, empty_store: Settings) -> None:
    with pytest.raises(UnknownReleaseError, match="Unknown release '1999'"):
        queries.release_data(store_2024, "1999")
    with pytest.raises(StoreError, match="holds no release"):
        queries.release_data(empty_store)
    assert queries.releases(empty_store) == []


def test_year_range_and_estimate_filters(store_2024: Settings) -> None:
    data = queries.release_data(store_2024)
    some = queries.pair_deliveries(data, queries.PairQuery(("turkiye",), ("pakistan",), 2022, 2023))
    assert set(some["delivery_year"]) == {2022, 2023}
    firm = queries.pair_deliveries(data, queries.PairQuery(("turkiye",), ("pakistan",), leave_out_estimates=True))
    assert not analysis.is_estimated(firm).any()
    # 2023: 223.6 in all, of which SIPRI estimated 18.6.
    assert firm[firm["delivery_year"] == 2023]["tiv_delivered_m"].astype(float).sum() == pytest.approx(205.0)


def test_pair_deals_include_open_orders_only_when_asked(store_2024: Settings) -> None:
    data = queries.release_data(store_2024)
    deals = queries.pair_deals(data, TURKIYE_PAKISTAN)
    assert len(deals) == 11
    assert deals["is_open_order"].sum() == 1  # MilGem: 1 of 4 frigates delivered by 2023
    recent = queries.pair_deals(data, queries.PairQuery(("turkiye",), ("pakistan",), 2020, 2023))
    assert set(recent["designation"]) >= {"MilGem", "Akinci", "Bayraktar TB2"}
    assert "Shorland" not in set(recent["designation"])


def test_headline_ranks_the_supplier_among_the_recipients(store_2024: Settings) -> None:
    data = queries.release_data(store_2024)
    deliveries = queries.pair_deliveries(data, TURKIYE_PAKISTAN)
    deals = queries.pair_deals(data, TURKIYE_PAKISTAN)
    head = queries.headline(data, TURKIYE_PAKISTAN, deliveries, deals)
    assert head.deals == 11 and head.open_orders == 1
    assert head.tiv_delivered_m == pytest.approx(499.28)
    [(supplier, rank, of)] = head.ranks
    assert supplier == "turkiye" and 1 <= rank <= of


def test_default_pair_is_the_biggest_recent_flow(store_2024: Settings) -> None:
    data = queries.release_data(store_2024)
    assert queries.default_pair(data) == ("russia", "india")


# ---- the deal register on the server: filter, sort, page -------------------------------------


def _register_deals() -> pd.DataFrame:
    """Four deals with every column the register shows (tiny and inline)."""
    rows = [
        ("d1", "Bayraktar TB2", "armed UAV", 2018, False, 12, True, 12, False, 5.0, "New", "a && b"),
        ("d2", "MilGem", "frigate", 2018, True, 4, False, 2, False, 300.0, "New", ""),
        ("d3", "T-129", "combat helicopter", 2016, False, None, False, None, False, None, "New", "cancelled"),
        ("d4", "Shorland", "APC", 1994, True, 50, True, 50, True, 0.5, "Second hand", ""),
    ]
    columns = ["deal_id", "designation", "description", "order_year", "order_year_estimated", "units_ordered",
               "units_ordered_estimated", "units_delivered", "units_delivered_estimated", "tiv_delivered_m",
               "status", "comments"]
    frame = pd.DataFrame(rows, columns=columns)
    for column in ("units_ordered", "units_delivered"):
        frame[column] = frame[column].astype("Int64")
    frame["supplier"], frame["recipient"] = "Turkiye", "Pakistan"
    frame["delivery_years"], frame["armament_category"] = "", None
    frame["tiv_per_unit_m"] = frame["tiv_order_m"] = frame["tiv_delivered_m"]
    return frame


def test_register_filter_reads_the_tables_own_syntax() -> None:
    parsed = queries.register_filter('{designation} icontains "tb2" && {order_year} ge 2016 && {comments} scontains "a && b"')
    assert parsed == (
        queries.Condition("designation", "contains", "tb2"),
        queries.Condition("order_year", ">=", "2016"),
        queries.Condition("comments", "contains", "a && b"),
    )
    assert queries.register_filter("{deal_id} = 1 && nonsense && {designation} contains ''") == ()
    assert queries.register_filter(None) == ()


def test_register_filters_text_by_what_it_shows_and_numbers_as_numbers() -> None:
    deals = _register_deals()
    ids = lambda text: list(queries.register_deals(deals, queries.register_filter(text))["deal_id"])  # noqa: E731
    assert ids("{designation} icontains tb2") == ["d1"]
    assert ids('{order_year} contains "?"') == ["d2", "d4"]  # SIPRI's estimates, as the register marks them
    assert ids("{order_year} > 2016") == ["d1", "d2"]
    assert ids("{units_ordered} <= 12") == ["d1", "d2"]  # an unknown count matches no comparison
    assert ids("{status} = 'second hand'") == ["d4"]
    assert ids("{units_ordered} > many") == []


def test_register_sorts_numbers_as_numbers_with_blanks_last_and_pages() -> None:
    deals = _register_deals()
    by_units = queries.register_deals(deals, (), [{"column_id": "units_ordered", "direction": "desc"}])
    assert list(by_units["deal_id"]) == ["d4", "d1", "d2", "d3"]
    by_name = queries.register_deals(deals, (), [{"column_id": "designation", "direction": "asc"}])
    assert list(by_name["deal_id"]) == ["d1", "d2", "d4", "d3"]
    page, now, pages = queries.register_page(by_name, 7, size=3)
    assert (list(page["deal_id"]), now, pages) == (["d3"], 1, 2)
    assert queries.page_of_deal(by_name, "d3", size=3) == 1 and queries.page_of_deal(by_name, "x", size=3) is None


def test_a_recipients_supplier_figures_are_kept_per_choice(store_2024: Settings) -> None:
    """The shares chart of one recipient, read from the release's memo, is what the imports give;
    the chosen supplier is part of the key (a kept supplier never leaks into another view)."""
    data = queries.release_data(store_2024, "2024")
    query = queries.PairQuery(suppliers=("turkiye",), recipients=("pakistan",), from_year=2004, to_year=2023)
    imports = queries.recipient_imports(data, query)
    shares, hhi = queries.recipient_suppliers(data, query, 5, 2023, keep=("turkiye",))
    pd.testing.assert_frame_equal(shares, analysis.supplier_shares(imports, 5, 2023, keep=("turkiye",)))
    pd.testing.assert_frame_equal(hhi, analysis.concentration(imports, 5, 2023))
    assert queries.recipient_suppliers(data, query, 5, 2023, keep=("turkiye",))[0] is shares
    other = queries.recipient_suppliers(data, replace(query, suppliers=("sweden",)), 5, 2023, keep=("sweden",))[0]
    assert "sweden" in set(other["supplier_id"]) and other is not shares
    totals = imports.groupby("supplier_id", observed=True)["tiv_delivered_m"].sum().astype("float64")
    totals = totals[totals > 0]
    expected_rank = int((totals > totals["turkiye"]).sum()) + 1
    assert queries.supplier_ranks(data, query) == [("turkiye", expected_rank, len(totals))]


def test_memo_keeps_the_most_recent_results_only() -> None:
    memo = queries.Memo(2)
    made: list[str] = []
    for key in ("a", "b", "a", "c", "b"):
        memo.get(key, lambda k=key: made.append(k) or k)
    assert made == ["a", "b", "c", "b"]  # "a" was used again before "c" came; "b" was the oldest
