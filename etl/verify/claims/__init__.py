"""The claim reader: text (a sentence to a whole article) -> claims that can be checked.

Stages, one module each, so that a new cue or rule is one small function with its own test:
- `sentences`: paragraphs, sentences (pysbd) and the joints where a clause can start;
- `mentions`: countries, weapons with quantities, money, years, stage, negation in a clause;
- `roles`: who supplies whom, from the clause's grammar (one function per cue);
- `article`: clauses -> claims, one per direction, in order, with the sentences that hold none;
- `fields`: structured fields (command-line options, page corrections) over parsed claims;
- `lexicon`: the reviewed reference files that name countries, makers and weapons;
- `model`: the frozen data the reader gives.
"""

from etl.verify.claims.article import DEFAULT_BUDGET, ReaderBudget, read_article, read_claim_text
from etl.verify.claims.fields import (
    ClaimFields,
    apply_fields,
    parse_date,
    parse_quantity,
    parse_value,
    parse_weapon,
    parse_year,
    read_claim,
)
from etl.verify.claims.mentions import DesignationIndex
from etl.verify.claims.model import (
    STAGES,
    Article,
    Claim,
    ClaimError,
    CountryMention,
    MoneyMention,
    WeaponMention,
)

MAX_CLAIM_CHARS = DEFAULT_BUDGET.max_chars
parse_claim = read_claim_text

__all__ = [
    "DEFAULT_BUDGET", "MAX_CLAIM_CHARS", "STAGES", "Article", "Claim", "ClaimError", "ClaimFields",
    "CountryMention", "DesignationIndex", "MoneyMention", "ReaderBudget", "WeaponMention",
    "apply_fields", "parse_claim", "parse_date", "parse_quantity", "parse_value", "parse_weapon", "parse_year",
    "read_article", "read_claim", "read_claim_text",
]
