"""What dataset importers share: matching a dataset's names to devices, vendors, and the rank
rule for a dataset's statements (never displacing a curated preferred one)."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Connection, func, select

from chipdb.store import tables as T
from chipdb.store.statements import statements_select
from chipdb.domain import vocab
from chipdb.domain.records import Statement
from chipdb.package.csvformat import TABLES_BY_NAME, Package, Row
from chipdb.package.validate import chunks

NEW = "new"  # in a map file: create a device for this name, match nothing


@lru_cache(maxsize=65536)  # an import slugs the same names again and again
def slugify(text: str) -> str:
    """A slug for a name, transliterated to ASCII (昇腾 -> shengteng, ＡＣＭＥ -> acme); "" when the
    name has no letter or digit to make one from."""
    from anyascii import anyascii

    ascii_text = anyascii(unicodedata.normalize("NFKC", text))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.casefold()).strip("-")[:100].strip("-")


def has_word(name: str) -> bool:
    """Whether ``name`` has a letter or digit: what a device can be looked up and slugged by."""
    return bool(vocab.normalize_name(name)) and bool(slugify(name))


def read_map(path: Path | None, pkg: Package, name_column: str) -> dict[str, str]:
    """A mapping file (CSV with columns ``name_column``, device_slug): dataset name -> slug or "new"."""
    if path is None:
        return {}
    out: dict[str, str] = {}
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            if not reader.fieldnames or name_column not in reader.fieldnames or "device_slug" not in reader.fieldnames:
                pkg.problem(str(path), 1, None, f"a map file needs the columns {name_column},device_slug")
                return {}
            lines: dict[str, int] = {}
            for row in reader:
                name, slug = (row.get(name_column) or "").strip(), (row.get("device_slug") or "").strip()
                if name and name in lines:
                    pkg.problem(str(path), reader.line_num, name_column, f"{name!r} is mapped twice (line "
                                f"{lines[name]} and here); keep one line per name")
                elif name and slug:
                    out[name] = slug
                    lines[name] = reader.line_num
                elif name or slug:
                    pkg.problem(str(path), reader.line_num, None, f"needs both {name_column} and device_slug")
    except OSError as exc:
        pkg.problem(str(path), None, None, exc.strerror or str(exc))
    return out


@dataclass(frozen=True)
class Known:
    slug: str
    name: str
    kind: str


class DeviceIndex:
    """The database's devices whose slug, name or alias is one of the names asked about."""

    def __init__(self, conn: Connection, names: list[str]) -> None:
        keys = {vocab.normalize_name(n) for n in names} - {""}
        slugs = {slugify(n) for n in names} - {""}
        d, a = T.devices.c, T.aliases.c
        self.by_key: dict[str, set[str]] = defaultdict(set)
        self.devices: dict[str, Known] = {}
        self.aliases: set[tuple[str, str]] = set()  # (alias_key, slug)
        by_name = select(d.slug, d.name, d.kind, d.name_key)
        by_alias = select(d.slug, d.name, d.kind, a.alias_key).select_from(T.aliases).join(T.devices, a.device_id == d.id)
        by_slug = select(d.slug, d.name, d.kind)
        # the names a dataset asks about may outnumber the database's: then every row is read once
        # and the names looked up here, not thousands sent to the database to look up
        known = conn.scalar(select(func.count()).select_from(T.devices)) + \
            conn.scalar(select(func.count()).select_from(T.aliases))
        whole = len(keys) + len(slugs) > known
        for chunk in [None] if whole else chunks(sorted(keys)):
            for slug, name, kind, key in conn.execute(by_name if whole else by_name.where(d.name_key.in_(chunk))):
                if key in keys:
                    self._add(key, Known(slug, name, kind))
            for slug, name, kind, key in conn.execute(by_alias if whole else by_alias.where(a.alias_key.in_(chunk))):
                if key in keys:
                    self._add(key, Known(slug, name, kind))
                    self.aliases.add((key, slug))
        for chunk in [None] if whole else chunks(sorted(slugs)):
            for slug, name, kind in conn.execute(by_slug if whole else by_slug.where(d.slug.in_(chunk))):
                if slug in slugs:
                    self._add(vocab.normalize_name(slug), Known(slug, name, kind))

    def accelerator_part(self, conn: Connection, slug: str) -> Known | None:
        """A system's one accelerator part: the only accelerator among its direct components (a
        superchip's GPU), else None (a rack of superchips, or a system of several accelerators)."""
        c, d, sys = T.components.c, T.devices.c, T.devices.alias("system")
        parts = conn.execute(select(d.slug, d.name, d.kind).select_from(T.components)
                             .join(T.devices, c.part_id == d.id).join(sys, c.system_id == sys.c.id)
                             .where(sys.c.slug == slug, d.kind == "accelerator")).all()
        if len(parts) != 1:
            return None
        part = Known(*parts[0])
        self.devices[part.slug] = part
        return part

    def _add(self, key: str, dev: Known) -> None:
        self.by_key[key].add(dev.slug)
        self.devices[dev.slug] = dev

    def find(self, name: str) -> set[str]:
        return set(self.by_key.get(vocab.normalize_name(name), ()))

    def created_before(self, *names: str) -> str | None:
        """The device an earlier import created under one of ``names`` (its slug and name), if any."""
        for name in names:
            dev = self.devices.get(slugify(name))
            if dev is not None and dev.name == name:
                return dev.slug
        return None

    def taken(self, name: str) -> bool:
        return bool(self.find(name)) or slugify(name) in self.devices


def without_vendor(name: str, vendor: str) -> str:
    """``name`` without a leading vendor word: "NVIDIA H100 SXM5 80GB" -> "H100 SXM5 80GB"."""
    words = name.split()
    heads = {vocab.normalize_name(vendor), vocab.normalize_name(vendor.split()[0]) if vendor.split() else ""} - {""}
    if len(words) > 1 and vocab.normalize_name(words[0]) in heads:
        return " ".join(words[1:])
    return name


class Vendors:
    """Vendor keys for the names a dataset gives, creating vendors (rows of the package) as needed."""

    def __init__(self, conn: Connection, pkg: Package, file: str) -> None:
        v = T.vendors.c
        self.pkg, self.file = pkg, file
        self.by_key: dict[str, str] = {}
        for key, name in conn.execute(select(v.key, v.name)):
            self.by_key[vocab.normalize_name(name)] = key
            self.by_key.setdefault(vocab.normalize_name(key), key)

    def key(self, name: str, line: int | None) -> str:
        name = name.strip() or "Unstated"
        found = self.by_key.get(vocab.normalize_name(name))
        if found:
            return found
        by_word = {self.by_key[w] for w in map(vocab.normalize_name, name.split()) if w in self.by_key}
        if len(by_word) == 1:  # "Amazon AWS" is the vendor aws
            return by_word.pop()
        key = slugify(name) or "unstated"
        self.pkg.rows.setdefault("vendors", []).append(
            Row("vendors", self.file, line, {"key": key, "name": name if name != "Unstated" else
                                              "Vendor not stated in the dataset", "url": ""}))
        self.by_key[vocab.normalize_name(name)] = key
        return key


def _family(key: str, family: str) -> bool:
    return bool(family) and key.startswith(family)


def assign_ranks(conn: Connection, pkg: Package, family: str = "") -> None:
    """Rank the package's statements: ``preferred`` with reason "only source" where the database
    has no statement from another source for the device, metric and qualifiers, else ``normal``:
    a dataset never displaces a curated value. Releases of one dataset (source keys starting with
    ``family``) supersede each other: the older release's statement is deprecated."""
    rows = pkg.rows.get("statements", [])
    slugs = sorted({r.cells["device"] for r in rows})
    existing: dict[tuple, list[Statement]] = defaultdict(list)
    for chunk in chunks(slugs):
        for row in conn.execute(statements_select().where(T.devices.c.slug.in_(chunk))):
            st = Statement.from_row(row)
            existing[(st.device, st.metric, *st.quals.as_dict().values())].append(st)
    demoted = []
    held = {key[0] for key in existing}  # devices with statements: only theirs need comparing
    for row in rows:
        c = row.cells
        if c["device"] not in held:  # no other statement: the only source, unless judged doubtful
            if c.get("rank") != "deprecated":
                c["rank"], c["reason"] = "preferred", "only source"
            continue
        source = c["source"]
        others = [o for o in existing[(c["device"], c["metric"], *(c.get(q, "") for q in vocab.QUALIFIERS))]
                  if o.source.key != source]
        releases = [o for o in others if _family(o.source.key, family)]
        newer = sorted(o.source.key for o in releases if o.source.key > source)
        if newer:
            c["rank"], c["reason"] = "deprecated", f"superseded by {newer[-1]}"
        elif c.get("rank") == "deprecated":
            pass  # the importer judged the cell doubtful (its reason says why): shown, never used
        elif len(releases) < len(others):
            c["rank"], c["reason"] = "normal", ""
        else:
            c["rank"], c["reason"] = "preferred", "only source"
        if not newer:
            for old in releases:
                if old.reason != f"superseded by {source}":
                    cells = statement_cells(old)
                    cells.update(rank="deprecated", reason=f"superseded by {source}")
                    demoted.append(Row("statements", row.file, row.line, cells))
    rows.extend(demoted)


def statement_cells(st: Statement) -> dict[str, str]:
    """A stored statement as the cells of a statements.csv row, named as the package names them
    (``value`` is the value as printed; a reference is the key of what it names)."""
    return {c.name: st.source.key if c.ref == "sources" else getattr(st, c.name if c.ref else c.attr or c.name)
            for c in TABLES_BY_NAME["statements"].columns}
