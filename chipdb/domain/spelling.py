"""How a device name or runtime string is read when it matches nothing exactly: its model, and the
facts it carries that tell variants apart (form factor, memory size, memory type).

Runtimes spell one device many ways: "NVIDIA A100-SXM4-80GB", "A100 SXM4 80 GB", "Tesla
V100-PCIE-32GB", "gfx942:sramecc+:xnack-", "TPU v5 lite". The reading here is one set of rules for
all of them, no table per device: drop the maker's words (NVIDIA, Tesla, AMD Instinct, Intel,
Habana...), the trademark signs and a gfx target's feature flags; take memory sizes ("80GB",
"80 GB", "96G"), memory types (HBM3, HBM2e, GDDR6) and form factors (SXM2/4/5/6, PCIe, NVL, OAM,
HGX) out as facts; what is left, joined without spaces or dashes, is the model ("a100", "v100",
"gfx942", "tpuv5e"). A device's own names, aliases and recorded runtime strings are read the same
way, so a string matches the devices whose model it names and whose facts it does not contradict.
Pure: no database.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Words that say who made a device or what kind of thing it is, never which one.
MAKER_WORDS = frozenset({
    "nvidia", "tesla", "amd", "ati", "instinct", "intel", "habana", "labs", "google", "cloud", "aws",
    "amazon", "microsoft", "azure", "meta", "huawei", "accelerator", "gpu", "graphics", "card", "module",
    "generation", "corporation", "inc", "r", "tm",
})
# Words that qualify a board without changing the chip: "VF" (an SR-IOV virtual function, as
# rocminfo names an MI300X in a VM), "AC" (as in "B300 SXM6 AC").
BOARD_WORDS = frozenset({"vf", "ac"})
# Form factors: a family, and for SXM the generation when one is printed (an SXM3 V100 is not the
# SXM2 part; "B300 SXM" names no generation and fits any).
_FORM = (
    (re.compile(r"sxm(\d*)"), "SXM"),
    (re.compile(r"pcie\d*()|pci()"), "PCIe"),
    (re.compile(r"nvl()"), "NVL"),
    (re.compile(r"oam()"), "OAM"),
    (re.compile(r"hgx()"), "HGX"),
)
_MEMORY = re.compile(r"(\d+(?:\.\d+)?)(gb|gib|g)")
_MEMORY_TYPE = re.compile(r"(hbm\d?e?|gddr\d+x?|lpddr\d+x?)")
_UNIT = frozenset({"gb", "gib"})
# JAX's device_kind says "lite" where Google's product name says "e" ("TPU v5 lite" is TPU v5e).
_SUFFIX_WORDS = {"lite": "e"}
# A gfx target's feature flags ("gfx90a:sramecc+:xnack-") do not change the chip.
_FEATURE_FLAGS = re.compile(r":[a-z0-9_]+[+-]")
_TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Reading:
    """What a string says: the words of its model (none when only a maker's words and facts
    were given), and the facts it states (empty when it states none)."""

    words: tuple[str, ...]
    forms: frozenset[str] = frozenset()
    memory_gb: tuple[float, ...] = ()
    memory_types: frozenset[str] = frozenset()

    @property
    def model(self) -> str:
        """The model's words run together: "a100", "rtx6000ada", "tpuv5e"."""
        return "".join(self.words)

    def describe(self) -> str:
        """The facts as words: "SXM, 40 GB, HBM2e"."""
        parts = sorted(self.forms) + [f"{_number(g)} GB" for g in self.memory_gb]
        return ", ".join(parts + sorted(t.upper().replace("E", "e") for t in self.memory_types))


def read(text: str, *, device_name: bool = False) -> Reading:
    """The reading of one spelling. With ``device_name``, words in parentheses count only as
    facts ("B300 (GB300)" is the model b300; "GH200 ... (96GB HBM3)" states 96 GB and HBM3)."""
    text = unicodedata.normalize("NFKC", text.replace("™", " ").replace("®", " ")).casefold()  # (NFKC makes ™ "TM")
    text = _FEATURE_FLAGS.sub(" ", text)
    outside = re.sub(r"\([^)]*\)", " ", text) if device_name else text
    model_tokens = _facts_and_rest(outside)[1]
    facts = _facts_and_rest(text)[0]
    forms, memory, types = facts
    return Reading(tuple(model_tokens), frozenset(forms), tuple(sorted(set(memory))), frozenset(types))


def alternatives(text: str) -> list[str]:
    """The models a string offers as alternatives ("AMD Instinct MI250X/MI250": two), or the
    string itself."""
    parts = [p for p in text.split("/") if p.strip()]
    return parts if len(parts) > 1 else [text]


def _facts_and_rest(text: str) -> tuple[tuple[list[str], list[float], list[str]], list[str]]:
    forms: list[str] = []
    memory: list[float] = []
    types: list[str] = []
    rest: list[str] = []
    tokens = _TOKEN.findall(text)
    skip = False
    for i, token in enumerate(tokens):
        if skip:
            skip = False
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if (m := _MEMORY.fullmatch(token)) and not token.isdigit():
            memory.append(float(m.group(1)))
        elif _is_number(token) and nxt in _UNIT:
            memory.append(float(token))
            skip = True
        elif _MEMORY_TYPE.fullmatch(token):
            types.append(token)
        elif (form := _form(token)) is not None:
            forms.append(form)
        elif token in MAKER_WORDS or token in BOARD_WORDS:
            continue
        elif token in _SUFFIX_WORDS and rest:
            rest[-1] += _SUFFIX_WORDS[token]
        else:
            rest.append(token)
    return (forms, memory, types), rest


def _form(token: str) -> str | None:
    for pattern, family in _FORM:
        if (m := pattern.fullmatch(token)) is not None:
            return family + "".join(g for g in m.groups() if g)
    return None


def forms_agree(stated: frozenset[str], known: set[str]) -> bool:
    """Whether the form factors a string states fit a device's: each stated family is one of
    the device's, and a stated SXM generation is the device's when the device has one. An HGX
    part is an SXM module on an HGX board ("B200 SXM" is the HGX B200)."""
    if "HGX" in known and not any(k.startswith("SXM") for k in known):
        known = known | {"SXM"}
    for form in stated:
        family = form.rstrip("0123456789")
        same = {k for k in known if k.rstrip("0123456789") == family}
        if not same or (form != family and any(k != family for k in same) and form not in same):
            return False
    return True


def memory_agrees(stated_gb: float, known_gb: set[float]) -> bool:
    """Whether a size a string states is one of a device's sizes: the same figure, or the same
    read as GiB (128 GiB is 137.4 GB), within half a percent."""
    return any(abs(stated_gb - k) <= 0.005 * k or abs(stated_gb * 1.073741824 - k) <= 0.005 * k
               for k in known_gb)


def _is_number(token: str) -> bool:
    return bool(re.fullmatch(r"\d+(?:\.\d+)?", token))


def _number(value: float) -> str:
    return f"{value:g}"
