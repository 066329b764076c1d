"""Tests for the claim reader's reviewed term files in etl/reference (see claim_terms.md)."""

from __future__ import annotations

import csv
import functools
from pathlib import Path

import pytest

from etl.entities import name_key
from etl.formats.export import read_export
from tests.conftest import sipri_file

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "etl" / "reference"
COUNTRY_TERMS = "country_terms.csv"
MAKERS = "makers.csv"
WEAPON_ALIASES = "weapon_aliases.csv"
REGISTERS = (
    "trade-register_2024-10-13.subset.csv",
    "trade-register_2025-03-13.subset.csv",
    "trade-register_2026-05-18.subset.csv",
)
COUNTRY_KINDS = {"capital", "metonym", "abbreviation", "demonym"}
WEAPON_KINDS = {"nato-reporting-name", "export-name", "national-name", "ship-class"}

# States and historical states deliberately given no `capital` row, with the reason
# (claim_terms.md lists the same ones).
CAPITALS_LEFT_OUT = {
    "antigua-and-barbuda": "St. John's is also the capital of Newfoundland and a common church name",
    "australia": "Canberra is also the English Electric Canberra bomber in SIPRI's registers",
    "belgium": "Brussels usually stands for the EU or NATO headquarters, not Belgium",
    "biafra": "Enugu and Umuahia are cities of Nigeria today",
    "chile": "Santiago is a common personal name and the name of several other cities",
    "costa-rica": "San Jose is also the city in California",
    "czechoslovakia": "Prague is given to Czechia (a term resolves to one entity)",
    "djibouti": "the capital's name is the country's name",
    "grenada": "St. George's is the name of many towns and churches",
    "guinea-bissau": "Bissau is part of the country's own name",
    "guyana": "Georgetown is also a district of Washington and a city in Malaysia",
    "jamaica": "Kingston is the name of many towns (Kingston upon Thames, Ontario, New York)",
    "libya-gnc": "Tripoli is given to Libya (a term resolves to one entity)",
    "luxembourg": "the capital's name is the country's name",
    "maldives": "Male matches the English word 'male' (matching ignores accents and case)",
    "north-yemen": "Sanaa is given to Yemen (a term resolves to one entity)",
    "panama": "Panama City holds the country's name and is also a US Navy site in Florida",
    "peru": "Lima is also Lima, Ohio, where US Abrams tanks are built, and a NATO alphabet word",
    "seychelles": "Victoria is a common personal name and the name of many places",
    "singapore": "the capital's name is the country's name",
    "soviet-union": "Moscow is given to Russia (a term resolves to one entity)",
    "western-sahara": "Laayoune is administered by Morocco; the SADR government sits in Algeria",
    "yemen-arab-republic-north-yemen": "Sanaa is given to Yemen (a term resolves to one entity)",
    "yugoslavia": "Belgrade is given to Serbia (a term resolves to one entity)",
}


@functools.cache
def rows(file_name: str) -> tuple[tuple[int, dict[str, str]], ...]:
    """The rows of a reference file, each with its line number in the file."""
    with (REFERENCE_DIR / file_name).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return tuple((reader.line_num, row) for row in reader)


def entities() -> dict[str, str]:
    return {row["entity_id"]: row["entity_type"] for _, row in rows("entities.csv")}


def reference_names() -> list[tuple[str, str]]:
    """(name, entity_id) of every name the entity reference already holds."""
    names = [(row["alias"], row["entity_id"]) for _, row in rows("aliases.csv")]
    names += [(row["sipri_name"], row["entity_id"]) for _, row in rows("sipri_names.csv")]
    names += [(row["display_name"], row["entity_id"]) for _, row in rows("entities.csv")]
    return names


def maker_names() -> list[tuple[int, str, str]]:
    """(line, name, entity_id) of every maker name and alias in makers.csv."""
    names = []
    for line, row in rows(MAKERS):
        for name in [row["maker"], *row["aliases"].split(";")]:
            if name:
                names.append((line, name, row["entity_id"]))
    return names


@pytest.mark.parametrize("file_name", [COUNTRY_TERMS, MAKERS])
def test_every_entity_id_in_the_term_files_exists(file_name: str) -> None:
    known = entities()
    unknown = [
        f"{file_name} line {line}: {row['entity_id']!r}"
        for line, row in rows(file_name)
        if row["entity_id"] not in known
    ]
    assert unknown == []


@pytest.mark.parametrize(
    ("file_name", "columns", "kinds"),
    [
        (COUNTRY_TERMS, ["term", "entity_id", "kind", "note"], COUNTRY_KINDS),
        (MAKERS, ["maker", "entity_id", "aliases", "source"], None),
        (WEAPON_ALIASES, ["alias", "designation", "kind", "source"], WEAPON_KINDS),
    ],
)
def test_term_files_have_their_columns_kinds_and_no_empty_cells(
    file_name: str, columns: list[str], kinds: set[str] | None
) -> None:
    with (REFERENCE_DIR / file_name).open(encoding="utf-8") as handle:
        assert handle.readline().rstrip("\n").split(",") == columns
    problems = []
    for line, row in rows(file_name):
        for column in columns[:3]:
            if column != "aliases" and not row[column].strip():
                problems.append(f"{file_name} line {line}: empty {column}")
        if kinds is not None and row["kind"] not in kinds:
            problems.append(f"{file_name} line {line}: unknown kind {row['kind']!r}")
        if "source" in row and not row["source"].startswith("https://"):
            problems.append(f"{file_name} line {line}: source is not an https address")
    assert problems == []


@pytest.mark.parametrize(
    ("file_name", "sort_columns"),
    [
        (COUNTRY_TERMS, ("entity_id", "term")),
        (MAKERS, ("entity_id", "maker")),
        (WEAPON_ALIASES, ("designation", "alias")),
    ],
)
def test_term_files_are_sorted(file_name: str, sort_columns: tuple[str, str]) -> None:
    keys = [tuple(row[c] for c in sort_columns) for _, row in rows(file_name)]
    assert keys == sorted(keys)


def test_country_terms_are_unique_and_new_to_the_entity_reference() -> None:
    seen: dict[str, int] = {}
    seen_keys: dict[str, int] = {}
    held = {name.casefold() for name, _ in reference_names()}
    problems = []
    for line, row in rows(COUNTRY_TERMS):
        term = row["term"]
        if term.casefold() in seen:
            problems.append(f"line {line}: {term!r} repeats line {seen[term.casefold()]}")
        elif name_key(term) in seen_keys:
            problems.append(f"line {line}: {term!r} matches line {seen_keys[name_key(term)]}")
        if term.casefold() in held:
            problems.append(f"line {line}: {term!r} is already an alias, SIPRI or display name")
        seen.setdefault(term.casefold(), line)
        seen_keys.setdefault(name_key(term), line)
    assert problems == []


def test_no_term_or_maker_matches_a_name_of_another_entity() -> None:
    # The resolver compares names by name_key (case, accents and punctuation ignored), so
    # "U.S." meets "US": allowed where both mean the same entity, a wrong answer otherwise.
    owners: dict[str, set[str]] = {}
    for name, entity_id in reference_names():
        owners.setdefault(name_key(name), set()).add(entity_id)
    terms = [
        (COUNTRY_TERMS, line, row["term"], row["entity_id"]) for line, row in rows(COUNTRY_TERMS)
    ]
    terms += [(MAKERS, line, name, entity_id) for line, name, entity_id in maker_names()]
    for _, _, name, entity_id in terms:
        owners.setdefault(name_key(name), set()).add(entity_id)
    clashes = [
        f"{file_name} line {line}: {name!r} also names {sorted(owners[name_key(name)] - {entity_id})}"
        for file_name, line, name, entity_id in terms
        if owners[name_key(name)] != {entity_id}
    ]
    assert clashes == []


def test_maker_names_and_aliases_are_unique() -> None:
    seen: dict[str, int] = {}
    country_terms = {row["term"].casefold() for _, row in rows(COUNTRY_TERMS)}
    problems = []
    for line, name, _ in maker_names():
        if name.casefold() in seen:
            problems.append(
                f"makers.csv line {line}: {name!r} repeats line {seen[name.casefold()]}"
            )
        if name.casefold() in country_terms:
            problems.append(f"makers.csv line {line}: {name!r} is a country term")
        seen.setdefault(name.casefold(), line)
    assert problems == []


def test_every_state_has_a_capital_or_a_reason_to_leave_it_out() -> None:
    types = entities()
    states = {
        entity_id for entity_id, kind in types.items() if kind in {"state", "historical_state"}
    }
    with_capital = {row["entity_id"] for _, row in rows(COUNTRY_TERMS) if row["kind"] == "capital"}
    assert sorted(states - with_capital - set(CAPITALS_LEFT_OUT)) == []
    # The list of exceptions stays true: no entry for an entity that has a capital or is no state.
    assert sorted(set(CAPITALS_LEFT_OUT) & with_capital) == []
    assert sorted(set(CAPITALS_LEFT_OUT) - states) == []


@pytest.mark.parametrize(
    ("term", "entity_id"),
    [
        ("Ankara", "turkiye"),
        ("Islamabad", "pakistan"),
        ("Turkish", "turkiye"),
        ("Pakistani", "pakistan"),
        ("Rawalpindi", "pakistan"),
        ("New Delhi", "india"),
        ("Pentagon", "united-states"),
        ("U.S.", "united-states"),
        ("Whitehall", "united-kingdom"),
        ("Kremlin", "russia"),
        ("Moscow", "russia"),
        ("Bonn", "germany"),
        ("West German", "germany"),
        ("East Berlin", "east-germany-gdr"),
        ("Saigon", "south-vietnam"),
        ("Aden", "south-yemen"),
        ("The Hague", "netherlands"),
        ("Emirati", "united-arab-emirates"),
    ],
)
def test_country_terms_journalists_use_resolve_to_their_entity(term: str, entity_id: str) -> None:
    resolved = {row["term"]: row["entity_id"] for _, row in rows(COUNTRY_TERMS)}
    assert resolved.get(term) == entity_id


@pytest.mark.parametrize(
    ("name", "entity_id"),
    [
        ("Baykar", "turkiye"),
        ("TUSAS", "turkiye"),
        ("Lockheed Martin", "united-states"),
        ("Rosoboronexport", "russia"),
        ("Norinco", "china"),
        ("Dassault", "france"),
        ("KAI", "south-korea"),
        ("HAL", "india"),
        ("PAC", "pakistan"),
    ],
)
def test_arms_makers_resolve_to_their_country(name: str, entity_id: str) -> None:
    resolved = {name: entity_id for _, name, entity_id in maker_names()}
    assert resolved.get(name) == entity_id


def test_weapon_aliases_are_unique() -> None:
    seen: dict[str, int] = {}
    repeats = []
    for line, row in rows(WEAPON_ALIASES):
        alias = row["alias"].casefold()
        if alias in seen:
            repeats.append(f"line {line}: {row['alias']!r} repeats line {seen[alias]}")
        seen.setdefault(alias, line)
    assert repeats == []


@functools.cache
def register_designations() -> frozenset[str]:
    """Every weapon designation written in the shared registers (skips where they are absent)."""
    designations: set[str] = set()
    for name in REGISTERS:
        path = sipri_file(name)
        export = read_export(path.read_bytes(), str(path))
        designations.update(export.frame["designation"].str.strip())
    return frozenset(designations)


@pytest.mark.sipri
def test_every_weapon_alias_designation_is_written_as_in_a_shared_register() -> None:
    designations = register_designations()
    missing = [
        f"weapon_aliases.csv line {line}: {row['designation']!r}"
        for line, row in rows(WEAPON_ALIASES)
        if row["designation"] not in designations
    ]
    assert missing == []


@pytest.mark.sipri
def test_no_weapon_alias_is_itself_a_sipri_designation() -> None:
    # An alias that SIPRI uses as a designation would send that weapon to another one.
    designations = register_designations()
    shadowing = [
        f"weapon_aliases.csv line {line}: {row['alias']!r}"
        for line, row in rows(WEAPON_ALIASES)
        if row["alias"] in designations
    ]
    assert shadowing == []
