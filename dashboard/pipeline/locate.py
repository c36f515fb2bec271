"""Resolve raw region cells of each row to Kemendagri codes.

Order: the 10-digit desa code (must exist in the desa master list; gives
kecamatan and kabupaten), else the 6-digit kecamatan code (must be the prefix
of a known desa), else the kabupaten code and name together through
:func:`dashboard.regions.resolve_kabupaten_with_name` (kecamatan and desa then
stay empty). Work is done once per distinct combination of raw values.
"""

from __future__ import annotations

import pandas as pd

from dashboard import regions


def _unique_map(values: pd.Series, func) -> pd.Series:
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    mapped = [func(u) for u in uniques]
    return pd.Series([*mapped, None], dtype=object).iloc[codes].set_axis(values.index)


def _dotted(value: str, length: int) -> str | None:
    code = regions.normalise_code(value) if value else None
    return code if code is not None and len(code) == length else None


def locate(
    kode_desa: pd.Series,
    kode_kab: pd.Series,
    nama_kab: pd.Series,
    desa_master: pd.DataFrame,
    kode_kec: pd.Series | None = None,
) -> pd.DataFrame:
    """Resolve each row's region.

    Parameters
    ----------
    kode_desa, kode_kab, nama_kab : Series
        Raw cells (empty string when blank).
    desa_master : DataFrame
        Desa master list with a dotted ``kode_desa`` column.
    kode_kec : Series, optional
        Raw kecamatan codes.

    Returns
    -------
    DataFrame
        Same index; ``kode_kab``, ``kode_kec``, ``kode_desa`` (``str``,
        ``NA`` when unknown), ``reason`` (a :mod:`dashboard.regions` reason
        when no kabupaten was found) and ``fault`` (``F05_*``/``F06_*``; a
        kabupaten code or name fault counts also when the desa or kecamatan
        code resolved the row).
    """
    known_desa = frozenset(desa_master["kode_desa"].astype(str))
    known_kec = frozenset(code[:8] for code in known_desa)
    desa = _unique_map(kode_desa, lambda v: c if (c := _dotted(v, 13)) in known_desa else None)
    if kode_kec is not None:
        kec = _unique_map(kode_kec, lambda v: c if (c := _dotted(v, 8)) in known_kec else None)
    else:
        kec = pd.Series(None, index=kode_desa.index, dtype=object)
    kec = desa.str[:8].where(desa.notna(), kec)
    key = kode_kab.astype(str) + "\x1f" + nama_kab.astype(str)

    def by_kab(pair: str) -> tuple[str | None, str | None, str | None]:
        code, name = pair.split("\x1f")
        result = regions.resolve_kabupaten_with_name(code, name)
        if not result.ok:
            return None, result.reason, None
        if code and result.method != "name" and "." not in code:
            return result.code, None, "F05_kode_kabupaten_bps"
        if result.method == "name" or (not code and name):
            return result.code, None, "F06_wilayah_dari_nama"
        return result.code, None, None

    kab_result = _unique_map(key, by_kab)
    from_kab = kab_result.map(lambda r: r[0])
    reason = kab_result.map(lambda r: r[1])
    had_code = kode_desa.ne("") | (kode_kec.ne("") if kode_kec is not None else False)
    reason = reason.mask(reason.eq(regions.EMPTY) & had_code, regions.UNKNOWN)
    kab_fault = kab_result.map(lambda r: r[2])
    resolved_low = kec.notna()
    kab = kec.str[:5].where(resolved_low, from_kab)
    fault = pd.Series(None, index=kode_desa.index, dtype=object)
    only_kab = ~resolved_low & from_kab.notna()
    fault = fault.mask(only_kab, "F05_wilayah_tingkat_kabupaten")
    fault = fault.mask(only_kab & kab_fault.notna(), kab_fault)
    fault = fault.mask(only_kab & kode_desa.ne("") & desa.isna(), "F05_kode_desa_tidak_dikenal")
    # kabupaten cells written as a BPS/undotted code or a name variant are a fault even
    # when the desa or kecamatan code gives the region (which rows are kept is unchanged)
    fault = fault.mask(resolved_low & kab_fault.notna(), kab_fault)
    return pd.DataFrame(
        {
            "kode_kab": kab.astype("str"),
            "kode_kec": kec.astype("str"),
            "kode_desa": desa.astype("str"),
            "reason": reason.where(~resolved_low).astype("str"),
            "fault": fault.astype("str"),
        },
        index=kode_desa.index,
    )
