"""Each verdict kind on the real SIPRI files, and the coverage rules it quotes."""

from __future__ import annotations

import pytest

from etl.config import Settings
from etl.entities import EntityResolver
from etl.store import Store
from etl.verify.claims import ClaimFields, DesignationIndex, read_claim
from etl.verify.coverage import COVERAGE_URL, coverage_rules, exclusion_for
from etl.verify.verdicts import VERDICTS, CheckResult, check_claim, comment_values

pytestmark = pytest.mark.sipri


def check(settings: Settings, text: str, release: str | None = None, **fields: str) -> CheckResult:
    store = Store.from_settings(settings)
    info = store.release(release)
    deals = store.table(info, "deals")
    claim = read_claim(text, ClaimFields(**fields), EntityResolver(), DesignationIndex.from_deals(deals))
    return check_claim(claim, deals, store.table(info, "deliveries"), info)


def verdicts(result: CheckResult) -> list[tuple[str, str]]:
    return [(part.kind, part.verdict) for part in result.parts]


def test_mh60r_claim_is_recorded_and_its_money_not_checkable_with_the_reported_value(store_all):
    result = check(store_all, "The United States will deliver 24 MH-60R helicopters to India under a "
                              "$2.6 billion deal")
    assert verdicts(result) == [("weapon", "recorded"), ("value", "not_checkable")]
    weapon, value = result.parts
    [deal] = weapon.deals
    assert (deal["designation"], deal["units_ordered"], deal["order_year"]) == ("MH-60R Seahawk", 24, 2020)
    assert deal["release"] == "2026"
    assert [v["value"] for v in value.reported_values] == ["$2.6 b"]
    assert value.reported_values[0]["agrees_with_claim"] is True
    assert "not money" in value.summary or "TIV" in value.summary


def test_j10c_deliveries_as_sipri_counts_them_are_recorded(store_all):
    result = check(store_all, "China delivered 20 J-10C fighter jets to Pakistan in 2022 and 2023.")
    assert verdicts(result) == [("weapon", "recorded")]
    assert result.parts[0].deals[0]["designation"] == "J-10C"


def test_j10c_claim_of_36_delivered_is_partly_recorded_with_sipris_numbers(store_all):
    result = check(store_all, "China has delivered 36 J-10C fighter jets to Pakistan.")
    [part] = result.parts
    assert part.verdict == "partly_recorded"
    assert "20 delivered" in part.summary and "not 36" in part.summary


def test_j10c_in_the_2024_release_differs_from_2026(store_all):
    result = check(store_all, "China delivered 20 J-10C fighter jets to Pakistan.", release="2024")
    [part] = result.parts
    assert part.verdict == "partly_recorded"  # the 2024 release counts 25 delivered
    assert "25 delivered" in part.summary


def test_turkish_drone_claim_is_recorded_whatever_the_spelling(store_all):
    for text in ("Pakistan has bought Akıncı drones from Turkey.", "Pakistan has bought AKINCI drones from Türkiye."):
        result = check(store_all, text)
        assert verdicts(result) == [("weapon", "recorded")]
        assert result.parts[0].deals[0]["designation"] == "Akinci"


def test_tb2_written_without_hyphen_finds_sipris_tb_2(store_all):
    result = check(store_all, "Turkiye delivered 9 Bayraktar TB2 drones to Pakistan between 2022 and 2024.")
    assert verdicts(result) == [("weapon", "recorded")]
    assert result.parts[0].deals[0]["designation"] == "Bayraktar TB-2"


def test_drones_by_type_word_find_armed_drones(store_all):
    result = check(store_all, "Turkish drones were delivered to Pakistan in 2023.")
    designations = {d["designation"] for d in result.parts[0].deals}
    assert designations == {"Bayraktar TB-2", "Akinci"}
    assert result.parts[0].verdict == "recorded"


def test_ordered_but_not_delivered_is_partly_recorded(store_all):
    result = check(store_all, "France delivered Rafale-M jets to India.")
    [part] = result.parts
    assert part.verdict == "partly_recorded"
    assert "no deliveries recorded" in part.summary


def test_small_arms_claim_is_outside_coverage_with_sipris_words_and_source(store_all):
    result = check(store_all, "Russia supplied assault rifles to India in 2019.")
    [part] = result.parts
    assert part.verdict == "outside_coverage"
    assert part.coverage["source_url"] == COVERAGE_URL
    assert any("covers only major conventional weapons" in line for line in part.explanation)


def test_a_claim_sipri_has_no_record_of_is_not_recorded_with_reasons(store_all):
    result = check(store_all, "Turkey will sell 40 KAAN fighter jets to Pakistan.")
    [part] = result.parts
    assert part.verdict == "not_recorded"
    text = " ".join(part.explanation)
    assert "does not show that the claim is false" in text
    assert "order has been placed or deliveries have begun" in text
    assert "up to 2025" in text


def test_a_weapon_recorded_for_another_pair_is_pointed_to(store_all):
    result = check(store_all, "India received 12 J-10C from China")
    [part] = result.parts
    assert part.verdict == "not_recorded"
    assert any("China -> Pakistan" in line for line in part.explanation)


def test_a_year_after_the_release_is_explained(store_all):
    result = check(store_all, "Pakistan will receive Hisar-O air defence systems from Turkiye in 2026")
    assert result.parts[0].verdict == "not_recorded"
    assert "after the last year this release covers (2025)" in result.parts[0].explanation[-6] or any(
        "after the last year this release covers (2025)" in e for e in result.parts[0].explanation
    )


def test_a_claim_without_weapon_checks_the_pair(store_all):
    result = check(store_all, "Turkiye delivered arms to Pakistan in 2023")
    [part] = result.parts
    assert (part.kind, part.verdict) == ("transfer", "recorded")
    assert {d["designation"] for d in part.deals} == {"Akinci", "Bayraktar TB-2", "MilGem"}


def test_fields_override_the_text_in_the_verdict(store_all):
    result = check(store_all, "China delivered J-10C fighter jets to Pakistan", quantity="20",
                   from_year="2022", to_year="2023")
    assert verdicts(result) == [("weapon", "recorded")]


def test_every_part_has_one_of_the_five_verdicts_and_a_citation(store_all):
    result = check(store_all, "Russia supplied assault rifles and 24 MH-60R helicopters to India for $1 billion")
    assert {part.verdict for part in result.parts} <= set(VERDICTS)
    assert "SIPRI Arms Transfers Database" in result.citation["text"]
    assert result.citation["bibtex"].startswith("@misc{")
    assert result.citation["ris"].startswith("TY  - DATA")
    assert result.credit.startswith("Source: SIPRI Arms Transfers Database")


def test_comment_values_are_read_as_sipri_writes_them():
    assert comment_values("INR390 b ($5.4 b) deal; delivery planned 2021-2024") == ["INR390 b ($5.4 b)"]
    assert comment_values("$2.6 b 'N-MRH' programme") == ["$2.6 b"]
    assert comment_values("$3-5.4 b deal") == ["$3-5.4 b"]
    assert comment_values(None) == []


def test_coverage_rules_all_quote_sipris_coverage_page():
    rules = coverage_rules()
    assert {r.source_url for r in rules} == {COVERAGE_URL}
    assert {"aircraft", "missiles", "ships", "sensors", "armoured-vehicles"} <= {r.rule_id for r in rules}
    assert all(r.terms for r in rules if not r.covered)


@pytest.mark.parametrize(
    ("text", "rule"),
    [("assault rifles", "x-small-arms"), ("Artillery shells", "x-ammunition"),
     ("target drones", "x-minor-aircraft"), ("pick-up trucks", "x-light-vehicles"),
     ("frigates", None), ("guided bombs", None)],
)
def test_exclusions(text, rule):
    found = exclusion_for(text)
    assert (found.rule_id if found else None) == rule
