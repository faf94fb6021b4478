"""Free-text claims, in English or Chinese (simplified or traditional): a sentence, a paragraph or
a whole article (plain text, Markdown or HTML) in, every comparison it makes checked out.

The grammar is data (``grammar/en.toml``, ``grammar/zh.toml``); ``finder`` finds the comparisons,
``reader`` checks them; this module is the entry point the CLI and the Python API call.
"""

from __future__ import annotations

from sqlalchemy import Connection

from chipdb.claims.document import parse_date, read
from chipdb.claims.reader import DocumentResult, Given, Shared, check_document
from chipdb.domain import vocab
from chipdb.domain.errors import UsageError
from chipdb.domain.resolve import Options

FORMS = [
    "A has Nx the [QUALIFIERS] METRIC of B;  A offers N times more METRIC than B;  A has N% more METRIC than B",
    "A's METRIC is double / almost twice / over 3x B's;  a 4.7X increase in METRIC compared to B;  A has less METRIC than B",
    "A的[QUALIFIERS]METRIC是B的N倍;  A相比B在METRIC上提升了N倍 (read both as N times as much and as increased by N times)",
    "A的METRIC比B高出N%, 多N%, 低N%;  较B提升107%;  只有B的20%左右;  是B的两倍以上;  A的METRIC高于B, 低于B",
]


def check_text(conn: Connection, text: str, options: Options = Options(), given: Given = Given(),
               whole_text: bool = True, shared: Shared | None = None) -> DocumentResult:
    """Every claim in ``text``. With ``whole_text`` False (a claim typed on the command line), a
    text in which nothing is found is an error that shows the forms chipdb reads. ``shared``: what
    many texts checked against one unchanging database read once (``Shared()``)."""
    if given.date and not parse_date(given.date):
        raise UsageError(f"--date {given.date!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", "date")
    result = check_document(conn, read(text), options, given, shared)
    if not whole_text and not result.claims and not result.not_spec:
        raise UsageError(unreadable(text))
    return result


def unreadable(text: str) -> str:
    forms = "\n".join(f"  {form}" for form in FORMS)
    return (f"found no comparison of two devices in {text[:200]!r}; chipdb reads claims such as:\n{forms}\n"
            "METRIC is compute (算力), memory capacity (内存, 显存), memory bandwidth (带宽), power (功耗), "
            "interconnect bandwidth and more; QUALIFIERS are precisions "
            f"({', '.join(vocab.PRECISIONS)}) and dense or sparse (稠密, 稀疏). Name both devices, or give one with "
            "--subject / --baseline.")


def given_qualifiers(**given: str | None) -> dict[str, str]:
    """Qualifiers asked for beside the text (precision="BF16"), checked against the vocabulary."""
    out = {}
    for q, value in given.items():
        value = (value or "").strip().lower()
        if q not in vocab.QUALIFIERS:
            raise UsageError(f"{q} is not a qualifier; qualifiers are: {', '.join(vocab.QUALIFIERS)}")
        if value and value not in vocab.QUALIFIER_VALUES[q]:
            raise UsageError(f"{q} {value!r} is not one of: {', '.join(vocab.QUALIFIER_VALUES[q])}", q)
        if value:
            out[q] = value
    return out
