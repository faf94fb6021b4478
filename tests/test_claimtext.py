"""Free-text claims read into claims, in English and Chinese (no database)."""

from __future__ import annotations

import pytest

from chipdb.claims.text import ZH_FORMS, given_qualifiers, parse_text
from chipdb.domain.errors import UsageError

CM384, NVL72 = "CloudMatrix 384", "GB200 NVL72"


@pytest.mark.parametrize("text, subject, baseline, metric, kind, stated, wording", [
    # 是…的X倍: X times as much
    ("华为CloudMatrix 384的算力是英伟达GB200 NVL72的1.7倍", CM384, NVL72, "compute", "ratio", "1.7", ""),
    ("華為CloudMatrix 384的內存容量是輝達GB200 NVL72的3.6倍", CM384, NVL72, "memory_capacity", "ratio", "3.6", ""),
    ("CloudMatrix 384的显存约为GB200 NVL72的３.６倍。", CM384, NVL72, "memory_capacity", "ratio", "3.6", ""),
    # 提升了X倍 / 提高了X倍: read both ways, as the seeded claims are
    ("CloudMatrix 384相比GB200 NVL72在總算力上提升了1.7倍", CM384, NVL72, "compute", "ratio", "1.7", "zh_tisheng"),
    ("相比英偉達最新推出的GB200 NVL72，華為發布的CloudMatrix 384，差不多在總算力上提升了1.7倍",
     CM384, NVL72, "compute", "ratio", "1.7", "zh_tisheng"),
    ("與GB200 NVL72相比，CloudMatrix 384的內存帶寬提高了2.1倍", CM384, NVL72, "memory_bandwidth", "ratio", "2.1",
     "zh_tisheng"),
    ("CloudMatrix 384的带宽比GB200 NVL72提高了2.1倍", CM384, NVL72, "memory_bandwidth", "ratio", "2.1", "zh_tisheng"),
    # 高出/多/低X%: a percentage difference
    ("H20的显存容量比H100高出20%", "H20", "H100", "memory_capacity", "percent", "20", ""),
    ("H20的内存比H100多20%", "H20", "H100", "memory_capacity", "percent", "20", ""),
    ("H20的帶寬比A100低20%", "H20", "A100", "memory_bandwidth", "percent", "-20", ""),
    # 高于/低于, 比…高/低: a direction
    ("H20的内存带宽低于A100", "H20", "A100", "memory_bandwidth", "direction", "lower", ""),
    ("H20的功耗高于A100", "H20", "A100", "power", "direction", "higher", ""),
    ("H20的算力比A100低", "H20", "A100", "compute", "direction", "lower", ""),
    ("H20在內存帶寬上比A100低", "H20", "A100", "memory_bandwidth", "direction", "lower", ""),
    # English, as before
    ("CloudMatrix 384 has 1.7x the BF16 compute of GB200 NVL72", CM384, NVL72, "compute", "ratio", "1.7", ""),
    ("H20 has less memory bandwidth than A100", "H20", "A100", "memory_bandwidth", "direction", "lower", ""),
])
def test_forms(text, subject, baseline, metric, kind, stated, wording):
    claim = parse_text(text)
    assert (claim.subject, claim.baseline, claim.metric, claim.kind, claim.stated, claim.wording) == (
        subject, baseline, metric, kind, stated, wording)


@pytest.mark.parametrize("text, precision, sparsity", [
    ("CloudMatrix 384的BF16算力是GB200 NVL72的1.7倍", "bf16", ""),
    ("CloudMatrix 384的ＢＦ１６稠密算力是GB200 NVL72的1.7倍", "bf16", "dense"),
    ("H20在FP8稀疏算力上低于H100", "fp8", "sparse"),
    ("在FP8精度下，H20的算力低于H100", "fp8", ""),
])
def test_chinese_qualifiers(text, precision, sparsity):
    claim = parse_text(text)
    assert (claim.quals.precision, claim.quals.sparsity) == (precision, sparsity)
    assert claim.subject == (CM384 if "CloudMatrix" in text else "H20")


def test_the_claim_keeps_the_words_as_written():
    assert parse_text("華為CloudMatrix 384的內存是GB200 NVL72的3.6倍。").text == "華為CloudMatrix 384的內存是GB200 NVL72的3.6倍"


@pytest.mark.parametrize("text", ["the H100 is great", "CloudMatrix 384是GB200 NVL72的1.7倍", "H100很好",
                                  "CloudMatrix 384的算力和内存是GB200 NVL72的1.7倍"])
def test_unreadable_text_lists_english_and_chinese_forms(text):
    with pytest.raises(UsageError) as err:
        parse_text(text)
    message = str(err.value)
    assert "A has Nx the [QUALIFIERS] METRIC of B" in message
    assert all(form in message for form in ZH_FORMS)
    assert "算力" in message and "带宽" in message and "功耗" in message


def test_given_qualifiers_are_checked():
    assert given_qualifiers(precision="BF16", sparsity=None) == {"precision": "bf16"}
    with pytest.raises(UsageError, match="precision 'bf17' is not one of"):
        given_qualifiers(precision="bf17")
