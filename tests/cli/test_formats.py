"""--format comes from the renderer registry: a renderer registered at run time is offered in the
help, accepted, and used; a format a report cannot take, or an extension that contradicts it,
is a usage error."""

from __future__ import annotations

import json

import pytest

from chipdb.output import registry as render


@pytest.fixture
def shouting():
    def write(report, out):
        for row in report.rows:
            out.write(" | ".join(str(v).upper() for v in row) + "\n")

    render.register("shout", write, "upper-case rows", (".shout",))
    yield
    render.unregister("shout")


def test_a_registered_renderer_is_accepted_and_used(cli, shouting):
    out = cli("list", "--format", "shout")
    assert out.exit_code == 0, out.output
    assert "H100-SXM5-80GB | H100 SXM5 80GB" in out.stdout


def test_the_output_extension_picks_the_renderer(cli, shouting, tmp_path):
    target = tmp_path / "devices.shout"
    assert cli("list", "-o", str(target)).exit_code == 0
    assert "H100-SXM5-80GB" in target.read_text(encoding="utf-8")


def test_an_unknown_format_lists_the_registered_ones(cli):
    out = cli("list", "--format", "yaml")
    assert out.exit_code == 2 and "table" in out.stderr and "jsonld" in out.stderr


def test_json_extension_without_format_writes_json(cli, tmp_path):
    target = tmp_path / "show.json"
    assert cli("show", "H100", "-o", str(target)).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["device"] == "h100-sxm5-80gb"


def test_a_contradicting_extension_and_an_unrenderable_format_are_refused(cli, tmp_path):
    clash = cli("show", "H100", "-f", "csv", "-o", str(tmp_path / "x.json"))
    assert clash.exit_code == 2 and "x.json" in clash.stderr and not (tmp_path / "x.json").exists()
    jsonld = cli("list", "-f", "jsonld")
    assert jsonld.exit_code == 2 and "cannot be shown as jsonld" in jsonld.stderr


def test_help_offers_only_the_formats_a_command_can_render(cli):
    """A listing has no chart and no claim review; compare has a chart; claims check has both."""
    def offered(*command):
        out = cli(*command, "--help")
        assert out.exit_code == 0, out.output
        return out.stdout.split("--format [")[1].split("]")[0].split("|")

    assert offered("list") == ["table", "csv", "json", "markdown", "html"]
    assert offered("compare") == ["table", "csv", "json", "markdown", "png", "svg", "html"]
    assert offered("claims", "check") == ["table", "csv", "json", "markdown", "jsonld", "png", "svg", "html"]


def test_formats_lists_the_registry(cli, shouting):
    out = cli("formats")
    assert out.exit_code == 0
    assert "shout" in out.stdout and ".shout" in out.stdout and "jsonld" in out.stdout
