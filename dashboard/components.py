"""Small layout pieces shared by the pages (pure: arguments in, components out)."""

from __future__ import annotations

from dash import dcc, html

from etl.config import SIPRI_METHODS_URL, TIV_EXPLANATION
from etl.provenance import credit_line
from etl.store import ReleaseInfo


def credit_children(info: ReleaseInfo | None) -> list[object]:
    """SIPRI's credit line with release and data date, and what TIV is, linked to SIPRI's methods."""
    credit = credit_line(info) if info is not None else "Source: SIPRI Arms Transfers Database (c) SIPRI."
    return [
        html.Span(credit, className="credit-line"),
        " ",
        html.Span(TIV_EXPLANATION),
        " ",
        html.A("How SIPRI measures TIV", href=SIPRI_METHODS_URL, target="_blank", rel="noopener"),
        ".",
    ]


def credit(info: ReleaseInfo | None, id: str) -> html.Div:  # noqa: A002 - Dash's own name
    return html.Div(credit_children(info), id=id, className="credit")


def alert(sentence: str, id: str | None = None, kind: str = "error") -> html.Div:  # noqa: A002
    """One sentence on the page, where a user caused a problem (never a traceback)."""
    props = {"id": id} if id else {}
    return html.Div(sentence, className=f"alert alert-{kind}", role="alert", **props)


def empty_store_panel(message: str | None = None) -> html.Div:
    """The call to action shown where the store holds no release yet."""
    return html.Div(
        [
            html.H2("No SIPRI data in the store yet"),
            html.P(
                message
                or "Add the SIPRI Arms Transfers Database export files first: drop them on the Data page, "
                "or run `arms-explorer ingest FILE` on the command line."
            ),
            dcc.Link("Add SIPRI data", href="/data", className="button button-primary", id="add-data-link"),
        ],
        className="panel call-to-action",
        id="empty-store",
    )
