"""Helpers that keep the cleaning step fast and lean at full scale."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.compute as pc
import pytest

from dashboard import pseudonym
from dashboard.pipeline import locate, parse, run, tables

from .conftest import MIXED
from .helpers import parquet_bytes


@pytest.mark.parametrize("secret", [b"k", b"x" * 64, b"y" * 100, "kunci-é".encode()])
def test_hasher_equals_hmac_pseudonym(secret: bytes) -> None:
    one = pseudonym.hasher(secret)
    for value in ["", "abc", "1801044507850001", "é" * 40, "x" * 200]:
        digest = hmac.digest(secret, value.encode(), hashlib.sha256).hex()[:16]
        assert one(value) == pseudonym.pseudonym(value, secret)
        assert one(value)[1:] == digest[1:]


def test_pseudonymise_unique_helpers_same_as_serial(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pseudonym, "PARALLEL_MIN", 10)
    values = [str(i) for i in range(1_000)] + [None, ""]
    serial = pseudonym.pseudonymise_unique(values, b"k")
    with pseudonym.helpers(workers=2):
        parallel = pseudonym.pseudonymise_unique(values, b"k", workers=2)
    assert parallel.tolist() == serial.tolist()
    assert serial[-1] is None and serial[-2] is None and serial[-3] is None


def test_printable_ascii_and_fast_path_match_slow_path() -> None:
    values = pd.Series(["ab c", "", "é x", "a\tb", "ſub", None], dtype="str")
    assert parse.printable_ascii(values).tolist() == [True, True, False, False, False, False]

    def slow(v: pd.Series) -> pd.Series:
        return v.str.upper().str.replace(r"\s+", "", regex=True)

    fast = parse.ascii_fast_path(values, lambda a: pc.replace_substring(pc.ascii_upper(a), " ", ""), slow)
    pd.testing.assert_series_equal(fast, slow(values))


def test_take_str_missing_codes_and_entries() -> None:
    result = parse.take_str(["a", None, "c"], np.array([2, -1, 1, 0]), pd.RangeIndex(4))
    assert result.dtype == "str"
    assert result.isna().tolist() == [False, True, True, False]
    assert result[[0, 3]].tolist() == ["c", "a"]


def test_concat_compact_materialise_and_sort_order() -> None:
    first = tables.compact(pd.DataFrame({"k": pd.Series(["b", None], dtype="str"), "n": [1, 2]}), ["k"])
    second = tables.compact(pd.DataFrame({"k": pd.Series(["a", "c"], dtype="str"), "n": [3, 4]}), ["k"])
    joined = tables.concat_compact([first, second])
    assert isinstance(joined["k"].dtype, pd.CategoricalDtype)
    plain = tables.materialise(joined)
    assert plain["k"].dtype == "str" and plain["k"].isna().tolist() == [False, True, False, False]
    keyed = joined.dropna().reset_index(drop=True)
    order = tables.sort_order(keyed, ["k"])
    assert tables.materialise(keyed, order)["k"].tolist() == ["a", "b", "c"]


def test_pseudonymise_column_categorical_and_text_like_pseudonymise() -> None:
    values = pd.Series(["x", None, "y", "x"], dtype="str")
    expected = pseudonym.pseudonymise(values, b"k")
    as_text = tables.pseudonymise_column(values, b"k")
    as_category = tables.pseudonymise_column(values.astype("category"), b"k")
    pd.testing.assert_series_equal(as_text, expected)
    pd.testing.assert_series_equal(
        tables.materialise(pd.DataFrame({"v": as_category}))["v"], expected.rename("v")
    )


def test_fingerprint_same_cells_same_hash() -> None:
    raw = pd.DataFrame({"a": ["1", "1", "1"], "b": ["x", "x", "y"]}, dtype="str")
    prints = tables.fingerprint(raw, ["a", "b"])
    assert prints[0] == prints[1] != prints[2]


def test_dedupe_exact_keeps_last_key_keeps_latest() -> None:
    key = pd.DataFrame({"id": ["A", "A", "B", "B", "C"]})
    latest = np.array([1, 1, 5, 9, 0], dtype=np.int64)
    prints = np.array([7, 7, 1, 2, 3], dtype=np.uint64)
    complete = np.array([3, 3, 3, 3, 3], dtype=np.int16)
    merged, fault = tables._dedupe(key, np.ones(5, dtype=bool), latest, complete, prints)
    assert merged.tolist() == [True, False, True, False, False]
    assert fault[0] == "F04_duplikat_identik" and fault[2] == "F04_duplikat_kunci"
    assert fault[[1, 3, 4]].isna().all()


def test_region_lookup_exact_then_latest_then_missing() -> None:
    kpm = pd.DataFrame(
        {
            "kpm_id": ["k1", "k1", "k2"],
            "program": ["PKH", "PKH", "PKH"],
            "periode": ["2025-T1", "2025-T2", "2025-T1"],
            "tahun": [2025, 2025, 2025],
            "tahap": [1, 2, 1],
            "kode_kab": ["18.01", "18.02", "18.03"],
            "kode_kec": ["18.01.01", "18.02.01", None],
            "kode_desa": [None, None, None],
        }
    ).astype({"kode_desa": "str", "kode_kec": "str"})
    rows = pd.DataFrame(
        {
            "kpm_id": ["k1", "k1", "k9"],
            "program": ["PKH", "PKH", "PKH"],
            "periode": ["2025-T1", "2026-T1", "2025-T1"],
        }
    )
    where = tables.RegionLookup(kpm).regions(rows)
    assert where["kode_kab"].tolist()[:2] == ["18.01", "18.02"]
    assert where["kode_kab"].isna().tolist() == [False, False, True]


def test_locate_kabupaten_fault_counted_when_desa_resolves(desa_master: pd.DataFrame) -> None:
    where = locate.locate(
        pd.Series(["18.01.04.2001"] * 3, dtype="str"),
        pd.Series(["1801", "", "18.01"], dtype="str"),
        pd.Series(["LAMPUNG BARAT", "Lamsel", ""], dtype="str"),
        desa_master,
    )
    assert where["kode_desa"].tolist() == ["18.01.04.2001"] * 3  # the desa code still decides
    assert where["fault"].tolist()[:2] == ["F05_kode_kabupaten_bps", "F06_wilayah_dari_nama"]
    assert where["fault"].isna().tolist()[2]


def test_clean_in_small_chunks_same_bytes(
    tmp_path: Path, desa_master: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = run.clean(MIXED, tmp_path / "whole", desa_master)
    monkeypatch.setattr(run, "CHUNK_ROWS", 2)
    chunked = run.clean(MIXED, tmp_path / "chunked", desa_master)
    assert parquet_bytes(tmp_path / "whole") == parquet_bytes(tmp_path / "chunked")
    whole.pop("run"), chunked.pop("run")
    assert whole == chunked
