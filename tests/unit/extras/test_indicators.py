"""Hand-computed fixtures for the extra indicators."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.indicators import extras


def _kpm(rows):
    return pd.DataFrame(
        rows, columns=["kpm_id", "family_id", "program", "tahun", "periode", "status_kpm", "kode_kab"]
    )


def test_graduation_and_reentry() -> None:
    """PKH 2024: k1 GRADUASI in T1, k2 AKTIF → 1 of 2 KPM graduated (0.5).

    f1 graduated 2024-T1 (q) and is AKTIF in Sembako 2024-T3 (≤ q+4) → back;
    data reach 2025-T1 = q+4, window complete → 1/1.
    """
    kpm = _kpm(
        [
            ("k1", "f1", "PKH", 2024, "2024-T1", "GRADUASI", "18.01"),
            ("k2", "f2", "PKH", 2024, "2024-T1", "AKTIF", "18.01"),
            ("s1", "f1", "SEMBAKO", 2024, "2024-T3", "AKTIF", "18.01"),
            ("k2", "f2", "PKH", 2025, "2025-T1", "AKTIF", "18.01"),
        ]
    )
    g = extras.graduation_counts(kpm, 2024)
    assert g.loc["18.01", "kpm_graduasi"] == 1 and g.loc["18.01", "kpm_ditetapkan"] == 2
    r = extras.reentry_counts(kpm, 2024)
    assert r.loc["18.01", "graduasi_kembali"] == 1 and r.loc["18.01", "graduasi_amatan"] == 1


def test_empowerment_counts() -> None:
    """f1 in PENA (Rp 4 M); AKTIF families f1, f2; bansos paid Rp 6 M.

    families 1/2 = 0.5; Rupiah 4 M ÷ (4 M + 6 M) = 0.4.
    """
    emp = pd.DataFrame({"family_id": ["f1"], "tahun": [2025], "nilai": [4_000_000], "kode_kab": ["18.02"]})
    kpm = _kpm(
        [
            ("a", "f1", "PKH", 2025, "2025-T1", "AKTIF", "18.02"),
            ("b", "f2", "SEMBAKO", 2025, "2025-T1", "AKTIF", "18.02"),
        ]
    )
    out = extras.empowerment_counts(emp, kpm, pd.Series({"18.02": 6_000_000.0}), 2025)
    assert out.loc["18.02", "keluarga_pemberdayaan"] / out.loc["18.02", "keluarga_bansos"] == 0.5
    assert out.loc["18.02", "rp_pemberdayaan"] / out.loc["18.02", "rp_total"] == pytest.approx(0.4)


def test_response_and_coverage() -> None:
    """Event E on 1 Jan in kecamatan A and B; 5 recipients in A paid on days 3, 5, 7, 9 and one unpaid.

    first payment = 3 days; 80 % of 5 = 4 recipients → 4th paid date = day 9;
    kecamatan coverage: A paid, B not → 1/2.
    """
    t0 = pd.Timestamp("2025-01-01")
    events = pd.DataFrame(
        {
            "kejadian_id": ["E", "E"],
            "jenis": "BANJIR",
            "tgl_kejadian": t0,
            "tahun": 2025,
            "kode_kab": "18.03",
            "kode_kec": ["18.03.01", "18.03.02"],
        }
    )
    paid = [t0 + pd.Timedelta(days=d) for d in (3, 5, 7, 9)] + [pd.NaT]
    payments = pd.DataFrame(
        {"kejadian_id": "E", "penerima_id": list("abcde"), "tgl_bayar": paid, "kode_kec": "18.03.01"}
    )
    per = extras.response_per_event(events, payments)
    assert per.loc[0, "hari_pertama"] == 3 and per.loc[0, "hari_80"] == 9
    cov = extras.kecamatan_coverage(events, payments, 2025)
    assert cov.loc["18.03", "kec_dibayar"] == 1 and cov.loc["18.03", "kec_terdampak"] == 2


def test_facilitators_and_correlation() -> None:
    """600 AKTIF PKH KPM in the latest quarter and 2 facilitators → 300 per facilitator.

    Perfect linear x, y → r = 1; n = 5 → Fisher interval degenerate near 1.
    """
    kpm = _kpm([(f"k{i}", f"f{i}", "PKH", 2026, "2026-T3", "AKTIF", "18.04") for i in range(600)])
    fac = pd.DataFrame({"pendamping_id": ["p1", "p2"], "kode_kab": "18.04"})
    out = extras.facilitator_counts(kpm, fac, pd.Series({"18.04": 100.0}))
    assert out.loc["18.04", "kpm_aktif_pkh"] / out.loc["18.04", "pendamping"] == 300
    c = extras.correlation(pd.Series([1, 2, 3, 4, 5.0]), pd.Series([2, 4, 6, 8, 10.0]))
    assert c["r"] == pytest.approx(1) and c["n"] == 5
    c2 = extras.correlation(pd.Series([1, 2, 3, 4, 5, 6.0]), pd.Series([2, 1, 4, 3, 6, 5.0]))
    z = np.arctanh(c2["r"])
    assert c2["low"] == pytest.approx(np.tanh(z - 1.959964 / np.sqrt(3)), rel=1e-4)
