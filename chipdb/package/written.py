"""The statements a load has just written, taken from the package in memory instead of read back
from the database: what a check after an import (``compare_tpp``) reads about the devices the
import created, every statement of which is one of the package's (a ``store.knowledge.Held``)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Connection, select

from chipdb.store import tables as T
from chipdb.store.db import chunks as in_chunks
from chipdb.domain.records import Statement
from chipdb.package.csvformat import Package
from chipdb.package.columns import Chunk
from chipdb.package.statementrows import kept_chunks

# A statement's cells after its value, in the order of ``STATEMENT_COLUMNS`` (the source's
# key standing for its five columns).
_CELLS = ("value", "unit", "status", "source", "locator", "rank", "reason", "note")
_QUALIFIERS = ("precision", "sparsity", "engine", "direction")


class Written:
    """The statements of ``devices`` (created by the load that wrote ``chunks``) as the database
    holds them: the chunks' cells as written, and their values as judged and written."""

    def __init__(self, conn: Connection, chunks: list[Chunk], devices: frozenset[str]) -> None:
        self.conn, self.chunks, self.devices = conn, chunks, devices

    def facts(self, metrics: set[str]) -> dict[tuple[str, str], list[Statement]]:
        m, src = T.metrics.c, T.sources.c
        dimensions = dict(self.conn.execute(select(m.key, m.dimension).where(m.key.in_(sorted(metrics)))).all())
        keys = sorted(set().union(*(chunk.columns["source"] for chunk in self.chunks)))
        sources = {row[0]: tuple(row) for part in in_chunks(keys) for row in self.conn.execute(
            select(src.key, src.title, src.url, src.published, src.kind).where(src.key.in_(part)))}
        devices, out = self.devices, defaultdict(list)
        for chunk in self.chunks:
            c = chunk.columns
            for device, metric, quals, value, (printed, unit, status, source, *rest) in zip(
                    c["device"], c["metric"], zip(*map(c.get, _QUALIFIERS)), chunk.values, zip(*map(c.get, _CELLS))):
                if device in devices and metric in dimensions:  # a row as STATEMENT_COLUMNS reads it
                    out[(device, metric)].append(Statement.from_row(
                        (device, metric, dimensions[metric], *quals, value, printed, unit, status, *sources[source],
                         *rest)))
        return dict(out)


def written(conn: Connection, pkg: Package, new_devices: frozenset[str]) -> Written | None:
    """What ``load_package`` wrote of ``pkg`` about the devices it created (``LoadReport.new_devices``),
    or None where its statements are no longer in memory."""
    chunks = kept_chunks(pkg)
    return Written(conn, chunks, new_devices) if chunks is not None and new_devices else None
