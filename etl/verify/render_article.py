"""An article's check as text, Markdown and JSON (pure functions: ArticleCheck -> str)."""

from __future__ import annotations

import html
from typing import Any

from etl.schemas import figure_text
from etl.verify.article import ArticleCheck
from etl.verify.render import _json as to_json
from etl.verify.verdicts import CheckResult

FORMATS = ("text", "markdown", "json")


def article_json(check: ArticleCheck) -> str:
    """The JSON contract (see the README): release, data_generated, citation, claims, no_claim."""
    return to_json(check.as_dict())


def _years(result: CheckResult) -> str:
    claim = result.claim
    if claim.from_year is None and claim.to_year is None:
        return "not stated"
    if claim.from_year == claim.to_year:
        return str(claim.from_year)
    return f"{claim.from_year or '...'}-{claim.to_year or '...'}"


def _stage(result: CheckResult) -> str:
    claim = result.claim
    stage = claim.stage or "not stated"
    extras = []
    if claim.prospective:
        extras.append("a future or new deal")
    if claim.negated:
        extras.append(f"negated: '{claim.negation_text}'")
    if claim.years_of == "order":
        extras.append("years of the order")
    return stage + (f" ({'; '.join(extras)})" if extras else "")


def article_text(check: ArticleCheck) -> str:
    lines = [f"Article check: {len(check.results)} claim(s); release {check.release} "
             f"(data generated {check.data_generated})"
             + (f"; article dated {check.article_date.isoformat()}" if check.article_date else ""), ""]
    if not check.results:
        lines += ["No arms-transfer claim found in the text.", ""]
    for number, result in enumerate(check.results, start=1):
        claim = result.claim
        lines.append(f"{number}. \"{claim.sentence or claim.text}\"")
        lines.append(f"   Pair: {claim.pair_text}")
        lines.append(f"   Why: {claim.direction_cue or 'set as fields'}")
        lines.append(f"   Stage: {_stage(result)}; years: {_years(result)}")
        for part in result.parts:
            lines.append(f"   - [{part.verdict}] {part.kind}: {part.text}")
            lines.append(f"       {part.summary}")
            for item in part.explanation:
                lines.append(f"       * {item}")
            for deal in part.deals:
                score = f", match {deal['match']} {deal['match_score']}" if deal.get("match") else ""
                lines.append(f"       evidence: {deal['summary']} ({deal['source_file']}, line "
                             f"{deal['source_line']}{score})")
                if deal.get("comments"):
                    lines.append(f"         comments: {deal['comments']}")
        lines.append("")
    if check.article.left_out:
        lines += [check.article.left_out, ""]
    if check.no_claim:
        lines.append(f"Sentences with no arms-transfer claim ({len(check.no_claim)}):")
        lines += [f"  - {sentence}" for sentence in check.no_claim]
        lines.append("")
    if check.results:
        lines += [note for note in check.results[0].notes if note.startswith(("SIPRI includes", "Checked against"))]
    lines += ["", check.credit, f"Cite as: {check.citation['text']}"]
    return "\n".join(lines)


def md(value: object) -> str:
    """Text as Markdown shows it: HTML escaped (a claim's markup stays text), pipes and
    newlines made safe for a table cell."""
    return html.escape(str(value), quote=False).replace("|", "\\|").replace("\n", " ").replace("`", "'")


def article_markdown(check: ArticleCheck) -> str:
    out = ["# Article check", "",
           f"Release {md(check.release)} of the SIPRI Arms Transfers Database (data generated "
           f"{md(check.data_generated)}); {len(check.results)} claim(s).", ""]
    for number, result in enumerate(check.results, start=1):
        claim = result.claim
        out += [f"## Claim {number}: {md(claim.pair_text)}", "", f"> {md(claim.sentence or claim.text)}", "",
                f"- Why this pair: {md(claim.direction_cue or 'set as fields')}",
                f"- Stage: {md(_stage(result))}; years: {md(_years(result))}", ""]
        for part in result.parts:
            out += [f"### {md(part.label)}: {md(part.text)}", "", f"`{part.verdict}`: {md(part.summary)}", ""]
            out += [f"- {md(item)}" for item in part.explanation]
            if part.explanation:
                out.append("")
            if part.deals:
                out += ["| supplier | recipient | designation | description | ordered | order year | "
                        "delivered | delivery years | comments | match |", "|---|---|---|---|---|---|---|---|---|---|"]
                for d in part.deals:
                    out.append("| " + " | ".join(md(x) for x in (
                        d["supplier"], d["recipient"], d["designation"], d["description"],
                        figure_text(d["units_ordered"], d["units_ordered_estimated"]),
                        figure_text(d["order_year"], d["order_year_estimated"]),
                        figure_text(d["units_delivered"], d["units_delivered_estimated"]),
                        d["delivery_years"] or "", d["comments"] or "",
                        f"{d.get('match', '')} {d.get('match_score', '')}".strip(),
                    )) + " |")
                out.append("")
        out += ["Notes:", ""] + [f"- {md(n)}" for n in result.notes] + [""]
    if check.article.left_out:
        out += [md(check.article.left_out), ""]
    if check.no_claim:
        out += [f"## Sentences with no arms-transfer claim ({len(check.no_claim)})", ""]
        out += [f"- {md(s)}" for s in check.no_claim] + [""]
    out += ["## Source and citation", "", md(check.credit), "", md(check.citation["text"]), "",
            "```bibtex", check.citation["bibtex"].replace("```", "'''"), "```", "", "```",
            check.citation["ris"].replace("```", "'''"), "```", ""]
    return "\n".join(out)


def render_article(check: ArticleCheck, fmt: str) -> str:
    renderers: dict[str, Any] = {"text": article_text, "markdown": article_markdown, "json": article_json}
    return str(renderers[fmt](check))
