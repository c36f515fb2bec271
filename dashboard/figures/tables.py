"""Display tables: raw frames turned into labelled, Indonesian-formatted text."""

from __future__ import annotations

import pandas as pd

from dashboard import formatting, i18n


def reference_table(kab: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """Format the kabupaten reference facts for display.

    Parameters
    ----------
    kab : DataFrame
        :func:`dashboard.reference.kabupaten` output.
    lang : {"id", "en"}
        Label and number language (numbers always use Indonesian grouping).

    Returns
    -------
    DataFrame
        One row per kabupaten/kota, every cell text; missing figures read
        "tidak ada data".
    """
    t = lambda key: i18n.t(key, lang)  # noqa: E731 - a local shorthand keeps the column list readable
    density = kab["penduduk_2024"].astype("Float64") / kab["luas_km2"]
    return pd.DataFrame(
        {
            t("col_kode_kemendagri"): kab["kode_kemendagri"],
            t("col_kode_bps"): kab["kode_bps"],
            t("col_nama"): kab["nama_resmi"],
            t("col_ibukota"): kab["ibukota"],
            t("col_luas"): [formatting.number(v, 1, lang) for v in kab["luas_km2"]],
            t("col_penduduk"): [formatting.number(v, 0, lang) for v in kab["penduduk_2024"]],
            t("col_kepadatan"): [formatting.number(v, 0, lang) for v in density],
            t("col_p0_2024"): [formatting.percent(_pct(v), 2, lang) for v in kab["p0_2024_pct"]],
            t("col_p0_2025"): [formatting.percent(_pct(v), 2, lang) for v in kab["p0_2025_pct"]],
            t("col_miskin_2024"): [formatting.number(v, 2, lang) for v in kab["miskin_2024_ribu"]],
            t("col_pesisir"): [t("yes") if v else t("no") for v in kab["pesisir"]],
        }
    )


def _pct(value: object) -> float | None:
    return None if formatting.is_missing(value) else float(value) / 100
