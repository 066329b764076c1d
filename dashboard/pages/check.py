"""The check page: paste an article (or drop a saved page), see every claim on its own pair with
its verdicts, correct a claim's pair, weapon or stage in place and check again.

The URL holds the view: the text (or, for a long text, the short id it is kept under), the
article's date, the release and each correction, so a link shows the same verdicts. Data comes
only through `dashboard.verify.queries`.
"""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import urlencode

import dash
import pandas as pd
from dash import ALL, Input, Output, State, callback, dcc, html

from dashboard.app import current_settings
from dashboard.brief.buttons import brief_buttons, check_brief
from dashboard.components import (
    alert,
    credit,
    data_attributes,
    release_options,
    releases_for_layout,
    triggered_id,
)
from dashboard.verify import queries as verify_queries
from etl.errors import ArmsExplorerError
from etl.exports import csv_text, neutralise, xlsx_bytes
from etl.schemas import figure_text
from etl.verify.article import ArticleCheck, check_article
from etl.verify.claims import STAGES, ClaimError, ClaimFields, parse_date, read_article
from etl.verify.pages import article_from_bytes
from etl.verify.render_article import article_json, article_markdown
from etl.verify.texts import MAX_LINK_CHARS, load_text, save_text
from etl.verify.verdicts import VERDICT_LABELS, CheckResult

dash.register_page(__name__, path="/check", title="Check an article - Arms Transfers Explorer", name="Check", order=1)

EXAMPLE = ("Turkey is expected to supply Pakistan with over 700 loitering munitions and a fleet of "
           "Bayraktar TB2 drones. In return, Pakistan will provide Turkey with mortar shells.")
VERDICT_CLASSES = {
    "recorded": "verdict-recorded",
    "partly_recorded": "verdict-partly",
    "not_recorded": "verdict-not",
    "outside_coverage": "verdict-outside",
    "not_checkable": "verdict-unchecked",
}
# The verdict a marked sentence shows: the one a researcher must see first.
_MARK_ORDER = ("not_recorded", "partly_recorded", "recorded", "outside_coverage", "not_checkable")
# Corrections a claim takes in place: URL key -> ClaimFields field.
FIXES = (("supplier", "supplier"), ("recipient", "recipient"), ("weapon", "weapon"), ("stage", "stage"))
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


# ---- pure helpers (tested directly) ---------------------------------------------------------


def corrections_from_query(query: dict[str, Any]) -> dict[int, dict[str, str]]:
    """'c0.supplier=turkiye&c2.stage=ordered' -> {0: {'supplier': 'turkiye'}, 2: {'stage': 'ordered'}}."""
    out: dict[int, dict[str, str]] = {}
    for key, value in query.items():
        if not key.startswith("c") or "." not in key or not value:
            continue
        number, _, field = key[1:].partition(".")
        if number.isascii() and number.isdigit() and int(number) < 1000 and field in dict(FIXES):
            out.setdefault(int(number), {})[field] = str(value)[:200]
    return out


def claim_fields(corrections: dict[int, dict[str, str]]) -> dict[int, ClaimFields]:
    return {n: ClaimFields(**{dict(FIXES)[k]: v for k, v in fix.items()}) for n, fix in corrections.items()}


def query_string(text_key: tuple[str, str], article_date: str | None, release: str | None,
                 corrections: dict[int, dict[str, str]]) -> str:
    """'?text=...' (or '?t=<id>' for a long text) '&date=...&release=...&c0.supplier=...'."""
    pairs = [text_key]
    if article_date:
        pairs.append(("date", article_date))
    if release:
        pairs.append(("release", release))
    for number in sorted(corrections):
        pairs += [(f"c{number}.{key}", value) for key, value in sorted(corrections[number].items()) if value]
    return "?" + urlencode(pairs)


def text_key(settings: Any, text: str) -> tuple[str, str]:
    """What the link holds for the text: itself, or the id a long text is kept under."""
    if len(text) <= MAX_LINK_CHARS:
        return ("text", text)
    return ("t", save_text(settings.store_dir, text))


def _sentence_verdict(results: list[CheckResult]) -> str:
    verdicts = {part.verdict for result in results for part in result.parts}
    return next((v for v in _MARK_ORDER if v in verdicts), "not_checkable")


def marked_text(check: ArticleCheck) -> list[Any]:
    """The article's paragraphs, each claim's sentence marked by its verdict and linked to its
    card; sentences with no arms-transfer claim plain."""
    from etl.verify.claims.sentences import split_sentences

    by_sentence: dict[int, list[tuple[int, CheckResult]]] = {}
    for number, result in enumerate(check.results):
        by_sentence.setdefault(result.claim.sentence_index, []).append((number, result))
    paragraphs: dict[int, list[Any]] = {}
    for sentence in split_sentences(check.article.text):
        claims = by_sentence.get(sentence.index)
        if claims:
            verdict = _sentence_verdict([r for _, r in claims])
            numbers = ", ".join(str(n + 1) for n, _ in claims)
            piece: Any = html.A(
                [sentence.text, html.Sup(f" [{numbers}]")], href=f"#claim-{claims[0][0] + 1}",
                className=f"mark {VERDICT_CLASSES[verdict]}", title=VERDICT_LABELS[verdict],
                **data_attributes(verdict=verdict),
            )
        else:
            piece = html.Span(sentence.text, className="mark-none")
        paragraphs.setdefault(sentence.paragraph, []).extend([piece, " "])
    return [html.P(children) for _, children in sorted(paragraphs.items())]


def claims_frame(check: ArticleCheck) -> pd.DataFrame:
    """One row per part of every claim: what the CSV and XLSX exports hold."""
    return claims_frame_from_json(check.as_dict())


def _provenance(check: ArticleCheck) -> list[str]:
    return [check.credit, f"Release {check.release}, data generated {check.data_generated}.",
            "TIV figures are millions of TIV (a volume index), not money.", f"Cite as: {check.citation['text']}"]


def _claim_mark(check: ArticleCheck) -> str | None:
    """The pair view marks the claim's date (the article's) as a dashed line."""
    return f"{check.article_date.isoformat()} claim's date" if check.article_date else None


def _link(path: str, **params: str | None) -> str:
    return path + "?" + urlencode({k: v for k, v in params.items() if v})


def _deal_rows(part: Any) -> Any:
    if not part.deals:
        return None
    header = html.Tr([html.Th(h) for h in ("Supplier", "Recipient", "Designation", "Description", "Ordered",
                                            "Order year", "Delivered", "Delivery years", "Comments", "Match",
                                            "Source")])
    rows = []
    for d in part.deals:
        est = figure_text
        rows.append(html.Tr([
            html.Td(d["supplier"]), html.Td(d["recipient"]), html.Td(d["designation"]),
            html.Td(d["description"]), html.Td(est(d["units_ordered"], d["units_ordered_estimated"])),
            html.Td(est(d["order_year"], d["order_year_estimated"])),
            html.Td(est(d["units_delivered"], d["units_delivered_estimated"])),
            html.Td(d["delivery_years"] or ""), html.Td(d["comments"] or ""),
            html.Td(f"{d.get('match', '')} {d.get('match_score', '')}".strip()),
            html.Td(f"{d['source_file']}, line {d['source_line']}" if d.get("source_file") else ""),
        ]))
    return html.Div(html.Table([html.Thead(header), html.Tbody(rows)], className="evidence"), className="table-scroll")


def verdict_cards(result: CheckResult, prefix: str = "") -> list[Any]:
    """One card per part: the verdict, its summary, why, and the deals that are its evidence."""
    cards = []
    for i, part in enumerate(result.parts):
        body: list[Any] = [
            html.Div([html.Span(part.label, className=f"verdict {VERDICT_CLASSES[part.verdict]}"),
                      html.Span(f" {part.kind}: ", className="verdict-kind"), html.Strong(part.text)]),
            html.P(part.summary),
        ]
        if part.explanation:
            body.append(html.Ul([html.Li(line) for line in part.explanation]))
        table = _deal_rows(part)
        if table is not None:
            body.append(table)
        cards.append(html.Section(body, className="panel verdict-card", id=f"verdict-{prefix}{i}",
                                  **data_attributes(verdict=part.verdict)))
    return cards


ENTITY_LIST_ID = "check-entities"


def entity_datalist(options: list[dict[str, str]]) -> Any:
    """One list of every supplier and recipient name for all the claims' correction fields (a
    dropdown per field would send the whole list once per claim)."""
    names = sorted({option["label"].rsplit(" (", 1)[0] for option in options})
    return html.Datalist([html.Option(value=name) for name in names], id=ENTITY_LIST_ID)


def _fix_control(number: int, field: str, value: Any) -> Any:
    cid = {"type": "check-fix", "claim": number, "field": field}
    if field in {"supplier", "recipient"}:
        control: Any = dcc.Input(id=cid, type="text", value=value or "", list=ENTITY_LIST_ID, debounce=True,
                                 placeholder="not stated", className="text-input fix-entity")
    elif field == "stage":
        control = dcc.Dropdown(id=cid, options=[{"label": s, "value": s} for s in STAGES], value=value,
                               placeholder="not stated", className="fix-dropdown")
    else:
        control = dcc.Input(id=cid, type="text", value=value or "", debounce=True, className="text-input")
    return html.Div([html.Label(field.capitalize()), control], className=f"control fix-{field}")


def claim_sections(check: ArticleCheck, release: str | None) -> list[Any]:
    """A section per claim: its sentence, pair and why, corrections in place, its verdicts, and
    links to the pair and diff views it speaks of."""
    sections = []
    for number, result in enumerate(check.results):
        claim = result.claim
        weapons = "; ".join(w.designation or w.type_label or w.text for w in claim.weapons)
        fixes = [
            _fix_control(number, "supplier", claim.supplier),
            _fix_control(number, "recipient", claim.recipient),
            _fix_control(number, "weapon", weapons),
            _fix_control(number, "stage", claim.stage),
        ]
        links: list[Any] = []
        if claim.supplier_id and claim.recipient_id:
            links = [
                html.A(f"Pair view {claim.pair_text}", href=_link("/", supplier=claim.supplier_id,
                                                                  recipient=claim.recipient_id, release=release,
                                                                  marks=_claim_mark(check))),
                " · ",
                html.A("What changed between releases", href=_link("/diff", supplier=claim.supplier_id,
                                                                   recipient=claim.recipient_id)),
            ]
        header = [
            html.H3([f"Claim {number + 1}: ", html.Span(claim.pair_text, className="claim-pair")]),
            html.Blockquote(claim.sentence or claim.text, className="claim-sentence"),
            html.P([html.Strong("Why this pair: "), claim.direction_cue or "set as fields"], className="claim-cue"),
            html.P([html.Strong("Stage: "), claim.stage or "not stated",
                    " (a future or new deal)" if claim.prospective else "",
                    f" · negated ('{claim.negation_text}')" if claim.negated else "",
                    f" · years {claim.from_year}-{claim.to_year}" if claim.from_year else ""], className="claim-stage"),
            html.Details([html.Summary("Correct this claim"), html.Div(fixes, className="controls parts-grid")],
                         className="claim-fixes", open=bool(claim.overridden)),
            html.P(links, className="claim-links") if links else None,
        ]
        notes = html.Details([html.Summary("Caveats"), html.Ul([html.Li(n) for n in result.notes])], className="claim-notes")
        sections.append(html.Section([*header, *verdict_cards(result, prefix=f"{number}-"), notes],
                                     className="panel claim-card", id=f"claim-{number + 1}",
                                     **data_attributes(pair=claim.pair_text)))
    return sections


def claims_table(check: ArticleCheck) -> Any:
    """A table of the claims: sentence, pair, stage and the verdict of each part."""
    if not check.results:
        return html.P("No arms-transfer claim found in the text.", className="muted")
    rows = []
    for number, result in enumerate(check.results, start=1):
        claim = result.claim
        sentence = claim.sentence or claim.text
        rows.append(html.Tr([
            html.Td(html.A(str(number), href=f"#claim-{number}")),
            html.Td(sentence if len(sentence) <= 140 else sentence[:137] + "..."),
            html.Td(claim.pair_text),
            html.Td(claim.stage or ""),
            html.Td([html.Span(f"{p.text}: {p.label}", className=f"verdict {VERDICT_CLASSES[p.verdict]}",
                               **data_attributes(verdict=p.verdict)) for p in result.parts], className="claim-verdicts"),
        ]))
    head = html.Tr([html.Th(h) for h in ("#", "Sentence", "Pair checked", "Stage", "Verdicts")])
    return html.Div(html.Table([html.Thead(head), html.Tbody(rows)], className="claims-table", id="check-claims-table"),
                    className="table-scroll")


def run(settings: Any, text: str, article_date: str | None, release: str | None,
        corrections: dict[int, dict[str, str]], view_url: str | None = None) -> ArticleCheck:
    """Read and check the text with its corrections; our errors propagate as one sentence."""
    data = verify_queries.check_data(settings, release)
    dated = parse_date(article_date)
    article = read_article(text, data.resolver, data.index, dated)
    if not article.claims and not corrections:  # read once: check_text would read the text again
        return check_article(article, data, view_url, article_date=dated)
    return check_article(article, data, view_url, corrections=claim_fields(corrections), article_date=dated)


def _view(settings: Any, check: ArticleCheck, release: str | None) -> dict[str, Any]:
    no_claim = [html.Li(s) for s in check.no_claim]
    return {
        "marked": marked_text(check),
        "table": claims_table(check),
        "claims": claim_sections(check, release),
        "no_claim": html.Details([html.Summary(f"Sentences with no arms-transfer claim ({len(no_claim)})"),
                                  html.Ul(no_claim)], open=False) if no_claim else None,
        "left_out": alert(check.article.left_out, kind="info") if check.article.left_out else None,
        # What a download needs to check the text again (the exports are made on the server
        # when asked, not sent with every check).
        "stored": None,
        "citation": check.citation,
    }


# ---- layout ---------------------------------------------------------------------------------


def layout(**query: Any) -> Any:
    """The page for the text the link holds (checked at once when it has one)."""
    settings = current_settings()
    releases = releases_for_layout(lambda: verify_queries.releases(settings))
    if isinstance(releases, html.Div):  # a damaged or an empty store: its sentence
        return releases
    release = query.get("release") or releases[-1].label
    article_date = str(query.get("date") or "")
    corrections = corrections_from_query(query)
    notice: Any = None
    view: dict[str, Any] = {"marked": None, "table": None, "claims": [], "no_claim": None, "left_out": None,
                            "stored": None, "citation": {"text": "", "bibtex": "", "ris": ""}}
    info = None
    text = str(query.get("text") or "")
    options: list[dict[str, str]] = []
    try:
        options = verify_queries.entity_options(settings, release)
        if query.get("t"):
            text = load_text(settings.store_dir, str(query["t"]))
        info = verify_queries.verify_data(settings, release).info
        if text.strip():
            view = _view(settings, run(settings, text, article_date or None, release, corrections), release)
            view["stored"] = _stored(settings, text, article_date or None, release, corrections)
    except ArmsExplorerError as exc:
        notice = alert(exc.message)
    return html.Div(
        [
            dcc.Location(id="check-url", refresh=False),
            dcc.Store(id="check-result-store", data=view["stored"]),
            entity_datalist(options),
            html.H2("Check an article against the SIPRI register"),
            html.Section(
                [
                    html.Label("Text to check: a sentence, a paragraph or a whole article, as written",
                               htmlFor="check-text"),
                    dcc.Textarea(id="check-text", value=text, placeholder=EXAMPLE, className="claim-text"),
                    dcc.Upload(html.Div(["Or drop a saved article page (.html) or text file (.txt) here"]),
                               id="check-file", className="upload check-upload", max_size=MAX_UPLOAD_BYTES,
                               accept=".html,.htm,.txt,text/html,text/plain"),
                    html.Div([
                        html.Div([html.Label("Article date (YYYY-MM-DD)", htmlFor="check-date"),
                                  dcc.Input(id="check-date", type="text", value=article_date, placeholder="2025-05-20",
                                            className="text-input", debounce=True)],
                                 className="control control-date"),
                        html.Div([html.Label("Release", htmlFor="check-release"),
                                  dcc.Dropdown(id="check-release", options=release_options(releases),
                                               value=release, clearable=False)], className="control control-release"),
                        html.Button("Check the text", id="check-run", className="button button-primary", n_clicks=0),
                    ], className="check-actions"),
                    html.P("The date anchors 'last week', 'next year' or 'in May'; a saved page's published "
                           "date is read from it.", className="muted"),
                ],
                className="panel",
            ),
            html.Div(notice, id="check-notice"),
            dcc.Loading([
                html.Div(view["left_out"], id="check-left-out"),
                html.Section([html.H3("The text, each claim marked by its verdict"),
                              html.Div(view["marked"], id="check-marked", className="marked-text")],
                             className="panel"),
                html.Section([html.H3("Claims"), html.Div(view["table"], id="check-table"),
                              html.Button("Check again with the corrections", id="check-recheck",
                                          className="button", n_clicks=0)],
                             className="panel"),
                html.Div(view["claims"], id="check-claims"),
                html.Div(view["no_claim"], id="check-no-claim", className="panel"),
            ], type="dot", delay_show=300),
            html.Section(
                [
                    html.Button("Download CSV", id="check-download-csv", className="button", n_clicks=0),
                    html.Button("Download XLSX", id="check-download-xlsx", className="button", n_clicks=0),
                    html.Button("Download Markdown", id="check-download-md", className="button", n_clicks=0),
                    html.Button("Download JSON", id="check-download-json", className="button", n_clicks=0),
                    html.Button("Download ClaimReview (JSON-LD)", id="check-download-claimreview", className="button",
                                n_clicks=0, title="The verdicts as schema.org ClaimReview items, for fact-checking sites"),
                    dcc.Download(id="check-download"),
                    brief_buttons("check-", "of the first claim's pair, with every claim's verdicts"),
                    html.Details([html.Summary("Cite this check"),
                                  html.Pre(view["citation"]["text"], id="check-cite-text"),
                                  html.Pre(view["citation"]["bibtex"], id="check-cite-bibtex"),
                                  html.Pre(view["citation"]["ris"], id="check-cite-ris")],
                                 className="cite", id="check-cite"),
                    credit(info, id="check-credit"),
                ],
                className="panel",
            ),
        ],
        className="page check-page",
    )


# ---- callbacks ------------------------------------------------------------------------------


def _fix_values(ids: list[dict[str, Any]], values: list[Any], check: ArticleCheck | None) -> dict[int, dict[str, str]]:
    """The corrections the user made: fields whose value differs from what the text gave."""
    out: dict[int, dict[str, str]] = {}
    for cid, value in zip(ids, values, strict=True):
        number, field = int(cid["claim"]), str(cid["field"])
        text = "" if value is None else str(value).strip()
        if check is None or number >= len(check.results):
            continue
        claim = check.results[number].claim
        given = {"supplier": claim.supplier, "recipient": claim.recipient, "stage": claim.stage,
                 "weapon": "; ".join(w.designation or w.type_label or w.text for w in claim.weapons)}[field] or ""
        if text and text != given:
            out.setdefault(number, {})[field] = text
    return out


@callback(
    Output("check-url", "search"),
    Output("check-notice", "children"),
    Output("check-left-out", "children"),
    Output("check-marked", "children"),
    Output("check-table", "children"),
    Output("check-claims", "children"),
    Output("check-no-claim", "children"),
    Output("check-result-store", "data"),
    Output("check-cite-text", "children"),
    Output("check-cite-bibtex", "children"),
    Output("check-cite-ris", "children"),
    Input("check-run", "n_clicks"),
    Input("check-recheck", "n_clicks"),
    State("check-text", "value"),
    State("check-date", "value"),
    State("check-release", "value"),
    State({"type": "check-fix", "claim": ALL, "field": ALL}, "id"),
    State({"type": "check-fix", "claim": ALL, "field": ALL}, "value"),
    State("check-url", "href"),
    prevent_initial_call=True,
)
def check_clicked(_run: int, _recheck: int, text: str | None, article_date: str | None, release: str | None,
                  fix_ids: list[dict[str, Any]], fix_values: list[Any], href: str | None) -> tuple[Any, ...]:
    """Check the text (or check it again with the corrections); the URL follows."""
    settings = current_settings()
    text = text or ""
    keep = dash.no_update
    try:
        corrections: dict[int, dict[str, str]] = {}
        if triggered_id() == "check-recheck":
            plain = run(settings, text, article_date, release, {})
            corrections = _fix_values(fix_ids, fix_values, plain)
        search = query_string(text_key(settings, text), article_date, release, corrections)
        link = (href or "").split("?")[0] + search
        check = run(settings, text, article_date, release, corrections, view_url=link)
    except ArmsExplorerError as exc:
        return (keep, alert(exc.message), None, None, None, [], None, None, "", "", "")
    view = _view(settings, check, release)
    stored = {**_stored(settings, text, article_date, release, corrections), "link": link}
    return (search, None, view["left_out"], view["marked"], view["table"], view["claims"], view["no_claim"],
            stored, view["citation"]["text"], view["citation"]["bibtex"], view["citation"]["ris"])


def _stored(settings: Any, text: str, article_date: str | None, release: str | None,
            corrections: dict[int, dict[str, str]]) -> dict[str, Any]:
    """The view as the downloads need it: the text's key (a long text by its id), never the
    results themselves."""
    key, value = text_key(settings, text)
    return {key: value, "date": article_date, "release": release,
            "corrections": {str(n): fix for n, fix in corrections.items()}}


@callback(
    Output("check-text", "value"),
    Output("check-date", "value"),
    Output("check-notice", "children", allow_duplicate=True),
    Input("check-file", "contents"),
    State("check-file", "filename"),
    State("check-date", "value"),
    prevent_initial_call=True,
)
def file_dropped(contents: str | None, filename: str | None, article_date: str | None) -> tuple[Any, Any, Any]:
    """A dropped article page or text file: its text (and published date) into the form."""
    if not contents:
        return dash.no_update, dash.no_update, dash.no_update
    name = (filename or "the file").replace("\n", " ")[:120]
    try:
        _kind, _, encoded = contents.partition(",")
        if len(encoded) > MAX_UPLOAD_BYTES * 4 // 3 + 4:
            raise ClaimError(f"{name}: larger than an article page can be ({MAX_UPLOAD_BYTES:,} bytes at most).")
        text, published = article_from_bytes(base64.b64decode(encoded, validate=False), name)
    except (ArmsExplorerError, ValueError) as exc:
        message = exc.message if isinstance(exc, ArmsExplorerError) else f"{name}: not a text or HTML file."
        return dash.no_update, dash.no_update, alert(message)
    return text, article_date or (published.isoformat() if published else ""), None


@callback(
    Output("check-download", "data"),
    Input("check-download-md", "n_clicks"),
    Input("check-download-json", "n_clicks"),
    Input("check-download-csv", "n_clicks"),
    Input("check-download-xlsx", "n_clicks"),
    Input("check-download-claimreview", "n_clicks"),
    State("check-result-store", "data"),
    prevent_initial_call=True,
)
def download(_md: int, _json: int, _csv: int, _xlsx: int, _claimreview: int, stored: dict[str, Any] | None) -> Any:
    """The check as Markdown, JSON, CSV or XLSX, with its citation and SIPRI's credit: the text is
    checked again on the server from the view's state."""
    if not stored:
        return dash.no_update
    settings = current_settings()
    try:
        text = load_text(settings.store_dir, str(stored["t"])) if stored.get("t") else str(stored.get("text") or "")
        corrections = {int(n): dict(fix) for n, fix in (stored.get("corrections") or {}).items()}
        check = run(settings, text, stored.get("date"), stored.get("release"), corrections, view_url=stored.get("link"))
    except (ArmsExplorerError, ValueError, TypeError):
        return dash.no_update
    trigger = triggered_id()
    if trigger == "check-download-claimreview":
        from etl.verify.claimreview import claimreview_json

        return dcc.send_string(claimreview_json(check, review_url=stored.get("link")), "article-check.claimreview.jsonld",
                               type="application/ld+json")
    if trigger == "check-download-json":
        return dcc.send_string(article_json(check), "article-check.json")
    if trigger == "check-download-csv":
        return dcc.send_string(csv_text(claims_frame(check), _provenance(check)), "article-check.csv")
    if trigger == "check-download-xlsx":
        about = pd.DataFrame({"About": _provenance(check)})
        return dcc.send_bytes(xlsx_bytes({"Claims": neutralise(claims_frame(check)), "About": about}),
                              "article-check.xlsx")
    return dcc.send_string(article_markdown(check), "article-check.md")


@callback(
    Output("check-brief-download", "data"),
    Output("check-brief-notice", "children"),
    Input("check-brief-html", "n_clicks"),
    Input("check-brief-pdf", "n_clicks"),
    State("check-result-store", "data"),
    State("check-url", "href"),
    prevent_initial_call=True,
)
def download_brief(_html: int, _pdf: int, stored: dict[str, Any] | None, href: str | None) -> tuple[Any, Any]:
    """The brief of the check's first pair, with every claim's verdicts (the text checked again from the view)."""
    if not stored:
        return None, alert("Check a text first.", kind="notice")
    settings = current_settings()
    try:
        text = load_text(settings.store_dir, str(stored["t"])) if stored.get("t") else str(stored.get("text") or "")
        corrections = {int(n): dict(fix) for n, fix in (stored.get("corrections") or {}).items()}
        check = run(settings, text, stored.get("date"), stored.get("release"), corrections, view_url=stored.get("link"))
    except ArmsExplorerError as exc:
        return None, alert(exc.message)
    fmt = "pdf" if triggered_id() == "check-brief-pdf" else "html"
    return check_brief(settings, check, stored.get("release"), fmt, href)


def claims_frame_from_json(data: dict[str, Any]) -> pd.DataFrame:
    """The claims' parts from the stored JSON (as `claims_frame` gives them)."""
    rows = []
    for number, claim in enumerate(data["claims"], start=1):
        for part in claim["parts"]:
            rows.append({"claim": number, "sentence": claim["sentence"], "supplier": claim["supplier"],
                         "recipient": claim["recipient"], "direction_cue": claim["direction_cue"],
                         "stage": claim["stage"], "from_year": claim["from_year"], "to_year": claim["to_year"],
                         "negated": claim["negated"], "part_kind": part["kind"], "part_text": part["text"],
                         "verdict": part["verdict"], "summary": part["summary"],
                         "deals": "; ".join(d["summary"] for d in part["deals"]),
                         "release": data["release"], "data_generated": data["data_generated"]})
    return pd.DataFrame(rows)
