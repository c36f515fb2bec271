from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow.parquet as pq

SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d{16}(?!\d)")
NAME_COLUMNS = {"nama", "nama_krt", "nama_pengurus", "nama_penerima", "no_rekening", "norek"}


def output_texts(out: Path) -> dict[str, str]:
    """Every cell and column name of every output as text, per file."""
    texts = {}
    for path in sorted(out.rglob("*.parquet")):
        table = pq.read_table(path)
        cells = " ".join(str(v) for column in table.columns for v in column.to_pylist())
        texts[str(path.relative_to(out))] = " ".join(table.column_names) + " " + cells
    report = out / "quality_report.json"
    texts["quality_report.json"] = json.dumps(json.loads(report.read_text()), ensure_ascii=False)
    return texts


def parquet_bytes(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.parquet"))}
