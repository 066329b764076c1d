"""The deal register's open-order column: shown, filtered and sorted on the server like the others."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import queries
from dashboard.pair_view import TABLE_COLUMNS, register_rows
from etl.config import Settings


def test_open_orders_say_how_many_are_still_to_come() -> None:
    deals = pd.DataFrame({"units_ordered": [4.0, None, 10.0], "units_delivered": [2.0, None, 10.0],
                          "is_open_order": [True, True, False]})
    assert queries.open_order_text(deals).tolist() == ["open: 2 of 4 to come", "open: none delivered yet", ""]
    assert ("open_order", "Open order", "text") in TABLE_COLUMNS


@pytest.mark.sipri
def test_the_register_shows_filters_and_sorts_the_open_order_column(store_2024: Settings) -> None:
    data = queries.release_data(store_2024, "2024")
    deals = queries.pair_deals(data, queries.PairQuery(("turkiye",)))
    open_count = int(deals["is_open_order"].astype("bool").sum())
    assert open_count > 0
    kept = queries.register_deals(deals, queries.register_filter('{open_order} icontains "open"'))
    assert len(kept) == open_count
    rows = register_rows(kept)
    assert all(r["open_order"].startswith("open") for r in rows)
    ordered = queries.register_deals(deals, (), [{"column_id": "open_order", "direction": "desc"}])
    shown = queries.open_order_text(ordered).tolist()
    assert all(shown[:open_count]) and not any(shown[open_count:])
