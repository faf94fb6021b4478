"""Export controls, pure (rules in force, clause logic, margins) and the loader's checks of the tables."""

from __future__ import annotations

import pytest

from chipdb.analysis.controls.model import ControlRule, RuleBook, Threshold, classify, in_force, verdict
from chipdb.domain.records import SourceRef

FR = SourceRef("fr", "a rule", "https://www.federalregister.gov/documents/x", "2022-10-13", "regulation")


def _rule(key, effective, supersedes=""):
    return ControlRule(key, key, FR, effective, effective, supersedes, "")


def _line(rule, paragraph, clause, parameter, comparison, value):
    return Threshold(rule, paragraph, clause, parameter, comparison, str(value), "", float(value), FR, "quote", "")


BOOK = RuleBook(
    rules={r.key: r for r in (_rule("old", "2022-10-07"), _rule("new", "2023-11-17", supersedes="old"),
                              _rule("hbm", "2024-12-02"))},
    thresholds=[
        _line("old", "3A090.a", "a.1", "tpp", ">=", 4800),
        _line("new", "3A090.a", "a.1", "tpp", ">=", 4800),
        _line("new", "3A090.a", "a.2", "tpp", ">=", 1600), _line("new", "3A090.a", "a.2", "pd", ">=", 5.92),
        _line("new", "3A090.b", "b.1", "tpp", ">=", 2400), _line("new", "3A090.b", "b.1", "tpp", "<", 4800),
        _line("hbm", "3A090 Note 2", "exclusion", "tpp", "<", 4800),
    ])


@pytest.mark.parametrize("as_of, rules, paragraphs", [
    ("2022-01-01", [], []),
    ("2022-10-07", ["old"], ["3A090.a"]),
    ("2023-11-16", ["old"], ["3A090.a"]),
    ("2023-11-17", ["new"], ["3A090.a", "3A090.b"]),
    ("2023-11", ["new"], ["3A090.a", "3A090.b"]),  # a month means its last day
    ("2025", ["new", "hbm"], ["3A090.a", "3A090.b"]),
])
def test_rules_in_force_by_effective_date_and_supersession(as_of, rules, paragraphs):
    live = in_force(BOOK, as_of)
    assert [r.key for r in live.rules] == rules
    assert list(live.paragraphs) == paragraphs
    assert all(rule.key != "old" for rule, _ in live.paragraphs.values()) or rules == ["old"]


def test_notes_of_a_rule_are_kept_apart_not_classified():
    live = in_force(BOOK, "2025-01-01")
    assert [t.paragraph for t in live.other] == ["3A090 Note 2"]


def test_lines_of_a_clause_all_hold_and_clauses_are_alternatives():
    live = in_force(BOOK, "2024-01-01")
    results, margins = classify({"tpp": 2000.0, "pd": 6.0}, {}, live)
    assert verdict(results) == ("3A090.a", [])
    a = results[0]
    assert [c.met for c in a.clauses] == [False, True] and a.met_by() == ["3A090.a.2"]
    assert results[1].met is False  # b.1 needs TPP >= 2400
    assert {(m.parameter, m.line): round(m.percent, 1) for m in margins} == {
        ("tpp", 4800): 41.7, ("tpp", 1600): 125.0, ("tpp", 2400): 83.3, ("pd", 5.92): 101.4}
    assert next(m for m in margins if m.line == 4800).where == ["3A090.a.1", "3A090.b.1"]


def test_a_missing_value_leaves_a_clause_undetermined_never_guessed():
    live = in_force(BOOK, "2024-01-01")
    results, margins = classify({"tpp": 2368.0, "pd": None}, {"pd": "PD not checkable: no die area"}, live)
    assert verdict(results) == (None, ["3A090.a"])
    a2 = results[0].clauses[1]
    assert a2.met is None
    reason = a2.lines[1].reason
    assert reason.startswith("PD not checkable: no die area") and "at most 400 mm²" in reason
    assert all(m.parameter == "tpp" for m in margins)


# --- the loader checks the control tables -------------------------------------------------------

RULES = "key,title,source,published,effective,supersedes,note\n"
LINES = "rule,paragraph,clause,parameter,comparison,value,unit,source,locator,note\n"


def _write(tmp_path, files):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    for name, text in files.items():
        (pkg / name).write_text(text, encoding="utf-8")
    return str(pkg)


def test_import_checks_rules_and_thresholds(cli, tmp_path):
    pkg = _write(tmp_path, {
        "control_rules.csv": RULES + "r1,A rule,bis-fr-2023-23055,2023-10-25,2023-11-17,nope,\n"
                                     "r2,Another,bis-fr-2023-23055,2023-13-01,,r2,\n",
        "control_thresholds.csv": LINES + "r1,3A090.a,a.1,tpp,>>,4800,,bis-fr-2023-23055,q,\n"
                                          "r1,3A090.a,a.1,io_rate,>=,600,,bis-fr-2023-23055,q,\n"
                                          "r1,3A090.a,a.2,pd,>=,many,,bis-fr-2023-23055,q,\n"
                                          "r1,3A090.a,a.4,pd,>=,\"3,35\",,bis-fr-2023-23055,q,\n"
                                          "r1,3A090.a,a.5,pd,>=,５,,bis-fr-2023-23055,q,\n"
                                          "r1,3A090.a,a.3,io_rate,>=,600,GFLOPS,bis-fr-2023-23055,q,\n"
                                          "zz,3A090.a,a.1,tpp,>=,4800,,bis-fr-2023-23055,q,\n",
        "control_events.csv": "device,date,what,source,locator,note\nh20,2025-04-31,x,nvidia-8k-2025-04-15,q,\n",
    })
    result = cli("import", pkg)
    assert result.exit_code == 1
    for expected in ("supersedes: unknown control rule 'nope'", "a rule cannot supersede itself",
                     "'2023-13-01' is not a calendar date", "'>>' is not one of: >=", "io_rate needs the unit",
                     "'many' is not a finite number above 0",
                     "'3,35': a comma separates thousands", "'５': '５' (U+FF15) is not an ASCII character", "unknown control rule 'zz'", "'2025-04-31' is not a calendar date"):
        assert expected in result.stderr, expected
    assert "GFLOPS" in result.stderr  # a rate in the wrong dimension


def test_a_valid_threshold_is_stored_with_its_canonical_value(cli, tmp_path):
    pkg = _write(tmp_path, {
        "control_rules.csv": RULES + "r9,Test rule,bis-fr-2022-21658,2022-10-13,2030-01-01,bis-2024-12,\n",
        "control_thresholds.csv": LINES + "r9,3A090.a,a.1,io_rate,>=,1.2,TB/s,bis-fr-2022-21658,q,\n"
                                          "r9,3A090.a,a.1,tpp,>=,\"9,600\",,bis-fr-2022-21658,q,\n"})
    assert cli("import", pkg).exit_code == 0
    view = cli.json("controls", "A100", "--as-of", "2030-06-01", "--format", "json")[0]
    assert view["rules_in_force"][-1] == "r9" and view["paragraph"] is None
    lines = view["paragraphs"][0]["clauses"][0]["lines"]
    assert [(x["value_si"], x["holds"]) for x in lines] == [(1.2e12, False), (9600.0, False)]
