"""The linking and allocation rules on tiny frames written here (the way PUDL tests its
transforms): each rule a researcher relies on, one deal at a time."""

from __future__ import annotations

import pandas as pd
import pytest

from etl.transform import READERS, LinkReport, link_release
from etl.transform.allocate import allocated_deliveries
from etl.transform.link import link_classic_to_delivery


def classic(*rows: tuple) -> pd.DataFrame:
    """Classic deals: (deal_id, order_year, delivery_years, units, tiv delivered, designation)."""
    return pd.DataFrame([
        {"deal_id": d, "sipri_deal_id": pd.NA, "supplier": "Turkiye", "recipient": "Pakistan", "order_year": y,
         "delivery_years": years, "units_delivered": n, "tiv_delivered_m": tiv, "tiv_per_unit_m": 4.0,
         "status": "New", "designation": name, "armament_category": pd.NA, "tiv_unit_new_m": pd.NA,
         "local_production": pd.NA, "source_layout": "classic", "source_file": "register.csv", "source_line": 10 + i}
        for i, (d, y, years, n, tiv, name) in enumerate(rows)
    ]).astype({"sipri_deal_id": "Int64", "order_year": "Int64", "units_delivered": "Int64",
               "tiv_delivered_m": "Float64", "tiv_per_unit_m": "Float64", "tiv_unit_new_m": "Float64",
               "local_production": "boolean", "armament_category": "str"})


def delivery_deals(*rows: tuple) -> pd.DataFrame:
    """Delivery-level deals: (SIPRI id, order_year, delivery_years, units, tiv delivered, designation)."""
    frame = classic(*[(str(i), y, years, n, tiv, name) for i, y, years, n, tiv, name in rows])
    return frame.assign(sipri_deal_id=pd.array([r[0] for r in rows], dtype="Int64"),
                        armament_category="Aircraft", tiv_unit_new_m=pd.array([5.0] * len(rows), dtype="Float64"),
                        local_production=pd.array([False] * len(rows), dtype="boolean"), source_layout="delivery")


def test_a_classic_deal_takes_sipris_id_where_the_delivery_rows_agree() -> None:
    deals, report = link_release(
        classic(("c-1", 2021, "2022; 2023", 6, 24.0, "Bayraktar TB2")),
        delivery_deals((30551, 2021, "2022; 2023", 6, 24.0, "Bayraktar TB-2")),
    )
    assert list(deals["deal_id"]) == ["30551"]  # TB2 and TB-2 are one deal, not two
    assert deals["armament_category"].tolist() == ["Aircraft"] and deals["source_layout"].tolist() == ["classic+delivery"]
    assert (report.linked, report.classic_with_deliveries, report.unlinked) == (1, 1, ())


def test_deals_that_disagree_on_years_stay_apart_and_the_classic_one_is_reported() -> None:
    deals, report = link_release(
        classic(("c-1", 2021, "2022; 2023", 6, 24.0, "Bayraktar TB2")),
        delivery_deals((30551, 2021, "2023; 2024", 6, 24.0, "Bayraktar TB-2")),
    )
    assert sorted(deals["deal_id"]) == ["30551", "c-1"]
    assert report.linked == 0 and report.delivery_deals_without_classic == 1
    assert report.unlinked[0]["source_line"] == 10 and "Bayraktar TB2 (2021)" in str(report.unlinked[0]["deal"])


def test_two_like_deals_are_matched_one_to_one_on_what_agrees() -> None:
    pairs = link_classic_to_delivery(
        classic(("c-1", 2018, "2019", 2, 8.0, "T-129"), ("c-2", 2018, "2019", 4, 16.0, "T-129")),
        delivery_deals((7, 2018, "2019", 4, 16.0, "T-129"), (8, 2018, "2019", 2, 8.0, "T-129")),
    )
    assert dict(zip(pairs["deal_id"], pairs["sipri_deal_id"].astype(int), strict=True)) == {"c-1": 8, "c-2": 7}


def test_a_release_with_one_layout_is_not_compared() -> None:
    only = classic(("c-1", 2021, "2022", 1, 4.0, "MilGem"))
    deals, report = link_release(only, delivery_deals((1, 2021, "2022", 1, 4.0, "MilGem")).iloc[0:0])
    assert deals is only and report == LinkReport() and report.as_dict() == {}


def test_allocation_spreads_units_and_tiv_evenly_over_the_listed_years() -> None:
    deals = classic(("c-1", 2018, "2019; 2020; 2021", 3, 12.0, "MilGem")).assign(
        supplier_id="turkiye", recipient_id="pakistan", release="2024", description="corvette",
        units_delivered_estimated=True)
    rows = allocated_deliveries(deals)
    assert rows["delivery_year"].tolist() == [2019, 2020, 2021]
    assert rows["units_delivered"].astype(float).tolist() == pytest.approx([1.0, 1.0, 1.0])
    assert rows["tiv_delivered_m"].astype(float).sum() == pytest.approx(12.0)
    assert rows["is_allocated"].all() and rows["units_delivered_estimated"].all()  # SIPRI's '?' kept
    assert rows["delivery_year_estimated"].isna().all()  # a year we spread to is not SIPRI's estimate


def test_every_sipri_layout_has_a_transform() -> None:
    from etl.formats.export import LAYOUT_NAMES

    assert set(READERS) == set(LAYOUT_NAMES)
