"""Before/after tables of a simulation: coverage, errors, flows and disparity.

Rates use the registry's numerator and denominator columns (so "before"
equals :meth:`Engine.table <dashboard.indicators.engine.Engine.table>`), and
disparity uses :mod:`dashboard.indicators.disparity` with the same weights
and units as :meth:`Engine.disparity` (Gini and max/min over kabupaten
weighted by the denominator; Theil T over kecamatan).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from dashboard import config
from dashboard.indicators import disparity as disp
from dashboard.indicators import stats
from dashboard.indicators.registry import INDICATORS
from dashboard.simulation.reallocate import Result

#: Indicators compared before and after (registry ids).
COMPARED: tuple[str, ...] = ("cakupan_sasaran", "cakupan_desil1", "eksklusi", "inklusi")
#: Indicators whose disparity between kabupaten is compared.
DISPARITY_INDICATORS: tuple[str, ...] = ("cakupan_sasaran", "cakupan_desil1")
#: Disparity measures (column of :meth:`Engine.disparity` → function name here).
MEASURES: tuple[str, ...] = ("gini", "theil_total", "ratio_max_min")

#: Flow columns of the comparison table, in order.
FLOWS: tuple[str, ...] = (
    "kuota_sebelum",
    "keluar",
    "kuota_keluar",
    "kuota_masuk",
    "masuk",
    "slot_tidak_terpakai",
    "kuota_sesudah",
)


def _with_derived(frame: pd.DataFrame) -> pd.DataFrame:
    """Add ``sasaran_bukan_penerima`` (the exclusion numerator, derived after summing)."""
    return frame.assign(sasaran_bukan_penerima=frame["sasaran"] - frame["sasaran_penerima"])


def _sum_by(frame: pd.DataFrame, key: pd.Series) -> pd.DataFrame:
    cols = ["kpm_aktif", "penerima_bukan_sasaran", "sasaran", "sasaran_penerima", "desil1", "desil1_penerima"]
    return _with_derived(frame.groupby(key, sort=True)[cols].sum())


def comparison(result: Result, names: Callable[[str], str] | Mapping[str, str] | None = None) -> pd.DataFrame:
    """Per-kabupaten and province table, before and after.

    Parameters
    ----------
    result : Result
    names : callable or mapping, optional
        Code → display name (default: the code; province "Provinsi Lampung").

    Returns
    -------
    DataFrame
        ``kode``, ``nama``, :data:`FLOWS`, and for every indicator of
        :data:`COMPARED`: ``<id>_num_sebelum``, ``<id>_den_sebelum``,
        ``<id>_sebelum``, ``<id>_num_sesudah``, ``<id>_den_sesudah``,
        ``<id>_sesudah`` (fractions 0–1; NaN when the denominator is 0). The
        last row is the province (``kode`` = province code).
    """
    lookup = names.get if isinstance(names, Mapping) else names
    before, after = result.inputs.before, result.after
    prov = config.PROVINCE_CODE
    b = _sum_by(before, before["kode_kab"]).reindex(list(result.inputs.kabupaten), fill_value=0)
    a = _sum_by(after, after["kode_kab"]).reindex(list(result.inputs.kabupaten), fill_value=0)
    b.loc[prov] = b.sum()
    a.loc[prov] = a.sum()
    flows = result.kab.copy()
    flows.loc[prov] = flows.sum()
    out = pd.DataFrame(index=b.index)
    out["kode"] = b.index.astype(str)
    default_names = {prov: config.PROVINCE_NAME}
    out["nama"] = [(lookup(k) if lookup else None) or default_names.get(k, k) for k in out["kode"]]
    out["kuota_sebelum"] = b["kpm_aktif"]
    out["keluar"] = flows["keluar"]
    out["kuota_keluar"] = flows["kuota_keluar"]
    out["kuota_masuk"] = flows["kuota_masuk"]
    out["masuk"] = flows["masuk"]
    out["slot_tidak_terpakai"] = flows["slot_tidak_terpakai"]
    out["kuota_sesudah"] = a["kpm_aktif"]
    for ind_id in COMPARED:
        ind = INDICATORS[ind_id]
        for when, frame in (("sebelum", b), ("sesudah", a)):
            num = frame[ind.numerator].to_numpy(dtype=float)
            den = frame[ind.denominator].to_numpy(dtype=float)
            out[f"{ind_id}_num_{when}"] = num
            out[f"{ind_id}_den_{when}"] = den
            out[f"{ind_id}_{when}"] = stats.rate(num, den) * ind.scale
    return out.reset_index(drop=True)


def _measures(kab: pd.DataFrame, kec: pd.DataFrame, ind_id: str) -> dict[str, float]:
    ind = INDICATORS[ind_id]
    kv = stats.rate(kab[ind.numerator].to_numpy(dtype=float), kab[ind.denominator].to_numpy(dtype=float))
    kw = kab[ind.base].to_numpy(dtype=float)
    keep = np.isfinite(kv)
    cv = stats.rate(kec[ind.numerator].to_numpy(dtype=float), kec[ind.denominator].to_numpy(dtype=float))
    cw = kec[ind.base].to_numpy(dtype=float)
    ckeep = np.isfinite(cv)
    groups = kec["kode_kec"].astype(str).str.slice(0, 5).to_numpy()
    theil = disp.theil_decomposition(cv[ckeep], groups[ckeep], cw[ckeep])
    return {
        "gini": disp.weighted_gini(kv[keep], kw[keep]),
        "theil_total": theil.total,
        "ratio_max_min": disp.ratio_max_min(kv[keep]),
    }


def disparity(result: Result) -> pd.DataFrame:
    """Disparity between kabupaten before and after.

    Returns
    -------
    DataFrame
        ``indikator``, ``ukuran`` (``gini``, ``theil_total``,
        ``ratio_max_min``), ``sebelum``, ``sesudah``, ``perubahan``
        (after − before; negative = the gap shrank).
    """
    rows = []
    frames = {}
    for when, frame in (("sebelum", result.inputs.before), ("sesudah", result.after)):
        kab = _sum_by(frame, frame["kode_kab"])
        kec_rows = frame.loc[frame["kode_kec"].notna()]
        kec = _sum_by(kec_rows, kec_rows["kode_kec"]).rename_axis("kode_kec").reset_index()
        frames[when] = (kab, kec)
    for ind_id in DISPARITY_INDICATORS:
        b = _measures(*frames["sebelum"], ind_id)
        a = _measures(*frames["sesudah"], ind_id)
        for measure in MEASURES:
            rows.append(
                {
                    "indikator": ind_id,
                    "ukuran": measure,
                    "sebelum": b[measure],
                    "sesudah": a[measure],
                    "perubahan": a[measure] - b[measure],
                }
            )
    return pd.DataFrame(rows, columns=["indikator", "ukuran", "sebelum", "sesudah", "perubahan"])


def summary(result: Result) -> dict[str, float]:
    """Province totals of a simulation.

    Returns
    -------
    dict
        ``kuota`` (slots, conserved), ``keluar`` and ``keluar_<reason>``,
        ``masuk``, ``masuk_desil1``, ``slot_tidak_terpakai``, ``kuota_dipindah``
        (slots that changed kabupaten: Σ max(in − out, 0)), ``kuota_terpakai``
        (active KPM after), ``rata_nominal`` (Rp per slot), ``rp_kuota``
        (slots × mean entitlement, the budget approximation).
    """
    kab = result.kab
    out: dict[str, float] = {
        "kuota": result.quota_before,
        "kuota_terpakai": int(result.after["kpm_aktif"].sum()),
        "kuota_dipindah": int(np.maximum(kab["kuota_masuk"] - kab["kuota_keluar"], 0).sum()),
        "rata_nominal": result.inputs.avg_nominal,
        "rp_kuota": result.quota_before * result.inputs.avg_nominal,
    }
    for column in kab.columns:
        if column.startswith(("keluar", "masuk", "slot_tidak")):
            out[column] = int(kab[column].sum())
    return out
