"""The transform's vectorised pieces agree with the plain, row-by-row rules they replace."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.transform.cells import delivery_year_cells as _years
from etl.transform.link import _best_first_one_to_one


def greedy_row_by_row(pairs: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The rule in words: take pairs in order, each id on either side at most once."""
    taken_l: set[str] = set()
    taken_r: set[int] = set()
    out = []
    for left, right in pairs:
        if left in taken_l or right in taken_r:
            continue
        taken_l.add(left)
        taken_r.add(right)
        out.append((left, right))
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abcdefgh"), st.integers(1, 8)), max_size=40))
def test_best_first_matching_takes_the_same_pairs_as_the_row_by_row_greedy(
    pairs: list[tuple[str, int]],
) -> None:
    candidates = pd.DataFrame(
        {
            "deal_id": pd.Series([p[0] for p in pairs], dtype="str"),
            "sipri_deal_id": pd.array([p[1] for p in pairs], dtype="Int64"),
        }
    )
    chosen = _best_first_one_to_one(candidates)
    got = list(zip(chosen["deal_id"].tolist(), chosen["sipri_deal_id"].tolist(), strict=True))
    assert got == greedy_row_by_row(pairs)


def test_delivery_years_are_normalised_sorted_and_bad_cells_reported() -> None:
    cells = pd.Series(
        ["2022; 2023", "", "2024,2022 ; 2023", "2021; 2021; 2020", "2019", "1990s", "٢٠٢٢"],
        dtype="str",
    )
    years, reasons = _years(cells)
    assert years.tolist() == ["2022; 2023", "", "2022; 2023; 2024", "2020; 2021", "2019", "", ""]
    assert reasons.tolist()[:5] == [""] * 5
    # Arabic-Indic digits are not years SIPRI writes, and int() of the schema would not take them
    assert "not years like" in reasons.iloc[5] and "not years like" in reasons.iloc[6]
