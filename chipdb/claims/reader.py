"""Checking every claim a text makes: the comparisons ``chipdb.claims.finder`` finds, read against
the database. A name that means several devices gives a reading per candidate; the absolute values
the sentence states ("B200's 4500 TFLOPS") pick the primary one and are checked themselves. A
claim is checked as of its date (``--date``, or the date the article gives) unless an as-of date
is asked for."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Connection

from chipdb.claims.check import ClaimFact, check
from chipdb.domain.claimspec import Verdict
from chipdb.claims import grammar
from chipdb.claims.document import Document
from chipdb.claims.finder import Context, Found, Mention, find
from chipdb.claims.spans import PREDECESSOR
from chipdb.claims.folding import fold
from chipdb.claims.names import Gazetteer, gazetteer
from chipdb.claims.readings import (BANDWIDTHS, all_in, amount_side, candidates, compared_with, fact_of, like_for_like,
                                    metric_from_amounts, on_a_known_basis, open_qualifiers, order_from_figures,
                                    value_check)
from chipdb.claims.results import Alternative, DocumentResult, Given, NotSpec, TextClaim, ValueCheck
from chipdb.domain import numbers, vocab
from chipdb.domain.errors import ChipDBError
from chipdb.domain.records import Knowledge
from chipdb.domain.resolve import Options, metric_qualifiers

__all__ = ["DocumentResult", "Given", "NotSpec", "TextClaim", "ValueCheck", "check_document"]


class Shared:
    """What checking many texts against one database that does not change meanwhile reads once:
    the names of its devices and the claims it holds (a corpus, a batch of pages)."""

    def __init__(self) -> None:
        self._names: Gazetteer | None = None
        self._stored: list[ClaimFact] | None = None

    def names(self, conn: Connection) -> Gazetteer:
        if self._names is None:
            self._names = gazetteer(conn)
        return self._names

    def stored(self, conn: Connection) -> list[ClaimFact]:
        from chipdb.claims.store import list_claims

        if self._stored is None:
            self._stored = list_claims(conn)
        return self._stored


def check_document(conn: Connection, doc: Document, options: Options = Options(), given: Given = Given(),
                   shared: Shared | None = None) -> DocumentResult:
    """Every claim in ``doc``; ``shared`` keeps what one database gives every text checked against it."""
    from chipdb.analysis.values import check_options

    check_options(options, conn)
    shared = shared or Shared()
    names = shared.names(conn)
    context = Context(given_subject=_given(names, given.subject, conn), given_baseline=_given(names, given.baseline, conn))
    folded = fold(doc.text)
    found = find(folded, names, context)
    for f in found:  # the figure's words as written, not as folded
        f.cue = replace(f.cue, text=folded.original_text(f.sentence[0] + f.cue.start, f.sentence[0] + f.cue.end))
    stored = shared.stored(conn) if found else []
    date, date_from = (given.date, "--date") if given.date else (doc.date, doc.date_from)
    if not date:
        date, date_from = _date_of_a_known_source(doc.text, stored)
    as_of = options.as_of or date or None
    opts = replace(options, as_of=as_of)
    sides = {id(f): _sides(f, names, stored) for f in found if not f.not_spec and f.subject and f.baseline}
    kb = _knowledge(conn, sides, {a.metric for f in found for a, _ in f.amounts}
                    | {a.metric for v in context.stated.values() for a in v})
    claims, not_spec = [], []
    for f in found:
        span = folded.span(f.start, f.end)
        sentence = folded.original_text(*f.sentence).strip()
        words = doc.text[span[0]:span[1]]
        if f.not_spec:
            not_spec.append(NotSpec(span, words, sentence, f.not_spec))
            continue
        item = TextClaim(span, words, sentence, f, date=None if options.as_of else as_of)
        _check(item, kb, names, opts, dict(given.quals), stored, sides.get(id(f), ([], [], "", "")), context.stated)
        if date and not options.as_of:
            item.notes.append(f"checked as of {date}, the claim's date ({date_from})")
        claims.append(item)
    return DocumentResult(claims, not_spec, date, date_from, as_of, doc.text)


def _date_of_a_known_source(text: str, stored: list[ClaimFact]) -> tuple[str, str]:
    """A text that quotes a claim the database holds is that claim's source (or quotes it): its
    publication date is the text's date."""
    for claim in stored:
        if len(claim.text) >= 8 and claim.text in text and claim.source.published:
            return claim.source.published, f"source {claim.source.key}, whose words the text contains"
    return "", ""


def _given(names: Gazetteer, text: str, conn: Connection) -> Mention | None:
    """A device named by --subject/--baseline, read as the text's own names are (so that "B200"
    keeps its candidates for the sentence's numbers to choose from); a slug is that device."""
    if not text:
        return None
    if text in names.devices:
        return Mention(0, 0, text, (text,))
    from chipdb.claims.folding import CJK
    from chipdb.claims.mentions import mentions

    folded = fold(text).text
    named = [m for m in mentions(folded, names, grammar.language("zh" if CJK.search(folded) else "en"), Context())
             if m.candidates and not m.pronoun]
    if named:  # "Google Ironwood (TPU v7)", "NVIDIA GB200 (B200)": the devices every name in it may mean
        def meant(m: Mention) -> list[str]:  # a system's name may mean its accelerator too
            parts = [names.devices[c].main_part for c in m.candidates if c in names.devices]
            return list(dict.fromkeys([*m.candidates, *(p for p in parts if p)]))

        best = min(named, key=lambda m: len(m.candidates))
        common = tuple(c for c in meant(best) if all(c in meant(m) for m in named))
        if common:
            return Mention(0, 0, text, common, noun=best.noun, family=best.family)
    from chipdb.store.lookup import find_device

    return Mention(0, 0, text, (find_device(conn, text).slug,))  # else an error naming the closest ones


def _knowledge(conn: Connection, sides: dict[int, tuple[list[str], list[str], str, str]], more: set[str]) -> Knowledge:
    """One load for every device any claim may mean, and the metrics asked about."""
    from chipdb.store.knowledge import load_knowledge

    slugs = sorted({slug for subjects, baselines, *_ in sides.values() for slug in (*subjects, *baselines)})
    metrics = sorted({m for _, _, metric, _ in sides.values() for m in (metric, "power_all_in" if metric == "power" else metric)
                      if m} | {"compute"} | more | (set(BANDWIDTHS) if more & set(BANDWIDTHS) else set()))
    if not slugs:
        return Knowledge()
    kb, _ = load_knowledge(conn, slugs, metrics)
    return kb


def _sides(f: Found, names: Gazetteer, stored) -> tuple[list[str], list[str], str, str]:
    """The devices each side may mean, best first (a vendor's name alone resolved through the
    database's claims), the metric (amounts bring their own metrics), and how "its predecessor"
    was read, if it was."""
    subjects, baselines = candidates(names, f.subject), candidates(names, f.baseline)
    how = ""
    if f.baseline.vendor == PREDECESSOR and subjects:  # "its predecessor": one of the subject's vendor named before
        me = names.devices[subjects[0]]
        baselines, how = [b for b in f.baseline.candidates if names.devices[b].vendor == me.vendor and b not in subjects][:1], \
            "named before it"
        if not baselines:  # (of those released before it: a predecessor is no later chip, "上代" of the H100 no H20)
            baselines, how = [b for b in compared_with(names, subjects, me.vendor, stored, "baseline")
                              if "9999" in (names.devices[b].released, me.released)
                              or names.devices[b].released < me.released], f"the database's claims compare {me.name} with"
        if not baselines:
            baselines, how = names.predecessor(subjects[0]), f"a generation before {me.name} by name and release date"
    elif not baselines and f.baseline.vendor:
        baselines = compared_with(names, subjects, f.baseline.vendor, stored, "baseline")
    if not subjects and f.subject.vendor:
        subjects = compared_with(names, baselines, f.subject.vendor, stored, "subject")
    return subjects, baselines, f.metric, how


def _check(item: TextClaim, kb: Knowledge, names: Gazetteer, options: Options, given: dict[str, str],
           stored: list[ClaimFact], sides: tuple, stated: dict | None = None) -> None:
    f = item.found
    if f.problem:
        item.reason = f"the sentence {f.problem}"
        return
    if f.subject is None or f.baseline is None or not f.metric:
        item.reason = "the sentence names no pair of devices to compare"
        return
    subjects, baselines, _, how = sides
    if f.baseline.vendor == PREDECESSOR and baselines:
        item.notes.append(f"{f.baseline.text!r} read as {names.devices[baselines[0]].name}, the device {how}")
    elif f.baseline.vendor and baselines:
        item.notes.append(f"{f.baseline.text!r} read as {names.devices[baselines[0]].name}, the {f.baseline.vendor} "
                          "device named before it or that the database's claims compare with")
    if not subjects or not baselines:
        item.reason = f"no device is known as {(f.subject if not subjects else f.baseline).text!r}"
        return
    metric = f.metric
    wanted_here = metric_qualifiers(kb, metric) if metric in kb.metrics or metric in vocab.DERIVED else ()
    quals = {q: v for q, v in f.quals.items() if q in wanted_here}  # "dense" said of compute, not of memory
    wanted = metric_qualifiers(kb, metric) if metric in kb.metrics or metric in vocab.DERIVED else ()
    for q, value in given.items():
        if q not in wanted:
            item.notes.append(f"--{q} {value} ignored: {metric} takes no {q}")
        elif quals.get(q) and quals[q] != value:
            item.reason = f"the text says {quals[q]} but --{q} {value} was asked for"
            return
        else:
            quals[q] = value
    picked = {"subject": subjects, "baseline": baselines}
    decided: set[str] = set()  # the sides a stated value picked
    named: dict[str, str] | None = None  # the qualifiers the words named, when a stated value chose the precision
    metric = metric_from_amounts(item, f, kb, picked, metric)
    for amount, owner in f.amounts:
        side = amount_side(f, amount, owner)
        if not side:
            continue
        parts = [names.devices[s].main_part for s in picked[side] if s in names.devices and names.devices[s].main_part]
        if amount.per_part and parts:  # "the GB200 NVL72's 192GB per GPU": the rack's GPU
            picked[side] = list(dict.fromkeys(parts + picked[side]))
            item.notes.append(f"the {side} read as {names.devices[parts[0]].name}: {amount.text!r} is per accelerator")
        checks = [value_check(kb, slug, amount, quals, replace(options, as_of=None)) for slug in picked[side]]
        matching = _closest(checks)
        systems = [names.devices[s].main_part for s in picked[side] if s in names.devices
                   and names.devices[s].kind == "system" and names.devices[s].main_part]
        if not matching and systems and not amount.per_part:  # a system's name, a chip's figure ("Ironwood
            # Superpod … 單晶片運算性能高達 4614 TFLOPs"): read as its accelerator when only that fits
            matching = _closest([value_check(kb, slug, amount, quals, replace(options, as_of=None)) for slug in systems])
            if matching:
                picked[side] = list(dict.fromkeys(systems + picked[side]))
                item.notes.append(f"the {side} read as {names.devices[matching[0].device].name}: {amount.text!r} "
                                  "is an accelerator's figure, not the system's")
        if matching:
            picked[side] = [matching[0].device] + [s for s in picked[side] if s != matching[0].device]
            decided.add(side)
            if not quals.get("precision") and matching[0].quals and "precision" in wanted:
                named = dict(quals)
                quals["precision"], _, rest = matching[0].quals.partition(" ")
                quals.setdefault("sparsity", rest.split(" ")[0] if rest else "")
                item.notes.append(f"precision {quals['precision']} read from the stated {amount.text}")
        item.values.append(matching[0] if matching else checks[0])
    for side in ("subject", "baseline"):  # "B200的FP16性能是H100的两倍以上!…B200的TDP高达1000W": the name's
        # other values in the sentence, else in the text, pick its variant where the claim's own do not
        me = getattr(f, side)
        if side in decided or me is None or len(picked[side]) < 2:
            continue
        seen = [a for a, _ in f.amounts + f.elsewhere]
        beyond = [a for a in (stated or {}).get(me.candidates, []) if not any(a is x for x in seen)]
        for amount, owner in f.elsewhere + [(a, None) for a in beyond]:
            whose = side if owner is None else amount_side(f, amount, owner) or next(
                (k for k in ("subject", "baseline") if getattr(f, k) is not None and getattr(f, k).candidates == owner.candidates), "")
            if whose != side:
                continue
            fits = {c.device for c in _closest([value_check(kb, slug, amount, {}, replace(options, as_of=None))
                                                for slug in picked[side]])}
            if fits and len(fits) < len(picked[side]):
                picked[side] = [s for s in picked[side] if s in fits] + [s for s in picked[side] if s not in fits]
                decided.add(side)
                item.notes.append(f"the {side} read as {names.devices[picked[side][0]].name}: the text's {amount.text!r} "
                                  "is its")
                break
    bases = {v.quals for v in item.values if v.verdict == "consistent" and v.quals}
    if metric == "power" and all_in(kb, picked["subject"][0]) or metric == "power" and all_in(kb, picked["baseline"][0]):
        metric = "power_all_in"
        item.notes.append("power of a system read as its all-in power (chips, CPUs, switches), what a rack draws")
    # the sides no stated value picked, like for like with the other ("B300 packs 50% more HBM than
    # B200, at 288GB": the B200 on the B300's platform)
    sides = ("subject", "baseline")
    ranked = like_for_like(names, *(picked[k][:1] if k in decided else picked[k] for k in sides))
    for k, order in zip(sides, ranked):
        if k not in decided:
            picked[k] = order
    fact = fact_of(item, f, picked["subject"][0], picked["baseline"][0], metric, quals)
    fact = open_qualifiers(item, on_a_known_basis(item, fact, stored) or fact, kb)
    if f.subject_from == "context" and f.baseline_from == "context":
        fact = order_from_figures(item, fact, kb, options)
    item.claim = fact
    pair = [names.devices[slug] for slug in (fact.subject, fact.baseline) if slug in names.devices]
    if len(pair) == 2 and {d.kind for d in pair} == {"system", "accelerator"}:  # "GB300 NVL72的FP4算力是B200的70倍"
        system, chip = sorted(pair, key=lambda d: d.kind != "system")
        item.notes.append(f"compares a system ({system.name}) with one accelerator ({chip.name}): a system's total "
                          "against a chip's, as the text sets them")
    if f.cue.pair and (len(bases) > 1 or f.unlike):  # "1979 TFLOPS and the A100 312 TFLOPS": sparse against dense is no ratio
        kinds = f.unlike or " and ".join(sorted(bases))
        item.reason = f"the two values are figures of different kinds ({kinds}), whose ratio compares nothing"
        return
    try:
        item.result = _checked(item, kb, fact, options)
        if item.result.primary.computed is None and named is not None:
            # the precision a stated value showed ("4614 TFLOPs", FP8) that the other side lacks: like
            # for like on what the words leave open, the stated value's precision noted
            plain = open_qualifiers(item, fact_of(item, f, fact.subject, fact.baseline, metric, named), kb)
            again = _checked(item, kb, plain, options)
            if again.primary.computed is not None:
                item.notes.append(f"the stated {quals['precision'].upper()} figure has no counterpart on the other "
                                  "side: checked like for like, as the words leave the precision open")
                item.claim, item.result, fact = plain, again, plain
    except ChipDBError as exc:
        item.reason = str(exc)
        return
    item.alternatives = _alternatives(item, kb, names, fact, picked, options)
    fitting = [a for a in item.alternatives if a.verdict == Verdict.HOLDS
               and all(getattr(a, k) == getattr(fact, k) for k in decided)]
    if item.result.primary.verdict in (Verdict.OVERSTATED, Verdict.UNDERSTATED) and _precise(fact) and len(fitting) == 1:
        # "B200 carries 2.27x H200's dense FP8 FLOPS": of the devices the names may mean, the one
        # pair a figure this precise fits (the HGX B200) is the one the writer meant
        a = fitting[0]
        fact = replace(fact, subject=a.subject, baseline=a.baseline)
        item.claim, item.result = fact, _checked(item, kb, fact, options)
        item.notes.append(f"read as {names.devices[a.subject].name} against {names.devices[a.baseline].name}: the one "
                          f"pair the names may mean that the stated {fact.stated_text()} fits")
        for k in ("subject", "baseline"):
            picked[k] = [getattr(fact, k)] + [x for x in picked[k] if x != getattr(fact, k)]
        item.alternatives = _alternatives(item, kb, names, fact, picked, options)


def _precise(fact: ClaimFact) -> bool:
    """A figure precise enough to tell two variants apart: "2.27x", "36% more" (not "2x", "2.3x")."""
    if fact.kind not in ("ratio", "percent") or fact.tolerance is not None or fact.bound:
        return False
    try:
        digits = len(numbers.parse_exact(fact.stated.lstrip("+-")).normalize().as_tuple().digits)
    except numbers.NumberProblem:
        return False
    return digits >= (3 if fact.kind == "ratio" else 2)


def _alternatives(item: TextClaim, kb: Knowledge, names: Gazetteer, fact: ClaimFact, picked: dict[str, list[str]],
                  options: Options) -> list[Alternative]:
    """The claim read with every other device each name may mean (as of its date, as the claim is)."""
    f, out = item.found, []
    for s in picked["subject"]:
        for b in picked["baseline"]:
            if (s, b) == (fact.subject, fact.baseline) or s == b:
                continue
            try:
                other = _as_of_or_today(item, kb, replace(fact, subject=s, baseline=b), options)[0].primary
            except ChipDBError as exc:
                out.append(Alternative(s, b, None, Verdict.NOT_CHECKABLE, str(exc)))
                continue
            why = " and ".join(f"{m.text!r} as {names.devices[d].name}" for m, d, first in
                               ((f.subject, s, picked["subject"][0]), (f.baseline, b, picked["baseline"][0])) if d != first)
            out.append(Alternative(s, b, other.computed, other.verdict, f"reading {why}"))
    return out


def _closest(checks: list[ValueCheck]) -> list[ValueCheck]:
    """The checks a stated value is consistent with, the closest current match first."""
    return sorted((c for c in checks if c.verdict == "consistent"),
                  key=lambda c: (c.deprecated, abs(c.value - c.stated) / max(abs(c.value), 1e-30)))


def _checked(item: TextClaim, kb: Knowledge, fact: ClaimFact, options: Options):
    """The check as of the claim's date, else on today's data where that date has no values."""
    result, today = _as_of_or_today(item, kb, fact, options)
    if today:
        item.notes.append(f"no source dated on or before {options.as_of} gives both values: checked on "
                          "today's data (give --as-of to insist on the date)")
    return result


def _as_of_or_today(item: TextClaim, kb: Knowledge, fact: ClaimFact, options: Options):
    result = check(kb, fact, options)
    if result.primary.computed is None and options.as_of and options.as_of == item.date:
        today = check(kb, fact, replace(options, as_of=None))
        if today.primary.computed is not None:
            return today, True
    return result, False
