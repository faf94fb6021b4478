"""One bit-length table (issue 18): TPP and the audit's precision order read the same numbers."""

from chipdb.analysis import audit
from chipdb.domain import vocab


def test_the_audit_orders_float_precisions_by_the_vocabulary_table():
    assert audit.BITS == {p: vocab.BIT_LENGTHS[p] for p in vocab.PRECISIONS if not p.startswith("int")}
    assert vocab.BIT_LENGTHS["tf32"] == 32 and set(vocab.BIT_LENGTHS) == set(vocab.PRECISIONS)
