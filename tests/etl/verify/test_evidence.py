"""What a verdict shows and counts (etl/verify/evidence.py), on tiny frames written here."""

from __future__ import annotations

import pandas as pd

from etl.verify.claims import Claim
from etl.verify.evidence import (
    deal_evidence,
    deal_summary,
    deals_in_years,
    dollars_m,
    ordered_total,
    units_delivered_in_years,
    years_text,
)


def _deals(*rows: dict[str, object]) -> pd.DataFrame:
    base = {
        "deal_id": "d", "sipri_deal_id": None, "supplier": "Turkiye", "supplier_id": "tur", "recipient": "Ukraine",
        "recipient_id": "ukr", "designation": "Bayraktar TB2", "description": "armed UAV",
        "order_year": 2019, "order_year_estimated": False, "units_ordered": 12,
        "units_ordered_estimated": False, "units_delivered": 12, "units_delivered_estimated": False,
        "delivery_years": "2019; 2021", "status": "New", "comments": None,
        "source_file": "trade-register.csv", "source_line": 7,
    }
    frame = pd.DataFrame([{**base, **row} for row in rows])
    for column in ("sipri_deal_id", "order_year", "units_ordered", "units_delivered", "source_line"):
        frame[column] = frame[column].astype("Int64")
    return frame


def test_a_deal_reads_as_a_sentence_with_sipri_estimates_said_in_words():
    row = _deals({"units_ordered": 6, "units_ordered_estimated": True, "units_delivered": 5}).iloc[0]
    assert deal_summary(row) == ("Turkiye -> Ukraine: Bayraktar TB2 (armed UAV), ordered 6 (estimate) in 2019, "
                                 "delivered 5 in 2019, 2021; status New")


def test_a_deal_without_a_number_ordered_or_deliveries_says_so():
    row = _deals({"units_ordered": None, "units_delivered": 0, "delivery_years": ""}).iloc[0]
    assert "ordered an unstated number in 2019, no deliveries recorded" in deal_summary(row)


def test_evidence_holds_plain_values_where_in_the_export_and_the_summary():
    row = _deals({"units_ordered": None, "match": "exact"}).iloc[0]
    evidence = deal_evidence(row, "2025")
    assert evidence["release"] == "2025"
    assert evidence["units_ordered"] is None  # NA becomes JSON's null
    assert evidence["units_delivered"] == 12 and type(evidence["units_delivered"]) is int
    assert (evidence["source_file"], evidence["source_line"]) == ("trade-register.csv", 7)
    assert evidence["match"] == "exact" and evidence["summary"] == deal_summary(row)


def test_evidence_gives_sipris_deal_id_where_the_export_has_one():
    deals = _deals({"sipri_deal_id": 60512}, {"sipri_deal_id": None})
    from_delivery_level, classic_only = deals.iloc[0], deals.iloc[1]
    assert deal_evidence(from_delivery_level, "2025")["sipri_deal_id"] == 60512
    assert deal_evidence(classic_only, "2025")["sipri_deal_id"] is None


def test_deals_in_a_claims_years_by_order_by_delivery_or_either():
    deals = _deals({"deal_id": "ordered-2019", "delivery_years": "2021"},
                   {"deal_id": "ordered-2015", "order_year": 2015, "delivery_years": "2019; 2020"},
                   {"deal_id": "ordered-2010", "order_year": 2010, "delivery_years": "2012"})
    claim = Claim(text="", from_year=2019, to_year=2019)
    assert list(deals_in_years(deals, claim, "order")["deal_id"]) == ["ordered-2019"]
    assert list(deals_in_years(deals, claim, "delivery")["deal_id"]) == ["ordered-2015"]
    assert list(deals_in_years(deals, claim, "either")["deal_id"]) == ["ordered-2019", "ordered-2015"]
    assert len(deals_in_years(deals, Claim(text=""), "order")) == 3  # no years: every deal


def test_units_delivered_in_the_claims_years_say_when_the_split_is_ours():
    deals = _deals({"deal_id": "a", "units_delivered": 10})
    deliveries = pd.DataFrame({"deal_id": ["a", "a", "b"], "delivery_year": [2019, 2021, 2021],
                               "units_delivered": [4.0, 6.0, 50.0], "is_allocated": [False, True, False]})
    assert units_delivered_in_years(deals, deliveries, Claim(text="", from_year=2019, to_year=2019)) == (4.0, False)
    assert units_delivered_in_years(deals, deliveries, Claim(text="", from_year=2020)) == (6.0, True)
    # no years in the claim: the deal's whole number delivered
    assert units_delivered_in_years(deals, deliveries, Claim(text="")) == (10.0, False)


def test_number_ordered_counts_delivered_units_where_sipri_gives_no_order_size():
    assert ordered_total(_deals({"units_ordered": 12}, {"units_ordered": None, "units_delivered": 3})) == 15
    assert ordered_total(_deals({"units_ordered": None}, {"units_ordered": None})) is None


def test_a_claims_years_in_words():
    assert years_text(Claim(text="", from_year=2019, to_year=2019)) == "in 2019"
    assert years_text(Claim(text="", to_year=2020)) == "by 2020"
    assert years_text(Claim(text="", from_year=2018)) == "since 2018"
    assert years_text(Claim(text="", from_year=2018, to_year=2020)) == "in 2018-2020"
    assert years_text(Claim(text="")) == ""


def test_dollar_values_in_comments_in_millions_with_ranges():
    assert dollars_m("$2.6 b") == (2600.0, 2600.0)
    assert dollars_m("$3-5.4 b") == (3000.0, 5400.0)
    assert dollars_m("INR390 b ($5.4 b)") == (5400.0, 5400.0)
    assert dollars_m("$150 m") == (150.0, 150.0)
    assert dollars_m("EUR7.8 b") is None  # not dollars: shown as written, never converted
