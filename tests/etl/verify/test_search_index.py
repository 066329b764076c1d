"""The search's name index finds exactly the deals the matcher finds, on the shared releases."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from etl.store import Store
from etl.verify.search import NameIndex, match_indexed, name_rows, search_page, search_weapon
from etl.verify.weapons import WeaponQuery, match_deals

pytestmark = pytest.mark.sipri


@pytest.fixture(scope="module")
def release_2026(store_all):
    store = Store.from_settings(store_all)
    info = store.release("2026")
    deals = store.table(info, "deals")
    return info, deals, NameIndex.from_deals(deals)


def same_rows(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    return a["deal_id"].tolist() == b["deal_id"].tolist() and a["match"].tolist() == b["match"].tolist()


@pytest.mark.parametrize("text", ["TB2", "Bayraktar TB-2", "MH-60R", "J-10", "Su-30MK", "Akinci", "Babur",
                                  "JF-17", "F-16", "Type 054A", "Harop", "S-400", "Kaan"])
def test_named_designations_match_as_the_matcher_does(release_2026, text):
    _, deals, index = release_2026
    query = WeaponQuery(text, designation=text)
    assert same_rows(match_indexed(deals, index, query), match_deals(deals, query))


def test_every_designation_and_its_parts_match_as_the_matcher_does(release_2026):
    _, deals, index = release_2026
    names = sorted(deals["designation"].dropna().astype("str").unique())
    picked = random.Random(12).sample(names, 40)
    texts = picked + [p.split()[0] for p in picked] + [p[:-1] for p in picked if len(p) > 3]
    differ = [t for t in texts
              if not same_rows(match_indexed(deals, index, WeaponQuery(t, designation=t)),
                               match_deals(deals, WeaponQuery(t, designation=t)))]
    assert differ == []


@pytest.mark.parametrize("label", ["drone", "frigate", "armoured vehicle", "loitering munition", "helicopter"])
def test_weapon_types_match_as_the_matcher_does(release_2026, label):
    _, deals, index = release_2026
    query = WeaponQuery(label, type_label=label)
    assert same_rows(match_indexed(deals, index, query), match_deals(deals, query))


def test_names_in_comments_are_indexed_by_deal(release_2026):
    _, deals, _ = release_2026
    rows = name_rows(deals)
    assert set(rows["source"]) == {"designation", "comments"}
    babur = rows[(rows["source"] == "comments") & (rows["name"] == "babur")]
    assert len(babur) >= 1 and set(babur["deal_id"]) <= set(deals["deal_id"])


def test_a_result_pages_sorts_and_filters(release_2026):
    info, deals, index = release_2026
    result = search_weapon("drones", [(info, deals)], [index])
    first = search_page(result)
    assert first.total == len(result.rows) > 25 and len(first.rows) == 25 and first.pages > 1
    newest = search_page(result, sort="newest")
    years = pd.to_numeric(newest.rows["order_year"]).fillna(0).tolist()
    assert years == sorted(years, reverse=True)
    turkish = search_page(result, text="turkiye")
    assert 0 < turkish.total < first.total
    assert all("Turkiye" in f"{r.supplier} {r.recipient}" for r in turkish.rows.itertuples())
    last = search_page(result, page=10_000)
    assert last.page == last.pages - 1 and len(last.rows) == first.total - 25 * last.page


@pytest.mark.parametrize("text,label", [("TB2", None), ("MH-60R", None), ("Babur", None), (None, "drone")])
def test_the_check_pages_whole_deals_match_through_the_prepared_index(store_all, text, label):
    from dashboard.verify import queries as verify_queries

    query = WeaponQuery(text or label, designation=text, type_label=label)
    whole = verify_queries.verify_data(store_all, "2026").deals
    found = verify_queries.deals_matching(store_all, query, "2026")
    assert same_rows(found, match_deals(whole, query))
    assert list(found.columns[:-1]) == list(whole.columns)  # every field the check page reads
