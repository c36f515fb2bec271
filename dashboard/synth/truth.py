"""Ground truth written next to the synthetic exports (``_faults.json``, ``_truth/``).

Small tables only: per-file row counts, rows touched per fault class and
column, and per kabupaten × programme × period aggregates the cleaner's output
can be compared with. No full copy of the data.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from dashboard import rawformat
from dashboard.synth import faults
from dashboard.synth.calendar import day_number, period_bounds, period_label
from dashboard.synth.generate import SyntheticData
from dashboard.synth.targeting import PROGRAMS, regime_of

#: fault class → scenario [faults] keys giving its rates
RATE_KEYS = {
    1: ("nik_as_number",),
    2: ("nik_invalid",),
    3: ("swapped_ids",),
    4: ("duplicate_exact", "duplicate_family"),
    5: ("region_code_mixed",),
    6: ("region_name_variant", "ambiguous_tuba"),
    8: ("date_mixed", "date_placeholder", "credit_before_sp2d"),
    9: ("amount_text", "amount_thousands"),
    10: ("status_variant", "status_blank"),
    11: ("period_label",),
    14: ("bank_variant",),
    15: ("name_messy",),
    17: ("desil_missing",),
}


def _derived_counts(data: SyntheticData, files: list, tallies: dict[str, faults.Tally]) -> None:
    """Add counts of faults that are properties of the truth (7, 13, 17, 18)."""
    names = data.desa["nama_desa"].astype(str).str.upper()
    shared = names.map(names.value_counts()).to_numpy() > 1
    cfg = data.scenario["files"]
    fam = data.families
    dead_kpm = data.kpm["deceased_active"].to_numpy()
    for name, export, rows in files:
        t = tallies[name]
        if export == rawformat.REGISTRY:
            t.add(7, "DESA_KELURAHAN", int(shared[fam["desa_idx"].to_numpy()[rows]].sum()))
            t.add(17, "DESIL", int((fam["desil"].to_numpy()[rows] < 0).sum()))
        elif export == rawformat.PENETAPAN:
            t.add(13, "STATUS_KPM=AKTIF", int(dead_kpm[rows].sum()))
        else:
            trx = data.trx
            paid_dead = dead_kpm[trx["kpm_row"].to_numpy()[rows]] & (trx["status"].to_numpy()[rows] == 0)
            t.add(13, "STATUS_SALUR=TERSALUR", int(paid_dead.sum()))
        for key in ("semicolon", "cp1252", "bom", "lowercase_headers"):
            if name in cfg[key]:
                t.add(18, key, 1)


def fault_manifest(data: SyntheticData, files: list, tallies: dict[str, faults.Tally]) -> dict:
    """Return the ``_faults.json`` content: class, description, rates, rows per file and column.

    Parameters
    ----------
    data : SyntheticData
        The generated truth.
    files : list of tuple
        :func:`dashboard.synth.writer.plan`.
    tallies : dict
        File name → fault tally from writing.

    Returns
    -------
    dict
        ``{"classes": [...], "files": {name: {"export", "truth_rows"}}}``.
    """
    _derived_counts(data, files, tallies)
    rates = data.scenario["faults"]
    classes = []
    for class_id, (key, description) in sorted(faults.CLASSES.items()):
        per_file: dict[str, dict[str, int]] = {}
        for name, tally in tallies.items():
            for (cid, column), rows in sorted(tally.counts.items()):
                if cid == class_id:
                    per_file.setdefault(name, {})[column] = rows
        classes.append(
            {
                "id": class_id,
                "key": key,
                "deskripsi": description,
                "rate": {k: rates[k] for k in RATE_KEYS.get(class_id, ())},
                "files": per_file,
                "total_rows": int(sum(sum(v.values()) for v in per_file.values())),
            }
        )
    file_info = {name: {"export": export, "truth_rows": len(rows)} for name, export, rows in files}
    return {"classes": classes, "files": file_info}


def _write(table: pd.DataFrame, path: Path) -> None:
    pq.write_table(pa.Table.from_pandas(table, preserve_index=False), path)


def kpm_summary(data: SyntheticData) -> pd.DataFrame:
    """Return per kabupaten × programme × period: ditetapkan, aktif, paid (by period end and report date)."""
    meta = data.scenario["meta"]
    kpm, trx, fam = data.kpm, data.trx, data.families
    kab = fam["kab_idx"].to_numpy()[kpm["fam"].to_numpy()]
    ends = np.array([period_bounds(p, meta["first_year"])[1] for p in range(meta["n_periods"])])
    paid = trx[trx["status"] == 0]
    by_end = paid["kredit"].to_numpy() <= ends[paid["period"].to_numpy()]
    n_rows = len(kpm)
    ever = np.bincount(paid["kpm_row"].to_numpy(), minlength=n_rows) > 0
    ontime = np.bincount(paid["kpm_row"].to_numpy()[by_end], minlength=n_rows) > 0
    salur = np.bincount(paid["kpm_row"].to_numpy(), weights=paid["salur"].to_numpy(), minlength=n_rows)
    gagal = (
        np.bincount(trx["kpm_row"].to_numpy(), weights=(trx["status"].to_numpy() == 1), minlength=n_rows) > 0
    )
    retur = np.bincount(trx["kpm_row"].to_numpy(), weights=trx["nominal_retur"].to_numpy(), minlength=n_rows)
    sp2d_first = pd.Series(trx["sp2d"].to_numpy()).groupby(trx["kpm_row"].to_numpy()).min()
    delay = np.full(n_rows, np.nan)
    starts = np.array([period_bounds(p, meta["first_year"])[0] for p in range(meta["n_periods"])])
    delay[sp2d_first.index.to_numpy()] = (
        sp2d_first.to_numpy() - starts[kpm["period"].to_numpy()[sp2d_first.index.to_numpy()]]
    )
    frame = pd.DataFrame(
        {
            "kode_kab": data.kab["kode_kab"].to_numpy()[kab],
            "program": np.array(PROGRAMS)[kpm["program"].to_numpy()],
            "periode": np.array([period_label(p, meta["first_year"]) for p in range(meta["n_periods"])])[
                kpm["period"].to_numpy()
            ],
            "ditetapkan": 1,
            "aktif": (kpm["status"].to_numpy() == 0).astype(np.int64),
            "nominal": kpm["nominal"].to_numpy(),
            "tersalur": ever.astype(np.int64),
            "tersalur_akhir_periode": ontime.astype(np.int64),
            "rp_tersalur": salur.astype(np.int64),
            "gagal": gagal.astype(np.int64),
            "rp_retur": retur.astype(np.int64),
            "meninggal_aktif": kpm["deceased_active"].to_numpy().astype(np.int64),
            "di_luar_target": (~kpm["in_target"].to_numpy()).astype(np.int64),
            "baru": kpm["new"].to_numpy().astype(np.int64),
            "hari_sp2d": delay,
        }
    )
    agg = {c: "sum" for c in frame.columns if c not in ("kode_kab", "program", "periode", "hari_sp2d")}
    agg["hari_sp2d"] = "median"
    return frame.groupby(["kode_kab", "program", "periode"], as_index=False).agg(agg)


def targeting_summary(data: SyntheticData) -> pd.DataFrame:
    """Return per kabupaten × programme × period: target families, coverage, desil-1 coverage, inclusion."""
    meta = data.scenario["meta"]
    fam, kpm = data.families, data.kpm
    desil_regime = [
        fam["desil_dtks"].to_numpy(),
        np.where(fam["desil"] > 0, fam["desil"], fam["desil_dtks"]).astype(np.int8),
    ]
    as_of = day_number(data.scenario.as_of)
    rows = []
    kab_idx = fam["kab_idx"].to_numpy()
    n_kab = len(data.kab)
    death = fam["tgl_meninggal"].to_numpy()
    for g, name in enumerate(PROGRAMS):
        dmax = data.scenario["programs"][name.lower()]["desil_max"]
        sub = kpm[kpm["program"] == g]
        for p in range(meta["n_periods"]):
            desil = desil_regime[min(regime_of(p, data.scenario), 1)]
            start = period_bounds(p, meta["first_year"])[0]
            alive = (death < 0) | (death >= min(start, as_of))
            chosen = np.zeros(len(fam), bool)
            chosen[sub["fam"].to_numpy()[sub["period"].to_numpy() == p]] = True
            target = (desil <= dmax) & alive
            d1 = (desil == 1) & alive
            rows.append(
                pd.DataFrame(
                    {
                        "kode_kab": data.kab["kode_kab"].to_numpy(),
                        "program": name,
                        "periode": period_label(p, meta["first_year"]),
                        "keluarga_target": np.bincount(kab_idx, weights=target, minlength=n_kab).astype(
                            np.int64
                        ),
                        "target_tercakup": np.bincount(
                            kab_idx, weights=target & chosen, minlength=n_kab
                        ).astype(np.int64),
                        "keluarga_desil1": np.bincount(kab_idx, weights=d1, minlength=n_kab).astype(np.int64),
                        "desil1_tercakup": np.bincount(kab_idx, weights=d1 & chosen, minlength=n_kab).astype(
                            np.int64
                        ),
                        "penerima": np.bincount(kab_idx, weights=chosen, minlength=n_kab).astype(np.int64),
                        "penerima_di_luar_target": np.bincount(
                            kab_idx, weights=chosen & (desil > dmax), minlength=n_kab
                        ).astype(np.int64),
                    }
                )
            )
    return pd.concat(rows, ignore_index=True)


def write_truth(
    data: SyntheticData, files: list, written: dict[str, int], tallies: dict[str, faults.Tally], folder: Path
) -> None:
    """Write the per-file ground-truth tables (row counts, faults) into ``folder``.

    The summaries of the truth itself come from :func:`write_summaries`.
    """
    folder.mkdir(parents=True, exist_ok=True)
    cfg = data.scenario["files"]
    file_rows = []
    for name, export, rows in files:
        c = tallies[name].counts
        file_rows.append(
            {
                "file": name,
                "export": export,
                "truth_rows": len(rows),
                "lines_written": written[name],
                "exact_duplicates": c.get((4, "baris_duplikat_persis"), 0),
                "family_duplicates": c.get((4, "keluarga_ganda_id_baru"), 0),
                "totals_rows": c.get((18, "baris_total"), 0),
                "repeated_header_rows": c.get((18, "header_berulang"), 0),
                "delimiter": ";" if name in cfg["semicolon"] else ",",
                "encoding": "cp1252"
                if name in cfg["cp1252"]
                else ("utf-8-sig" if name in cfg["bom"] else "utf-8"),
            }
        )
    _write(pd.DataFrame(file_rows), folder / "files.parquet")
    fault_rows = [
        {"class_id": cid, "fault": faults.CLASSES[cid][0], "file": name, "column": column, "rows": rows}
        for name, tally in tallies.items()
        for (cid, column), rows in sorted(tally.counts.items())
    ]
    _write(pd.DataFrame(fault_rows), folder / "faults.parquet")


def write_summaries(data: SyntheticData, folder: Path) -> None:
    """Write the per kabupaten × programme × period summaries (needs only the truth)."""
    folder.mkdir(parents=True, exist_ok=True)
    _write(kpm_summary(data), folder / "kpm_summary.parquet")
    _write(targeting_summary(data), folder / "targeting_summary.parquet")
    reg = data.families.groupby(["kab_idx", "desil"], as_index=False).size()
    reg["kode_kab"] = data.kab["kode_kab"].to_numpy()[reg["kab_idx"].to_numpy()]
    _write(
        reg[["kode_kab", "desil", "size"]].rename(columns={"size": "keluarga"}),
        folder / "registry_summary.parquet",
    )
