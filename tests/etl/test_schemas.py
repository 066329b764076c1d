"""etl/schemas.py: every table declared once, and what is derived from the declarations."""

from __future__ import annotations

import pandas as pd
import pytest

from etl import schemas
from etl.schemas import ESTIMATE_FLAGS, SchemaViolation, empty_table, figure_text, validate


def test_sipri_estimate_mark_follows_the_figure_it_qualifies():
    assert figure_text(12, True) == "12?"
    assert figure_text(12, False) == "12"
    assert figure_text(2019.0, True) == "2019?"  # a year read from a float column stays whole
    assert figure_text(pd.NA, True) == ""
    assert figure_text(None, False, missing="?") == "?"
    assert figure_text(6, True, missing="an unstated number", mark=" (estimate)") == "6 (estimate)"


def test_each_estimate_flag_names_a_figure_of_its_table():
    assert ESTIMATE_FLAGS == {"order_year": "order_year_estimated", "units_ordered": "units_ordered_estimated",
                              "units_delivered": "units_delivered_estimated"}
    for table in schemas.TABLES:
        for figure, flag in schemas.estimate_flags(table).items():
            assert figure in schemas.columns(table) and flag.startswith(figure), (table, flag)


def test_tiv_columns_carry_the_tiv_unit_and_their_m_suffix():
    assert schemas.tiv_columns("deals") == ["tiv_per_unit_m", "tiv_order_m", "tiv_delivered_m", "tiv_unit_new_m"]
    for table in schemas.TABLES:
        assert all(c.endswith("_m") for c in schemas.tiv_columns(table))
        assert schemas.schema(table).columns.keys() == set(schemas.columns(table))


@pytest.mark.parametrize("table", ["deals", "deliveries", "tiv_totals", "reports", "entities"])
def test_an_empty_table_meets_its_schema(table: str):
    assert validate(table, empty_table(table), "test").empty


def test_a_status_sipri_does_not_use_is_one_sentence_naming_the_column():
    frame = empty_table("deliveries")
    row = {"release": "2025", "deal_id": "d1", "supplier_id": "tur", "recipient_id": "ukr", "designation": "TB2",
           "description": "armed UAV", "armament_category": None, "status": "Used", "order_year": 2019,
           "delivery_year": 2021, "units_delivered": 2.0, "units_delivered_estimated": False,
           "delivery_year_estimated": pd.NA, "tiv_delivered_m": 1.5, "is_allocated": False,
           "source_file": "f.csv", "source_line": 3}
    frame = pd.DataFrame([row]).astype(schemas.dtypes("deliveries"))
    with pytest.raises(SchemaViolation, match="deliveries table breaks its schema in 1 place.*status"):
        validate("deliveries", frame, "f.csv")
