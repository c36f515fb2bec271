"""What a simulation needs, read once per (programme, period): counts, never identities.

* ``before``: one row per kecamatan (``kode_kec`` may be NULL) taken from the
  indicator cube (:attr:`Engine.cube.base`), so every "before" number equals
  the engine's; plus the slots each row would free under the removal rule
  (by the KPM row's region, as the cube counts KPM).
* ``candidates``: the excluded target families (target desil, status ADA, not
  an active KPM in the period) as positions only — kabupaten, row of
  ``before`` (the family's region), desil and rank in the kabupaten's refill
  order (lower desil, larger ``jml_art``, ``family_id``). Only the first few
  of each kabupaten that any rule could reach are kept (see :func:`_limits`);
  full counts come from the cube (``sasaran − sasaran_penerima``).
  The family identifier is used by DuckDB to sort and is never returned.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from dashboard import config
from dashboard.indicators.cube import Cube
from dashboard.simulation.rules import REASONS, REMOVED_STATUS

#: Cube columns a simulation reads (before numbers).
COUNTS: tuple[str, ...] = (
    "kpm_aktif",
    "penerima_bukan_sasaran",
    "sasaran",
    "sasaran_penerima",
    "desil1",
    "desil1_penerima",
)

_NO_KEC = ""  # stands for a NULL kode_kec in join keys


@dataclass(frozen=True)
class Inputs:
    """Counts for one programme-period.

    Attributes
    ----------
    program, periode : str
    target_desil : tuple of int
    kabupaten : tuple of str
        Kabupaten codes, sorted; ``kab`` arrays index into it.
    before : DataFrame
        ``kode_kab``, ``kode_kec`` (NULL allowed), :data:`COUNTS`, ``keluar``
        (slots freed) and ``keluar_<reason>`` for each of
        :data:`~dashboard.simulation.rules.REASONS`; ``kab`` (index).
    cand_kab : ndarray of int
        Kabupaten index of each excluded target family kept (any order).
    cand_rank : ndarray of int
        0-based position inside its kabupaten's refill order.
    cand_row : ndarray of int
        Row of ``before`` holding the family's region.
    cand_desil : ndarray of int
    avg_nominal : float
        Mean entitlement (Rp) of an active KPM in the period (0 if none).
    """

    program: str
    periode: str
    target_desil: tuple[int, ...]
    kabupaten: tuple[str, ...]
    before: pd.DataFrame
    cand_kab: np.ndarray
    cand_rank: np.ndarray
    cand_row: np.ndarray
    cand_desil: np.ndarray
    avg_nominal: float


def _removed_sql(sources: Mapping[str, str], target: str) -> str:
    statuses = ", ".join(f"'{s}'" for s in REMOVED_STATUS)
    reason = (
        "CASE WHEN f.status_keberadaan = 'MENINGGAL' THEN 'meninggal' "
        "WHEN f.status_keberadaan = 'PINDAH' THEN 'pindah' ELSE 'desil_atas' END"
    )
    return f"""
        SELECT k.kode_kab, coalesce(k.kode_kec, '{_NO_KEC}') AS kec_key, {reason} AS alasan, count(*) AS n
        FROM (SELECT family_id, kode_kab, kode_kec FROM {sources["kpm"]}
              WHERE program = $program AND periode = $periode AND status_kpm = 'AKTIF') k
        JOIN (SELECT family_id, desil, status_keberadaan FROM {sources["families"]}) f
          ON f.family_id = k.family_id
        WHERE f.status_keberadaan IN ({statuses})
           OR (f.desil IS NOT NULL AND f.desil NOT IN ({target}))
        GROUP BY ALL
    """


def _excluded_sql(sources: Mapping[str, str], target: str) -> str:
    """Excluded target families (target desil, status ADA, not an active KPM in the period)."""
    return f"""
        SELECT f.family_id, f.kode_kab, coalesce(f.kode_kec, '{_NO_KEC}') AS kec_key,
               CAST(f.desil AS TINYINT) AS desil, f.jml_art
        FROM (SELECT family_id, kode_kab, kode_kec, desil, jml_art, status_keberadaan
              FROM {sources["families"]}) f
        ANTI JOIN (SELECT family_id FROM {sources["kpm"]}
                   WHERE program = $program AND periode = $periode AND status_kpm = 'AKTIF'
                     AND family_id IS NOT NULL) r ON r.family_id = f.family_id
        WHERE f.status_keberadaan = 'ADA' AND f.desil IN ({target})
    """


def _candidates_sql(sources: Mapping[str, str], target: str) -> str:
    return f"""
        WITH ranked AS (
            SELECT e.kode_kab, e.kec_key, e.desil, l.lim,
                   row_number() OVER (PARTITION BY e.kode_kab
                                      ORDER BY e.desil, e.jml_art DESC NULLS LAST, e.family_id) - 1 AS rank
            FROM ({_excluded_sql(sources, target)}) e
            JOIN sim_limits l ON l.kode_kab = e.kode_kab AND e.desil <= l.cut
        )
        SELECT k.kab, k.row, c.rank, c.desil
        FROM ranked c JOIN sim_keys k ON k.kode_kab = c.kode_kab AND k.kec_key = c.kec_key
        WHERE c.rank < c.lim
    """


def _limits(counts: pd.DataFrame, before: pd.DataFrame, kabupaten: tuple[str, ...]) -> pd.DataFrame:
    """Per kabupaten: how many candidates any rule could take, and the highest desil they can reach.

    A kabupaten refills at most ``freed + ceil(F × X_k / X) + 1`` slots (its own
    freed slots plus its largest-remainder share of a pool of at most all F
    freed slots, X_k = its excluded desil-1 families); only that many of its
    candidates, all with desil ≤ the first desil where the running count
    reaches the limit, can ever be chosen.
    """
    freed = before.groupby("kode_kab")["keluar"].sum().reindex(list(kabupaten), fill_value=0)
    total = int(freed.sum())
    d1 = (before["desil1"] - before["desil1_penerima"]).groupby(before["kode_kab"]).sum()
    d1 = d1.reindex(list(kabupaten), fill_value=0)
    x = int(d1.sum())
    share = (-(-total * d1) // x) if x else d1 * 0  # ceil division on integers
    lim = (freed + share + 1).astype("int64")
    rows = []
    for kab in kabupaten:
        part = counts.loc[counts["kode_kab"] == kab].sort_values("desil")
        running = part["n"].cumsum()
        reached = part.loc[running >= lim[kab], "desil"]
        cut = int(reached.iloc[0]) if len(reached) else int(part["desil"].max() if len(part) else 0)
        rows.append({"kode_kab": kab, "lim": int(lim[kab]), "cut": cut})
    return pd.DataFrame(rows, columns=["kode_kab", "lim", "cut"])


def load(
    con: duckdb.DuckDBPyConnection,
    sources: Mapping[str, str],
    cube: Cube,
    program: str,
    periode: str,
) -> Inputs:
    """Read the simulation inputs for one programme-period.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        Connection that can see the relations in ``sources``.
    sources : mapping
        ``families`` and ``kpm`` → relation expression (``read_parquet('…')``
        or a registered frame's name), as for :func:`~dashboard.indicators.cube.build_cube`.
    cube : Cube
        The engine's cube (before numbers and the target desil set).
    program, periode : str
        Programme and quarter (``2025-T2``).

    Returns
    -------
    Inputs
    """
    target_desil = tuple(int(d) for d in cube.config.target_desil.get(program, ()))
    target = ", ".join(str(d) for d in target_desil) or "NULL"
    params = {"program": program, "periode": periode}
    base = cube.base
    rows = base.loc[
        (base["program"] == program) & (base["periode"] == periode), ["kode_kab", "kode_kec", *COUNTS]
    ]
    before = rows.reset_index(drop=True).copy()
    before["kec_key"] = before["kode_kec"].fillna(_NO_KEC).astype(str)

    removed = con.sql(_removed_sql(sources, target), params=params).to_arrow_table().to_pandas()
    wide = (
        removed.pivot_table(index=["kode_kab", "kec_key"], columns="alasan", values="n", aggfunc="sum")
        .reindex(columns=list(REASONS))
        .fillna(0)
        .astype("int64")
        .add_prefix("keluar_")
        .reset_index()
    )
    before = before.merge(wide, on=["kode_kab", "kec_key"], how="outer")
    before["kode_kec"] = before["kode_kec"].where(before["kec_key"] != _NO_KEC, None)
    counts = [*COUNTS, *(f"keluar_{r}" for r in REASONS)]
    before[counts] = before[counts].fillna(0).astype("int64")
    before["keluar"] = before[[f"keluar_{r}" for r in REASONS]].sum(axis=1)
    before = before.sort_values(["kode_kab", "kec_key"], ignore_index=True)
    kabupaten = tuple(sorted(before["kode_kab"].unique()))
    kab_index = {k: i for i, k in enumerate(kabupaten)}
    before["kab"] = before["kode_kab"].map(kab_index).astype("int64")

    keys = before[["kode_kab", "kec_key", "kab"]].assign(row=np.arange(len(before), dtype=np.int64))
    counts = (
        con.sql(
            f"SELECT kode_kab, desil, count(*) AS n FROM ({_excluded_sql(sources, target)}) GROUP BY ALL",
            params=params,
        )
        .to_arrow_table()
        .to_pandas()
    )
    con.register("sim_keys", keys)
    con.register("sim_limits", _limits(counts, before, kabupaten))
    try:
        cand = con.sql(_candidates_sql(sources, target), params=params).to_arrow_table().to_pandas()
    finally:
        con.unregister("sim_keys")
        con.unregister("sim_limits")
    cand_kab = cand["kab"].to_numpy(dtype=np.int64)
    cand_rank = cand["rank"].to_numpy(dtype=np.int64)
    cand_row = cand["row"].to_numpy(dtype=np.int64)

    avg = con.execute(
        f"SELECT coalesce(avg(nominal), 0) FROM {sources['kpm']} "
        "WHERE program = $program AND periode = $periode AND status_kpm = 'AKTIF'",
        params,
    ).fetchone()[0]
    return Inputs(
        program=program,
        periode=periode,
        target_desil=target_desil,
        kabupaten=kabupaten,
        before=before.drop(columns="kec_key"),
        cand_kab=cand_kab,
        cand_rank=cand_rank,
        cand_row=cand_row,
        cand_desil=cand["desil"].to_numpy(dtype=np.int64),
        avg_nominal=float(avg),
    )


def from_processed(cube: Cube, program: str, periode: str, processed_dir: Path | None = None) -> Inputs:
    """:func:`load` over ``families.parquet`` and ``kpm.parquet`` in ``processed_dir``."""
    folder = Path(processed_dir) if processed_dir else config.processed_dir()
    sources = {
        name: f"read_parquet('{(folder / f'{name}.parquet').as_posix()}')" for name in ("families", "kpm")
    }
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    try:
        return load(con, sources, cube, program, periode)
    finally:
        con.close()


def from_frames(cube: Cube, families: pd.DataFrame, kpm: pd.DataFrame, program: str, periode: str) -> Inputs:
    """:func:`load` over in-memory frames in the processed schema (tests, notebooks)."""
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    try:
        con.register("sim_families", families)
        con.register("sim_kpm", kpm)
        return load(con, {"families": "sim_families", "kpm": "sim_kpm"}, cube, program, periode)
    finally:
        con.close()
