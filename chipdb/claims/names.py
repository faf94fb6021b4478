"""Device names as people write them: every device's name, slug and aliases, the name without
its vendor or a parenthesis ("B200 (HGX B200)" is also "B200"), what the parenthesis names
("TPU v6e (Trillium)" is also "Trillium") and families ("Blackwell Ultra"), found in running
text in one pass. A name that several devices answer to gives every candidate, best first."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy import Connection, select

from chipdb.claims.folding import fold
from chipdb.claims.grammar import vendor_names
from chipdb.claims.spans import Mention
from chipdb.domain import spelling
from chipdb.store import tables as T
from chipdb.store.views import release_dates

EXACT, STRIPPED, PREFIX, FAMILY = 0, 1, 2, 3  # how a name was made, best first
_SEP = r"[\s\-_./]*"


@dataclass(frozen=True)
class Device:
    slug: str
    name: str
    kind: str
    vendor: str  # key
    family: str
    main_part: str = ""  # a system's or superchip's main accelerator
    vendor_name: str = ""
    inside: bool = False  # a part of a superchip or system (the GB200's B200), not a card of its own
    released: str = "9999"  # the release date every command shows ("9999" when unknown)
    shortest: int = 99  # the length of its shortest name or alias

    @property
    def first(self) -> tuple[str, bool, int]:
        """Among devices a name gives equally, the family's first: released first, a system's part
        before a card of its own, the shortest name."""
        return self.released, not self.inside, self.shortest


@dataclass
class Gazetteer:
    devices: dict[str, Device]
    names: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # folded name -> (rank, slug)
    vendor_words: tuple[str, ...] = ()
    _regex: re.Pattern | None = None
    _squeezed: dict[str, str] | None = None
    _slipped: dict[str, str] | None = None  # a long word with a letter dropped, run together -> the key
    _models: dict[str, str] | None = None  # slug -> the name its variants share
    built_of: dict[tuple[str, int], tuple[str, ...]] = field(default_factory=dict)  # (part, count) -> systems

    def add(self, name: str, slug: str, rank: int) -> None:
        key = _key(name)
        if len(key) < 2 or key.isdigit():
            return
        entries = self.names.setdefault(key, [])
        if (rank, slug) not in entries and not any(s == slug and r <= rank for r, s in entries):
            entries.append((rank, slug))
        self._regex = self._squeezed = self._slipped = self._models = None

    def regex(self) -> re.Pattern:
        if self._regex is None:
            parts = sorted(self.names, key=len, reverse=True)
            alternatives = "|".join(_pattern(k) for k in parts)
            self._regex = re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?:'s|s)?(?![a-z0-9])")
        return self._regex

    def vendor_key(self, word: str) -> str:
        word = word.lower()
        for device in self.devices.values():
            if word in (device.vendor.lower(), device.vendor_name.lower()):
                return device.vendor
        return word

    def _lookup(self, matched: str) -> str:
        """The name key a match stands for: as written, without a possessive or plural, or with its
        separators dropped ("cdna2" is the family "CDNA 2")."""
        for key in (_key(matched), _key(re.sub(r"('s|s)$", "", matched))):
            if key in self.names:
                return key
            if self._squeezed is None:
                self._squeezed = {k.replace(" ", ""): k for k in self.names}
            if key.replace(" ", "") in self._squeezed:
                return self._squeezed[key.replace(" ", "")]
            if self._slipped is None:
                self._slipped = {v.replace(" ", ""): k for k in self.names for v in _slipped_keys(k)}
            if key.replace(" ", "") in self._slipped:  # "Tranium3", "Trinium 3": Trainium3
                return self._slipped[key.replace(" ", "")]
        return _key(matched)

    def rank(self, matched: str) -> int:
        """How the name was made: EXACT, STRIPPED or FAMILY (a family name means many devices)."""
        return min((r for r, _ in self.names.get(self._lookup(matched), [])), default=FAMILY)

    def generation(self, word: str, n: int) -> tuple[str, ...]:
        """The devices of a line's n-th generation ("the fifth-generation TPU": TPU v5e and v5p;
        "third-generation Gaudi": Gaudi 3; "second-generation Trainium": Trainium2)."""
        version = re.compile(rf"(?:{re.escape(word)}\s+v?{n}|{re.escape(word)}{n})[a-z]?(?:\s|$)")
        found = {slug for key, entries in self.names.items() if version.search(key + " ") for _, slug in entries}
        return tuple(sorted(found, key=self._order))

    def newer(self, a: Mention, b: Mention) -> bool:
        """Whether the device ``a`` names first was released after the one ``b`` names first."""
        da, db = (self.devices.get(m.candidates[0]) if m.candidates else None for m in (a, b))
        return da is not None and db is not None and "9999" not in (da.released, db.released) and da.released > db.released

    def _order(self, slug: str) -> tuple:
        device = self.devices.get(slug)
        return (device.first if device is not None else ("9999", True, 99)), slug

    def predecessor(self, slug: str) -> list[str]:
        """The generation before a device, by its name and release date: the latest device of the
        same vendor and kind released before it whose model is the same line with a smaller number
        ("Gaudi 3" -> "Gaudi 2", "TPU v5p" -> "TPU v4", "Trainium3" -> "Trainium2") or the same number
        under another letter ("A100" -> "V100", "H100" -> "A100")."""
        me = self.devices.get(slug)
        if me is None:
            return []

        def model(device: Device) -> tuple[str, int] | None:
            found = re.search(r"([a-z]*)\s?v?(\d+)", _key(re.sub(r"\s*\([^)]*\)", "", device.name)))
            return (found.group(1), int(found.group(2))) if found else None

        mine = model(me)
        if mine is None:
            return []
        groups: dict[tuple[str, int], list[Device]] = {}
        for d in self.devices.values():
            theirs = model(d)
            if d.slug != slug and d.vendor == me.vendor and d.kind == me.kind and theirs is not None:
                groups.setdefault(theirs, []).append(d)
        # when its model came out (a variant's own date may be unknown: the A100 PCIe 80GB's model is the A100's)
        introduced = min(d.released for d in self.devices.values() if self.model_name(d.slug) == self.model_name(slug))
        ranked = []
        for (line, number), members in groups.items():
            released = min(d.released for d in members)
            # a smaller number of as many digits in the same line (not "A40" for "A100"), or the same
            # number under another single letter, released before it
            if line == mine[0] and number < mine[1] and len(str(number)) == len(str(mine[1])):
                ranked.append(((number, released), members))
            elif number == mine[1] and line != mine[0] and len(line) == len(mine[0]) == 1 and released < introduced:
                ranked.append(((0, released), members))
        if not ranked:
            return []
        _, members = max(ranked, key=lambda r: r[0])  # the nearest generation, then its representative device
        def forms(device: Device) -> set[str]:  # "SXM5" and "SXM2" are both SXM
            return {f.rstrip("0123456789") for f in spelling.read(device.name, device_name=True).forms}

        mine_forms = forms(me)  # an SXM part's predecessor is an SXM part
        named = self.candidates(self.model_name(members[0].slug))  # "V100": the variant the bare name means first
        return [d.slug for d in sorted(members, key=lambda d: (not mine_forms & forms(d), d.slug not in named[:1], d.released,
                                                               d.shortest, d.slug))]

    def candidates(self, matched: str) -> list[str]:
        """The devices a matched name may mean, best first. A family's devices come model by model,
        the first released model first, and each model's devices a system's part first ("Blackwell
        Ultra": the GB300's B300), then in the order its bare name gives ("Volta": the V100 that
        "V100" means, the SXM2 32GB, before its other variants)."""
        key = self._lookup(matched)
        entries = sorted(self.names.get(key, []), key=lambda e: (e[0], self._order(e[1])))
        slugs = list(dict.fromkeys(slug for _, slug in entries))
        if len(slugs) < 2 or min(r for r, _ in self.names.get(key, [])) != FAMILY:
            return slugs
        models = {slug: self.model_name(slug) for slug in slugs}
        first_released = {}
        for slug in slugs:
            m = models[slug]
            first_released[m] = min(first_released.get(m, "9999"), self.devices[slug].released)

        def within(slug: str) -> int:
            named = self.candidates(models[slug]) if models[slug] != key else []
            return named.index(slug) if slug in named else len(named)

        return sorted(slugs, key=lambda s: (first_released[models[s]], models[s], not self.devices[s].inside, within(s),
                                            slugs.index(s)))

    def model_name(self, slug: str) -> str:
        """The shortest name with a model number that means the device as written, as a model or
        by a prefix ("v100" for each V100): the name its variants share."""
        if self._models is None:
            self._models = {}
            for key, entries in self.names.items():
                if re.search(r"\d", key):
                    for rank, s in entries:
                        if rank <= PREFIX and len(key) < len(self._models.get(s, key + "_")):
                            self._models[s] = key
        return self._models.get(slug, slug)


def _shortened(name: str) -> list[str]:
    """The shorter names a model is written as: its leading tokens up to a model number
    ("MLU370-X8" -> "MLU370") and the model number without its letter suffix ("TPU v5e" ->
    "TPU v5", "MI300X" -> "MI300"). They may mean several devices: each is a candidate."""
    tokens = _key(name).split(" ")
    out = [" ".join(tokens[:n]) for n in range(1, len(tokens)) if re.search(r"[a-z]*\d", tokens[n - 1])]
    for n in range(1, len(tokens) + 1):
        stem = re.fullmatch(r"([a-z]*\d+)(?!gb|tb)[a-z]{1,2}", tokens[n - 1])  # not "80gb"
        if stem and n == len(tokens) or stem and not re.search(r"\d", " ".join(tokens[n:])):
            out.append(" ".join(tokens[:n - 1] + [stem.group(1)]))
    if len(tokens) == 2 and tokens[0].isalpha() and re.fullmatch(r"(?=.*[a-z])(?=.*\d)[a-z0-9]{3,}", tokens[1]):
        out.append(tokens[1])  # "v5p" for "TPU v5p", "910C" for "Ascend 910C"
        stem = re.fullmatch(r"([a-z]+\d+)(?!gb|tb)[a-z]{1,2}", tokens[1])
        if stem:
            out.append(stem.group(1))  # "MI300" for "Instinct MI300X"
    if len(tokens) >= 3 and tokens[0].isalpha() and re.search(r"\d", " ".join(tokens[1:])):
        out.append(" ".join(tokens[1:]))  # "Rubin NVL144" for "Vera Rubin NVL144"
    if len(tokens) == 2 and tokens[0].isalpha() and re.fullmatch(r"v\d", tokens[1]):
        out.append(tokens[1])  # "v4" for "TPU v4", as a generation is written once its family is known
    return [o for o in out if (len(o.replace(" ", "")) >= 3 or re.fullmatch(r"v\d", o)) and re.search(r"\d", o)]


@lru_cache(maxsize=1 << 16)  # every gazetteer folds every name again: once per name is enough
def _key(name: str) -> str:
    """Folded, with runs of separators as one space: the form names are matched in."""
    return " ".join(re.findall(r"[a-z0-9]+|[^\sa-z0-9\-_./()]", fold(name).text))


@lru_cache(maxsize=1 << 16)
def _pattern(key: str) -> str:
    """A name's tokens with any separators between them; a word run into its number may be written
    apart ("Trainium2" as "Trainium 2" or "Trainium-2"), where the word is long enough not to be an
    article ("a100" is never "a 100"; "TPU7x" may be "TPU 7x")."""
    def token(tok: str) -> str:
        word, rest = _word_and_number(tok)
        spelled = "|".join(map(re.escape, [word, *_slips(word)]))
        return rf"(?:{spelled})[\s\-]?{re.escape(rest)}" if rest else rf"(?:{spelled})"

    return _SEP.join(token(tok) for tok in key.split(" "))


def _word_and_number(tok: str) -> tuple[str, str]:
    """A token's word and the number run into it ("trainium3": "trainium", "3"; "tpu7x": "tpu", "7x"),
    or the token and "" (a one-letter word is never split: "a100" is no "a 100"; nor two letters before
    fewer than three digits, nor a unit's: "MI300X" may be "MI 300X", "GB200" is no "GB 200")."""
    split = re.fullmatch(r"([a-z]{3,}|[a-z]{2}(?=\d{3}))(\d+[a-z]*)", tok)
    if split is None or split.group(1) in _UNITS:
        return tok, ""
    return split.group(1), split.group(2)


_UNITS = frozenset({"gb", "tb", "pb", "mb", "kb", "kw", "mw", "gw", "nm", "mm"})


def _slips(word: str) -> list[str]:
    """A long word written with one letter dropped ("Trainium" as "Tranium" or "Trinium"); a word of
    fewer than seven letters, or with a digit, has none (it would be another name)."""
    if len(word) < 7 or not word.isalpha():
        return []
    return list(dict.fromkeys(word[:i] + word[i + 1:] for i in range(1, len(word))))


def _slipped_keys(key: str) -> list[str]:
    """A key with one of its long words slipped (``_slips``), each way."""
    tokens = key.split(" ")
    out = []
    for i, tok in enumerate(tokens):
        word, rest = _word_and_number(tok)
        out += [" ".join(tokens[:i] + [slip + rest] + tokens[i + 1:]) for slip in _slips(word)]
    return out


def gazetteer(conn: Connection) -> Gazetteer:
    """The names of the database's devices. Read for every text checked; built once for the same
    devices, names and release dates (a Gazetteer is not changed once built)."""
    d, v, a, c = T.devices, T.vendors, T.aliases, T.components
    rows = conn.execute(select(d.c.id, d.c.slug, d.c.name, d.c.kind, d.c.family, v.c.key, v.c.name)
                        .join(v, d.c.vendor_id == v.c.id)).all()
    components = conn.execute(select(c.c.system_id, c.c.part_id, c.c.count)).all()
    aliases = conn.execute(select(d.c.slug, a.c.alias).join(d, a.c.device_id == d.c.id)).all()
    released = {slug: date[:10] for slug, (date, _) in release_dates(conn).items()}
    return _gazetteer(tuple(map(tuple, rows)), tuple(map(tuple, components)), tuple(map(tuple, aliases)),
                      tuple(sorted(released.items())))


@lru_cache(maxsize=4)
def _gazetteer(rows: tuple[tuple, ...], components: tuple[tuple[int, int, int], ...],
               aliases: tuple[tuple[str, str], ...], released: tuple[tuple[str, str], ...]) -> Gazetteer:
    by_id = {r[0]: r for r in rows}
    parts: dict[str, list[tuple[int, str]]] = {}
    for system_id, part_id, count in components:
        if system_id in by_id and part_id in by_id:
            parts.setdefault(by_id[system_id][1], []).append((count, by_id[part_id][1]))
    kinds = {r[1]: r[3] for r in rows}

    def main_part(slug: str, depth: int = 0) -> str:
        """A system's or superchip's main accelerator, through its superchips ("GB300 NVL72" -> B300);
        none for an accelerator, whose parts (a TPU v2's TensorCores, an MI250X's GCDs) are pieces of it."""
        if kinds.get(slug) == "accelerator":
            return ""
        accelerators = [(n, p) for n, p in parts.get(slug, []) if kinds.get(p) == "accelerator"]
        if accelerators:
            return max(accelerators)[1]
        inner = [main_part(p, depth + 1) for _, p in sorted(parts.get(slug, []), reverse=True)] if depth < 3 else []
        return next((p for p in inner if p), "")

    inside = {p for system, members in parts.items() for _, p in members
              if kinds.get(p) == "accelerator" and kinds.get(system) != "accelerator"}
    shortest: dict[str, int] = {r[1]: len(_key(r[2])) for r in rows}
    for slug, alias in aliases:
        shortest[slug] = min(shortest[slug], len(_key(alias)))
    dates = dict(released)
    devices = {r[1]: Device(r[1], r[2], r[3], r[5], r[4] or "", main_part(r[1]), r[6], r[1] in inside,
                            dates.get(r[1], "9999"), shortest[r[1]]) for r in rows}
    vendor_words = tuple(sorted({w.lower() for r in rows for w in (r[5], r[6])}, key=len, reverse=True))
    built_of: dict[tuple[str, int], list[str]] = {}
    for system, members in parts.items():
        for n, part in members:
            built_of.setdefault((part, n), []).append(system)
    g = Gazetteer(devices, vendor_words=vendor_words, built_of={k: tuple(sorted(v)) for k, v in built_of.items()})
    taken: set[str] = set()
    for _, slug, name, *_ in rows:
        g.add(name, slug, EXACT)
        g.add(slug.replace("-", " "), slug, EXACT)
        taken.add(_key(name))
    for slug, alias in aliases:
        g.add(alias, slug, EXACT)
        taken.add(_key(alias))
    for r in rows:
        _, slug, name, kind, family, vkey, vname = r
        bare = name
        for vendor in (vname, vkey):
            if bare.lower().startswith(vendor.lower() + " "):
                bare = bare[len(vendor) + 1:]
        variants = {bare, re.sub(r"\s*\([^)]*\)", "", bare).strip()}
        inside = re.findall(r"\(([^)]*)\)", name)
        for variant in variants:
            if _key(variant) != _key(name):
                g.add(variant, slug, STRIPPED)
            for shorter in _shortened(variant):  # "MLU370" for "MLU370-X8", "TPU v5" for "TPU v5e"
                g.add(shorter, slug, PREFIX)
        for word in inside:
            if _key(word) not in taken and not re.search(r"\d+\s*(gb|hbm)", word.lower()):
                g.add(word, slug, STRIPPED)
        if family and kind == "accelerator":
            g.add(family, slug, FAMILY)
            for word in re.findall(r"\(([^)]*)\)", family):
                g.add(word, slug, FAMILY)
    # a product name's leading word that only one device carries ("CloudMatrix" for CloudMatrix 384)
    vendorish = {w for v in (*vendor_words, *vendor_names()) for w in v.split()}
    leading: dict[str, set[str]] = {}
    for key, entries in list(g.names.items()):
        first = key.split(" ")[0]
        if " " in key and first.isalpha() and len(first) >= 6:
            leading.setdefault(first, set()).update(slug for _, slug in entries)
    for word, slugs in leading.items():
        if len(slugs) == 1 and word not in g.names and word not in vendorish:
            g.add(word, next(iter(slugs)), PREFIX)
    return g
