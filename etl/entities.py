"""Entities: SIPRI supplier and recipient names mapped to stable ids, types and ISO codes.

The reference tables are data files we author in `etl/reference/`:
- `entities.csv`: one row per SIPRI entity (`entity_id, display_name, entity_type, iso3, note`);
- `sipri_names.csv`: every name SIPRI has used in an export (`sipri_name, entity_id`), so that
  spellings of one entity across releases (`Turkey`, `Turkiye`) share an id, while names SIPRI
  uses side by side in one release stay apart;
- `aliases.csv`: what users type (`USA`, `USSR`, `Ivory Coast`) -> `entity_id`.

`EntityResolver` turns SIPRI names into ids when a release is ingested, and names users type into
ids at the command line and in the dashboard. Names missing from the reference still get an id
(`unclassified-<slug>`) so an export with a new SIPRI name loads, and are reported.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

import pandas as pd

from etl.errors import UnknownEntityError
from etl.schemas import ENTITY_REFERENCE_COLUMNS, ENTITY_TYPES

UNCLASSIFIED = "unclassified"
UNCLASSIFIED_PREFIX = "unclassified-"
MAX_SUGGESTIONS = 5

ENTITIES_FILE = "entities.csv"
SIPRI_NAMES_FILE = "sipri_names.csv"
ALIASES_FILE = "aliases.csv"
ENTITY_COLUMNS = ENTITY_REFERENCE_COLUMNS

_FILE_COLUMNS = {
    ENTITIES_FILE: (*ENTITY_COLUMNS, "note"),
    SIPRI_NAMES_FILE: ("sipri_name", "entity_id"),
    ALIASES_FILE: ("alias", "entity_id"),
}
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ISO3 = re.compile(r"[A-Z]{3}")
# How a type reads in a dropdown label: "Hezbollah (Lebanon) (non-state actor)".
_TYPE_LABELS = {
    "state": "state",
    "historical_state": "historical state",
    "non_state_actor": "non-state actor",
    "organisation": "organisation",
    "unknown": "unknown",
    "unclassified": "unclassified",
}


def slugify(text: str) -> str:
    """Lowercase ASCII slug of a name, as in entity ids: `Cote d'Ivoire` -> `cote-divoire`."""
    # "unknown supplier(s)" -> "unknown-suppliers", not "unknown-supplier-s".
    text = text.replace("(s)", "s").replace("'", "").replace("\u2019", "")
    ascii_text = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def name_words(text: str) -> list[str]:
    """Words of a name as compared: casefolded, without diacritics, split at non-alphanumerics."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(
        char if char.isalnum() else " " for char in decomposed if not unicodedata.combining(char)
    )
    return kept.split()


def name_key(text: str) -> str:
    """Key under which names match: case-, diacritic-, punctuation- and whitespace-insensitive."""
    return "".join(name_words(text))


@dataclass(frozen=True)
class _Reference:
    entities: pd.DataFrame
    sipri_names: tuple[tuple[str, str], ...]
    aliases: tuple[tuple[str, str], ...]


def _read_reference(file_name: str) -> pd.DataFrame:
    source = resources.files("etl") / "reference" / file_name
    with source.open("rb") as handle:
        # Only an empty iso3 is missing: no other empty cell, nor a code such as "NA", is.
        frame = pd.read_csv(
            handle, dtype="str", encoding="utf-8", keep_default_na=False, na_values={"iso3": [""]}
        )
    expected = _FILE_COLUMNS[file_name]
    if tuple(frame.columns) != expected:
        raise ValueError(
            f"etl/reference/{file_name}, line 1: the header must be {','.join(expected)}, "
            f"not {','.join(frame.columns)}."
        )
    return frame


def _reference_problems(
    entities: pd.DataFrame, sipri_names: pd.DataFrame, aliases: pd.DataFrame
) -> list[str]:
    """Every problem in the three reference files, each a sentence naming the file and line."""
    problems: list[str] = []
    known_types = set(ENTITY_TYPES) - {UNCLASSIFIED}
    seen: dict[str, dict[str, int]] = {"id": {}, "display": {}, "iso3": {}}
    for line, row in enumerate(entities.itertuples(index=False), start=2):
        where = f"etl/reference/{ENTITIES_FILE}, line {line}"
        entity_id, display, entity_type, iso3 = (
            row.entity_id,
            row.display_name,
            row.entity_type,
            row.iso3,
        )
        if not _SLUG.fullmatch(entity_id) or entity_id.startswith(UNCLASSIFIED_PREFIX):
            problems.append(f"{where}: entity_id '{entity_id}' is not a slug of [a-z0-9-].")
        if not display.strip():
            problems.append(f"{where}: display_name is empty.")
        if entity_type not in known_types:
            problems.append(
                f"{where}: entity_type '{entity_type}' is not one of {sorted(known_types)}."
            )
        if pd.notna(iso3) and not _ISO3.fullmatch(iso3):
            problems.append(f"{where}: iso3 '{iso3}' is not three capital letters.")
        for kind, value in (("id", entity_id), ("display", display), ("iso3", iso3)):
            if pd.isna(value):
                continue
            if value in seen[kind]:
                problems.append(f"{where}: '{value}' repeats line {seen[kind][value]}.")
            seen[kind][value] = line
    ids = set(seen["id"])
    named: set[str] = set()
    seen_names: dict[str, int] = {}
    for line, (name, entity_id) in enumerate(sipri_names.itertuples(index=False), start=2):
        where = f"etl/reference/{SIPRI_NAMES_FILE}, line {line}"
        if name != name.strip() or not name:
            problems.append(f"{where}: sipri_name '{name}' is empty or has surrounding spaces.")
        if name in seen_names:
            problems.append(f"{where}: sipri_name '{name}' repeats line {seen_names[name]}.")
        seen_names[name] = line
        if entity_id not in ids:
            problems.append(f"{where}: entity_id '{entity_id}' is not in {ENTITIES_FILE}.")
        named.add(entity_id)
    for entity_id in sorted(ids - named):
        problems.append(
            f"etl/reference/{ENTITIES_FILE}, line {seen['id'][entity_id]}: "
            f"entity '{entity_id}' has no SIPRI name in {SIPRI_NAMES_FILE}."
        )
    for line, (alias, entity_id) in enumerate(aliases.itertuples(index=False), start=2):
        where = f"etl/reference/{ALIASES_FILE}, line {line}"
        if not name_key(alias):
            problems.append(f"{where}: alias '{alias}' has no letter or digit.")
        if entity_id not in ids:
            problems.append(f"{where}: entity_id '{entity_id}' is not in {ENTITIES_FILE}.")
    return problems


@functools.cache
def _reference() -> _Reference:
    entities = _read_reference(ENTITIES_FILE)
    sipri_names = _read_reference(SIPRI_NAMES_FILE)
    aliases = _read_reference(ALIASES_FILE)
    problems = _reference_problems(entities, sipri_names, aliases)
    if problems:
        raise ValueError("The entity reference data is inconsistent: " + " ".join(problems))
    return _Reference(
        entities=entities[list(ENTITY_COLUMNS)].copy(),
        sipri_names=tuple(zip(sipri_names["sipri_name"], sipri_names["entity_id"], strict=True)),
        aliases=tuple(zip(aliases["alias"], aliases["entity_id"], strict=True)),
    )


def load_entities() -> pd.DataFrame:
    """Entities reference table: entity_id, display_name, entity_type, iso3 (nullable str).

    Read once per process from etl/reference; each call returns its own copy, so a caller that
    changes the frame cannot change what the next caller sees.
    """
    return _reference().entities.copy()


class EntityResolver:
    """SIPRI names and names users type -> entity ids, and entity ids -> display names and types."""

    def __init__(self, entities: pd.DataFrame | None = None) -> None:
        frame = load_entities() if entities is None else entities
        ids = [str(entity_id) for entity_id in frame["entity_id"].tolist()]
        self._display_names = dict(zip(ids, frame["display_name"].tolist(), strict=True))
        self._types = dict(zip(ids, frame["entity_type"].tolist(), strict=True))
        self._iso3: dict[str, str | None] = {
            entity_id: None if pd.isna(code) or code == "" else str(code)
            for entity_id, code in zip(ids, frame["iso3"].tolist(), strict=True)
        }
        reference = _reference()
        self._ids_by_sipri_name = {
            name: entity_id
            for name, entity_id in reference.sipri_names
            if entity_id in self._display_names
        }
        self._unclassified_names: dict[str, str] = {}
        self._ids_by_key: dict[str, str] = {}
        self._terms: dict[str, list[str]] = {entity_id: [] for entity_id in ids}
        self._options: list[dict[str, str]] | None = None
        for entity_id in ids:
            self._add_term(entity_id, entity_id)
            self._add_term(entity_id, self._display_names[entity_id])
            code = self._iso3[entity_id]
            if code is not None:
                self._add_term(entity_id, code)
        for pairs in (reference.sipri_names, reference.aliases):
            for term, entity_id in pairs:
                if entity_id in self._display_names:
                    self._add_term(entity_id, term)

    @classmethod
    def with_unclassified(
        cls, names: Iterable[str], entities: pd.DataFrame | None = None
    ) -> EntityResolver:
        """A resolver that also knows `names`, those missing from the reference as unclassified."""
        resolver = cls(entities)
        resolver.classify_names(names)
        return resolver

    def _add_term(self, entity_id: str, term: str) -> None:
        key = name_key(term)
        if not key:
            return
        holder = self._ids_by_key.setdefault(key, entity_id)
        if holder != entity_id:
            raise ValueError(
                f"The entity reference data is ambiguous: '{term}' names both '{holder}' and "
                f"'{entity_id}' once case, accents and punctuation are ignored."
            )
        self._terms[entity_id].append(term)

    def _register_unclassified(self, name: str) -> str:
        # A name without any ASCII letter or digit still needs a stable, URL-safe id.
        slug = slugify(name) or hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]
        entity_id = UNCLASSIFIED_PREFIX + slug
        if entity_id in self._unclassified_names:
            # Names differing only in case or punctuation are SIPRI's spellings of one entity.
            return entity_id
        self._unclassified_names[entity_id] = name
        self._terms[entity_id] = []
        for term in (entity_id, name):
            key = name_key(term)
            # The reference wins: an unclassified name never takes over a known entity's key.
            if key and self._ids_by_key.setdefault(key, entity_id) == entity_id:
                self._terms[entity_id].append(term)
        self._options = None
        return entity_id

    @property
    def unclassified_names(self) -> dict[str, str]:
        """Unclassified entity ids met so far -> the SIPRI name each was made from."""
        return dict(self._unclassified_names)

    def id_for_sipri_name(self, sipri_name: str) -> str | None:
        """Exact SIPRI name (as in an export; trailing/leading whitespace ignored) -> entity_id,
        or None when unknown."""
        return self._ids_by_sipri_name.get(sipri_name.strip())

    def classify_names(self, names: Iterable[str]) -> tuple[dict[str, str], list[str]]:
        """Map each SIPRI name to an entity_id; names not in the reference get an `unclassified`
        id (slug of the name prefixed `unclassified-`) and are returned in the second list
        (sorted, unique)."""
        unique = set(names)
        for name in unique:
            if not isinstance(name, str):
                raise TypeError(f"A SIPRI name must be a string, not {name!r}.")
        ids: dict[str, str] = {}
        unclassified: set[str] = set()
        # Sorted, so that which spelling names a shared unclassified id does not depend on order.
        for name in sorted(unique):
            stripped = name.strip()
            entity_id = self._ids_by_sipri_name.get(stripped)
            if entity_id is None:
                entity_id = self._register_unclassified(stripped)
                unclassified.add(stripped)
            ids[name] = entity_id
        return ids, sorted(unclassified)

    def resolve(self, text: str, field: str = "name") -> str:
        """A name a user typed (entity_id, display name, SIPRI name, alias, ISO3; case-,
        diacritic-, punctuation- and whitespace-insensitive) -> entity_id.

        Raises etl.errors.UnknownEntityError(text, suggestions=[up to 5 closest display names],
        field=field) when nothing matches. A leading "the" is optional ("The Gambia").
        """
        words = name_words(text)
        entity_id = self._ids_by_key.get("".join(words))
        if entity_id is None and len(words) > 1 and words[0] == "the":
            entity_id = self._ids_by_key.get("".join(words[1:]))
        if entity_id is None:
            raise UnknownEntityError(
                text.strip(), suggestions=self.closest_names(text), field=field
            )
        return entity_id

    def resolve_many(self, texts: Iterable[str], field: str = "name") -> list[str]:
        """Entity ids for several typed names, in order; UnknownEntityError at the first unknown."""
        return [self.resolve(text, field=field) for text in texts]

    def closest_names(self, text: str, limit: int = MAX_SUGGESTIONS) -> list[str]:
        """Display names of up to `limit` entities whose names contain or resemble `text`."""
        key = name_key(text)
        if not key:
            return []
        keys: list[str] = []
        if len(key) >= 3:
            keys += sorted((known for known in self._ids_by_key if key in known), key=len)
        keys += difflib.get_close_matches(key, list(self._ids_by_key), n=limit * 4, cutoff=0.6)
        entity_ids = dict.fromkeys(self._ids_by_key[known] for known in keys)
        return [self.display_name(entity_id) for entity_id in list(entity_ids)[:limit]]

    def _unknown_id(self, entity_id: str) -> UnknownEntityError:
        return UnknownEntityError(
            entity_id, suggestions=self.closest_names(entity_id), field="entity id"
        )

    def display_name(self, entity_id: str) -> str:
        """Display name of an entity; for an unclassified id, the SIPRI name it was made from."""
        name = self._display_names.get(entity_id) or self._unclassified_names.get(entity_id)
        if name is None:
            raise self._unknown_id(entity_id)
        return name

    def entity_type(self, entity_id: str) -> str:
        """One of ENTITY_TYPES; `unclassified` for ids made from names not in the reference."""
        if entity_id in self._unclassified_names:
            return UNCLASSIFIED
        entity_type = self._types.get(entity_id)
        if entity_type is None:
            raise self._unknown_id(entity_id)
        return entity_type

    def iso3(self, entity_id: str) -> str | None:
        """ISO 3166-1 alpha-3 code of an entity (ISO 3166-3's for a former state), or None."""
        if entity_id in self._unclassified_names:
            return None
        if entity_id not in self._iso3:
            raise self._unknown_id(entity_id)
        return self._iso3[entity_id]

    def match_keys(self) -> dict[str, tuple[str, ...]]:
        """entity_id -> every key (`name_key`) under which `resolve` finds it: its id, display
        name, ISO3, SIPRI's names and the aliases users type (pickers rank exact matches first)."""
        out: dict[str, list[str]] = {}
        for key, entity_id in self._ids_by_key.items():
            out.setdefault(entity_id, []).append(key)
        return {entity_id: tuple(keys) for entity_id, keys in out.items()}

    def search_options(self) -> list[dict[str, str]]:
        """Dropdown options sorted by display name: value (entity_id), label ("Turkiye (state)")
        and search (every name the entity answers to, lowercased: "turkiye turkey tur ...")."""
        if self._options is None:
            ordered = sorted(
                self._terms.items(),
                key=lambda item: (name_key(self.display_name(item[0])), item[0]),
            )
            options = []
            for entity_id, terms in ordered:
                display = self.display_name(entity_id)
                entity_type = self.entity_type(entity_id)
                searchable = dict.fromkeys(" ".join(name_words(term)) for term in [display, *terms])
                options.append(
                    {
                        "value": entity_id,
                        "label": f"{display} ({_TYPE_LABELS.get(entity_type, entity_type)})",
                        "search": " ".join(searchable),
                    }
                )
            self._options = options
        return [dict(option) for option in self._options]
