from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from dashboard import datasets, rawformat
from dashboard.errors import UserError
from dashboard.pipeline import run
from dashboard.pipeline.report import TABLE_OF_EXPORT

from .conftest import MIXED
from .helpers import NAME_COLUMNS, SIXTEEN_DIGITS, output_texts, parquet_bytes


@pytest.fixture
def cleaned(tmp_path: Path, desa_master: pd.DataFrame) -> tuple[Path, dict]:
    out = tmp_path / "processed"
    report = run.clean(MIXED, out, desa_master)
    return out, report


def _quarantine(out: Path, table: str) -> pd.DataFrame:
    return datasets.load_quarantine(table, out)


def test_clean_mixed_input_conservation_per_file_table_and_kabupaten(cleaned: tuple[Path, dict]) -> None:
    out, report = cleaned
    assert report["balanced"]
    for record in report["conservation"]:
        removed = sum(record["removed"].values())
        assert (
            record["input_rows"]
            == record["kept"] + record["quarantined"] + record["merged_duplicates"] + removed
        )
    for name, section in report["tables"].items():
        assert section["kept"] == len(datasets.load(name, out)) == section["kept_in_table"]
        assert section["quarantined"] == len(_quarantine(out, name))
        for kab, counts in section["per_kabupaten"].items():
            assert counts["input_rows"] == counts["disimpan"] + counts["karantina"] + counts["duplikat"], kab
    files = {r["file"]: r for r in report["conservation"]}
    assert files["registry_2025.csv"] | {"removed": None} == {
        "file": "registry_2025.csv",
        "table": "families",
        "input_rows": 13,
        "kept": 4,
        "quarantined": 4,
        "merged_duplicates": 2,
        "removed": None,
        "balanced": True,
    }
    assert files["registry_2025.csv"]["removed"] == {
        "HAPUS_BARIS_KOSONG": 1,
        "HAPUS_BARIS_TOTAL": 1,
        "HAPUS_HEADER_BERULANG": 1,
    }
    assert files["penetapan_kpm_2025.csv"]["removed"] == {
        "HAPUS_BARIS_NOMOR_KOLOM": 1,
        "HAPUS_BARIS_TOTAL": 1,
    }
    assert (files["transaksi_salur_2025.csv"]["kept"], files["transaksi_salur_2025.csv"]["quarantined"]) == (
        4,
        2,
    )


def test_clean_report_files_hashes_source_and_as_of(cleaned: tuple[Path, dict]) -> None:
    _, report = cleaned
    assert report["source"] == "nyata"
    assert report["as_of"] == "2025-06-30"
    by_name = {f["file"]: f for f in report["files"]}
    assert by_name["penetapan_kpm_2025.csv"]["encoding"] == "cp1252"
    assert by_name["penetapan_kpm_2025.csv"]["delimiter"] == ";"
    assert by_name["penetapan_kpm_2025.csv"]["unknown_columns"] == ["NO"]
    assert by_name["registry_2025.csv"]["delimiter"] == ","
    assert all(len(f["sha256"]) == 64 for f in report["files"])
    assert set(report["quality_rates"]["families"]["18.01"]) == {
        "kept",
        "desa_resolution_rate",
        "duplicate_rate",
        "nik_valid_rate",
        "missing_desil_rate",
    }


def test_clean_f01_nik_as_number_scientific_not_trusted(cleaned: tuple[Path, dict]) -> None:
    out, report = cleaned
    faults = report["tables"]["families"]["faults"]
    assert faults["F01_nik_notasi_ilmiah"] == 1  # DT002's No. KK
    assert faults["F01_nik_bertanda_pemisah"] == 2  # apostrophe in DT001 and its exact duplicate
    quarantined = _quarantine(out, "families")
    dt002 = json.loads(quarantined.loc[quarantined["baris_sumber"] == 4, "nilai_mentah"].iloc[0])
    assert dt002["NO_KK"] == "<tidak terbaca>"


def test_clean_f02_placeholder_nik_flagged_invalid(cleaned: tuple[Path, dict]) -> None:
    out, report = cleaned
    families = datasets.load("families", out)
    assert report["tables"]["families"]["faults"]["F02_nik_tidak_valid"] == 1
    assert families.loc[families["kode_kab"] == "18.04", "nik_krt_valid"].tolist() == [False]
    assert families.loc[families["kode_kab"] != "18.04", "nik_krt_valid"].all()


def test_clean_f03_nik_equal_kk_counted(cleaned: tuple[Path, dict]) -> None:
    _, report = cleaned
    assert report["tables"]["families"]["faults"]["F03_nik_sama_dengan_kk"] == 2


def test_clean_f04_duplicates_latest_kept_and_counted(cleaned: tuple[Path, dict]) -> None:
    out, report = cleaned
    families = datasets.load("families", out)
    lamsel = families[families["kode_kab"] == "18.01"]
    assert len(lamsel) == 1 and lamsel["tgl_update"].iloc[0] == pd.Timestamp("2025-03-01")
    assert lamsel["desil"].tolist() == [1]  # the older row had desil 2
    assert report["tables"]["families"]["faults"]["F04_duplikat_identik"] == 1
    assert report["tables"]["families"]["faults"]["F04_duplikat_kunci"] == 1
    kpm = datasets.load("kpm", out)
    pkh = kpm[(kpm["program"] == "PKH") & (kpm["kode_kab"] == "18.01")]
    assert pkh["bank"].tolist() == ["BRI"]  # the more complete duplicate won
    assert report["tables"]["disbursements"]["faults"]["F04_duplikat_identik"] == 1


def test_clean_f05_f06_regions_resolved_or_quarantined(cleaned: tuple[Path, dict]) -> None:
    out, report = cleaned
    families = datasets.load("families", out)
    assert sorted(families["kode_kab"]) == ["18.01", "18.04", "18.07", "18.72"]
    lambar = families[families["kode_kab"] == "18.04"]  # BPS 1801 + "Lampung Barat"
    assert lambar["kode_desa"].isna().all()
    faults = report["tables"]["families"]["faults"]
    assert faults["F05_kode_kabupaten_bps"] == 1
    assert faults["F05_kode_desa_tidak_dikenal"] == 1  # 9999999999 + "Lamtim"
    reasons = report["tables"]["families"]["quarantine_reasons"]
    assert reasons["WILAYAH_AMBIGU"] == 2  # undotted 1803 alone, and "Tuba"
    kpm_reasons = report["tables"]["kpm"]["quarantine_reasons"]
    assert kpm_reasons["WILAYAH_TIDAK_DIKENAL"] == 1


def test_clean_f08_dates_parsed_and_placeholder_blanked(cleaned: tuple[Path, dict]) -> None:
    out, report = cleaned
    trx = datasets.load("disbursements", out)
    pos = trx[trx["kanal"] == "POS"].iloc[0]
    assert pos["tgl_sp2d"] == pd.Timestamp("2025-02-12")  # Excel serial 45700
    assert pd.isna(pos["tgl_kredit"])  # 01-01-1900
    assert report["tables"]["disbursements"]["faults"]["F08_tanggal_placeholder"] == 1
    assert trx["tgl_laporan"].max() == pd.Timestamp("2025-06-30")  # "30 Jun 2025"


def test_clean_f09_amounts_thousands_and_text(cleaned: tuple[Path, dict]) -> None:
    out, report = cleaned
    kpm = datasets.load("kpm", out)
    assert sorted(kpm["nominal"]) == [600_000, 750_000, 1_234_567]
    assert report["tables"]["kpm"]["faults"]["F09_nominal_ribuan"] == 1
    assert report["tables"]["kpm"]["quarantine_reasons"]["KARANTINA_NOMINAL_TIDAK_TERBACA"] == 1


def test_clean_f10_status_blank_means_proses(cleaned: tuple[Path, dict]) -> None:
    out, _ = cleaned
    trx = datasets.load("disbursements", out)
    assert sorted(trx["status_salur"]) == ["GAGAL", "PROSES", "TERSALUR", "TERSALUR"]
    assert trx.loc[trx["status_salur"] == "PROSES", "nominal_salur"].tolist() == [0]
    assert trx.loc[trx["status_salur"] == "GAGAL", "kode_gagal"].tolist() == ["GAGAL_BUREKOL"]


def test_clean_f11_period_labels_to_periode(cleaned: tuple[Path, dict]) -> None:
    out, report = cleaned
    kpm = datasets.load("kpm", out)
    assert set(kpm["periode"]) == {"2025-T1"}
    assert report["tables"]["kpm"]["quarantine_reasons"]["KARANTINA_PERIODE_TIDAK_TERBACA"] == 1
    assert report["tables"]["kpm"]["quarantine_reasons"]["KARANTINA_PROGRAM_TIDAK_DIKENAL"] == 1


def test_clean_transactions_inherit_region_from_kpm(cleaned: tuple[Path, dict]) -> None:
    out, report = cleaned
    trx = datasets.load("disbursements", out)
    assert trx["kode_kab"].value_counts().to_dict() == {"18.01": 3, "18.07": 1}
    assert report["tables"]["disbursements"]["quarantine_reasons"]["KARANTINA_KPM_TIDAK_DITEMUKAN"] == 1


def test_clean_same_input_twice_identical_bytes(tmp_path: Path, desa_master: pd.DataFrame) -> None:
    first = run.clean(MIXED, tmp_path / "a", desa_master)
    second = run.clean(MIXED, tmp_path / "b", desa_master)
    assert parquet_bytes(tmp_path / "a") == parquet_bytes(tmp_path / "b")
    first.pop("run"), second.pop("run")
    assert first == second


def test_clean_outputs_no_sixteen_digit_runs_or_name_columns(cleaned: tuple[Path, dict]) -> None:
    out, _ = cleaned
    texts = output_texts(out)
    assert len(texts) == 7
    for name, text in texts.items():
        assert not SIXTEEN_DIGITS.search(text), name
        assert "CONTOH" not in text, name  # every invented name ends in CONTOH
    for path in out.rglob("*.parquet"):
        assert not NAME_COLUMNS & {c.lower() for c in pq.read_schema(path).names}, path


def test_clean_synthetic_marker_file_source_sintetis(tmp_path: Path, desa_master: pd.DataFrame) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(MIXED, raw)
    (raw / "_SINTETIS.json").write_text("{}")
    (raw / "_truth").mkdir()
    (raw / "_truth" / "ignored.csv").write_text("x")
    run.clean(raw, tmp_path / "out", desa_master)
    assert datasets.is_synthetic(tmp_path / "out")
    assert datasets.available(tmp_path / "out")
    assert str(datasets.as_of_date(tmp_path / "out")) == "2025-06-30"


def test_clean_failure_previous_output_untouched(tmp_path: Path, desa_master: pd.DataFrame) -> None:
    out = tmp_path / "out"
    run.clean(MIXED, out, desa_master)
    (out / ".gitkeep").write_text("")
    before = parquet_bytes(out)
    raw = tmp_path / "raw"
    shutil.copytree(MIXED, raw)
    (raw / "transaksi_salur_rusak.csv").write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(UserError, match=r"transaksi_salur_rusak\.csv"):
        run.clean(raw, out, desa_master)
    assert parquet_bytes(out) == before
    run.clean(MIXED, out, desa_master)
    assert (out / ".gitkeep").exists()
    assert not list(tmp_path.glob(".out.*"))


def test_readme_lists_every_canonical_column() -> None:
    readme = (Path(__file__).resolve().parents[3] / "data" / "README.md").read_text()
    for export, columns in rawformat.COLUMNS.items():
        assert f"`{export}" in readme
        for column in columns:
            assert f"`{column.name}`" in readme, column.name
    for table in TABLE_OF_EXPORT.values():
        assert f"`{table}" in readme
