"""The words that name suppliers, recipients and weapons, read from reviewed data files.

Every written form comes from `etl/reference/` (no word list lives in code):
- entity names, SIPRI's names and `aliases.csv` (through `EntityResolver`);
- `country_terms.csv`: demonyms ("Turkish"), capitals and seats of government ("Ankara"),
  metonyms ("the Pentagon") and abbreviations ("U.S.", "PRC");
- `makers.csv`: arms makers and export agencies ("Baykar", "Rosoboronexport") -> their state;
- `weapon_aliases.csv`: other names of weapons (NATO reporting names, export and national
  names, ship classes) -> the designation SIPRI writes;
- `not_names.csv`: capitalised words that are entity names but in a sentence usually are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pandas as pd

from etl.entities import EntityResolver
from etl.errors import UnknownEntityError
from etl.verify.names import plain

COUNTRY_TERMS_FILE = "country_terms.csv"
MAKERS_FILE = "makers.csv"
WEAPON_ALIASES_FILE = "weapon_aliases.csv"
NOT_NAMES_FILE = "not_names.csv"
NAME_KINDS = ("name", "demonym", "capital", "metonym", "abbreviation", "maker")
_ENTITY_KINDS = {"state", "historical_state"}


def words_key(text: str) -> str:
    """How a written name is looked up: 'U.S.' -> 'u s', 'Türkiye' -> 'turkiye'."""
    return " ".join(re.findall(r"[a-z0-9]+", plain(text).casefold()))


def read_reference(file_name: str, columns: tuple[str, ...]) -> pd.DataFrame:
    """A reference file as text columns; ValueError naming the file when its header is wrong."""
    with (resources.files("etl") / "reference" / file_name).open("rb") as handle:
        frame = pd.read_csv(handle, dtype="str", keep_default_na=False, encoding="utf-8")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"etl/reference/{file_name}, line 1: missing column(s) {', '.join(missing)}.")
    return frame


@dataclass(frozen=True)
class NameTerm:
    """What a written name stands for."""

    entity_id: str
    kind: str  # one of NAME_KINDS
    # Abbreviations match only as written in capitals ('US', never 'us').
    case_sensitive: bool = False


@dataclass(frozen=True)
class CountryLexicon:
    """Written keys ('united states', 'turkish', 'ankara') -> what they name."""

    terms: dict[str, NameTerm]
    longest: int  # words in the longest key

    def get(self, key: str) -> NameTerm | None:
        return self.terms.get(key)


def _is_abbreviation(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return bool(letters) and len(letters) <= 5 and all(c.isupper() for c in letters)


@lru_cache(maxsize=4)
def country_lexicon(resolver: EntityResolver) -> CountryLexicon:
    """Every written form of a supplier or recipient the reference data knows."""
    not_names = {words_key(t) for t in read_reference(NOT_NAMES_FILE, ("term", "reason"))["term"]}
    # Each not-name stands in the lexicon as a blocker, so that "South China Sea" is read as one
    # (non-)name before "China" could be.
    terms: dict[str, NameTerm] = {key: NameTerm("", "not-a-name") for key in not_names if " " in key}

    def add(term: str, entity_id: str, kind: str) -> None:
        key = words_key(term)
        if not key or key in not_names or key in terms:
            return
        terms[key] = NameTerm(entity_id, kind, _is_abbreviation(term))

    for option in resolver.search_options():
        entity_id = option["value"]
        add(resolver.display_name(entity_id), entity_id, "name")
    for file_name, column in (("sipri_names.csv", "sipri_name"), ("aliases.csv", "alias")):
        frame = read_reference(file_name, (column, "entity_id"))
        for term, entity_id in zip(frame[column], frame["entity_id"], strict=True):
            try:
                kind = "name"
                if resolver.entity_type(entity_id) not in _ENTITY_KINDS and not term[:1].isupper():
                    continue
            except UnknownEntityError:
                continue
            add(term.rstrip("*"), entity_id, kind)
    frame = read_reference(COUNTRY_TERMS_FILE, ("term", "entity_id", "kind"))
    for term, entity_id, kind in zip(frame["term"], frame["entity_id"], frame["kind"], strict=True):
        add(term, entity_id, kind)
    makers = read_reference(MAKERS_FILE, ("maker", "entity_id", "aliases"))
    for maker, entity_id, aliases in zip(makers["maker"], makers["entity_id"], makers["aliases"], strict=True):
        for term in [maker, *[a.strip() for a in aliases.split(";") if a.strip()]]:
            add(term, entity_id, "maker")
    longest = max((len(key.split()) for key in terms), default=1)
    return CountryLexicon(terms, min(longest, 6))


@dataclass(frozen=True)
class WeaponAlias:
    alias: str
    designation: str  # as SIPRI writes it
    kind: str
    source: str

    @property
    def note(self) -> str:
        kind = self.kind.replace("-", " ")
        return f"'{self.alias}' is the {kind} of {self.designation} (source: {self.source})."


@lru_cache(maxsize=1)
def weapon_aliases() -> dict[str, WeaponAlias]:
    """Name key of another name of a weapon -> the alias row."""
    from etl.verify.names import name_key

    frame = read_reference(WEAPON_ALIASES_FILE, ("alias", "designation", "kind", "source"))
    out: dict[str, WeaponAlias] = {}
    for row in frame.itertuples(index=False):
        out.setdefault(name_key(row.alias), WeaponAlias(row.alias, row.designation, row.kind, row.source))
    return out


HISTORICAL_CAPITALS_FILE = "historical_capitals.csv"


@lru_cache(maxsize=1)
def historical_capitals() -> dict[str, tuple[int, str]]:
    """A state whose capital named another entity before a year ('Moscow' before 1992: the
    Soviet Union) -> (last year, that entity's id)."""
    frame = read_reference(HISTORICAL_CAPITALS_FILE, ("entity_id", "until_year", "historical_entity_id"))
    return {row.entity_id: (int(row.until_year), row.historical_entity_id) for row in frame.itertuples(index=False)}
