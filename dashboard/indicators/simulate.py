"""Fast, seeded simulation of processed tables (for benchmarks and roll-up tests).

This is *not* the synthetic-data generator of the product (``dashboard.synth``
makes messy raw exports); it writes clean tables straight in the processed
schema, at any size, with DuckDB SQL. Randomness comes from ``hash(i, seed,
tag)`` so the output is deterministic for a given DuckDB version and does
not depend on thread scheduling.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

LAMPUNG_KAB: tuple[str, ...] = (
    "18.01", "18.02", "18.03", "18.04", "18.05", "18.06", "18.07", "18.08",
    "18.09", "18.10", "18.11", "18.12", "18.13", "18.71", "18.72",
)  # fmt: skip


@dataclass(frozen=True)
class SimSpec:
    """Size and shape of a simulation.

    Attributes
    ----------
    n_families : int
        Registry families.
    kabupaten : tuple of str
        Kabupaten codes (dotted ``PP.KK``).
    kec_per_kab : int
        Kecamatan per kabupaten.
    pkh_rate, sembako_rate : float
        Average share of families listed in each programme.
    quarters : int
        Quarters of 2025 simulated (1–4).
    seed : int
    """

    n_families: int
    kabupaten: tuple[str, ...] = LAMPUNG_KAB
    kec_per_kab: int = 15
    pkh_rate: float = 0.14
    sembako_rate: float = 0.17
    quarters: int = 4
    seed: int = 7


def national_kabupaten(n: int = 514) -> tuple[str, ...]:
    """Return ``n`` kabupaten-like codes spread over pseudo-provinces (``11.01`` …)."""
    return tuple(f"{11 + i // 60:02d}.{1 + i % 60:02d}" for i in range(n))


def _u(tag: str, seed: int, key: str = "i") -> str:
    """Return SQL for a uniform [0, 1) draw keyed by (key, seed, tag)."""
    return f"((hash({key}, {seed}, '{tag}') % 1000003) / 1000003.0)"


def _sql(spec: SimSpec) -> dict[str, str]:
    s = spec.seed
    kabs = ", ".join(f"'{k}'" for k in spec.kabupaten)
    nk = len(spec.kabupaten)
    fam = f"""
        SELECT i,
            printf('%016x', i) AS family_id,
            printf('%016x', hash(i, {s}, 'kk')) AS kk_hash,
            printf('%016x', hash(i, {s}, 'nik')) AS nik_krt_hash,
            {_u("nv", s)} > 0.02 AS nik_krt_valid,
            list_extract([{kabs}], 1 + CAST(floor(pow({_u("kab", s)}, 1.4) * {nk}) AS INTEGER)) AS kode_kab,
            1 + CAST(floor({_u("kec", s)} * {spec.kec_per_kab}) AS INTEGER) AS kec_no,
            2001 + CAST(floor({_u("desa", s)} * 12) AS INTEGER) AS desa_no,
            CASE WHEN {_u("dn", s)} < 0.03 THEN NULL
                 ELSE 1 + CAST(floor({_u("desil", s)} * 10) AS INTEGER) END AS desil,
            2 + CAST(floor({_u("art", s)} * 5) AS INTEGER) AS jml_art,
            {_u("st", s)} AS u_st,
            {_u("tm", s)} AS u_tm
        FROM range({int(spec.n_families)}) t(i)
    """
    families = """
        SELECT family_id, kk_hash, nik_krt_hash, nik_krt_valid, kode_kab,
            kode_kab || printf('.%02d', kec_no) AS kode_kec,
            kode_kab || printf('.%02d.%04d', kec_no, desa_no) AS kode_desa,
            CAST(desil AS TINYINT) AS desil, CAST(jml_art AS SMALLINT) AS jml_art,
            CASE WHEN u_st < 0.965 THEN 'ADA' WHEN u_st < 0.982 THEN 'MENINGGAL'
                 WHEN u_st < 0.995 THEN 'PINDAH' ELSE 'TIDAK_DITEMUKAN' END AS status_keberadaan,
            CASE WHEN u_st >= 0.965 AND u_st < 0.982
                 THEN CAST(DATE '2024-06-01' + CAST(floor(u_tm * 540) AS INTEGER) AS TIMESTAMP_MS) END
                 AS tgl_meninggal,
            CASE WHEN nik_krt_valid THEN 'PADAN' ELSE 'TIDAK_PADAN' END AS status_padan,
            '2025-TW1' AS periode_data, CAST(TIMESTAMP '2025-01-15' AS TIMESTAMP_MS) AS tgl_update
        FROM fam_raw
    """
    # listing probability by desil, scaled to the programme's average rate
    kpm = f"""
        WITH prog AS (
            SELECT * FROM (VALUES ('PKH', 0, {spec.pkh_rate}), ('SEMBAKO', 1, {spec.sembako_rate}))
                t(program, p_no, rate)
        ), listed AS (
            SELECT f.*, p.program, p.p_no,
                f.i * 2 + p.p_no AS k
            FROM fam_raw f CROSS JOIN prog p
            WHERE {_u("list", s, "f.i * 2 + p.p_no")} < p.rate * CASE
                WHEN f.desil IS NULL THEN 0.6 WHEN f.desil <= 2 THEN 2.6 WHEN f.desil <= 4 THEN 1.6
                WHEN f.desil = 5 THEN 0.8 ELSE 0.25 END
        ), q AS (SELECT range + 1 AS tahap FROM range({int(spec.quarters)}))
        SELECT l.*, q.tahap, l.k * 4 + q.tahap AS r,
            CAST(make_date(2025, 3 * q.tahap - 2, 1) AS TIMESTAMP_MS) AS tgl_mulai,
            CAST(last_day(make_date(2025, 3 * q.tahap, 1)) AS TIMESTAMP_MS) AS tgl_akhir
        FROM listed l CROSS JOIN q
    """
    kpm_out = f"""
        SELECT printf('%016x', k + 1000000000000) AS kpm_id,
            CASE WHEN {_u("nofam", s, "k")} < 0.01 THEN NULL ELSE family_id END AS family_id,
            program, CAST(2025 AS SMALLINT) AS tahun, CAST(tahap AS TINYINT) AS tahap,
            '2025-T' || tahap AS periode, tgl_mulai, tgl_akhir,
            CAST(CASE WHEN program = 'SEMBAKO' THEN 600000
                 ELSE 225000 * (1 + CAST(floor({_u("nom", s, "k")} * 5) AS INTEGER)) END AS BIGINT) AS nominal,
            CASE WHEN {_u("stk", s, "r")} < 0.95 THEN 'AKTIF' WHEN {_u("stk", s, "r")} < 0.98 THEN 'NONAKTIF'
                 WHEN {_u("stk", s, "r")} < 0.99 THEN 'GRADUASI' ELSE 'TANGGUH' END AS status_kpm,
            NULL::VARCHAR AS alasan_nonaktif,
            CASE WHEN {_u("pos", s, "k")} < 0.10 THEN 'POS' ELSE 'BRI' END AS bank,
            CASE WHEN {_u("dup", s, "k")} < 0.003 THEN printf('%016x', hash(k - 2, {s}, 'png'))
                 ELSE printf('%016x', hash(k, {s}, 'png')) END AS nik_pengurus_hash,
            {_u("npv", s, "k")} > 0.015 AS nik_pengurus_valid,
            kode_kab, kode_kab || printf('.%02d', kec_no) AS kode_kec,
            CASE WHEN {_u("nodesa", s, "k")} < 0.01 THEN NULL
                 ELSE kode_kab || printf('.%02d.%04d', kec_no, desa_no) END AS kode_desa,
            r, k, {_u("d1", s, "r")} AS u1, {_u("d2", s, "r")} AS u2, {_u("d3", s, "r")} AS u3,
            {_u("d4", s, "r")} AS u4
        FROM kpm_raw
    """
    # attempt 1 for AKTIF rows (and 0.5 % of others); failures get a second attempt
    dis = """
        WITH base AS (
            SELECT k.*, CASE WHEN bank = 'POS' THEN 'POS' ELSE 'HIMBARA' END AS kanal,
                CAST(tgl_mulai AS DATE) + CAST(CASE WHEN tahap <= 2 THEN 35 + floor(u1 * 70)
                                                    ELSE 20 + floor(u1 * 40) END AS INTEGER) AS sp2d1,
                CAST(CASE WHEN bank = 'POS' THEN 7 + floor(pow(u2, 2) * 60) ELSE 1 + floor(u2 * 12) END AS INTEGER)
                    AS lead1
            FROM kpm_sim k
            WHERE status_kpm = 'AKTIF' OR u3 < 0.005
        ), a1 AS (
            SELECT *, u3 < 0.04 AS gagal1, sp2d1 + lead1 AS kredit1 FROM base
        ), rows AS (
            SELECT r, 1 AS attempt, kpm_id, program, tahap, periode, kanal, bank, nominal, sp2d1 AS sp2d,
                CASE WHEN gagal1 THEN 'GAGAL' WHEN kredit1 > DATE '2026-01-15' THEN 'PROSES'
                     WHEN u4 < 0.01 THEN 'RETUR' ELSE 'TERSALUR' END AS status_salur,
                kredit1 AS kredit, u2, u4, kode_kab, kode_kec, kode_desa
            FROM a1
            UNION ALL
            SELECT r, 2, kpm_id, program, tahap, periode, 'POS', 'POS', nominal, sp2d1 + 30,
                CASE WHEN sp2d1 + 30 + lead1 > DATE '2026-01-15' THEN 'PROSES' ELSE 'TERSALUR' END,
                sp2d1 + 30 + lead1, u2, u4, kode_kab, kode_kec, kode_desa
            FROM a1 WHERE gagal1 AND u4 < 0.7
        )
        SELECT 'T' || printf('%015x', r * 4 + attempt) AS trx_id, kpm_id, program,
            CAST(2025 AS SMALLINT) AS tahun, CAST(tahap AS TINYINT) AS tahap, periode,
            CAST(3 * tahap - 2 AS TINYINT) AS bulan_awal, CAST(3 * tahap AS TINYINT) AS bulan_akhir,
            'SP2D-' || periode AS no_sp2d, CAST(sp2d AS TIMESTAMP_MS) AS tgl_sp2d, kanal, bank,
            nominal AS nominal_alokasi,
            CASE WHEN status_salur = 'TERSALUR' THEN nominal ELSE 0 END AS nominal_salur,
            CASE WHEN status_salur IN ('TERSALUR', 'RETUR') THEN CAST(kredit AS TIMESTAMP_MS) END AS tgl_kredit,
            CASE WHEN status_salur = 'TERSALUR' AND kanal = 'HIMBARA' AND u2 > 0.03
                 THEN CAST(kredit + CAST(1 + floor(u4 * 60) AS INTEGER) AS TIMESTAMP_MS) END AS tgl_tarik,
            status_salur,
            CASE WHEN status_salur = 'GAGAL' THEN list_extract(
                ['REKENING_TIDAK_VALID', 'GAGAL_BUREKOL', 'NIK_TIDAK_PADAN', 'KPM_MENINGGAL'],
                1 + CAST(floor(u2 * 4) AS INTEGER)) END AS kode_gagal,
            CASE WHEN status_salur = 'RETUR' THEN CAST(kredit + 60 AS TIMESTAMP_MS) END AS tgl_retur,
            CASE WHEN status_salur = 'RETUR' THEN nominal ELSE 0 END AS nominal_retur,
            CAST(TIMESTAMP '2026-01-15' AS TIMESTAMP_MS) AS tgl_laporan,
            kode_kab, kode_kec, kode_desa
        FROM rows
    """
    return {"fam_raw": fam, "families": families, "kpm_raw": kpm, "kpm_sim": kpm_out, "disbursements": dis}


_KPM_PUBLIC = (
    "kpm_id, family_id, program, tahun, tahap, periode, tgl_mulai, tgl_akhir, nominal, status_kpm, "
    "alasan_nonaktif, bank, nik_pengurus_hash, nik_pengurus_valid, kode_kab, kode_kec, kode_desa"
)


def _prepare(con: duckdb.DuckDBPyConnection, spec: SimSpec) -> None:
    sql = _sql(spec)
    con.execute(f"CREATE OR REPLACE TEMP TABLE fam_raw AS {sql['fam_raw']}")
    con.execute(f"CREATE OR REPLACE TEMP VIEW kpm_raw AS {sql['kpm_raw']}")
    con.execute(f"CREATE OR REPLACE TEMP TABLE kpm_sim AS {sql['kpm_sim']}")
    con.execute(f"CREATE OR REPLACE TEMP VIEW sim_families AS {sql['families']}")
    con.execute(f"CREATE OR REPLACE TEMP VIEW sim_kpm AS SELECT {_KPM_PUBLIC} FROM kpm_sim")
    con.execute(f"CREATE OR REPLACE TEMP VIEW sim_disbursements AS {sql['disbursements']}")


def write_processed(out_dir: Path, spec: SimSpec) -> dict[str, int]:
    """Write ``families/kpm/disbursements.parquet`` for ``spec`` into ``out_dir``.

    Returns
    -------
    dict
        Table name → row count.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    try:
        _prepare(con, spec)
        counts = {}
        for name in ("families", "kpm", "disbursements"):
            path = (out_dir / f"{name}.parquet").as_posix()
            con.execute(f"COPY (SELECT * FROM sim_{name}) TO '{path}' (FORMAT parquet, COMPRESSION zstd)")
            counts[name] = con.execute(f"SELECT count(*) FROM read_parquet('{path}')").fetchall()[0][0]
        return counts
    finally:
        con.close()


def frames(spec: SimSpec) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return (families, kpm, disbursements) as pandas frames in the processed dtypes (small specs only)."""
    con = duckdb.connect()
    try:
        _prepare(con, spec)
        out = []
        for name in ("families", "kpm", "disbursements"):
            table = con.sql(f"SELECT * FROM sim_{name}").to_arrow_table()
            frame = table.to_pandas(date_as_object=False)
            out.append(frame)
    finally:
        con.close()
    fam, kp, dis = out
    fam = fam.assign(desil=fam["desil"].astype("Int8"), jml_art=fam["jml_art"].astype("Int16"))
    dis = dis.assign(
        bulan_awal=dis["bulan_awal"].astype("Int8"), bulan_akhir=dis["bulan_akhir"].astype("Int8")
    )
    return fam, kp, dis
