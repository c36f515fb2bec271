from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dashboard import cli
from dashboard.errors import UserError
from dashboard.pipeline import readers

from .conftest import MIXED

HEADER = "ID_TRANSAKSI,ID_KPM,PROGRAM,TAHUN,TAHAP,TGL_SP2D,NOMINAL_ALOKASI,NOMINAL_SALUR,STATUS_SALUR,TGL_LAPORAN\n"
ROW = "TRX9,KPM01,PKH,2025,1,15/02/2025,750000,750000,TERSALUR,31-03-2025\n"


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_read_export_semicolon_latin1_detected(tmp_path: Path) -> None:
    text = (
        HEADER.replace(",", ";") + "TRX9;KPM01;PKH;2025;1;15/02/2025;750000;750000;SUDAH SALUR;31-03-2025\n"
    )
    raw = readers.read_export(
        _write(tmp_path, "transaksi_salur_x.csv", text.replace("KPM01", "KPMé").encode("cp1252"))
    )
    assert (raw.delimiter, raw.encoding) == (";", "cp1252")
    assert raw.frame["ID_KPM"].tolist() == ["KPMé"]
    assert raw.frame["_row"].tolist() == [2]


def test_read_export_export_type_from_headers_when_name_unknown(tmp_path: Path) -> None:
    raw = readers.read_export(_write(tmp_path, "export_bank.csv", (HEADER + ROW).encode()))
    assert raw.export == "transaksi_salur"


def test_read_export_missing_required_column_user_error_names_file_and_column(tmp_path: Path) -> None:
    text = HEADER.replace("TGL_LAPORAN", "CATATAN") + ROW
    with pytest.raises(UserError, match=r"transaksi_salur_a\.csv.*TGL_LAPORAN"):
        readers.read_export(_write(tmp_path, "transaksi_salur_a.csv", text.encode()))


def test_read_export_truncated_last_line_counted_broken(tmp_path: Path) -> None:
    raw = readers.read_export(
        _write(tmp_path, "transaksi_salur_t.csv", (HEADER + ROW + "TRX10,KPM0").encode())
    )
    assert raw.data_rows == 2
    assert raw.removed == {"HAPUS_BARIS_RUSAK": 1}
    assert raw.warnings and "terpotong" in raw.warnings[0]


def test_read_export_header_only_zero_rows_warning(tmp_path: Path) -> None:
    raw = readers.read_export(_write(tmp_path, "transaksi_salur_h.csv", HEADER.encode()))
    assert raw.data_rows == 0 and len(raw.frame) == 0
    assert "header only" in raw.warnings[0]


def test_read_export_xlsx_numbers_and_dates_as_text(tmp_path: Path) -> None:
    import datetime as dt

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["LAPORAN PENYALURAN (FIKTIF)"])
    sheet.append(HEADER.strip().split(","))
    sheet.append(
        ["TRX9", "KPM01", "PKH", 2025, 1, dt.datetime(2025, 2, 15), 750000, 750000.0, "TERSALUR", 45747]
    )
    sheet.append(["TOTAL", None, None, None, None, None, 750000, 750000, None, None])
    path = tmp_path / "data_tanpa_ekstensi"
    book.save(path)
    raw = readers.read_export(path)
    assert (raw.kind, raw.export) == ("xlsx", "transaksi_salur")
    assert raw.frame.loc[0, ["TAHUN", "TGL_SP2D", "NOMINAL_SALUR", "TGL_LAPORAN"]].tolist() == [
        "2025",
        "2025-02-15",
        "750000",
        "45747",
    ]
    assert raw.frame["_row"].tolist() == [3]
    assert raw.removed == {"HAPUS_BARIS_TOTAL": 1}


MALFORMED = {
    "empty": (b"", "kosong"),
    "binary": (b"\x00\x01\x02\x03junk\x00\xff" * 20, "biner"),
    "utf16": ((HEADER + ROW).encode("utf-16"), "UTF-16"),
    "old_xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
    "truncated_xlsx": (None, "XLSX rusak"),
    "no_header": (b"a,b,c\n1,2,3\n", "judul kolom"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_cli_clean_malformed_file_bahasa_message_nonzero_exit(
    case: str, tmp_path: Path, desa_master: pd.DataFrame, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(MIXED, raw)
    data, expected = MALFORMED[case]
    if data is None:
        book = openpyxl.Workbook()
        book.active.append(HEADER.strip().split(","))
        book.save(tmp_path / "ok.xlsx")
        data = (tmp_path / "ok.xlsx").read_bytes()[:300]
    (raw / "transaksi_salur_rusak.csv").write_bytes(data)
    monkeypatch.setattr("dashboard.pipeline.cli.load_desa_master", lambda: desa_master)
    out = tmp_path / "out"
    code = cli.main(["clean", "--raw", str(raw), "--out", str(out), "--no-progress"])
    err = capsys.readouterr().err
    assert code != 0
    assert "GAGAL: Berkas transaksi_salur_rusak.csv" in err and expected in err
    assert "Traceback" not in err
    assert not out.exists()


def test_cli_clean_mixed_input_summary_and_zero_exit(
    tmp_path: Path, desa_master: pd.DataFrame, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setattr("dashboard.pipeline.cli.load_desa_master", lambda: desa_master)
    code = cli.main(["clean", "--raw", str(MIXED), "--out", str(tmp_path / "out"), "--no-progress"])
    assert code == 0
    assert "families: masuk 13" in capsys.readouterr().out


def test_cli_clean_missing_export_user_error(
    tmp_path: Path, desa_master: pd.DataFrame, monkeypatch, capsys
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(MIXED / "registry_2025.csv", raw)
    monkeypatch.setattr("dashboard.pipeline.cli.load_desa_master", lambda: desa_master)
    assert cli.main(["clean", "--raw", str(raw), "--out", str(tmp_path / "o"), "--no-progress"]) == 2
    assert "penetapan_kpm, transaksi_salur" in capsys.readouterr().err


def test_discover_skips_underscore_and_docs(tmp_path: Path) -> None:
    for name in ("_faults.json", "_SINTETIS.json", "README.md", "registry_1.csv", ".hidden.csv"):
        (tmp_path / name).write_text("x")
    (tmp_path / "_truth").mkdir()
    assert [p.name for p in readers.discover(tmp_path)] == ["registry_1.csv"]
