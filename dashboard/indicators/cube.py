"""Build the aggregated indicator cube once per data load (DuckDB over Parquet or frames).

The cube holds additive numerators and denominators at **kecamatan grain**
(``kode_kab``, ``kode_kec`` — ``kode_kec`` may be NULL for rows known only to
the kabupaten) × programme × quarter (``periode``), so kabupaten, province
and year values are sums. Non-additive statistics (medians, p90) cannot be
summed; they are computed here from the rows for every level and period
(quarter and year) with DuckDB ``quantile_cont`` over GROUPING SETS.

Steps (all in SQL, nothing large ever becomes a pandas frame):

0. Narrow projections read once, with 64-bit integer keys instead of the
   16-hex id strings: ``kk`` (KPM rows; ``k`` = hash of kpm_id, programme,
   quarter), ``fam`` (registry; ``fh`` = hash of family_id) and ``cells``
   (the distinct programme × quarter × kabupaten × kecamatan, ``cell`` = their
   hash, checked free of collisions). Aggregates group by ``cell`` and only
   the few thousand result rows are joined back to the strings.
1. ``pay`` (a CTE of step 2): one row per (kpm_id, programme, periode) from the payment
   attempts: Rp credited (TERSALUR, credited ≤ report date), last credit
   date, channel and SP2D of the last credit, any GAGAL, Rp released and
   returned, bank credits observed for the 90-day withdrawal window.
2. ``kp``: KPM rows FULL JOIN ``pay`` on ``k`` (a payment with no KPM row
   keeps its own region), joined to the registry family (desil, status, date
   of death).
3. Aggregates: the main cube, target families (registry), incidence by
   desil, failure reasons, delay bins, cumulative paid by day, quantiles.

Columns of :attr:`Cube.base` are documented in :data:`BASE_COLUMNS`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

import duckdb
import numpy as np
import pandas as pd

DueRule = Literal["tgl_akhir", "sp2d"]

#: Additive columns of the base cube (name → meaning).
BASE_COLUMNS: dict[str, str] = {
    "kpm_baris": "baris KPM (semua status)",
    "kpm_aktif": "KPM AKTIF ditetapkan (= kuota wilayah)",
    "rp_alokasi": "Rp hak (nominal) KPM AKTIF",
    "kpm_tersalur": "KPM AKTIF tersalur penuh per tanggal laporan",
    "rp_tersalur": "Rp tersalur ke KPM AKTIF",
    "kpm_tepat_waktu": "KPM AKTIF tersalur penuh ≤ jatuh tempo",
    "kpm_terlambat_30": "KPM AKTIF tersalur penuh > N hari setelah jatuh tempo",
    "kpm_gagal": "KPM AKTIF dengan ≥ 1 upaya GAGAL",
    "kpm_dibayar": "KPM-periode (semua status) dengan ≥ 1 kredit",
    "kpm_dibayar_pos": "… kredit terakhir lewat POS",
    "kpm_dibayar_himbara": "… kredit terakhir lewat HIMBARA",
    "kpm_dibayar_meninggal_pindah": "… keluarga meninggal sebelum kredit / pindah",
    "penerima_bukan_sasaran": "KPM AKTIF bukan keluarga sasaran",
    "rp_tersalur_semua": "Rp tersalur (semua status, termasuk pembayaran tanpa baris KPM)",
    "rp_bukan_sasaran": "Rp tersalur ke bukan sasaran",
    "rp_desil_1_4": "Rp tersalur ke desil 1–4",
    "rp_dirilis": "Rp dirilis SP2D (nominal alokasi semua upaya)",
    "rp_retur": "Rp retur",
    "trx_kredit_90": "transaksi bank dikredit ≥ 90 hari sebelum tanggal laporan",
    "trx_tidak_ditarik_90": "… tanpa penarikan dalam 90 hari",
    "kpm_nik_valid": "baris KPM dengan NIK pengurus valid",
    "kpm_duplikat": "baris KPM ganda (NIK pengurus/ID keluarga sama, program-periode sama)",
    "kpm_desa_ok": "baris KPM dengan kode desa",
    "kpm_desil_kosong": "KPM AKTIF tanpa desil",
    "sasaran": "keluarga sasaran (registri, status ADA)",
    "sasaran_penerima": "keluarga sasaran yang menjadi KPM AKTIF",
    "desil1": "keluarga desil 1 (status ADA)",
    "desil1_penerima": "keluarga desil 1 yang menjadi KPM AKTIF",
}

#: Quantile statistics (per level × programme × period).
QUANTILE_COLUMNS = (
    "hari_terlambat_median",
    "hari_terlambat_p90",
    "sp2d_kredit_himbara_median",
    "sp2d_kredit_pos_median",
)

#: Bins of days late for the delay distribution (label, lower, upper inclusive).
DELAY_BINS: tuple[tuple[str, int, int], ...] = (
    ("0", 0, 0),
    ("1-7", 1, 7),
    ("8-14", 8, 14),
    ("15-30", 15, 30),
    ("31-60", 31, 60),
    ("61-90", 61, 90),
    (">90", 91, 1_000_000),
)


@dataclass(frozen=True)
class CubeConfig:
    """Definition choices that change numbers (a new config means a new cube).

    Attributes
    ----------
    target_desil : mapping
        Programme → desil counted as the target group.
    due_rule : {"tgl_akhir", "sp2d"}
        Due date = end of the benefit period (default) or first SP2D + ``sp2d_days``.
    sp2d_days : int
        Days after SP2D for the alternative due-date rule.
    late_days : int
        Threshold of the "late by more than N days" indicator.
    dormant_days : int
        Withdrawal window of the "not withdrawn" indicator.
    as_of : date, optional
        Report date; default the latest ``tgl_laporan`` of the payments.
    """

    target_desil: Mapping[str, tuple[int, ...]] = field(
        default_factory=lambda: {"PKH": (1, 2, 3, 4), "SEMBAKO": (1, 2, 3, 4, 5)}
    )
    due_rule: DueRule = "tgl_akhir"
    sp2d_days: int = 14
    late_days: int = 30
    dormant_days: int = 90
    as_of: date | None = None


@dataclass(frozen=True)
class Cube:
    """The aggregated cube (small pandas frames) and the report date.

    Attributes
    ----------
    base : DataFrame
        kode_kab, kode_kec, program, periode, tahun + :data:`BASE_COLUMNS` (int64).
    quantiles : DataFrame
        level, kode, program, periode (quarter or year) + :data:`QUANTILE_COLUMNS`.
    incidence : DataFrame
        kode_kab, kode_kec, program, periode, tahun, desil (0 = unknown),
        penerima (active KPM), rp (Rp credited, any status).
    reasons : DataFrame
        kode_kab, kode_kec, program, periode, tahun, kode_gagal, kpm (active KPM
        with a GAGAL attempt of that code).
    delays : DataFrame
        kode_kab, kode_kec, program, periode, tahun, bin, kpm.
    cumulative : DataFrame
        kode_kab, program, periode, tahun, hari (days from period start to
        full payment, ≥ 0), kpm.
    as_of : date
    config : CubeConfig
    """

    base: pd.DataFrame
    quantiles: pd.DataFrame
    incidence: pd.DataFrame
    reasons: pd.DataFrame
    delays: pd.DataFrame
    cumulative: pd.DataFrame
    as_of: date
    config: CubeConfig


def _key(*columns: str) -> str:
    """UBIGINT join key ``hash(columns…)``, NULL when any column is NULL (as an SQL join).

    The ids are 16-hex strings; joining and grouping on one 64-bit integer is
    several times cheaper than on three strings. Two distinct ids share a hash
    with probability ≈ n² / 2⁶⁵ (≈ 10⁻⁷ for 20 M keys).
    """
    present = " AND ".join(f"{c} IS NOT NULL" for c in columns)
    return f"CASE WHEN {present} THEN hash({', '.join(columns)}) END"


#: Cell key (programme, quarter, kabupaten, kecamatan) of a row; resolved to its
#: strings through the ``cells`` table, where a collision is checked exactly.
_CELL = "hash(program, periode, kode_kab, kode_kec)"

#: Channel as a code: 1 POS, 2 HIMBARA, 3 other (only POS and HIMBARA are reported).
_KANAL = (
    "CASE WHEN kanal = 'POS' THEN 1 WHEN kanal = 'HIMBARA' THEN 2 WHEN kanal IS NOT NULL THEN 3 END::UTINYINT"
)


def _with_row_number(source: str) -> tuple[str, str]:
    """``read_parquet('…')`` with ``file_row_number``, and the row-number expression.

    Any other relation (a registered frame) is returned as is with a constant 0.
    """
    match = re.fullmatch(r"read_parquet\(('[^']*')\)", source.strip())
    if match:
        return f"read_parquet({match.group(1)}, file_row_number = true)", "file_row_number"
    return source, "0"


def _frame(con: duckdb.DuckDBPyConnection, sql: str) -> pd.DataFrame:
    return con.sql(sql).to_arrow_table().to_pandas()


_TEMP_TABLES = ("cells", "fam", "kk", "kp", "targets")


def build_cube(
    con: duckdb.DuckDBPyConnection,
    sources: Mapping[str, str],
    config: CubeConfig | None = None,
) -> Cube:
    """Build the cube from three relations visible to ``con``.

    Every row carries integer keys instead of strings: ``k`` = hash of
    (kpm_id, programme, quarter), ``fh`` = hash of family_id and ``cell`` = hash
    of (programme, quarter, kabupaten, kecamatan). Aggregates group by ``cell``
    and the few thousand result rows are joined to ``cells`` for the strings.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        Connection; temporary tables named ``target_sets``, ``cells``, ``fam``,
        ``kk``, ``kp``, ``targets`` are (re)created in it and the big ones dropped at the end.
    sources : mapping
        ``families``, ``kpm``, ``disbursements`` → a relation expression
        (``read_parquet('…')`` or the name of a registered frame).
    config : CubeConfig, optional
        Definition choices.

    Returns
    -------
    Cube
    """
    cfg = config or CubeConfig()
    dis = sources["disbursements"]
    as_of = (
        cfg.as_of or con.execute(f"SELECT max(tgl_laporan)::DATE FROM {dis}").fetchall()[0][0] or date.today()
    )
    d_as_of = f"DATE '{as_of.isoformat()}'"
    rows = [(p, int(d)) for p, ds in cfg.target_desil.items() for d in ds]
    values = ", ".join(f"('{p}', {d})" for p, d in rows) or "(NULL, NULL)"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE target_sets AS SELECT * FROM (VALUES {values}) t(program, desil)"
    )
    # A KPM row without kpm_id matches no payment and has no region (as a FULL JOIN gives).
    kpm_kab = "CASE WHEN kpm_id IS NOT NULL THEN kode_kab END"
    kpm_kec = "CASE WHEN kpm_id IS NOT NULL THEN kode_kec END"
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE cells AS
        SELECT {_CELL} AS cell, program, periode, kode_kab, kode_kec, substr(periode, 1, 4) AS tahun,
               bool_or(from_kpm) AS from_kpm
        FROM (
            SELECT DISTINCT program, periode, {kpm_kab} AS kode_kab, {kpm_kec} AS kode_kec, true AS from_kpm
            FROM {sources["kpm"]}
            UNION ALL
            SELECT DISTINCT program, periode, kode_kab, kode_kec, false FROM {dis}
        )
        GROUP BY ALL
    """)
    n_cells, n_keys = con.execute("SELECT count(*), count(DISTINCT cell) FROM cells").fetchall()[0]
    if n_cells != n_keys:  # pragma: no cover - 64-bit hash collision among a few thousand cells
        raise RuntimeError("cube cell hash collision")
    # Narrow projections, read once, with integer keys.
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE fam AS
        SELECT {_key("family_id")} AS fh, desil, status_keberadaan,
               CAST(tgl_meninggal AS DATE) AS tgl_meninggal, kode_kab, kode_kec
        FROM {sources["families"]}
    """)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE kk AS
        SELECT {_key("kpm_id", "program", "periode")} AS k,
               kpm_id IS NOT NULL AS ada,
               hash(program, periode, {kpm_kab}, {kpm_kec}) AS cell,
               {_key("family_id")} AS fh,
               {_key("nik_pengurus_hash", "program", "periode")} AS kn,
               {_key("family_id", "program", "periode")} AS kf,
               program, periode, CAST(tgl_mulai AS DATE) AS tgl_mulai, CAST(tgl_akhir AS DATE) AS tgl_akhir,
               nominal, status_kpm = 'AKTIF' AS aktif_raw,
               nik_pengurus_valid, kode_desa IS NOT NULL AS desa_ok
        FROM {sources["kpm"]}
    """)

    dormant = int(cfg.dormant_days)
    # A payment without a KPM row has no family, hence no desil and no target match.
    due = "k.tgl_akhir" if cfg.due_rule == "tgl_akhir" else f"p.sp2d_awal + INTERVAL {int(cfg.sp2d_days)} DAY"
    # Two credits on the same (last) day: SP2D and channel of the first row in file order, as
    # DuckDB's arg_max gave over an ordered scan; stated explicitly so that the plan
    # (threads, partitioning) cannot change it. Registered frames keep the scan order.
    dis_rn, rn = _with_row_number(dis)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE kp AS
        WITH d AS (
            SELECT hash(kpm_id, program, periode) AS k, {_CELL} AS cell, {rn} AS rn,
                   CAST(tgl_sp2d AS DATE) AS tgl_sp2d, kanal, nominal_alokasi, nominal_salur,
                   CAST(tgl_kredit AS DATE) AS tgl_kredit, CAST(tgl_tarik AS DATE) AS tgl_tarik,
                   status_salur, CAST(tgl_retur AS DATE) AS tgl_retur, nominal_retur,
                   status_salur = 'TERSALUR'
                       AND (tgl_kredit IS NULL OR CAST(tgl_kredit AS DATE) <= {d_as_of}) AS ok
            FROM {dis_rn}
        ), pay AS (
            SELECT k, any_value(cell) AS cell,
                   count(*) FILTER (WHERE ok) AS n_ok,
                   coalesce(sum(nominal_salur) FILTER (WHERE ok), 0)::BIGINT AS rp_salur,
                   max(tgl_kredit) FILTER (WHERE ok) AS kredit_akhir,
                   arg_max(tgl_sp2d, (tgl_kredit, -rn)) FILTER (WHERE ok AND tgl_kredit IS NOT NULL) AS sp2d_akhir,
                   arg_max({_KANAL}, (tgl_kredit, -rn)) FILTER (WHERE ok AND tgl_kredit IS NOT NULL) AS kanal_akhir,
                   min(tgl_sp2d) AS sp2d_awal,
                   bool_or(status_salur = 'GAGAL') AS ada_gagal,
                   sum(nominal_alokasi)::BIGINT AS rp_dirilis,
                   sum(nominal_retur) FILTER (WHERE tgl_retur IS NULL OR tgl_retur <= {d_as_of})::BIGINT AS rp_retur,
                   count(*) FILTER (WHERE ok AND kanal = 'HIMBARA'
                       AND tgl_kredit <= {d_as_of} - INTERVAL {dormant} DAY) AS trx_kredit_90,
                   count(*) FILTER (WHERE ok AND kanal = 'HIMBARA'
                       AND tgl_kredit <= {d_as_of} - INTERVAL {dormant} DAY
                       AND (tgl_tarik IS NULL OR tgl_tarik > tgl_kredit + INTERVAL {dormant} DAY))
                       AS trx_tidak_ditarik_90
            FROM d GROUP BY k
        ), dup_nik AS (
            SELECT kn FROM kk WHERE kn IS NOT NULL GROUP BY kn HAVING count(*) > 1
        ), dup_fam AS (
            SELECT kf FROM kk WHERE kf IS NOT NULL GROUP BY kf HAVING count(*) > 1
        ), k AS (
            SELECT kk.*, (kn IN (SELECT kn FROM dup_nik) OR kf IN (SELECT kf FROM dup_fam)) AS dup
            FROM kk
        )
        SELECT
            CASE WHEN k.ada THEN k.cell WHEN p.k IS NOT NULL THEN p.cell ELSE k.cell END AS cell,
            coalesce(k.ada, false) AS ada_kpm,
            coalesce(k.aktif_raw, false) AS aktif,
            k.nominal, k.tgl_mulai,
            CAST({due} AS DATE) AS jatuh_tempo,
            f.desil,
            coalesce(ts.desil IS NOT NULL AND f.status_keberadaan = 'ADA', false) AS sasaran,
            coalesce(p.n_ok, 0) > 0 AS dibayar,
            coalesce(p.rp_salur, 0) AS rp_salur,
            coalesce(p.n_ok, 0) > 0 AND p.rp_salur >= coalesce(k.nominal, 0) AS lunas,
            p.kredit_akhir, p.kanal_akhir,
            date_diff('day', p.sp2d_akhir, p.kredit_akhir)::INTEGER AS lead_hari,
            coalesce(p.ada_gagal, false) AS ada_gagal,
            coalesce(p.rp_dirilis, 0) AS rp_dirilis, coalesce(p.rp_retur, 0) AS rp_retur,
            coalesce(p.trx_kredit_90, 0) AS trx_kredit_90,
            coalesce(p.trx_tidak_ditarik_90, 0) AS trx_tidak_ditarik_90,
            coalesce((f.status_keberadaan = 'MENINGGAL'
                      AND (f.tgl_meninggal IS NULL OR f.tgl_meninggal < p.kredit_akhir))
                     OR f.status_keberadaan = 'PINDAH', false) AS meninggal_pindah,
            coalesce(k.nik_pengurus_valid, false) AS nik_valid,
            coalesce(k.dup, false) AS dup,
            coalesce(k.desa_ok, false) AS desa_ok
        FROM k
        FULL OUTER JOIN pay p ON k.k = p.k
        LEFT JOIN fam f ON f.fh = k.fh
        LEFT JOIN target_sets ts ON ts.program = k.program AND ts.desil = f.desil
    """)
    cell_cols = "c.kode_kab, c.kode_kec, c.program, c.periode, c.tahun"
    reasons = _frame(
        con,
        f"""
        WITH a AS (
            SELECT k.cell, coalesce(d.kode_gagal, 'TIDAK_DIKETAHUI') AS kode_gagal,
                   count(DISTINCT k.k) AS kpm
            FROM (SELECT {_key("kpm_id", "program", "periode")} AS k, kode_gagal FROM {dis}
                  WHERE status_salur = 'GAGAL') d
            JOIN kk k ON k.k = d.k
            WHERE k.aktif_raw
            GROUP BY ALL
        )
        SELECT {cell_cols}, a.kode_gagal, a.kpm FROM a JOIN cells c USING (cell)
        """,
    )
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE targets AS
        WITH tgt AS (
            SELECT {_key("f.fh", "ts.program")} AS fp, f.kode_kab, f.kode_kec, ts.program, f.desil
            FROM fam f JOIN target_sets ts ON ts.desil = f.desil
            WHERE f.status_keberadaan = 'ADA'
        ), periods AS (
            SELECT DISTINCT program, periode, {_key("program", "periode")} AS pp FROM cells WHERE from_kpm
        ), recv AS (
            SELECT DISTINCT {_key("fh", "program")} AS fp, {_key("program", "periode")} AS pp
            FROM kk WHERE aktif_raw AND fh IS NOT NULL
        ), tcount AS (
            SELECT kode_kab, kode_kec, program, count(*) AS sasaran,
                   count(*) FILTER (WHERE desil = 1) AS desil1
            FROM tgt GROUP BY ALL
        ), rcount AS (
            SELECT t.kode_kab, t.kode_kec, t.program, r.pp, count(*) AS sasaran_penerima,
                   count(*) FILTER (WHERE t.desil = 1) AS desil1_penerima
            FROM tgt t JOIN recv r ON r.fp = t.fp
            GROUP BY ALL
        )
        SELECT c.kode_kab, c.kode_kec, c.program, p.periode, c.sasaran, c.desil1,
               coalesce(r.sasaran_penerima, 0) AS sasaran_penerima,
               coalesce(r.desil1_penerima, 0) AS desil1_penerima
        FROM tcount c JOIN periods p USING (program)
        LEFT JOIN rcount r ON r.kode_kab = c.kode_kab AND r.kode_kec IS NOT DISTINCT FROM c.kode_kec
            AND r.program = c.program AND r.pp = p.pp
    """)
    for name in ("kk", "fam"):  # free memory before the aggregates over kp
        con.execute(f"DROP TABLE IF EXISTS {name}")
    con.execute("""
        CREATE OR REPLACE TEMP VIEW kpl AS
        SELECT *, greatest(0, date_diff('day', jatuh_tempo, kredit_akhir)) AS terlambat,
               aktif AND lunas AS tersalur
        FROM kp
    """)
    late = int(cfg.late_days)
    base = _frame(
        con,
        f"""
        WITH agg AS (
            SELECT cell,
                coalesce(sum((ada_kpm)::INTEGER), 0) AS kpm_baris,
                coalesce(sum((aktif)::INTEGER), 0) AS kpm_aktif,
                coalesce(sum(CASE WHEN aktif THEN nominal END), 0) AS rp_alokasi,
                coalesce(sum((tersalur)::INTEGER), 0) AS kpm_tersalur,
                coalesce(sum(CASE WHEN aktif THEN rp_salur END), 0) AS rp_tersalur,
                coalesce(sum((tersalur AND kredit_akhir <= jatuh_tempo)::INTEGER), 0) AS kpm_tepat_waktu,
                coalesce(sum((tersalur AND terlambat > {late})::INTEGER), 0) AS kpm_terlambat_30,
                coalesce(sum((aktif AND ada_gagal)::INTEGER), 0) AS kpm_gagal,
                coalesce(sum((dibayar)::INTEGER), 0) AS kpm_dibayar,
                coalesce(sum((dibayar AND kanal_akhir = 1)::INTEGER), 0) AS kpm_dibayar_pos,
                coalesce(sum((dibayar AND kanal_akhir = 2)::INTEGER), 0) AS kpm_dibayar_himbara,
                coalesce(sum((dibayar AND meninggal_pindah)::INTEGER), 0) AS kpm_dibayar_meninggal_pindah,
                coalesce(sum((aktif AND NOT sasaran)::INTEGER), 0) AS penerima_bukan_sasaran,
                coalesce(sum(rp_salur), 0) AS rp_tersalur_semua,
                coalesce(sum(CASE WHEN NOT sasaran THEN rp_salur END), 0) AS rp_bukan_sasaran,
                coalesce(sum(CASE WHEN desil BETWEEN 1 AND 4 THEN rp_salur END), 0) AS rp_desil_1_4,
                coalesce(sum(rp_dirilis), 0) AS rp_dirilis,
                coalesce(sum(rp_retur), 0) AS rp_retur,
                coalesce(sum(trx_kredit_90), 0) AS trx_kredit_90,
                coalesce(sum(trx_tidak_ditarik_90), 0) AS trx_tidak_ditarik_90,
                coalesce(sum((ada_kpm AND nik_valid)::INTEGER), 0) AS kpm_nik_valid,
                coalesce(sum((ada_kpm AND dup)::INTEGER), 0) AS kpm_duplikat,
                coalesce(sum((ada_kpm AND desa_ok)::INTEGER), 0) AS kpm_desa_ok,
                coalesce(sum((aktif AND desil IS NULL)::INTEGER), 0) AS kpm_desil_kosong
            FROM kpl GROUP BY cell
        ), main AS (
            SELECT c.kode_kab, c.kode_kec, c.program, c.periode, agg.* EXCLUDE (cell)
            FROM agg JOIN cells c USING (cell)
        )
        SELECT coalesce(m.kode_kab, t.kode_kab) AS kode_kab,
               CASE WHEN m.kode_kab IS NOT NULL THEN m.kode_kec ELSE t.kode_kec END AS kode_kec,
               coalesce(m.program, t.program) AS program,
               coalesce(m.periode, t.periode) AS periode,
               m.* EXCLUDE (kode_kab, kode_kec, program, periode),
               t.sasaran, t.sasaran_penerima, t.desil1, t.desil1_penerima
        FROM main m FULL OUTER JOIN targets t
          ON m.kode_kab = t.kode_kab AND m.kode_kec IS NOT DISTINCT FROM t.kode_kec
         AND m.program = t.program AND m.periode = t.periode
        """,
    )
    numeric = list(BASE_COLUMNS)
    base[numeric] = base[numeric].fillna(0).astype("int64")
    base["tahun"] = base["periode"].str.slice(0, 4)
    base = base.sort_values(["program", "periode", "kode_kab", "kode_kec"], ignore_index=True)

    quantiles = _quantiles(con)
    incidence = _frame(
        con,
        f"""
        WITH a AS (
            SELECT cell, coalesce(desil, 0)::INTEGER AS desil,
                   count(*) FILTER (WHERE aktif) AS penerima, coalesce(sum(rp_salur), 0) AS rp
            FROM kpl GROUP BY ALL
        )
        SELECT {cell_cols}, a.desil, a.penerima, a.rp FROM a JOIN cells c USING (cell)
        """,
    )
    cases = " ".join(f"WHEN terlambat BETWEEN {lo} AND {hi} THEN '{label}'" for label, lo, hi in DELAY_BINS)
    delays = _frame(
        con,
        f"""
        WITH a AS (
            SELECT cell, CASE {cases} END AS bin, count(*) AS kpm
            FROM kpl WHERE tersalur AND terlambat IS NOT NULL GROUP BY ALL
        )
        SELECT {cell_cols}, a.bin, a.kpm FROM a JOIN cells c USING (cell)
        """,
    )
    cumulative = _frame(
        con,
        """
        WITH a AS (
            SELECT cell, greatest(0, date_diff('day', tgl_mulai, kredit_akhir)) AS hari, count(*) AS kpm
            FROM kpl WHERE tersalur AND kredit_akhir IS NOT NULL GROUP BY ALL
        )
        SELECT c.kode_kab, c.program, c.periode, c.tahun, a.hari, sum(a.kpm)::BIGINT AS kpm
        FROM a JOIN cells c USING (cell) GROUP BY ALL
        """,
    )
    con.execute("DROP VIEW IF EXISTS kpl")
    for name in _TEMP_TABLES:
        con.execute(f"DROP TABLE IF EXISTS {name}")
    return Cube(
        base=base,
        quantiles=quantiles,
        incidence=incidence,
        reasons=reasons,
        delays=delays,
        cumulative=cumulative,
        as_of=as_of,
        config=cfg,
    )


def _quantiles(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Exact ``quantile_cont`` at every level and period, from day histograms.

    Days are integers, so a histogram (value, count) per kecamatan × programme
    × quarter is additive: it is summed to kabupaten, province and year with
    GROUPING SETS, and the linearly interpolated quantile (DuckDB
    ``quantile_cont`` / numpy ``linear``) is read off the cumulative counts:
    with n rows and h = q·(n − 1), the value is x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌈h⌉₎ − x₍⌊h⌋₎),
    where x₍k₎ is the smallest value whose cumulative count exceeds k. Unlike a
    holistic ``quantile_cont`` over the rows, every step can spill to disk.
    """
    con.execute("""
        CREATE OR REPLACE TEMP TABLE hist AS
        WITH h AS (
            SELECT cell, 'late' AS stat, terlambat AS v, count(*) AS c
            FROM kpl WHERE tersalur AND terlambat IS NOT NULL GROUP BY ALL
            UNION ALL
            SELECT cell, CASE kanal_akhir WHEN 1 THEN 'lead_POS' WHEN 2 THEN 'lead_HIMBARA' ELSE 'lead_lain' END,
                   lead_hari, count(*)
            FROM kpl WHERE dibayar AND lead_hari IS NOT NULL AND kanal_akhir IS NOT NULL GROUP BY ALL
        )
        SELECT c.kode_kab, c.kode_kec, c.program, c.periode, c.tahun, h.stat, h.v, h.c
        FROM h JOIN cells c USING (cell)
    """)
    probs = {"p50": 0.5, "p90": 0.9}
    picks = ", ".join(
        f"min(v) FILTER (WHERE cum > floor({q} * (n - 1))) AS {k}_lo, "
        f"min(v) FILTER (WHERE cum > ceil({q} * (n - 1))) AS {k}_hi"
        for k, q in probs.items()
    )
    frame = _frame(
        con,
        f"""
        WITH g AS (
            SELECT GROUPING(kode_kab) AS g_kab, GROUPING(kode_kec) AS g_kec, GROUPING(periode) AS g_per,
                   kode_kab, kode_kec, program, periode, tahun, stat, v, sum(c) AS c
            FROM hist
            GROUP BY GROUPING SETS (
                (kode_kab, kode_kec, program, periode, stat, v), (kode_kab, program, periode, stat, v),
                (program, periode, stat, v), (kode_kab, kode_kec, program, tahun, stat, v),
                (kode_kab, program, tahun, stat, v), (program, tahun, stat, v))
        ), k AS (
            SELECT CASE WHEN g_kab = 1 THEN 'provinsi' WHEN g_kec = 1 THEN 'kabupaten' ELSE 'kecamatan' END
                       AS level,
                   CASE WHEN g_kab = 1 THEN NULL WHEN g_kec = 1 THEN kode_kab ELSE kode_kec END AS kode,
                   program, CASE WHEN g_per = 1 THEN tahun ELSE periode END AS periode, stat, v, c
            FROM g WHERE NOT (g_kab = 0 AND g_kec = 0 AND kode_kec IS NULL)
        ), cum AS (
            SELECT *, sum(c) OVER (PARTITION BY level, kode, program, periode, stat ORDER BY v
                                   ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum,
                   sum(c) OVER (PARTITION BY level, kode, program, periode, stat) AS n
            FROM k
        )
        SELECT level, kode, program, periode, stat, any_value(n) AS n, {picks}
        FROM cum GROUP BY level, kode, program, periode, stat
        """,
    )
    con.execute("DROP TABLE IF EXISTS hist")
    keys = ["level", "kode", "program", "periode"]
    n = frame["n"].astype(float)
    for k, q in probs.items():
        h = q * (n - 1)
        lo = frame[f"{k}_lo"].astype(float)
        frame[k] = lo + (h - np.floor(h)) * (frame[f"{k}_hi"].astype(float) - lo)
    wanted = {
        ("late", "p50"): "hari_terlambat_median",
        ("late", "p90"): "hari_terlambat_p90",
        ("lead_HIMBARA", "p50"): "sp2d_kredit_himbara_median",
        ("lead_POS", "p50"): "sp2d_kredit_pos_median",
    }
    parts = []
    for (stat, k), name in wanted.items():
        part = frame.loc[frame["stat"] == stat, [*keys, k]].rename(columns={k: name})
        parts.append(part.set_index(keys)[name])
    wide = pd.concat(parts, axis=1).reindex(columns=list(QUANTILE_COLUMNS))
    return wide.reset_index()
