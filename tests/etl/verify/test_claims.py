"""The claim parser on sentences of many shapes, structured fields over text, and bad input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.entities import EntityResolver
from etl.errors import ArmsExplorerError
from etl.verify.claims import (
    ClaimError,
    ClaimFields,
    DesignationIndex,
    parse_claim,
    read_claim,
)

# Designations as the register writes them: enough to show known names are found in text.
INDEX = DesignationIndex.from_names(
    ["MH-60R Seahawk", "J-10C", "Bayraktar TB-2", "Bayraktar TB2", "Akinci", "MilGem", "Rafale",
     "S-400 Triumf", "JF-17 Thunder", "Harop", "PJ-10 BrahMos", "aircraft engine"],
    ["Incl 2 produced under licence in Pakistan; designated Babur class by Pakistan"],
)


@pytest.fixture(scope="module")
def resolver() -> EntityResolver:
    return EntityResolver()


def parse(resolver: EntityResolver, text: str):
    return parse_claim(text, resolver, INDEX)


# (sentence, supplier, recipient, [(designation, type, quantity)], stage, from, to, values)
SENTENCES = [
    ("The United States will deliver 24 MH-60R helicopters to India under a $2.6 billion deal",
     "united-states", "india", [("MH-60R", "helicopter", 24)], "agreed", None, None, ["$2.6 billion"]),
    ("China delivered 20 J-10C fighter jets to Pakistan in 2022 and 2023.",
     "china", "pakistan", [("J-10C", "fighter aircraft", 20)], "delivered", 2022, 2023, []),
    ("Pakistan received 36 J-10C fighters from China.",
     "china", "pakistan", [("J-10C", "fighter aircraft", 36)], "delivered", None, None, []),
    ("Turkish drones were delivered to Pakistan in 2022.",
     "turkiye", "pakistan", [(None, "drone", None)], "delivered", 2022, 2022, []),
    ("Pakistan has bought Akıncı drones from Turkey.",
     "turkiye", "pakistan", [("Akinci", "drone", None)], "ordered", None, None, []),
    ("Turkiye sold 9 Bayraktar TB-2 to Pakistan between 2021 and 2024.",
     "turkiye", "pakistan", [("Bayraktar TB-2", None, 9)], "ordered", 2021, 2024, []),
    ("Russia supplied assault rifles to India.",
     "russia", "india", [(None, None, None)], "delivered", None, None, []),
    ("India ordered 26 Rafale jets from France in 2025.",
     "france", "india", [("Rafale", "fighter aircraft", 26)], "ordered", 2025, 2025, []),
    ("The Pakistani Navy commissioned its second Babur-class corvette, built in Turkey.",
     "turkiye", "pakistan", [("MilGem", "corvette", None)], "delivered", None, None, []),
    ("Chinese-made HQ-9 air defence systems were used by Pakistan.",
     "china", "pakistan", [("HQ-9", "air defence system", None)], "used", None, None, []),
    ("Israel will sell Hermes-900 drones to India for USD 500 million.",
     "israel", "india", [("Hermes-900", "drone", None)], "agreed", None, None, ["USD 500 million"]),
    ("U.S. approves sale of F-16 sustainment package worth $450m to Pakistan",
     "united-states", "pakistan", [("F-16", None, None)], "agreed", None, None, ["$450m"]),
    ("India is in talks with Russia about buying more S-400 systems.",
     "russia", "india", [("S-400", None, None)], "announced", None, None, []),
    ("Azerbaijan used Israeli Harop loitering munitions in 2020.",
     "israel", "azerbaijan", [("Harop", "loitering munition", None)], "used", 2020, 2020, []),
    ("Russia has delivered five S-400 squadrons to India since 2021; two more are due by 2026.",
     "russia", "india", [("S-400", None, 5)], "delivered", 2021, 2026, []),
    # No direction stated: the first claim is one of the two directions checked.
    ("Egypt signed a EUR 4 billion contract with France for 30 more Rafale aircraft.",
     "egypt", "france", [("Rafale", "aircraft", 30)], "ordered", None, None, ["EUR 4 billion"]),
    ("Four MilGem corvettes for Pakistan: two built in Istanbul and two in Karachi, 2018-2025.",
     None, "pakistan", [("MilGem", "corvette", 4)], None, 2018, 2025, []),
    ("Nigeria takes delivery of JF-17 Thunder fighters from Pakistan.",
     "pakistan", "nigeria", [("JF-17 Thunder", "fighter aircraft", None)], "delivered", None, None, []),
    ("The Philippines bought BrahMos anti-ship missiles from India for $375 million.",
     "india", "philippines", [("BrahMos", "anti-ship missile", None)], "ordered", None, None, ["$375 million"]),
    ("Ukraine received a dozen armed drones from Turkey as aid.",
     "turkiye", "ukraine", [(None, "armed drone", 12)], "delivered", None, None, []),
    ("Germany plans to supply frigates and submarines to Egypt.",
     "germany", "egypt", [(None, "frigate", None), (None, "submarine", None)], "announced", None, None, []),
    ("Saudi Arabia is considering Chinese loitering munitions.",
     "china", "saudi-arabia", [(None, "loitering munition", None)], "announced", None, None, []),
    ("Ammunition and small arms from Serbia reached Ukraine in 2023.",
     None, "ukraine", [(None, None, None), (None, None, None)], None, 2023, 2023, []),
    ("American F-16s for Turkiye: the $23 billion package was approved in January 2024.",
     "united-states", "turkiye", [("F-16", None, None)], "agreed", 2024, 2024, ["$23 billion"]),
]


@pytest.mark.parametrize(
    ("text", "supplier", "recipient", "weapons", "stage", "from_year", "to_year", "values"),
    SENTENCES,
    ids=[s[0][:40] for s in SENTENCES],
)
def test_parser_finds_the_parts_of_a_sentence(
    resolver, text, supplier, recipient, weapons, stage, from_year, to_year, values
):
    claim = parse(resolver, text)
    if supplier is not None:
        assert claim.supplier_id == supplier
    if recipient is not None:
        assert claim.recipient_id == recipient
    found = [(w.designation, w.type_label, w.quantity) for w in claim.weapons]
    assert found == weapons
    assert claim.stage == stage
    assert (claim.from_year, claim.to_year) == (from_year, to_year)
    assert [v.text for v in claim.values] == values


def test_there_are_at_least_twenty_sentences_of_different_shapes():
    assert len({s[0] for s in SENTENCES}) >= 20


def test_things_outside_coverage_are_marked_with_the_rule(resolver):
    claim = parse(resolver, "Ammunition and small arms from Serbia reached Ukraine in 2023.")
    assert {w.excluded_rule_id for w in claim.weapons} == {"x-ammunition", "x-small-arms"}


def test_money_in_dollars_is_read_in_millions(resolver):
    claim = parse(resolver, "The United States will deliver 24 MH-60R helicopters to India under a $2.6 billion deal")
    assert claim.values[0].usd_m == pytest.approx(2600.0)
    assert claim.values[0].currency == "USD"


def test_a_year_is_not_read_as_a_quantity(resolver):
    claim = parse(resolver, "In 2023 Turkey delivered TB2 drones to Pakistan")
    assert claim.weapons[0].quantity is None
    assert claim.from_year == 2023


def test_without_a_cue_no_side_is_guessed_from_word_order(resolver):
    claim = parse_claim("Turkiye and Pakistan: Akinci drones were delivered.", resolver, INDEX,
                        require_country=False)
    assert (claim.supplier_id, claim.recipient_id) == (None, None)
    assert claim.missing_side == "both"
    assert not claim.roles_guessed


def test_structured_fields_override_the_parsed_parts(resolver):
    claim = read_claim(
        "Pakistan received 36 J-10C fighters from China.",
        ClaimFields(quantity="20", stage="ordered", from_year="2021", to_year=2021, value="$1.4 billion"),
        resolver, INDEX,
    )
    assert claim.weapons[0].quantity == 20
    assert claim.stage == "ordered"
    assert (claim.from_year, claim.to_year) == (2021, 2021)
    assert claim.values[0].usd_m == pytest.approx(1400.0)
    assert set(claim.overridden) == {"quantity", "stage", "from_year", "to_year", "value"}


def test_fields_alone_make_a_claim(resolver):
    claim = read_claim("", ClaimFields(supplier="Turkey", recipient="Pakistan", weapon="Akıncı"), resolver, INDEX)
    assert (claim.supplier_id, claim.recipient_id) == ("turkiye", "pakistan")
    assert claim.weapons[0].designation == "Akinci"


def test_a_country_field_lets_text_without_country_through(resolver):
    claim = read_claim("24 MH-60R helicopters were delivered", ClaimFields(recipient="India"), resolver, INDEX)
    assert claim.recipient_id == "india"
    assert claim.weapons[0].quantity == 24


@pytest.mark.parametrize(
    ("text", "fields", "words"),
    [
        ("", ClaimFields(), "empty"),
        ("   \n ", ClaimFields(), "empty"),
        ("Drones were delivered last year.", ClaimFields(), "names no country"),
        ("Turkey sold drones to Pakistan", ClaimFields(quantity="abc"), "not a whole number"),
        ("Turkey sold drones to Pakistan", ClaimFields(quantity="-3"), "not a whole number"),
        ("Turkey sold drones to Pakistan", ClaimFields(stage="rumoured"), "not one of"),
        ("Turkey sold drones to Pakistan", ClaimFields(from_year="20x4"), "not a year"),
        ("Turkey sold drones to Pakistan", ClaimFields(from_year="2025", to_year="2020"), "after"),
        ("Turkey sold drones to Pakistan", ClaimFields(value="a lot"), "not an amount"),
        ("Turkey sold drones to Pakistan", ClaimFields(supplier="Atlantis"), "Unknown supplier"),
    ],
)
def test_bad_input_gets_one_sentence(resolver, text, fields, words):
    with pytest.raises(ArmsExplorerError) as caught:
        read_claim(text, fields, resolver, INDEX)
    message = str(caught.value)
    assert words in message
    assert "\n" not in message


def test_an_empty_claim_is_a_claim_error(resolver):
    with pytest.raises(ClaimError):
        parse(resolver, "")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.one_of(
        st.text(max_size=300),
        st.lists(
            st.sampled_from([
                "Turkey", "Pakistan", "delivered", "24", "MH-60R", "drones", "$2.6", "billion",
                "to", "from", "in", "2023", "-", "between", "and", "Akıncı", "assault rifles",
                "Chinese", "will", "U.S.", "£", "Rs", "crore", "1,000", "(", ")", "'s", "class",
            ]),
            max_size=25,
        ).map(" ".join),
    )
)
def test_parser_on_any_text_returns_parts_or_raises_our_error(resolver, text):
    try:
        claim = parse(resolver, text)
    except ArmsExplorerError as exc:
        assert exc.message and "\n" not in exc.message
        return
    assert claim.supplier_id or claim.recipient_id
    for weapon in claim.weapons:
        assert weapon.quantity is None or weapon.quantity > 0
    if claim.from_year is not None and claim.to_year is not None:
        assert claim.from_year <= claim.to_year


def test_a_weapon_field_can_name_several_weapons(resolver):
    claim = read_claim("", ClaimFields(supplier="Russia", recipient="India", weapon="S-400; assault rifles"),
                       resolver, INDEX)
    assert [(w.designation, w.excluded_rule_id) for w in claim.weapons] == [("S-400", None), (None, "x-small-arms")]
