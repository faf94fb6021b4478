"""What the claim finder finds in a sentence: device names, the figures that compare, absolute
amounts, and a comparison put together from them; the context later sentences read back."""

from __future__ import annotations

from dataclasses import dataclass, field

MASK = "\u00a7"  # device names are masked so the digits in "GB200 NVL72" are never read as a ratio


PREDECESSOR = "*"  # a Mention's vendor for "its predecessor": the subject's vendor, resolved by the reader


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    candidates: tuple[str, ...]
    noun: str = ""  # accelerator | system | superchip: what the words after the name say it is
    pronoun: bool = False
    counted: bool = False  # "384颗昇腾NPU", "72 Blackwell GPUs": a part being counted, not a side
    family: bool = False  # a family name ("Blackwell Ultra"): several devices
    vendor: str = ""  # "英伟达方案", "Nvidia's system": a vendor's device named by its vendor only


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    kind: str  # ratio | more | tisheng | times_less | percent_more | percent_less | percent_of | direction
    number: str  # as printed ("1.7", "两", "58"); "" for a direction or a fixed word ("double")
    value: float | None
    bound: str  # "" (as printed), approx, below, over, at_least, up_to, under
    direction: str = ""
    text: str = ""
    high: float | None = None  # a range's upper end ("20-30%", "1/6到1/15")
    pair: tuple[int, ...] = ()  # a ratio two stated values imply: where the subject's and the baseline's stand
    yields: bool = False  # a direction that gives way to a figure beside it


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    value: float  # in chipdb's SI unit
    metric: str
    text: str
    side: str = ""  # "15 vs 9 PFLOPS": the first is the subject's, the second the baseline's
    per_part: bool = False  # "192GB per GPU", "每颗…": a system's or superchip's accelerator, not the whole
    group: int = -1  # where the words that paired it with another value start ("15 vs 9 PFLOPS")


@dataclass
class Found:
    """One comparison read from the text (positions in the folded text)."""

    start: int
    end: int
    sentence: tuple[int, int]
    cue: Cue
    subject: Mention | None = None
    baseline: Mention | None = None
    subject_from: str = "text"  # text | context | option
    baseline_from: str = "text"
    metric: str = ""
    metric_word: str = ""
    metric_at: int = -1  # where the metric word stands in the sentence
    quals: dict[str, str] = field(default_factory=dict)
    amounts: list[tuple[Amount, Mention | None]] = field(default_factory=list)
    elsewhere: list[tuple[Amount, Mention]] = field(default_factory=list)  # the sentence's other values, by owner
    also: list[str] = field(default_factory=list)  # more metrics the same figure is stated for
    also_at: list[int] = field(default_factory=list)  # where each of them is named
    also_precisions: list[str] = field(default_factory=list)  # "1.3x the FP16 and FP8 performance"
    problem: str = ""  # why it cannot be checked as read
    not_spec: str = ""  # why it is not a claim about a specification
    unlike: str = ""  # two values set against each other at precisions the words name apart ("FP8 and FP16")


@dataclass(frozen=True)
class Lone:
    """A sentence that gave one device's values and compared nothing, for a next sentence that gives
    another's ("The L4 uses 24 GB … The T4 offers 16 GB …")."""

    start: int
    end: int
    device: Mention
    metrics: frozenset[str]


@dataclass
class Context:
    """What earlier sentences said: who "it" and "其" are, and which device of each vendor was
    named last ("英伟达方案")."""

    subject: Mention | None = None
    baseline: Mention | None = None
    given_subject: Mention | None = None
    given_baseline: Mention | None = None
    by_vendor: dict[str, Mention] = field(default_factory=dict)
    recent: list[Mention] = field(default_factory=list)  # devices named so far, in order
    metric: tuple[str, str] | None = None  # the last spec metric named (metric, word): "这比上一代提升了77%"
    lone: Lone | None = None  # the sentence before, when it gave one device's values and compared nothing
    stated: dict[tuple[str, ...], list[Amount]] = field(default_factory=dict)  # each device's values the text
    # stated so far ("packs 336 billion transistors … Blackwell had 208 billion. That is a 61% increase")
    valued: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict)  # the sentence before: each
    # device's candidates -> the metrics it gave values of ("the H20's speed is 296 TFLOPS, while the H100 …")


