"""Integer join keys and the file-order helper of the cube build."""

from __future__ import annotations

import duckdb

from dashboard.indicators.cube import _key, _with_row_number


def test_key_is_null_when_any_column_is_null() -> None:
    con = duckdb.connect()
    rows = con.sql(
        f"SELECT {_key('a', 'b')} AS k FROM (VALUES ('x', 'y'), ('x', NULL), (NULL, 'y'), ('x', 'y')) t(a, b)"
    ).fetchall()
    keys = [r[0] for r in rows]
    assert keys[1] is None and keys[2] is None
    assert keys[0] is not None and keys[0] == keys[3]


def test_with_row_number_only_for_parquet() -> None:
    src, rn = _with_row_number("read_parquet('/tmp/x.parquet')")
    assert src == "read_parquet('/tmp/x.parquet', file_row_number = true)"
    assert rn == "file_row_number"
    assert _with_row_number("src_dis") == ("src_dis", "0")
