"""Release diff: matching across releases, relabelling, and what cannot be compared."""

from __future__ import annotations

import pandas as pd
import pytest

from etl.store import ReleaseInfo, Store
from etl.verify.diff import DiffError, diff_releases, release_scope


def info(label: str, last: int = 2025) -> ReleaseInfo:
    return ReleaseInfo(label, 1, f"releases/{label}/g1", f"{label}-03-01T00:00:00",
                       [{"name": f"{label}.csv", "layout": "classic", "query_scope": "as stated"}],
                       {}, {"order_years": [1950, last], "delivery_years": [1950, last]}, {}, [])


def deal(**over: object) -> dict[str, object]:
    row: dict[str, object] = {
        "deal_id": "x", "sipri_deal_id": pd.NA, "supplier": "Turkiye", "supplier_id": "turkiye",
        "recipient": "Pakistan", "recipient_id": "pakistan", "designation": "Akinci",
        "description": "armed drone", "order_year": 2022, "order_year_estimated": False,
        "units_ordered": 3, "units_ordered_estimated": False, "units_delivered": 3,
        "units_delivered_estimated": False, "delivery_years": "2023; 2024", "first_delivery_year": 2023,
        "status": "New", "comments": pd.NA, "tiv_per_unit_m": 4.5, "tiv_order_m": 13.5,
        "tiv_delivered_m": 13.5, "source_line": 1,
    }
    row.update(over)
    return row


def frame(*rows: dict[str, object]) -> pd.DataFrame:
    out = pd.DataFrame(list(rows))
    for column in ("order_year", "units_ordered", "units_delivered", "first_delivery_year", "sipri_deal_id"):
        out[column] = out[column].astype("Int64")
    return out


def test_same_deal_is_unchanged():
    result = diff_releases(info("2025"), frame(deal()), info("2026"), frame(deal(deal_id="y")))
    assert [c.change for c in result.changes] == ["unchanged"]


def test_hyphen_added_by_sipri_is_relabelled_not_removed_and_added():
    old = frame(deal(designation="Bayraktar TB2"))
    new = frame(deal(designation="Bayraktar TB-2"))
    [change] = diff_releases(info("2025"), old, info("2026"), new).changes
    assert change.change == "relabelled"
    assert (change.designation_from, change.designation_to) == ("Bayraktar TB2", "Bayraktar TB-2")


def test_sipri_deal_ids_match_whatever_else_changed():
    old = frame(deal(sipri_deal_id=7, designation="F-6", order_year=1965))
    new = frame(deal(sipri_deal_id=7, designation="J-6", order_year=1966))
    [change] = diff_releases(info("2025"), old, info("2026"), new).changes
    assert change.matched_by == "sipri_deal_id"
    assert {f["field"] for f in change.fields} >= {"designation", "order_year"}


def test_renamed_designation_with_same_numbers_and_years_is_one_deal():
    old = frame(deal(designation="F-6", units_ordered=72, units_delivered=72, delivery_years="1965; 1966"))
    new = frame(deal(designation="J-6", units_ordered=72, units_delivered=72, delivery_years="1965; 1966"))
    [change] = diff_releases(info("2025"), old, info("2026"), new).changes
    assert change.change == "relabelled"


def test_an_open_order_missing_from_a_release_without_open_orders_is_not_comparable():
    old = frame(deal())
    new = frame(deal(), deal(designation="ASELPOD", order_year=2022, units_delivered=0,
                             delivery_years=pd.NA, first_delivery_year=pd.NA))
    result = diff_releases(info("2024", last=2023), old, info("2026"), new)
    assert [c.change for c in result.changes if c.designation == "ASELPOD"] == ["not_comparable"]


def test_a_new_order_in_a_release_with_open_orders_is_added():
    old = frame(deal(), deal(designation="MilGem", units_delivered=0, delivery_years=pd.NA,
                             first_delivery_year=pd.NA, order_year=2018))
    new = frame(deal(), deal(designation="MilGem", units_delivered=0, delivery_years=pd.NA,
                             first_delivery_year=pd.NA, order_year=2018),
                deal(designation="KAAN", order_year=2025, units_delivered=0, delivery_years=pd.NA,
                     first_delivery_year=pd.NA))
    result = diff_releases(info("2025"), old, info("2026"), new)
    assert [c.change for c in result.changes if c.designation == "KAAN"] == ["added"]


def test_from_equal_to_to_is_an_error():
    with pytest.raises(DiffError, match="choose two different releases"):
        diff_releases(info("2026"), frame(deal()), info("2026"), frame(deal()))


@pytest.mark.sipri
def test_turkiye_to_pakistan_2024_to_2026_on_the_shared_files(store_all):
    store = Store.from_settings(store_all)
    old, new = store.release("2024"), store.release("2026")
    result = diff_releases(old, store.table(old, "deals"), new, store.table(new, "deals"), ["turkiye"], ["pakistan"])
    by_name = {(c.designation, c.order_year): c for c in result.changes}

    tb2 = by_name[("Bayraktar TB-2", 2021)]
    fields = {f["field"]: (f["from"], f["to"]) for f in tb2.fields}
    assert (tb2.designation_from, tb2.designation_to) == ("Bayraktar TB2", "Bayraktar TB-2")
    assert fields["units_delivered"] == ("6?", "9?")
    assert tb2.change == "changed" and tb2.reason == "designation relabelled by SIPRI"

    milgem = {f["field"]: (f["from"], f["to"]) for f in by_name[("MilGem", 2018)].fields}
    assert milgem["units_delivered"] == ("1", "2")

    akinci = {f["field"]: (f["from"], f["to"]) for f in by_name[("Akinci", 2022)].fields}
    assert akinci["units_delivered"] == ("2?", "3?")
    assert akinci["units_ordered"] == ("", "3?")

    aselpod_2022 = by_name[("ASELPOD", 2022)]
    assert aselpod_2022.change == "not_comparable"
    assert "no deal without deliveries" in aselpod_2022.reason
    aselpod_2016 = by_name[("ASELPOD", 2016)]
    assert aselpod_2016.change == "reworded"  # aircraft EO system -> aircraft electro-optical system
    assert result.counts["added"] == result.counts["removed"] == 0


@pytest.mark.sipri
def test_the_2024_release_is_known_to_hold_no_open_orders_whatever_its_first_line_says(store_all):
    store = Store.from_settings(store_all)
    info_2024 = store.release("2024")
    scope = release_scope(info_2024, store.table(info_2024, "deals"))
    assert not scope.holds_undelivered
    assert "Deals with deliveries or orders" in scope.basis
    info_2026 = store.release("2026")
    assert release_scope(info_2026, store.table(info_2026, "deals")).holds_undelivered
