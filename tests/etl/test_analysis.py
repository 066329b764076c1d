"""A recipient's suppliers per period: shares, 'other', concentration (inline frames, no store)."""

from __future__ import annotations

import pandas as pd
import pytest

from etl import analysis


def _imports(rows: list[tuple[str, int, float | None]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["supplier_id", "delivery_year", "tiv_delivered_m"])


def test_periods_end_at_the_last_year_as_sipri_counts_them() -> None:
    years = pd.Series([2019, 2023, 2018, 2014, 2013])
    assert analysis.period_of(years, 5, 2023).tolist() == [2019, 2019, 2014, 2014, 2009]
    assert analysis.period_of(years, 1, 2023).tolist() == years.tolist()


def test_shares_add_up_and_keep_the_chosen_supplier() -> None:
    imports = _imports([("a", 2020, 60.0), ("b", 2021, 30.0), ("c", 2022, 10.0), ("d", 2023, 0.0)])
    shares = analysis.supplier_shares(imports, 5, 2023, top=1, keep=["c"])
    assert set(shares["supplier_id"]) == {"a", "c", "other"}
    assert shares["share_pct"].sum() == pytest.approx(100.0)


def test_each_period_has_its_own_shares_and_the_rest_folds_into_other() -> None:
    imports = _imports([("b", 2014, 10.0), ("a", 2015, 30.0), ("a", 2020, 20.0), ("c", 2021, 60.0),
                        ("b", 2022, 20.0), ("b", 2022, None)])
    shares = analysis.supplier_shares(imports, 5, 2023, top=2)
    rows = [tuple(r) for r in shares[["period_start", "period_end", "supplier_id", "tiv_delivered_m", "share_pct"]]
            .itertuples(index=False)]
    # Over all years a = 50, c = 60, b = 30: a and c are named, b is 'other' in both periods.
    assert rows == [(2014, 2018, "a", 30.0, 75.0), (2014, 2018, "other", 10.0, 25.0),
                    (2019, 2023, "a", 20.0, 20.0), (2019, 2023, "c", 60.0, 60.0), (2019, 2023, "other", 20.0, 20.0)]


def test_a_period_of_zero_tiv_has_no_share_rather_than_a_division_by_zero() -> None:
    shares = analysis.supplier_shares(_imports([("a", 2020, 0.0), ("b", 2020, 0.0)]), 5, 2023)
    assert shares["tiv_delivered_m"].tolist() == [0.0, 0.0] and shares["share_pct"].isna().all()
    assert analysis.concentration(_imports([("a", 2020, 0.0)]), 5, 2023).empty


def test_hhi_is_ten_thousand_for_one_supplier_and_lower_when_shared() -> None:
    one = analysis.concentration(_imports([("a", 2020, 5.0)]), 5, 2023)
    assert one["hhi"].tolist() == [10000.0]
    two = analysis.concentration(_imports([("a", 2020, 5.0), ("b", 2021, 5.0)]), 5, 2023)
    assert two["hhi"].tolist() == [5000.0] and two["suppliers"].tolist() == [2]


def test_hhi_counts_every_supplier_not_only_the_named_ones() -> None:
    rows = [(name, 2020, 10.0) for name in "abcdefghij"]  # ten equal suppliers: HHI 1,000
    hhi = analysis.concentration(_imports(rows), 5, 2023)
    assert hhi[["period_start", "period_end", "hhi", "suppliers"]].values.tolist() == [[2019, 2023, 1000.0, 10]]
    assert len(analysis.supplier_shares(_imports(rows), 5, 2023)) == analysis.TOP_SUPPLIERS + 1


def test_no_imports_give_empty_frames_with_the_columns() -> None:
    empty = _imports([])
    assert list(analysis.supplier_shares(empty, 5, 2023).columns) == analysis.SHARE_COLUMNS
    assert list(analysis.concentration(empty, 5, 2023).columns) == analysis.CONCENTRATION_COLUMNS
