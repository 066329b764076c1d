"""Context layers on a year chart: armed conflicts as shaded bands, arms embargoes as a ribbon
along the top, dates the researcher marks (the claim's date, a visit, a contract signing) as
dashed lines. Each has a legend entry and a hover that names it; none is ever a data series.

One function gives the layers, one draws them on any figure whose x axis is years:

    layers = event_layers(("china",), ("pakistan",), (1990, 2023), store_root, kinds, marks)
    figure = apply_event_layers(figure, layers)

The pair page, the profile and the brief call these two and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import plotly.graph_objects as go

from dashboard import colours
from etl.context import events as ctx
from etl.context.embargoes import parse_date

KINDS = ctx.KINDS
DEFAULT_KINDS = (ctx.INTERSTATE, ctx.EMBARGOES)
KIND_LABELS = {
    ctx.INTERSTATE: "interstate conflicts (UCDP/PRIO)",
    ctx.INTERNAL: "internal conflicts (UCDP/PRIO)",
    ctx.EMBARGOES: "arms embargoes (UN, EU, OSCE)",
}
HOVER_AXIS = "y9"  # an overlaid 0-1 axis for the hover handles: works over a category axis too
# In pixels down from the plot's top edge, whatever the chart's height: the embargo ribbon, and
# the hover handles of conflict bands just under it.
EMBARGO_RIBBON_PX = 12
CONFLICT_HANDLE_PX = 22
MAX_MARKS = 5
# A horizontal legend at 12 px: a row is 29 px high; an entry is its symbol and gap (46 px) and
# its text; the narrowest wide-screen plot (1366 px window) gives it 1,050 px.
LEGEND_ROW_PX = 29
LEGEND_SYMBOL_PX = 46
LEGEND_PX_PER_CHAR = 6.3
LEGEND_WIDTH_PX = 1050
CREDIT_LINE_PX = 15
MAX_MARK_LABEL = 40
_MARK = re.compile(r"\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s*(.*)")


@dataclass(frozen=True)
class Mark:
    """A date the researcher marks: its day (or month, or year) and what it is."""

    text: str  # the date as written: '2025-05-20', '2021-06' or '2019'
    label: str

    @property
    def day(self) -> date:
        return parse_date(self.text)

    @property
    def x(self) -> float:
        """The date on a year axis: 2025-05-20 -> 2025.38."""
        day = self.day
        length = (date(day.year + 1, 1, 1) - date(day.year, 1, 1)).days
        return round(day.year + (day.timetuple().tm_yday - 1) / length, 3)

    def legend(self) -> str:
        day = self.day
        shown = (f"{day:%-d %b %Y}" if len(self.text) == 10 else f"{day:%b %Y}" if len(self.text) == 7
                 else self.text)
        return f"{self.label or 'marked date'}, {shown}"


def parse_marks(text: str | None) -> tuple[tuple[Mark, ...], list[str]]:
    """'2025-05-20 claim's date; 2021-06 contract signing' -> marks, and a notice per part that
    is not a date (such a part is left out)."""
    marks: list[Mark] = []
    notices: list[str] = []
    for part in (text or "").split(";"):
        if not part.strip():
            continue
        found = _MARK.fullmatch(part)
        label = re.sub(r"[\x00-\x1f\x7f]+", " ", found.group(2)).strip()[:MAX_MARK_LABEL] if found else ""
        try:
            mark = Mark(found.group(1), label) if found else None
            if mark is not None:
                mark.day  # noqa: B018 - parses the date, raising on 2025-13-40
        except ValueError:
            mark = None
        if mark is None:
            notices.append(f"'{part.strip()[:40]}' is not a date to mark (write 2025-05-20 and what it is, "
                           "e.g. '2025-05-20 visit'); it is left out.")
            continue
        marks.append(mark)
    if len(marks) > MAX_MARKS:
        notices.append(f"Only the first {MAX_MARKS} marked dates are drawn.")
    return tuple(marks[:MAX_MARKS]), notices


def marks_text(marks: Iterable[Mark]) -> str:
    """The marks as the URL and the input box hold them."""
    return "; ".join(f"{m.text} {m.label}".strip() for m in marks)


def parse_kinds(values: Iterable[str] | None) -> tuple[str, ...]:
    """The kinds of context a checklist or a link asks for, in their fixed order."""
    chosen = set(values or ())
    return tuple(k for k in KINDS if k in chosen)


@dataclass(frozen=True)
class EventLayers:
    events: tuple[ctx.ContextEvent, ...]
    marks: tuple[Mark, ...]
    kinds: tuple[str, ...]
    conflicts_credit: str
    # The pair's recipient side: a conflict that touches none of them is the supplier's own.
    recipient_ids: tuple[str, ...] = ()

    @property
    def credit(self) -> str:
        """The context's own credit line, under the chart's SIPRI credit ('' when none is drawn)."""
        parts = []
        if any(e.kind != ctx.EMBARGOES for e in self.events):
            parts.append(self.conflicts_credit)
        if any(e.kind == ctx.EMBARGOES for e in self.events):
            parts.append("embargoes: a reviewed list (sources in the hover)")
        text = "; ".join(parts)
        return f"Context, not SIPRI's data. {text[:1].upper()}{text[1:]}." if parts else ""


def event_layers(
    suppliers: Sequence[str], recipients: Sequence[str], years: tuple[int, int],
    store_root: str | Path | None = None, kinds: Sequence[str] = DEFAULT_KINDS, marks: Sequence[Mark] = (),
) -> EventLayers:
    """The context of a pair (or of one entity: give it as either side) in the years."""
    kinds = parse_kinds(kinds)
    ids = tuple(dict.fromkeys([*suppliers, *recipients]))
    found = ctx.context_events(ids, years[0], years[1], store_root, kinds) if ids and kinds else None
    credit = found.conflicts_credit if found else ""
    return EventLayers(tuple(found.events) if found else (), tuple(marks), kinds, credit, tuple(recipients))


def context_lines(layers: EventLayers) -> list[str]:
    """The layers as sentences, for a text beside the chart (the brief, an export):
    'interstate conflict India-Pakistan, 25-999 deaths: 2013-2020 (UCDP/PRIO conflict 218)'."""
    lines = []
    for event in layers.events:
        years = ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in event.spans())
        where = event.source if event.kind != ctx.EMBARGOES else f"{event.detail}; source {event.source}"
        lines.append(f"{event.label}: {years} ({where})")
    lines += [f"marked: {m.legend()}" for m in layers.marks]
    return lines


def _rgba(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def _band_style(event: ctx.ContextEvent, recipient_ids: tuple[str, ...] = ()) -> tuple[str, float]:
    if event.kind == ctx.EMBARGOES:
        return colours.EMBARGO_COLOUR, colours.EMBARGO_OPACITY
    suppliers_own = bool(recipient_ids) and not set(event.entity_ids) & set(recipient_ids)
    hues = colours.SUPPLIER_CONFLICT_COLOURS if suppliers_own else colours.CONFLICT_COLOURS
    return hues[event.kind], colours.CONFLICT_OPACITY.get(event.intensity_level or 1, 0.1)


def _plain(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def apply_event_layers(figure: go.Figure, layers: EventLayers, rank_start: int = 2000) -> go.Figure:
    """`figure` with the layers drawn on it (in place; the figure is returned): a band (or ribbon) per run of years, a legend entry per
    event, hover handles that name it year by year, a dashed line per marked date, and the
    context's credit under the chart. An empty figure (no axes shown) is left as it is."""
    if figure.layout.xaxis.visible is False or (not layers.events and not layers.marks):
        return figure
    shapes: list[dict[str, Any]] = []
    traces: list[dict[str, Any]] = []
    # Bands never widen the x axis: a chart without a set range (the timeline) keeps the span of
    # its data, which its labels were fitted to; only a marked date may widen it.
    lo, hi = _x_span(figure)
    layers = EventLayers(tuple(e for e in (_clipped(e, lo, hi) for e in layers.events) if e is not None),
                         layers.marks, layers.kinds, layers.conflicts_credit, layers.recipient_ids)
    margin = figure.layout.margin
    plot_px = max(100, (figure.layout.height or 450) - (margin.t or 80) - (margin.b or 80))
    for rank, event in enumerate(layers.events):
        colour, alpha = _band_style(event, layers.recipient_ids)
        embargo = event.kind == ctx.EMBARGOES
        # A conflict: the plot's whole height; an embargo: a ribbon of fixed height along its top.
        y_place = ({"ysizemode": "pixel", "yanchor": 1, "y0": -EMBARGO_RIBBON_PX, "y1": 0} if embargo
                   else {"y0": 0, "y1": 1})
        for index, (first, last) in enumerate(event.spans()):
            # Only the first run of years carries the legend entry, in the legend's words
            # ('interstate conflict India-Pakistan, 1,000+ deaths'); the group hides them all.
            shapes.append({
                "type": "rect", "xref": "x", "yref": "paper", "x0": first - 0.5, "x1": last + 0.5, **y_place,
                "fillcolor": _rgba(colour, alpha), "line": {"width": 0}, "layer": "above" if embargo else "below",
                "name": _plain(event.label) if index == 0 else f"{event.key}:{first}-{last}",
                "legendgroup": event.key, "showlegend": index == 0, "legendrank": rank_start + rank,
            })
        handle_y = 1 - (EMBARGO_RIBBON_PX / 2 if embargo else CONFLICT_HANDLE_PX) / plot_px
        detail = f"<br>{_plain(event.detail)}" if event.detail else ""
        traces.append({
            "type": "scatter", "x": list(event.years), "y": [handle_y] * len(event.years), "yaxis": HOVER_AXIS,
            "mode": "markers", "name": _plain(event.label), "legendgroup": event.key, "showlegend": False,
            "marker": {"symbol": "square" if embargo else "triangle-down", "size": 7,
                       "color": _rgba(colour, 0.0 if embargo else min(1.0, alpha * 3.5))},
            "hovertext": [f"<b>{_plain(event.label)}</b><br>{y}{detail}<br>Source: {_plain(event.source)}"
                          for y in event.years],
            "hoverinfo": "text", "meta": {"kind": "context", "event": event.key, "context_kind": event.kind},
        })
    for index, mark in enumerate(layers.marks):
        shapes.append({
            "type": "line", "xref": "x", "yref": "paper", "x0": mark.x, "x1": mark.x, "y0": 0, "y1": 1,
            "line": {"color": colours.MARK_COLOUR, "width": 2, "dash": "dash"}, "layer": "above",
            "name": _plain(f"marked: {mark.legend()}"), "showlegend": True, "legendgroup": f"mark-{index}",
            # Its words at the end away from the year axis (the timeline's years are on top).
            "label": {"text": _plain(mark.label or mark.text), "textangle": 0,
                      **({"textposition": "start", "yanchor": "top"} if figure.layout.xaxis.side == "top"
                         else {"textposition": "end", "yanchor": "bottom"}),
                      "font": {"size": 10, "color": colours.MARK_COLOUR}},
            "legendrank": rank_start + len(layers.events) + index,
        })
        traces.append({
            "type": "scatter", "x": [mark.x], "y": [0.5], "yaxis": HOVER_AXIS, "mode": "markers",
            "marker": {"size": 12, "color": "rgba(0,0,0,0)"}, "showlegend": False, "legendgroup": f"mark-{index}",
            "name": _plain(mark.label or "marked date"), "hovertext": [f"<b>Marked</b>: {_plain(mark.legend())}"],
            "hoverinfo": "text", "meta": {"kind": "mark", "date": mark.text},
        })
    # Drawn on the figure itself: copying it (go.Figure(figure)) validated every bar trace again
    # and was a third of the pair page's callback.
    out = figure
    out.add_traces(traces)
    layout: dict[str, Any] = {
        "shapes": [*out.layout.shapes, *shapes],
        f"yaxis{HOVER_AXIS[1:]}": {"overlaying": "y", "range": [0, 1], "visible": False, "fixedrange": True},
    }
    x_range = out.layout.xaxis.range
    if x_range is not None and layers.marks:
        lo = min([x_range[0], *(m.x - 0.6 for m in layers.marks)])
        hi = max([x_range[1], *(m.x + 0.6 for m in layers.marks)])
        layout["xaxis"] = {"range": [lo, hi]}
    out.update_layout(layout)
    labels = [e.label for e in layers.events] + [f"marked: {m.legend()}" for m in layers.marks]
    # A legend under the plot grows downwards by rows; one beside it (the profile's) needs no room.
    rows = legend_rows(labels) if out.layout.legend.orientation == "h" else 0
    _make_room(out, rows * LEGEND_ROW_PX, layers.credit)
    return out


def _x_span(figure: go.Figure) -> tuple[float, float]:
    """The x axis's set range, else the span of the figure's numeric x values."""
    if figure.layout.xaxis.range is not None:
        lo, hi = figure.layout.xaxis.range
        return float(lo), float(hi)
    values = [float(x) for trace in figure.data for x in (getattr(trace, "x", None) or ())
              if isinstance(x, int | float) and not isinstance(x, bool)]
    return (min(values) - 0.5, max(values) + 0.5) if values else (float("-inf"), float("inf"))


def _clipped(event: ctx.ContextEvent, lo: float, hi: float) -> ctx.ContextEvent | None:
    """The event with only the years inside lo..hi (None when none is)."""
    years = tuple(y for y in event.years if lo <= y <= hi)
    if years == event.years:
        return event
    return replace(event, years=years) if years else None


def legend_rows(labels: Sequence[str], width_px: int = LEGEND_WIDTH_PX) -> int:
    """How many more rows of a horizontal legend these entries take (packed side by side)."""
    rows, used = 0, float(width_px)
    for label in labels:
        item = LEGEND_SYMBOL_PX + LEGEND_PX_PER_CHAR * len(label)
        if used + item > width_px:
            rows, used = rows + 1, 0.0
        used += item
    return rows


def _make_room(figure: go.Figure, extra_px: int, credit: str) -> None:
    """Grow the figure by `extra_px` at the bottom for the context's legend rows and credit: the
    plot keeps its height, the credit lines move down under the longer legend."""
    # plain dicts: the figure's own Annotation objects cannot be assigned back to it
    annotations = [a.to_plotly_json() for a in figure.layout.annotations]
    for annotation in annotations:
        if annotation.get("name") == "credit":
            annotation["yshift"] = (annotation.get("yshift") or 0) - extra_px
    sipri = next((a for a in annotations if a.get("name") == "credit"), None)
    if credit:
        shift = (sipri.get("yshift") or 0) - CREDIT_LINE_PX if sipri is not None else -40
        # Before SIPRI's credit in the list, which stays the figure's last annotation.
        at = annotations.index(sipri) if sipri is not None else len(annotations)
        annotations.insert(at, {"text": _plain(credit), "xref": "paper", "yref": "paper", "x": 0, "y": 0,
                                "yshift": shift, "xanchor": "left", "yanchor": "bottom", "showarrow": False,
                                "font": {"size": 10, "color": "#555"}, "name": "context-credit"})
    extra_px += CREDIT_LINE_PX if credit else 0
    margin = figure.layout.margin
    figure.layout.annotations = annotations  # replaced whole: update_layout merges list items by position
    figure.update_layout(margin={"b": (margin.b or 80) + extra_px}, height=(figure.layout.height or 450) + extra_px)


def context_controls(prefix: str, kinds: Sequence[str], marks: str) -> list[Any]:
    """The checklist that switches the context layers and the box for dates to mark (ids
    `{prefix}context` and `{prefix}context-marks`)."""
    from dash import dcc, html

    return [
        html.Div([html.Label("Context on the charts"),
                  dcc.Checklist(id=f"{prefix}context", value=list(kinds),
                                options=[{"label": f" {KIND_LABELS[k]}", "value": k} for k in KINDS])],
                 className="control control-context"),
        html.Div([html.Label("Mark dates", htmlFor=f"{prefix}context-marks"),
                  dcc.Input(id=f"{prefix}context-marks", type="text", value=marks, debounce=True,
                            maxLength=300, placeholder="2025-05-20 claim's date; 2021-06 contract signing")],
                 className="control control-marks"),
    ]
