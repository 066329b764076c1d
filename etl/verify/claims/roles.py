"""Who supplies whom in one clause, from its grammar: one small function per cue.

Each cue function looks at one written name (`CountryHit`) in its clause and returns a `Cue` (a
role, a strength and the words that gave it) or None. `assign_roles` takes each entity's
strongest cue, fills the two sides, and says which side the text leaves open; it never fills a
side from word order alone. Cues, strongest first:

- 3, prepositions and "made": "to/for Pakistan", "from China", "Turkish-made", "built in
  Turkey", "supplied by the United States", "used by Pakistan";
- 2, the clause's grammar: the subject of a verb of supplying ("Turkey will supply") or of
  acquiring ("Pakistan received"), the object of a verb of supplying ("supply Pakistan with");
- 1, weak cues that only fill a side nothing else fills: a demonym with the weapon ("Turkish
  drones"), a maker ("Baykar"), a possessive with the weapon ("Pakistan's J-10Cs").

Speakers ("Indian officials said", "according to Pakistan") and comparisons ("surpassed France")
get no role. "X and Y signed" or "X signed ... with Y" state no direction: `both_ways`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from etl.verify.claims.mentions import CountryHit, Span

SUPPLY = "supply"
ACQUIRE = "acquire"
AGREE = "agree"
SPEECH = "speech"
ARRIVE = "arrive"  # the weapon arrives: a transfer, but its subject is no side

_VERBS: tuple[tuple[str, str], ...] = (
    (SUPPLY, r"deliver(?:s|ed|ing)?|suppl(?:y|ies|ied|ying)|sell(?:s|ing)?|sold|export(?:s|ed|ing)?|"
             r"transfer(?:s|red|ring)?|provid(?:e|es|ed|ing)|give(?:s|n)?|gave|giving|send(?:s|ing)?|"
             r"sent|ship(?:s|ped|ping)?|hand(?:s|ed|ing)? over|offer(?:s|ed|ing)?|donat(?:e|es|ed|ing)|"
             r"gift(?:s|ed|ing)?|equip(?:s|ped|ping)?|furnish(?:es|ed|ing)?|dispatch(?:es|ed|ing)?|"
             r"reach(?:es|ed|ing)?|build(?:s|ing)?|built|construct(?:s|ed|ing)?|hand(?:s|ed|ing)?|"
             r"upgrad(?:e|es|ed|ing)|moderni[sz](?:e|es|ed|ing)|refit(?:s|ted|ting)?|produc(?:e|es|ed|ing)|"
             r"manufactur(?:e|es|ed|ing)"),
    (ACQUIRE, r"buy(?:s|ing)?|bought|purchas(?:e|es|ed|ing)|order(?:s|ed|ing)?|acquir(?:e|es|ed|ing)|"
              r"receiv(?:e|es|ed|ing)|import(?:s|ed|ing)?|procur(?:e|es|ed|ing)|gets?|getting|got|"
              r"obtain(?:s|ed|ing)?|induct(?:s|ed|ing)?|t(?:ook|akes?|aken|aking) delivery|"
              r"field(?:s|ed|ing)?|operat(?:e|es|ed|ing)|us(?:e|es|ed|ing)|deploy(?:s|ed|ing)?|"
              r"employ(?:s|ed|ing)?|commission(?:s|ed|ing)?|consider(?:s|ed|ing)?|eye(?:s|d|ing)?|"
              r"seek(?:s|ing)?|sought|wants?|wanted|mull(?:s|ed|ing)?|assembl(?:e|es|ed|ing)|"
              r"t(?:ake|akes|ook|aken|aking)(?! part)|turn(?:s|ed|ing)? to"),
    (AGREE, r"sign(?:s|ed|ing)?|agree(?:s|d|ing)?|ink(?:s|ed|ing)?|conclud(?:e|es|ed|ing)|"
            r"finali[sz](?:e|es|ed|ing)|seal(?:s|ed|ing)?|struck|strikes?|negotiat(?:e|es|ed|ing)|"
            r"in talks|held talks|approv(?:e|es|ed|ing)|clear(?:s|ed)|win(?:s|ning)?|won|secur(?:e|es|ed|ing)|"
            r"land(?:s|ed)|award(?:s|ed)?"),
    (ARRIVE, r"arriv(?:e|es|ed|ing)|landed|handed over"),
    (SPEECH, r"said|says|say|told|claim(?:s|ed)?|announced|announces|confirmed|confirms|stated|"
             r"reported|denied|denies|insist(?:s|ed)?|warned|noted|added"),
)
_VERB = re.compile(r"\b(?:" + "|".join(f"(?P<{kind}>{words})" for kind, words in _VERBS) + r")\b", re.I)
_PARTICIPLE = re.compile(r"(?:ed|en|sold|sent|given|bought|got|struck|taken|delivery)$", re.I)
# Words that can stand between a subject and its verb: auxiliaries, modals, adverbs, times.
_FILLER = (
    r"(?:has|have|had|will|would|shall|is|are|was|were|be|been|being|to|may|might|could|can|"
    r"should|must|also|reportedly|recently|now|already|finally|officially|formally|quietly|soon|"
    r"first|then|still|yet|again|not|never|n't|likely|expected|set|due|going|about|plans?|planned|"
    r"planning|agreed|agrees|intends?|intended|wants?|wanted|seeks?|sought|hopes?|hoped|ready|"
    r"prepared|poised|slated|jointly|secretly|allegedly|apparently|eventually|successfully|"
    r"itself|earlier|later|subsequently|separately|meanwhile|too|only|just|once|last (?:week|month|year)|"
    r"so far|thus far|to date|since then|in total|ever|however|in fact|indeed|\w{2,15}ly|firms|companies|"
    r"begins?|began|begun|starts?|started|continues?|continued|resumes?|resumed|completes?|completed|"
    r"(?:firm|company|manufacturer|maker|shipyard|group|contractor)\s[A-Z][\w&-]{1,30}(?:\s[A-Z][\w&-]{1,30}){0,2}|"
    r"(?:(?<=,)|(?<=, ))[^,;]{1,30},|"
    r"industry|industries|manufacturers|makers|shipyards?|defen[cs]e industry|forces|troops|"
    r"(?:which|who|that) [^,;]{1,80}|said|reported|believed|thought|understood|known|"
    r"this (?:week|month|year)|in (?:19|20)\d\d|in return|for (?:its|their) part|refused|declined|"
    r"decided|has yet|have yet|is yet|are yet|no longer|the|its|their|navy|air force|army|military|"
    r"armed forces|coast guard|marines|government|defen[cs]e ministry|ministry of defen[cs]e|"
    r"company|firm|state-owned|manufacturer|maker|defen[cs]e firm|defen[cs]e company)"
)
_GAP = re.compile(rf"(?:[\s,]{{1,3}}(?:{_FILLER}|'s))*[\s,]{{0,3}}", re.I)
_BE_BEFORE = re.compile(r"\b(?:is|are|was|were|been|being|be|get|got)\s+(?:\w{1,15}ly\s+)?$", re.I)
_RECIPIENT_PREP = re.compile(r"\b(?P<p>to|for|into|towards|(?:arrived|arrive|arrives|landed|delivered) in)\s+(?:the\s+)?$", re.I)
_NOT_RECIPIENT_PREP = re.compile(
    r"\b(?:according|compared|similar|close|next|visits?|visited|trips?|threats?|due|thanks|"
    r"gratitude|ties|relations?|respect|regard|addition|return|support|closer|hostile|loyal|"
    r"neighbour|neighbor|subordinate|equal|ally|allies|way|road|flights?|route|turned|turns|turning|"
    r"looked|looks|looking|went|goes)\s+(?:to|for)\s+(?:the\s+)?$",
    re.I,
)
_SUPPLIER_PREP = re.compile(
    r"\b(?:from|(?:built|made|produced|manufactured|developed|designed|sourced|bought|purchased|"
    r"acquired|ordered|imported) in)\s+(?:the\s+)?$", re.I)
_BY = re.compile(r"\b(?P<verb>[a-z]{2,20})\s+(?:\w{1,15}ly\s+)?by\s+(?:the\s+)?$", re.I)
_BY_FAR = re.compile(
    r"\b(?:is|are|was|were|been|being|be)\s+(?:\w{1,15}ly\s+)?(?P<verb>[a-z]{3,15}(?:ed|en)|sold|sent|built|made|bought)(?: over)?\b"
    r"[^.;]{0,70}?\bby\s+(?:the\s+)?$", re.I)
_PASSIVE_SUPPLY = re.compile(
    r"^(?:delivered|supplied|sold|exported|transferred|provided|given|sent|shipped|donated|"
    r"gifted|offered|built|made|produced|manufactured|developed|designed|leased|financed)$", re.I)
_PASSIVE_ACQUIRE = re.compile(
    r"^(?:used|bought|purchased|ordered|acquired|received|imported|procured|inducted|operated|"
    r"deployed|fielded|commissioned|sought|employed)$", re.I)
_MADE_AFTER = re.compile(
    r"[\s-]{1,2}(?:made|built|produced|manufactured|supplied|designed|developed|origin|sourced|"
    r"donated|delivered|provided|exported)\b", re.I)
_FORCES_AFTER = re.compile(
    r"\s{1,3}(?:navy|air force|army|military|armed forces|marines|coast guard|forces|troops|"
    r"government|defen[cs]e ministry|ministry of defen[cs]e)\b", re.I)
_SPEAKER_AFTER = re.compile(
    r"\s{1,3}(?:(?:senior|top|military|defen[cs]e|government|security|intelligence|foreign|"
    r"official|army|naval)\s{1,3}){0,2}"
    r"(?:officials?|sources?|ministry|ministers?|spokes\w{1,8}|diplomats?|experts?|analysts?|"
    r"media|press|reports?|newspapers?|outlets?|observers?|commentators?|president|prime minister|"
    r"leaders?|delegation|authorities|think tanks?|military official)\b", re.I)
_SPEAKER_BEFORE = re.compile(r"\b(?:according to|cited by|quoted by|told|a statement by)\s+(?:the\s+)?$", re.I)
_COMPARISON_BEFORE = re.compile(
    r"\b(?:than|surpass\w{0,3}|overt(?:ook|ake|aken|aking|akes)|outpac\w{1,3}|outstripp?\w{0,3}|replac\w{1,3}|behind|ahead of|like|"
    r"unlike|rivals?|against|versus|vs|skirmish with|clash(?:es)? with|war with|conflict with|"
    r"border with|tensions? with|faceoff with|standoff with|including|such as)\s+(?:the\s+)?$",
    re.I,
)
_WITH_BEFORE = re.compile(r"\bwith\s+(?:the\s+)?$", re.I)
_AND_BETWEEN = re.compile(r"\s{0,2}(?:,|and|,\s*and|&)\s{0,2}(?:the\s+)?", re.I)
_ADJ_GAP = re.compile(
    r"[\s-]{0,3}(?:(?!(?:about|for|with|to|of|in|on|at|from|by|and|or|the|a|an|that|which|who|is|are|"
    r"was|were|will|has|have|had|it|its)\b)(?:[a-z][a-z-]{1,24}|[A-Z][a-z]{1,24}|\d{1,5})[\s-]{1,2}){0,3}")
_PURPOSE = re.compile(
    r"\b(?:to|for the)\s+(?:(?P<supply>supply|sell|deliver|export|transfer|provide|sale|delivery|build|"
    r"construct|produce|manufacture|upgrade|modernise|modernize|refit)|"
    r"(?P<acquire>buy|acquire|purchase|procure|order|import|purchase|acquisition|procurement))\b"
    r"|\b(?:about|on|over)\s+(?:(?P<supply2>supplying|selling|delivering)|(?P<acquire2>buying|acquiring|purchasing|procuring))\b"
    r"|\b(?P<supply3>sales?|exports?|transfers?) of\b", re.I)
_LICENCE = re.compile(r"\b(?:under|with a|through a) licen[cs]e\b|\blicen[cs]e[ -](?:produc|buil|assembl)", re.I)
_PRONOUN_SUBJECT = re.compile(r"\b(?:it|they|the country|the two countries|the government)\s+$", re.I)


@dataclass(frozen=True)
class Cue:
    role: str | None  # supplier / recipient / None (a neutral cue: fills what is left)
    strength: int  # 3 prepositions and 'made', 2 grammar, 1 weak; 0 blocks any role
    text: str


@dataclass(frozen=True)
class Clause:
    """What the cue functions look at: the clause's text, its names and weapons, its verbs."""

    work: str
    hits: tuple[CountryHit, ...]
    weapons: tuple[Span, ...]
    verbs: tuple[tuple[int, int, str, str], ...]  # start, end, kind, word

    @classmethod
    def read(cls, work: str, hits: Sequence[CountryHit], weapons: Sequence[Span]) -> Clause:
        verbs = tuple((m.start(), m.end(), str(m.lastgroup), m.group(0)) for m in _VERB.finditer(work))
        return cls(work, tuple(hits), tuple(weapons), verbs)

    def before(self, hit: CountryHit, chars: int = 30) -> str:
        return self.work[max(0, hit.start - chars):hit.start]

    @property
    def has_preposition_cue(self) -> bool:
        """'Four MilGem corvettes for Pakistan': a weapon for or from a named side."""
        strong = [w for w in self.weapons if w.kind != "designation" or w.value[2]]  # type: ignore[index]
        return bool(strong) and any(
            cue_recipient_preposition(self, hit) or cue_supplier_preposition(self, hit) for hit in self.hits)

    @property
    def has_transfer_verb(self) -> bool:
        return any(kind in {SUPPLY, ACQUIRE, AGREE, ARRIVE} for _, _, kind, _ in self.verbs)


def _quoted(hit: CountryHit, before: str = "", after: str = "") -> str:
    return f"'{(before + ' ' if before else '')}{hit.text}{(' ' + after) if after else ''}'".replace("  ", " ")


# ---- cue functions: (clause, hit) -> Cue | None -------------------------------------------------


def cue_speaker(clause: Clause, hit: CountryHit) -> Cue | None:
    """'Indian officials said', 'according to Pakistan': a speaker, no role."""
    if _SPEAKER_AFTER.match(clause.work, hit.end) or _SPEAKER_BEFORE.search(clause.before(hit)):
        return Cue(None, 0, f"{_quoted(hit)} speaks or is quoted: no role")
    after = clause.work[hit.end:hit.end + 25]
    if re.match(r"\s{1,3}(?:has |have )?(?:said|says|told|claimed|claims|stated|insisted|warned)\b", after, re.I):
        return Cue(None, 0, f"{_quoted(hit)} speaks: no role")
    return None


def cue_comparison(clause: Clause, hit: CountryHit) -> Cue | None:
    """'surpassed France', 'a skirmish with India': a comparison or an adversary, no role."""
    match = _COMPARISON_BEFORE.search(clause.before(hit, 40))
    if match:
        return Cue(None, 0, f"'{match.group(0).strip()} {hit.text}' is a comparison or an adversary: no role")
    return None


def cue_made(clause: Clause, hit: CountryHit) -> Cue | None:
    """'Turkish-made', 'China-built': the maker's country supplies."""
    match = _MADE_AFTER.match(clause.work, hit.end)
    if match:
        return Cue("supplier", 3, f"'{hit.text}{clause.work[hit.end:match.end()]}'")
    return None


def cue_recipient_preposition(clause: Clause, hit: CountryHit) -> Cue | None:
    """'to Pakistan', 'for the Indian Navy'."""
    before = clause.before(hit)
    match = _RECIPIENT_PREP.search(before)
    if match is None or _NOT_RECIPIENT_PREP.search(before):
        return None
    if hit.kind == "demonym" and not _FORCES_AFTER.match(clause.work, hit.end):
        return None
    if hit.kind == "maker":
        return None
    return Cue("recipient", 3, _quoted(hit, match.group(0).strip()))


def cue_supplier_preposition(clause: Clause, hit: CountryHit) -> Cue | None:
    """'from China', 'built in Turkey'."""
    match = _SUPPLIER_PREP.search(clause.before(hit))
    if match is None or hit.kind == "demonym":
        return None
    return Cue("supplier", 3, _quoted(hit, match.group(0).strip()))


def _passive_supply(verb: str) -> bool:
    """'supplied', 'handed', 'built': a participle of a verb of supplying."""
    found = _VERB.fullmatch(verb)
    return bool(_PASSIVE_SUPPLY.match(verb)) or (found is not None and found.lastgroup == SUPPLY)


def cue_turned_to(clause: Clause, hit: CountryHit) -> Cue | None:
    """'Ankara turned to Beijing for WS-1B': the one turned to supplies."""
    match = re.search(r"\b(?:turned|turns|turning|looked|looks|looking)\s+to\s+(?:the\s+)?$", clause.before(hit))
    if match and re.match(r"[^.;]{0,40}\bfor\b", clause.work[hit.end:hit.end + 50]):
        return Cue("supplier", 3, _quoted(hit, match.group(0).strip()))
    return None


def cue_by(clause: Clause, hit: CountryHit) -> Cue | None:
    """'supplied by the United States' (supplier), 'used by Pakistan' (recipient), also across a
    phrase: 'were delivered to India by the Soviet Union'."""
    if hit.kind == "demonym":
        return None
    match = _BY.search(clause.before(hit, 45))
    if match is None or not (_passive_supply(match.group("verb")) or _PASSIVE_ACQUIRE.match(match.group("verb"))):
        match = _BY_FAR.search(clause.before(hit, 110))
    if match is None:
        return None
    verb = match.group("verb")
    if _passive_supply(verb):
        return Cue("supplier", 3, _quoted(hit, match.group(0).strip()))
    if _PASSIVE_ACQUIRE.match(verb):
        return Cue("recipient", 3, _quoted(hit, match.group(0).strip()))
    return None


def _verb_after(clause: Clause, hit: CountryHit) -> tuple[int, int, str, str] | None:
    """The verb this name is the subject of: the next verb, with only auxiliaries, adverbs and
    times between ('Turkey is expected to supply', 'Pakistan has reportedly received')."""
    for start, end, kind, word in clause.verbs:
        if start < hit.end:
            continue
        gap = clause.work[hit.end:start]
        if len(gap) > 80 or not _GAP.fullmatch(gap):
            return None
        # "Islamabad is said to want": the verb of speech is part of the way to the verb.
        if kind == SPEECH and re.match(r"\s{1,3}to\b", clause.work[end:end + 4]):
            continue
        return start, end, kind, word
    return None


def cue_subject(clause: Clause, hit: CountryHit) -> Cue | None:
    """The subject of a verb of supplying (supplier) or acquiring (recipient); passive 'Pakistan
    was supplied with' is the recipient."""
    if _RECIPIENT_PREP.search(clause.before(hit)) or _SUPPLIER_PREP.search(clause.before(hit)):
        return None
    if re.search(r"\b(?:of|with|by|in|on|at|against|between|among)\s+(?:the\s+)?$", clause.before(hit), re.I):
        return None
    verb = _verb_after(clause, hit)
    if verb is None:
        return None
    start, end, kind, word = verb
    passive = bool(_BE_BEFORE.search(clause.work[max(0, start - 30):start])) and bool(_PARTICIPLE.search(word))
    text = f"'{clause.work[hit.start:end]}'"
    if kind == AGREE:
        # "India signed a contract with France to buy 26 Rafale": the purpose decides.
        purpose = _PURPOSE.search(clause.work, end)
        if purpose is None:
            return None
        kind = SUPPLY if purpose.group("supply") or purpose.group("supply2") or purpose.group("supply3") else ACQUIRE
        text = f"'{clause.work[hit.start:end]} ... {purpose.group(0).strip()}'"
    if kind == SUPPLY and _LICENCE.search(clause.work) and re.match(r"(?:build|built|produc|assembl|manufactur)", word, re.I):
        # "Pakistan has produced RBS-70 under licence": the licensee receives.
        kind = ACQUIRE
    if kind == SUPPLY:
        return Cue("recipient" if passive else "supplier", 2, text)
    if kind == ACQUIRE and not passive:
        return Cue("recipient", 2, text)
    return None


def cue_object(clause: Clause, hit: CountryHit) -> Cue | None:
    """The object of a verb of supplying: 'supply Pakistan with', 'sell India 26 jets'."""
    if hit.kind == "demonym" and not _FORCES_AFTER.match(clause.work, hit.end):
        return None  # "produced Swedish RBS-70": an adjective of the weapon, not the object
    for start, end, kind, _word in clause.verbs:
        if kind != SUPPLY or end > hit.start:
            continue
        gap = clause.work[end:hit.start]
        if re.fullmatch(r"\s{1,3}(?:the\s+|its\s+ally\s+|fellow\s+)?", gap, re.I):
            return Cue("recipient", 3, f"'{clause.work[start:hit.end]}'")
    return None


def cue_forces(clause: Clause, hit: CountryHit) -> Cue | None:
    """'the Pakistani Navy', 'Turkey's air force': the armed forces that receive, unless their
    country is the subject of a verb of supplying (then `cue_subject` decides)."""
    if _FORCES_AFTER.match(clause.work, hit.end):
        return Cue("recipient", 1, f"'{hit.text}{_FORCES_AFTER.match(clause.work, hit.end).group(0)}'")  # type: ignore[union-attr]
    return None


def _weapon_after(clause: Clause, hit: CountryHit) -> Span | None:
    for span in clause.weapons:
        if span.start >= hit.end and span.start - hit.end <= 40 and _ADJ_GAP.fullmatch(clause.work, hit.end, span.start) \
                and not _VERB.search(clause.work, hit.end, span.start):
            return span
    return None


def cue_demonym_weapon(clause: Clause, hit: CountryHit) -> Cue | None:
    """'Turkish drones', 'US F-16s': the weapon's country, a weak supplier."""
    if hit.possessive or hit.kind == "maker":
        return None
    weapon = _weapon_after(clause, hit)
    if weapon is not None:
        return Cue("supplier", 1, f"'{clause.work[hit.start:weapon.end]}' (the weapon's country)")
    return None


def cue_maker(clause: Clause, hit: CountryHit) -> Cue | None:
    """'Baykar', 'Lockheed Martin's F-16': a maker supplies, from its country."""
    if hit.kind == "maker":
        return Cue("supplier", 1, f"'{hit.text}' (a maker in {hit.entity_id})")
    return None


def cue_possessive_weapon(clause: Clause, hit: CountryHit) -> Cue | None:
    """'China's J-10C for Pakistan' or 'Pakistan's J-10Cs from China': neutral, it takes the
    side that the other cue leaves."""
    if hit.possessive and _weapon_after(clause, hit) is not None:
        return Cue(None, 1, f"'{clause.work[hit.start:_weapon_after(clause, hit).end]}'")  # type: ignore[union-attr]
    return None


# Cues in the order they are tried; a blocking cue (strength 0) ends the search for its name.
CUES: tuple[Callable[[Clause, CountryHit], Cue | None], ...] = (
    cue_speaker,
    cue_comparison,
    cue_made,
    cue_recipient_preposition,
    cue_supplier_preposition,
    cue_turned_to,
    cue_by,
    cue_object,
    cue_subject,
    cue_forces,
    cue_maker,
    cue_demonym_weapon,
    cue_possessive_weapon,
)


def cues_for(clause: Clause, hit: CountryHit) -> list[Cue]:
    out = []
    for cue_function in CUES:
        cue = cue_function(clause, hit)
        if cue is None:
            continue
        if cue.strength == 0:
            return [cue]
        out.append(cue)
    return out


@dataclass(frozen=True)
class Roles:
    """The sides of one clause: entity ids (several where the text coordinates them) with cues."""

    suppliers: tuple[tuple[str, str], ...]  # (entity id, cue)
    recipients: tuple[tuple[str, str], ...]
    both_ways: bool
    cues: dict[str, Cue]  # entity id -> the cue it was given (None role: not a side)
    subject: str | None = None  # the entity that is the clause's grammatical subject, if any
    verb_kind: str | None = None  # supply / acquire: the first such verb in the clause


def _partner(clause: Clause, hits: Sequence[CountryHit], first: CountryHit) -> CountryHit | None:
    """'X and Y signed' (Y), 'X signed a deal with Y' (Y)."""
    for hit in hits:
        if hit.entity_id == first.entity_id or hit.start < first.end:
            continue
        between = clause.work[first.end:hit.start]
        if _AND_BETWEEN.fullmatch(between) or _WITH_BEFORE.search(clause.before(hit)):
            return hit
    return None


def _agreement_subject(clause: Clause, hit: CountryHit) -> bool:
    verb = _verb_after(clause, hit)
    if verb is not None and verb[2] == AGREE:
        return True
    # "X and Y signed": the gap to the verb holds the other name.
    for start, _end, kind, _word in clause.verbs:
        if kind == AGREE and start > hit.end:
            return bool(re.fullmatch(r"\s{0,2}(?:,|and|&)\s{0,2}(?:the\s+)?[A-Z][\w' -]{1,40}", clause.work[hit.end:start].rstrip()))
    return False


def assign_roles(clause: Clause) -> Roles:
    """Each entity's strongest cue, then the two sides; neutral and weak cues fill only what is
    left, and two names that the grammar makes equal ('X and Y signed') are checked both ways."""
    best: dict[str, Cue] = {}
    first_hit: dict[str, CountryHit] = {}
    # Each name's cues once (both passes below ask; a clause can name a country thousands of times).
    hit_cues = [cues_for(clause, hit) for hit in clause.hits]
    for hit, cues in zip(clause.hits, hit_cues, strict=True):
        first_hit.setdefault(hit.entity_id, hit)
        for cue in cues:
            held = best.get(hit.entity_id)
            if held is None or cue.strength > held.strength or (held.strength == 0 and cue.strength == 0):
                best[hit.entity_id] = cue
    # "to the Philippines and Nigeria": a name coordinated with the one before takes its cue.
    previous_hit: CountryHit | None = None
    for hit, own in zip(clause.hits, hit_cues, strict=True):
        if previous_hit is not None and previous_hit.entity_id != hit.entity_id and hit.kind != "demonym" \
                and not any(c.strength == 0 for c in own) \
                and _AND_BETWEEN.fullmatch(clause.work[previous_hit.end:hit.start]):
            earlier = best.get(previous_hit.entity_id)
            held = best.get(hit.entity_id)
            if earlier is not None and earlier.role and earlier.strength == 3 and (held is None or 0 < held.strength < 3):
                best[hit.entity_id] = Cue(earlier.role, 3, f"'{clause.work[previous_hit.start:hit.end]}'")
        previous_hit = hit
    # "India is expected to sign a deal for 26 Rafale-M from France": the party to the deal
    # takes the side the other cue leaves.
    for hit in clause.hits:
        if hit.entity_id not in best and _agreement_subject(clause, hit):
            best[hit.entity_id] = Cue(None, 2, f"'{clause.work[hit.start:hit.end]}' signs the deal")
    sides: dict[str, list[tuple[str, str, int]]] = {"supplier": [], "recipient": []}
    for entity_id, cue in sorted(best.items(), key=lambda item: -item[1].strength):
        if cue.role is None or cue.strength == 0:
            continue
        holders = sides[cue.role]
        if holders and holders[0][2] > cue.strength:
            other = "recipient" if cue.role == "supplier" else "supplier"
            if not sides[other] and cue.strength == 1:
                sides[other].append((entity_id, f"{cue.text[:-1] if cue.text.endswith(')') else cue.text}, "
                                                f"the other side to {holders[0][1]}", cue.strength))
            continue
        if any(e == entity_id for e, _, _ in sides["supplier"] + sides["recipient"]):
            continue
        holders.append((entity_id, cue.text, cue.strength))
    # Neutral cues (a possessive with the weapon) take a side only where exactly one is open.
    for entity_id, cue in best.items():
        if cue.role is None and cue.strength > 0:
            open_sides = [s for s in ("supplier", "recipient") if not sides[s]]
            if len(open_sides) == 1:
                sides[open_sides[0]].append((entity_id, f"{cue.text}, the other side", cue.strength))
    both_ways = False
    if not sides["supplier"] and not sides["recipient"]:
        for hit in clause.hits:
            if best.get(hit.entity_id, Cue(None, 1, "")).strength == 0:
                continue
            partner = _partner(clause, clause.hits, hit)
            if partner is not None and _agreement_subject(clause, hit) and best.get(partner.entity_id, Cue(None, 1, "")).strength != 0:
                why = (f"'{clause.work[hit.start:partner.end]}' with '{next(w for s, e, k, w in clause.verbs if k == AGREE)}' "
                       "states no direction: checked both ways")
                sides["supplier"].append((hit.entity_id, why, 2))
                sides["recipient"].append((partner.entity_id, why, 2))
                both_ways = True
                break
    # "X signed a deal with Y to buy": Y is the other party.
    for side, other in (("supplier", "recipient"), ("recipient", "supplier")):
        if sides[side] and not sides[other] and "..." in sides[side][0][1]:
            for hit in clause.hits:
                if hit.entity_id != sides[side][0][0] and _WITH_BEFORE.search(clause.before(hit)) \
                        and best.get(hit.entity_id, Cue(None, 1, "")).strength != 0:
                    sides[other].append((hit.entity_id, f"'with {hit.text}', the other party to the deal", 2))
                    break
    # Two names in one side are kept only when both have cues of the side's strength and the text
    # joins them ("France and Germany will supply", "to the Philippines and Nigeria").
    for side in ("supplier", "recipient"):
        top = max((s for _, _, s in sides[side]), default=0)
        kept = [h for h in sides[side] if h[2] == top]
        joined = kept[:1]
        for holder in kept[1:]:
            a, b = sorted((first_hit[joined[-1][0]], first_hit[holder[0]]), key=lambda h: h.start)
            if _AND_BETWEEN.fullmatch(clause.work[a.end:b.start]):
                joined.append(holder)
        sides[side] = joined[:3]
    subject = next((hit.entity_id for hit in clause.hits if cue_subject(clause, hit) is not None), None)
    verb_kind = next((kind for _s, _e, kind, _w in clause.verbs if kind in {SUPPLY, ACQUIRE}), None)
    return Roles(
        suppliers=tuple((e, c) for e, c, _ in sides["supplier"]),
        recipients=tuple((e, c) for e, c, _ in sides["recipient"]),
        both_ways=both_ways,
        cues=best,
        subject=subject,
        verb_kind=verb_kind,
    )
