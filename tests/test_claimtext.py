"""Free-text claims found in sentences, in English and Chinese (no database: a small gazetteer)."""

from __future__ import annotations

import pytest

from chipdb.claims.finder import find
from chipdb.claims.folding import fold
from chipdb.claims.names import EXACT, STRIPPED, Device, Gazetteer

DEVICES = [("cloudmatrix-384", "CloudMatrix 384", "system", "huawei", ["CM384"]),
           ("gb200-nvl72", "GB200 NVL72", "system", "nvidia", ["NVL72"]),
           ("h20", "H20", "accelerator", "nvidia", []), ("h100-sxm5-80gb", "H100 SXM5 80GB", "accelerator", "nvidia", ["H100"]),
           ("a100-sxm4-80gb", "A100 SXM4 80GB", "accelerator", "nvidia", ["A100"]),
           ("b200-gb200", "B200 (GB200)", "accelerator", "nvidia", ["B200"]),
           ("b200-hgx", "B200 (HGX B200)", "accelerator", "nvidia", ["HGX B200"]),
           ("ascend-910c", "Ascend 910C", "accelerator", "huawei", ["910C"]),
           ("amd-mi300x", "AMD Instinct MI300X", "accelerator", "amd", ["MI300X"]),
           ("tpu-v6e", "TPU v6e (Trillium)", "accelerator", "google", ["Trillium"]),
           ("tpu-v5e", "TPU v5e", "accelerator", "google", []),
           ("intel-gaudi3", "Intel Gaudi 3", "accelerator", "intel", ["Gaudi 3"])]


@pytest.fixture(scope="module")
def names() -> Gazetteer:
    g = Gazetteer({slug: Device(slug, name, kind, vendor, "") for slug, name, kind, vendor, _ in DEVICES},
                  vendor_words=("nvidia", "huawei", "google", "intel", "amd"))
    for slug, name, _, _, aliases in DEVICES:
        g.add(name, slug, EXACT)
        for alias in aliases:
            g.add(alias, slug, EXACT)
    g.add("B200", "b200-hgx", STRIPPED)
    return g


def read(names, text):
    return [(f.subject.candidates[0] if f.subject else None, f.baseline.candidates[0] if f.baseline else None,
             f.metric, f.cue.kind, f.cue.value, f.cue.bound) for f in find(fold(text), names) if not f.not_spec]


CM, NVL = "cloudmatrix-384", "gb200-nvl72"


@pytest.mark.parametrize("text, expected", [
    # 是…的X倍, 提升了X倍 (read both ways later), 高出/多/低X%, 高于/低于
    ("华为CloudMatrix 384的算力是英伟达GB200 NVL72的1.7倍", [(CM, NVL, "compute", "ratio", 1.7, "")]),
    ("華為CloudMatrix 384的內存容量是輝達GB200 NVL72的3.6倍", [(CM, NVL, "memory_capacity", "ratio", 3.6, "")]),
    ("CloudMatrix 384的显存约为GB200 NVL72的３.６倍。", [(CM, NVL, "memory_capacity", "ratio", 3.6, "approx")]),
    ("CloudMatrix 384相比GB200 NVL72在總算力上提升了1.7倍", [(CM, NVL, "compute", "tisheng", 1.7, "")]),
    ("與GB200 NVL72相比，CloudMatrix 384的內存帶寬提高了2.1倍", [(CM, NVL, "memory_bandwidth", "tisheng", 2.1, "")]),
    ("H20的显存容量比H100高出20%", [("h20", "h100-sxm5-80gb", "memory_capacity", "percent_more", 20, "")]),
    ("H20的帶寬比A100低20%", [("h20", "a100-sxm4-80gb", "memory_bandwidth", "percent_less", 20, "")]),
    ("H20的内存带宽低于A100", [("h20", "a100-sxm4-80gb", "memory_bandwidth", "direction", 1, "")]),
    ("H20的算力比A100低", [("h20", "a100-sxm4-80gb", "compute", "direction", 1, "")]),
    # the article's paragraph: one frame, three figures, one hedge over all of them
    ("相比英偉達最新推出的GB200 NVL72,華為發布的CloudMatrix 384,差不多在總算力上提升了1.7倍,在內存總帶寬上提升了2.1倍,"
     "在內存總容量上提升了3.6倍", [(CM, NVL, "compute", "tisheng", 1.7, "approx"),
                                  (CM, NVL, "memory_bandwidth", "tisheng", 2.1, "approx"),
                                  (CM, NVL, "memory_capacity", "tisheng", 3.6, "approx")]),
    ("是H100的两倍以上", []),  # no subject: nothing to compare
    ("昇腾910C的显存是H100的两倍以上", [("ascend-910c", "h100-sxm5-80gb", "memory_capacity", "ratio", 2, "over")]),
    ("H20的显存只有H100的20%左右", [("h20", "h100-sxm5-80gb", "memory_capacity", "percent_of", 20, "approx")]),
    # English
    ("Huawei's CloudMatrix 384 has 1.7x the compute, 2.1x the memory bandwidth and 3.6x the memory capacity of "
     "NVIDIA's GB200 NVL72", [(CM, NVL, "compute", "ratio", 1.7, ""), (CM, NVL, "memory_bandwidth", "ratio", 2.1, ""),
                              (CM, NVL, "memory_capacity", "ratio", 3.6, "")]),
    ("The MI300X offers 2.4x the memory capacity of the H100 and 1.6x its memory bandwidth.",
     [("amd-mi300x", "h100-sxm5-80gb", "memory_capacity", "ratio", 2.4, ""),
      ("amd-mi300x", "h100-sxm5-80gb", "memory_bandwidth", "ratio", 1.6, "")]),
    ("The H100 has nearly double the memory bandwidth of the A100.",
     [("h100-sxm5-80gb", "a100-sxm4-80gb", "memory_bandwidth", "ratio", 2, "below")]),
    ("Trillium delivers a 4.7X increase in peak compute performance per chip compared to TPU v5e",
     [("tpu-v6e", "tpu-v5e", "compute", "ratio", 4.7, "")]),
    ("the MI300X has more than twice the memory of Nvidia's H100", [("amd-mi300x", "h100-sxm5-80gb", "memory_capacity", "ratio", 2, "over")]),
    ("The H20 has 58% more memory bandwidth than the H100.", [("h20", "h100-sxm5-80gb", "memory_bandwidth", "percent_more", 58, "")]),
    ("H20 has less memory bandwidth than A100", [("h20", "a100-sxm4-80gb", "memory_bandwidth", "direction", 1, "")]),
    ("CloudMatrix 384 delivers 300 PFLOPs of dense BF16 compute vs. 180 for Nvidia's GB200 NVL72, 1.7x more.",
     [(CM, NVL, "compute", "more", 1.7, "")]),
    ("The B200 is 2.5x faster than the H100 in FP8.", [("b200-gb200", "h100-sxm5-80gb", "compute", "more", 2.5, "")]),
    ("H20 单卡算力仅 H100 的 20–30%", [("h20", "h100-sxm5-80gb", "compute", "percent_of", 20, "")]),
])
def test_claims_are_found_with_devices_metric_and_bound(names, text, expected):
    assert read(names, text) == expected


@pytest.mark.parametrize("text", [
    "Gaudi 3 has 1.3x the performance of H100",
    "H20的性能相比H100降低28%",
    "CloudMatrix 384的性能是B200的6.5倍",
    "The MI300X runs Llama 2 inference 1.6x faster than the H100",
    "In MLPerf, the B200 delivered 2.2x the tokens/s of the H100",
    "H20实测推理速度是H100的60%",
])
def test_workload_comparisons_are_not_spec_claims(names, text):
    found = find(fold(text), names)
    assert found and all(f.not_spec for f in found), [(f.metric, f.not_spec) for f in found]


def test_qualifiers_and_stated_values(names):
    (f,) = find(fold("Huawei's CloudMatrix 384 offers 300 PFLOPs of dense BF16 compute—almost 1.7 times more "
                     "throughput than Nvidia's GB200 NVL72, which delivers 180 PFLOPs."), names)
    assert (f.metric, f.quals, f.cue.kind, f.cue.bound) == ("compute", {"precision": "bf16", "sparsity": "dense"}, "more", "below")
    assert [(a.value, owner.candidates[0]) for a, owner in f.amounts] == [(300e15, CM), (180e15, NVL)]


def test_a_name_for_several_devices_keeps_every_candidate(names):
    (f,) = find(fold("昇腾910C的BF16算力超越B200的4500 TFLOPS"), names)
    assert f.baseline.candidates == ("b200-gb200", "b200-hgx") and f.cue.direction == "higher"
    assert [(a.value, owner.text) for a, owner in f.amounts] == [(4500e12, "b200")]


@pytest.mark.parametrize("text, problem", [
    ("H100 has 0x the bf16 compute of A100", "ratio of 0"),
    ("H100的bf16算力是A100的0倍", "ratio of 0"),
    ("H20 has 100% less memory than H100", "100% less"),
    ("H20 has 150% less memory than H100", "150% less"),
    ("H20 has 2x the bf16 fp16 compute of A100", "more than one precision"),
    ("H20 has 2x the dense sparse compute of A100", "more than one sparsity"),
])
def test_arithmetic_and_contradictions_are_refused(names, text, problem):
    (f,) = find(fold(text), names)
    assert problem in f.problem


def test_one_figure_for_two_metrics_is_two_claims(names):
    found = find(fold("CloudMatrix 384的算力和内存是GB200 NVL72的1.7倍"), names)
    assert sorted(f.metric for f in found) == ["compute", "memory_capacity"] and {f.cue.value for f in found} == {1.7}


def test_a_later_sentence_takes_its_devices_from_the_text_before(names):
    text = ("The AMD Instinct MI300X has 192 GB of HBM3 memory at 5.3 TB/s. The NVIDIA H100 SXM has 80 GB of HBM3 at "
            "3.35 TB/s. On paper, AMD delivers 2.4x the capacity and 1.58x the bandwidth.")
    got = [(f.subject.candidates[0], f.baseline.candidates[0], f.metric, f.cue.value) for f in find(fold(text), names)]
    assert got == [("amd-mi300x", "h100-sxm5-80gb", "memory_capacity", 2.4),
                   ("amd-mi300x", "h100-sxm5-80gb", "memory_bandwidth", 1.58)]


def test_spans_point_into_the_text_as_written(names):
    text = "导语。相比GB200 NVL72，CloudMatrix 384在總算力上提升了1.7倍。"
    folded = fold(text)
    (f,) = find(folded, names)
    a, b = folded.span(f.start, f.end)
    assert text[a:b].endswith("提升了1.7倍") and "CloudMatrix 384" in text[a:b]


def test_plain_grammar_words_carry_no_regex_syntax():
    """Role words that do not start with a backslash or a parenthesis are matched literally: a '?'
    in one ('较之?') would demand a literal question mark (it once kept 较 from marking a baseline)."""
    import tomllib
    from pathlib import Path

    import chipdb.claims.grammar as grammar

    for name in ("en", "zh"):
        roles = tomllib.loads((Path(grammar.__file__).parent / "grammar" / f"{name}.toml").read_text(encoding="utf-8"))["roles"]
        for key, words in roles.items():
            plain = [w for w in words if not w.startswith(("\\", "("))]
            assert not [w for w in plain if set(w) & set("?*+[]|{}")], (name, key)


H100, A100 = "h100-sxm5-80gb", "a100-sxm4-80gb"


@pytest.mark.parametrize("text, expected", [
    # "N times less" is its own kind (read as 1/N); "on par with", "与B相近" are about 1x
    ("The A100 is 3 times less power-efficient than the H100", [(A100, H100, "compute_per_watt", "times_less", 3, "")]),
    ("The Gaudi 3 offers memory bandwidth on par with the H100", [("intel-gaudi3", H100, "memory_bandwidth", "ratio", 1, "approx")]),
    ("H20的显存容量与H100相近", [("h20", H100, "memory_capacity", "ratio", 1, "approx")]),
    # the device after 而, or before 则, is the subject
    ("H100的显存为80GB,而H20提升到了96GB,增加了20%", [("h20", H100, "memory_capacity", "percent_more", 20, "")]),
    # "of"/"double the" mark a baseline only after the figure
    ("One feature of the MI300X is its memory, which is 2.4 times larger compared to the H100",
     [("amd-mi300x", H100, "memory_capacity", "more", 2.4, "")]),
    # a list of precisions: a claim for each; figures after a list of metrics take them in order
    ("The H100 delivers 3x the FP16 and FP8 compute of the A100", [(H100, A100, "compute", "ratio", 3, "")] * 2),
    ("H100的显存与带宽分别是A100的1.2倍/1.6倍", [(H100, A100, "memory_capacity", "ratio", 1.2, ""),
                                            (H100, A100, "memory_bandwidth", "ratio", 1.6, "")]),
    # two values set against each other: the ratio they imply, each value's owner its side
    ("NVLink bandwidth grew from A100's 600 GB/s to H100's 900 GB/s", [(H100, A100, "scaleup_bandwidth", "ratio", 1.47, "")]),
    # a year is no count; 'by 43%'; 'by a factor of three'
    ("In 2024, the H100 improves memory bandwidth by 43% over the A100", [(H100, A100, "memory_bandwidth", "percent_more", 43, "")]),
    ("Compared to the A100, the H100 increases FP16 throughput by a factor of three", [(H100, A100, "compute", "ratio", 3, "")]),
])
def test_general_constructions(names, text, expected):
    # to 2 decimals: an implied ratio's low end is its value less what printing the values rounds away
    got = [(s, b, m, k, round(v, 2) if v is not None else v, bound) for s, b, m, k, v, bound in read(names, text)]
    assert got == expected


def test_its_predecessor_is_a_device_of_the_subjects_vendor_named_before(names):
    found = [f for f in find(fold("The TPU v5e was Google's efficient chip. Trillium delivers 4.7x the peak compute of its "
                                  "predecessor."), names) if not f.not_spec]
    assert found and found[0].subject.candidates[0] == "tpu-v6e"
    assert "tpu-v5e" in found[0].baseline.candidates  # resolved by the reader to the subject's vendor's
