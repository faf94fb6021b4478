"""The report of ``chipdb controls``: each device's TPP and PD with lineage, the 3A090 paragraph whose
parameters it meets under the rules in force, the margin to each line, and events outside them."""

from __future__ import annotations

from typing import Any

from chipdb.domain import lineage
from chipdb.analysis.controls.model import DISCLAIMER, IO_NOTE, LABELS, ControlRule, ParagraphResult
from chipdb.output.registry import Column, Report


def _rule_of(d: dict[str, Any]) -> dict[str, Any]:
    return d["rule"] or {}


# A record is (the device's view, its JSON object); JSON is the object, the table and CSV these columns.
COLUMNS = [Column("device", lambda x: x[0].name), Column("TPP", lambda x: _value(x[0], "tpp")),
           Column("PD", lambda x: _value(x[0], "pd")),
           Column("paragraph met", lambda x: (x[0].paragraph or "none") + (f" (via {x[0].via})" if x[0].via else "")),
           Column("rule", lambda x: _rule_of(x[1]).get("key", "")), Column("margins", lambda x: _margins(x[0])),
           Column("events", lambda x: _events(x[0]))]
FLAT = [Column("device", lambda x: x[0].device), Column("as_of", lambda x: x[1]["as_of"]),
        Column("tpp", lambda x: x[1]["tpp"]), Column("pd", lambda x: x[1]["pd"]),
        Column("io_rate", lambda x: x[1].get("io_rate")), Column("paragraph", lambda x: x[0].paragraph or ""),
        Column("met_by", lambda x: " ".join(x[1]["met_by"])), Column("undetermined", lambda x: " ".join(x[0].undetermined)),
        Column("rule", lambda x: _rule_of(x[1]).get("key", "")),
        Column("rule_source", lambda x: (_rule_of(x[1]).get("source") or {}).get("key", "")),
        Column("rule_url", lambda x: (_rule_of(x[1]).get("source") or {}).get("url", "")),
        Column("tpp_sources", lambda x: " ".join(x[0].tpp.sources()) if x[0].tpp else ""),
        Column("pd_sources", lambda x: " ".join(x[0].pd.sources()) if x[0].pd else ""),
        Column("margins", lambda x: _margins(x[0])), Column("events", lambda x: _events(x[0])),
        Column("via", lambda x: x[0].via)]


def _source(s) -> dict[str, str]:
    return {"key": s.key, "title": s.title, "url": s.url, "published": s.published, "kind": s.kind}


def _rule(r: ControlRule | None) -> dict[str, Any] | None:
    if r is None:
        return None
    return {"key": r.key, "title": r.title, "published": r.published, "effective": r.effective,
            "supersedes": r.supersedes or None, "source": _source(r.source), "note": r.note}


def _paragraph(p: ParagraphResult) -> dict[str, Any]:
    return {"paragraph": p.paragraph, "rule": p.rule.key, "met": p.met, "evaluated": p.evaluated, "clauses": [
        {"clause": f"{p.paragraph}.{c.clause[2:]}" if c.clause[:2] == p.paragraph[-1] + "." else c.clause,
         "met": c.met, "lines": [
            {"line": line.threshold.text(), "parameter": line.threshold.parameter,
             "comparison": line.threshold.comparison, "value": line.threshold.value, "unit": line.threshold.unit,
             "value_si": line.threshold.value_si, "chip": line.value, "holds": line.holds,
             "reason": line.reason or None, "source": line.threshold.source.key, "url": line.threshold.source.url,
             "locator": line.threshold.locator, "note": line.threshold.note} for line in c.lines]}
        for c in p.clauses]}


def _applied_rule(view, rules) -> ControlRule | None:
    """The rule of the paragraph met; else the rule whose 3A090.a (or first paragraph) is in force."""
    for p in view.results:
        if p.paragraph == view.paragraph:
            return p.rule
    if view.parts and view.via:
        return _applied_rule(next(p for p in view.parts if p.device == view.via), rules)
    first = rules.paragraphs.get("3A090.a") or next(iter(rules.paragraphs.values()), None)
    return first[0] if first else None


def device_json(view, result) -> dict[str, Any]:
    rules = result.rules
    out: dict[str, Any] = {
        "device": view.device, "name": view.name, "kind": view.kind, "as_of": result.as_of,
        "tpp": view.tpp.value if view.tpp else None, "pd": view.pd.value if view.pd else None,
        "not_checkable": {k: v for k, v in view.why.items()} or None,
        "paragraph": view.paragraph,
        "met_by": next((p.met_by() for p in view.results if p.paragraph == view.paragraph), []),
        "undetermined": view.undetermined,
        "rule": _rule(_applied_rule(view, rules)),
        "rules_in_force": [r.key for r in rules.rules],
        "margins": [{"parameter": m.parameter, "line": m.line, "printed": m.printed, "value": m.value,
                     "percent_of_line": m.percent, "lines": m.where, "text": m.text()} for m in view.margins],
        "paragraphs": [_paragraph(p) for p in view.results],
        "lineage": {k: lineage.to_json(v) for k, v in (("tpp", view.tpp), ("pd", view.pd), ("io_rate", view.io_rate))
                    if v is not None},
        "events": [{"date": e.date, "what": e.what, "source": _source(e.source), "locator": e.locator,
                    "note": e.note} for e in view.events],
        "disclaimer": DISCLAIMER,
    }
    if view.io_rate is not None or "io_rate" in view.why:
        out["io_rate"] = view.io_rate.value if view.io_rate else None
        out["io_rate_note"] = IO_NOTE
    if view.kind == "system":
        out["via"] = view.via or None
        out["parts"] = [device_json(p, result) for p in view.parts]
        out["note"] = ("a system is classified through its accelerators (a computer containing such ICs falls "
                       "under 4A090, whose paragraphs follow 3A090's; 4A090 is not among the stored lines)")
    return out


def _value(view, key: str) -> str:
    r = getattr(view, key)
    if r is not None:
        return f"{r.value:,.0f}" if key == "tpp" else f"{r.value:.2f} per mm²"
    return "not checkable" if key in view.why else "-"


def _margins(view) -> str:
    return "; ".join(f"{m.text()} ({', '.join(m.where)})" for m in view.margins)


def _events(view) -> str:
    return "; ".join(f"{e.date}: {e.what} [{e.source.key}]" for e in view.events)


def _block(view, result, indent: str = "") -> list[str]:
    lines = [f"{indent}{view.name} ({view.device})"]
    pad = indent + "  "
    if view.kind == "system":
        met = f"{view.paragraph} through {view.via}" if view.paragraph else "none"
        lines.append(f"{pad}paragraph met (through its accelerators): {met}")
        for part in view.parts:
            lines += _block(part, result, pad)
        return lines
    for key, label in (("tpp", "TPP"), ("pd", "PD"), ("io_rate", "I/O rate")):
        r = getattr(view, key)
        if r is not None:
            shown = _value(view, key) if key != "io_rate" else r.readable
            lines.append(f"{pad}{label} = {shown} [{', '.join(r.sources())}]")
            lines += [f"{pad}  {n}" for n in r.notes] if key != "io_rate" else []
        elif key in view.why:
            lines.append(f"{pad}{view.why[key]}")
    for p in view.results:
        state = {True: "met", False: "not met", None: "not determined"}[p.met] if p.evaluated else "not evaluated"
        lines.append(f"{pad}{p.paragraph} ({p.rule.key}): {state}")
        for c in p.clauses:
            parts = []
            for line in c.lines:
                mark = {True: "yes", False: "no", None: "?"}[line.holds]
                parts.append(f"{line.threshold.text()}: {mark}" + (f" ({line.reason})" if line.holds is None else ""))
            lines.append(f"{pad}  {c.clause}: " + "; ".join(parts))
    lines.append(f"{pad}paragraph met: {view.paragraph or 'none'}"
                 + (f" (not determined: {', '.join(view.undetermined)})" if view.undetermined else ""))
    for m in view.margins:
        lines.append(f"{pad}margin: {m.text()} ({', '.join(m.where)})")
    for e in view.events:
        lines.append(f"{pad}event {e.date}: {e.what} [source {e.source.key}: {e.source.url}]")
    return lines


def footer(result) -> list[str]:
    out = [f"Rules in force on {result.as_of}: " + (", ".join(
        f"{r.key} (effective {r.effective}, source {r.source.key}: {r.source.url})" for r in result.rules.rules)
        or "none (the first, creating 3A090, took effect 2022-10-07)")]
    if any(t.parameter == "io_rate" for _, ts in result.rules.paragraphs.values() for t in ts):
        out.append(IO_NOTE)
    out.append(DISCLAIMER)
    return out


def controls_report(result) -> Report:
    records = [(view, device_json(view, result)) for view in result.devices]
    text = "\n\n".join("\n".join(_block(v, result)) for v in result.devices) + "\n"
    return Report(COLUMNS, records, csv=FLAT, json=lambda x: x[1], text=text, footer=footer(result),
                  title=f"ECCN 3A090 parameters under the rules in force on {result.as_of}")


__all__ = ["controls_report", "device_json", "LABELS"]


def threshold_check_report(r) -> Report:
    """``chipdb check`` of a threshold claim: stated, computed, verdict, and the rule lines."""
    from chipdb.analysis.controls.model import DISCLAIMER as LEGAL

    c, v = r.claim, r.computed
    what = c.parameter.upper()
    side = {"<": "below", ">": "above", ">=": "at least"}[c.comparison]
    computed = (f"{v.value:,.0f}" if c.parameter == "tpp" else f"{v.value:.2f}") if v is not None else "-"
    lines = [{"rule": t.rule, "line": f"{t.paragraph[:-2]}.{t.clause}: {t.text()}" if t.clause[:1] == t.paragraph[-1:]
              else f"{t.paragraph} {t.clause}: {t.text()}", "source": t.source.key, "url": t.source.url,
              "locator": t.locator} for t in r.lines]
    data = {"claim": c.text, "device": r.device, "parameter": c.parameter, "stated": f"{side} {c.printed}",
            "computed": v.value if v is not None else None, "verdict": r.verdict, "reason": r.reason or None,
            "as_of": r.as_of, "rule_lines": lines, "lineage": lineage.to_json(v) if v is not None else None,
            "disclaimer": LEGAL}
    row = [c.text, f"{what} {side} {c.printed}", computed, r.verdict, " ".join(v.sources()) if v is not None else "",
           "; ".join(f"{x['line']} [{x['source']}]" for x in lines) or r.reason]
    text = [f"{r.name}: {what} {side} {c.printed}? computed {computed}: {r.verdict}"
            + (f" ({r.reason})" if r.reason and r.verdict != "holds" or v is None else "")]
    text += [f"  rule line in force on {r.as_of}: {x['line']} [{x['source']}: {x['url']}]" for x in lines]
    if v is not None:
        text += ["  " + line for line in lineage.tree_lines(v)]
    return Report(["claim", "stated", "computed", "verdict", "sources", "rule lines"], [row], data=data,
                  text="\n".join(text), footer=[LEGAL])
