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


@pytest.mark.sipri
def test_a_classic_only_release_says_in_every_label_and_hover_that_the_yearly_split_is_ours(store_all: Settings) -> None:
    from dashboard import context_view as cv
    from dashboard.pair_view import render
    from dashboard.viewstate import PairView

    data = queries.release_data(store_all, "2025")
    out = render(data, PairView("2025", ("turkiye",), ("pakistan",), 2004, 2024))
    bars = [t for t in out.tiv_figure.data if t.type == "bar" and (t.meta or {}).get("kind") not in ("legend", "pattern key")]
    assert bars and all("allocated by this tool" in t.hovertemplate for t in bars)
    [total] = [t for t in out.tiv_figure.data if (t.meta or {}).get("kind") == "total"]
    assert all(text.startswith("\u2248") for text in total.text) and "allocated by this tool" in total.hovertemplate
    marks = next(t for t in out.timeline_figure.data if t.name and t.name.startswith("delivery"))
    assert not any(marks.text) and all("allocated by this tool" in h for h in marks.hovertext)
    compare = cv.render_compare(data, cv.CompareView("2025", (("turkiye", "pakistan"),), 2004, 2024), queries.store_root(store_all))
    line = compare.figures["compare"].data[0]
    assert all("allocated by this tool" in h for h in line.hovertext)
