"""A verdict for each part of a claim, with the deals that are its evidence.

Verdicts (exactly these strings, in JSON too):
- `recorded`: SIPRI's register holds it (as ordered, delivered, in the years, in the number said);
- `partly_recorded`: it holds the deal, but with a different number, other years, or ordered and
  not (yet) delivered;
- `not_recorded`: no matching deal, with why that does not show the claim is false;
- `outside_coverage`: the claim is about something SIPRI does not cover (its rules quoted);
- `not_checkable`: money: TIV is a volume index, not money; values SIPRI reports in Comments
  are shown beside the claim.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from datetime import date

import pandas as pd

from etl.analysis import for_pair
from etl.config import SIPRI_METHODS_URL, TIV_EXPLANATION
from etl.context.events import embargo_notes
from etl.provenance import citation_bibtex, citation_ris, citation_text, credit_line
from etl.store import ReleaseInfo
from etl.verify.claims import Claim, MoneyMention, WeaponMention
from etl.verify.coverage import COVERAGE_URL, coverage_rules
from etl.verify.evidence import (
    comment_values,
    deal_evidence,
    deal_summary,
    deals_in_years,
    delivery_years_of,
    dollars_m,
    number_text,
    ordered_total,
    units_delivered_in_years,
    years_text,
)
from etl.verify.weapons import DesignationCatalogue, WeaponQuery, match_deals

VERDICTS = ("recorded", "partly_recorded", "not_recorded", "outside_coverage", "not_checkable")
RECORDED, PARTLY, NOT_RECORDED, OUTSIDE, NOT_CHECKABLE = VERDICTS
VERDICT_LABELS = {
    RECORDED: "Recorded",
    PARTLY: "Partly recorded",
    NOT_RECORDED: "Not recorded",
    OUTSIDE: "Outside SIPRI's coverage",
    NOT_CHECKABLE: "Not checkable with TIV",
}
MAX_EVIDENCE_DEALS = 12
MAX_ELSEWHERE = 6

# Why a deal missing from the register does not show a claim is false (SIPRI, Sources and methods).
WHY_ABSENCE_PROVES_NOTHING = (
    "SIPRI includes a deal only once 'reliable information has been verified that an order has "
    f"been placed or deliveries have begun' ({SIPRI_METHODS_URL}): announcements, talks and "
    "letters of intent are not recorded.",
    "SIPRI uses open sources only; a deal not (yet) reported in them is missing.",
)
MONEY_NOT_TIV = (
    f"{TIV_EXPLANATION} The register holds no financial value of its own; where SIPRI's sources "
    "reported one, it appears in the deal's Comments and is shown here as written."
)



@dataclass(frozen=True)
class PartVerdict:
    """The verdict on one part of a claim."""

    kind: str  # weapon / transfer / value
    text: str
    verdict: str
    summary: str
    explanation: tuple[str, ...] = ()
    deals: tuple[dict[str, object], ...] = ()
    coverage: dict[str, object] | None = None
    reported_values: tuple[dict[str, object], ...] = ()

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self.verdict]


@dataclass(frozen=True)
class CheckResult:
    """A claim, its verdicts, and where the data comes from."""

    claim: Claim
    release: str
    data_generated: str
    covered_to_year: int | None
    parts: tuple[PartVerdict, ...]
    notes: tuple[str, ...]
    credit: str
    citation: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        out = asdict(self)
        out["parts"] = [{**asdict(part), "verdict_label": part.label} for part in self.parts]
        return out


# ---- the checks -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    claim: Claim
    deals: pd.DataFrame  # the whole release
    deliveries: pd.DataFrame
    release: ReleaseInfo
    covered_to_year: int | None
    catalogue: DesignationCatalogue | None = None
    # (supplier id, recipient id) -> the positions of the pair's deals, built once per release.
    pairs: dict[tuple[str, str], object] | None = None


def _pair_deals(ctx: _Context) -> pd.DataFrame:
    """The deals of the claim's pair, in its direction; none where a side is missing (a claim
    is never widened to 'any supplier')."""
    supplier, recipient = ctx.claim.supplier_id, ctx.claim.recipient_id
    if supplier is None or recipient is None:
        return ctx.deals.iloc[0:0]
    if ctx.pairs is not None:
        return ctx.deals.iloc[ctx.pairs.get((supplier, recipient), [])]
    return for_pair(ctx.deals, [supplier], [recipient])


def _pair_text(claim: Claim) -> str:
    return f"{claim.supplier or 'any supplier'} -> {claim.recipient or 'any recipient'}"


def _why_not_recorded(ctx: _Context) -> list[str]:
    reasons = list(WHY_ABSENCE_PROVES_NOTHING)
    last = ctx.covered_to_year
    if last is not None:
        reasons.insert(1, (
            f"SIPRI revises the database once a year: release {ctx.release.label} (data generated "
            f"{ctx.release.data_generated_text}) holds orders and deliveries up to {last}; later "
            "ones appear in a later release."
        ))
        if ctx.claim.from_year is not None and ctx.claim.from_year > last:
            reasons.insert(0, f"The claim is about {ctx.claim.from_year}, after the last year this "
                              f"release covers ({last}).")
    reasons.append("So 'not recorded' does not show that the claim is false.")
    return reasons


def _elsewhere(ctx: _Context, query: WeaponQuery) -> str | None:
    """Where else in the release the designation is recorded (from the release's catalogue of
    designations, built once per release: never a scan of every deal per request)."""
    if not query.designation:
        return None
    catalogue = ctx.catalogue or DesignationCatalogue.from_deals(ctx.deals)
    pairs = catalogue.pairs_for(query.designation)
    if not pairs:
        return None
    listed = ", ".join(f"{s} -> {r}" for s, r in pairs[:MAX_ELSEWHERE])
    more = f" and {len(pairs) - MAX_ELSEWHERE} more" if len(pairs) > MAX_ELSEWHERE else ""
    return (f"'{query.describe()}' is recorded for other pairs in this release: {listed}{more} "
            "(see `arms-explorer search`).")


def _coverage_verdict(mention: WeaponMention) -> PartVerdict:
    rules = {rule.rule_id: rule for rule in coverage_rules()}
    rule = rules[str(mention.excluded_rule_id)]
    intro = rules["mcw"]
    quotes = [f"'{intro.quote}' (SIPRI, {intro.source_url})"]
    if rule.quote != intro.quote:
        quotes.append(f"'{rule.quote}' (SIPRI, {rule.source_url})")
    return PartVerdict(
        kind="weapon",
        text=mention.text,
        verdict=OUTSIDE,
        summary=(f"'{mention.text}' falls under {rule.category.lower()}, which the SIPRI Arms "
                 "Transfers Database does not cover: it records major conventional weapons only."),
        explanation=(
            *quotes,
            "A transfer outside SIPRI's coverage can have happened; this database cannot confirm "
            "or contradict it.",
        ),
        coverage=rule.as_dict(),
    )


def _unpaired_verdict(ctx: _Context, kind: str, text: str) -> PartVerdict:
    """A part whose claim leaves a side open: checked for no pair, and why."""
    claim = ctx.claim
    named = claim.recipient or claim.supplier
    if claim.missing_side == "supplier":
        why = f"the text does not say who supplies {claim.recipient}"
    elif claim.missing_side == "recipient":
        why = f"the text does not say to whom {claim.supplier} supplies it"
    else:
        why = "the text does not say who supplies whom"
    return PartVerdict(
        kind=kind, text=text, verdict=NOT_CHECKABLE,
        summary=(f"Not checked: {why}, so no pair was checked (never 'any "
                 f"{'supplier' if claim.missing_side == 'supplier' else 'recipient'}')."),
        explanation=(f"Set the {claim.missing_side if claim.missing_side != 'both' else 'supplier and recipient'}"
                     f"{' beside ' + named if named else ''} to check it.",),
    )


def _matched_summary(evidence: pd.DataFrame) -> str:
    """'9 ordered in 2021, delivered 2022-2024' for each deal, as SIPRI records it."""
    parts = []
    for row in evidence.head(3).itertuples(index=False):
        ordered = (f"{number_text(row.units_ordered, row.units_ordered_estimated)} ordered in "
                   f"{number_text(row.order_year, row.order_year_estimated)}")
        years = [int(y) for y in re.findall(r"\d{4}", row.delivery_years)] if isinstance(row.delivery_years, str) else []
        delivered = (f"delivered {min(years)}-{max(years)}" if len(set(years)) > 1 else
                     f"delivered {years[0]}" if years else "nothing delivered yet")
        parts.append(f"{row.designation}: {ordered}, {delivered}")
    return "; ".join(parts)


USED_NOTE = "SIPRI records transfers, not the use of weapons; this verdict is about the transfer only."


def _negation_note(claim: Claim, verdict: str, what: str) -> str | None:
    if not claim.negated:
        return None
    if verdict in {RECORDED, PARTLY}:
        return (f"The text says this did not happen ('{claim.negation_text}'); the register "
                f"contradicts it: SIPRI records {what}.")
    return (f"The text says this did not happen ('{claim.negation_text}'); the register agrees: "
            "SIPRI records no such deal (its absence is not proof either way).")


def _open_or_dated(evidence: pd.DataFrame, claim: Claim) -> pd.DataFrame:
    """Orders that a claim about a new or future deal can be: still open, or ordered in the
    claim's years."""
    open_orders = evidence["is_open_order"].astype("bool") if "is_open_order" in evidence else pd.Series(False, index=evidence.index)
    dated = pd.Series(False, index=evidence.index)
    if claim.from_year is not None or claim.to_year is not None:
        low = claim.from_year if claim.from_year is not None else -10**6
        high = claim.to_year if claim.to_year is not None else 10**6
        years = pd.to_numeric(evidence["order_year"], errors="coerce")
        dated = (years >= low) & (years <= high)
    return evidence[open_orders | dated]


def _weapon_verdict(ctx: _Context, mention: WeaponMention) -> tuple[PartVerdict, pd.DataFrame]:
    claim = ctx.claim
    query = mention.query
    if claim.missing_side:
        return _unpaired_verdict(ctx, "weapon", mention.text), ctx.deals.iloc[0:0]
    notes: list[str] = []
    if mention.alias_note:
        notes.append(mention.alias_note)
    matched = match_deals(_pair_deals(ctx), query)
    what = mention.text if not mention.quantity_text or mention.quantity_text in mention.text else f"{mention.quantity_text} {mention.text}"
    if matched.empty:
        reasons = _why_not_recorded(ctx)
        if claim.stage == "used":  # a weapon used may have come by a transfer SIPRI does not record
            notes.append(USED_NOTE)
        pair_deals = _pair_deals(ctx)
        context = [f"Release {ctx.release.label} records {len(pair_deals)} deal(s) {_pair_text(claim)}, "
                   f"none for '{query.describe()}'."]
        elsewhere = _elsewhere(ctx, query)
        if elsewhere:
            context.append(elsewhere)
        negation = _negation_note(claim, NOT_RECORDED, "")
        return PartVerdict(
            kind="weapon", text=mention.text, verdict=NOT_RECORDED,
            summary=f"No deal {_pair_text(claim)} for {what} in release {ctx.release.label}."
                    + (f" {negation}" if negation else ""),
            explanation=tuple(notes + context + reasons),
        ), matched

    stage = claim.stage
    if any(matched["match"] == "variant"):
        notes.append("Matched as a variant of the designation (e.g. J-10 / J-10C); check that it "
                     "is the same system.")
    if any(matched["match"] == "comments"):
        notes.append("Matched through a name SIPRI gives in the deal's Comments (a local "
                     "designation or version).")
    if any(matched["match"].astype("str").str.startswith("fuzzy")):
        notes.append("Matched by spelling (score in the evidence, out of 100); check that it is the "
                     "same system.")
    years = years_text(claim)
    verdict = RECORDED
    evidence = matched
    if stage == "used":
        notes.append(USED_NOTE)
        delivered = matched[pd.to_numeric(matched["units_delivered"], errors="coerce").fillna(0) > 0]
        if claim.use_year is not None:
            delivered = delivered[delivered.apply(
                lambda row: any(y <= int(claim.use_year) for y in delivery_years_of(row)), axis=1).astype("bool")] \
                if len(delivered) else delivered
            notes.append(f"The year of use ({claim.use_year}) is not a delivery year: deliveries up to "
                         "then count.")
        evidence = delivered if len(delivered) else matched
        summary = f"Transfer recorded: {_matched_summary(evidence)}."
        if delivered.empty:
            verdict = PARTLY
            summary = f"Ordered, but no delivery recorded before the use: {_matched_summary(matched)}."
    elif claim.prospective:
        current = _open_or_dated(matched, claim)
        when = years or "open (not fully delivered)"
        if current.empty:
            verdict = PARTLY
            summary = (f"Earlier deal recorded ({_matched_summary(matched)}); no new order recorded"
                       f"{' ' + years if years else ''} in release {ctx.release.label} (data generated "
                       f"{ctx.release.data_generated_text}, orders up to {ctx.covered_to_year}).")
            notes.append("The text speaks of a new or future deal: only an open order, or one dated "
                         "to the claim's time, would record it.")
        else:
            evidence = current
            summary = f"Recorded as an order that is {when}: {_matched_summary(current)}."
            ordered = ordered_total(current)
            # "the last two": the number still to come of an open order counts too.
            outstanding = [int(o - (d if pd.notna(d) else 0)) for o, d in
                           zip(current["units_ordered"], current["units_delivered"], strict=True) if pd.notna(o)]
            if mention.quantity is not None and ordered is not None and ordered != mention.quantity \
                    and mention.quantity not in [int(u) for u in current["units_ordered"].dropna()] \
                    and mention.quantity not in outstanding:
                verdict = PARTLY
                summary = f"SIPRI records {ordered} ordered, not {mention.quantity}: {_matched_summary(current)}."
    else:
        by = "delivery" if stage == "delivered" else ("order" if stage in {"ordered", "agreed"} else "either")
        if claim.years_of == "order":
            by = "order"
        if claim.order_years is not None:
            # The order's years and the delivery's apart: the order must match both.
            low, high = claim.order_years
            ordered_then = pd.to_numeric(matched["order_year"], errors="coerce").between(low, high)
            if ordered_then.any():
                matched = matched[ordered_then]
        in_years = deals_in_years(matched, claim, by)
        evidence = in_years if not in_years.empty else matched
        summary = f"Recorded: {_matched_summary(evidence)}."
        if years and in_years.empty:
            verdict = PARTLY
            summary = (f"SIPRI records the deal, but not {years} "
                       f"({'ordered' if by == 'order' else 'delivered' if by == 'delivery' else 'ordered or delivered'}"
                       f"): {_matched_summary(matched)}.")
        elif stage == "delivered":
            delivered, allocated = units_delivered_in_years(
                evidence, ctx.deliveries, claim if by != "order" else replace(claim, from_year=None, to_year=None))
            if allocated:
                notes.append("SIPRI's register gives no split of deliveries by year; the units per year "
                             "used here are spread evenly over the listed years by this tool.")
            if delivered == 0:
                verdict = PARTLY
                summary = (f"Ordered but no deliveries recorded{' ' + years if years else ''} (release "
                           f"{ctx.release.label} covers up to {ctx.covered_to_year}): {_matched_summary(evidence)}.")
            elif mention.quantity is not None and round(delivered) != mention.quantity:
                verdict = PARTLY
                ordered = ordered_total(evidence)
                extra = f" of {ordered} ordered" if ordered else ""
                if allocated:
                    summary = (f"SIPRI gives no split of deliveries by year; spread evenly over the "
                               f"listed years (by this tool), {delivered:g}{extra} were delivered "
                               f"{years}, not {mention.quantity}: {_matched_summary(evidence)}.")
                else:
                    summary = (f"SIPRI records {delivered:g} delivered{extra}{' ' + years if years else ''}, "
                               f"not {mention.quantity}: {_matched_summary(evidence)}.")
        elif mention.quantity is not None:
            ordered_each = [int(u) if pd.notna(u) else None for u in evidence["units_ordered"].tolist()]
            total = ordered_total(evidence)
            if mention.quantity not in ordered_each and total != mention.quantity:
                verdict = PARTLY
                counted = total if total is not None else "an unstated number"
                summary = (f"SIPRI records {counted} ordered, not {mention.quantity}: "
                           f"{_matched_summary(evidence)}.")
    if stage == "announced" and verdict == RECORDED:
        notes.append("SIPRI records orders and deliveries, not announcements; the deal below is "
                     "recorded as an order.")
    negation = _negation_note(claim, verdict, _matched_summary(evidence))
    if negation:
        summary = f"{summary} {negation}"
    if len(evidence) > 3:
        notes.append(f"{len(evidence)} matching deals in all; every one is listed as evidence.")
    deals = tuple(deal_evidence(row, ctx.release.label) for _, row in evidence.head(MAX_EVIDENCE_DEALS).iterrows())
    return PartVerdict(kind="weapon", text=mention.text, verdict=verdict, summary=summary,
                       explanation=tuple(notes), deals=deals), evidence


def _transfer_verdict(ctx: _Context) -> tuple[PartVerdict, pd.DataFrame]:
    claim = ctx.claim
    if claim.missing_side:
        return _unpaired_verdict(ctx, "transfer", f"arms transfers {_pair_text(claim)}"), ctx.deals.iloc[0:0]
    pair = _pair_deals(ctx)
    by = "delivery" if claim.stage in {"delivered", "used"} else "either"
    in_years = deals_in_years(pair, claim, by)
    if claim.stage in {"delivered", "used"}:
        in_years = in_years[in_years["units_delivered"].fillna(0) > 0]
    years = years_text(claim)
    text = f"arms transfers {_pair_text(claim)}{' ' + years if years else ''}"
    if in_years.empty:
        explanation = list(_why_not_recorded(ctx))
        if len(pair):
            explanation.insert(0, f"SIPRI records {len(pair)} deal(s) {_pair_text(claim)} in other years or at "
                                  "another stage.")
        negation = _negation_note(claim, NOT_RECORDED, "")
        return PartVerdict(kind="transfer", text=text, verdict=PARTLY if len(pair) else NOT_RECORDED,
                           summary=(f"No deal {_pair_text(claim)}{' ' + years if years else ''} "
                                    f"in release {ctx.release.label}.") + (f" {negation}" if negation else ""),
                           explanation=tuple(explanation),
                           deals=tuple(deal_evidence(r, ctx.release.label) for _, r in pair.head(MAX_EVIDENCE_DEALS).iterrows())), in_years
    ordered = in_years.sort_values(["order_year"], ascending=False, kind="stable")
    summary = f"SIPRI records {len(in_years)} deal(s) {_pair_text(claim)}{' ' + years if years else ''}."
    negation = _negation_note(claim, RECORDED, f"{len(in_years)} deal(s)")
    return PartVerdict(
        kind="transfer", text=text, verdict=RECORDED,
        summary=summary + (f" {negation}" if negation else ""),
        explanation=("The text names no weapon; every deal between the pair is evidence.",),
        deals=tuple(deal_evidence(r, ctx.release.label) for _, r in ordered.head(MAX_EVIDENCE_DEALS).iterrows()),
    ), in_years


def _value_verdict(ctx: _Context, money: MoneyMention, evidence: pd.DataFrame) -> PartVerdict:
    """A money value: never checked against TIV; shown beside the values SIPRI's Comments report
    for the deals that match this claim's weapons on this claim's pair (no other deal's)."""
    reported = []
    for row in evidence.head(MAX_EVIDENCE_DEALS).itertuples(index=False):
        for value in comment_values(row.comments):
            reported.append({"value": value, "designation": row.designation,
                             "deal_id": row.deal_id, "comments": row.comments,
                             "summary": deal_summary(pd.Series(row._asdict()))})
    explanation = [MONEY_NOT_TIV]
    if reported and money.usd_m is not None:
        for item in reported:
            bounds = dollars_m(str(item["value"]))
            if bounds is None:
                continue
            low, high = bounds
            agrees = low * 0.95 <= money.usd_m <= high * 1.05
            item["agrees_with_claim"] = agrees
            explanation.append(
                f"The claim's {money.text} {'matches' if agrees else 'differs from'} the value "
                f"SIPRI's Comments report for {item['designation']} ({item['value']}); that is a "
                "reported value, not a SIPRI estimate."
            )
    summary = (f"{money.text}: a money value; SIPRI's figures are TIV, not money, so it cannot be "
               "checked against them.")
    if ctx.claim.missing_side:
        summary += " No pair was checked, so no deal's reported value is shown."
    elif reported:
        summary += " Values reported in the matching deals' Comments: " + "; ".join(
            f"{item['value']} ({item['designation']})" for item in reported[:5]) + "."
    elif evidence.empty:
        summary += " No deal of this claim's weapons on this pair is recorded, so no reported value is shown."
    else:
        summary += " No value is reported in the Comments of the matching deals."
    return PartVerdict(kind="value", text=money.text, verdict=NOT_CHECKABLE, summary=summary,
                       explanation=tuple(explanation), reported_values=tuple(reported))


def covered_to_year(release: ReleaseInfo) -> int | None:
    """The last year a release holds orders or deliveries for (from the manifest's coverage)."""
    years = [y for key in ("order_years", "delivery_years") for y in (release.coverage.get(key) or [])[1:]]
    return max(years) if years else None


def claim_notes(claim: Claim, release: ReleaseInfo) -> list[str]:
    """The caveats of a claim's check: where it comes from, how its pair was read, what SIPRI
    includes, and which release answered."""
    notes = []
    if claim.sentence:
        notes.append(f"From the sentence: \"{claim.sentence}\"")
    if claim.direction_cue:
        notes.append(f"Checked on {claim.pair_text} because: {claim.direction_cue}.")
    if claim.both_ways:
        notes.append("The text names both countries as parties without saying who supplies whom; "
                     "each direction is checked as its own claim.")
    if claim.inherited:
        notes.append("This sentence names no country; it is checked on the pair of the claim before it.")
    if claim.time_text:
        notes.append(f"'{claim.time_text}' is read from the article's date as {claim.from_year}.")
    notes.append(WHY_ABSENCE_PROVES_NOTHING[0])
    notes.append(f"Checked against release {release.label} of the SIPRI Arms Transfers Database "
                 f"(data generated {release.data_generated_text}); SIPRI revises past years in each "
                 "release, so always use the latest. Coverage rules: " + COVERAGE_URL)
    return notes


def claim_embargo_notes(claim: Claim, release: ReleaseInfo) -> list[str]:
    """The arms embargoes on the claim's supplier or recipient in force in the claim's years (or,
    where it gives none, in the years the release covers)."""
    ids_supplier = (claim.supplier_id,) if claim.supplier_id else ()
    ids_recipient = (claim.recipient_id,) if claim.recipient_id else ()
    if not ids_supplier and not ids_recipient:
        return []
    years = [y for key in ("order_years", "delivery_years") for y in (release.coverage.get(key) or [])]
    first = claim.from_year or (claim.order_years[0] if claim.order_years else None)
    last = claim.to_year or claim.from_year or (claim.order_years[1] if claim.order_years else None)
    if first is None:
        if not years:
            return []
        first, last = min(years), max(years)
    return embargo_notes(ids_supplier, ids_recipient, first, last or first)


def check_claim(
    claim: Claim,
    deals: pd.DataFrame,
    deliveries: pd.DataFrame,
    release: ReleaseInfo,
    view_url: str | None = None,
    accessed: date | None = None,
    catalogue: DesignationCatalogue | None = None,
    pairs: dict[tuple[str, str], object] | None = None,
) -> CheckResult:
    """Verdicts on every part of a claim against one release's deals (`pairs`: the positions of
    each pair's deals, where the caller has them)."""
    ctx = _Context(claim, deals, deliveries, release, covered_to_year(release), catalogue, pairs)
    parts: list[PartVerdict] = []
    evidence_frames: list[pd.DataFrame] = []
    for mention in claim.weapons:
        if mention.excluded_rule_id is not None:
            parts.append(_coverage_verdict(mention))
            continue
        verdict, evidence = _weapon_verdict(ctx, mention)
        parts.append(verdict)
        evidence_frames.append(evidence)
    if not claim.weapons:
        verdict, evidence = _transfer_verdict(ctx)
        parts.append(verdict)
        evidence_frames.append(evidence)
    found = [f for f in evidence_frames if not f.empty]
    evidence_all = pd.concat(found).drop_duplicates("deal_id") if found else deals.iloc[0:0]
    for money in claim.values:
        parts.append(_value_verdict(ctx, money, evidence_all))
    return CheckResult(
        claim=claim,
        release=release.label,
        data_generated=release.data_generated_text,
        covered_to_year=ctx.covered_to_year,
        parts=tuple(parts),
        notes=tuple(claim_notes(claim, release) + claim_embargo_notes(claim, release)),
        credit=credit_line(release),
        citation={
            "text": citation_text(release, view_url, accessed),
            "bibtex": citation_bibtex(release, view_url, accessed),
            "ris": citation_ris(release, view_url, accessed),
        },
    )
