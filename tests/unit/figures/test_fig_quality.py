"""Tables and figures of the Kualitas Data page (counts only)."""

from dashboard.figures import quality as fq

REPORT = {
    "codes": {
        "karantina": {"WILAYAH_KOSONG": "Kode/nama wilayah kosong"},
        "dibuang": {"HAPUS_BARIS_TOTAL": "Baris total"},
        "kesalahan": {"F02_nik_tidak_valid": "NIK tidak valid"},
    },
    "tables": {
        "kpm": {
            "input_rows": 110,
            "kept": 100,
            "quarantined": 4,
            "merged_duplicates": 5,
            "removed": {"HAPUS_BARIS_TOTAL": 1},
            "quarantine_reasons": {"WILAYAH_KOSONG": 4},
            "faults": {"F02_nik_tidak_valid": 7},
        },
        "families": {"input_rows": 50, "kept": 48, "quarantined": 0, "merged_duplicates": 1, "removed": {}},
    },
    "quality_rates": {
        "kpm": {
            "18.01": {
                "nik_valid_rate": 0.999,
                "duplicate_rate": 0.02,
                "desa_resolution_rate": 0.97,
                "kept": 100,
            }
        },
        "families": {"18.01": {"nik_valid_rate": 0.9, "missing_desil_rate": 0.03}},
    },
    "files": [{"file": "a.csv", "table": "kpm", "input_rows": 110, "sha256": "ab" * 32}],
}


def test_conservation_flags_unbalanced_table():
    cons = fq.conservation(REPORT).set_index("table")
    assert bool(cons.loc["kpm", "seimbang"]) and cons.loc["kpm", "removed"] == 1
    assert cons.loc["families", "selisih"] == 1 and not bool(cons.loc["families", "seimbang"])


def test_reason_counts_use_labels_and_counts_only():
    counts = fq.reason_counts(REPORT)
    assert set(counts["label"]) == {"Kode/nama wilayah kosong", "Baris total"}
    assert counts.iloc[0]["baris"] == 4
    fig = fq.counts_figure(counts, title="T", labels={"x": "baris"}, table_names={"kpm": "KPM"})
    assert fig.data[0].name == "KPM"


def test_kabupaten_rates_statuses():
    rates = fq.kabupaten_rates(REPORT, {"18.01": "Lampung Selatan"}).iloc[0]
    assert rates["nama"] == "Lampung Selatan"
    assert rates["nik_valid_kpm_status"] == "hijau"
    assert rates["duplicate_kpm_status"] == "merah"
    assert rates["desa_resolution_kpm_status"] == "kuning"
    assert rates["nik_valid_families_status"] == "merah"


def test_rates_display_text_and_colours():
    frame = fq.kabupaten_rates(REPORT, {})
    headers = {"nama": "Nama", "kept_kpm": "Disimpan"} | {k: k for k in fq.RATE_CHECKS}
    styler = fq.rates_display(frame, headers)
    assert styler.data.loc[0, "nik_valid_kpm"] == "99,90%"
    assert "background-color" in styler.to_html()


def test_files_table_shortens_hash():
    assert fq.files_table(REPORT).iloc[0]["sha256"] == "ab" * 6
