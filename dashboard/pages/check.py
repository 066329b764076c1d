"""The check page: paste a claim, see and edit its parts, see a verdict per part with evidence.

The URL holds the claim's text, the parts the user changed and the release, so a link shows the
same verdicts. Data comes only through `dashboard.verify_queries`.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import dash
from dash import Input, Output, State, callback, dcc, html

from dashboard import verify_queries
from dashboard.app import current_settings
from dashboard.components import alert, credit, data_attributes, release_options
from etl.errors import ArmsExplorerError
from etl.verify.claims import STAGES, Claim, ClaimFields
from etl.verify.render import check_json, check_markdown, claim_lines
from etl.verify.verdicts import CheckResult

dash.register_page(__name__, path="/check", title="Check a claim - Arms Transfers Explorer", name="Check")

# Editable parts: URL key, field of ClaimFields, label.
PARTS = (
    ("supplier", "supplier", "Supplier"),
    ("recipient", "recipient", "Recipient"),
    ("weapon", "weapon", "Weapon(s): designation or type; separate several with ';'"),
    ("quantity", "quantity", "Quantity (of the first weapon)"),
    ("value", "value", "Money value"),
    ("stage", "stage", "Stage"),
    ("from", "from_year", "From year"),
    ("to", "to_year", "To year"),
)
EXAMPLE = "The United States will deliver 24 MH-60R helicopters to India under a $2.6 billion deal"
VERDICT_CLASSES = {
    "recorded": "verdict-recorded",
    "partly_recorded": "verdict-partly",
    "not_recorded": "verdict-not",
    "outside_coverage": "verdict-outside",
    "not_checkable": "verdict-unchecked",
}


# ---- pure helpers (tested directly) ---------------------------------------------------------


def part_values(claim: Claim) -> dict[str, Any]:
    """The claim's parts as the page's field values (entity ids for countries)."""
    return {
        "supplier": claim.supplier_id,
        "recipient": claim.recipient_id,
        "weapon": "; ".join(
            w.text if w.excluded_rule_id else (w.designation or w.type_label or w.text) for w in claim.weapons
        ),
        "quantity": str(claim.weapons[0].quantity) if claim.weapons and claim.weapons[0].quantity else "",
        "value": "; ".join(v.text for v in claim.values),
        "stage": claim.stage,
        "from": str(claim.from_year) if claim.from_year is not None else "",
        "to": str(claim.to_year) if claim.to_year is not None else "",
    }


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def changed_parts(parsed: dict[str, Any], edited: dict[str, Any]) -> dict[str, str]:
    """The parts the user changed from what the text gave (URL key -> value)."""
    out = {}
    for key, _field, _label in PARTS:
        new, old = edited.get(key), parsed.get(key)
        if _blank(new) and _blank(old):
            continue
        if str(new if new is not None else "").strip() != str(old if old is not None else "").strip():
            out[key] = "" if new is None else str(new).strip()
    return out


def claim_fields(changed: dict[str, str]) -> ClaimFields:
    """Structured fields from the changed parts (a part emptied by the user stays parsed)."""
    kwargs = {field: changed[key] for key, field, _label in PARTS if changed.get(key)}
    return ClaimFields(**kwargs)


def query_string(text: str, changed: dict[str, str], release: str | None) -> str:
    """'?text=...&quantity=20&release=2026': what a link needs to show the same check."""
    pairs = [("text", text)] + [(k, v) for k, v in changed.items() if v] + ([("release", release)] if release else [])
    return "?" + urlencode(pairs)


def run(settings: Any, text: str, changed: dict[str, str], release: str | None,
        view_url: str | None = None) -> tuple[Claim, CheckResult]:
    """Parse and check; our errors propagate as one sentence."""
    claim = verify_queries.parse(settings, text, claim_fields(changed), release)
    return claim, verify_queries.check(settings, claim, release, view_url)


def _deal_rows(part: Any) -> Any:
    if not part.deals:
        return None
    header = html.Tr([html.Th(h) for h in ("Supplier", "Recipient", "Designation", "Description", "Ordered",
                                            "Order year", "Delivered", "Delivery years", "Comments", "Source")])
    rows = []
    for d in part.deals:
        def est(value: Any, flag: Any) -> str:
            return "" if value is None else f"{value}{'?' if flag else ''}"
        rows.append(html.Tr([
            html.Td(d["supplier"]), html.Td(d["recipient"]), html.Td(d["designation"]),
            html.Td(d["description"]), html.Td(est(d["units_ordered"], d["units_ordered_estimated"])),
            html.Td(est(d["order_year"], d["order_year_estimated"])),
            html.Td(est(d["units_delivered"], d["units_delivered_estimated"])),
            html.Td(d["delivery_years"] or ""), html.Td(d["comments"] or ""),
            html.Td(f"{d['source_file']}, line {d['source_line']}" if d.get("source_file") else ""),
        ]))
    return html.Table([html.Thead(header), html.Tbody(rows)], className="evidence")


def verdict_cards(result: CheckResult) -> list[Any]:
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
        cards.append(html.Section(body, className="panel verdict-card", id=f"verdict-{i}",
                                  **data_attributes(verdict=part.verdict)))
    return cards


def parts_summary(claim: Claim) -> Any:
    return html.Table([html.Tr([html.Th(name), html.Td(value)]) for name, value in claim_lines(claim)],
                      className="parsed-parts", id="check-parsed")


# ---- layout ---------------------------------------------------------------------------------


def _part_control(key: str, label: str, value: Any, options: list[dict[str, str]]) -> Any:
    cid = f"check-part-{key}"
    control: dcc.Dropdown | dcc.Input
    if key in {"supplier", "recipient"}:
        control = dcc.Dropdown(id=cid, options=options, value=value, placeholder="not stated")
    elif key == "stage":
        control = dcc.Dropdown(id=cid, options=[{"label": s, "value": s} for s in STAGES], value=value,
                               placeholder="not stated")
    else:
        control = dcc.Input(id=cid, type="text", value=value or "", debounce=True, className="text-input")
    return html.Div([html.Label(label, htmlFor=cid), control], className=f"control control-{key}")


def layout(**query: Any) -> Any:
    """The page for the claim the link's query string holds (checked at once when it has one)."""
    settings = current_settings()
    try:
        releases = verify_queries.releases(settings)
    except ArmsExplorerError as exc:  # a damaged store: its sentence, not an error page
        return html.Div(alert(exc.message), className="page")
    if not releases:
        return html.Div(alert("The store holds no release yet: add SIPRI's files on the Data page."), className="page")
    release = query.get("release") or releases[-1].label
    text = query.get("text") or ""
    changed = {key: str(query[key]) for key, _f, _l in PARTS if query.get(key)}
    notice: Any = None
    values: dict[str, Any] = {key: None for key, _f, _l in PARTS}
    parsed_store: dict[str, Any] = {}
    cards: list[Any] = []
    parsed_view: Any = None
    stored: dict[str, str] | None = None
    citation = {"text": "", "bibtex": "", "ris": ""}
    info = None
    try:
        info = verify_queries.verify_data(settings, release).info
        options = verify_queries.entity_options(settings, release)
        if text or changed:
            claim, result = run(settings, text, changed, release)
            parsed_store = part_values(verify_queries.parse(settings, text, ClaimFields(), release)) if text else {}
            values = part_values(claim)
            cards = verdict_cards(result)
            parsed_view = parts_summary(claim)
            stored = {"json": check_json(result), "markdown": check_markdown(result)}
            citation = result.citation
    except ArmsExplorerError as exc:
        notice = alert(exc.message)
        options = verify_queries.entity_options(settings, None)
    controls = [_part_control(key, label, values.get(key), options) for key, _f, label in PARTS]
    return html.Div(
        [
            dcc.Location(id="check-url", refresh=False),
            dcc.Store(id="check-parsed-store", data=parsed_store),
            dcc.Store(id="check-result-store", data=stored),
            html.H2("Check a claim against the SIPRI register"),
            html.Section(
                [
                    html.Label("Claim (one sentence or several, as written in the article)", htmlFor="check-text"),
                    dcc.Textarea(id="check-text", value=text, placeholder=EXAMPLE, className="claim-text"),
                    html.Div([
                        html.Div([html.Label("Release", htmlFor="check-release"),
                                  dcc.Dropdown(id="check-release", options=release_options(releases),
                                               value=release, clearable=False)], className="control control-release"),
                        html.Button("Read the claim", id="check-parse", className="button button-primary", n_clicks=0),
                    ], className="check-actions"),
                ],
                className="panel",
            ),
            html.Div(notice, id="check-notice"),
            html.Section(
                [
                    html.H3("Parts (edit any, then check again)"),
                    html.Div(controls, className="controls parts-grid"),
                    html.Button("Check the parts", id="check-run", className="button button-primary", n_clicks=0),
                    html.Div(parsed_view, id="check-parsed-view"),
                ],
                className="panel",
            ),
            dcc.Loading(html.Div(cards, id="check-verdicts"), type="dot", delay_show=300),
            html.Section(
                [
                    html.Button("Download Markdown", id="check-download-md", className="button", n_clicks=0),
                    html.Button("Download JSON", id="check-download-json", className="button", n_clicks=0),
                    dcc.Download(id="check-download"),
                    html.Details([html.Summary("Cite this check"),
                                  html.Pre(citation["text"], id="check-cite-text"),
                                  html.Pre(citation["bibtex"], id="check-cite-bibtex"),
                                  html.Pre(citation["ris"], id="check-cite-ris")],
                                 className="cite", id="check-cite"),
                    credit(info, id="check-credit"),
                ],
                className="panel",
            ),
        ],
        className="page check-page",
    )


# ---- callbacks ------------------------------------------------------------------------------


def _triggered() -> Any:
    try:
        return dash.ctx.triggered_id
    except dash.exceptions.MissingCallbackContextException:
        return None


@callback(
    Output("check-url", "search"),
    Output("check-notice", "children"),
    Output("check-parsed-store", "data"),
    *[Output(f"check-part-{key}", "value") for key, _f, _l in PARTS],
    Output("check-parsed-view", "children"),
    Output("check-verdicts", "children"),
    Output("check-result-store", "data"),
    Output("check-cite-text", "children"),
    Output("check-cite-bibtex", "children"),
    Output("check-cite-ris", "children"),
    Input("check-parse", "n_clicks"),
    Input("check-run", "n_clicks"),
    State("check-text", "value"),
    State("check-release", "value"),
    State("check-parsed-store", "data"),
    *[State(f"check-part-{key}", "value") for key, _f, _l in PARTS],
    State("check-url", "href"),
    prevent_initial_call=True,
)
def check_clicked(_parse: int, _run: int, text: str | None, release: str | None,
                  parsed: dict[str, Any] | None, *rest: Any) -> tuple[Any, ...]:
    """Read the claim (fields from the text), or check the parts as edited; URL follows."""
    *edited_values, href = rest
    edited = {key: value for (key, _f, _l), value in zip(PARTS, edited_values, strict=True)}
    settings = current_settings()
    text = text or ""
    keep = dash.no_update
    try:
        if _triggered() == "check-parse":
            changed: dict[str, str] = {}
            parsed = part_values(verify_queries.parse(settings, text, ClaimFields(), release))
        else:
            changed = changed_parts(parsed or {}, edited)
        search = query_string(text, changed, release)
        link = (href or "").split("?")[0] + search
        claim, result = run(settings, text, changed, release, view_url=link)
    except ArmsExplorerError as exc:
        return (keep, alert(exc.message), keep, *([keep] * len(PARTS)), keep, [], None, "", "", "")
    values = part_values(claim)
    return (
        search, None, parsed, *[values[key] for key, _f, _l in PARTS], parts_summary(claim),
        verdict_cards(result), {"json": check_json(result), "markdown": check_markdown(result)},
        result.citation["text"], result.citation["bibtex"], result.citation["ris"],
    )


@callback(
    Output("check-download", "data"),
    Input("check-download-md", "n_clicks"),
    Input("check-download-json", "n_clicks"),
    State("check-result-store", "data"),
    prevent_initial_call=True,
)
def download(_md: int, _json: int, stored: dict[str, str] | None) -> Any:
    """The check as Markdown or JSON, with its citation and SIPRI's credit."""
    if not stored:
        return dash.no_update
    if _triggered() == "check-download-json":
        json.loads(stored["json"])  # what is sent is valid JSON
        return dcc.send_string(stored["json"], "claim-check.json")
    return dcc.send_string(stored["markdown"], "claim-check.md")
