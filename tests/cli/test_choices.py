"""An option that takes a word of a vocabulary (precision, sparsity, engine, direction, prefer,
basis, kind) is checked against chipdb.domain.vocab before the database is opened, in every
command alike: a usage error (exit 2) naming the alternatives. Help offers the vocabulary's words."""

from __future__ import annotations

import pytest

from chipdb.domain import claimspec, vocab

from . import command_params

VOCABULARY = {"precision": vocab.PRECISIONS, "sparsity": vocab.SPARSITIES, "engine": vocab.ENGINES,
              "direction": vocab.DIRECTIONS, "prefer": vocab.PREFERENCES, "basis": vocab.BASES}
CLAIM = ["claims", "add", "my-claim", "power", "--subject", "H100", "--baseline", "A100", "--stated", "1.75",
         "--appeared-in", "h100-page-via-notes", "--text", "1.75x the power", "--locator", "p. 1"]

BAD = [
    (["trace", "H100", "compute", "-p", "bf17"], "precision", vocab.PRECISIONS),
    (["ratio", "H100", "A100", "compute", "-p", "bf16", "-s", "sparsish"], "sparsity", vocab.SPARSITIES),
    (["trace", "H100", "compute", "-p", "bf16", "--engine", "scalar"], "engine", vocab.ENGINES),
    (["trace", "H100", "scaleup_bandwidth", "--direction", "both"], "direction", vocab.DIRECTIONS),
    (["trace", "H100", "compute", "--prefer", "either"], "prefer", vocab.PREFERENCES),
    (["ratio", "H100", "A100", "compute", "--basis", "quoted"], "basis", vocab.BASES),
    (["compare", "H100", "A100", "-s", "sparsish"], "sparsity", vocab.SPARSITIES),
    (["compare", "H100", "A100", "-p", "bf16", "-p", "bf17"], "precision", vocab.PRECISIONS),
    (["plot", "compare", "H100", "A100", "-s", "sparsish", "-f", "svg"], "sparsity", vocab.SPARSITIES),
    (["plot", "roofline", "H100", "-p", "bf17", "-f", "svg"], "precision", vocab.PRECISIONS),
    (["plot", "timeline", "--kind", "gpu", "-f", "svg"], "kind", (*vocab.DEVICE_KINDS, "all")),
    (["plot", "timeline", "-s", "sparsish", "-f", "svg"], "sparsity", vocab.SPARSITIES),
    (["check", "H100 has 2x the compute of A100", "-s", "sparsish"], "sparsity", vocab.SPARSITIES),
]


@pytest.mark.parametrize("args, concept, choices", BAD, ids=lambda v: " ".join(v[:3]) if isinstance(v, list) else "")
def test_a_word_outside_the_vocabulary_is_a_usage_error_naming_the_alternatives(cli, args, concept, choices):
    result = cli(*args)
    assert result.exit_code == 2, result.output
    assert f"{concept} '" in result.stderr and f"is not one of: {', '.join(choices)}" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("option, word, choices", [
    ("--kind", "factor", claimspec.KINDS), ("--sparsity", "sparsish", vocab.SPARSITIES),
    ("--wording", "tisheng", claimspec.WORDINGS), ("--direction", "both", vocab.DIRECTIONS)])
def test_claims_add_checks_its_words_as_import_does(cli, option, word, choices):
    """claims add leaves its words to the validator import uses (a data error, exit 1, as for the
    same claim in a package: tests/cli/test_input_rules.py); the alternatives are the vocabulary's."""
    result = cli(*CLAIM, option, word)
    assert result.exit_code == 1, result.output
    assert f"{word!r} is not one of: {', '.join(choices)}" in result.stderr
    assert "my-claim" not in cli.out("claims", "list")


def test_a_word_is_read_in_any_case(cli):
    upper = cli("compare", "H100", "A100", "compute", "-p", "BF16", "-s", "Dense")
    assert upper.exit_code == 0, upper.output
    lower = cli("compare", "H100", "A100", "compute", "-p", "bf16", "-s", "dense")
    assert lower.exit_code == 0, lower.output
    assert upper.stdout == lower.stdout


@pytest.mark.parametrize("command, param", [
    (c, p) for c, p in command_params()
    if p.name in VOCABULARY and (c, p.name) not in (("measure", "precision"), ("claims add", "basis"))],
    ids=lambda v: v if isinstance(v, str) else v.name)
def test_every_option_of_a_vocabulary_offers_its_words(command, param):
    """Help shows the words the vocabulary has, so a word added there is offered everywhere.
    Not vocabulary words: measure's --precision (the sweep's own, narrower set, checked by the
    backend) and claims add --basis (the source keys a claim's figures trace to)."""
    assert param.metavar == "[" + "|".join(VOCABULARY[param.name]) + "]", command
