"""Empowerment, graduation, disaster response and accompaniment indicators.

Computed from the small extra tables (:mod:`dashboard.pipeline.extras`) and a
few columns of ``kpm``/``disbursements``, independently of the cube engine.
:func:`load` reads a processed folder; :meth:`Extras.table` returns the same
columns as :meth:`dashboard.indicators.engine.Engine.table`. Each indicator's
counts come from one pure function (tested on hand-computed fixtures); the
province row sums the kabupaten numerators and denominators (medians are
recomputed from all events). A zero denominator gives NaN ("tidak ada data").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats as sps

from dashboard import config, reference
from dashboard.indicators import stats
from dashboard.indicators.registry import EXTRA_INDICATORS, Indicator

TABLE_COLUMNS = (
    "kode", "nama", "numerator", "denominator", "value", "ci_low", "ci_high",
    "small_n", "funnel", "funnel_95", "status", "rank", "gap_provinsi",
)  # fmt: skip
_KPM_COLUMNS = ["kpm_id", "family_id", "program", "tahun", "periode", "status_kpm", "kode_kab"]
_EXTRA_FILES = ("empowerment", "graduations", "disaster_events", "emergency_payments", "facilitators")


# ---- pure counting functions (one per indicator) -----------------------------------------------


def empowerment_counts(emp: pd.DataFrame, kpm: pd.DataFrame, rp_bansos: pd.Series, year: int) -> pd.DataFrame:
    """Families and Rupiah in empowerment programmes versus all assistance, per kabupaten.

    Parameters
    ----------
    emp : DataFrame
        ``empowerment`` (``family_id``, ``tahun``, ``nilai``, ``kode_kab``).
    kpm : DataFrame
        ``kpm`` columns ``family_id``, ``tahun``, ``status_kpm``, ``kode_kab``.
    rp_bansos : Series
        PKH + Sembako Rupiah paid (TERSALUR) in ``year``, indexed by ``kode_kab``.
    year : int

    Returns
    -------
    DataFrame
        Index ``kode_kab``; ``keluarga_pemberdayaan`` (distinct families
        starting PENA/KUBE), ``keluarga_bansos`` (distinct families that are
        AKTIF KPM or empowerment participants), ``rp_pemberdayaan``,
        ``rp_total`` (= empowerment Rp + ``rp_bansos``).
    """
    e = emp.loc[emp["tahun"] == year]
    k = kpm.loc[(kpm["tahun"] == year) & (kpm["status_kpm"] == "AKTIF") & kpm["family_id"].notna()]
    fams = pd.concat([k[["kode_kab", "family_id"]], e[["kode_kab", "family_id"]].dropna()]).drop_duplicates()
    out = pd.DataFrame(
        {
            "keluarga_pemberdayaan": e.dropna(subset=["family_id"])
            .groupby("kode_kab")["family_id"]
            .nunique(),
            "keluarga_bansos": fams.groupby("kode_kab")["family_id"].nunique(),
            "rp_pemberdayaan": e.groupby("kode_kab")["nilai"].sum(),
        }
    ).fillna(0)
    out = out.reindex(out.index.union(rp_bansos.index), fill_value=0)
    out["rp_total"] = out["rp_pemberdayaan"] + rp_bansos.reindex(out.index, fill_value=0)
    return out.astype("float64")


def graduation_counts(kpm: pd.DataFrame, year: int) -> pd.DataFrame:
    """PKH KPM graduated and PKH KPM in the SK in ``year``, per kabupaten (distinct ``kpm_id``)."""
    k = kpm.loc[(kpm["program"] == "PKH") & (kpm["tahun"] == year)]
    return (
        pd.DataFrame(
            {
                "kpm_graduasi": k.loc[k["status_kpm"] == "GRADUASI"].groupby("kode_kab")["kpm_id"].nunique(),
                "kpm_ditetapkan": k.groupby("kode_kab")["kpm_id"].nunique(),
            }
        )
        .fillna(0)
        .astype("float64")
    )


def _quarter(periode: pd.Series) -> pd.Series:
    return periode.str[:4].astype("int64") * 4 + periode.str[-1].astype("int64") - 1


def reentry_counts(kpm: pd.DataFrame, year: int) -> pd.DataFrame:
    """Graduated families back on assistance within 12 months, per kabupaten of graduation.

    A family's graduation quarter is its first PKH ``GRADUASI`` row. It
    counts in the denominator when the data reach 4 quarters past it
    (complete window) and in the numerator when it has an ``AKTIF`` row of any
    programme in quarters g+1 … g+4.
    """
    k = kpm.loc[kpm["family_id"].notna()].assign(q=lambda f: _quarter(f["periode"]))
    last = int(k["q"].max()) if len(k) else -1
    grad = (
        k.loc[(k["program"] == "PKH") & (k["status_kpm"] == "GRADUASI")]
        .sort_values("q")
        .drop_duplicates("family_id")[["family_id", "q", "kode_kab", "tahun"]]
    )
    grad = grad.loc[(grad["tahun"] == year) & (grad["q"] + 4 <= last)]
    active = k.loc[k["status_kpm"] == "AKTIF", ["family_id", "q"]].rename(columns={"q": "qa"})
    pairs = grad.merge(active, on="family_id")
    back = pairs.loc[(pairs["qa"] > pairs["q"]) & (pairs["qa"] <= pairs["q"] + 4), "family_id"].unique()
    return (
        pd.DataFrame(
            {
                "graduasi_kembali": grad.loc[grad["family_id"].isin(back)]
                .groupby("kode_kab")["family_id"]
                .nunique(),
                "graduasi_amatan": grad.groupby("kode_kab")["family_id"].nunique(),
            }
        )
        .fillna(0)
        .astype("float64")
    )


def response_per_event(events: pd.DataFrame, payments: pd.DataFrame, share: float = 0.8) -> pd.DataFrame:
    """Days from each event to its first payment and to ``share`` of its recipients paid.

    Returns
    -------
    DataFrame
        One row per ``kejadian_id``: ``kode_kab``, ``tahun``, ``jenis``,
        ``tgl_kejadian``, ``penerima``, ``dibayar``, ``hari_pertama`` (NaN
        when nothing paid), ``hari_80`` (NaN when fewer than ``share`` of the
        recipients are paid).
    """
    ev = events.sort_values("kejadian_id").drop_duplicates("kejadian_id")[
        ["kejadian_id", "kode_kab", "tahun", "jenis", "tgl_kejadian"]
    ]
    rows = []
    for event_id, group in payments.groupby("kejadian_id"):
        paid = np.sort(group["tgl_bayar"].dropna().to_numpy())
        n = len(group)
        need = int(np.ceil(share * n - 1e-9))
        rows.append(
            (
                event_id,
                n,
                len(paid),
                paid[0] if len(paid) else pd.NaT,
                paid[need - 1] if 0 < need <= len(paid) else pd.NaT,
            )
        )
    pay = pd.DataFrame(rows, columns=["kejadian_id", "penerima", "dibayar", "first", "p80"])
    out = ev.merge(pay, on="kejadian_id", how="left")
    out[["penerima", "dibayar"]] = out[["penerima", "dibayar"]].fillna(0)
    for col, src in (("hari_pertama", "first"), ("hari_80", "p80")):
        out[col] = (pd.to_datetime(out[src]) - pd.to_datetime(out["tgl_kejadian"])).dt.days.astype("float64")
    return out.drop(columns=["first", "p80"])


def kecamatan_coverage(events: pd.DataFrame, payments: pd.DataFrame, year: int) -> pd.DataFrame:
    """Affected (event, kecamatan) pairs with ≥1 paid payment ÷ affected pairs, per kabupaten."""
    ev = events.loc[events["tahun"] == year, ["kejadian_id", "kode_kec", "kode_kab"]].drop_duplicates()
    paid = payments.loc[payments["tgl_bayar"].notna(), ["kejadian_id", "kode_kec"]].drop_duplicates()
    hit = ev.merge(paid.assign(_paid=1), on=["kejadian_id", "kode_kec"], how="left")
    return pd.DataFrame(
        {
            "kec_dibayar": hit["_paid"].fillna(0).groupby(hit["kode_kab"]).sum(),
            "kec_terdampak": hit.groupby("kode_kab").size(),
        }
    ).astype("float64")


def facilitator_counts(kpm: pd.DataFrame, facilitators: pd.DataFrame, luas: pd.Series) -> pd.DataFrame:
    """Active PKH KPM of the latest quarter, facilitators and area per kabupaten."""
    pkh = kpm.loc[kpm["program"] == "PKH"]
    latest = pkh["periode"].max() if len(pkh) else None
    active = pkh.loc[(pkh["periode"] == latest) & (pkh["status_kpm"] == "AKTIF")]
    out = pd.DataFrame(
        {
            "kpm_aktif_pkh": active.groupby("kode_kab")["kpm_id"].nunique(),
            "pendamping": facilitators.groupby("kode_kab")["pendamping_id"].nunique(),
        }
    )
    out = out.reindex(out.index.union(luas.index)).fillna(0)
    out["luas_km2"] = luas.reindex(out.index).astype("float64")
    return out.astype("float64")


def correlation(x: pd.Series, y: pd.Series, method: str = "pearson", level: float = 0.95) -> dict:
    """Correlation of two aligned series with a Fisher-z confidence interval.

    ``r`` is Pearson's or Spearman's coefficient over the pairs where both
    values are finite; the interval is ``tanh(atanh(r) ± z/sqrt(n − 3))``
    (for Spearman the same approximation, a rough guide). Needs n ≥ 4.
    Descriptive only: an association between areas, not a causal effect.

    Returns
    -------
    dict
        ``r``, ``low``, ``high``, ``n``, ``method`` (NaN when n < 4 or a
        series is constant).
    """
    pair = pd.DataFrame({"x": x, "y": y}).replace([np.inf, -np.inf], np.nan).dropna()
    n = len(pair)
    out = {"r": np.nan, "low": np.nan, "high": np.nan, "n": n, "method": method}
    if n < 4 or pair["x"].nunique() < 2 or pair["y"].nunique() < 2:
        return out
    r = float(
        sps.spearmanr(pair["x"], pair["y"])[0]
        if method == "spearman"
        else sps.pearsonr(pair["x"], pair["y"])[0]
    )
    half = stats.z_value(level) / np.sqrt(n - 3)
    zr = np.arctanh(np.clip(r, -0.999999, 0.999999))
    return out | {"r": r, "low": float(np.tanh(zr - half)), "high": float(np.tanh(zr + half))}


# ---- loading and the Engine-like table -----------------------------------------------------------


@dataclass
class Extras:
    """The extra tables and the few main-table columns the indicators need."""

    empowerment: pd.DataFrame
    graduations: pd.DataFrame
    events: pd.DataFrame
    payments: pd.DataFrame
    facilitators: pd.DataFrame
    kpm: pd.DataFrame
    rp_bansos: pd.DataFrame  # tahun, kode_kab, rupiah
    names: dict[str, str]
    luas: pd.Series

    @property
    def available(self) -> bool:
        """Whether any extra table has rows."""
        return any(len(f) for f in (self.empowerment, self.events, self.facilitators, self.graduations))

    def years(self) -> list[int]:
        """Years present in the SK or the extra tables (ascending)."""
        found = set(self.kpm["tahun"].astype(int)) | set(
            self.empowerment.get("tahun", pd.Series(dtype=int)).astype(int)
        )
        found |= set(self.events.get("tahun", pd.Series(dtype=int)).astype(int))
        return sorted(found)

    def counts(self, indicator_id: str, year: int | None) -> pd.DataFrame:
        """Numerator and denominator (or per-event values for quantiles) per kabupaten."""
        ind = EXTRA_INDICATORS[indicator_id]
        if ind.kind == "quantile":
            per = response_per_event(self.events, self.payments)
            return per.loc[per["tahun"] == year] if year is not None else per
        if indicator_id.startswith("pemberdayaan"):
            rp = self.rp_bansos.loc[self.rp_bansos["tahun"] == year].set_index("kode_kab")["rupiah"]
            return empowerment_counts(self.empowerment, self.kpm, rp, year)
        if indicator_id == "graduasi_pkh":
            return graduation_counts(self.kpm, year)
        if indicator_id == "graduasi_kembali":
            return reentry_counts(self.kpm, year)
        if indicator_id == "respons_cakupan_kecamatan":
            return kecamatan_coverage(self.events, self.payments, year)
        return facilitator_counts(self.kpm, self.facilitators, self.luas)

    def table(self, indicator_id: str, level: str = "kabupaten", year: int | None = None) -> pd.DataFrame:
        """One indicator for every kabupaten (or the province), columns as ``Engine.table``.

        Parameters
        ----------
        indicator_id : str
            Id in :data:`~dashboard.indicators.registry.EXTRA_INDICATORS`.
        level : {"kabupaten", "provinsi"}
        year : int, optional
            Year; the latest when omitted (facilitator indicators are a snapshot).
        """
        ind = EXTRA_INDICATORS[indicator_id]
        year = year if year is not None else (self.years()[-1] if self.years() else None)
        counts = self.counts(indicator_id, year)
        kab_codes = sorted(self.names) if level == "kabupaten" else [config.PROVINCE_CODE]
        if ind.kind == "quantile":
            col = ind.numerator
            if level == "provinsi":
                vals = counts[col].dropna()
                num, den, val = [np.nan], [float(len(vals))], [float(vals.median()) if len(vals) else np.nan]
            else:
                g = counts.dropna(subset=[col]).groupby("kode_kab")[col]
                med, size = g.median().reindex(kab_codes), g.size().reindex(kab_codes).fillna(0)
                num, den, val = [np.nan] * len(kab_codes), size.to_numpy(float), med.to_numpy(float)
            prov_val = float(counts[col].dropna().median()) if counts[col].notna().any() else np.nan
        else:
            frame = counts[[ind.numerator, ind.denominator]]
            if level == "provinsi":
                frame = frame.sum().to_frame().T.set_axis([config.PROVINCE_CODE])
            frame = frame.reindex(kab_codes).fillna({ind.denominator: 0})
            num = frame[ind.numerator].to_numpy(float)
            den = frame[ind.denominator].to_numpy(float)
            val = stats.rate(num, den)
            total = counts[[ind.numerator, ind.denominator]].sum()
            prov_val = float(stats.rate(total.iloc[0], total.iloc[1]))
        out = pd.DataFrame(
            {
                "kode": kab_codes,
                "nama": [self.names.get(k, "Provinsi Lampung") for k in kab_codes],
                "numerator": num,
                "denominator": den,
                "value": np.asarray(val, dtype=float),
            }
        )
        if ind.binomial:
            low, high = stats.wilson(out["numerator"], out["denominator"])
            out["ci_low"], out["ci_high"] = low, high
            out["funnel"] = stats.funnel_flag(out["value"], out["denominator"], prov_val, 0.998)
            out["funnel_95"] = stats.funnel_flag(out["value"], out["denominator"], prov_val, 0.95)
        else:
            out["ci_low"] = out["ci_high"] = np.nan
            out["funnel"] = out["funnel_95"] = None
        minimum = stats.SMALL_N if ind.binomial else 3 if ind.kind == "quantile" else 1
        out["small_n"] = stats.small_n(out["denominator"], minimum)
        thr = ind.thresholds_for("PKH")
        out["status"] = stats.traffic_light(
            out["value"], thr.hijau if thr else None, thr.merah if thr else None, ind.direction
        )
        out["rank"] = (
            out["value"].rank(ascending=ind.direction != "higher_better", method="min").astype("Int64")
        )
        out["gap_provinsi"] = out["value"] - prov_val
        return out[list(TABLE_COLUMNS)]

    def trend(self, indicator_id: str, level: str = "provinsi") -> pd.DataFrame:
        """:meth:`table` for every year, stacked with a ``tahun`` column first."""
        parts = [self.table(indicator_id, level, y).assign(tahun=y) for y in self.years()]
        if not parts:
            return pd.DataFrame(columns=["tahun", *TABLE_COLUMNS])
        return pd.concat(parts, ignore_index=True)[["tahun", *TABLE_COLUMNS]]


def _read(folder: Path, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    from dashboard.schemas import EXTRA_TABLES

    path = folder / f"{name}.parquet"
    if path.is_file():
        return pd.read_parquet(path, columns=columns)
    cols = columns or list(EXTRA_TABLES[name].columns)
    return pd.DataFrame({c: pd.Series([], dtype="object") for c in cols})


def _rp_bansos(folder: Path) -> pd.DataFrame:
    path = folder / "disbursements.parquet"
    if not path.is_file():
        return pd.DataFrame({"tahun": [], "kode_kab": [], "rupiah": []})
    import duckdb

    con = duckdb.connect()
    try:
        return con.execute(
            "select tahun::int as tahun, kode_kab, sum(nominal_salur)::double as rupiah "
            f"from read_parquet('{path.as_posix()}') where status_salur = 'TERSALUR' group by 1, 2"
        ).df()
    finally:
        con.close()


def load(processed_dir: Path) -> Extras:
    """Read the extra tables of a processed folder (missing tables → empty frames).

    Parameters
    ----------
    processed_dir : Path
        Output folder of ``python -m dashboard clean``.
    """
    folder = Path(processed_dir)
    kab = reference.kabupaten()
    names = dict(zip(kab["kode_kemendagri"].astype(str), kab["nama_resmi"].astype(str), strict=True))
    kpm_path = folder / "kpm.parquet"
    kpm = (
        pd.read_parquet(kpm_path, columns=_KPM_COLUMNS)
        if kpm_path.is_file()
        else pd.DataFrame({c: pd.Series([], dtype="object") for c in _KPM_COLUMNS})
    )
    for col in ("program", "status_kpm", "kode_kab", "periode"):
        kpm[col] = kpm[col].astype("str")
    return Extras(
        empowerment=_read(folder, "empowerment"),
        graduations=_read(folder, "graduations"),
        events=_read(folder, "disaster_events"),
        payments=_read(folder, "emergency_payments"),
        facilitators=_read(folder, "facilitators"),
        kpm=kpm,
        rp_bansos=_rp_bansos(folder),
        names=names,
        luas=kab.set_index(kab["kode_kemendagri"].astype(str))["luas_km2"].astype("float64"),
    )


def accompaniment(ext: Extras, eksklusi: pd.DataFrame, realisasi: pd.DataFrame) -> pd.DataFrame:
    """KPM and area per facilitator next to the engine's exclusion error and realisation, per kabupaten.

    Parameters
    ----------
    ext : Extras
    eksklusi, realisasi : DataFrame
        ``Engine.table`` results (``kode``, ``value``) for ``eksklusi`` and
        ``realisasi_kpm`` (PKH, chosen period).
    """
    kpm = ext.table("kpm_per_pendamping")
    area = ext.table("luas_per_pendamping")
    out = kpm[["kode", "nama", "numerator", "denominator", "value"]].rename(
        columns={"numerator": "kpm", "denominator": "pendamping", "value": "kpm_per_pendamping"}
    )
    out["luas_per_pendamping"] = area["value"].to_numpy()
    out = out.merge(eksklusi[["kode", "value"]].rename(columns={"value": "eksklusi"}), on="kode", how="left")
    return out.merge(
        realisasi[["kode", "value"]].rename(columns={"value": "realisasi"}), on="kode", how="left"
    )


def response_comparison(ext: Extras, year: int, timeliness: pd.DataFrame) -> pd.DataFrame:
    """Disaster response per kabupaten next to the regular programmes' median days late (``Engine.table``)."""
    first = ext.table("respons_hari_pertama", year=year)
    p80 = ext.table("respons_hari_80", year=year)
    cov = ext.table("respons_cakupan_kecamatan", year=year)
    out = first[["kode", "nama", "denominator", "value"]].rename(
        columns={"denominator": "kejadian_dibayar", "value": "hari_pertama"}
    )
    out["hari_80"] = p80["value"].to_numpy()
    out["cakupan_kecamatan"] = cov["value"].to_numpy()
    out["kec_terdampak"] = cov["denominator"].to_numpy()
    return out.merge(
        timeliness[["kode", "value"]].rename(columns={"value": "hari_terlambat_reguler"}),
        on="kode",
        how="left",
    )


__all__ = [
    "Extras", "accompaniment", "correlation", "empowerment_counts", "facilitator_counts", "graduation_counts",
    "kecamatan_coverage", "load", "reentry_counts", "response_comparison", "response_per_event",
]  # fmt: skip
_ = (Indicator, _EXTRA_FILES)
