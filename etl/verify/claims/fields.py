"""Structured fields (command-line options, the Check page's corrections) over parsed claims."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from datetime import date

from etl.entities import EntityResolver
from etl.verify.claims.mentions import (
    DesignationIndex,
    Span,
    find_designations,
    find_exclusions,
    find_money,
    find_types,
    normalise,
    number_value,
    weapon_mentions,
)
from etl.verify.claims.model import (
    STAGES,
    YEAR_MAX,
    YEAR_MIN,
    Claim,
    ClaimError,
    MoneyMention,
    WeaponMention,
)
from etl.verify.names import plain


@dataclass(frozen=True)
class ClaimFields:
    """Structured fields that override what the text says (None: keep the parsed part)."""

    supplier: str | None = None
    recipient: str | None = None
    weapon: str | None = None
    quantity: str | None = None
    value: str | None = None
    stage: str | None = None
    from_year: str | int | None = None
    to_year: str | int | None = None

    def given(self) -> bool:
        return any(v not in (None, "") for v in asdict(self).values())


def missing_side(supplier_id: str | None, recipient_id: str | None) -> str | None:
    """Which side a claim leaves open: 'supplier', 'recipient', 'both' or None."""
    if supplier_id is None and recipient_id is None:
        return "both"
    if supplier_id is None:
        return "supplier"
    return "recipient" if recipient_id is None else None


def parse_date(text: str | None) -> date | None:
    """An article's date written YYYY-MM-DD; ClaimError with one sentence otherwise."""
    if text is None or not str(text).strip():
        return None
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        raise ClaimError(f"The article date '{str(text)[:40]}' is not a date written YYYY-MM-DD (e.g. 2025-05-20).") from None


def parse_quantity(text: str | int | None) -> int | None:
    """A quantity field as a whole number of weapons; ClaimError when malformed."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    value = number_value(str(text)) if not isinstance(text, int) else text
    if value is None or value <= 0:
        raise ClaimError(f"Quantity '{text}' is not a whole number of weapons above 0 (e.g. 24).")
    return value


def parse_year(text: str | int | None, name: str) -> int | None:
    """A year field; ClaimError when it is not a year SIPRI could cover."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    try:
        year = int(str(text).strip())
    except ValueError:
        raise ClaimError(f"{name} '{text}' is not a year (e.g. 2023).") from None
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ClaimError(f"{name} {year} is outside the years a claim can be about ({YEAR_MIN}-{YEAR_MAX}).")
    return year


def parse_weapon(text: str, index: DesignationIndex | None = None) -> WeaponMention:
    """A weapon field ('MH-60R helicopters', 'drones', 'Akıncı') as one weapon mention."""
    work = normalise(plain(text)).strip()
    if not work:
        raise ClaimError("The weapon is empty: name a designation (e.g. 'MH-60R') or a type (e.g. 'frigates').")
    taken: list[Span] = []
    exclusions = find_exclusions(work, taken)
    types = find_types(work, taken)
    designations = find_designations(work, index or DesignationIndex(frozenset(), 0), taken, types)
    mentions = weapon_mentions(work, designations, types, exclusions)
    if mentions:
        first = mentions[0]
        if first.designation is None and first.type_label is None and first.excluded_rule_id is None:
            return replace(first, designation=work)
        return first
    # Anything else is taken as a designation as written ("Kaan", "Hisar-O").
    return WeaponMention(text=work, designation=re.sub(r"^\d+\s+", "", work))


def parse_value(text: str) -> MoneyMention:
    """A money field ('$2.6 billion') as a money mention; ClaimError when no amount is found."""
    taken: list[Span] = []
    found = find_money(plain(text), taken)
    if not found:
        raise ClaimError(f"Value '{text}' is not an amount of money (e.g. '$2.6 billion').")
    return found[0]


def apply_fields(
    claim: Claim | None,
    fields: ClaimFields,
    resolver: EntityResolver,
    index: DesignationIndex | None = None,
) -> Claim:
    """The claim with structured fields in place of the parsed parts they name."""
    claim = claim or Claim(text="")
    changes: dict[str, object] = {}
    overridden = []
    if fields.supplier:
        entity_id = resolver.resolve(fields.supplier, field="supplier")
        changes.update(supplier_id=entity_id, supplier=resolver.display_name(entity_id))
        overridden.append("supplier")
    if fields.recipient:
        entity_id = resolver.resolve(fields.recipient, field="recipient")
        changes.update(recipient_id=entity_id, recipient=resolver.display_name(entity_id))
        overridden.append("recipient")
    if fields.supplier or fields.recipient:
        changes["roles_guessed"] = False
    weapons = list(claim.weapons)
    if fields.weapon:
        # Several weapons are separated by ';' ("MH-60R; assault rifles").
        weapons = [parse_weapon(part, index) for part in fields.weapon.split(";") if part.strip()]
        if not weapons:
            raise ClaimError("The weapon is empty: name a designation (e.g. 'MH-60R') or a type (e.g. 'frigates').")
        overridden.append("weapon")
    quantity = parse_quantity(fields.quantity)
    if quantity is not None:
        if not weapons:
            raise ClaimError("A quantity needs a weapon: give --weapon (e.g. 'MH-60R') with --quantity.")
        weapons[0] = replace(weapons[0], quantity=quantity, quantity_text=str(quantity))
        overridden.append("quantity")
    changes["weapons"] = tuple(weapons)
    if fields.value:
        changes["values"] = (parse_value(fields.value),)
        overridden.append("value")
    if fields.stage:
        stage = fields.stage.strip().casefold()
        if stage not in STAGES:
            raise ClaimError(f"Stage '{fields.stage}' is not one of {', '.join(STAGES)}.")
        changes.update(stage=stage, stage_text=None)
        overridden.append("stage")
    from_year = parse_year(fields.from_year, "From year")
    to_year = parse_year(fields.to_year, "To year")
    if from_year is not None:
        changes["from_year"] = from_year
        overridden.append("from_year")
    if to_year is not None:
        changes["to_year"] = to_year
        overridden.append("to_year")
    if fields.supplier or fields.recipient:
        supplier_id = changes.get("supplier_id", claim.supplier_id)
        recipient_id = changes.get("recipient_id", claim.recipient_id)
        set_by = ", ".join(side for side in ("supplier", "recipient") if getattr(fields, side))
        changes["missing_side"] = missing_side(supplier_id, recipient_id)  # type: ignore[arg-type]
        changes["direction_cue"] = "; ".join(filter(None, [claim.direction_cue, f"{set_by} set by the user"]))
        changes["both_ways"] = False
    merged = replace(claim, **changes, overridden=tuple(overridden))  # type: ignore[arg-type]
    if merged.from_year is not None and merged.to_year is not None and merged.from_year > merged.to_year:
        raise ClaimError(f"From year {merged.from_year} is after to year {merged.to_year}.")
    if merged.supplier_id is None and merged.recipient_id is None:
        raise ClaimError("The claim names no supplier or recipient; give --supplier or --recipient.")
    return merged


def read_claim(
    text: str | None,
    fields: ClaimFields,
    resolver: EntityResolver,
    index: DesignationIndex | None = None,
) -> Claim:
    """Text and fields together: the text parsed (a country may come from the fields instead),
    then the fields put over it."""
    has_text = bool(text and text.strip())
    if not has_text and not fields.given():
        raise ClaimError("The claim is empty: paste a sentence about an arms deal, or give "
                         "--supplier/--recipient/--weapon.")
    claim = None
    if has_text:
        country_given = bool(fields.supplier or fields.recipient)
        from etl.verify.claims.article import read_claim_text

        claim = read_claim_text(str(text), resolver, index, require_country=not country_given)
    return apply_fields(claim, fields, resolver, index)
