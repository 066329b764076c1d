"""Every colour the charts use, and the one rule that gives an entity or a category its colour.

The palette is Okabe & Ito's (Okabe, M. and Ito, K. 2008, "Color Universal Design",
https://jfly.uni-koeln.de/color/) followed by Paul Tol's "muted" scheme (Tol, P. 2021,
"Colour Schemes", SRON/EPS/TN/09-002, https://personal.sron.nl/~pault/): both are made to be told
apart with the common colour-vision deficiencies. Okabe-Ito's black is kept for lines (totals,
HHI), grey for "others".

The rule, the same in every chart, view and release:
- the entities that appear in most charts (the biggest suppliers of SIPRI's history) have a fixed
  colour each (`FIXED_ENTITY_COLOURS`), chosen so that those that often share a chart differ most;
- every other entity takes, among the colours still free in that chart, the one farthest (in
  CIE L*a*b*) from those already used, ties broken by a hash of its id (stable across processes
  and releases); so one chart never shows two partners in one colour while the palette lasts;
- SIPRI's eleven armament categories have a fixed colour each, and a fixed order in legends.

SIPRI's estimates are never drawn as a lighter tint (which reads as another series' colour): they
keep their series' colour under a pattern (`ESTIMATE_PATTERN`), as our own even split does.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
TOL_MUTED = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499")
PALETTE = OKABE_ITO + TOL_MUTED
OTHER_COLOUR = "#BBBBBB"
LINE_COLOUR = "#000000"
HIGHLIGHT_COLOUR = "#D55E00"
OTHERS_IDS = frozenset({"others", "other"})

# The biggest suppliers of SIPRI's history, on the palette's most distinct colours (near
# colours, such as sky blue and pale cyan, are never both fixed).
FIXED_ENTITY_COLOURS: Mapping[str, str] = {
    "united-states": "#0072B2",
    "russia": "#D55E00",
    "soviet-union": "#882255",
    "china": "#E69F00",
    "france": "#CC79A7",
    "germany": "#009E73",
    "united-kingdom": "#332288",
    "italy": "#56B4E9",
    "israel": "#999933",
    "spain": "#F0E442",
}

# SIPRI's armament categories, in the order legends show them, each with its colour.
CATEGORY_ORDER = (
    "Aircraft", "Air defence systems", "Armoured vehicles", "Artillery", "Engines", "Missiles",
    "Naval weapons", "Satellites", "Sensors", "Ships", "Other",
)
CATEGORY_COLOURS: Mapping[str, str] = dict(zip(CATEGORY_ORDER, (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#332288", "#F0E442",
    "#882255", "#44AA99", "#999933",
), strict=True))
UNKNOWN_CATEGORY_COLOUR = "#DDDDDD"

# Patterns (plotly's marker.pattern.shape) over the series' own colour.
ESTIMATE_PATTERN = "."
ALLOCATED_PATTERN = "/"
ESTIMATE_ALLOCATED_PATTERN = "x"
PATTERN_COLOUR = "#FFFFFF"


def _hashed(key: str) -> int:
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:4], "big")


def entity_colours(ids: Iterable[str], given: Mapping[str, str] | None = None) -> dict[str, str]:
    """A colour for each id of one chart (or one view), by the module's rule; `given` colours kept.

    The fixed entities first, then the others in the order given, each on its hashed colour or
    the next free one; 'others' grey. Past the palette's end colours repeat (legend and hover
    still name each one).
    """
    colours = dict(given or {})
    wanted = [i for i in dict.fromkeys(ids) if i not in colours]
    for entity_id in wanted:
        if entity_id in OTHERS_IDS:
            colours[entity_id] = OTHER_COLOUR
        elif entity_id in FIXED_ENTITY_COLOURS and FIXED_ENTITY_COLOURS[entity_id] not in colours.values():
            colours[entity_id] = FIXED_ENTITY_COLOURS[entity_id]
    for entity_id in wanted:
        if entity_id in colours:
            continue
        used = [c for c in colours.values() if c != OTHER_COLOUR]
        start = _hashed(entity_id) % len(PALETTE)
        ring = PALETTE[start:] + PALETTE[:start]
        free = [c for c in ring if c not in used]
        if not free:
            colours[entity_id] = ring[0]
            continue
        # The free colour farthest from those already in the chart (ties: the hashed order), so
        # that near colours (sky blue and pale cyan) meet only when the distinct ones are used up.
        colours[entity_id] = max(free, key=lambda c: min((_distance(c, u) for u in used), default=0.0))
    return colours


def _lab(hex_colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB colour: distances in it follow what the eye tells apart."""
    rgb = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92 for c in rgb)
    xyz = (
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    )
    fx, fy, fz = (t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def _distance(a: str, b: str) -> float:
    return sum((x - y) ** 2 for x, y in zip(_lab(a), _lab(b), strict=True)) ** 0.5


def category_colour(category: str) -> str:
    """SIPRI's category's fixed colour; light grey where the row gives none."""
    return CATEGORY_COLOURS.get(category, UNKNOWN_CATEGORY_COLOUR)


def category_sort_key(category: str) -> tuple[int, str]:
    """Legend order: SIPRI's categories in `CATEGORY_ORDER`, anything else after, by name."""
    try:
        return (CATEGORY_ORDER.index(category), "")
    except ValueError:
        return (len(CATEGORY_ORDER), category)


def series_colours(groups: Iterable[str], by: str) -> dict[str, str]:
    """Colours of a stacked chart's groups: categories fixed, designations by the hashed rule."""
    groups = list(groups)
    if by == "category":
        return {g: category_colour(g) for g in groups}
    keyed = entity_colours([f"designation:{g}" for g in groups])
    return {g: keyed[f"designation:{g}"] for g in groups}


def pattern(estimated: bool, allocated: bool) -> str:
    """The bar part's pattern: none for SIPRI's own figure, dots for its estimate, hatching for our split."""
    if estimated and allocated:
        return ESTIMATE_ALLOCATED_PATTERN
    if allocated:
        return ALLOCATED_PATTERN
    return ESTIMATE_PATTERN if estimated else ""


# Context layers (armed conflicts, arms embargoes, dates the researcher marks) sit behind the
# data and are told apart by their form first: a pale full-height band (conflict), a dark ribbon
# along the top edge (embargo), a dashed vertical line (a marked date). Their hues are none of
# the palette's or the categories' (Tol's vibrant red, a purple, and greys), so a band never reads as a
# series; the two conflict intensities differ in lightness, which every colour vision keeps.
CONFLICT_COLOURS: Mapping[str, str] = {"interstate": "#CC3311", "internal": "#666666"}
# A pair's conflicts are told apart by whose they are: the recipient's in red (above), the
# supplier's alone in purple (ColorBrewer's Paired dark purple, none of the palette's hues), so a
# supplier's war and the recipient's never look like one band.
SUPPLIER_CONFLICT_COLOURS: Mapping[str, str] = {"interstate": "#6A3D9A", "internal": "#666666"}
CONFLICT_OPACITY: Mapping[int, float] = {1: 0.10, 2: 0.24}  # UCDP's intensity: 25-999, 1,000+ deaths
EMBARGO_COLOUR = "#3B3B3B"
EMBARGO_OPACITY = 0.78
EMBARGO_TEXT_COLOUR = "#FFFFFF"
MARK_COLOUR = "#000000"
