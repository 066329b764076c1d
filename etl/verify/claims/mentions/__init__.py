"""Mentions in one clause: countries, weapons with their quantities, money, years, stage, negation.

Each finder takes the clause's normalised text and the spans already taken, adds its own, and
returns them; an earlier finder's span wins (money before years, countries before weapons). Every
pattern here is linear-time: bounded repeats, anchored alternatives, no nested quantifiers over
the same characters, so a hostile 50,000-character text costs no more than an article.

One module per kind of mention: `spans` (what the finders share), `countries`, `numbers` (numbers,
money, years), `weapons` (designations, type words, exclusions, quantities) and `stage` (stage,
negation, new deal).
"""

from etl.verify.claims.mentions.countries import CountryHit, find_countries
from etl.verify.claims.mentions.numbers import (
    NUMBER_WORDS,
    Years,
    find_money,
    find_years,
    number_value,
)
from etl.verify.claims.mentions.spans import Covered, Span, normalise, overlaps
from etl.verify.claims.mentions.stage import (
    HEADLINE_FUTURE,
    STAGE_PATTERNS,
    Stage,
    find_negation,
    find_stage,
    is_new_deal,
)
from etl.verify.claims.mentions.weapons import (
    DesignationIndex,
    find_designations,
    find_exclusions,
    find_types,
    quantity_before,
    weapon_mentions,
)

__all__ = [
    "HEADLINE_FUTURE", "NUMBER_WORDS", "STAGE_PATTERNS", "CountryHit", "Covered", "DesignationIndex", "Span",
    "Stage", "Years", "find_countries", "find_designations", "find_exclusions", "find_money", "find_negation",
    "find_stage", "find_types", "find_years", "is_new_deal", "normalise", "number_value", "overlaps",
    "quantity_before", "weapon_mentions",
]
