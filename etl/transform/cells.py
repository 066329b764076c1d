"""Cell parsing shared by every layout's transform: numbers, '?' and Yes/No flags, statuses,
delivery-year cells, each with the reason a bad cell is reported; and the collector of reports."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from etl.schemas import REPORT_COLUMNS, STATUSES, dtypes

_STATUS_LOOKUP = {s.lower(): s for s in STATUSES}


class Rejects:
    """Collects records that are reported instead of stored, with the reason."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, int, str]] = []

    def add(self, name: str, lines: pd.Series, reasons: pd.Series | str) -> None:
        if isinstance(reasons, str):
            self.rows.extend((name, int(line), reasons) for line in lines)
        else:
            self.rows.extend((name, int(ln), str(r)) for ln, r in zip(lines, reasons, strict=True))

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=REPORT_COLUMNS).astype(dtypes("reports"))


def clean(series: pd.Series) -> pd.Series:
    return series.astype("str").str.strip()


def numbers(series: pd.Series, label: str, integer: bool) -> tuple[pd.Series, pd.Series]:
    """(parsed numbers, reason per unparseable cell or '') for a column of strings."""
    text = clean(series)
    reasons = pd.Series("", index=series.index, dtype="str")
    fast = _cast_numbers(text)
    if fast is not None:
        parsed = fast
        bad = pd.Series(False, index=series.index)
    else:
        parsed = pd.to_numeric(text.where(text != ""), errors="coerce")
        bad = (text != "") & parsed.isna()
    if integer:
        fractional = parsed.notna() & (parsed != np.floor(parsed.fillna(0)))
        bad |= fractional
        parsed = parsed.where(~fractional).astype("Int64")
    else:
        parsed = parsed.astype("Float64")
    if bad.any():
        reasons[bad] = (
            label + " is '" + text[bad] + "', not a " + ("whole number" if integer else "number")
        )
    return parsed, reasons


def _cast_numbers(text: pd.Series) -> pd.Series | None:
    """Numbers via Arrow's cast (fast); None when any cell is not a plain number."""
    values = pa.array(text.fillna(""))
    if not pa.types.is_string(values.type) and not pa.types.is_large_string(values.type):
        values = values.cast(pa.string())
    values = pc.if_else(pc.equal(values, ""), pa.scalar(None, pa.string()), values)
    try:
        cast = pc.cast(values, pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    return pd.Series(cast.to_numpy(zero_copy_only=False), index=text.index, dtype="float64")


def flags(
    series: pd.Series, label: str, true: str, false: str = ""
) -> tuple[pd.Series, pd.Series]:
    text = clean(series)
    value = text == true
    bad = ~value & (text != false)
    if bad.any():  # SIPRI writes 'Yes'/'No' and '?'; accept any case before calling it bad
        lower = text.str.lower()
        value = lower == true.lower()
        bad = ~value & (lower != false.lower())
    reasons = pd.Series("", index=series.index, dtype="str")
    if bad.any():
        reasons[bad] = label + " is '" + text[bad] + f"', expected '{true}' or '{false}'"
    return value, reasons


def only(frame: pd.DataFrame, keep: pd.Series) -> pd.DataFrame:
    """The rows to keep; the frame itself when that is all of them (filtering copies every column)."""
    return frame if bool(keep.all()) else frame[keep]


def first_reason(*reasons: pd.Series) -> pd.Series:
    out = reasons[0]
    for r in reasons[1:]:
        if (r != "").any():  # most columns have no bad cell: skip the row-wise merge
            out = out.where(out != "", r)
    return out


def statuses(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    text = clean(series)
    codes, seen = pd.factorize(text.str.lower())  # map the few distinct spellings, not every row
    mapped = pd.Series(
        pd.Series(seen, dtype="object").map(_STATUS_LOOKUP).to_numpy()[codes]
        if len(seen) else np.array([np.nan] * len(text), dtype="object"),
        index=text.index,
        dtype="object",
    )
    reasons = pd.Series("", index=series.index, dtype="str")
    bad = mapped.isna()
    reasons[bad] = "status is '" + text[bad] + "', not one SIPRI uses (" + ", ".join(STATUSES) + ")"
    return mapped.fillna("").astype("str"), reasons


_YEARS_CELL = r"[0-9]{4}(?:\s*[;,]\s*[0-9]{4})*"  # ASCII digits: what the schema and int() take
# SIPRI's own form ('2022; 2023', or empty); ASCII-only, so Arrow's regex engine takes it.
_YEARS_CANONICAL = r"(?:[0-9]{4}(?:; [0-9]{4})*)?"


def _unsorted_years(cells: pd.Series) -> pd.Series:
    """Cells ('2022; 2023' form) whose years are not in strictly increasing order."""
    lists = pc.split_pattern(pa.array(cells, type=pa.string()), "; ")
    flat = pc.list_flatten(lists)
    parents = pc.list_parent_indices(lists).to_numpy()
    # four-digit years compare correctly as text; compare each year with the one before it
    flat_np = np.asarray(flat.to_pylist(), dtype="object") if len(flat) else np.array([], "object")
    later = parents[1:] == parents[:-1]
    if not later.any():
        return pd.Series(False, index=cells.index, dtype="bool")
    out = np.zeros(len(cells), dtype=bool)
    out[parents[1:][later & (flat_np[1:] <= flat_np[:-1])]] = True
    return pd.Series(out, index=cells.index, dtype="bool")


def delivery_year_cells(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Delivery years cell '2022; 2023; 2024' -> (normalised '2022; 2023; 2024', reason or '')."""
    cleaned = clean(text)
    canonical = cleaned.str.fullmatch(_YEARS_CANONICAL).astype("bool")
    good = canonical.copy()
    if not canonical.all():  # other separators or spaces, or not years at all
        good[~canonical] = cleaned[~canonical].str.fullmatch(_YEARS_CELL).astype("bool")
    reasons = pd.Series("", index=text.index, dtype="str")
    reasons[~good] = "Year(s) of delivery is '" + cleaned[~good] + "', not years like '2022; 2023'"
    normal = cleaned.copy()
    odd = good & ~canonical
    if odd.any():  # separators other than SIPRI's '; '
        normal[odd] = cleaned[odd].str.replace(r"\s*[;,]\s*", "; ", regex=True)
    unsorted = _unsorted_years(normal.where(good, "")) & good
    if unsorted.any():
        # SIPRI lists years in order; sort the rare cell that is not, and drop repeats
        normal[unsorted] = normal[unsorted].map(lambda v: "; ".join(sorted(set(v.split("; ")))))
    return normal.where(good, ""), reasons


def missing(n: int, dtype: str) -> pd.api.extensions.ExtensionArray:
    """n missing values of `dtype` (building them from a list of pd.NA is ~30x slower)."""
    return pd.Series(pd.NA, index=pd.RangeIndex(n), dtype=dtype).array


def concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    parts = [p for p in parts if len(p)]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def isin(series: pd.Series, values: object) -> pd.Series:
    """Membership through Arrow's hash lookup (pandas' isin on Arrow-backed text is ~80x slower)."""
    wanted = pd.Index(values).astype("str")  # type: ignore[call-overload]
    found = pc.is_in(pa.array(series.astype("str").array), value_set=pa.array(wanted.array))
    return pd.Series(found.to_numpy(zero_copy_only=False), index=series.index, dtype="bool")
