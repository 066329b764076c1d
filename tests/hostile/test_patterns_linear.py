"""Every pattern run over SIPRI's cells or a user's text is linear-time (issue 13, finding 2).

`weapons._COMMENT_NAME` once backtracked quadratically: a Comments cell of 10,000 letters took
4.5 s, one of 40,000 letters 59 s, on every Check, Search and Diff of its release. Here strings
of 50,000 characters built to provoke backtracking (one long word, long runs of the fragments the
patterns look for) must each be read in well under a second. The bound is not a speed target:
the functions take milliseconds on such strings; a pattern that backtracks takes minutes.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.verify.names import fold, name_key, name_tokens
from etl.verify.weapons import comment_names, designation_match, type_in

CHARS = 50_000
BOUND_S = 1.0  # "well under a second" for 50,000 characters; a backtracking pattern takes minutes

# What the patterns over Comments, designations and claims look for, and what sits between.
FRAGMENTS = ["a", "A", "designation ", "designated as ", "(", ")", " version", " variant", "-", "1", "A1-", "Mk ",
             "for ", " ", ";", ".", "x-", "Block ", "II", "  ", "\t", "'s", "version ", "Su-30MKI ", "é", "0"]
FUNCTIONS = {
    "comment_names": comment_names,
    "name_tokens": name_tokens,
    "name_key": name_key,
    "fold": fold,
    "type_in": type_in,
    # A claim's weapon against a hostile designation cell, and a hostile search against a designation.
    "designation_match": lambda text: (designation_match(name_tokens("Su-30MKI version"), name_tokens(text)),
                                       designation_match(name_tokens(text), name_tokens("Bayraktar TB-2"))),
}


def adversarial(pattern: list[str]) -> str:
    piece = "".join(pattern) or "a"
    return (piece * (CHARS // len(piece) + 1))[:CHARS]


def seconds_for(function: object, text: str, tries: int = 3) -> float:
    """The fastest of `tries` calls: the machine's other work does not decide (a backtracking
    pattern is slow on every try)."""
    best = float("inf")
    for _ in range(tries):
        started = time.perf_counter()
        function(text)  # type: ignore[operator]
        best = min(best, time.perf_counter() - started)
        if best < BOUND_S / 10:
            break
    return best


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
@pytest.mark.parametrize("text", [
    "a" * CHARS,
    "designation " + "a" * (CHARS - 12),
    ("a" * 31 + " ") * (CHARS // 32),
    "(" * (CHARS // 2) + "a" * (CHARS // 2),
    ("A1-" * (CHARS // 3)),
    ("x version " * (CHARS // 10)),
], ids=["one-word", "designation-then-word", "words-at-the-token-limit", "brackets", "joined-parts", "versions"])
def test_the_issues_long_word_and_its_kin_are_read_in_well_under_a_second(name: str, text: str) -> None:
    seconds = seconds_for(FUNCTIONS[name], text)
    assert seconds < BOUND_S, f"{name} took {seconds:.1f} s on {len(text):,} characters: a pattern backtracks"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=6), st.sampled_from(sorted(FUNCTIONS)))
def test_any_repeated_fragments_of_50000_characters_are_read_in_well_under_a_second(pattern: list[str], name: str) -> None:
    text = adversarial(pattern)
    seconds = seconds_for(FUNCTIONS[name], text)
    assert seconds < BOUND_S, f"{name} took {seconds:.1f} s on {pattern!r} repeated to {CHARS:,} characters"
