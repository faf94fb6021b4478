"""Device names found in a sentence: names as written (a form factor or memory size after a name
narrows it, names run together or joined by a slash are one), counted parts, a system named by what
it is built of, generations by ordinal, a vendor's name alone ("英伟达方案"), pronouns, and "the
former"/"the latter"; and the sentence with the names masked."""

from __future__ import annotations

import re

from chipdb.claims import grammar
from chipdb.claims.grammar import Language
from chipdb.claims.names import Gazetteer
from chipdb.claims.spans import MASK, Context, Mention
from chipdb.domain import spelling


def mentions(s: str, names: Gazetteer, lang: Language, context: Context) -> list[Mention]:
    from chipdb.claims.names import FAMILY

    out = []
    taken = [False] * len(s)
    counter = "|".join(re.escape(c) for c in lang.counters)
    count = r"(?<![a-z0-9.,])(?!(?:19|20)\d\d\b)\d(?:[\d,]*\d)?"  # "72 GPUs", not "in 2023, the H200"
    # (not "the 700W H100": a value run into its unit names no count; nor "10x the TPU v5p", a ratio; nor
    # "Gaudi 3 vs H100": a word that relates two names)
    counted = re.compile(rf"{count}(?:\s*(?:{counter})\s*|\s+)(?:(?!(?:the|an?|its|their|that of|vs|versus|than|and|or|to|with|of|over|from|per|on|in)\b)[a-z]+\s+)?$"
                         if counter else rf"{count}\s+$")
    for m in names.regex().finditer(s):
        candidates = tuple(names.candidates(m.group(0)))
        family = names.rank(m.group(0)) == FAMILY
        candidates, end = _narrowed(s, m.end(), candidates, names)  # "H100 80 GB SXM", "A100 PCIe"
        after = s[end:end + 16].lstrip()
        inside = re.match(r"\s*-?\s*(?:powered|based|equipped|driven|accelerated|class|like|built)\b|\s*(?:驱动|加持|构建|搭建|组成|打造)的",
                          s[m.end():]) or (family and re.search(
                              r"(?:基于|基於|采用|採用|\bbased on|\bbuilt on)\s*$", s[max(0, m.start() - 12):m.start()]))
        model = (_UNKNOWN_MODEL.match(s, end) if family and not m.group(0).endswith("'s")
                 else None)  # (not "Hopper's 80 billion": a value of the line)
        if model is not None:
            at = model.end() - len(s[end:model.end()].lstrip(" -"))  # where the model's token starts
            if names.regex().match(s, at) or s.startswith("nvl", at):
                model = None  # "Blackwell B200", "Blackwell Ultra NVL72": names run together, read as one
        if model is not None:  # "昇腾910D", "Ascend 920": a model of the line chipdb does not know, not the line
            end, candidates = model.end(), ()
            after = s[end:end + 16].lstrip()
        mention = Mention(m.start(), end, s[m.start():end], candidates, _noun(after, lang),
                          counted=bool(counted.search(s[max(0, m.start() - 12):m.start()]) and not _times(s, m.start(), end)
                                       or inside),
                          family=family and model is None)
        out.append(mention)
        for k in range(m.start(), end):
            taken[k] = True
    out = _joined_names(s, sorted(out, key=lambda x: x.start), names)
    out += _built_of_counted(s, out, names, lang, taken)  # "384颗昇腾910C … 的算力集群": the system of 384
    generations = _generations(s, names, lang)  # "the fifth-generation TPU", "第三代Gaudi": the line's name inside is no side
    out = [m for m in out if not any(g.start <= m.start and m.end <= g.end for g in generations)] + generations
    out += _vendor_references(s, names, lang, context, taken, out)  # the devices of earlier sentences
    for mention in out:
        device = names.devices.get(mention.candidates[0]) if mention.candidates and not mention.vendor else None
        if device is not None and not mention.counted:
            context.by_vendor[device.vendor] = mention
    for m in lang.pronouns.finditer(s):
        if not any(taken[m.start():m.end()]) and _word_start(s, m.start(), lang):
            out.append(_former_or_latter(m, out, context) or Mention(m.start(), m.end(), m.group(0), (), pronoun=True))
    return sorted(out, key=lambda x: x.start)


_FORMER_LATTER = {"前者": -2, "the former": -2, "后者": -1, "the latter": -1}


def _former_or_latter(m: re.Match, named: list[Mention], context: Context) -> Mention | None:
    """"前者为3.2TB/s、后者达4.8TB/s", "the former … the latter": the two devices named last."""
    which = _FORMER_LATTER.get(m.group(0).lower())
    if which is None:
        return None
    seen: dict[tuple[str, ...], Mention] = {}
    for x in context.recent + [x for x in named if x.end <= m.start() and x.candidates and not x.counted and not x.family
                               and x.text.lower() not in _FORMER_LATTER]:
        seen.pop(x.candidates, None)
        seen[x.candidates] = x
    last = list(seen.values())[-2:]
    if len(last) < 2:
        return None
    return Mention(m.start(), m.end(), m.group(0), last[which].candidates, last[which].noun)


def _generations(s: str, names: Gazetteer, lang: Language) -> list[Mention]:
    out = []
    for m in lang.generation.finditer(s) if lang.generation else ():
        n = lang.ordinals.get(m.group("n").lower()) or grammar.number(re.sub(r"(?:st|nd|rd|th)$", "", m.group("n")), lang)
        found = names.generation(m.group("w").lower(), int(n)) if n else ()
        if found or any(m.group("w").lower() in key.split(" ") for key in names.names):  # "first-gen Gaudi": none known
            out.append(Mention(m.start(), m.end(), m.group(0), found, _noun(s[m.end():m.end() + 16].lstrip(), lang),
                               family=len(found) > 1))
    return out


def _built_of_counted(s: str, found: list[Mention], names: Gazetteer, lang: Language, taken: list[bool]) -> list[Mention]:
    """A system named by what it is built of: a count of parts and a system noun near it ("a
    cluster of 384 Ascend 910C chips", "384颗昇腾910C芯片…集成…的算力集群") is the system the
    database builds of that many of those parts, when there is one."""
    out = []
    nouns = "|".join(re.escape(n) for n in sorted(lang.system_nouns, key=len, reverse=True))
    for m in found:
        number = re.search(r"(\d[\d,]*)\s*\D{0,3}?\s*(?:[a-z]+\s+)?$", s[max(0, m.start - 12):m.start]) if m.counted else None
        if number is None:
            continue
        count = int(number.group(1).replace(",", ""))
        systems = tuple(dict.fromkeys(x for c in m.candidates for x in names.built_of.get((c, count), ())))
        if len(systems) != 1:
            continue
        window = (max(0, m.start - 40), min(len(s), m.end + 100))
        near = [n for n in re.finditer(rf"(?<![a-z])(?:{nouns})(?![a-z])", s[window[0]:window[1]], re.I)
                if not any(taken[window[0] + n.start():window[0] + n.end()])]
        if near:
            noun = min(near, key=lambda n: abs(window[0] + n.start() - m.start))
            start, end = window[0] + noun.start(), window[0] + noun.end()
            out.append(Mention(start, end, s[start:end], systems, "system"))
    return out


_FACTS = re.compile(r"(?:[\s\-]*(?:(?P<gb>\d{2,3})\s*gb\b|(?P<form>sxm\d?|pcie|nvl|oam|hgx)\b))+")


def _narrowed(s: str, at: int, candidates: tuple[str, ...], names: Gazetteer) -> tuple[tuple[str, ...], int]:
    """Facts written after a model name pick among its devices: memory size and form factor
    ("H100 80 GB SXM" is the SXM5 80GB part), read as runtime strings are (``domain.spelling``);
    facts no candidate has leave the name as it was."""
    m = _FACTS.match(s, at)
    if not m or s[:at].endswith("'s"):  # "the H100's 80GB" states a value
        return candidates, at
    if len(candidates) < 2 and not re.match(r"\s+(?:variant|version|model|edition|sku|card|module)s?\b", s[m.end():]):
        return candidates, at  # "H100 SXM 80GB variant": the size is the name's; "B200 192GB vs H100 80GB" states values
    stated = spelling.read(m.group(0))

    def fits(slug: str) -> bool:
        known = spelling.read(names.devices[slug].name, device_name=True)
        return spelling.forms_agree(stated.forms, set(known.forms)) and all(
            spelling.memory_agrees(gb, set(known.memory_gb)) for gb in stated.memory_gb)

    kept = tuple(c for c in candidates if c in names.devices and fits(c))
    return (kept, m.end()) if kept else (candidates, at)


def _joined_names(s: str, found: list[Mention], names: Gazetteer) -> list[Mention]:
    """Names run together: a family before a part ("Blackwell Ultra B300") is that part; a part's
    name before a system's ("B300 NVL72") is the one system built on that part whose name carries
    the second; two names joined by a slash ("H100/H200") are one side that may mean either."""
    out: list[Mention] = []
    for m in found:
        prev = out[-1] if out else None
        if prev is not None and not s[prev.end:m.start].strip() and prev.candidates and m.candidates:
            # "B300 NVL72", "Blackwell Ultra NVL72": the one system built on the part whose name carries the second
            tail = m.text.lower().replace(" ", "")
            systems = {d.slug for d in names.devices.values() if d.main_part in prev.candidates
                       and tail in d.name.lower().replace(" ", "")}
            if len(systems) == 1:
                out[-1] = Mention(prev.start, m.end, s[prev.start:m.end], tuple(systems), m.noun)
                continue
        if (prev is not None and s[prev.end:m.start].strip() == "/" and prev.candidates and m.candidates
                and not prev.family and not m.family):
            # "H100/H200": one side that may mean either, the first named first
            out[-1] = Mention(prev.start, m.end, s[prev.start:m.end], tuple(dict.fromkeys(prev.candidates + m.candidates)),
                              m.noun or prev.noun)
            continue
        if prev is not None and prev.family and not m.family and not s[prev.end:m.start].strip():
            out[-1] = m  # "Blackwell Ultra B300": the family names the part that follows
            continue
        out.append(m)
    return out


def _vendor_references(s: str, names: Gazetteer, lang: Language, context: Context, taken: list[bool],
                       named: list[Mention]) -> list[Mention]:
    """"英伟达方案", "Nvidia's system", "than NVIDIA's": the device of that vendor named last in the
    text, else the one of that vendor the sentence names later ("... compared to 145 kW for a
    single GB200 NVL72"), else one the database's claims compare with (resolved by the reader)."""
    nouns = [n for n in (*lang.system_nouns, *lang.accelerator_nouns) if len(n) > 1]
    if not nouns or not names.vendor_words:
        return []
    vendors = "|".join(re.escape(v) for v in names.vendor_words)
    tails = "|".join(map(re.escape, nouns + [v for v in lang.vendor_verbs if v not in nouns]))
    rx = re.compile(rf"(?<![a-z0-9])(?P<v>{vendors})(?:(?:'s)?\s*(?:的)?\s*(?:{tails})(?![a-z])|'s(?=\s*[^\w\s'(]|\s*$))")
    out = []
    for m in rx.finditer(s):
        if any(taken[m.start():m.end()]):
            continue
        vendor = names.vendor_key(m.group("v"))
        verb = m.group(0).rstrip().endswith(lang.vendor_verbs)
        earlier = context.by_vendor.get(vendor) or (None if verb else next(
            (n for n in named if n.start > m.end() and n.candidates and not n.counted
             and names.devices[n.candidates[0]].vendor == vendor), None))
        end = m.start("v") + len(m.group("v")) if verb else m.end()
        out.append(Mention(m.start(), end, s[m.start():end], earlier.candidates if earlier else (), "system", vendor=vendor))
    return out


_UNKNOWN_MODEL = re.compile(r"[\s\-]*[a-z]{0,3}\d{2,}[a-z0-9]*(?![a-z0-9.,]|\s*(?:%|x\b|×|倍|w\b|gb|tb|billion|million|bn\b|"
                            r"[kmgtpe]?flops|tops|watts?\b|mm|nm\b|亿|万))")
_MULTIPLIER = re.compile(r"(?:(?:exactly|about|around|roughly|nearly|almost|over|some|~|≈)\s*\d+(?:\.\d+)?|\d+\.\d+)\s*[x×]\s*$")
_OF_METRIC = re.compile(r"'s\b|\s+(?:in|on)\s+(?:terms\s+of\s+)?(?:(?:hbm|memory|gpu)\s+)?(?:capacity|bandwidth|compute|"
                        r"memory|performance|throughput|power|flops|fp\d|bf16|int\d|tf32)")


def _times(s: str, start: int, end: int) -> bool:
    """Whether "2x" before a name is a ratio, not a count ("8x H100" is eight H100s): a hedged or
    decimal figure ("exactly 2× v5e", "2.5x H100"), or a name with the metric after it ("2x v5e's
    capacity", "2× v5e in capacity")."""
    before = s[max(0, start - 16):start]
    return bool(re.search(r"\d\s*[x×]\s*$", before)) and bool(_MULTIPLIER.search(before) or _OF_METRIC.match(s, end)
                                                             or s[start:end].endswith("'s"))


def _word_start(s: str, i: int, lang: Language) -> bool:
    return lang.code == "zh" or i == 0 or not s[i - 1].isalnum()


def _noun(after: str, lang: Language) -> str:
    after = after.lower()
    for kind, nouns in (("superchip", lang.superchip_nouns), ("accelerator", lang.accelerator_nouns),
                        ("system", lang.system_nouns)):
        for noun in nouns:
            if after.startswith(noun) and (lang.code == "zh" or not after[len(noun):len(noun) + 1].isalpha()):
                return kind
    return ""


def mask(s: str, mentions: list[Mention]) -> str:
    chars = list(s)
    for m in mentions:
        if not m.pronoun:
            chars[m.start:m.end] = MASK * (m.end - m.start)
    return "".join(chars)
