"""Header aliases: SIPRI renames columns between exports, so columns are matched by any known name."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from etl.errors import InputFileError
from etl.schemas import ESTIMATE_FLAGS

# canonical column -> names SIPRI has used for it (first is the current one)
CLASSIC_COLUMNS: dict[str, tuple[str, ...]] = {
    "recipient": ("Recipient", "Recipient country", "Importer"),
    "supplier": ("Supplier", "Supplier country", "Exporter"),
    "order_year": ("Year of order", "Order date", "Year(s) of order", "Ordered"),
    "units_ordered": ("Number ordered", "No. ordered", "Numbers ordered"),
    "designation": ("Weapon designation", "Designation"),
    "description": ("Weapon description", "Description"),
    "units_delivered": (
        "Number delivered",
        "Deliveries in the Year Range",
        "No. delivered",
        "Numbers delivered",
    ),
    "delivery_years": ("Year(s) of delivery", "Years of delivery", "Year(s) of deliveries"),
    "status": ("status", "Status"),
    "comments": ("Comments", "Comment", "Remarks"),
    "tiv_per_unit": ("SIPRI TIV per unit", "TIV per unit"),
    "tiv_order": ("SIPRI TIV for total order", "TIV for total order"),
    "tiv_delivered": ("SIPRI TIV of delivered weapons", "TIV of delivered weapons"),
}
CLASSIC_OPTIONAL: dict[str, tuple[str, ...]] = {
    "armament_category": ("Armament category", "Weapon category"),
}
# The classic layout marks an uncertain figure with '?' in a blank-headed column after it:
# figure -> the deals table's flag for it.
CLASSIC_FLAGGED = ESTIMATE_FLAGS

DELIVERY_COLUMNS: dict[str, tuple[str, ...]] = {
    "sipri_deal_id": ("SIPRI AT Database ID", "Deal ID", "SIPRI ID"),
    "supplier": ("Supplier",),
    "recipient": ("Recipient",),
    "designation": ("Designation", "Weapon designation"),
    "description": ("Description", "Weapon description"),
    "armament_category": ("Armament category", "Weapon category"),
    "order_year": ("Order date", "Year of order"),
    "order_year_estimated": ("Order date is estimate", "Year of order is estimate"),
    "units_delivered": ("Numbers delivered", "Number delivered"),
    "units_delivered_estimated": ("Numbers delivered is estimate", "Number delivered is estimate"),
    "delivery_year": ("Delivery year", "Year of delivery"),
    "delivery_year_estimated": ("Delivery year is estimate", "Year of delivery is estimate"),
    "status": ("Status",),
    "tiv_unit_new": ("SIPRI estimate", "SIPRI TIV estimate"),
    "tiv_per_unit": ("TIV deal unit", "SIPRI TIV per unit"),
    "tiv_delivered": ("TIV delivery values", "TIV delivery value"),
    "local_production": ("Local production",),
}


def normalise(name: str) -> str:
    """A header name reduced for comparison: case, spaces and punctuation folded."""
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


def match_columns(
    header: Sequence[str],
    required: Mapping[str, tuple[str, ...]],
    optional: Mapping[str, tuple[str, ...]],
    path: str,
    header_line: int,
    layout: str,
) -> dict[str, int]:
    """canonical column -> position in `header`; names the first required column that is absent."""
    positions = {
        normalise(cell): i for i, cell in reversed(list(enumerate(header))) if cell.strip()
    }
    found: dict[str, int] = {}
    missing: list[str] = []
    for canonical, aliases in {**required, **optional}.items():
        index = next((positions[normalise(a)] for a in aliases if normalise(a) in positions), None)
        if index is not None:
            found[canonical] = index
        elif canonical in required:
            missing.append(canonical)
    if missing:
        names = "; ".join(
            f"'{required[m][0]}'"
            + (
                f" (also looked for {', '.join(repr(a) for a in required[m][1:])})"
                if len(required[m]) > 1
                else ""
            )
            for m in missing
        )
        raise InputFileError(
            path,
            f"the {layout} header has no {names} column; was it renamed or removed?",
            line=header_line,
        )
    return found


def score_header(header: Sequence[str], columns: Mapping[str, tuple[str, ...]]) -> int:
    """How many of a layout's columns a header line names (to recognise the layout)."""
    names = {normalise(c) for c in header}
    return sum(1 for aliases in columns.values() if any(normalise(a) in names for a in aliases))
