"""What the claim reader gives: claims and their parts, as frozen data."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from etl.errors import ArmsExplorerError
from etl.verify.weapons import WeaponQuery

STAGES = ("announced", "agreed", "ordered", "delivered", "used")
YEAR_MIN, YEAR_MAX = 1945, 2060
SIDES = ("supplier", "recipient")


class ClaimError(ArmsExplorerError):
    """A claim that cannot be checked as given (empty, no country, a malformed field)."""


@dataclass(frozen=True)
class CountryMention:
    entity_id: str
    name: str
    text: str
    role: str | None  # supplier / recipient / None (no role: a speaker, a place, not decided)
    cue: str  # why it has that role, quoting the text


@dataclass(frozen=True)
class WeaponMention:
    text: str
    designation: str | None = None
    type_label: str | None = None
    quantity: int | None = None
    quantity_text: str | None = None
    excluded_rule_id: str | None = None
    # Where the text used another name of the weapon ("Flanker"): the alias row's note.
    alias_note: str | None = None

    @property
    def query(self) -> WeaponQuery:
        return WeaponQuery(self.text, self.designation, self.type_label)


@dataclass(frozen=True)
class MoneyMention:
    text: str
    amount: float | None
    currency: str | None
    usd_m: float | None  # millions of US dollars, where the text gives dollars


@dataclass(frozen=True)
class Claim:
    """One claim: one supplier -> recipient direction, with its own weapons, stage and years."""

    text: str
    supplier_id: str | None = None
    recipient_id: str | None = None
    supplier: str | None = None
    recipient: str | None = None
    # Kept for the JSON of earlier versions: the reader never guesses roles from word order.
    roles_guessed: bool = False
    countries: tuple[CountryMention, ...] = ()
    weapons: tuple[WeaponMention, ...] = ()
    values: tuple[MoneyMention, ...] = ()
    stage: str | None = None
    stage_text: str | None = None
    from_year: int | None = None
    to_year: int | None = None
    overridden: tuple[str, ...] = field(default=())
    # The sentence the claim comes from, as written, and where it stands in the article.
    sentence: str = ""
    sentence_index: int = 0
    paragraph_index: int = 0
    direction_cue: str = ""
    negated: bool = False
    negation_text: str | None = None
    # A future or new deal ("is expected to supply", "signed last week"): recorded only where an
    # open or a dated order matches.
    prospective: bool = False
    time_text: str | None = None
    # "order" where the years are written with the order ("ordered in 2017"), whatever the stage.
    years_of: str | None = None
    order_years: tuple[int, int] | None = None  # "ordered in 2017, arrived in 2021": the 2017
    # Years the text gives for the use of a weapon ("used in May 2025"): not delivery years.
    use_year: int | None = None
    missing_side: str | None = None  # supplier / recipient / both: the text does not say
    both_ways: bool = False  # "X and Y signed": no direction stated, each way checked
    inherited: bool = False  # the clause names no country: the pair of the claim before it

    def as_dict(self) -> dict[str, object]:
        """The parts as plain data (for JSON and the page's editable fields)."""
        return asdict(self)

    @property
    def pair_text(self) -> str:
        return f"{self.supplier or '(supplier not stated)'} -> {self.recipient or '(recipient not stated)'}"


@dataclass(frozen=True)
class Article:
    """An article read: its claims in order, and the sentences that hold no arms-transfer claim."""

    text: str
    claims: tuple[Claim, ...]
    no_claim: tuple[str, ...]
    # What the reader left out to stay within its budget, in a sentence (None: nothing).
    left_out: str | None = None
