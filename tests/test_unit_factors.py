"""The unit factors pint computed ahead of time (chipdb/domain/unit_factors.csv) are current, and a
spelling the table holds is converted without importing pint."""

from __future__ import annotations

import subprocess
import sys

from chipdb.domain import units
from chipdb.package import unitfactors


def test_the_factor_table_is_current():
    assert unitfactors.TARGET.read_text(encoding="utf-8") == unitfactors.render(), \
        "run: python -m chipdb.package.unitfactors"


def test_the_table_holds_the_seeds_common_spellings():
    factors = units.ahead_of_time()
    for key in (("TFLOPS", "compute"), ("TOPS", "compute"), ("GB", "bytes"), ("TB/s", "bytes_per_second"),
                ("W", "power")):
        assert factors[key] == units.pint_factor(*key)


def test_a_known_spelling_needs_no_pint_and_an_unknown_one_still_gets_pints_answer():
    code = ("import sys; from chipdb.domain.units import conversion_factor as f, UnitProblem\n"
            "assert f('TFLOPS', 'compute') == 1e12 and 'pint' not in sys.modules\n"
            "assert f('zettaFLOPS', 'compute') == 1e21 and 'pint' in sys.modules\n"
            "try:\n    f('GB', 'compute')\nexcept UnitProblem as e:\n    print(e)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "unit 'GB' is [information], but this metric is measured in FLOP/s"
