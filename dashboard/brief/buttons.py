"""The "Brief" buttons of the pair and Check pages: the brief (HTML or PDF) made on the server
when clicked and sent as a download (`dashboard.brief` builds it; nothing is made before a click).
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard import queries
from dashboard.brief import (
    BriefError,
    brief_html,
    brief_pdf,
    build_brief,
    keep_chromium_running,
    pair_first_year,
)
from dashboard.components import alert
from dashboard.viewstate import PairView, parse_query
from etl.errors import ArmsExplorerError
from etl.verify.article import ArticleCheck


def brief_buttons(prefix: str, note: str = "") -> html.Div:
    """'Brief: HTML PDF' buttons, their download and a place for a sentence when one cannot be made."""
    return html.Div(
        [
            html.Span("Brief (figures, charts, deals, changes, verdicts, citation in one document): "),
            html.Button("HTML", id=f"{prefix}brief-html", className="button button-small", n_clicks=0),
            html.Button("PDF", id=f"{prefix}brief-pdf", className="button button-small", n_clicks=0),
            html.Span(note, className="kpi-note"),
            dcc.Loading(html.Div(id=f"{prefix}brief-notice", role="status"), type="dot", delay_show=300),
            dcc.Download(id=f"{prefix}brief-download"),
        ],
        className="brief-tools",
    )


def brief_file(settings: Any, data: queries.ReleaseData, view: PairView, fmt: str,
               check: ArticleCheck | None = None, href: str | None = None) -> dict[str, Any]:
    """The brief of a view as a dcc.Download payload (HTML text or PDF bytes)."""
    keep_chromium_running()  # the server's next briefs skip Chromium's start-up
    brief = build_brief(settings, data=data, view=view, check=check, href=href)
    if fmt == "pdf":  # printed from the template, its charts drawn for print (not the HTML's SVG)
        return dcc.send_bytes(brief_pdf(brief), brief.file_stem + ".pdf")
    return {"content": brief_html(brief), "filename": brief.file_stem + ".html", "type": "text/html"}


def pair_brief(settings: Any, store: dict[str, Any] | None, fmt: str, href: str | None) -> tuple[Any, Any]:
    """(download, notice) for the pair page's view (its link in the view store)."""
    from dashboard.pair.view import view_from_link

    if not store:
        return None, alert("Choose a pair first.", kind="notice")
    try:
        view, _, data = view_from_link(settings, parse_query(store["search"]))
        if not view.suppliers or not view.recipients:
            raise BriefError("A brief is of a pair: choose a supplier and a recipient.")
        return brief_file(settings, data, view, fmt, href=href), None
    except ArmsExplorerError as exc:
        return None, alert(exc.message)


def check_brief(settings: Any, check: ArticleCheck, release: str | None, fmt: str,
                href: str | None) -> tuple[Any, Any]:
    """(download, notice) for a check: the brief of its first claim's pair, with every claim's verdicts."""
    pairs = [(r.claim.supplier_id, r.claim.recipient_id) for r in check.results
             if r.claim.supplier_id and r.claim.recipient_id]
    if not pairs:
        return None, alert("No claim of this text names both a supplier and a recipient: a brief is of a pair.",
                           kind="notice")
    try:
        data = queries.release_data(settings, check.release or release)
        supplier, recipient = pairs[0]
        view = PairView(release=data.info.label, suppliers=(supplier,), recipients=(recipient,),
                        from_year=pair_first_year(data, (supplier,), (recipient,)), to_year=data.last_year)
        # The brief's link is the pair view's (the pair page's path), under the same public address.
        pair_href = (href or "").split("?")[0].rsplit("/check", 1)[0] + "/"
        return brief_file(settings, data, view, fmt, check=check, href=pair_href), None
    except ArmsExplorerError as exc:
        return None, alert(exc.message)
