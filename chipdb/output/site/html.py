"""The Jinja2 environment (autoescaping on: names, titles and claims are user data) and the
``html`` renderer: any report as one standalone page (its table, its chart inline)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"


@lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["cell"] = cell
    env.filters["weburl"] = weburl
    return env


def weburl(url: str | None) -> str:
    """A link target only if it is an http(s) URL (a ``javascript:`` URL in the data is no link)."""
    url = (url or "").strip()
    return url if url.lower().startswith(("https://", "http://")) else ""


def cell(value: Any) -> str:
    """A table cell as text: nothing for None, floats without binary noise, control characters
    shown escaped (the template escapes the markup)."""
    from chipdb.output.registry import plain_number, visible

    if value is None:
        return ""
    if isinstance(value, float):
        value = plain_number(value)
    return str(visible(value if isinstance(value, str) else str(value), keep_newlines=True))


def script_json(data: Any):
    """JSON for a ``<script type="application/ld+json">`` element: ``<``, ``>`` and ``&`` escaped
    as JSON unicode escapes, so no text in the data can close the element."""
    from markupsafe import Markup

    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


def inline_svg(chart) -> Any:
    """A chart drawn as an ``<svg>`` element to put in a page: the site's kinds (a device's
    roofline, the claims' intervals, the comparison's bars) written directly
    (``chipdb.output.charts.svg``, its texts escaped), any other by matplotlib (its texts are
    paths, the words only in comments, which it escapes)."""
    from markupsafe import Markup

    from chipdb.output.charts.svg import chart_svg

    if chart is None:
        return None
    drawn = chart_svg(chart)
    if drawn is not None:
        return Markup(drawn)
    from chipdb.output.charts.draw import svg_text

    return Markup(svg_text(chart))


def stylesheet() -> str:
    """site.css, with each verdict's colour from ``Verdict`` (the charts use the same)."""
    from chipdb.domain.claimspec import Verdict

    rules = "".join(f".verdict.{v.css} {{ background: {v.colour}; }}\n" for v in Verdict)
    return (STATIC / "site.css").read_text(encoding="utf-8") + rules


def render_html(report, out) -> None:
    env = environment()
    if report.page is not None:
        template, context = report.page
        out.write(env.get_template(template).render(
            title=report.title or "chipdb", css=stylesheet(),
            segments=_segments(context["result"].text, context["items"]), script_json=script_json, **context))
        return
    rows = [list(row) for row in report.rows]
    out.write(env.get_template("report.html").render(
        title=report.title.strip().splitlines()[0] if report.title.strip() else "chipdb",
        heading=report.title, columns=report.columns, rows=rows, footer=report.footer, text=report.text,
        chart=inline_svg(report.chart), css=stylesheet()))


def _segments(text: str, items: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any] | None]]:
    """The text cut at the marked spans (an item overlapping an earlier one is listed, not marked)."""
    out: list[tuple[str, dict[str, Any] | None]] = []
    at = 0
    for item in items:
        start, end = item["span"]
        if start < at:
            continue
        out.append((text[at:start], None))
        out.append((text[start:end], item))
        at = end
    out.append((text[at:], None))
    return out
