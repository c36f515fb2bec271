"""The indicator engine: every page and export reads its numbers from here.

Build once per data load, then query::

    eng = Engine.from_processed()                  # or Engine.from_frames(fam, kpm, dis)
    eng.programs()                                 # ["PKH", "SEMBAKO"]
    eng.periods("PKH")                             # ["2025-T1", …]   quarters
    eng.years("PKH")                               # ["2025"]         use as periode too
    eng.table("realisasi_kpm", level="kabupaten", program="PKH", periode="2025-T2")
    eng.province("realisasi_kpm", program="PKH", periode="2025")

Levels are ``provinsi``, ``kabupaten``, ``kecamatan``. A ``periode`` is a
quarter (``2025-T2``) or a year (``2025``: sum of its quarters' numerators and
denominators; medians recomputed from the year's rows). Rates are fractions
0–1; see :mod:`dashboard.indicators.registry` for definitions and units.

Every roll-up is a sum of numerators and denominators (never an average of
percentages); a zero denominator gives NaN and status ``tidak_ada_data``.
The cube is built with DuckDB (:mod:`dashboard.indicators.cube`); queries are
answered from small pre-aggregated pandas frames and never touch the rows.
"""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from dashboard import config, reference
from dashboard.indicators import composite as comp
from dashboard.indicators import cubestore, stats
from dashboard.indicators import disparity as disp
from dashboard.indicators.cube import BASE_COLUMNS, DELAY_BINS, QUANTILE_COLUMNS, Cube, CubeConfig, build_cube
from dashboard.indicators.registry import INDICATORS, LEVELS, Indicator

#: Columns of :meth:`Engine.table` (in order).
TABLE_COLUMNS: tuple[str, ...] = (
    "kode",
    "nama",
    "numerator",
    "denominator",
    "value",
    "ci_low",
    "ci_high",
    "small_n",
    "funnel",
    "funnel_95",
    "status",
    "rank",
    "gap_provinsi",
)

#: DuckDB memory limit while building the cube from Parquet (spills above it).
DEFAULT_MEMORY_LIMIT = "2GB"

_DERIVED = ("sasaran_bukan_penerima", "kuota_efektif", "eksklusi_kuota_num")


def _derive(frame: pd.DataFrame) -> pd.DataFrame:
    """Add columns computed after summation (non-additive ones must be derived at each level)."""
    kuota_efektif = np.minimum(frame["kpm_aktif"], frame["sasaran"])
    return frame.assign(
        sasaran_bukan_penerima=frame["sasaran"] - frame["sasaran_penerima"],
        kuota_efektif=kuota_efektif,
        eksklusi_kuota_num=np.maximum(0, kuota_efektif - frame["sasaran_penerima"]),
    )


def _level_key(base: pd.DataFrame, level: str, province_code: str) -> pd.Series:
    if level == "provinsi":
        return pd.Series(province_code, index=base.index, dtype="str")
    if level == "kabupaten":
        return base["kode_kab"]
    return base["kode_kec"]


class Engine:
    """Indicator engine over one data load (see the module docstring for usage).

    Parameters
    ----------
    cube : Cube
        Built by :func:`~dashboard.indicators.cube.build_cube`.
    names : mapping, optional
        kode → display name (kabupaten names from the reference table are
        added; kecamatan without a name show their code).
    registry : mapping, optional
        Indicator registry (default :data:`~dashboard.indicators.registry.INDICATORS`).
    min_n : int
        Small-denominator threshold (default 30).
    quality_report : dict, optional
        Parsed ``quality_report.json`` (see :meth:`quality`).
    province_code : str
        Code of the province row.
    """

    def __init__(
        self,
        cube: Cube,
        *,
        names: Mapping[str, str] | None = None,
        registry: Mapping[str, Indicator] | None = None,
        min_n: int = stats.SMALL_N,
        quality_report: Mapping[str, Any] | None = None,
        province_code: str = config.PROVINCE_CODE,
    ) -> None:
        self.cube = cube
        self.registry: Mapping[str, Indicator] = registry or INDICATORS
        self.min_n = min_n
        self.province_code = province_code
        self.quality_report = dict(quality_report) if quality_report else None
        self.names: dict[str, str] = {province_code: config.PROVINCE_NAME}
        with contextlib.suppress(OSError):  # reference folder absent (a bare tree)
            self.names.update(reference.kabupaten_names())
        self.names.update(names or {})
        self._frames: dict[tuple[str, str, str], pd.DataFrame] = {}
        self._periods: dict[str, list[str]] = {}
        self._cache: dict[tuple[Any, ...], pd.DataFrame] = {}
        self._prepare()

    # ---- construction --------------------------------------------------------------------
    @classmethod
    def from_processed(
        cls,
        processed_dir: Path | None = None,
        *,
        config_: CubeConfig | None = None,
        memory_limit: str | None = DEFAULT_MEMORY_LIMIT,
        reuse_cube: bool = True,
        **kwargs: Any,
    ) -> Engine:
        """Build from ``families/kpm/disbursements.parquet`` (and ``quality_report.json`` if present).

        The cube is built once per data load and stored in ``<processed>/cube/``
        (:mod:`dashboard.indicators.cubestore`); later loads of the same tables
        with the same definitions read it back in milliseconds.

        Parameters
        ----------
        processed_dir : Path, optional
            Default :func:`dashboard.config.processed_dir`.
        config_ : CubeConfig, optional
            Definition choices (target desil, due-date rule, report date).
        memory_limit : str, optional
            DuckDB memory limit while building (``"2GB"`` by default); above it
            DuckDB spills to a temporary folder instead of growing. None = DuckDB's
            default (80 % of RAM).
        reuse_cube : bool, default True
            Read a stored cube that matches the tables and definitions; build
            (and store) one otherwise. False always rebuilds (benchmarks).
        **kwargs
            Passed to :class:`Engine` (``names``, ``min_n``…).
        """
        folder = Path(processed_dir) if processed_dir else config.processed_dir()
        cube_config = config_ or CubeConfig()
        cube = cubestore.load(folder, cube_config) if reuse_cube else None
        if cube is None:
            cube = cls._build_from_files(folder, cube_config, memory_limit)
            if reuse_cube:
                cubestore.save(cube, folder)
        report_path = folder / "quality_report.json"
        if "quality_report" not in kwargs and report_path.is_file():
            kwargs["quality_report"] = json.loads(report_path.read_text(encoding="utf-8"))
        return cls(cube, **kwargs)

    @staticmethod
    def _build_from_files(folder: Path, config_: CubeConfig, memory_limit: str | None) -> Cube:
        sources = {
            name: f"read_parquet('{(folder / f'{name}.parquet').as_posix()}')"
            for name in ("families", "kpm", "disbursements")
        }
        settings: dict[str, Any] = {"preserve_insertion_order": False}
        if memory_limit:
            settings["memory_limit"] = memory_limit
        with tempfile.TemporaryDirectory(prefix="presisi-duckdb-") as spill:
            con = duckdb.connect(config={**settings, "temp_directory": spill})
            with contextlib.suppress(duckdb.Error):  # in Jupyter, DuckDB refuses without ipywidgets
                con.execute("SET enable_progress_bar = false")
            try:
                return build_cube(con, sources, config_)
            finally:
                con.close()

    @classmethod
    def from_frames(
        cls,
        families: pd.DataFrame,
        kpm: pd.DataFrame,
        disbursements: pd.DataFrame,
        quality: Mapping[str, Any] | None = None,
        *,
        config_: CubeConfig | None = None,
        **kwargs: Any,
    ) -> Engine:
        """Build from in-memory frames in the processed schema (tests, notebooks)."""
        con = duckdb.connect()
        try:
            con.register("src_families", families)
            con.register("src_kpm", kpm)
            con.register("src_dis", disbursements)
            cube = build_cube(
                con, {"families": "src_families", "kpm": "src_kpm", "disbursements": "src_dis"}, config_
            )
        finally:
            con.close()
        return cls(cube, quality_report=quality, **kwargs)

    def _prepare(self) -> None:
        base = self.cube.base
        quant = self.cube.quantiles
        cols = list(BASE_COLUMNS)
        for program in sorted(base["program"].unique()):
            self._periods[program] = sorted(base.loc[base["program"] == program, "periode"].unique())
        for level in LEVELS:
            key = _level_key(base, level, self.province_code)
            keep = key.notna()
            frame = base.loc[keep, cols].assign(
                kode=key[keep], program=base.loc[keep, "program"], periode=base.loc[keep, "periode"]
            )
            quarterly = frame.groupby(["program", "periode", "kode"], sort=True)[cols].sum()
            yearly = (
                frame.assign(periode=frame["periode"].str.slice(0, 4))
                .groupby(["program", "periode", "kode"], sort=True)[cols]
                .sum()
            )
            summed = _derive(pd.concat([quarterly, yearly]))
            q = quant.loc[quant["level"] == level].copy()
            q["kode"] = self.province_code if level == "provinsi" else q["kode"]
            q = q.set_index(["program", "periode", "kode"])[list(QUANTILE_COLUMNS)]
            summed = summed.join(q, how="left")
            for (program, periode), part in summed.groupby(level=["program", "periode"], sort=False):
                self._frames[(level, program, periode)] = part.droplevel(["program", "periode"])

    # ---- metadata ------------------------------------------------------------------------
    @property
    def as_of(self) -> date:
        """Report date: tersalur counts only credits on or before it."""
        return self.cube.as_of

    def programs(self) -> list[str]:
        """Programmes present in the data."""
        return list(self._periods)

    def periods(self, program: str) -> list[str]:
        """Quarters (``2025-T1``…) present for a programme, ascending."""
        return list(self._periods.get(program, []))

    def years(self, program: str) -> list[str]:
        """Years present for a programme (usable as ``periode``)."""
        return sorted({p[:4] for p in self.periods(program)})

    def name(self, kode: str) -> str:
        """Display name of a region code (the code itself when unknown)."""
        return self.names.get(kode, kode)

    # ---- core query ----------------------------------------------------------------------
    def _summed(self, level: str, program: str, periode: str) -> pd.DataFrame:
        if level not in LEVELS:
            raise ValueError(f"level tidak dikenal {level!r}; pilih {LEVELS}")
        frame = self._frames.get((level, program, periode))
        if frame is None:
            empty = pd.DataFrame(columns=[*BASE_COLUMNS, *_DERIVED, *QUANTILE_COLUMNS], dtype=float)
            empty.index.name = "kode"
            frame = empty
        if level == "kabupaten" and self.province_code == config.PROVINCE_CODE:
            known = [k for k in self.names if k.startswith(f"{self.province_code}.") and k.count(".") == 1]
            if known and (frame.empty or frame.index.str.startswith(f"{self.province_code}.").all()):
                frame = frame.reindex(sorted(set(frame.index) | set(known)))
        return frame

    def _indicator(self, indicator_id: str) -> Indicator:
        try:
            return self.registry[indicator_id]
        except KeyError:
            raise KeyError(f"indikator tidak dikenal {indicator_id!r}") from None

    @staticmethod
    def _values(ind: Indicator, frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Return numerator, denominator, unscaled value and count base for rows of ``frame``."""
        den = frame[ind.denominator].to_numpy(dtype=float) if len(frame) else np.array([])
        base = frame[ind.base].to_numpy(dtype=float) if len(frame) else np.array([])
        if ind.kind == "quantile":
            val = frame[ind.numerator].to_numpy(dtype=float) if len(frame) else np.array([])
            val = np.where(base > 0, val, np.nan)
            return np.full(val.shape, np.nan), den, val, base
        num = frame[ind.numerator].to_numpy(dtype=float) if len(frame) else np.array([])
        return num, den, stats.rate(num, den), base

    def table(
        self,
        indicator_id: str,
        *,
        level: str = "kabupaten",
        program: str,
        periode: str,
        parent: str | None = None,
    ) -> pd.DataFrame:
        """One indicator for every region of a level.

        Parameters
        ----------
        indicator_id : str
            Registry id.
        level : {"provinsi", "kabupaten", "kecamatan"}
        program : str
        periode : str
            Quarter (``2025-T2``) or year (``2025``).
        parent : str, optional
            Keep only regions inside this kabupaten code (for ``kecamatan``).

        Returns
        -------
        DataFrame
            Columns :data:`TABLE_COLUMNS`: ``kode``, ``nama``, ``numerator``,
            ``denominator`` (NaN numerator for quantiles; the denominator is
            then the number of rows behind the statistic), ``value`` (fraction
            for rates, days, index), ``ci_low``/``ci_high`` (95 % Wilson; NaN
            for Rupiah ratios and quantiles), ``small_n`` (count base <
            ``min_n``), ``funnel`` (99.8 % limits around the province value:
            ``within``/``above``/``below``, None when not applicable),
            ``funnel_95``, ``status`` (``hijau``/``kuning``/``merah``/
            ``tidak_ada_data``/``tanpa_ambang``), ``rank`` (1 = best among the
            rows, ``Int64``), ``gap_provinsi`` (value − province value).
        """
        key = ("table", indicator_id, level, program, periode, parent)
        hit = self._cache.get(key)
        if hit is not None:
            return hit.copy()
        ind = self._indicator(indicator_id)
        frame = self._summed(level, program, periode)
        if parent is not None:
            frame = frame.loc[frame.index.str.startswith(f"{parent}.") | (frame.index == parent)]
        num, den, val, base = self._values(ind, frame)
        prov = self._summed("provinsi", program, periode)
        _, _, prov_val, _ = self._values(ind, prov)
        p0 = float(prov_val[0]) if len(prov_val) else float("nan")
        out = pd.DataFrame(
            {
                "kode": frame.index.astype("str"),
                "nama": [self.name(k) for k in frame.index],
                "numerator": num,
                "denominator": den,
                "value": val * ind.scale,
            }
        )
        if ind.binomial:
            low, high = stats.wilson(num, den)
            out["ci_low"], out["ci_high"] = low * ind.scale, high * ind.scale
            out["funnel"] = stats.funnel_flag(val, den, p0, 0.998)
            out["funnel_95"] = stats.funnel_flag(val, den, p0, 0.95)
        else:
            out["ci_low"] = out["ci_high"] = np.nan
            out["funnel"] = out["funnel_95"] = None
        out["small_n"] = stats.small_n(base, self.min_n)
        thr = ind.thresholds_for(program)
        out["status"] = stats.traffic_light(
            out["value"], thr.hijau if thr else None, thr.merah if thr else None, ind.direction
        )
        out["rank"] = (
            out["value"].rank(ascending=ind.direction == "lower_better", method="min").astype("Int64")
        )
        out["gap_provinsi"] = out["value"] - p0 * ind.scale
        out = out[list(TABLE_COLUMNS)]
        self._cache[key] = out
        return out.copy()

    def province(self, indicator_id: str, *, program: str, periode: str) -> dict[str, Any]:
        """Return the province row of :meth:`table` as a dict (same fields; ``rank`` is 1 or NA)."""
        row = self.table(indicator_id, level="provinsi", program=program, periode=periode)
        if row.empty:
            return dict.fromkeys(TABLE_COLUMNS, np.nan) | {
                "kode": self.province_code,
                "status": "tidak_ada_data",
            }
        return row.iloc[0].to_dict()

    def page(
        self, indicator_ids: list[str] | None = None, *, level: str = "kabupaten", program: str, periode: str
    ) -> dict[str, pd.DataFrame]:
        """Several indicators at once (default: all applicable to ``level``): id → :meth:`table`."""
        ids = indicator_ids or [i for i, ind in self.registry.items() if level in ind.levels]
        return {i: self.table(i, level=level, program=program, periode=periode) for i in ids}

    def trend(
        self, indicator_id: str, *, level: str = "provinsi", program: str, kode: str | None = None
    ) -> pd.DataFrame:
        """:meth:`table` for every quarter, stacked with a ``periode`` column first.

        ``kode`` keeps one region. Ranks are within each quarter. The stacked
        result is cached like :meth:`table` (pages draw many trends per rerun).
        """
        key = ("trend", indicator_id, level, program, kode)
        hit = self._cache.get(key)
        if hit is not None:
            return hit.copy()
        parts = []
        for periode in self.periods(program):
            t = self.table(indicator_id, level=level, program=program, periode=periode)
            if kode is not None:
                t = t.loc[t["kode"] == kode]
            parts.append(t.assign(periode=periode))
        if not parts:
            return pd.DataFrame(columns=["periode", *TABLE_COLUMNS])
        out = pd.concat(parts, ignore_index=True)[["periode", *TABLE_COLUMNS]]
        self._cache[key] = out
        return out.copy()

    # ---- disparity and composite ---------------------------------------------------------
    def disparity(self, indicator_id: str, *, program: str, include_years: bool = False) -> pd.DataFrame:
        """Disparity between kabupaten per period (is the gap closing?).

        Weights are the indicator's denominator (count base for quantiles), so
        the weighted mean equals the province value. Theil T is computed over
        kecamatan and split into between-kabupaten and within-kabupaten parts
        (kecamatan with unknown code are left out of the Theil figures).

        Returns
        -------
        DataFrame
            ``periode``, ``provinsi``, ``terbaik``, ``terburuk``,
            ``gap_terbaik_terburuk`` (|best − worst|), ``gap_provinsi_terburuk``
            (|province − worst|), ``ratio_max_min``, ``cv``, ``gini``,
            ``theil_total``, ``theil_between``, ``theil_within``, ``n_wilayah``.
        """
        ind = self._indicator(indicator_id)
        rows = []
        periods = self.periods(program) + (self.years(program) if include_years else [])
        for periode in periods:
            kab = self.table(indicator_id, level="kabupaten", program=program, periode=periode)
            kab = kab.loc[kab["value"].notna()]
            kec = self.table(indicator_id, level="kecamatan", program=program, periode=periode)
            kec = kec.loc[kec["value"].notna()]
            prov = self.province(indicator_id, program=program, periode=periode)["value"]
            kab_frame = self._summed("kabupaten", program, periode).reindex(kab["kode"])
            kec_frame = self._summed("kecamatan", program, periode).reindex(kec["kode"])
            w_kab = kab_frame[ind.base].to_numpy(dtype=float)
            w_kec = kec_frame[ind.base].to_numpy(dtype=float)
            values = kab["value"].to_numpy(dtype=float)
            best_is_low = ind.direction == "lower_better"
            best = np.nan if values.size == 0 else (values.min() if best_is_low else values.max())
            worst = np.nan if values.size == 0 else (values.max() if best_is_low else values.min())
            theil = disp.theil_decomposition(kec["value"], kec["kode"].str.slice(0, 5), w_kec)
            rows.append(
                {
                    "periode": periode,
                    "provinsi": prov,
                    "terbaik": best,
                    "terburuk": worst,
                    "gap_terbaik_terburuk": abs(best - worst),
                    "gap_provinsi_terburuk": abs(prov - worst),
                    "ratio_max_min": disp.ratio_max_min(values),
                    "cv": disp.weighted_cv(values, w_kab),
                    "gini": disp.weighted_gini(values, w_kab),
                    "theil_total": theil.total,
                    "theil_between": theil.between,
                    "theil_within": theil.within,
                    "n_wilayah": int(values.size),
                }
            )
        return pd.DataFrame(rows)

    def composite(
        self,
        *,
        program: str,
        periode: str,
        level: str = "kabupaten",
        weights: Mapping[str, float] | None = None,
    ) -> pd.DataFrame:
        """Indeks Presisi per region with rank and rank change against the previous quarter.

        Returns
        -------
        DataFrame
            ``kode``, ``nama``, one 0–100 score per component
            (:data:`~dashboard.indicators.composite.COMPONENTS`), ``indeks``,
            ``rank`` (1 = best), ``rank_sebelumnya``, ``perubahan_rank``
            (positive = moved up; NA for the first quarter or a year).
        """

        def scores(per: str) -> pd.DataFrame:
            values = {}
            names = None
            for ind_id, _ in comp.COMPONENTS.values():
                t = self.table(ind_id, level=level, program=program, periode=per).set_index("kode")
                values[ind_id] = t["value"]
                names = t["nama"]
            frame = comp.component_scores(pd.DataFrame(values))
            frame["indeks"] = comp.composite_index(frame, weights)
            frame["rank"] = comp.rank_desc(frame["indeks"])
            frame.insert(0, "nama", names)
            return frame

        now = scores(periode)
        quarters = self.periods(program)
        before_rank = pd.Series(pd.NA, index=now.index, dtype="Int64")
        if periode in quarters and quarters.index(periode) > 0:
            before = scores(quarters[quarters.index(periode) - 1])
            before_rank = before["rank"].reindex(now.index).astype("Int64")
        now["rank_sebelumnya"] = before_rank
        now["perubahan_rank"] = comp.rank_change(now["rank"], before_rank)
        return now.reset_index().rename(columns={"index": "kode"})

    # ---- distributions for the targeting and timeliness pages ----------------------------
    def _filter_rows(self, frame: pd.DataFrame, program: str, periode: str, kode: str | None) -> pd.DataFrame:
        col = "tahun" if len(periode) == 4 else "periode"
        keep = (frame["program"] == program) & (frame[col] == periode)
        if kode is not None and kode != self.province_code:
            column = "kode_kec" if kode.count(".") >= 2 else "kode_kab"
            keep &= frame[column] == kode
        return frame.loc[keep]

    def incidence(self, *, program: str, periode: str, kode: str | None = None) -> pd.DataFrame:
        """Beneficiary and benefit incidence by desil (ASPIRE).

        Returns
        -------
        DataFrame
            ``desil`` (1–10; 0 = not in registry or no desil), ``penerima``
            (active KPM), ``rp`` (Rp credited, any status), ``share_penerima``
            and ``share_rp`` (each sums to 1 over the rows; NaN when the total
            is 0), cumulative ``cum_share_penerima``/``cum_share_rp``.
        """
        rows = self._filter_rows(self.cube.incidence, program, periode, kode)
        out = (
            rows.groupby("desil")[["penerima", "rp"]]
            .sum()
            .reindex(range(11), fill_value=0)
            .rename_axis("desil")
            .reset_index()
        )
        out["share_penerima"] = stats.rate(out["penerima"], np.full(len(out), out["penerima"].sum()))
        out["share_rp"] = stats.rate(out["rp"], np.full(len(out), out["rp"].sum()))
        known = out["desil"] > 0
        out["cum_share_penerima"] = np.where(known, out["share_penerima"].where(known, 0).cumsum(), np.nan)
        out["cum_share_rp"] = np.where(known, out["share_rp"].where(known, 0).cumsum(), np.nan)
        return out

    def failure_reasons(
        self, *, program: str, periode: str, level: str = "provinsi", kode: str | None = None
    ) -> pd.DataFrame:
        """GAGAL by reason code for one region (province by default).

        A KPM with failed attempts of two different codes counts under both,
        so the counts can add up to more than the ``gagal`` numerator.

        Returns
        -------
        DataFrame
            ``kode_gagal``, ``kpm``, ``rate`` (÷ active KPM of the area),
            ``share`` (÷ active KPM with any GAGAL), sorted by ``kpm`` descending.
        """
        area = kode or self.province_code
        lvl = "provinsi" if area == self.province_code else level
        rows = self._filter_rows(self.cube.reasons, program, periode, None if lvl == "provinsi" else area)
        out = rows.groupby("kode_gagal")["kpm"].sum().sort_values(ascending=False).reset_index()
        frame = self._summed(lvl, program, periode)
        aktif = float(frame["kpm_aktif"].get(area, 0)) if len(frame) else 0.0
        gagal = float(frame["kpm_gagal"].get(area, 0)) if len(frame) else 0.0
        out["rate"] = stats.rate(out["kpm"], np.full(len(out), aktif))
        out["share"] = stats.rate(out["kpm"], np.full(len(out), gagal))
        return out

    def delay_distribution(
        self, *, program: str, periode: str, level: str = "kabupaten", kode: str | None = None
    ) -> pd.DataFrame:
        """Days late among KPM paid in full, in bins, per region.

        Returns
        -------
        DataFrame
            ``kode``, ``nama``, ``bin`` (``0``, ``1-7``, …, ``>90``, ordered),
            ``kpm``, ``share`` (of the region's KPM paid in full).
        """
        rows = self._filter_rows(self.cube.delays, program, periode, kode)
        key = _level_key(rows, level, self.province_code)
        labels = [b[0] for b in DELAY_BINS]
        grouped = rows.assign(kode=key).dropna(subset=["kode"]).groupby(["kode", "bin"])["kpm"].sum()
        codes = sorted(set(grouped.index.get_level_values(0)))
        full = grouped.reindex(
            pd.MultiIndex.from_product([codes, labels], names=["kode", "bin"]), fill_value=0
        )
        out = full.reset_index()
        totals = out.groupby("kode")["kpm"].transform("sum")
        out["share"] = stats.rate(out["kpm"], totals)
        out.insert(1, "nama", [self.name(k) for k in out["kode"]])
        out["bin"] = pd.Categorical(out["bin"], categories=labels, ordered=True)
        return out

    def cumulative_paid(
        self, *, program: str, periode: str, level: str = "kabupaten", kode: str | None = None
    ) -> pd.DataFrame:
        """Share of active KPM paid in full by days since the period start, per region.

        Only ``provinsi`` and ``kabupaten`` levels (the day-level cube is at
        kabupaten grain). For a year the quarters are pooled (days since each
        quarter's own start).

        Returns
        -------
        DataFrame
            ``kode``, ``nama``, ``hari`` (0 … last day with a payment, dense),
            ``kpm`` (cumulative paid in full), ``kpm_aktif``, ``share``.
        """
        if level not in ("provinsi", "kabupaten"):
            raise ValueError("cumulative_paid tersedia untuk provinsi dan kabupaten")
        rows = self._filter_rows(self.cube.cumulative, program, periode, kode)
        key = _level_key(rows, level, self.province_code)
        daily = rows.assign(kode=key).groupby(["kode", "hari"])["kpm"].sum()
        if daily.empty:
            return pd.DataFrame(columns=["kode", "nama", "hari", "kpm", "kpm_aktif", "share"])
        codes = sorted(set(daily.index.get_level_values(0)))
        days = range(int(daily.index.get_level_values(1).max()) + 1)
        grid = daily.reindex(pd.MultiIndex.from_product([codes, days], names=["kode", "hari"]), fill_value=0)
        out = grid.groupby(level="kode").cumsum().reset_index()
        aktif = self._summed(level, program, periode)["kpm_aktif"]
        out["kpm_aktif"] = out["kode"].map(aktif).astype(float)
        out["share"] = stats.rate(out["kpm"], out["kpm_aktif"])
        out.insert(1, "nama", [self.name(k) for k in out["kode"]])
        return out

    # ---- data quality report -------------------------------------------------------------
    def quality(self) -> pd.DataFrame:
        """Return counts from ``quality_report.json`` that the tables cannot show (quarantined rows).

        Interface: the report may hold ``"per_kabupaten": {kode_kab: {metric:
        {"numerator": int, "denominator": int}}}``; the cleaning report's
        ``tables.<table>.per_kabupaten`` counts (quarantined and merged
        duplicate rows over input rows) are read as metrics ``karantina
        <table>`` and ``duplikat <table>``; any other content is ignored. A metric is, e.g., ``rows_resolved`` (rows placed in the
        kabupaten ÷ rows that named it). Returns ``kode``, ``nama``,
        ``metric``, ``numerator``, ``denominator``, ``value`` (empty when the
        report has no such section).
        """
        report = self.quality_report or {}
        section = {k: dict(v) for k, v in (report.get("per_kabupaten") or {}).items()}
        # The cleaning report (dashboard.pipeline.report): tables.<table>.per_kabupaten.<kode>
        # holds input_rows, karantina (quarantined) and duplikat (merged duplicates).
        for table, info in (report.get("tables") or {}).items():
            for kode, counts in (
                (info.get("per_kabupaten") or {}).items() if isinstance(info, Mapping) else ()
            ):
                total = counts.get("input_rows")
                for field, metric in (("karantina", "karantina"), ("duplikat", "duplikat")):
                    if field in counts and total:
                        section.setdefault(kode, {})[f"{metric} {table}"] = {
                            "numerator": counts[field],
                            "denominator": total,
                        }
        rows = [
            {
                "kode": kode,
                "nama": self.name(kode),
                "metric": metric,
                "numerator": counts.get("numerator"),
                "denominator": counts.get("denominator"),
            }
            for kode, metrics in section.items()
            for metric, counts in metrics.items()
            if isinstance(counts, Mapping)
        ]
        out = pd.DataFrame(rows, columns=["kode", "nama", "metric", "numerator", "denominator"])
        out["value"] = stats.rate(out["numerator"].astype(float), out["denominator"].astype(float))
        return out
