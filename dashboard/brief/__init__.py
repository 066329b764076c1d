"""A brief a researcher can hand on: one pair, its deals, what changed, a claim's verdicts, as HTML,
PDF or Markdown.

Built from the pair page's own pieces (`pair_view.render` and `dashboard.pair.figures`), so the brief
shows the charts the page shows, figure for figure, and whatever those builders come to draw
(context bands) the brief draws too. The charts are drawn on the server by kaleido in Debian's
Chromium (`dashboard.brief.charts`): SVG in the HTML brief; the PDF is WeasyPrint's rendering of the
same template with the same charts as print-resolution images (`dashboard.brief.pdf`, which says
why). Callable without a running Dash app: `build_brief(settings, BriefRequest(...))` from the
command line or a test.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard import queries
from dashboard.brief.charts import (  # noqa: F401 (BriefError, the renderer's switches: importable from here too)
    BriefError,
    Chart,
    chart_svgs,
    chromium_path,
    keep_chromium_running,
    stop_chromium,
)
from dashboard.components import PUBLIC_URL_ENV, public_link, view_bibtex
from dashboard.context import events
from dashboard.pair import figures
from dashboard.pair.view import names_text, pair_query, query_text, render
from dashboard.viewstate import PairView
from etl.config import (
    SIPRI_CREDIT,
    SIPRI_DB_URL,
    SIPRI_METHODS_URL,
    TIV_EXPLANATION,
    TIV_UNIT_LABEL,
    Settings,
)
from etl.exports import deal_register_text, safe_filename
from etl.provenance import citation_bibtex, citation_ris, citation_text, credit_line
from etl.store import ReleaseInfo, release_sort_key
from etl.verify.article import ArticleCheck

FORMATS = ("html", "pdf", "md")
TEMPLATES = Path(__file__).parent / "templates"
# Print layout: A4 landscape (the register's 13 columns need the width). A chart is drawn this many
# CSS pixels wide and scaled to the page's width, so its 13 px text prints at about 9 pt.
CHART_WIDTH_PX = 1100
# The timeline is cut into charts of at most this many deals, each fitting one landscape page.
TIMELINE_DEALS_PER_CHART = 20

@dataclass(frozen=True)
class ContextItem:
    """One event the brief names beside the figures (a conflict, an embargo, a dated event)."""

    kind: str
    label: str
    years: str
    source: str = ""


@dataclass(frozen=True)
class BriefRequest:
    """What the brief is of: names as typed (aliases understood), the years, a claim to check."""

    suppliers: tuple[str, ...]
    recipients: tuple[str, ...]
    release: str | None = None
    from_year: int | None = None
    to_year: int | None = None
    claim: str | None = None
    article_date: date | None = None


@dataclass(frozen=True)
class Brief:
    """Everything the templates show, prepared once (plain values; the templates escape them)."""

    title: str
    info: ReleaseInfo
    view: PairView
    query: str
    link: str | None
    headline: list[tuple[str, str, str]]
    tiv_by_year: list[tuple[int, str]]
    charts: list[Chart]
    register_columns: list[tuple[str, str, int]]
    register: list[dict[str, str]]
    changes: dict[str, Any]
    check: ArticleCheck | None
    context: list[ContextItem]
    files: list[dict[str, str]]
    citation: dict[str, str]
    credit: str
    notices: list[str] = field(default_factory=list)
    generated_on: str = ""
    timeline_note: str = ""

    file_stem: str = "brief"


# ---- the view ----------------------------------------------------------------------------------


def view_for_request(settings: Settings, request: BriefRequest) -> tuple[queries.ReleaseData, PairView]:
    """The pair view a request asks for; our errors (unknown name, release, years) as one sentence."""
    if not request.suppliers or not request.recipients:
        raise BriefError("A brief is of a pair: give --supplier and --recipient.")
    data = queries.release_data(settings, request.release)
    suppliers = tuple(data.resolver.resolve_many(list(request.suppliers), field="supplier"))
    recipients = tuple(data.resolver.resolve_many(list(request.recipients), field="recipient"))
    lo, hi = data.first_year, data.last_year
    for option, year in (("--from-year", request.from_year), ("--to-year", request.to_year)):
        if year is not None and not lo <= year <= hi:
            raise BriefError(f"{option} {year} is outside release {data.info.label}'s years ({lo}-{hi}).")
    if request.from_year is not None and request.to_year is not None and request.from_year > request.to_year:
        raise BriefError(f"--from-year {request.from_year} is after --to-year {request.to_year}.")
    from_year = request.from_year if request.from_year is not None else pair_first_year(data, suppliers, recipients)
    to_year = request.to_year if request.to_year is not None else hi
    view = PairView(release=data.info.label, suppliers=suppliers, recipients=recipients,
                    from_year=min(from_year, to_year), to_year=to_year)
    return data, view


def pair_first_year(data: queries.ReleaseData, suppliers: tuple[str, ...], recipients: tuple[str, ...]) -> int:
    """The pair's first year on record (order or delivery), so the brief's years are the pair's own."""
    deals = queries.pair_deals(data, queries.PairQuery(suppliers=suppliers, recipients=recipients))
    years = pd.concat([deals["order_year"], deals["first_delivery_year"]]).astype("float64").dropna()
    return int(years.min()) if len(years) else data.first_year


def view_link(view: PairView, href: str | None = None) -> str | None:
    """The view's address as the pair page's citation gives it (`public_link`); None from the
    command line where ARMS_EXPLORER_PUBLIC_URL is not set (there is no address to give)."""
    if href is None and not os.environ.get(PUBLIC_URL_ENV, "").strip():
        return None
    return public_link(href or "/", view.query_string())


def view_citation(info: ReleaseInfo, view: PairView, link: str | None) -> dict[str, str]:
    """The pair view's citation as the pair page makes it (text, BibTeX with the view's key, RIS)."""
    return {
        "text": citation_text(info, link),
        "bibtex": view_bibtex(citation_bibtex(info, link), "pair", *view.suppliers[:2], *view.recipients[:2],
                              f"{view.from_year}", f"{view.to_year}"),
        "ris": citation_ris(info, link),
    }


# ---- context: the same layers the pair page draws (dashboard.context.events) ----------------------------

CONTEXT_KIND_WORDS = {"interstate": "armed conflict", "internal": "armed conflict", "embargoes": "arms embargo"}


def with_claim_date(view: PairView, check: ArticleCheck | None) -> PairView:
    """The view with the article's date marked, as the Check page's link to a pair marks it."""
    if check is None or check.article_date is None:
        return view
    marks, _ = events.parse_marks(view.marks)
    day = check.article_date.isoformat()
    if any(m.text == day for m in marks):
        return view
    return replace(view, marks=events.marks_text((*marks, events.Mark(day, "the article's date"))))


def context_layers(data: queries.ReleaseData, view: PairView, check: ArticleCheck | None = None,
                   store_root: str | None = None) -> list[ContextItem]:
    """The events the brief's Context section names for this view: the conflicts and embargoes
    the pair page draws as bands (its `context` choice), and the marked dates (the claim's date
    among them)."""
    view = with_claim_date(view, check)
    marks, _ = events.parse_marks(view.marks)
    layers = events.event_layers(view.suppliers, view.recipients, (view.from_year, view.to_year), store_root,
                                 view.context, marks)
    items = []
    for event in layers.events:
        years = ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in event.spans())
        source = f"{event.detail}; {event.source}" if event.detail else event.source
        items.append(ContextItem(CONTEXT_KIND_WORDS.get(event.kind, event.kind), event.label, years, source))
    items += [ContextItem("marked date", m.label or "marked date", m.legend().rsplit(", ", 1)[-1]) for m in layers.marks]
    return items


# ---- building ----------------------------------------------------------------------------------


# (column, header, share of the table's width in %); the three TIV columns sit under one
# "TIV (millions)" header, and the pair's own names are left out where the brief is of one pair.
REGISTER_COLUMNS = [
    ("supplier", "Supplier", 7), ("recipient", "Recipient", 7), ("designation", "Designation", 11),
    ("description", "Description", 10), ("order_year", "Order year", 6), ("units_ordered", "Ordered", 6),
    ("units_delivered", "Delivered", 7), ("delivery_years", "Delivery years", 9), ("status", "Status", 7),
    ("tiv_per_unit_m", "per unit", 6), ("tiv_order_m", "of order", 6), ("tiv_delivered_m", "delivered", 7),
    ("comments", "Comments", 11),
]


def register_columns(view: PairView) -> list[tuple[str, str, int]]:
    """The register's columns for a view: supplier and recipient only where several are chosen;
    the room they leave goes to the comments."""
    drop = {c for c, ids in (("supplier", view.suppliers), ("recipient", view.recipients)) if len(ids) == 1}
    freed = sum(w for c, _, w in REGISTER_COLUMNS if c in drop)
    return [(c, h, w + freed if c == "comments" else w) for c, h, w in REGISTER_COLUMNS if c not in drop]


# What a chart's subtitle points to in the browser, and where a printed brief has it instead.
PRINT_WORDING = (("yearly totals in the hover", "yearly totals in the table under the chart"),
                 ("numbers delivered in the hover", "numbers delivered in the deal register"))


def for_print(figure: Any) -> Any:
    """The figure (made for this brief, changed in place: a copy costs plotly's validation) with its
    subtitle pointing to the brief's tables instead of the browser's hover."""
    subtitle = figure.layout.title.subtitle.text if figure.layout.title and figure.layout.title.subtitle else None
    if not subtitle:
        return figure
    text = str(subtitle)
    for hover, printed in PRINT_WORDING:
        text = text.replace(hover, printed)
    if text != subtitle:
        figure.layout.title.subtitle.text = text
    return figure


def build_brief(
    settings: Settings,
    request: BriefRequest | None = None,
    *,
    data: queries.ReleaseData | None = None,
    view: PairView | None = None,
    check: ArticleCheck | None = None,
    href: str | None = None,
) -> Brief:
    """The brief of a request (command line) or of a pair page's view (`data` and `view`), with the
    claim's check: given, or made here from `request.claim`."""
    if view is None or data is None:
        if request is None:
            raise BriefError("A brief needs a pair: give --supplier and --recipient.")
        data, view = view_for_request(settings, request)
    view = replace(view, deal=None, register_filter="", register_sort=(), register_page=0)
    info = data.info
    if check is None and request is not None and request.claim and request.claim.strip():
        from dashboard.verify import queries as verify_queries
        from etl.verify.article import check_text

        check = check_text(request.claim, verify_queries.check_data(settings, info.label), request.article_date)
    view = with_claim_date(view, check)
    link = view_link(view, href)
    root = queries.store_root(settings)
    out = render(data, view, root)  # the page's figures, with the page's context bands
    query = pair_query(view)
    deliveries = queries.pair_deliveries(data, query)
    deals = queries.pair_deals(data, query)
    head = queries.headline(data, query, deliveries, deals)
    pair = f"{names_text(data, view.suppliers, 'any supplier')} \u2192 {names_text(data, view.recipients, 'any recipient')}"
    ranks = [f"{data.resolver.display_name(s)}: {r} of {n}" for s, r, n in head.ranks]
    headline = [
        ("TIV delivered", figures.format_tiv(head.tiv_delivered_m), f"{TIV_UNIT_LABEL}, {view.from_year}-{view.to_year}"),
        ("Deals", str(head.deals), "ordered, delivered or open in these years"),
        ("Open orders", str(head.open_orders), "not fully delivered"),
        ("Rank among the recipient's suppliers", "; ".join(ranks) or "not among the suppliers in these years",
         "by TIV delivered in these years"),
    ]
    from etl import analysis

    yearly = analysis.tiv_by_year(deliveries) if len(deliveries) else pd.DataFrame(columns=["delivery_year", "tiv_delivered_m"])
    tiv_by_year = [(int(y), figures.format_tiv(float(v)))
                   for y, v in zip(yearly["delivery_year"], yearly["tiv_delivered_m"], strict=True)]
    charts = [Chart("tiv", for_print(out.tiv_figure), CHART_WIDTH_PX, _height(out.tiv_figure))]
    charts += timeline_charts(data, view, deals, deliveries, pair)
    charts.append(Chart("shares", out.shares_figure, CHART_WIDTH_PX, _height(out.shares_figure)))
    return Brief(
        title=f"{pair}, {view.from_year}-{view.to_year}",
        info=info,
        view=view,
        query=query_text(data, view),
        link=link,
        headline=headline,
        tiv_by_year=tiv_by_year,
        charts=charts,
        register_columns=register_columns(view),
        register=register_rows(deals),
        changes=changes_since_previous(settings, info, view),
        check=check,
        context=context_layers(data, view, check, root),
        files=release_files(info),
        citation=view_citation(info, view, link),
        credit=credit_line(info),
        notices=list(out.notices),
        generated_on=date.today().isoformat(),
        timeline_note=(f"The timeline shows the {figures.TIMELINE_MAX_DEALS} most recent of {len(deals)} deals, as the "
                       "pair page does; every deal is in the register." if len(deals) > figures.TIMELINE_MAX_DEALS else ""),
        file_stem=safe_filename("brief", names_text(data, view.suppliers, "any"), "to",
                                names_text(data, view.recipients, "any"), f"{view.from_year}-{view.to_year}",
                                f"release-{view.release}", suffix="x")[:-2],
    )


def _height(figure: Any) -> int:
    return int(figure.layout.height or 450)


def timeline_charts(data: queries.ReleaseData, view: PairView, deals: pd.DataFrame, deliveries: pd.DataFrame,
                    pair: str) -> list[Chart]:
    """The order -> delivery timeline of the deals the pair page draws (the most recent
    `figures.TIMELINE_MAX_DEALS`), by the page's builder, cut into charts that each fit a printed
    page, newest deals first as the page lists them (every deal is in the register)."""
    title = f"Orders and deliveries, deal by deal: {pair}"
    if not len(deals):
        figure = figures.timeline_figure(deals, deliveries, data.info, data.last_year, title=title)
        return [Chart("timeline", figure, CHART_WIDTH_PX, _height(figure))]
    shown = deals.sort_values("order_year", kind="stable").tail(figures.TIMELINE_MAX_DEALS)
    ordered = shown.sort_values(["order_year", "designation"], ascending=[False, True], kind="stable")
    size = TIMELINE_DEALS_PER_CHART
    parts = [ordered.iloc[i:i + size] for i in range(0, len(ordered), size)]
    charts = []
    # One span of years for every part, so the parts read as one chart cut in pieces.
    years = pd.concat([shown["order_year"], shown["first_delivery_year"]]).astype("float64").dropna()
    first = int(years.min()) if len(years) else data.first_year
    span = [first - 0.7, data.last_year + 0.7]
    for number, part in enumerate(parts, start=1):
        suffix = f" ({number} of {len(parts)})" if len(parts) > 1 else ""
        figure = figures.timeline_figure(part, deliveries, data.info, data.last_year,
                                         show_pending=view.open_orders, title=title + suffix)
        if len(parts) > 1:
            figure.layout.xaxis.range = span
        charts.append(Chart(f"timeline-{number}", for_print(figure), CHART_WIDTH_PX, _height(figure)))
    return charts


def register_rows(deals: pd.DataFrame) -> list[dict[str, str]]:
    """Every deal of the view as text, SIPRI's '?' marks kept, in order of order year."""
    if not len(deals):
        return []
    text = deal_register_text(deals.sort_values(["order_year", "designation"], kind="stable"))
    for column in ("tiv_per_unit_m", "tiv_order_m", "tiv_delivered_m"):
        text[column] = [figures.format_tiv(float(v)) if v not in ("", None) else "" for v in text[column]]
    return text[[c for c, _, _ in REGISTER_COLUMNS]].to_dict("records")


def release_files(info: ReleaseInfo) -> list[dict[str, str]]:
    """The release's files as its provenance records them: name, layout, SIPRI's date, how it came."""
    from etl.formats.export import LAYOUT_NAMES

    origins = {"ingest": "ingested", "upload": "uploaded on the Data page", "fetch": "fetched from SIPRI"}
    return [{"name": str(f.get("name", "")), "layout": LAYOUT_NAMES.get(f.get("layout", ""), str(f.get("layout", ""))),
             "data_generated": str(f.get("data_generated") or "not stated")[:10],
             "origin": origins.get(str(f.get("origin", "ingest")), str(f.get("origin", ""))),
             "sha256": str(f.get("sha256", ""))[:12]} for f in info.files]


def changes_since_previous(settings: Settings, info: ReleaseInfo, view: PairView) -> dict[str, Any]:
    """What changed for the pair since the store's release before this one (etl.verify.diff)."""
    from dashboard.data import release_tables
    from etl.verify.diff import SHOWN, change_detail, diff_releases

    earlier = sorted((i for i in queries.releases(settings)
                      if release_sort_key(i.label) < release_sort_key(info.label)),
                     key=lambda i: release_sort_key(i.label))
    if not earlier:
        return {"previous": None, "counts": {}, "rows": [],
                "note": f"The store holds no release before {info.label} to compare with."}
    previous = earlier[-1]
    root = queries.store_root(settings)  # the dashboard's shared frames (dashboard.data), read once
    result = diff_releases(previous, release_tables(root, previous.label, previous.generation).deals,
                           info, release_tables(root, info.label, info.generation).deals,
                           list(view.suppliers), list(view.recipients))
    rows = [{"change": c.change.replace("_", " "), "order_year": str(c.order_year or "?"),
             "designation": (f"{c.designation_from} \u2192 {c.designation_to}"
                             if c.designation_from and c.designation_to and c.designation_from != c.designation_to
                             else c.designation),
             "detail": change_detail(c)} for c in result.changes if c.change in SHOWN]
    return {"previous": previous.label, "counts": {k.replace("_", " "): result.counts.get(k, 0) for k in (*SHOWN, "unchanged")},
            "rows": rows, "note": "", "scopes": [s.basis for s in result.scopes]}


# ---- output --------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _environment() -> Any:
    """The template's environment, made once per process (jinja2 compiles the template once)."""
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def brief_page(brief: Brief, sources: list[str]) -> str:
    """The brief's page (the template filled), each chart's image at the address in `sources`."""
    images = [{"name": c.name, "src": src, "width": c.width, "height": c.height}
              for c, src in zip(brief.charts, sources, strict=True)]
    return str(_environment().get_template("brief.html.j2").render(
        b=brief, images=images, tiv_unit=TIV_UNIT_LABEL, tiv_explanation=TIV_EXPLANATION,
        methods_url=SIPRI_METHODS_URL, db_url=SIPRI_DB_URL, sipri_credit=SIPRI_CREDIT,
    ))


def brief_html(brief: Brief, svgs: list[str] | None = None) -> str:
    """The brief as one self-contained HTML page (charts as SVG images inside it)."""
    import base64

    svgs = chart_svgs(brief.charts) if svgs is None else svgs
    return brief_page(brief, ["data:image/svg+xml;base64," + base64.b64encode(s.encode("utf-8")).decode("ascii")
                              for s in svgs])


def brief_pdf(brief: Brief | str) -> bytes:
    """The brief as PDF (`dashboard.brief.pdf.brief_pdf`: WeasyPrint, the same template)."""
    from dashboard.brief.pdf import brief_pdf as printed

    return printed(brief)


def brief_markdown(brief: Brief) -> str:
    """The brief as Markdown: every figure as a table (no chart), all text escaped."""
    from etl.verify.render_article import article_markdown, md

    out = [f"# Brief: {md(brief.title)}", "", md(brief.credit), "", f"Query: {md(brief.query)}", ""]
    if brief.link:
        out += [f"View: <{md(brief.link)}>", ""]
    out += [f"> {md(notice)}" for notice in brief.notices] + ([""] if brief.notices else [])
    out += [f"- {md(label)}: **{md(value)}** ({md(note)})" for label, value, note in brief.headline] + [""]
    out += ["## TIV delivered by year", ""]
    if brief.tiv_by_year:
        out += [f"| year | {TIV_UNIT_LABEL} |", "|---|---|"] + [f"| {y} | {md(v)} |" for y, v in brief.tiv_by_year] + [""]
    else:
        out += ["No deliveries recorded in these years.", ""]
    out += ["## Context", ""]
    out += ([f"- {md(c.kind)}: {md(c.label)} ({md(c.years)})" for c in brief.context]
            or ["No context events (armed conflicts, arms embargoes) are available for this view yet."]) + [""]
    out += [f"## Deal register ({len(brief.register)} deals)", "", "A '?' marks a figure SIPRI estimates.", "",
            "| " + " | ".join(md(f"{h}, {TIV_UNIT_LABEL}" if c.startswith("tiv") else h)
                              for c, h, _ in brief.register_columns) + " |",
            "|" + "---|" * len(brief.register_columns)]
    out += ["| " + " | ".join(md(row[c]) for c, _, _ in brief.register_columns) + " |" for row in brief.register] + [""]
    out += ["## What changed since the previous release", ""]
    changes = brief.changes
    if changes["previous"] is None:
        out += [md(changes["note"]), ""]
    else:
        out += [f"Release {md(changes['previous'])} -> {md(brief.info.label)}: "
                + ", ".join(f"{n} {md(k)}" for k, n in changes["counts"].items()), ""]
        if changes["rows"]:
            out += ["| change | order year | deal | detail |", "|---|---|---|---|"]
            out += [f"| {md(r['change'])} | {md(r['order_year'])} | {md(r['designation'])} | {md(r['detail'])} |"
                    for r in changes["rows"]] + [""]
    if brief.check is not None:
        checked = article_markdown(brief.check).split("\n")
        # The check's own headings one level down, under the brief's.
        out += ["## The claim's verdicts", ""] + [("#" + line if line.startswith("#") else line) for line in checked[1:]]
    out += ["## Source", "", md(brief.credit), "", md(TIV_EXPLANATION) + f" See {SIPRI_METHODS_URL}.", "",
            f"Files of release {md(brief.info.label)}:", ""]
    out += [f"- {md(f['name'])}: {md(f['layout'])}, data generated {md(f['data_generated'])}, {md(f['origin'])}"
            for f in brief.files] + [""]
    out += ["## Cite this brief", "", md(brief.citation["text"]), "", "```bibtex",
            brief.citation["bibtex"].replace("```", "'''"), "```", "", "```", brief.citation["ris"].replace("```", "'''"),
            "```", "", f"Brief made on {brief.generated_on} by the Arms Transfers Explorer.", ""]
    return "\n".join(out)


def make_brief(settings: Settings, request: BriefRequest, fmt: str) -> bytes:
    """The brief of `request` in `fmt` (html, pdf or md) as bytes."""
    if fmt not in FORMATS:
        raise BriefError(f"--format {fmt} is not one of {', '.join(FORMATS)}.")
    brief = build_brief(settings, request)
    if fmt == "md":
        return brief_markdown(brief).encode("utf-8")
    return brief_html(brief).encode("utf-8") if fmt == "html" else brief_pdf(brief)
