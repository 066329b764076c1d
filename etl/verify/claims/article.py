"""An article -> its claims: sentences, clauses, mentions and roles put together.

One claim per clause and direction: "Turkey will supply Pakistan with X; in return Pakistan will
provide Turkey with Y" gives Turkiye -> Pakistan (X) and Pakistan -> Turkiye (Y). A clause that
names no country, but speaks of a transfer, takes the pair of the claim before it in its
paragraph, and says so. Sentences with no arms-transfer claim (visits, trade targets, opinions)
are listed as such. What the reader leaves out to stay within its budget is said in one sentence.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from datetime import date

from etl.entities import EntityResolver
from etl.verify.claims.fields import missing_side
from etl.verify.claims.lexicon import historical_capitals
from etl.verify.claims.mentions import (
    HEADLINE_FUTURE,
    CountryHit,
    DesignationIndex,
    Span,
    find_countries,
    find_designations,
    find_exclusions,
    find_money,
    find_negation,
    find_stage,
    find_types,
    find_years,
    is_new_deal,
    normalise,
    number_value,
    weapon_mentions,
)
from etl.verify.claims.model import Article, Claim, ClaimError, CountryMention, MoneyMention
from etl.verify.claims.roles import Clause, Roles, assign_roles
from etl.verify.claims.sentences import Sentence, clause_cuts, predicate_cuts, split_sentences


@dataclass(frozen=True)
class ReaderBudget:
    """How much one request may ask of the reader (the server's per-request budget)."""

    max_chars: int = 50_000
    max_claims: int = 60
    max_weapons_per_claim: int = 8
    max_values_per_claim: int = 3


DEFAULT_BUDGET = ReaderBudget()
# "a $900 million deal", "the contract": words that make a sentence about a transfer even where
# its verb is not one of supplying or acquiring.
_DEAL_NOUN = re.compile(
    r"\b(?:deals?|contracts?|orders?|sales?|purchases?|deliver(?:y|ies)|procurement|acquisitions?|"
    r"agreements?|shipments?|transfers?|exports?|imports?|supplies)\b", re.I)
_FUTURE_VERB = re.compile(
    r"\b(?:will|shall|is to|are to|set to|due to|expected to|going to|poised to|about to|slated to|plans? to|"
    r"planning to|intends? to|wants? to|seeks? to|hopes? to)\s+(?:also\s+|soon\s+|now\s+|\w{2,12}ly\s+)?(?:be\s+)?"
    r"(?:(?:begin|start|resume)\s+(?:to\s+)?)?$", re.I)
_DELIVERY_NOUN = re.compile(r"\b(?:deliver(?:y|ies)|shipments?|handover|transfer) of\b", re.I)
_GENERIC_ARMS = re.compile(r"\b(?:arms|weapons?|weaponry|military (?:equipment|hardware)|defen[cs]e equipment)\b", re.I)
# "The first two arrived in 2023", "They were delivered in 2022": the weapons of the claim before.
_BACK_REFERENCE = re.compile(
    r"^\W{0,3}(?:(?:an? |the )?(?:first|last|remaining|rest|final|other|second|third|fourth|fifth|"
    r"sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)\b|they\b|these\b|those\b|all of them\b|"
    r"(?:some|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,4})(?: of (?:them|which|these))?\s+(?:had|have|has|were|was|arrived|are)\b|"
    r"(?:the|these|those) (?:aircraft|drones?|ships?|vessels?|jets?|helicopters?|systems?|missiles?|"
    r"tanks?|frigates?|corvettes?|submarines?|fighters?|units?)\b)", re.I)
_MORE = re.compile(r"\b(\d{1,4}|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|a dozen) (?:more|others|additional)\b", re.I)
_PRONOUN_START = re.compile(r"^\W{0,3}(?:it|they|the country|the company|the firm|the government)\b", re.I)


@dataclass(frozen=True)
class _Reading:
    """One clause as read: its mentions and sides, before claims are made of it."""

    text: str
    hits: tuple[CountryHit, ...]
    roles: Roles
    weapons: tuple
    values: tuple[MoneyMention, ...]
    stage: str | None
    stage_text: str | None
    prospective: bool
    from_year: int | None
    to_year: int | None
    time_text: str | None
    years_of: str | None
    order_years: tuple[int, int] | None
    negation: str | None
    event: bool
    verb: bool  # a verb of supplying, acquiring or agreeing (not only a noun such as "deal")
    generic: bool


def _read_clause(text: str, resolver: EntityResolver, index: DesignationIndex, article_date: date | None) -> _Reading:
    work = normalise(text)
    taken: list[Span] = []
    values = find_money(work, taken)
    years = find_years(work, taken, article_date)
    hits = find_countries(work, resolver, taken)
    exclusions = find_exclusions(work, taken)
    types = find_types(work, taken)
    designations = find_designations(work, index, taken, types)
    if not Clause.read(work, hits, ()).has_transfer_verb:
        designations = [d for d in designations if d.value[2]]  # type: ignore[index]
    boundaries = [s.end for s in taken if s.kind in {"country", "money"}]
    weapons = weapon_mentions(work, designations, types, exclusions, boundaries)
    stage = find_stage(work)
    clause = Clause.read(work, hits, designations + types + exclusions)
    roles = assign_roles(clause)
    made = any("made" in c.text or "built" in c.text for c in roles.cues.values())
    event = clause.has_transfer_verb or bool(_DEAL_NOUN.search(work)) or made or clause.has_preposition_cue
    # "will build", "is expected to supply": a future or new deal, whatever verb carries it.
    future = any(_FUTURE_VERB.search(work, max(0, start - 40), start) for start, _e, kind, _w in clause.verbs
                 if kind in {"supply", "acquire", "agree"})
    future = future or bool(HEADLINE_FUTURE.match(work))
    prospective = stage.prospective or future or (stage.stage in {"ordered", "agreed"} and is_new_deal(work))
    return _Reading(
        text=text, hits=tuple(hits), roles=roles, weapons=tuple(weapons), values=tuple(values),
        stage=stage.stage, stage_text=stage.text, prospective=prospective,
        from_year=years.from_year, to_year=years.to_year, time_text=years.text, years_of=years.of,
        order_years=years.order,
        negation=find_negation(work), event=event, verb=clause.has_transfer_verb, generic=bool(_GENERIC_ARMS.search(work)),
    )


def _clauses(sentence: str, resolver: EntityResolver, index: DesignationIndex, article_date: date | None) -> list[_Reading]:
    """The sentence's clauses: cut at each joint where the part after it names a side of its
    own; a part that names none stays with the part before."""
    pieces: list[tuple[int, int, str]] = []
    start, joint = 0, ""
    for cut_start, cut_end in clause_cuts(sentence):
        pieces.append((start, cut_start, joint))
        start, joint = cut_end, sentence[cut_start:cut_end]
    pieces.append((start, len(sentence), joint))
    readings: list[_Reading] = []
    merged_start, merged_joint = pieces[0][0], ""
    for i, (_p_start, p_end, _joint) in enumerate(pieces):
        following = pieces[i + 1] if i + 1 < len(pieces) else None
        if following is not None:
            right = _read_clause(sentence[following[0]:following[1]], resolver, index, article_date)
            back_reference = not right.hits and right.verb and _BACK_REFERENCE.match(right.text)
            if not (right.roles.suppliers or right.roles.recipients or back_reference):
                continue
        found = _predicates(sentence[merged_start:p_end], resolver, index, article_date)
        if readings:
            found = [_year_after(readings[-1], r) for r in found]
        if readings and _shares_a_side(readings[-1], found[0]):
            # "..., and eight AH-1F were handed over by Amman": the same supplier as the clause
            # before, so the same recipient.
            found[0] = _share_sides(readings[-1], found[0], "has the same side as")
        if readings and re.match(r"\s*but\b", merged_joint, re.I) and not found[0].weapons:
            # "sold Rafale jets to New Delhi but never to Islamabad": the same weapons, another side.
            found[0] = replace(_share_sides(readings[-1], found[0], "goes with"), weapons=readings[-1].weapons)
        elif readings and (re.search(r"along with|as well as", merged_joint, re.I) or merged_joint.strip().casefold() == "and"):
            # "..., along with Turkish ASELPOD pods": the side this part leaves open is the one
            # of the clause it goes with.
            found = [_share_sides(readings[-1], r, "goes with") for r in found]
        readings.extend(found)
        if following is not None:
            merged_start, merged_joint = following[0], following[2]
    return readings


def _shares_a_side(first: _Reading, reading: _Reading) -> bool:
    """Whether the reading names one side only, and that side is the same entity as the same side
    of the clause before."""
    roles, before = reading.roles, first.roles
    if bool(roles.suppliers) == bool(roles.recipients):
        return False
    if roles.suppliers:
        return {e for e, _ in roles.suppliers} <= {e for e, _ in before.suppliers} and bool(before.recipients)
    return {e for e, _ in roles.recipients} <= {e for e, _ in before.recipients} and bool(before.suppliers)


_RELATIVE_YEARS = re.compile(
    r"\b(?:(?P<n>a|one|two|three|four|five|\d) years? (?P<dir>earlier|later|before|after)|"
    r"the (?P<next>following|next|previous) year)\b", re.I)


def _year_after(first: _Reading, reading: _Reading) -> _Reading:
    """'a year earlier', 'two years later', 'the following year': counted from the clause before."""
    match = _RELATIVE_YEARS.search(reading.text)
    base = first.to_year if first.to_year is not None else first.from_year
    if match is None or base is None or reading.from_year is not None:
        return reading
    if match.group("next"):
        shift = -1 if match.group("next").casefold() == "previous" else 1
    else:
        n = number_value(match.group("n")) if match.group("n").casefold() not in {"a", "one"} else 1
        shift = (n or 1) * (-1 if match.group("dir").casefold() in {"earlier", "before"} else 1)
    year = base + shift
    return replace(reading, from_year=year, to_year=year, time_text=match.group(0))


def _share_sides(first: _Reading, reading: _Reading, how: str) -> _Reading:
    """The reading with the open side(s) filled from `first` ('shares the subject of ...')."""
    shared = f"{how} '{_short(first.text, 40)}'"
    roles, subject = reading.roles, first.roles
    if how.startswith("shares") and subject.subject and reading.roles.verb_kind:
        # "India has exported X to Mauritius and has imported Y from Israel": the subject takes
        # the side of this predicate's own verb.
        side = "suppliers" if reading.roles.verb_kind == "supply" else "recipients"
        first_side = "suppliers" if any(e == subject.subject for e, _ in subject.suppliers) else "recipients"
        cue = next((c for e, c in subject.suppliers + subject.recipients if e == subject.subject), "")
        own: dict[str, tuple[tuple[str, str], ...]] = {"suppliers": roles.suppliers, "recipients": roles.recipients}
        if not own[side]:
            own[side] = ((subject.subject, f"{cue}; {shared}"),)
        other = "recipients" if side == "suppliers" else "suppliers"
        if not own[other] and side == first_side:
            own[other] = tuple((e, f"{c}; {shared}") for e, c in getattr(subject, other) if e != subject.subject)
        return replace(reading, roles=replace(roles, suppliers=own["suppliers"], recipients=own["recipients"]),
                       hits=first.hits + reading.hits, event=True)
    taken_r = {e for e, _ in roles.recipients}
    taken_s = {e for e, _ in roles.suppliers}
    suppliers = roles.suppliers or tuple((e, f"{c}; {shared}") for e, c in subject.suppliers if e not in taken_r)
    recipients = roles.recipients or tuple((e, f"{c}; {shared}") for e, c in subject.recipients
                                           if e not in {s for s, _ in suppliers})
    if roles.suppliers and not roles.recipients and not recipients:
        recipients = tuple((e, f"{c}; {shared}") for e, c in subject.suppliers + subject.recipients if e not in taken_s)[:1]
    if roles.recipients and not roles.suppliers and not suppliers:
        suppliers = tuple((e, f"{c}; {shared}") for e, c in subject.suppliers + subject.recipients if e not in taken_r)[:1]
    return replace(reading, roles=replace(roles, suppliers=suppliers, recipients=recipients),
                   hits=first.hits + reading.hits, event=reading.event or first.event)


def _predicates(text: str, resolver: EntityResolver, index: DesignationIndex, article_date: date | None) -> list[_Reading]:
    """A clause cut at its second predicates ("... to Mauritius and has imported Y from Israel"):
    each predicate keeps the subject's side unless it names its own."""
    cuts = predicate_cuts(text)
    if not cuts:
        return [_read_clause(text, resolver, index, article_date)]
    bounds = [0] + [e for _, e in cuts]
    ends = [s for s, _ in cuts] + [len(text)]
    first = _read_clause(text[:ends[0]], resolver, index, article_date)
    if not (first.roles.suppliers or first.roles.recipients):
        return [_read_clause(text, resolver, index, article_date)]
    out = [first]
    for start, end in zip(bounds[1:], ends[1:], strict=True):
        reading = _read_clause(text[start:end], resolver, index, article_date)
        if not reading.weapons:
            out[-1] = _read_clause(text[bounds[0]:end], resolver, index, article_date)
            continue
        out.append(_share_sides(first, reading, "shares the subject of"))
    return out


def _is_claim(reading: _Reading, has_previous: bool) -> bool:
    if not reading.event:
        return False
    sides = bool(reading.roles.suppliers or reading.roles.recipients)
    if not reading.hits and has_previous and (reading.verb or _DELIVERY_NOUN.search(reading.text)) \
            and _BACK_REFERENCE.match(reading.text):
        return True
    if not reading.weapons and has_previous and reading.verb and _MORE.search(reading.text) and sides:
        return True
    if reading.weapons:
        # A clause that names no country is a claim only after one that does ("The first two
        # arrived in 2023"); the caller passes that claim in.
        return sides or (not reading.hits and has_previous and (reading.verb or bool(_DELIVERY_NOUN.search(reading.text))))
    # No weapon named: a transfer between two named sides ("Russia supplied arms to India").
    both = bool(reading.roles.suppliers and reading.roles.recipients)
    return both and (reading.generic or bool(reading.values))


def _mentions(reading: _Reading, resolver: EntityResolver, supplier: str | None, recipient: str | None) -> tuple[CountryMention, ...]:
    out = []
    seen: set[str] = set()
    for hit in reading.hits:
        if hit.entity_id in seen:
            continue
        seen.add(hit.entity_id)
        cue = reading.roles.cues.get(hit.entity_id)
        role = "supplier" if hit.entity_id == supplier else "recipient" if hit.entity_id == recipient else None
        reason = cue.text if cue else "no cue for a side"
        out.append(CountryMention(hit.entity_id, resolver.display_name(hit.entity_id), hit.text, role, reason))
    return tuple(out)


def _claims_of(reading: _Reading, sentence: Sentence, resolver: EntityResolver,
               previous: Claim | None, budget: ReaderBudget) -> list[Claim]:
    # (entity id or None where the text leaves the side open, the cue)
    suppliers: list[tuple[str | None, str]] = list(reading.roles.suppliers) or [(None, "")]
    recipients: list[tuple[str | None, str]] = list(reading.roles.recipients) or [(None, "")]
    inherited = False
    if not reading.hits and previous is not None:
        cue = (f"no country named: the pair of the claim before ({previous.pair_text}, "
               f"from '{_short(previous.sentence)}')")
        suppliers, recipients = [(previous.supplier_id, cue)], [(previous.recipient_id, cue)]
        inherited = True
        back = _BACK_REFERENCE.match(reading.text)
        named = [w for w in previous.weapons if w.excluded_rule_id is None and w.designation]
        if back and named and all(w.designation is None and w.excluded_rule_id is None for w in reading.weapons):
            # "The first two frigates arrived": the weapon of the claim before, with this
            # clause's number and words.
            number = (re.search(r"\b(?:first|last|remaining|final)\s+(\w+)", reading.text[:40], re.I)
                      or re.match(r"\W{0,3}(\w+)(?: of (?:them|which|these))?\s+(?:had|have|has|were|was|arrived|are)\b",
                                  reading.text, re.I))
            quantity = number_value(number.group(1)) if number else None
            if reading.weapons:
                weapons = tuple(replace(w, designation=named[0].designation, alias_note=named[0].alias_note,
                                        quantity=w.quantity or quantity,
                                        quantity_text=w.quantity_text or (number.group(1) if number and quantity else None))
                                for w in reading.weapons)
            else:
                weapons = tuple(replace(w, quantity=quantity, quantity_text=number.group(1) if number and quantity else None)
                                for w in named)
            reading = replace(reading, weapons=weapons)
    elif previous is not None and _PRONOUN_START.match(reading.text):
        # "It will also supply Pakistan with ...": the pronoun stands for the side of the claim before.
        if suppliers == [(None, "")] and previous.supplier_id and previous.supplier_id not in {r for r, _ in recipients}:
            suppliers = [(previous.supplier_id, f"'{_PRONOUN_START.match(reading.text).group(0).strip()}' read as "  # type: ignore[union-attr]
                                                f"{previous.supplier}, the supplier of the claim before")]
        elif recipients == [(None, "")] and previous.recipient_id and previous.recipient_id not in {s for s, _ in suppliers}:
            recipients = [(previous.recipient_id, f"'{_PRONOUN_START.match(reading.text).group(0).strip()}' read as "  # type: ignore[union-attr]
                                                  f"{previous.recipient}, the recipient of the claim before")]
    # "Moscow supplied MiG-21s to India in 1965": a capital or metonym names the Soviet Union
    # before 1992 (never Russia); the claim says so.
    metonyms = {h.entity_id for h in reading.hits if h.kind in {"capital", "metonym"}}
    last_year = reading.to_year if reading.to_year is not None else reading.from_year
    if last_year is not None and metonyms:
        suppliers = [_historical(e, c, last_year, metonyms, resolver) for e, c in suppliers]
        recipients = [_historical(e, c, last_year, metonyms, resolver) for e, c in recipients]
    pairs = [(s, r) for s in suppliers for r in recipients if s[0] is None or s[0] != r[0]]
    if reading.roles.both_ways:
        pairs += [((r[0], r[1]), (s[0], s[1])) for s, r in pairs]
    if not reading.weapons and previous is not None and _MORE.search(reading.text):
        # "and Ankara will take 12 more from Oman": the weapons of the claim before.
        more = _MORE.search(reading.text)
        quantity = number_value(more.group(1)) if more else None  # type: ignore[union-attr]
        reading = replace(reading, weapons=tuple(
            replace(w, quantity=quantity, quantity_text=more.group(0) if more else None)  # type: ignore[union-attr]
            for w in previous.weapons if w.excluded_rule_id is None))
    claims = []
    values = tuple(dict((v.text, v) for v in reading.values).values())[: budget.max_values_per_claim]
    for (supplier_id, supplier_cue), (recipient_id, recipient_cue) in pairs:
        cues = []
        if supplier_id:
            cues.append(f"supplier {resolver.display_name(supplier_id)}: {supplier_cue}")
        if recipient_id and recipient_cue != supplier_cue:
            cues.append(f"recipient {resolver.display_name(recipient_id)}: {recipient_cue}")
        elif recipient_id:
            cues[-1:] = [f"{resolver.display_name(supplier_id or '')} -> {resolver.display_name(recipient_id)}: {supplier_cue}"] if supplier_id else []
        missing = missing_side(supplier_id, recipient_id)
        if missing:
            cues.append({"supplier": "the text does not say who supplies",
                         "recipient": "the text does not say who receives",
                         "both": "the text does not say who supplies whom"}[missing])
        use_year = reading.to_year if reading.stage == "used" else None
        claims.append(Claim(
            text=reading.text,
            supplier_id=supplier_id, recipient_id=recipient_id,
            supplier=resolver.display_name(supplier_id) if supplier_id else None,
            recipient=resolver.display_name(recipient_id) if recipient_id else None,
            countries=_mentions(reading, resolver, supplier_id, recipient_id),
            weapons=reading.weapons[: budget.max_weapons_per_claim],
            values=values,
            stage=reading.stage, stage_text=reading.stage_text,
            from_year=reading.from_year, to_year=reading.to_year,
            sentence=sentence.text, sentence_index=sentence.index, paragraph_index=sentence.paragraph,
            direction_cue="; ".join(cues),
            negated=reading.negation is not None, negation_text=reading.negation,
            prospective=reading.prospective, time_text=reading.time_text, use_year=use_year,
            years_of=reading.years_of, order_years=reading.order_years,
            missing_side=missing, both_ways=reading.roles.both_ways, inherited=inherited,
        ))
    return claims


def _historical(entity_id: str | None, cue: str, year: int, metonyms: set[str],
                resolver: EntityResolver) -> tuple[str | None, str]:
    known = historical_capitals().get(entity_id or "")
    if entity_id not in metonyms or known is None or year > known[0]:
        return entity_id, cue
    then = known[1]
    return then, f"{cue} (in {year} that capital named {resolver.display_name(then)}, not {resolver.display_name(entity_id or '')})"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def read_article(
    text: str,
    resolver: EntityResolver,
    index: DesignationIndex | None = None,
    article_date: date | None = None,
    budget: ReaderBudget = DEFAULT_BUDGET,
) -> Article:
    """The claims of a text (a sentence to a whole article) in order, and the sentences without
    one; ClaimError for an empty or too long text."""
    if isinstance(text, str) and index is not None:
        return _read_remembered(text, resolver, index, article_date, budget)
    return _read_article(text, resolver, index, article_date, budget)


# The Check page reads a text to see whether it holds a claim, then checks it, which reads it
# again: the last few readings are kept (an Article is immutable; the key holds the resolver
# itself, so its id is never reused), and a long text costs one reading per request, not two.
@functools.lru_cache(maxsize=4)
def _read_remembered(text: str, resolver: EntityResolver, index: DesignationIndex, article_date: date | None,
                     budget: ReaderBudget) -> Article:
    return _read_article(text, resolver, index, article_date, budget)


def _read_article(
    text: str,
    resolver: EntityResolver,
    index: DesignationIndex | None,
    article_date: date | None,
    budget: ReaderBudget,
) -> Article:
    if not isinstance(text, str) or not text.strip():
        raise ClaimError("The text is empty: paste a sentence or an article about an arms deal, e.g. "
                         "'Turkiye delivered 9 Bayraktar TB2 drones to Pakistan'.")
    if len(text) > budget.max_chars:
        raise ClaimError(f"The text is {len(text):,} characters long; check at most "
                         f"{budget.max_chars:,} characters (a long article) at a time.")
    index = index or DesignationIndex.from_names([])
    claims: list[Claim] = []
    no_claim: list[str] = []
    left_out = 0
    previous: Claim | None = None
    for sentence in split_sentences(text):
        if previous is not None and previous.paragraph_index != sentence.paragraph:
            previous = None
        found: list[Claim] = []
        for reading in _clauses(sentence.text, resolver, index, article_date):
            if not _is_claim(reading, previous is not None):
                continue
            made = _claims_of(reading, sentence, resolver, previous, budget)
            found.extend(made)
            if made and made[0].supplier_id and made[0].recipient_id:
                previous = made[0]
        if not found:
            no_claim.append(sentence.text)
            continue
        room = budget.max_claims - len(claims)
        if room <= 0:
            left_out += len(found)
            continue
        claims.extend(found[:room])
        left_out += max(0, len(found) - room)
    note = None
    if left_out:
        note = (f"{left_out} claim(s) after the first {budget.max_claims} were not checked; check the "
                "rest of the text separately.")
    return Article(text=text, claims=tuple(claims), no_claim=tuple(no_claim), left_out=note)


def read_claim_text(text: str, resolver: EntityResolver, index: DesignationIndex | None = None,
                    require_country: bool = True) -> Claim:
    """One claim from a text: its first claim (every part of a one-sentence claim), or, where
    the reader finds none, the text's parts without a pair."""
    article = read_article(text, resolver, index)
    if article.claims:
        claim = article.claims[0]
        return replace(claim, text=text)
    if require_country:
        raise ClaimError(
            "The claim names no country or other supplier or recipient SIPRI knows, or no transfer; "
            "name one (e.g. 'Pakistan', 'Turkish', 'the United States') or give --supplier/--recipient."
        )
    reading = _read_clause(text, resolver, index or DesignationIndex.from_names([]), None)
    return Claim(text=text, weapons=reading.weapons, values=reading.values, stage=reading.stage,
                 stage_text=reading.stage_text, from_year=reading.from_year, to_year=reading.to_year,
                 sentence=text, negated=reading.negation is not None, negation_text=reading.negation,
                 prospective=reading.prospective, missing_side="both")
