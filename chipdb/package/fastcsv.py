"""A large package file read a chunk of columns at a time by pandas' C parser, where the csv
module would read it the same.

The csv module (``csvformat.read_csv``) makes each record a list in Python, which is most of the
cost of reading a file of a million statements, and the file is read twice when it is too large
to keep (``columns.CACHE_ROWS``). pandas' parser reads a chunk's columns in C, several times
faster. The two agree on a file whose every line after the header is one record of exactly the
header's number of fields, each either unquoted with no quote in it or quoted with its quotes
doubled and no line break, and whose lines begin with a letter or a digit (so no record is blank,
which the csv module skips) and end in a line feed, or a carriage return and a line feed (a NUL
byte, another carriage return or a line longer than the csv module's cell limit sends a file to
the csv module): a regular expression
checks that on the bytes, block by block, before pandas is imported. Any other file, and a file
too small to repay importing pandas, is read by the csv module, which says where it goes wrong.
Then each record is its line: the header is line 1.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterator

FAST_BYTES = 4 << 20  # a smaller file is read by the csv module: importing pandas (0.3 s) would cost more than it saves
_BLOCK = 1 << 20


@lru_cache(maxsize=8)
def _lines(width: int) -> tuple[re.Pattern, re.Pattern]:
    """(any number of whole lines, one last line without its line break) of ``width`` fields."""
    field = rb'(?:"(?:[^"\n\r\x00]++|"")*+"|[^",\n\r\x00]*+)'
    first = rb'(?:[0-9A-Za-z][^",\n\r\x00]*+)'
    line = first + rb"(?:," + field + rb"){%d}" % (width - 1)
    return re.compile(rb"(?:" + line + rb"\r?\n)*+"), re.compile(line)


def regular_records(file: Path, width: int) -> int | None:
    """The number of records after the header line when the file is regular (above) and large
    enough to read with pandas; otherwise None."""
    if width < 2 or file.stat().st_size < FAST_BYTES:
        return None
    lines, last = _lines(width)
    longest = csv.field_size_limit()  # a longer cell is an error to the csv module; a line this short holds none
    count = 0
    with file.open("rb") as f:
        f.readline()  # the header, read by the csv module (as one line: see ``usable``)
        rest = b""
        while block := f.read(_BLOCK):
            block = rest + block
            end = block.rfind(b"\n") + 1
            whole, rest = block[:end], block[end:]
            if not lines.fullmatch(whole) or _longest_line(whole) > longest:
                return None
            count += whole.count(b"\n")
            if len(rest) > longest:
                return None
        if rest:
            if not last.fullmatch(rest):
                return None
            count += 1
    return count


def _longest_line(block: bytes) -> int:
    import numpy as np

    ends = np.flatnonzero(np.frombuffer(block, dtype=np.uint8) == 10)
    return int(max(ends[0] + 1, np.diff(ends).max(initial=0))) if len(ends) else len(block)


def column_batches(file: Path, width: int, size: int, records: int) -> Iterator[tuple[list[int], list[list[str]]]]:
    """(the line of each record, the records' cells a column at a time), ``size`` records a batch,
    of a file ``regular_records`` found regular with ``records`` records."""
    import pandas as pd

    start, done = 2, 0
    reader = pd.read_csv(file, header=None, skiprows=1, names=range(width), dtype=object, na_filter=False,
                         skip_blank_lines=False, chunksize=size, engine="c", encoding="utf-8", quotechar='"',
                         doublequote=True, escapechar=None, comment=None)
    with reader:
        for frame in reader:
            n = len(frame)
            yield list(range(start, start + n)), [frame[i].tolist() for i in range(width)]
            start, done = start + n, done + n
    if done != records:  # the check above makes this impossible; were it not, writing would be wrong
        raise RuntimeError(f"{file}: pandas read {done} records where there are {records}")
