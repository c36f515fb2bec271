"""The one registry of indicators: labels, definitions, formulas, thresholds.

Every page, legend, methodology text and export reads its labels and
formulas from :data:`INDICATORS`; nothing is written twice. An indicator is
a ratio of two *cube columns* (see :mod:`dashboard.indicators.cube`), or,
for ``kind="quantile"``, an order statistic computed from the rows at each
level (medians and percentiles are not additive).

Values are returned as plain numbers: a rate (``unit="persen"``) is a
fraction 0–1 (the UI formats 0.812 as "81,2%"), days are days, an index is
dimensionless. Formatting is the UI's job.

Definitions used throughout (stated once here, shown on the methodology
page):

* **Penerima (recipient)** of programme g in period p: a KPM row for (g, p)
  with ``status_kpm = AKTIF``. NONAKTIF, GRADUASI, DIALIHKAN and TANGGUH rows
  are *not* recipients and are not in the "ditetapkan" denominator; money
  paid to them still counts in the Rupiah-based targeting indicators.
* **Keluarga sasaran (target family)** of g: a registry family with ``desil``
  in the target set of g (default PKH 1–4, SEMBAKO 1–5; configurable in
  :class:`~dashboard.indicators.cube.CubeConfig`) and ``status_keberadaan =
  ADA``. A KPM whose family is not in the registry or has no desil is not a
  target family.
* **Tersalur (paid in full)** for (KPM, p): the sum of ``nominal_salur`` over
  its TERSALUR rows credited on or before the report date is at least the
  entitled ``nominal``; its credit date is the latest such credit (for
  SEMBAKO paid in batches this is the date the last batch arrived).
* **Jatuh tempo (due date)**: by default the end of the benefit period
  (``tgl_akhir``); alternative rule: first SP2D date + 14 days.
* **Tahun (year)**: the sum of the quarterly numerators and denominators
  (KPM-periods, family-periods); medians are recomputed from the year's rows.
* Regions: KPM-based counts use the KPM's region in the SK (a payment with
  no KPM row uses the payment's region); registry-based counts (target
  families) use the family's region.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

Unit = Literal["persen", "hari", "rupiah", "rasio", "indeks", "kpm"]
Direction = Literal["higher_better", "lower_better", "neutral"]
Group = Literal["sasaran", "penyaluran", "waktu", "kualitas", "pemberdayaan_respons"]
Kind = Literal["rate", "quantile"]

LEVELS: tuple[str, ...] = ("provinsi", "kabupaten", "kecamatan")
PROGRAMS: tuple[str, ...] = ("PKH", "SEMBAKO")

GROUP_LABELS: dict[str, tuple[str, str]] = {
    "sasaran": ("Ketepatan sasaran", "Targeting and coverage"),
    "penyaluran": ("Penyaluran", "Delivery"),
    "waktu": ("Ketepatan waktu", "Timeliness"),
    "kualitas": ("Kualitas data", "Data quality"),
    "pemberdayaan_respons": ("Pemberdayaan & respons", "Empowerment & response"),
}

#: Default thresholds file (only overrides; defaults live in the registry).
THRESHOLDS_FILE = Path(__file__).with_name("thresholds.toml")


@dataclass(frozen=True)
class Thresholds:
    """Cut points for the traffic-light status.

    For ``higher_better``: value ≥ ``hijau`` → hijau; value < ``merah`` → merah;
    otherwise kuning. For ``lower_better``: value ≤ ``hijau`` → hijau; value >
    ``merah`` → merah; otherwise kuning. Values are in the indicator's unit
    (fractions for rates).
    """

    hijau: float
    merah: float


@dataclass(frozen=True)
class Indicator:
    """One indicator.

    Attributes
    ----------
    id : str
        Stable identifier used in code, URLs and exports.
    label_id, label_en : str
        Short labels.
    definition_id, definition_en : str
        One-paragraph definition including the denominator choice.
    numerator_id, numerator_en, denominator_id, denominator_en : str
        Numerator and denominator in words.
    numerator, denominator : str
        Cube column names (after roll-up). For ``kind="quantile"`` the
        numerator names the statistic column of the quantile cube and the
        denominator is the count of rows it is computed from.
    unit : str
        ``persen`` (fraction 0–1), ``hari``, ``rupiah``, ``rasio``, ``indeks``.
    direction : str
        ``higher_better``, ``lower_better`` or ``neutral`` (descriptive; no
        traffic light).
    thresholds : Mapping[str, Thresholds]
        ``"*"`` for every programme, or a programme name for an override.
        Empty for neutral indicators.
    source : str
        Where the formula comes from.
    group : str
        ``sasaran``, ``penyaluran``, ``waktu`` or ``kualitas``.
    levels : tuple of str
        Levels the indicator is available at.
    programs : tuple of str
        Programmes it applies to.
    kind : str
        ``rate`` (numerator ÷ denominator × ``scale``) or ``quantile``.
    scale : float
        Multiplier applied to the ratio (CGH index: 1 / 0.40).
    binomial : bool
        Whether numerator and denominator are counts of units, so a Wilson
        interval and funnel limits apply (False for Rupiah ratios and
        quantiles: interval and funnel are left empty).
    count_base : str
        Cube column counting the units behind the value; used for the
        small-denominator flag.
    """

    id: str
    label_id: str
    label_en: str
    definition_id: str
    definition_en: str
    numerator_id: str
    numerator_en: str
    denominator_id: str
    denominator_en: str
    numerator: str
    denominator: str
    unit: Unit
    direction: Direction
    thresholds: Mapping[str, Thresholds]
    source: str
    group: Group
    levels: tuple[str, ...] = LEVELS
    programs: tuple[str, ...] = PROGRAMS
    kind: Kind = "rate"
    scale: float = 1.0
    binomial: bool = True
    count_base: str = field(default="")

    def thresholds_for(self, program: str) -> Thresholds | None:
        """Return the thresholds for a programme (override, else ``"*"``, else None)."""
        return self.thresholds.get(program) or self.thresholds.get("*")

    @property
    def base(self) -> str:
        """Cube column used for the small-denominator flag."""
        return self.count_base or self.denominator


def _t(hijau: float, merah: float, **per_program: tuple[float, float]) -> dict[str, Thresholds]:
    out = {"*": Thresholds(hijau, merah)}
    out.update({k: Thresholds(*v) for k, v in per_program.items()})
    return out


_DOMAIN = "domain.md §4"

_DEFAULTS: tuple[Indicator, ...] = (
    # ---- sasaran -------------------------------------------------------------------------
    Indicator(
        id="cakupan_sasaran",
        label_id="Cakupan keluarga sasaran",
        label_en="Coverage of the target group",
        definition_id="Bagian keluarga sasaran (desil sasaran program, status ADA di registri) yang menjadi KPM AKTIF pada periode itu.",
        definition_en="Share of target families (programme's target desil, status ADA in the registry) that are ACTIVE beneficiaries in the period.",
        numerator_id="Keluarga sasaran yang menjadi KPM AKTIF",
        numerator_en="Target families that are active beneficiaries",
        denominator_id="Keluarga sasaran di registri",
        denominator_en="Target families in the registry",
        numerator="sasaran_penerima",
        denominator="sasaran",
        unit="persen",
        direction="higher_better",
        thresholds=_t(0.80, 0.50, PKH=(0.40, 0.20)),
        source=f"{_DOMAIN}.1 (ASPIRE coverage, adapted to families)",
        group="sasaran",
    ),
    Indicator(
        id="cakupan_desil1",
        label_id="Cakupan desil 1",
        label_en="Coverage of desil 1",
        definition_id="Bagian keluarga desil 1 (status ADA) yang menjadi KPM AKTIF pada periode itu.",
        definition_en="Share of desil-1 families (status ADA) that are active beneficiaries in the period.",
        numerator_id="Keluarga desil 1 yang menjadi KPM AKTIF",
        numerator_en="Desil-1 families that are active beneficiaries",
        denominator_id="Keluarga desil 1 di registri",
        denominator_en="Desil-1 families in the registry",
        numerator="desil1_penerima",
        denominator="desil1",
        unit="persen",
        direction="higher_better",
        thresholds=_t(0.80, 0.50),
        source=f"{_DOMAIN}.1 (coverage of the poorest)",
        group="sasaran",
    ),
    Indicator(
        id="eksklusi",
        label_id="Kesalahan eksklusi",
        label_en="Exclusion error",
        definition_id="Bagian keluarga sasaran yang tidak menjadi KPM AKTIF (= 1 − cakupan).",
        definition_en="Share of target families that are not active beneficiaries (= 1 − coverage).",
        numerator_id="Keluarga sasaran yang bukan KPM AKTIF",
        numerator_en="Target families not receiving",
        denominator_id="Keluarga sasaran di registri",
        denominator_en="Target families in the registry",
        numerator="sasaran_bukan_penerima",
        denominator="sasaran",
        unit="persen",
        direction="lower_better",
        thresholds=_t(0.20, 0.50, PKH=(0.60, 0.80)),
        source=f"{_DOMAIN}.1; anchors.md §1.2",
        group="sasaran",
    ),
    Indicator(
        id="eksklusi_kuota",
        label_id="Kesalahan eksklusi (disesuaikan kuota)",
        label_en="Exclusion error, quota-adjusted",
        definition_id=(
            "Eksklusi yang masih bisa dihindari dengan kuota yang ada: (min(kuota, sasaran) − sasaran penerima) "
            "÷ min(kuota, sasaran), dibatasi ≥ 0. Kuota = KPM AKTIF ditetapkan di wilayah. Dihitung di setiap "
            "tingkat dari jumlah kuota dan sasaran pada tingkat itu (tidak dijumlahkan dari wilayah di bawahnya)."
        ),
        definition_en=(
            "Exclusion avoidable within the quota: (min(quota, targets) − targets receiving) ÷ min(quota, targets), "
            "floored at 0. Quota = active KPM listed in the area. Computed at each level from that level's summed "
            "quota and targets (not summed from lower levels)."
        ),
        numerator_id="min(kuota, sasaran) − keluarga sasaran penerima (≥ 0)",
        numerator_en="min(quota, targets) − target families receiving (≥ 0)",
        denominator_id="min(kuota KPM AKTIF, keluarga sasaran)",
        denominator_en="min(active KPM quota, target families)",
        numerator="eksklusi_kuota_num",
        denominator="kuota_efektif",
        unit="persen",
        direction="lower_better",
        thresholds=_t(0.20, 0.50),
        source=f"{_DOMAIN}.1 (quota-adjusted exclusion)",
        group="sasaran",
    ),
    Indicator(
        id="inklusi",
        label_id="Kesalahan inklusi (jumlah)",
        label_en="Inclusion error (count)",
        definition_id="Bagian KPM AKTIF yang bukan keluarga sasaran (desil di luar sasaran, desil kosong, tidak ada di registri, atau status bukan ADA).",
        definition_en="Share of active KPM that are not target families (desil outside target, missing desil, not in the registry, or status not ADA).",
        numerator_id="KPM AKTIF yang bukan keluarga sasaran",
        numerator_en="Active KPM not in the target group",
        denominator_id="KPM AKTIF",
        denominator_en="Active KPM",
        numerator="penerima_bukan_sasaran",
        denominator="kpm_aktif",
        unit="persen",
        direction="lower_better",
        thresholds=_t(0.10, 0.25),
        source=f"{_DOMAIN}.1; anchors.md §1.2",
        group="sasaran",
    ),
    Indicator(
        id="inklusi_rp",
        label_id="Kebocoran (Rupiah)",
        label_en="Leakage (Rupiah)",
        definition_id="Bagian Rupiah tersalur (semua status KPM) yang diterima keluarga bukan sasaran.",
        definition_en="Share of Rupiah paid out (any KPM status) received by non-target families.",
        numerator_id="Rp tersalur ke bukan sasaran",
        numerator_en="Rp paid to non-target families",
        denominator_id="Rp tersalur seluruhnya",
        denominator_en="All Rp paid",
        numerator="rp_bukan_sasaran",
        denominator="rp_tersalur_semua",
        unit="persen",
        direction="lower_better",
        thresholds=_t(0.10, 0.25),
        source=f"{_DOMAIN}.1 (leakage by value)",
        group="sasaran",
        binomial=False,
        count_base="kpm_dibayar",
    ),
    Indicator(
        id="meninggal_pindah",
        label_id="Dibayar saat meninggal/pindah",
        label_en="Paid while deceased or moved",
        definition_id=(
            "Bagian KPM-periode yang dibayar padahal keluarga tercatat MENINGGAL sebelum tanggal kredit terakhir "
            "(status MENINGGAL tanpa tanggal ikut dihitung) atau berstatus PINDAH di registri."
        ),
        definition_en=(
            "Share of paid KPM-periods whose family died before the last credit date (MENINGGAL without a date "
            "counts) or has status PINDAH in the registry."
        ),
        numerator_id="KPM-periode dibayar dengan keluarga meninggal/pindah",
        numerator_en="Paid KPM-periods with deceased/moved family",
        denominator_id="KPM-periode yang menerima pembayaran",
        denominator_en="KPM-periods with a payment",
        numerator="kpm_dibayar_meninggal_pindah",
        denominator="kpm_dibayar",
        unit="persen",
        direction="lower_better",
        thresholds=_t(0.001, 0.005),
        source=f"{_DOMAIN}.1 (ineligible-by-status rate)",
        group="sasaran",
    ),
    Indicator(
        id="cgh",
        label_id="Indeks Coady-Grosh-Hoddinott",
        label_en="Coady-Grosh-Hoddinott index",
        definition_id="Bagian Rupiah tersalur yang diterima desil 1–4 dibagi 0,40. Di atas 1 = progresif. Rupiah ke keluarga tanpa desil dihitung di luar desil 1–4.",
        definition_en="Share of Rupiah paid that reaches desil 1–4, divided by 0.40. Above 1 = progressive. Rupiah to families without desil counts outside desil 1–4.",
        numerator_id="Rp tersalur ke desil 1–4",
        numerator_en="Rp paid to desil 1–4",
        denominator_id="Rp tersalur seluruhnya × 0,40",
        denominator_en="All Rp paid × 0.40",
        numerator="rp_desil_1_4",
        denominator="rp_tersalur_semua",
        unit="indeks",
        direction="higher_better",
        thresholds=_t(1.5, 1.0),
        source="Coady, Grosh & Hoddinott (2004); anchors.md §1.1",
        group="sasaran",
        scale=1 / 0.40,
        binomial=False,
        count_base="kpm_dibayar",
    ),
    # ---- penyaluran ----------------------------------------------------------------------
    Indicator(
        id="realisasi_kpm",
        label_id="Realisasi penyaluran (KPM)",
        label_en="Delivery rate (KPM)",
        definition_id="Bagian KPM AKTIF yang sudah tersalur penuh per tanggal laporan (jumlah Rp tersalur ≥ nominal hak).",
        definition_en="Share of active KPM paid in full as of the report date (Rp credited ≥ entitlement).",
        numerator_id="KPM AKTIF tersalur penuh",
        numerator_en="Active KPM paid in full",
        denominator_id="KPM AKTIF ditetapkan",
        denominator_en="Active KPM listed",
        numerator="kpm_tersalur",
        denominator="kpm_aktif",
        unit="persen",
        direction="higher_better",
        thresholds=_t(0.95, 0.85),
        source=f"{_DOMAIN}.2 (realisasi penyaluran)",
        group="penyaluran",
    ),
    Indicator(
        id="realisasi_rp",
        label_id="Realisasi anggaran (Rp)",
        label_en="Delivery rate (Rupiah)",
        definition_id="Rp tersalur ke KPM AKTIF dibagi Rp hak (nominal) KPM AKTIF. Jangan dicampur dengan realisasi KPM.",
        definition_en="Rp credited to active KPM divided by the entitled Rp of active KPM. Do not mix with the KPM rate.",
        numerator_id="Rp tersalur ke KPM AKTIF",
        numerator_en="Rp credited to active KPM",
        denominator_id="Rp alokasi (nominal) KPM AKTIF",
        denominator_en="Rp entitled to active KPM",
        numerator="rp_tersalur",
        denominator="rp_alokasi",
        unit="persen",
        direction="higher_better",
        thresholds=_t(0.95, 0.85),
        source=f"{_DOMAIN}.2 (realisasi anggaran)",
        group="penyaluran",
        binomial=False,
        count_base="kpm_aktif",
    ),
    Indicator(
        id="gagal",
        label_id="Gagal salur",
        label_en="Failed payment rate",
        definition_id="Bagian KPM AKTIF dengan sedikitnya satu upaya bayar berstatus GAGAL (rincian per kode gagal tersedia).",
        definition_en="Share of active KPM with at least one failed payment attempt (breakdown by failure code available).",
        numerator_id="KPM AKTIF dengan upaya GAGAL",
        numerator_en="Active KPM with a failed attempt",
        denominator_id="KPM AKTIF ditetapkan",
        denominator_en="Active KPM listed",
        numerator="kpm_gagal",
        denominator="kpm_aktif",
        unit="persen",
        direction="lower_better",
        thresholds=_t(0.03, 0.06),
        source=f"{_DOMAIN}.2 (gagal salur)",
        group="penyaluran",
    ),
    Indicator(
        id="retur_rp",
        label_id="Retur (Rp)",
        label_en="Returned funds (Rupiah)",
        definition_id="Rp dikembalikan ke kas negara dibagi Rp dirilis SP2D (jumlah nominal alokasi semua upaya bayar).",
        definition_en="Rp returned to the treasury divided by Rp released by SP2D (allocated amount of every attempt).",
        numerator_id="Rp retur",
        numerator_en="Rp returned",
        denominator_id="Rp dirilis SP2D",
        denominator_en="Rp released by SP2D",
        numerator="rp_retur",
        denominator="rp_dirilis",
        unit="persen",
        direction="lower_better",
        thresholds=_t(0.01, 0.03),
        source=f"{_DOMAIN}.2 (retur)",
        group="penyaluran",
        binomial=False,
        count_base="kpm_dibayar",
    ),
    Indicator(
        id="tidak_ditarik_90",
        label_id="Tidak ditarik dalam 90 hari",
        label_en="Not withdrawn within 90 days",
        definition_id=(
            "Bagian transaksi TERSALUR lewat bank (HIMBARA) yang tidak ditarik dalam 90 hari sejak kredit. Hanya "
            "transaksi yang dikredit ≥ 90 hari sebelum tanggal laporan (jendela lengkap) yang dihitung."
        ),
        definition_en=(
            "Share of bank (HIMBARA) credits not withdrawn within 90 days. Only credits at least 90 days before the "
            "report date (full window observed) count."
        ),
        numerator_id="Transaksi bank tanpa penarikan ≤ 90 hari",
        numerator_en="Bank credits without withdrawal within 90 days",
        denominator_id="Transaksi bank dikredit ≥ 90 hari sebelum tanggal laporan",
        denominator_en="Bank credits at least 90 days before the report date",
        numerator="trx_tidak_ditarik_90",
        denominator="trx_kredit_90",
        unit="persen",
        direction="lower_better",
        thresholds=_t(0.02, 0.05),
        source=f"{_DOMAIN}.2 (withdrawal rate; dormant accounts)",
        group="penyaluran",
    ),
    Indicator(
        id="kanal_pos",
        label_id="Porsi kanal Pos",
        label_en="Post-office channel share",
        definition_id="Bagian KPM-periode yang dibayar yang pembayaran terakhirnya lewat PT Pos (deskriptif, tanpa ambang).",
        definition_en="Share of paid KPM-periods whose last payment went through PT Pos (descriptive, no thresholds).",
        numerator_id="KPM-periode dibayar lewat Pos",
        numerator_en="KPM-periods paid via Pos",
        denominator_id="KPM-periode yang menerima pembayaran",
        denominator_en="KPM-periods with a payment",
        numerator="kpm_dibayar_pos",
        denominator="kpm_dibayar",
        unit="persen",
        direction="neutral",
        thresholds={},
        source=f"{_DOMAIN}.2 (channel mix)",
        group="penyaluran",
    ),
    # ---- waktu ---------------------------------------------------------------------------
    Indicator(
        id="tepat_waktu",
        label_id="Tepat waktu",
        label_en="On-time rate",
        definition_id="Bagian KPM AKTIF yang tersalur penuh paling lambat pada tanggal jatuh tempo (bawaan: akhir periode manfaat).",
        definition_en="Share of active KPM paid in full on or before the due date (default: end of the benefit period).",
        numerator_id="KPM AKTIF tersalur penuh ≤ jatuh tempo",
        numerator_en="Active KPM paid in full by the due date",
        denominator_id="KPM AKTIF ditetapkan",
        denominator_en="Active KPM listed",
        numerator="kpm_tepat_waktu",
        denominator="kpm_aktif",
        unit="persen",
        direction="higher_better",
        thresholds=_t(0.90, 0.70),
        source=f"{_DOMAIN}.2 (on-time rate); anchors.md §1.3",
        group="waktu",
    ),
    Indicator(
        id="terlambat_30",
        label_id="Terlambat > 30 hari",
        label_en="More than 30 days late",
        definition_id="Bagian KPM tersalur penuh yang kreditnya lebih dari 30 hari setelah jatuh tempo.",
        definition_en="Share of KPM paid in full whose credit came more than 30 days after the due date.",
        numerator_id="KPM tersalur dengan keterlambatan > 30 hari",
        numerator_en="Paid KPM more than 30 days late",
        denominator_id="KPM AKTIF tersalur penuh",
        denominator_en="Active KPM paid in full",
        numerator="kpm_terlambat_30",
        denominator="kpm_tersalur",
        unit="persen",
        direction="lower_better",
        thresholds=_t(0.05, 0.20),
        source=f"{_DOMAIN}.2 (days late)",
        group="waktu",
    ),
    Indicator(
        id="hari_terlambat_median",
        label_id="Median hari terlambat",
        label_en="Median days late",
        definition_id="Median max(0, tanggal kredit − jatuh tempo) di antara KPM tersalur penuh; dihitung dari baris di setiap tingkat (median tidak dijumlahkan).",
        definition_en="Median of max(0, credit date − due date) among KPM paid in full; computed from the rows at each level (medians are not summed).",
        numerator_id="Median hari terlambat",
        numerator_en="Median days late",
        denominator_id="KPM AKTIF tersalur penuh (n)",
        denominator_en="Active KPM paid in full (n)",
        numerator="hari_terlambat_median",
        denominator="kpm_tersalur",
        unit="hari",
        direction="lower_better",
        thresholds=_t(0, 14),
        source=f"{_DOMAIN}.2 (days late)",
        group="waktu",
        kind="quantile",
        binomial=False,
    ),
    Indicator(
        id="hari_terlambat_p90",
        label_id="Persentil 90 hari terlambat",
        label_en="90th percentile of days late",
        definition_id="Persentil ke-90 (interpolasi linear) max(0, tanggal kredit − jatuh tempo) di antara KPM tersalur penuh; dihitung dari baris di setiap tingkat.",
        definition_en="90th percentile (linear interpolation) of max(0, credit date − due date) among KPM paid in full; computed from the rows at each level.",
        numerator_id="Persentil 90 hari terlambat",
        numerator_en="P90 days late",
        denominator_id="KPM AKTIF tersalur penuh (n)",
        denominator_en="Active KPM paid in full (n)",
        numerator="hari_terlambat_p90",
        denominator="kpm_tersalur",
        unit="hari",
        direction="lower_better",
        thresholds=_t(14, 45),
        source=f"{_DOMAIN}.2 (days late)",
        group="waktu",
        kind="quantile",
        binomial=False,
    ),
    Indicator(
        id="sp2d_kredit_himbara",
        label_id="Median SP2D→kredit, bank",
        label_en="Median SP2D-to-credit days, banks",
        definition_id="Median hari dari SP2D ke tanggal kredit, untuk upaya bayar terakhir yang tersalur lewat HIMBARA.",
        definition_en="Median days from SP2D to credit for the last successful attempt paid via HIMBARA banks.",
        numerator_id="Median hari SP2D→kredit (HIMBARA)",
        numerator_en="Median SP2D-to-credit days (HIMBARA)",
        denominator_id="KPM-periode dibayar lewat HIMBARA (n)",
        denominator_en="KPM-periods paid via HIMBARA (n)",
        numerator="sp2d_kredit_himbara_median",
        denominator="kpm_dibayar_himbara",
        unit="hari",
        direction="lower_better",
        thresholds=_t(7, 14),
        source=f"{_DOMAIN}.2 (lead time SP2D→credit)",
        group="waktu",
        kind="quantile",
        binomial=False,
    ),
    Indicator(
        id="sp2d_kredit_pos",
        label_id="Median SP2D→bayar, Pos",
        label_en="Median SP2D-to-payout days, Pos",
        definition_id="Median hari dari SP2D ke tanggal bayar, untuk upaya bayar terakhir yang tersalur lewat PT Pos.",
        definition_en="Median days from SP2D to payout for the last successful attempt paid via PT Pos.",
        numerator_id="Median hari SP2D→bayar (Pos)",
        numerator_en="Median SP2D-to-payout days (Pos)",
        denominator_id="KPM-periode dibayar lewat Pos (n)",
        denominator_en="KPM-periods paid via Pos (n)",
        numerator="sp2d_kredit_pos_median",
        denominator="kpm_dibayar_pos",
        unit="hari",
        direction="lower_better",
        thresholds=_t(21, 35),
        source=f"{_DOMAIN}.2 (lead time SP2D→credit)",
        group="waktu",
        kind="quantile",
        binomial=False,
    ),
    # ---- kualitas ------------------------------------------------------------------------
    Indicator(
        id="dq_nik_valid",
        label_id="NIK pengurus valid (struktur)",
        label_en="Structurally valid NIK",
        definition_id="Bagian baris KPM (semua status) yang NIK pengurusnya valid secara struktur (16 digit, tanggal dan kode wilayah masuk akal).",
        definition_en="Share of KPM rows (any status) whose caregiver NIK is structurally valid.",
        numerator_id="Baris KPM dengan NIK valid",
        numerator_en="KPM rows with a valid NIK",
        denominator_id="Baris KPM",
        denominator_en="KPM rows",
        numerator="kpm_nik_valid",
        denominator="kpm_baris",
        unit="persen",
        direction="higher_better",
        thresholds=_t(0.99, 0.95),
        source=f"{_DOMAIN}.3",
        group="kualitas",
    ),
    Indicator(
        id="dq_duplikat",
        label_id="Baris KPM ganda",
        label_en="Duplicate KPM rows",
        definition_id="Bagian baris KPM yang NIK pengurus atau ID keluarganya muncul di lebih dari satu baris KPM pada program dan periode yang sama (di seluruh data).",
        definition_en="Share of KPM rows whose caregiver NIK or family id appears in more than one KPM row of the same programme and period (across the whole data).",
        numerator_id="Baris KPM ganda",
        numerator_en="Duplicate KPM rows",
        denominator_id="Baris KPM",
        denominator_en="KPM rows",
        numerator="kpm_duplikat",
        denominator="kpm_baris",
        unit="persen",
        direction="lower_better",
        thresholds=_t(0.001, 0.01),
        source=f"{_DOMAIN}.3 (duplicate-NIK rate)",
        group="kualitas",
    ),
    Indicator(
        id="dq_wilayah_desa",
        label_id="Wilayah terpetakan sampai desa",
        label_en="Region resolved to desa",
        definition_id=(
            "Bagian baris KPM yang kode desanya terpetakan ke kode Kemendagri. Baris yang bahkan tidak terpetakan "
            "ke kabupaten ada di laporan kualitas (quality_report.json), bukan di tabel ini."
        ),
        definition_en=(
            "Share of KPM rows whose desa code resolved to a Kemendagri code. Rows that did not resolve to a "
            "kabupaten are in the quality report, not in this table."
        ),
        numerator_id="Baris KPM dengan kode desa",
        numerator_en="KPM rows with a desa code",
        denominator_id="Baris KPM",
        denominator_en="KPM rows",
        numerator="kpm_desa_ok",
        denominator="kpm_baris",
        unit="persen",
        direction="higher_better",
        thresholds=_t(0.99, 0.95),
        source=f"{_DOMAIN}.3 (region-code resolution rate)",
        group="kualitas",
    ),
    Indicator(
        id="dq_desil_kosong",
        label_id="KPM tanpa desil",
        label_en="Active KPM without desil",
        definition_id="Bagian KPM AKTIF yang keluarganya tidak ditemukan di registri atau tidak punya desil.",
        definition_en="Share of active KPM whose family is not in the registry or has no desil.",
        numerator_id="KPM AKTIF tanpa desil",
        numerator_en="Active KPM without desil",
        denominator_id="KPM AKTIF",
        denominator_en="Active KPM",
        numerator="kpm_desil_kosong",
        denominator="kpm_aktif",
        unit="persen",
        direction="lower_better",
        thresholds=_t(0.01, 0.05),
        source=f"{_DOMAIN}.3 (missing-desil rate)",
        group="kualitas",
    ),
)


def load_thresholds(path: Path) -> dict[str, dict[str, Thresholds]]:
    """Read threshold overrides from a TOML file.

    The file has one table per indicator id, optionally with one sub-table per
    programme::

        [realisasi_kpm]
        hijau = 0.95
        merah = 0.85

        [cakupan_sasaran.PKH]
        hijau = 0.40
        merah = 0.20

    Parameters
    ----------
    path : Path
        TOML file; a missing file means no overrides.

    Returns
    -------
    dict
        indicator id → {``"*"`` or programme → Thresholds}.
    """
    if not path.is_file():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out: dict[str, dict[str, Thresholds]] = {}
    for ind_id, table in data.items():
        entry: dict[str, Thresholds] = {}
        if "hijau" in table or "merah" in table:
            entry["*"] = Thresholds(float(table["hijau"]), float(table["merah"]))
        for program, sub in table.items():
            if isinstance(sub, dict):
                entry[program] = Thresholds(float(sub["hijau"]), float(sub["merah"]))
        out[ind_id] = entry
    return out


def build_registry(overrides: Mapping[str, Mapping[str, Thresholds]] | None = None) -> dict[str, Indicator]:
    """Return the registry with threshold overrides applied.

    Parameters
    ----------
    overrides : mapping, optional
        indicator id → {``"*"`` or programme → Thresholds}, e.g. from
        :func:`load_thresholds`. Unknown ids raise ``KeyError``.

    Returns
    -------
    dict
        id → Indicator, in registry order.
    """
    registry = {ind.id: ind for ind in _DEFAULTS}
    for ind_id, entry in (overrides or {}).items():
        if ind_id not in registry:
            raise KeyError(f"thresholds.toml: indikator tidak dikenal {ind_id!r} (unknown indicator)")
        merged = {**registry[ind_id].thresholds, **entry}
        registry[ind_id] = replace(registry[ind_id], thresholds=merged)
    return registry


def _thresholds_path() -> Path:
    value = os.environ.get("PRESISI_THRESHOLDS")
    return Path(value) if value else THRESHOLDS_FILE


#: The registry used by the app (defaults + ``thresholds.toml``; ``PRESISI_THRESHOLDS`` overrides the path).
INDICATORS: dict[str, Indicator] = build_registry(load_thresholds(_thresholds_path()))


def get(indicator_id: str) -> Indicator:
    """Return one indicator by id (``KeyError`` with the known ids when absent)."""
    try:
        return INDICATORS[indicator_id]
    except KeyError:
        raise KeyError(f"indikator tidak dikenal {indicator_id!r}; ada: {', '.join(INDICATORS)}") from None


def by_group() -> dict[str, list[Indicator]]:
    """Return every indicator (:data:`ALL_INDICATORS`) grouped in the order of :data:`GROUP_LABELS`."""
    out: dict[str, list[Indicator]] = {g: [] for g in GROUP_LABELS}
    for ind in ALL_INDICATORS.values():
        out[ind.group].append(ind)
    return out


# ---- pemberdayaan_respons: computed by dashboard.indicators.extras (not by the cube) -----------
_EXTRA_SRC = "Issue 'beyond coverage and timeliness'; computed in dashboard/indicators/extras.py"


def _x(
    id_: str,
    label: tuple[str, str],
    definition: tuple[str, str],
    num: tuple[str, str, str],
    den: tuple[str, str, str],
    unit: Unit,
    direction: Direction,
    thresholds: dict,
    *,
    kind: Kind = "rate",
    binomial: bool = True,
) -> Indicator:
    return Indicator(
        id=id_,
        label_id=label[0],
        label_en=label[1],
        definition_id=definition[0],
        definition_en=definition[1],
        numerator_id=num[0],
        numerator_en=num[1],
        numerator=num[2],
        denominator_id=den[0],
        denominator_en=den[1],
        denominator=den[2],
        unit=unit,
        direction=direction,
        thresholds=thresholds,
        source=_EXTRA_SRC,
        group="pemberdayaan_respons",
        levels=("provinsi", "kabupaten"),
        programs=PROGRAMS,
        kind=kind,
        binomial=binomial,
    )


#: Indicators of the "Pemberdayaan & Respons" page (same fields as the registry; not in the cube engine).
EXTRA_INDICATORS: dict[str, Indicator] = {
    ind.id: ind
    for ind in (
        _x(
            "pemberdayaan_keluarga",
            ("Keluarga dalam program pemberdayaan", "Families in empowerment programmes"),
            (
                "Keluarga yang mulai ikut PENA atau KUBE pada tahun itu ÷ semua keluarga penerima bansos (KPM AKTIF PKH/Sembako atau peserta pemberdayaan) pada tahun itu.",
                "Families starting PENA or KUBE in the year ÷ all families receiving social assistance (active PKH/Sembako KPM or empowerment participants) in the year.",
            ),
            ("Keluarga peserta PENA/KUBE", "Families in PENA/KUBE", "keluarga_pemberdayaan"),
            ("Keluarga penerima bansos", "Families receiving assistance", "keluarga_bansos"),
            "persen",
            "higher_better",
            _t(0.05, 0.01),
        ),
        _x(
            "pemberdayaan_rupiah",
            ("Porsi Rupiah pemberdayaan", "Empowerment share of Rupiah"),
            (
                "Nilai bantuan/aset PENA dan KUBE ÷ (nilai itu + bansos PKH/Sembako tersalur) pada tahun itu; mengukur bantuan produktif dibanding konsumtif.",
                "PENA and KUBE grant/asset value ÷ (that value + PKH/Sembako paid out) in the year; productive versus consumptive aid.",
            ),
            ("Rupiah PENA/KUBE", "PENA/KUBE Rupiah", "rp_pemberdayaan"),
            ("Rupiah pemberdayaan + bansos tersalur", "Empowerment + assistance paid, Rupiah", "rp_total"),
            "persen",
            "higher_better",
            _t(0.05, 0.01),
            binomial=False,
        ),
        _x(
            "graduasi_pkh",
            ("Tingkat graduasi PKH", "PKH graduation rate"),
            (
                "KPM PKH berstatus GRADUASI pada tahun itu ÷ KPM PKH yang ditetapkan (semua status) pada tahun itu.",
                "PKH KPM with status GRADUASI in the year ÷ PKH KPM in the SK (any status) in the year.",
            ),
            ("KPM PKH graduasi", "PKH KPM graduated", "kpm_graduasi"),
            ("KPM PKH ditetapkan", "PKH KPM in the SK", "kpm_ditetapkan"),
            "persen",
            "higher_better",
            _t(0.02, 0.005),
        ),
        _x(
            "graduasi_kembali",
            ("Graduasi kembali menerima ≤12 bulan", "Graduates back on assistance within 12 months"),
            (
                "Keluarga yang graduasi PKH lalu kembali menjadi KPM AKTIF (PKH atau Sembako) dalam 4 triwulan berikutnya ÷ keluarga graduasi yang masa amatan 12 bulannya sudah lengkap.",
                "Families graduating from PKH that are active KPM again (PKH or Sembako) within the next 4 quarters ÷ graduated families whose 12-month window is complete.",
            ),
            (
                "Keluarga graduasi yang kembali menerima",
                "Graduated families back on assistance",
                "graduasi_kembali",
            ),
            ("Keluarga graduasi (amatan lengkap)", "Graduated families (complete window)", "graduasi_amatan"),
            "persen",
            "lower_better",
            _t(0.10, 0.30),
        ),
        _x(
            "respons_hari_pertama",
            ("Hari kejadian → pembayaran pertama", "Days from event to first payment"),
            (
                "Median, atas kejadian bencana di wilayah, jumlah hari dari tanggal kejadian sampai bantuan darurat pertama dibayar. Kejadian tanpa pembayaran tidak masuk median (lihat cakupan kecamatan).",
                "Median over disaster events of the days from the event to the first emergency payment. Events without a payment are left out (see kecamatan coverage).",
            ),
            ("Median hari (per kejadian)", "Median days (per event)", "hari_pertama"),
            ("Kejadian dengan pembayaran", "Events with a payment", "kejadian_dibayar"),
            "hari",
            "lower_better",
            _t(14, 30),
            kind="quantile",
            binomial=False,
        ),
        _x(
            "respons_hari_80",
            ("Hari kejadian → 80% penerima dibayar", "Days from event to 80% paid"),
            (
                "Median, atas kejadian, hari dari kejadian sampai 80% penerima yang terdaftar untuk kejadian itu sudah dibayar. Kejadian yang belum mencapai 80% tidak masuk median.",
                "Median over events of the days from the event until 80% of its listed recipients were paid. Events not yet at 80% are left out.",
            ),
            ("Median hari (per kejadian)", "Median days (per event)", "hari_80"),
            ("Kejadian yang mencapai 80%", "Events reaching 80%", "kejadian_80"),
            "hari",
            "lower_better",
            _t(30, 60),
            kind="quantile",
            binomial=False,
        ),
        _x(
            "respons_cakupan_kecamatan",
            ("Cakupan kecamatan terdampak", "Coverage of affected kecamatan"),
            (
                "Pasangan kejadian × kecamatan terdampak yang menerima ≥1 pembayaran bantuan darurat ÷ semua pasangan kejadian × kecamatan terdampak.",
                "Event × affected kecamatan pairs with at least one emergency payment ÷ all event × affected kecamatan pairs.",
            ),
            ("Kecamatan terdampak yang dibayar", "Affected kecamatan with a payment", "kec_dibayar"),
            ("Kecamatan terdampak", "Affected kecamatan", "kec_terdampak"),
            "persen",
            "higher_better",
            _t(0.90, 0.70),
        ),
        _x(
            "kpm_per_pendamping",
            ("KPM per pendamping", "KPM per facilitator"),
            (
                "KPM PKH AKTIF pada triwulan terakhir ÷ pendamping PKH yang bertugas di kecamatan wilayah itu. Lampung 2024: 424.050 KPM untuk 1.541 pendamping ≈ 275.",
                "Active PKH KPM in the latest quarter ÷ PKH facilitators assigned to kecamatan of the area. Lampung 2024: 424,050 KPM for 1,541 facilitators ≈ 275.",
            ),
            ("KPM PKH AKTIF", "Active PKH KPM", "kpm_aktif_pkh"),
            ("Pendamping PKH", "PKH facilitators", "pendamping"),
            "rasio",
            "lower_better",
            _t(250, 350),
            binomial=False,
        ),
        _x(
            "luas_per_pendamping",
            ("Luas wilayah per pendamping", "Area per facilitator"),
            (
                "Luas kabupaten/kota (km², referensi) ÷ pendamping PKH yang bertugas di sana; ukuran beban jarak pendampingan.",
                "Kabupaten area (km², reference) ÷ PKH facilitators assigned there; a distance burden of accompaniment.",
            ),
            ("Luas wilayah, km²", "Area, km²", "luas_km2"),
            ("Pendamping PKH", "PKH facilitators", "pendamping"),
            "rasio",
            "neutral",
            {},
            binomial=False,
        ),
    )
}

#: Every indicator the product shows: the cube engine's and the "Pemberdayaan & Respons" page's.
#: Documentation (methodology page, README table) reads this; the engine computes only
#: :data:`INDICATORS`, :mod:`dashboard.indicators.extras` the rest.
ALL_INDICATORS: dict[str, Indicator] = {**INDICATORS, **EXTRA_INDICATORS}
