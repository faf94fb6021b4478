"""claims list|check|show|add, and check "TEXT"."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from chipdb.cli._app import app, group
from chipdb.cli.analyze import AsOf, Precision, Prefer, SourceKey, Sparsity, _options
from chipdb.cli.common import DbOption, FormatOption, OutputOption, choice_option, command, emit, format_option, reading
from chipdb.domain import claimspec, vocab

claims_app = group("claims", help="Comparative claims: list, check, show, add.", no_args_is_help=True)

STRICT_EXIT = 3
ReviewFormat = format_option("jsonld")


Strict = Annotated[bool, typer.Option("--strict", help=f"Exit {STRICT_EXIT} when any claim does not hold.")]


def _strict_exit(results, strict: bool) -> None:
    from chipdb.domain.claimspec import Verdict

    if strict and any(r.primary.verdict is not Verdict.HOLDS for r in results):
        raise typer.Exit(STRICT_EXIT)


@command(claims_app, "list")
def claims_list(ctx: typer.Context, db: DbOption = None, fmt: FormatOption = None,
                output: OutputOption = None) -> None:
    """The claims: key, what is compared, the stated value, where it appeared."""
    from chipdb.claims.store import list_claims
    from chipdb.output.reports.claims import list_report

    with reading(ctx, db) as s:
        facts = list_claims(s)
    emit(list_report(facts), fmt, output)


@command(claims_app, "check")
def claims_check(ctx: typer.Context,
                 keys: Annotated[Optional[list[str]], typer.Argument(help="Claim keys (default: every claim).")] = None,
                 as_of: AsOf = None, source: SourceKey = None, prefer: Prefer = "stated", strict: Strict = False,
                 db: DbOption = None, fmt: format_option("chart", "jsonld") = None, output: OutputOption = None) -> None:
    """Check claims: stated, computed, deviation and verdict (holds, overstated, understated, contradicted, not checkable)."""
    from chipdb.claims.store import check_claims

    options = _options(prefer, source, as_of)
    with reading(ctx, db) as s:
        results = check_claims(s, keys or None, options)
    from chipdb.output.reports.claims import check_report

    emit(check_report(results), fmt, output)
    _strict_exit(results, strict)


@command(claims_app, "show")
def claims_show(ctx: typer.Context, key: Annotated[str, typer.Argument(help="A claim key (chipdb claims list).")],
                as_of: AsOf = None, source: SourceKey = None, prefer: Prefer = "stated",
                db: DbOption = None, fmt: ReviewFormat = None, output: OutputOption = None) -> None:
    """One claim in full: every reading, the range over sources, and the lineage of both sides."""
    from chipdb.claims.store import check_claims

    options = _options(prefer, source, as_of)
    with reading(ctx, db) as s:
        (result,) = check_claims(s, [key], options)
    _show(result, fmt, output)


def _show(result, fmt: str | None, output: Path | None) -> None:
    from chipdb.output.reports.claims import readings_report

    emit(readings_report(result), fmt, output)


@command(claims_app, "add")
def claims_add(ctx: typer.Context,
               key: Annotated[str, typer.Argument(help="A new claim key, e.g. my-blog-2025-compute.")],
               subject: Annotated[str, typer.Option("--subject", help="The device the claim is about.")],
               baseline: Annotated[str, typer.Option("--baseline", help="The device it is compared with.")],
               stated: Annotated[str, typer.Option("--stated", help="As printed: 1.7 (ratio), 67 (percent), lower|higher (direction).")],
               text: Annotated[str, typer.Option("--text", help="The claim's words, as printed.")],
               locator: Annotated[str, typer.Option("--locator", help="Where in the source: page, paragraph, a short quote (required, as for every claim).")],
               appeared_in: Annotated[Optional[str], typer.Option("--appeared-in", metavar="KEY", help="Key of the source the claim appeared in (chipdb sources).  [required]")] = None,
               old_source: Annotated[Optional[str], typer.Option("--source", hidden=True, help="The old spelling of --appeared-in.")] = None,
               kind: choice_option(str, "--kind", choices=claimspec.KINDS, help="What the stated value is.", check=False) = "ratio",
               precision: choice_option(str, "--precision", "-p", choices=vocab.PRECISIONS, help="Precision, if the claim states one.", check=False) = "",
               sparsity: choice_option(str, "--sparsity", "-s", choices=vocab.SPARSITIES, help="If the claim states it.", check=False) = "",
               direction: choice_option(str, "--direction", choices=vocab.DIRECTIONS, help="Link direction, if the claim states it.", check=False) = "",
               tolerance: Annotated[str, typer.Option("--tolerance", help="An explicit +/- on the stated number (above 0).")] = "",
               wording: choice_option(str, "--wording", choices=claimspec.WORDINGS, help="zh_tisheng: Chinese 提升了X倍; times_more: \"X times more\" (both read both ways); times_less: \"X times less\" (1/X).", check=False) = "",
               assume: Annotated[str, typer.Option("--assume", help="The primary reading's basis, e.g. 'precision=bf16 sparsity=dense'.")] = "",
               basis: Annotated[str, typer.Option("--basis", help="Source keys the claim's figures trace to, space-separated.")] = "",
               note: Annotated[str, typer.Option("--note", help="A note.")] = "",
               metric_arg: Annotated[Optional[str], typer.Argument(metavar="[METRIC]", help="The metric compared (or --metric).", show_default=False)] = None,
               metric: Annotated[Optional[str], typer.Option("--metric", "-m", help="The metric compared; may also be given as the argument after the key.")] = None,
               db: DbOption = None) -> None:
    """Add a claim of your own (its source must exist: see chipdb sources, chipdb import)."""
    # The words are checked with every other cell by the validator import uses (a data error, exit
    # 1, as for the same claim in a package), not when the command line is read.
    from chipdb.claims.store import add_claim
    from chipdb.cli.common import one_metric, writing

    metric = one_metric(metric_arg, metric, where="after the key")
    source = _appeared_in(appeared_in, old_source)
    cells = {"key": key, "text": text, "source": source, "locator": locator, "subject": subject,
             "baseline": baseline, "metric": metric, "precision": precision, "sparsity": sparsity,
             "direction": direction, "kind": kind, "stated": stated, "tolerance": tolerance, "wording": wording,
             "assumptions": assume, "basis": basis, "note": note}
    writing(ctx, db, lambda s: add_claim(s, cells))
    typer.echo(f"added claim {key}; check it with: chipdb claims check {key}", err=True)


def _appeared_in(key: str | None, old: str | None) -> str:
    """claims add's source: --appeared-in, or --source, its old spelling (hidden: in every other
    command --source picks the statements to use)."""
    from chipdb.domain.errors import UsageError

    if key and old and key != old:
        raise UsageError(f"two sources given ({key!r} and {old!r} with --source, the old spelling of "
                         "--appeared-in): give one", "appeared_in")
    if not (key or old):
        raise UsageError("missing option --appeared-in KEY: the source the claim appeared in (chipdb sources)")
    return key or old


@command(app, "check")
def check_text(ctx: typer.Context,
               text: Annotated[Optional[str], typer.Argument(help='A claim, a paragraph or an article, in English or Chinese, e.g. "CloudMatrix 384 has 1.7x the BF16 compute of GB200 NVL72" or "CloudMatrix 384的算力是GB200 NVL72的1.7倍".', show_default=False)] = None,
               file: Annotated[Optional[str], typer.Option("--file", metavar="PATH", help="Read the text from a file (plain text, Markdown or HTML); - for standard input.")] = None,
               date: Annotated[Optional[str], typer.Option("--date", metavar="DATE", help="When the text was published: its claims are checked as of then (default: the date the text gives, else today's data).")] = None,
               subject: Annotated[Optional[str], typer.Option("--subject", help="The device a claim's subject means when the text says only \"it\" or \"the chip\".")] = None,
               baseline: Annotated[Optional[str], typer.Option("--baseline", help="The device compared with, when the text does not name it.")] = None,
               precision: Precision = None, sparsity: Sparsity = None,
               as_of: AsOf = None, source: SourceKey = None, prefer: Prefer = "stated", strict: Strict = False,
               db: DbOption = None, fmt: ReviewFormat = None, output: OutputOption = None) -> None:
    """Find and check every comparison in a text: each claim with its words, its reading (devices, metric,
    qualifiers, stated ratio and bound) and its verdict; passages comparing workloads (benchmarks, models,
    "performance") are listed as not spec claims. --precision and --sparsity fill in what the text leaves
    open. A threshold claim ("the H20's TPP is below the 4,800 line") is checked against the export-control
    TPP or PD."""
    from chipdb.claims.reader import Given
    from chipdb.claims.text import check_text as run
    from chipdb.claims.text import given_qualifiers
    from chipdb.claims.threshold import parse as parse_threshold
    from chipdb.domain.errors import UsageError

    if (text is None) == (file is None):
        raise UsageError("give the text to check, or --file PATH (- for standard input), not both", "text")
    if file is not None:
        text = _read_text(file)
    options = _options(prefer, source, as_of)
    threshold = parse_threshold(text) if file is None else None
    if threshold is not None:
        from chipdb.claims.threshold import HOLDS, check

        if precision or sparsity:
            raise UsageError("a threshold claim takes no precision or sparsity: TPP is the highest dense "
                             "matrix rate x bit length over the precisions a chip has", "precision")
        from chipdb.output.reports.controls import threshold_check_report

        with reading(ctx, db) as s:
            checked = check(s, threshold, options)
        emit(threshold_check_report(checked), fmt, output)
        if strict and checked.verdict != HOLDS:
            raise typer.Exit(STRICT_EXIT)
        return
    given = Given(subject or "", baseline or "", date or "",
                  tuple(given_qualifiers(precision=precision, sparsity=sparsity).items()))
    with reading(ctx, db) as s:
        result = run(s, text, options, given, whole_text=file is not None)
    from chipdb.output.reports.textcheck import document_report

    report = document_report(result)
    emit(report, fmt, output)
    if not result.claims:
        typer.echo("no spec claim found" + (f"; {len(result.not_spec)} passage(s) compare workloads, not specifications"
                                            if result.not_spec else ""), err=True)
    if strict and any(item.verdict != "holds" for item in result.claims):
        raise typer.Exit(STRICT_EXIT)


def _read_text(path: str) -> str:
    import sys

    from chipdb.domain.errors import UsageError

    if path == "-":
        return sys.stdin.read()
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise UsageError(f"no file {path!r}", "file") from None
    except IsADirectoryError:
        raise UsageError(f"{path!r} is a directory, not a text file", "file") from None
    for encoding in ("utf-8-sig", "gb18030", "big5"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UsageError(f"{path!r} is not text in UTF-8, GB18030 or Big5", "file")
