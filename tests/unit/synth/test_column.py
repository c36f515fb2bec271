from __future__ import annotations

import numpy as np
import pyarrow as pa

from dashboard.synth import faults
from dashboard.synth.column import coded, constant, numbers
from dashboard.synth.payments import sort_order
from dashboard.synth.targeting import _group_rank, _take_per_group


def test_column_numbers_text_empty_and_prefix():
    col = numbers(np.array([5, 12, 7]), np.array([False, True, False]), prefix="TRX")
    assert col.text().to_pylist() == ["TRX5", "", "TRX7"]


def test_column_coded_negative_code_is_empty():
    assert coded(("A", "B"), np.array([1, -1, 0])).text().to_pylist() == ["B", "", "A"]


def test_column_put_then_reindex_keeps_patches():
    col = numbers(np.array([10, 20, 30]))
    col.put(np.array([1]), ["X"])
    col.put(np.array([2]), pa.array(["Y"]))
    col.put(np.array([1]), ["Z"])
    assert col.text().to_pylist() == ["10", "Z", "Y"]
    again = col.reindex(np.array([2, 2, 0, 1]))
    assert again.text().to_pylist() == ["Y", "Y", "10", "Z"]
    assert again.text(np.array([3, 0])).to_pylist() == ["Z", "Y"]


def test_column_mask_sees_patches():
    col = coded(("PROSES", "TERSALUR"), np.array([0, 1, 0]))
    col.put(np.array([0]), [""])
    assert col.mask(lambda a: pa.compute.equal(a, "PROSES")).tolist() == [False, False, True]
    assert constant("x", 2).text().to_pylist() == ["x", "x"]


def test_date_variants_match_reference():
    values = ["05-03-2025", "31-12-2024", "01-01-2026", "29-02-2024"]
    for kind in range(4):
        got = faults.date_variants(pa.array(values), np.full(len(values), kind)).to_pylist()
        assert got == [faults._date_variant(v, kind) for v in values]


def test_sort_order_same_as_lexsort():
    rng = np.random.default_rng(0)
    keys = [rng.integers(0, 2, 5000), rng.integers(19_700, 19_800, 5000), rng.integers(0, 50, 5000)]
    assert (sort_order(keys) == np.lexsort(tuple(reversed(keys)))).all()


def test_group_rank_and_take_per_group_match_reference():
    rng = np.random.default_rng(1)
    group = rng.integers(0, 5, 3000)
    key = np.where(rng.random(3000) < 0.3, np.inf, rng.integers(1, 6, 3000).astype(float))
    order = _group_rank(group, key)
    assert (order == np.lexsort((key, group))).all()
    ok, k = np.isfinite(key), np.array([3, 0, 50, 10_000, 1])
    chosen = _take_per_group(order, group, ok, k)
    for g in range(5):
        rows = order[(group[order] == g) & ok[order]]
        assert set(np.flatnonzero(chosen & (group == g))) == set(rows[: k[g]])
