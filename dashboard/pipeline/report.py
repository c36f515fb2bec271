"""Assemble ``quality_report.json``: conservation, fault counts and quality rates.

Conservation is the hard rule: for every input file, the data rows below the
header equal kept + quarantined + merged duplicates + removed non-data rows
(each removal code counted on its own). The same identity is reported per
table and per kabupaten (for rows whose kabupaten is known; removed rows
have none). Everything except the ``run`` section is deterministic for the
same input, so reports of two runs can be compared.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard.pipeline import reasons
from dashboard.pipeline.readers import RawFile
from dashboard.pipeline.tables import KEPT, MERGED, QUARANTINED, Built

TABLE_OF_EXPORT = {"registry": "families", "penetapan_kpm": "kpm", "transaksi_salur": "disbursements"}
REPORT_VERSION = 1


def _rate(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 6) if denominator else None


def _fates(ledger: pd.DataFrame, by: str) -> dict[str, dict[str, int]]:
    counts = ledger.groupby([by, "fate"], dropna=False, observed=True).size()
    out: dict[str, dict[str, int]] = {}
    for (key, fate), n in counts.items():
        if not n:
            continue
        name = "" if pd.isna(key) else str(key)
        out.setdefault(name, {KEPT: 0, QUARANTINED: 0, MERGED: 0})[str(fate)] = int(n)
    return out


def _counts(values: pd.Series) -> dict[str, int]:
    """Return value → count for the non-missing values (zero counts dropped), sorted by value."""
    counts = values.dropna().astype("str").value_counts()
    return {str(k): int(v) for k, v in sorted(counts.items()) if v}


def conservation(files: list[RawFile], built: Mapping[str, Built]) -> list[dict]:
    """Return one conservation record per input file.

    Parameters
    ----------
    files : list of RawFile
        Files as read.
    built : mapping
        Table name → :class:`Built`.

    Returns
    -------
    list of dict
        ``file``, ``table``, ``input_rows``, ``kept``, ``quarantined``,
        ``merged_duplicates``, ``removed`` (code → n), ``balanced``.
    """
    records = []
    by_file = {name: _fates(result.ledger, "_file") for name, result in built.items()}
    for raw in files:
        table = TABLE_OF_EXPORT[raw.export]
        fates = by_file[table].get(raw.name, {KEPT: 0, QUARANTINED: 0, MERGED: 0})
        removed = sum(raw.removed.values())
        records.append(
            {
                "file": raw.name,
                "table": table,
                "input_rows": raw.data_rows,
                "kept": fates[KEPT],
                "quarantined": fates[QUARANTINED],
                "merged_duplicates": fates[MERGED],
                "removed": dict(raw.removed),
                "balanced": raw.data_rows == fates[KEPT] + fates[QUARANTINED] + fates[MERGED] + removed,
            }
        )
    return records


def _table_section(name: str, files: list[RawFile], result: Built) -> dict:
    own = [f for f in files if TABLE_OF_EXPORT[f.export] == name]
    ledger = result.ledger
    removed: dict[str, int] = {}
    for raw in own:
        for code, n in raw.removed.items():
            removed[code] = removed.get(code, 0) + n
    fates = _counts(ledger["fate"])
    kept, quarantined, merged = (fates.get(k, 0) for k in (KEPT, QUARANTINED, MERGED))
    input_rows = sum(f.data_rows for f in own)
    per_kab = {
        kab: {**counts, "input_rows": sum(counts.values()), "balanced": True}
        for kab, counts in sorted(_fates(ledger, "kode_kab").items())
        if kab
    }
    faults = result.faults
    fault_totals = (
        faults.groupby("fault")["n"].sum().sort_index() if len(faults) else pd.Series(dtype="int64")
    )
    fault_by_kab: dict[str, dict[str, int]] = {}
    for row in faults.sort_values(["kode_kab", "fault"]).itertuples():
        fault_by_kab.setdefault(row.kode_kab or "", {})[row.fault] = int(row.n)
    resolved = int(ledger["kode_kab"].notna().sum())
    return {
        "input_rows": input_rows,
        "kept": kept,
        "kept_in_table": len(result.table),
        "quarantined": quarantined,
        "merged_duplicates": merged,
        "removed": dict(sorted(removed.items())),
        "balanced": input_rows == kept + quarantined + merged + sum(removed.values())
        and kept == len(result.table),
        "quarantine_reasons": _counts(ledger["reason"]),
        "faults": {str(k): int(v) for k, v in fault_totals.items()},
        "faults_per_kabupaten": fault_by_kab,
        "per_kabupaten": per_kab,
        "region_resolution_rate": _rate(resolved, len(ledger)),
        "duplicate_rate": _rate(merged, kept + merged),
    }


def quality_rates(built: Mapping[str, Built]) -> dict[str, dict[str, dict[str, float | None]]]:
    """Return the inputs of the data-quality indicators per table and kabupaten.

    Parameters
    ----------
    built : mapping
        Table name → :class:`Built`.

    Returns
    -------
    dict
        table → kabupaten code → rates: ``nik_valid_rate`` (kept rows whose
        NIK is structurally valid), ``desa_resolution_rate`` (kept rows
        resolved to a desa), ``duplicate_rate`` (merged ÷ (kept + merged)),
        ``missing_desil_rate`` (families only).
    """
    out: dict[str, dict[str, dict[str, float | None]]] = {}
    for name, result in built.items():
        table = result.table
        fates = _fates(result.ledger, "kode_kab")
        valid = {"families": "nik_krt_valid", "kpm": "nik_pengurus_valid"}.get(name)
        sums = _per_kab(table, valid, name == "families")
        rates: dict[str, dict[str, float | None]] = {}
        for kab in sorted(k for k in fates if k):
            group = sums.get(kab, {"n": 0, "desa": 0, "valid": 0, "no_desil": 0})
            n = group["n"]
            entry: dict[str, float | None] = {
                "kept": n,
                "desa_resolution_rate": _rate(group["desa"], n),
                "duplicate_rate": _rate(fates[kab][MERGED], fates[kab][KEPT] + fates[kab][MERGED]),
            }
            if valid:
                entry["nik_valid_rate"] = _rate(group["valid"], n)
            if name == "families":
                entry["missing_desil_rate"] = _rate(group["no_desil"], n)
            rates[kab] = entry
        out[name] = rates
    return out


def _per_kab(table: pd.DataFrame, valid: str | None, desil: bool) -> dict[str, dict[str, int]]:
    """Return per kabupaten: kept rows, rows with a desa, valid NIKs, missing desil."""
    if not len(table):
        return {}
    frame = pd.DataFrame(
        {
            "kab": table["kode_kab"].astype("str").to_numpy(),
            "n": 1,
            "desa": table["kode_desa"].notna().to_numpy(),
            "valid": table[valid].to_numpy(dtype=bool) if valid else False,
            "no_desil": table["desil"].isna().to_numpy() if desil else False,
        }
    )
    sums = frame.groupby("kab").sum()
    return {str(k): {c: int(v) for c, v in row.items()} for k, row in sums.iterrows()}


def build_report(
    files: list[RawFile],
    built: Mapping[str, Built],
    source: str,
    as_of: str | None,
    run: dict,
) -> dict:
    """Return the whole quality report as a JSON-ready dict.

    Parameters
    ----------
    files : list of RawFile
        Files as read.
    built : mapping
        Table name → :class:`Built`.
    source : str
        ``sintetis`` or ``nyata``.
    as_of : str or None
        ISO date of the latest TGL_LAPORAN.
    run : dict
        Volatile facts of this run (duration, start time); excluded from
        idempotence comparisons.

    Returns
    -------
    dict
        The report.
    """
    records = conservation(files, built)
    return {
        "version": REPORT_VERSION,
        "source": source,
        "as_of": as_of,
        "files": [
            {
                "file": f.name,
                "export": f.export,
                "table": TABLE_OF_EXPORT[f.export],
                "format": f.kind,
                "encoding": f.encoding,
                "delimiter": f.delimiter,
                "sha256": f.sha256,
                "input_rows": f.data_rows,
                "unknown_columns": list(f.unknown_columns),
                "synthetic_marker": f.synthetic,
                "warnings": list(f.warnings),
            }
            for f in files
        ],
        "conservation": records,
        "balanced": all(r["balanced"] for r in records),
        "tables": {name: _table_section(name, files, result) for name, result in built.items()},
        "quality_rates": quality_rates(built),
        "codes": reasons.catalogue(),
        "run": run,
    }
