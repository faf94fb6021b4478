"""A test reads a command's stdout only after asserting its exit code (with the output as the
message), so a failing command shows its error instead of a JSON or parsing error about empty
output. ``Cli.out`` and ``Cli.json`` do both in one step."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
READS = ("stdout", "stdout_bytes")
CHECKS = ("exit_code", "returncode")


def _events(function: ast.FunctionDef):
    """(position, kind, name) in source order: a read of NAME.stdout (or of a call's .stdout:
    name None), a check of NAME.exit_code, an assignment to NAME (after its right-hand side)."""
    found = []

    def visit(node):
        for child in ast.iter_child_nodes(node):
            if isinstance(node, ast.Assert) and child is node.msg:
                continue  # a message reads the output once the check has failed
            if isinstance(child, (ast.FunctionDef, ast.Lambda)):
                continue
            if isinstance(child, ast.Attribute) and child.attr in READS + CHECKS:
                kind = "read" if child.attr in READS else "check"
                if isinstance(child.value, ast.Name):
                    found.append(((child.lineno, child.col_offset), kind, child.value.id))
                elif kind == "read" and isinstance(child.value, ast.Call):
                    found.append(((child.lineno, child.col_offset), kind, None))
            if isinstance(child, ast.Assign):
                for name in (n for t in child.targets for n in ast.walk(t) if isinstance(n, ast.Name)):
                    found.append(((child.end_lineno, 1 << 30), "assign", name.id))
            visit(child)

    visit(function)
    return sorted(found, key=lambda e: e[0])


def unchecked_reads(path: Path, root: Path = TESTS) -> list[str]:
    out = []
    for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(function, ast.FunctionDef):
            continue
        checked: set[str] = set()
        for (line, _), kind, name in _events(function):
            if kind == "assign":
                checked.discard(name)
            elif kind == "check":
                checked.add(name)
            elif name not in checked:
                out.append(f"{path.relative_to(root)}:{line}: {function.name} reads "
                           f"{name or 'a call'}'s stdout before asserting its exit code")
    return out


def test_every_test_asserts_the_exit_code_before_reading_stdout():
    found = [hit for path in sorted(TESTS.rglob("test_*.py")) for hit in unchecked_reads(path)]
    assert not found, "assert the exit code first (or use cli.out / cli.json):\n" + "\n".join(found)


def test_the_check_finds_a_read_before_the_exit_code(tmp_path):
    sample = tmp_path / "test_sample.py"
    sample.write_text("def test_x(cli):\n    r = cli('list')\n    assert 'a' in r.stdout and r.exit_code == 0\n"
                      "    assert cli('show').stdout\n"
                      "def test_y(cli):\n    r = cli('list')\n    assert r.exit_code == 0, r.output\n"
                      "    assert 'a' in r.stdout\n", encoding="utf-8")
    assert [hit.split(": ")[0] for hit in unchecked_reads(sample, tmp_path)] == ["test_sample.py:3", "test_sample.py:4"]
