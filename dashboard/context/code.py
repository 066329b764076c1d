"""'Reproduce this chart': for each context chart, short pandas code over the store's Parquet files
that gives the chart's numbers (pure: text in, text out).

Each snippet stands alone (imports, reads, filters) and leaves its numbers in `result`, so a
researcher can paste it into Python, and the tests run every snippet and compare `result` with
the chart's own numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from dashboard.context.queries import CONFIG

LEAVE_OUT_ESTIMATES = (
    "rows = rows[~(rows[\"units_delivered_estimated\"] | rows[\"delivery_year_estimated\"].fillna(False))]"
    "  # SIPRI's estimates left out\n"
)


def release_folder(store_root: str, release_path: str) -> str:
    return str(Path(store_root) / release_path)


def _head(folder: str, filters: str, leave_out_estimates: bool) -> str:
    return (
        "import pandas as pd\n\n"
        f"d = pd.read_parquet({folder + '/deliveries.parquet'!r})\n"
        f"rows = d[{filters}]\n"
        + (LEAVE_OUT_ESTIMATES if leave_out_estimates else "")
    )


def _entity_filter(entity_id: str, direction: str, from_year: int, to_year: int) -> str:
    side = "recipient_id" if direction == "imports" else "supplier_id"
    return f"(d[{side!r}] == {entity_id!r}) & d[\"delivery_year\"].between({from_year}, {to_year})"


def _period(to_year: int, window: int) -> str:
    return (
        f"# {window}-year periods ending in {to_year} (SIPRI's convention), named by their first year\n"
        f"period = {to_year} - ({to_year} - rows[\"delivery_year\"]) // {window} * {window} - {window - 1}\n"
    )


def profile_by_year(
    folder: str, entity_id: str, direction: str, from_year: int, to_year: int, leave_out_estimates: bool,
    top: int = CONFIG.top_partners,
) -> str:
    """TIV per year by the top partners plus 'others' (the imports or exports chart)."""
    partner = "supplier_id" if direction == "imports" else "recipient_id"
    return (
        _head(folder, _entity_filter(entity_id, direction, from_year, to_year), leave_out_estimates)
        + f"top = rows.groupby({partner!r})[\"tiv_delivered_m\"].sum().nlargest({top}).index\n"
        + f"partner = rows[{partner!r}].where(rows[{partner!r}].isin(top), \"others\")\n"
        + "result = rows.groupby([\"delivery_year\", partner])[\"tiv_delivered_m\"].sum().unstack(fill_value=0).round(2)\n"
        + "result[\"total\"] = result.sum(axis=1).round(2)  # the TIV table's cell for that year\n"
    )


def profile_shares(
    folder: str, entity_id: str, direction: str, from_year: int, to_year: int, leave_out_estimates: bool,
    window: int = CONFIG.window_years, top: int = CONFIG.top_partners,
) -> str:
    """Each top partner's share (%) per window."""
    partner = "supplier_id" if direction == "imports" else "recipient_id"
    return (
        _head(folder, _entity_filter(entity_id, direction, from_year, to_year), leave_out_estimates)
        + _period(to_year, window)
        + f"top = rows.groupby({partner!r})[\"tiv_delivered_m\"].sum().nlargest({top}).index\n"
        + f"partner = rows[{partner!r}].where(rows[{partner!r}].isin(top), \"others\")\n"
        + "tiv = rows.groupby([period, partner])[\"tiv_delivered_m\"].sum()\n"
        + "result = (100 * tiv / tiv.groupby(level=0).transform(\"sum\")).unstack(fill_value=0).round(2)\n"
    )


def profile_categories(
    folder: str, entity_id: str, from_year: int, to_year: int, leave_out_estimates: bool,
    window: int = CONFIG.window_years,
) -> str:
    """TIV per window and armament category, imports and exports."""
    return (
        "import pandas as pd\n\n"
        f"d = pd.read_parquet({folder + '/deliveries.parquet'!r})\n"
        "parts = {}\n"
        "for direction, side in ((\"imports\", \"recipient_id\"), (\"exports\", \"supplier_id\")):\n"
        f"    rows = d[(d[side] == {entity_id!r}) & d[\"delivery_year\"].between({from_year}, {to_year})]\n"
        + ("    " + LEAVE_OUT_ESTIMATES if leave_out_estimates else "")
        + "    " + _period(to_year, window).replace("\n", "\n    ").rstrip() + "\n"
        + "    category = rows[\"armament_category\"].fillna(\"Category not given\")\n"
        + "    parts[direction] = rows.groupby([period, category])[\"tiv_delivered_m\"].sum().unstack(fill_value=0).round(2)\n"
        + "result = pd.concat(parts, names=[\"direction\", \"period_start\"])\n"
    )


def profile_dependency(
    folder: str, entity_id: str, from_year: int, to_year: int, leave_out_estimates: bool,
    window: int = CONFIG.window_years,
) -> str:
    """Top supplier's share and HHI per window, and the years the top supplier changed."""
    return (
        _head(folder, _entity_filter(entity_id, "imports", from_year, to_year), leave_out_estimates)
        + _period(to_year, window)
        + "tiv = rows.groupby([period, \"supplier_id\"])[\"tiv_delivered_m\"].sum()\n"
        + "share = 100 * tiv[tiv > 0] / tiv.groupby(level=0).transform(\"sum\")[tiv > 0]\n"
        + "result = pd.DataFrame({\n"
        + "    \"top_supplier\": share.groupby(level=0).idxmax().str[1],\n"
        + "    \"top_share_pct\": share.groupby(level=0).max().round(2),\n"
        + "    \"hhi\": (share ** 2).groupby(level=0).sum().round(0),  # Herfindahl-Hirschman, 0-10,000\n"
        + "})\n"
        + "yearly = rows.groupby([\"delivery_year\", \"supplier_id\"])[\"tiv_delivered_m\"].sum()\n"
        + "top_each_year = yearly[yearly > 0].groupby(level=0).idxmax().str[1]\n"
        + "changes = top_each_year[top_each_year != top_each_year.shift()].iloc[1:]  # years the top supplier changed\n"
    )


def compare_series(
    folder: str, pairs: Sequence[tuple[str, str]], from_year: int, to_year: int, measure: str, leave_out_estimates: bool
) -> str:
    """Each pair's TIV per year, or its share (%) of the recipient's imports."""
    return (
        _head(folder, f"d[\"delivery_year\"].between({from_year}, {to_year})", leave_out_estimates)
        + f"years = range({from_year}, {to_year + 1})\n"
        + "out = {}\n"
        + f"for supplier, recipient in {list(pairs)!r}:\n"
        + "    imports = rows[rows[\"recipient_id\"] == recipient]\n"
        + "    pair = imports[imports[\"supplier_id\"] == supplier].groupby(\"delivery_year\")[\"tiv_delivered_m\"].sum().reindex(years, fill_value=0)\n"
        + ("    out[f\"{supplier} -> {recipient}\"] = pair\n" if measure == "tiv" else
           "    total = imports.groupby(\"delivery_year\")[\"tiv_delivered_m\"].sum().reindex(years, fill_value=0)\n"
           "    out[f\"{supplier} -> {recipient}\"] = 100 * pair / total.where(total > 0)  # empty: no imports that year\n")
        + "result = pd.DataFrame(out).round(2)\n"
    )


def flows_sankey(
    folder: str, suppliers: Sequence[str], recipients: Sequence[str], from_year: int, to_year: int,
    leave_out_estimates: bool, max_nodes: int = CONFIG.sankey_max_nodes_per_side,
) -> str:
    """TIV per (supplier, recipient) link, smaller entities of each side gathered as 'others'."""
    filters = [f"d[\"delivery_year\"].between({from_year}, {to_year})"]
    if suppliers:
        filters.append(f"d[\"supplier_id\"].isin({list(suppliers)!r})")
    if recipients:
        filters.append(f"d[\"recipient_id\"].isin({list(recipients)!r})")
    chosen = list(dict.fromkeys([*suppliers, *recipients]))
    return (
        _head(folder, " & ".join(filters), leave_out_estimates)
        + "rows = rows.copy()\n"
        + "for side in (\"supplier_id\", \"recipient_id\"):\n"
        + f"    keep = rows.groupby(side)[\"tiv_delivered_m\"].sum().nlargest({max_nodes}).index.union({chosen!r})\n"
        + "    rows[side] = rows[side].where(rows[side].isin(keep), \"others\")\n"
        + "result = rows.groupby([\"supplier_id\", \"recipient_id\"])[\"tiv_delivered_m\"].sum().round(2)\n"
        + "result = result[result > 0].sort_values(ascending=False)\n"
    )


def flows_map(
    folder: str, entity_id: str, direction: str, from_year: int, to_year: int, leave_out_estimates: bool
) -> str:
    """TIV per partner (on the map or listed beside it: every partner)."""
    partner = "supplier_id" if direction == "imports" else "recipient_id"
    return (
        _head(folder, _entity_filter(entity_id, direction, from_year, to_year), leave_out_estimates)
        + f"result = rows.groupby({partner!r})[\"tiv_delivered_m\"].sum().round(2).sort_values(ascending=False)\n"
        + f"entities = pd.read_parquet({folder + '/entities.parquet'!r})  # display_name, entity_type, iso3\n"
    )


def pair_series(
    folder: str, suppliers: Sequence[str], recipients: Sequence[str], from_year: int, to_year: int,
    categories: Sequence[str], leave_out_estimates: bool,
) -> str:
    """The pair page's yearly series: TIV delivered per year by the suppliers to the recipients
    (empty lists: any), in the chosen armament categories, every year of the span listed."""
    filters = [f"d[\"delivery_year\"].between({from_year}, {to_year})"]
    if suppliers:
        filters.append(f"d[\"supplier_id\"].isin({list(suppliers)!r})")
    if recipients:
        filters.append(f"d[\"recipient_id\"].isin({list(recipients)!r})")
    if categories:
        filters.append(f"d[\"armament_category\"].isin({list(categories)!r})")
    return (
        _head(folder, " & ".join(filters), leave_out_estimates)
        + "result = rows.groupby(\"delivery_year\")[\"tiv_delivered_m\"].sum()"
        + f".reindex(range({from_year}, {to_year + 1}), fill_value=0).round(2)  # TIV (millions), not money\n"
        + "allocated = sorted(rows.loc[rows[\"is_allocated\"], \"delivery_year\"].unique())"
        + "  # years holding this tool's even split\n"
    )
