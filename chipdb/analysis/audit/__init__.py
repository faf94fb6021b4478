"""A lint of the whole database: contradictions and gaps, each with the statements behind it.

Each check is one function registered with ``@check(name, grade, what, scope)``
(``chipdb.analysis.audit.registry``); ``audit`` runs every registered check, and ``chipdb audit``
lists them (``--checks``). The built-in ones are in ``checks``.

A finding is *accepted* when one of its statements explains it in the data: its rank reason or
note contains ``accepted: <check>`` followed by the explanation (for a missing metric, the
device's note does), or when the data explains it by itself (``chipdb.analysis.explain``: a pair
one source prints together, a seeded precision rule). ``chipdb audit --strict`` fails only on
findings that are not accepted. Each finding has a grade: ``error`` (the data is wrong or
untraceable), ``warning`` (a figure disagrees with another and nothing says why) or ``note``
(a gap, or a dataset's value against a curated one), so a large import does not bury the few
that matter. Which metrics a device kind must have is data: the metrics table's ``core_for``.
"""

from __future__ import annotations

from chipdb.analysis.audit.registry import (CHECKS, GRADES, SCOPES, Audit, Check, DeviceFacts, Finding, check,
                                            unregister)
from chipdb.analysis.audit.run import CONFLICT, TPP_COLUMN, audit, compare_tpp, dataset_findings
from chipdb.analysis.audit.checks import BITS, DATASET, SPARSITY_TOLERANCE, _rounding

__all__ = ["BITS", "CHECKS", "CONFLICT", "DATASET", "GRADES", "SCOPES", "SPARSITY_TOLERANCE", "TPP_COLUMN", "Audit",
           "Check", "DeviceFacts", "Finding", "audit", "check", "compare_tpp", "dataset_findings", "unregister",
           "_rounding"]
