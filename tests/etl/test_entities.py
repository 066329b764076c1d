"""Tests for the entity reference data (etl/reference) and the resolver in etl.entities."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl import entities as entities_module
from etl.entities import (
    ALIASES_FILE,
    ENTITY_TYPES,
    SIPRI_NAMES_FILE,
    EntityResolver,
    load_entities,
    name_key,
    slugify,
)
from etl.errors import UnknownEntityError

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "etl" / "reference"
SIPRI_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "sipri"
ENTITY_NAMES_CSV = SIPRI_DIR / "entity-names.csv"
ISO_CODES_DIR = Path("/usr/share/iso-codes/json")

needs_sipri = pytest.mark.skipif(
    not ENTITY_NAMES_CSV.is_file(),
    reason=f"SIPRI test files not found at {SIPRI_DIR} (a clone outside the shared workplace)",
)


@functools.cache
def shared_resolver() -> EntityResolver:
    """One resolver for the property tests (hypothesis does not mix with function fixtures)."""
    return EntityResolver()


def reference_csv(file_name: str) -> pd.DataFrame:
    return pd.read_csv(REFERENCE_DIR / file_name, dtype="str", keep_default_na=False)


def sipri_entity_names() -> pd.DataFrame:
    """The 274 names in SIPRI's exports, with the releases each was seen in (CRLF file)."""
    return pd.read_csv(ENTITY_NAMES_CSV, dtype="str", keep_default_na=False, encoding="utf-8")


@needs_sipri
@pytest.mark.sipri
def test_every_name_in_sipri_exports_maps_to_a_reference_entity() -> None:
    names = sipri_entity_names()["sipri_name"].tolist()
    assert len(names) == 274
    resolver = EntityResolver()
    ids, unclassified = resolver.classify_names(names)
    assert unclassified == []
    assert not any(entity_id.startswith("unclassified-") for entity_id in ids.values())
    assert all(resolver.id_for_sipri_name(name) == ids[name] for name in names)


@needs_sipri
@pytest.mark.sipri
def test_every_reference_sipri_name_is_seen_in_sipri_exports() -> None:
    seen = set(sipri_entity_names()["sipri_name"])
    unused = set(reference_csv(SIPRI_NAMES_FILE)["sipri_name"]) - seen
    assert unused == set()


@needs_sipri
@pytest.mark.sipri
def test_spellings_merged_into_one_entity_never_appear_in_the_same_release() -> None:
    seen_in = {
        row.sipri_name: {source.strip() for source in row.seen_in.split(";")}
        for row in sipri_entity_names().itertuples()
    }
    names = reference_csv(SIPRI_NAMES_FILE)
    for entity_id, group in names.groupby("entity_id"):
        spellings = group["sipri_name"].tolist()
        for i, first in enumerate(spellings):
            for second in spellings[i + 1 :]:
                shared = seen_in[first] & seen_in[second]
                assert not shared, f"{entity_id}: '{first}' and '{second}' both in {shared}"


@pytest.mark.parametrize(
    ("former", "successor"),
    [
        ("Soviet Union", "Russia"),
        ("Yugoslavia", "Serbia"),
        ("Czechoslovakia", "Czechia"),
        ("East Germany (GDR)", "Germany"),
        ("North Yemen", "Yemen Arab Republic (North Yemen)"),
        ("Libya GNC", "Libya"),
    ],
)
def test_former_and_side_by_side_entities_are_never_merged(former: str, successor: str) -> None:
    resolver = EntityResolver()
    assert resolver.id_for_sipri_name(former) != resolver.id_for_sipri_name(successor)


def test_soviet_union_and_russia_are_different_entities() -> None:
    resolver = EntityResolver()
    assert resolver.resolve("Soviet Union") == "soviet-union"
    assert resolver.resolve("Russia") == "russia"
    for soviet in ("USSR", "Soviet", "SUN", "Union of Soviet Socialist Republics"):
        assert resolver.resolve(soviet) == "soviet-union"
    aliases = reference_csv(ALIASES_FILE)
    to_russia = aliases.loc[aliases["entity_id"] == "russia", "alias"].str.casefold()
    assert not to_russia.str.contains("soviet|ussr").any()


def test_asterisk_names_are_non_state_actors_and_double_asterisk_names_organisations() -> None:
    resolver = EntityResolver()
    names = reference_csv(SIPRI_NAMES_FILE)["sipri_name"]
    for name in names:
        entity_type = resolver.entity_type(resolver.id_for_sipri_name(name) or "")
        if name.endswith("**"):
            assert entity_type == "organisation", name
        elif name.endswith("*"):
            assert entity_type == "non_state_actor", name
        else:
            assert entity_type not in ("non_state_actor", "organisation"), name


def test_unknown_suppliers_and_recipients_are_typed_unknown_but_rebels_are_actors() -> None:
    resolver = EntityResolver()
    assert resolver.entity_type(resolver.resolve("unknown supplier(s)")) == "unknown"
    assert resolver.entity_type(resolver.resolve("Unknown recipient(s)")) == "unknown"
    assert resolver.entity_type(resolver.resolve("unknown rebel group*")) == "non_state_actor"
    assert resolver.id_for_sipri_name("Unknown supplier(s)") == "unknown-suppliers"
    assert resolver.id_for_sipri_name("unknown supplier(s)") == "unknown-suppliers"


@pytest.mark.parametrize(
    ("spellings", "entity_id"),
    [
        (("Turkey", "Turkiye"), "turkiye"),
        (("PKK (Turkey)*", "PKK (Turkiye)*"), "pkk-turkiye"),
        (("Unknown supplier(s)", "unknown supplier(s)"), "unknown-suppliers"),
        (("Unknown recipient(s)", "unknown recipient(s)"), "unknown-recipients"),
        (("Unknown rebel group*", "unknown rebel group*"), "unknown-rebel-group"),
        (
            ("Yemen Arab Republic", "Yemen Arab Republic (North Yemen)"),
            "yemen-arab-republic-north-yemen",
        ),
        (
            ("PIJ (Israel/Palestine)*", "Palestinian Islamic Jihad (Israel/Palestine)*"),
            "palestinian-islamic-jihad-israel-palestine",
        ),
        (("Libya HoR*", "House of Representatives (Libya)*"), "house-of-representatives-libya"),
        (("UAE", "United Arab Emirates"), "united-arab-emirates"),
    ],
)
def test_spellings_of_one_entity_across_releases_share_an_id(
    spellings: tuple[str, ...], entity_id: str
) -> None:
    resolver = EntityResolver()
    assert [resolver.id_for_sipri_name(name) for name in spellings] == [entity_id] * len(spellings)


def test_id_for_sipri_name_ignores_surrounding_whitespace_and_returns_none_when_unknown() -> None:
    resolver = EntityResolver()
    assert resolver.id_for_sipri_name("  Pakistan \t") == "pakistan"
    assert resolver.id_for_sipri_name("Hezbollah (Lebanon)*") == "hezbollah-lebanon"
    assert resolver.id_for_sipri_name("Atlantis") is None
    # Exact names only: resolving what users type is resolve()'s job.
    assert resolver.id_for_sipri_name("pakistan") is None


@pytest.mark.parametrize(
    "typed", ["Turkey", "TURKEY", "türkiye", "Türkiye", "TUR", "turkiye", " tur "]
)
def test_spellings_of_turkey_resolve_to_turkiye(typed: str) -> None:
    assert EntityResolver().resolve(typed) == "turkiye"


@pytest.mark.parametrize(
    ("typed", "entity_id"),
    [
        ("USSR", "soviet-union"),
        ("USA", "united-states"),
        ("U.S.", "united-states"),
        ("United States of America", "united-states"),
        ("UK", "united-kingdom"),
        ("Great Britain", "united-kingdom"),
        ("Russian Federation", "russia"),
        ("PRC", "china"),
        ("ROK", "south-korea"),
        ("DPRK", "north-korea"),
        ("Emirates", "united-arab-emirates"),
        ("KSA", "saudi-arabia"),
        ("Czech Republic", "czechia"),
        ("Ivory Coast", "cote-divoire"),
        ("Côte d'Ivoire", "cote-divoire"),
        ("Vietnam", "viet-nam"),
        ("Swaziland", "eswatini"),
        ("Burma", "myanmar"),
        ("Macedonia", "north-macedonia"),
        ("DRC", "dr-congo"),
        ("Democratic Republic of the Congo", "dr-congo"),
        ("Republic of the Congo", "congo"),
        ("Hizbullah", "hezbollah-lebanon"),
        ("Houthis", "houthi-rebels-yemen"),
        ("NATO", "nato"),
        ("UN", "united-nations"),
        ("EU", "european-union"),
        ("AU", "african-union"),
        ("Holland", "netherlands"),
        ("The Netherlands", "netherlands"),
        ("West Germany", "germany"),
        ("GDR", "east-germany-gdr"),
        ("Serbia and Montenegro", "serbia"),
        ("PAK", "pakistan"),
        ("IND", "india"),
        ("XKX", "kosovo"),
        ("hezbollah-lebanon", "hezbollah-lebanon"),
        ("Hezbollah (Lebanon)*", "hezbollah-lebanon"),
        ("PRC (Israel/Palestine)*", "prc-israel-palestine"),
    ],
)
def test_names_users_type_resolve_to_entities(typed: str, entity_id: str) -> None:
    assert EntityResolver().resolve(typed) == entity_id


def test_an_unknown_name_raises_with_the_closest_display_names() -> None:
    with pytest.raises(UnknownEntityError) as raised:
        EntityResolver().resolve("Pakistn", field="recipient")
    error = raised.value
    assert error.name == "Pakistn"
    assert error.suggestions[0] == "Pakistan"
    assert len(error.suggestions) <= 5
    assert "Unknown recipient 'Pakistn'" in str(error)
    assert "Did you mean: Pakistan" in str(error)


def test_a_partial_name_suggests_the_entities_containing_it() -> None:
    with pytest.raises(UnknownEntityError) as raised:
        EntityResolver().resolve("Korea")
    assert {"North Korea", "South Korea"} <= set(raised.value.suggestions)


def test_resolve_many_keeps_order_and_raises_on_the_first_unknown() -> None:
    resolver = EntityResolver()
    assert resolver.resolve_many(["India", "Pakistan", "TUR"]) == ["india", "pakistan", "turkiye"]
    with pytest.raises(UnknownEntityError, match="Unknown supplier 'Narnia'"):
        resolver.resolve_many(["India", "Narnia"], field="supplier")


def test_entity_ids_are_unique_slugs() -> None:
    entities = load_entities()
    assert entities["entity_id"].is_unique
    assert entities["display_name"].is_unique
    for entity_id in entities["entity_id"]:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entity_id), entity_id


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Turkiye", "turkiye"),
        ("United States", "united-states"),
        ("Hezbollah (Lebanon)*", "hezbollah-lebanon"),
        ("NATO**", "nato"),
        ("unknown supplier(s)", "unknown-suppliers"),
        ("Cote d'Ivoire", "cote-divoire"),
        ("Côte d’Ivoire", "cote-divoire"),
    ],
)
def test_slugify_gives_url_safe_ids(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_entity_types_and_iso3_codes_are_well_formed() -> None:
    entities = load_entities()
    assert list(entities.columns) == ["entity_id", "display_name", "entity_type", "iso3"]
    assert set(entities["entity_type"]) <= set(ENTITY_TYPES) - {"unclassified"}
    codes = entities["iso3"].dropna()
    assert codes.is_unique
    assert codes.str.fullmatch(r"[A-Z]{3}").all()
    iso3 = dict(zip(entities["entity_id"], entities["iso3"], strict=True))
    assert iso3["turkiye"] == "TUR"
    assert iso3["soviet-union"] == "SUN"
    assert iso3["russia"] == "RUS"
    for no_code in ("kosovo", "hezbollah-lebanon", "nato", "biafra", "northern-cyprus"):
        assert pd.isna(iso3[no_code]), no_code


@pytest.mark.skipif(
    not (ISO_CODES_DIR / "iso_3166-1.json").is_file(),
    reason=f"Debian's iso-codes package (ISO 3166 tables) is not installed at {ISO_CODES_DIR}",
)
def test_iso3_codes_are_iso_3166_codes_current_for_states_withdrawn_for_former_states() -> None:
    current = {
        row["alpha_3"]
        for row in json.loads((ISO_CODES_DIR / "iso_3166-1.json").read_text("utf-8"))["3166-1"]
    }
    withdrawn = {
        row["alpha_3"]
        for row in json.loads((ISO_CODES_DIR / "iso_3166-3.json").read_text("utf-8"))["3166-3"]
    }
    entities = load_entities().dropna(subset=["iso3"])
    for row in entities.itertuples():
        if row.entity_type == "historical_state":
            assert row.iso3 in withdrawn, row.entity_id
        else:
            assert row.iso3 in current, row.entity_id


def test_every_alias_and_sipri_name_targets_an_existing_entity() -> None:
    ids = set(load_entities()["entity_id"])
    for file_name in (ALIASES_FILE, SIPRI_NAMES_FILE):
        targets = set(reference_csv(file_name)["entity_id"])
        assert targets <= ids, (file_name, targets - ids)


def test_every_entity_has_at_least_one_sipri_name() -> None:
    named = set(reference_csv(SIPRI_NAMES_FILE)["entity_id"])
    assert set(load_entities()["entity_id"]) <= named


def test_no_two_entities_answer_to_the_same_typed_name() -> None:
    entities = load_entities()
    owners: dict[str, str] = {}
    terms = [
        *zip(entities["entity_id"], entities["entity_id"], strict=True),
        *zip(entities["display_name"], entities["entity_id"], strict=True),
        *zip(entities["iso3"].dropna(), entities.dropna(subset=["iso3"])["entity_id"], strict=True),
    ]
    for file_name, column in ((SIPRI_NAMES_FILE, "sipri_name"), (ALIASES_FILE, "alias")):
        table = reference_csv(file_name)
        terms += list(zip(table[column], table["entity_id"], strict=True))
    for term, entity_id in terms:
        assert owners.setdefault(name_key(term), entity_id) == entity_id, term


def test_unclassified_names_get_type_unclassified_and_are_reported() -> None:
    resolver = EntityResolver()
    ids, unclassified = resolver.classify_names(
        ["Turkiye", "Pakistan", "New Front (Ruritania)*", " New Front (Ruritania)* ", "Turkiye"]
    )
    assert unclassified == ["New Front (Ruritania)*"]
    assert ids["Turkiye"] == "turkiye"
    new_id = ids["New Front (Ruritania)*"]
    assert new_id == "unclassified-new-front-ruritania"
    assert ids[" New Front (Ruritania)* "] == new_id
    assert resolver.entity_type(new_id) == "unclassified"
    assert resolver.display_name(new_id) == "New Front (Ruritania)*"
    assert resolver.resolve("new front ruritania") == new_id
    assert resolver.id_for_sipri_name("New Front (Ruritania)*") is None
    assert any(option["value"] == new_id for option in resolver.search_options())


def test_a_resolver_can_be_built_with_extra_unclassified_names() -> None:
    resolver = EntityResolver.with_unclassified(["Pakistan", "Ruritania", "Ñandú"])
    assert resolver.unclassified_names == {
        "unclassified-nandu": "Ñandú",
        "unclassified-ruritania": "Ruritania",
    }
    assert resolver.display_name("unclassified-ruritania") == "Ruritania"
    assert resolver.entity_type("unclassified-nandu") == "unclassified"
    assert EntityResolver().unclassified_names == {}


def test_an_unclassified_name_never_takes_over_a_known_entitys_name() -> None:
    resolver = EntityResolver.with_unclassified(["turkey"])  # not SIPRI's spelling
    assert resolver.resolve("Turkey") == "turkiye"
    assert resolver.entity_type("unclassified-turkey") == "unclassified"


def test_classify_names_rejects_missing_values() -> None:
    with pytest.raises(TypeError, match="must be a string"):
        EntityResolver().classify_names(["India", float("nan")])  # type: ignore[list-item]


def test_display_name_and_entity_type_reject_unknown_ids() -> None:
    resolver = EntityResolver()
    assert resolver.display_name("turkiye") == "Turkiye"
    assert resolver.display_name("hezbollah-lebanon") == "Hezbollah (Lebanon)"
    assert resolver.entity_type("soviet-union") == "historical_state"
    assert resolver.iso3("soviet-union") == "SUN"
    assert resolver.iso3("kosovo") is None
    with pytest.raises(UnknownEntityError, match="entity id 'turkei'"):
        resolver.display_name("turkei")
    with pytest.raises(UnknownEntityError):
        resolver.entity_type("unclassified-never-seen")


def test_search_options_are_sorted_by_display_name_and_list_every_name() -> None:
    options = EntityResolver().search_options()
    assert len(options) == len(load_entities())
    keys = [name_key(option["label"].rsplit(" (", 1)[0]) for option in options]
    assert keys == sorted(keys)
    turkiye = next(option for option in options if option["value"] == "turkiye")
    assert turkiye["label"] == "Turkiye (state)"
    assert {"turkiye", "turkey", "tur"} <= set(turkiye["search"].split())
    hezbollah = next(option for option in options if option["value"] == "hezbollah-lebanon")
    assert hezbollah["label"] == "Hezbollah (Lebanon) (non-state actor)"
    assert "hizbullah" in hezbollah["search"]


def test_load_entities_returns_a_fresh_copy_each_call() -> None:
    first = load_entities()
    first.loc[:, "display_name"] = "changed"
    assert load_entities().loc[0, "display_name"] != "changed"


def test_a_new_resolver_reads_no_reference_file_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reference files are read once per process: every request that builds a resolver for
    its release reuses them (a timing would say the same, less reliably on a busy machine)."""
    EntityResolver()

    def no_read(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a reference file was read again")

    monkeypatch.setattr(entities_module, "_read_reference", no_read)
    resolver = EntityResolver()
    assert resolver.resolve("Turkey") == "turkiye"


@settings(database=None, max_examples=300, deadline=None)
@given(st.text())
def test_resolve_on_any_text_returns_a_known_id_or_raises_unknown_entity(text: str) -> None:
    resolver = shared_resolver()
    try:
        entity_id = resolver.resolve(text)
    except UnknownEntityError as error:
        assert len(error.suggestions) <= 5
    else:
        assert resolver.entity_type(entity_id) in ENTITY_TYPES


@functools.cache
def _typed_names() -> list[tuple[str, str]]:
    entities = load_entities()
    aliases = reference_csv(ALIASES_FILE)
    return sorted(
        {
            *zip(entities["display_name"], entities["entity_id"], strict=True),
            *zip(aliases["alias"], aliases["entity_id"], strict=True),
        }
    )


@settings(database=None, max_examples=300, deadline=None)
@given(
    st.sampled_from(_typed_names()),
    st.lists(st.booleans(), min_size=1, max_size=20),
    st.sampled_from(["", " ", "  ", "\t", ".", "-"]),
)
def test_resolve_ignores_case_spacing_and_punctuation(
    name_and_id: tuple[str, str], upper: list[bool], padding: str
) -> None:
    name, entity_id = name_and_id
    scrambled = "".join(
        char.upper() if upper[i % len(upper)] else char.lower() for i, char in enumerate(name)
    )
    typed = padding + scrambled.replace(" ", padding or " ") + padding
    assert shared_resolver().resolve(typed) == entity_id
