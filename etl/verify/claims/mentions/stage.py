"""The stage a clause states (announced to used), whether it speaks of a future or new deal, negation."""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.verify.claims.model import STAGES

# ---- stage, time and negation ---------------------------------------------------------------

_FUTURE = (r"(?:will|would|shall|is to|are to|set to|due to|expected to|going to|agreed to|agrees to|"
           r"poised to|about to|ready to|slated to|likely to)")
_INTENT = re.compile(r"\b(?:plans?|planning|intends?|intending|wants?|seeks?|hopes?|considering|may|might|could|offered|offers)\s+(?:to\s+(?:be\s+)?)?$", re.I)
STAGE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("used", re.compile(
        r"\b(?:used|uses|using|deployed|deploys|deploying|(?<!-)fired|(?<!-)fires|employed|struck|strikes|"
        r"shot down|in combat|in action|combat use|launched (?:an? )?(?:attack|strike)s?)\b", re.I)),
    ("delivered", re.compile(
        r"\b(?:delivered|delivers|handed over|hands over|received|receives|took delivery|"
        r"takes delivery|taken delivery|inducted|inducts|arrived|arrive[sd]?|commissioned|"
        r"transferred|supplied|supplies|shipped|donated|gifted|sent|provided|deliveries|handed)\b", re.I)),
    ("ordered", re.compile(
        r"\b(?:ordered|orders|purchased|purchases|bought|buys|procured|procures|acquired|sold|sells|"
        r"acquires|contracted|signed|signs|inked|placed an order|(?:an|the) order)\b", re.I)),
    ("agreed", re.compile(
        rf"\b(?:agreed|agrees|agreement|deal|contract|approved|approves|cleared|"
        rf"{_FUTURE}\s+(?:be\s+)?(?:deliver(?:ed)?|supply|supplied|sell|sold|provide|provided|"
        rf"receive|get|buy|acquire|purchase|transfer|export|send|equip|hand over))\b", re.I)),
    ("announced", re.compile(
        r"\b(?:announced|announces|plans?|planned|planning|intends?|considering|considers|"
        r"in talks|negotiat\w{1,6}|may|might|could|interested|offered|offers|proposed|proposes|"
        r"wants?|seeks?|seeking|eyes|eyeing|mulls|mulling)\b", re.I)),
)
_YET_TO = re.compile(r"\byet to (?:receive|take delivery|get|be delivered|be handed over|arrive|be commissioned|be inducted)\b", re.I)
_ONGOING = re.compile(r"\bcontinu(?:es|ed|ing) to (?:supply|deliver|provide|send|ship)\b", re.I)
_FUTURE_BEFORE = re.compile(rf"\b{_FUTURE}\s+(?:be\s+)?(?:\w+ly\s+)?(?:(?:begin|start|continue|resume)\s+(?:to\s+)?)?$", re.I)
# A headline's future: "Turkey to deliver first Hisar-class ship to Romania".
HEADLINE_FUTURE = re.compile(r"^\W{0,3}[A-Z][\w'.-]{1,30}(?:\s[A-Z][\w'.-]{1,30}){0,3}\s+to\s+(?:deliver|supply|sell|buy|acquire|get|receive|order|send|build|export|transfer|provide)\b")
_NEW_DEAL = re.compile(r"\b(?:new|fresh|latest|further|additional|more|another|second batch|follow-on)\b", re.I)
_NEGATION = re.compile(
    r"\b(?:not|never|no longer|refused to|refuses to|declined to|declines to|denied|denies|"
    r"(?:has|have|is|are|was|were) yet to|rejected reports?)\b|n't\b|\bno(?= (?:[a-z-]{1,20} ){0,2}[a-z-]{1,25}s\b)",
    re.I,
)


@dataclass(frozen=True)
class Stage:
    stage: str | None
    text: str | None
    prospective: bool


def find_stage(work: str) -> Stage:
    """The strongest stage the clause states, and whether it speaks of a future or new deal."""
    found: dict[str, str] = {}
    prospective = False
    # "has yet to receive": a delivery that has not happened (the negation says so), not a future deal.
    undelivered = _YET_TO.search(work)
    if undelivered:
        found["delivered"] = undelivered.group(0)
    ongoing = _ONGOING.search(work)
    if ongoing:
        found["delivered"] = ongoing.group(0)
    for stage, pattern in STAGE_PATTERNS:
        for match in pattern.finditer(work):
            word = match.group(0)
            before = work[max(0, match.start() - 30):match.start()]
            if undelivered and undelivered.start() <= match.start() < undelivered.end() + 2:
                continue
            if stage in {"delivered", "ordered", "agreed"} and _INTENT.search(before):
                found.setdefault("announced", f"{before.split()[-1] if before.split() else ''} {word}".strip())
                prospective = True
                continue
            if stage == "delivered" and re.search(r"\byet to\s+$", before, re.I):
                found.setdefault("delivered", f"yet to {word}")
                continue
            if stage in {"delivered", "ordered"} and _FUTURE_BEFORE.search(before):
                found.setdefault("agreed", f"{before.split()[-1] if before.split() else ''} {word}".strip())
                prospective = True
                continue
            if stage == "used" and re.search(r"\b(?:to be|will be|would be|could be|may be)\s+$", before, re.I):
                continue
            if stage == "agreed" and re.match(_FUTURE, word, re.I):
                prospective = True
            found.setdefault(stage, word)
    if "announced" in found and len(found) == 1:
        prospective = True
    if re.search(r"\bdue\s+(?:next year|this year|in (?:19|20)\d\d|by|to arrive|for delivery|in the coming)", work, re.I):
        prospective = True
    for stage in reversed(STAGES):
        if stage in found:
            return Stage(stage, found[stage], prospective)
    return Stage(None, None, prospective)


def is_new_deal(work: str) -> bool:
    """'30 more Rafale', 'a fresh order': the text speaks of an order beyond the ones before."""
    return bool(_NEW_DEAL.search(work))


def find_negation(work: str) -> str | None:
    match = _NEGATION.search(work)
    return match.group(0) if match else None
