"""An article as the claim reader takes it: plain text, Markdown or HTML brought to plain text
(block elements on their own lines, markup dropped), and the date it gives for itself, if any
(HTML meta tags, front matter, a "Date:" line, a date standing alone near the top)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
           "section", "article", "header", "footer", "blockquote", "pre", "figcaption", "dd", "dt", "title"}
# what is no part of the prose: code, and asides a sentence's words run around (a footnote, a
# citation mark)
_SKIP = {"script", "style", "noscript", "template", "svg", "head", "d-footnote", "sup"}
_DATE_META = ("article:published_time", "datepublished", "date", "pubdate", "publishdate", "dc.date",
              "og:published_time", "publication_date", "sailthru.date", "parsely-pub-date")
_MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"), 1)}
_ISO = re.compile(r"(?<!\d)(20\d\d|19\d\d)[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?(?!\d)")
_WORDY = re.compile(r"\b(" + "|".join(_MONTHS) + r"|" + "|".join(m[:3] for m in _MONTHS) + r")\.?\s+(\d{1,2}),?\s+(20\d\d)\b", re.I)
_DATE_LINE = re.compile(r"^\s*(?:date|published|posted|updated on|发布时间|發布時間|发布日期|日期|时间)\s*[:：]?\s*(.+)$", re.I)


@dataclass(frozen=True)
class Document:
    text: str
    date: str = ""  # YYYY-MM-DD, YYYY-MM or ""
    date_from: str = ""  # where the date was read


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.meta: dict[str, str] = {}
        self.times: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag in _SKIP:
            self.skip += 1
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.meta[key] = a["content"]
        if tag == "time" and a.get("datetime"):
            self.times.append(a["datetime"])
        if tag in _BLOCKS:
            self.parts.append("\n")
        if tag in ("td", "th"):  # a table's row as a Markdown row, which the claim finder reads by its columns
            self.parts.append(" | ")

    def handle_endtag(self, tag):
        if tag in _SKIP and self.skip:
            self.skip -= 1
        if tag == "tr":
            self.parts.append(" |")
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def read(text: str) -> Document:
    """The text to read claims in, and the date the document gives itself."""
    if re.search(r"<(?:html|body|p|div|article|h[1-6]|meta|span|br)\b|</[a-z][a-z0-9-]*>", text[:5000], re.I):
        parser = _Text()
        parser.feed(text)
        plain = re.sub(r"[ \t]*\n[ \t\n]*", "\n", "".join(parser.parts)).strip()
        for key in _DATE_META:
            if key in parser.meta and (date := parse_date(parser.meta[key])):
                return Document(plain, date, f"the page's {key} meta tag")
        for value in parser.times:
            if date := parse_date(value):
                return Document(plain, date, "the page's <time> element")
        return Document(plain, *_date_in_text(plain))
    plain, front = _markdown(text)
    if front:
        return Document(plain, front, "the front matter")
    return Document(plain, *_date_in_text(plain))


def _markdown(text: str) -> tuple[str, str]:
    """Markdown marks dropped, keeping the words in place (links keep their text)."""
    date = ""
    m = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if m:
        for line in m.group(1).splitlines():
            key, _, value = line.partition(":")
            if key.strip().lower() in ("date", "published", "pubdate"):
                date = parse_date(value.strip().strip("'\"")) or ""
        text = text[m.end():]
    # a percentage in TeX math ("$+217\%$") is a percentage
    text = re.sub(r"\$([^$\n]{0,30}\\%[^$\n]{0,10})\$", lambda m: m.group(1).replace("\\%", "%"), text)
    if not re.search(r"^\s{0,3}(?:#{1,6}\s|[-*+]\s|>\s)|\[[^\]]+\]\([^)]+\)|\*\*[^*]+\*\*", text, re.M):
        return text, date
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}(?:#{1,6}|>|[-*+](?=\s))\s*", "", text, flags=re.M)
    text = re.sub(r"(\*\*|__|\*|`)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    return html.unescape(text), date


def _date_in_text(text: str) -> tuple[str, str]:
    for line in text.splitlines()[:15]:
        m = _DATE_LINE.match(line)
        if m and (date := parse_date(m.group(1))):
            return date, f"the line {line.strip()[:60]!r}"
        stripped = line.strip()
        if stripped and len(stripped) <= 40 and (date := parse_date(stripped)) and _ISO.fullmatch(stripped.rstrip("日")) or (
                stripped and len(stripped) <= 40 and _WORDY.fullmatch(stripped)):
            return parse_date(stripped) or "", f"the line {stripped!r}"
    return "", ""


def parse_date(text: str) -> str | None:
    """2025-04-17, 2025/4/17, 2025年4月17日, April 17, 2025, 2025-04-17T08:00:00Z -> YYYY-MM-DD (or YYYY-MM)."""
    if re.fullmatch(r"\s*(19|20)\d\d\s*", text):
        return text.strip()
    m = _ISO.search(text)
    if m:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
        if 1 <= month <= 12 and 0 <= day <= 31:
            return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
    m = _WORDY.search(text)
    if m:
        word = m.group(1).lower()
        month = _MONTHS.get(word) or next(i for name, i in _MONTHS.items() if name.startswith(word[:3]))
        return f"{int(m.group(3)):04d}-{month:02d}-{int(m.group(2)):02d}"
    return None
