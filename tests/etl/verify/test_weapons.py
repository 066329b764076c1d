"""Weapon names compared the way people and SIPRI write them; type words against descriptions."""

from __future__ import annotations

import pandas as pd
import pytest

from etl.verify.names import fold, is_variant, name_key, name_tokens
from etl.verify.weapons import (
    WeaponQuery,
    comment_names,
    designation_match,
    match_deals,
    type_in,
)


def deals(*rows: tuple[str, str, str | None]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"deal_id": f"d{i}", "designation": d, "description": desc, "comments": c}
         for i, (d, desc, c) in enumerate(rows)]
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [("Bayraktar TB2", "Bayraktar TB-2"), ("Akıncı", "Akinci"), ("MH-60R", "mh 60r"),
     ("Su-30MKI", "SU30 MKI"), ("Türkiye", "TURKIYE")],
)
def test_names_that_differ_in_case_hyphens_spaces_or_diacritics_share_a_key(a, b):
    assert name_key(a) == name_key(b)


def test_fold_turns_dotless_i_and_dashes_into_plain_letters():
    assert fold("Akıncı – TB‑2") == "akinci - tb-2"


def test_tokens_join_parts_of_a_designation_but_split_words():
    assert name_tokens("Bayraktar TB-2") == ("bayraktar", "tb2")
    assert name_tokens("PJ-10 BrahMos") == ("pj10", "brahmos")


def test_a_lettered_suffix_is_a_variant_but_another_number_is_not():
    assert is_variant("j10", "j10c")
    assert not is_variant("tb2", "tb20")
    assert not is_variant("j10c", "j10")


@pytest.mark.parametrize(
    ("query", "designation", "expected"),
    [
        ("TB2", "Bayraktar TB-2", "exact"),  # maker prefix left out, hyphen added by SIPRI
        ("Baykar Bayraktar TB2", "Bayraktar TB2", "exact"),  # maker prefix added by the writer
        ("MH-60R", "MH-60R Seahawk", "exact"),
        ("J-10", "J-10C", "variant"),
        ("Su-30MKI", "Su-30MK", "variant"),
        ("TB2", "TB-20 Trinidad", None),
        ("aircraft", "aircraft engine", None),  # a generic word names no weapon
        ("F-16", "MiG-21", None),
    ],
)
def test_designation_match(query, designation, expected):
    assert designation_match(name_tokens(query), name_tokens(designation)) == expected


def test_names_sipri_gives_in_comments_are_read():
    names = comment_names("Incl 2 produced under licence in Pakistan; designated Babur class by Pakistan")
    assert ("babur",) in names
    assert ("fc20e",) in comment_names("FC-20E (J-10CE) version") or ("j10ce",) in comment_names(
        "FC-20E (J-10CE) version"
    )


@pytest.mark.parametrize(
    ("text", "label"),
    [("Armed drones", "armed drone"), ("kamikaze drones", "loitering munition"),
     ("frigates", "frigate"), ("helicopters", "helicopter"), ("fighter jets", "fighter aircraft"),
     ("main battle tanks", "tank"), ("air defence systems", "air defence system")],
)
def test_type_words_name_a_weapon_type(text, label):
    assert type_in(text) == label


def test_type_words_match_old_abbreviated_and_new_spelled_out_descriptions():
    frame = deals(("Bayraktar TB2", "armed UAV", None), ("Bayraktar TB-2", "armed drone", None),
                  ("Leopard-2", "tank", None), ("Boeing 707", "tanker/transport aircraft", None),
                  ("Kornet", "anti-tank missile", None))
    drones = match_deals(frame, WeaponQuery("drones", type_label="drone"))
    assert list(drones["designation"]) == ["Bayraktar TB2", "Bayraktar TB-2"]
    tanks = match_deals(frame, WeaponQuery("tanks", type_label="tank"))
    assert list(tanks["designation"]) == ["Leopard-2"]  # not tanker aircraft, not anti-tank missiles


def test_an_exact_designation_hides_looser_variants():
    frame = deals(("MH-60R Seahawk", "ASW helicopter", None), ("MH-60S", "helicopter", None))
    matched = match_deals(frame, WeaponQuery("MH-60R", designation="MH-60R"))
    assert list(matched["designation"]) == ["MH-60R Seahawk"]
    assert list(matched["match"]) == ["exact"]


def test_a_local_name_in_comments_finds_the_deal():
    frame = deals(("MilGem", "frigate", "Incl 2 produced under licence in Pakistan; Pakistani designation Babur"),
                  ("Spares", "other", "Spares for MilGem"))
    matched = match_deals(frame, WeaponQuery("Babur", designation="Babur"))
    assert list(matched["designation"]) == ["MilGem"]
    assert list(matched["match"]) == ["comments"]
