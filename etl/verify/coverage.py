"""SIPRI's coverage rules (reference data in `etl/reference/coverage.csv`, quoted with source)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pandas as pd

from etl.verify.names import fold, plain

COVERAGE_FILE = "coverage.csv"
COVERAGE_URL = "https://www.sipri.org/databases/armstransfers/background/coverage"
_COLUMNS = ("rule_id", "category", "covered", "terms", "quote", "source_url", "quoted_from")


@dataclass(frozen=True)
class CoverageRule:
    """One of SIPRI's categories, or one exclusion derived from them, with SIPRI's words."""

    rule_id: str
    category: str
    covered: bool
    terms: tuple[str, ...]
    quote: str
    source_url: str
    quoted_from: str

    def as_dict(self) -> dict[str, object]:
        return {
            "rule_id": self.rule_id,
            "category": self.category,
            "covered": self.covered,
            "quote": self.quote,
            "source_url": self.source_url,
            "quoted_from": self.quoted_from,
        }


def _problems(frame: pd.DataFrame) -> list[str]:
    problems = []
    seen: dict[str, int] = {}
    for line, row in enumerate(frame.itertuples(index=False), start=2):
        where = f"etl/reference/{COVERAGE_FILE}, line {line}"
        if row.rule_id in seen:
            problems.append(f"{where}: rule_id '{row.rule_id}' repeats line {seen[row.rule_id]}.")
        seen[row.rule_id] = line
        if row.covered not in {"yes", "no"}:
            problems.append(f"{where}: covered must be yes or no, not '{row.covered}'.")
        if row.covered == "no" and not row.terms.strip():
            problems.append(f"{where}: an exclusion needs terms.")
        if not row.quote.strip() or not row.source_url.startswith("https://"):
            problems.append(f"{where}: every rule needs SIPRI's quote and an https source_url.")
    return problems


@lru_cache(maxsize=1)
def coverage_rules() -> tuple[CoverageRule, ...]:
    """Every rule in the reference file; ValueError naming file and line for a bad row."""
    source = resources.files("etl") / "reference" / COVERAGE_FILE
    with source.open("rb") as handle:
        frame = pd.read_csv(handle, dtype="str", keep_default_na=False, encoding="utf-8")
    if tuple(frame.columns) != _COLUMNS:
        raise ValueError(
            f"etl/reference/{COVERAGE_FILE}, line 1: the header must be {','.join(_COLUMNS)}."
        )
    problems = _problems(frame)
    if problems:
        raise ValueError(" ".join(problems))
    return tuple(
        CoverageRule(
            rule_id=row.rule_id,
            category=row.category,
            covered=row.covered == "yes",
            terms=tuple(t.strip() for t in row.terms.split(";") if t.strip()),
            quote=row.quote,
            source_url=row.source_url,
            quoted_from=row.quoted_from,
        )
        for row in frame.itertuples(index=False)
    )


def covered_categories() -> list[CoverageRule]:
    """SIPRI's categories of major conventional weapons, in the page's order."""
    return [rule for rule in coverage_rules() if rule.covered]


@lru_cache(maxsize=1)
def exclusion_pattern() -> re.Pattern[str]:
    """A regex over folded text finding any exclusion term; the group name is the rule's index."""
    rules = coverage_rules()
    parts = []
    for index, rule in enumerate(rules):
        if rule.covered:
            continue
        terms = sorted((re.escape(fold(t)) for t in rule.terms), key=len, reverse=True)
        parts.append(f"(?P<r{index}>{'|'.join(terms)})")
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])", re.IGNORECASE)


def exclusions_in(text: str) -> list[tuple[str, CoverageRule, int, int]]:
    """(term as written, rule, start, end) for each exclusion term in `text` (offsets in
    `plain(text)`, the text without diacritics)."""
    rules = coverage_rules()
    found = []
    for match in exclusion_pattern().finditer(plain(text)):
        rule = rules[int(str(match.lastgroup)[1:])]
        found.append((match.group(0), rule, match.start(), match.end()))
    return found


def exclusion_for(text: str) -> CoverageRule | None:
    """The exclusion rule a weapon text falls under ('assault rifles' -> small arms), if any."""
    found = exclusions_in(text)
    return found[0][1] if found else None
