"""Text as the claim grammar reads it: NFKC (full-width digits and punctuation to ASCII),
traditional Chinese characters to simplified (OpenCC), Chinese vendor and product words to the Latin
names devices carry, lower case; with a map from every folded character back to the original,
so that what is found is reported at its place in the text as written."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from chipdb.claims.grammar import folding

_QUOTES = {"\u00b4": "'", "\u2019": "'", "\u2018": "'", "`": "'", "\u2032": "'", "\u02bc": "'"}
CJK = re.compile(r"[\u3400-\u9fff]")
_MARKS = frozenset("®©℠")  # trademark signs, dropped ("Intel® Gaudi® 3"); "™", which NFKC makes "tm", is dropped before it


@dataclass(frozen=True)
class Folded:
    original: str
    text: str
    index: tuple[int, ...]  # folded position -> original position (one past the end included)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of folded[start:end]."""
        if end <= start:
            return self.index[start], self.index[start]
        return self.index[start], self.index[end - 1] + 1

    def original_text(self, start: int, end: int) -> str:
        a, b = self.span(start, end)
        return self.original[a:b]


@lru_cache(maxsize=None)
def _t2s():
    """OpenCC's traditional-to-simplified conversion (imported only for Chinese text)."""
    import opencc

    return opencc.OpenCC("t2s")


def _simplified(text: str) -> str:
    """Traditional characters as simplified ones, one for one, so positions stay where they are."""
    if not CJK.search(text):
        return text
    converter = _t2s()
    whole = converter.convert(text)
    if len(whole) == len(text):
        return whole
    return "".join(c if len(c := converter.convert(ch)) == 1 else ch for ch in text)


def fold(text: str) -> Folded:
    if text.isascii() and "`" not in text:
        return Folded(text, text.lower(), tuple(range(len(text) + 1)))
    _, words = folding()
    text_simplified = _simplified(text)
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text_simplified):
        ch = _QUOTES.get(ch, ch)
        if ch == "\u2122":  # "™"
            continue
        folded = (unicodedata.normalize("NFKC", ch) if ord(ch) > 127 else ch).lower()
        for c in folded:
            if unicodedata.category(c) == "Mn" or c in _MARKS:  # a combining mark left by NFKC (the acute
                continue  # of "´"); a trademark sign ("Intel® Gaudi® 3", "Instinct™ MI300X")
            out.append(c)
            index.append(i)
    flat = "".join(out)
    if words and CJK.search(flat):
        pattern = _word_pattern()
        pieces, new_index, last = [], [], 0
        for m in pattern.finditer(flat):
            pieces.append(flat[last:m.start()])
            new_index.extend(index[last:m.start()])
            replacement = words[m.group(0)].lower()
            # Latin next to Latin needs a space: "英伟达GB200" -> "nvidia gb200"
            if not replacement.endswith(" ") and m.end() < len(flat) and flat[m.end()].isalnum() and flat[m.end()].isascii():
                replacement += " "
            pieces.append(replacement)
            new_index.extend([index[m.start()]] * len(replacement))
            last = m.end()
        pieces.append(flat[last:])
        new_index.extend(index[last:])
        flat = "".join(pieces)
        index = new_index
    index.append(len(text))
    return Folded(text, flat, tuple(index))


@lru_cache(maxsize=None)
def _word_pattern() -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in sorted(folding()[1], key=len, reverse=True)))


_ABBREVIATIONS = ("vs", "e.g", "i.e", "approx", "inc", "u.s", "no", "fig", "mr", "dr", "etc", "ca", "st", "jr", "sr", "co")
# "?" run into a digit or a Latin letter ("使用?141GB") stands for a lost space, not a question
# (not an ellipsis, which runs on: "Same Bandwidth… and Double HBM4 Memory")
_END = re.compile(r"[。!！？]+|\?+(?![0-9a-z])|\n+|(?<!\.\.)\.(?:\[\d+\])*(?=\s+|$)", re.I)  # "….[1][3] The L4"


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: split at 。!? and line breaks, and at a full stop followed by a space that
    does not end an abbreviation ("vs.") or stand between digits."""
    spans, start = [], 0
    for m in _END.finditer(text):
        if m.group(0).startswith("."):
            before = text[max(0, m.start() - 6):m.start()].lower()
            word = re.search(r"[a-z.]+$", before)
            if word and word.group(0).strip(".") in _ABBREVIATIONS:
                continue
        end = m.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans
