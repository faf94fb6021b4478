"""Devices for a spelling that matches no slug, name, alias or runtime string exactly.

A string is read (``chipdb.domain.spelling``) into a model and the facts it states; each device
is read the same way from its slug, name, aliases and recorded runtime strings, and its facts
are those readings' plus its memory size and memory type statements. The devices whose model the
string names and whose facts it does not contradict are the answer: one is found, several are
an Ambiguous error with what tells them apart, none is a NotFound that says which devices of
that model chipdb has and which stated fact rules each out. Nothing is chosen by closeness.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, func, or_, select

from chipdb.domain import spelling
from chipdb.domain.errors import Ambiguous, NotFound
from chipdb.store import tables as T
from chipdb.store.statements import statement_join

_POOL = 5000


@dataclass
class Known:
    """One device as its spellings read: its models and facts, and its recorded runtime strings."""

    id: int
    slug: str
    name: str
    models: set[str] = field(default_factory=set)
    forms: set[str] = field(default_factory=set)
    memory_gb: set[float] = field(default_factory=set)
    memory_types: set[str] = field(default_factory=set)
    strings: list[tuple[spelling.Reading, int, str]] = field(default_factory=list)  # (reading, id, note)
    power: str = ""

    def agrees(self, r: spelling.Reading) -> str:
        """"" when reading ``r`` fits this device, else the fact that rules it out."""
        if self.forms and not spelling.forms_agree(r.forms, self.forms):
            return f"form factor {', '.join(sorted(r.forms))} (it is {', '.join(sorted(self.forms))})"
        wrong = [g for g in r.memory_gb if self.memory_gb and not spelling.memory_agrees(g, self.memory_gb)]
        if wrong:
            return f"{spelling.Reading((), memory_gb=tuple(wrong)).describe()} (it has {_sizes(self.memory_gb)})"
        if self.memory_types and r.memory_types and not r.memory_types <= self.memory_types:
            return (f"{', '.join(sorted(t.upper() for t in r.memory_types - self.memory_types))} "
                    f"(it has {', '.join(sorted(t.upper() for t in self.memory_types))})")
        return ""

    def facts(self) -> str:
        parts = [f"memory capacity {_sizes(self.memory_gb)}" if self.memory_gb else "",
                 ", ".join(sorted(t.upper() for t in self.memory_types)), ", ".join(sorted(self.forms)), self.power]
        return ", ".join(p for p in parts if p) or "no memory, form factor or power recorded"


@dataclass(frozen=True)
class Match:
    """The device a spelling names, and the recorded runtime string it reads like (if any)."""

    device_id: int
    string_id: int | None


def match(conn: Connection, name: str) -> Match | None:
    """The one device ``name`` names when read as a spelling; None when it names no model chipdb
    knows. Raises Ambiguous (several devices fit) or NotFound (the model is known, but what the
    string states rules out every device of it)."""
    offered = spelling.alternatives(name)
    readings = [spelling.read(text) for text in offered]
    known = _known(conn, {w for r in readings for w in r.words})
    if len(readings) == 1 and readings[0].model and not _of_model(known, readings[0].model):
        split = _split(known, readings[0])  # "MI250X-MI250": two models run together
        if split:
            readings = split
    if len(readings) > 1:
        return _alternatives(name, known, readings)
    reading = readings[0]
    same = _of_model(known, reading.model)
    if not same:
        return None
    fit = [k for k in same if not k.agrees(reading)]
    if len(fit) == 1:
        return Match(fit[0].id, _string_like(fit[0], reading))
    if fit:
        raise Ambiguous(f"{name!r} reads as {reading.model.upper()}{_stating(reading)}, which more than one "
                        f"device is: {_listed(fit)}. How to decide: {_deciding(fit, reading)}; name one of them "
                        "(slug or name)", tuple(sorted(k.slug for k in fit)))
    ruled_out = "; ".join(f"{k.name} ({k.slug}) is not {k.agrees(reading)}" for k in same)
    raise NotFound(f"no device {name!r}; did you mean {', '.join(k.name for k in same)}? It reads as "
                   f"{reading.model.upper()}{_stating(reading)}, which none of chipdb's devices of that model is: "
                   f"{ruled_out} (see: chipdb list)")


def _alternatives(name: str, known: dict[int, Known], readings: list[spelling.Reading]) -> Match | None:
    found: dict[int, Known] = {}
    missing = []
    for r in readings:
        fit = [k for k in _of_model(known, r.model) if not k.agrees(r)]
        found.update((k.id, k) for k in fit)
        if not fit:
            missing.append(r.model.upper())
    if not found:
        return None
    lacking = f"; chipdb has no device for {', '.join(missing)}" if missing else ""
    raise Ambiguous(f"{name!r} names alternatives ({', '.join(r.model.upper() for r in readings)}): "
                    f"{_listed(list(found.values()))}{lacking}. How to decide: {_deciding(list(found.values()))}; "
                    "name one of them (slug or name)", tuple(sorted(k.slug for k in found.values())))


def _split(known: dict[int, Known], reading: spelling.Reading) -> list[spelling.Reading]:
    """The reading as several models when every word of its model is a model by itself."""
    words = reading.words
    if len(words) < 2 or not all(_of_model(known, w) for w in words):
        return []
    return [spelling.Reading((w,), reading.forms, reading.memory_gb, reading.memory_types) for w in words]


def _of_model(known: dict[int, Known], model: str) -> list[Known]:
    return sorted((k for k in known.values() if model in k.models), key=lambda k: k.slug)


def _string_like(k: Known, reading: spelling.Reading) -> int | None:
    """The recorded runtime string of ``k`` that ``reading`` is a spelling of, if one is: of the
    same model, the one sharing most of the facts ``reading`` states, then the one stating most."""
    def shared(r: spelling.Reading, string_id: int) -> tuple[int, int, int]:
        same = (len(r.forms & reading.forms) + len(r.memory_types & reading.memory_types)
                + sum(spelling.memory_agrees(g, set(r.memory_gb)) for g in reading.memory_gb))
        return same, len(r.forms) + len(r.memory_gb) + len(r.memory_types), -string_id

    like = [(shared(r, string_id), string_id) for r, string_id, _ in k.strings if r.model == reading.model]
    return max(like)[1] if like else None


def _known(conn: Connection, words: set[str]) -> dict[int, Known]:
    """The devices any of whose keys holds one of the model ``words`` (each spelling of a
    device with such a model does), with all their spellings read and their facts."""
    d, a, s = T.devices.c, T.aliases.c, T.device_strings.c
    words = {w for w in words if len(w) >= 2}
    if not words:
        return {}
    like = [lambda col, w=w: col.like(f"%{w}%") for w in words]
    ids = set(conn.scalars(select(d.id).where(or_(*(f(d.name_key) for f in like),
                                                   *(f(func.replace(d.slug, "-", "")) for f in like))).limit(_POOL)))
    ids |= set(conn.scalars(select(a.device_id).where(or_(*(f(a.alias_key) for f in like))).limit(_POOL)))
    ids |= set(conn.scalars(select(s.device_id).where(or_(*(f(s.string_key) for f in like))).limit(_POOL)))
    if not ids:
        return {}
    known = {i: Known(i, slug, name) for i, slug, name in conn.execute(
        select(d.id, d.slug, d.name).where(d.id.in_(ids)))}
    for i, k in known.items():
        _add(k, spelling.read(k.slug.replace("-", " ")))
        _add(k, spelling.read(k.name, device_name=True))
    for i, alias in conn.execute(select(a.device_id, a.alias).where(a.device_id.in_(ids))):
        _add(known[i], spelling.read(alias))
    for sid, i, string, note in conn.execute(select(s.id, s.device_id, s.string, s.note).where(s.device_id.in_(ids))):
        r = spelling.read(string)
        _add(known[i], r)
        known[i].strings.append((r, sid, note or ""))
    _statement_facts(conn, known)
    return known


def _add(k: Known, r: spelling.Reading) -> None:
    if r.model:
        k.models.add(r.model)
    k.forms |= r.forms
    k.memory_gb |= set(r.memory_gb)
    k.memory_types |= {t.lower() for t in r.memory_types}


def _statement_facts(conn: Connection, known: dict[int, Known]) -> None:
    """Memory sizes (device and CPU memory: "GH200 480GB" counts its LPDDR5X), the preferred
    memory type, and the preferred power of each device."""
    from chipdb.domain.vocab import format_quantity

    st, m = T.statements.c, T.metrics.c
    rows = conn.execute(statement_join(st.device_id, m.key, m.dimension, st.value, st.value_printed, st.rank,
                                       device=False)
                        .where(st.device_id.in_(list(known)), st.precision == "",
                               m.key.in_(("memory_capacity", "cpu_memory_capacity", "memory_type", "power"))))
    for device_id, metric, dimension, value, printed, rank in rows:
        k = known[device_id]
        if metric.endswith("memory_capacity") and value:
            k.memory_gb.add(round(value / 1e9, 1))
        elif metric == "memory_type" and rank == "preferred" and printed:
            k.memory_types.add(printed.lower())
        elif metric == "power" and rank == "preferred" and value:
            k.power = f"power {format_quantity(value, dimension)}"


def _sizes(sizes: set[float]) -> str:
    """"80 GB", "141 GB or 144 GB"; a size that is another read as GiB (288 GiB = 309.2 GB) is
    shown once, as printed."""
    shown = [g for g in sorted(sizes) if not any(abs(g - o * 1.073741824) <= 0.005 * g for o in sizes)]
    return " or ".join(f"{g:g} GB" for g in shown)


def _stating(r: spelling.Reading) -> str:
    said = r.describe()
    return f" ({said})" if said else " (no form factor or memory size)"


def _listed(devices: list[Known]) -> str:
    return "; ".join(f"{k.name} ({k.slug}): {k.facts()}" for k in devices)


def _deciding(devices: list[Known], reading: spelling.Reading | None = None) -> str:
    """What the data notes about telling these devices apart (from their runtime strings of the
    same model), else what a runtime can tell apart among them."""
    notes = sorted({note for k in devices for r, _, note in k.strings
                    if note and (reading is None or r.model == reading.model)})
    told = _differences(devices)
    return f"{told} (the data notes: {notes[0]})" if len(notes) == 1 else told


def _differences(devices: list[Known]) -> str:
    """What a runtime can tell apart among ``devices``."""
    told = []
    if len({frozenset(k.forms) for k in devices}) > 1:
        told.append("the form factor (nvidia-smi's name, the board)")
    if len({frozenset(k.memory_gb) for k in devices}) > 1:
        told.append("total memory (torch.cuda.get_device_properties().total_memory, nvidia-smi, rocm-smi)")
    if len({frozenset(k.memory_types) for k in devices}) > 1:
        told.append("the memory type")
    if len({k.power for k in devices}) > 1:
        told.append("the power limit (nvidia-smi, amd-smi)")
    return ", ".join(told) or "the runtime string alone does not: name the device"
