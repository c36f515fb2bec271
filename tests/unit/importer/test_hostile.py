"""A corpus of malformed and hostile uploads: each ends in a clear Bahasa message or is accepted.

For every file: the active dataset is untouched (pointer and file hashes),
and for every accepted file the row conservation holds (input rows = kept +
quarantined + merged + removed). Files are generated here; nothing binary is
committed.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from dashboard.errors import UserError
from dashboard.importer import api
from dashboard.versions import store

from .conftest import FIXTURES, SECRET, tree_hashes

TRX = (FIXTURES / "transaksi_salur_2025.csv").read_text(encoding="utf-8")
TRX_HEADER = TRX.splitlines()[0]
TRX_ROWS = TRX.splitlines()[1:]


def _text(text: str, encoding: str = "utf-8") -> Callable[[], bytes]:
    return lambda: text.encode(encoding)


def _xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _trx_rows() -> list[list[str]]:
    return [line.split(",") for line in TRX.splitlines()]


def _zip(members: dict[str, bytes], level: int = 9) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _bomb() -> bytes:
    return _zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/workbook.xml": b"<workbook/>",
            "xl/worksheets/sheet1.xml": b"0" * (64 * 1024 * 1024),
        }
    )


def _traversal() -> bytes:
    return _zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/workbook.xml": b"<w/>",
            "../../../../tmp/evil.sh": b"rm -rf /",
        }
    )


def _with_cell(value: str) -> str:
    cells = TRX_ROWS[0].split(",")
    cells[15] = value  # KETERANGAN (KODE_GAGAL)
    return "\n".join([TRX_HEADER, ",".join(cells), *TRX_ROWS[1:]]) + "\n"


SEMI = "\n".join(line.replace(",", ";") for line in TRX.splitlines()) + "\n"
TAB = "\n".join(line.replace(",", "\t") for line in TRX.splitlines()) + "\n"
PIPE = "\n".join(line.replace(",", "|") for line in TRX.splitlines()) + "\n"
ACCENTED = TRX.replace("PT POS", "PT PÖS Ñusantara é")

#: name → (file name, content factory, accepted?)
CASES: dict[str, tuple[str, Callable[[], bytes], bool]] = {
    "empty": ("transaksi_salur_kosong.csv", lambda: b"", False),
    "whitespace_only": ("transaksi_salur_spasi.csv", _text("   \n\n  \r\n"), False),
    "header_only": ("transaksi_salur_judul.csv", _text(TRX_HEADER + "\n"), True),
    "truncated_csv": ("transaksi_salur_potong.csv", lambda: TRX.encode()[: len(TRX) - 25], True),
    "truncated_xlsx": ("transaksi_salur_potong.xlsx", lambda: _xlsx(_trx_rows())[:1500], False),
    "cp1252": ("transaksi_salur_cp1252.csv", _text(ACCENTED, "cp1252"), True),
    "latin1": ("transaksi_salur_latin1.csv", _text(ACCENTED.replace("é", "\xa0é"), "latin-1"), True),
    "utf16_le_bom": ("transaksi_salur_utf16.csv", _text("\ufeff" + TRX, "utf-16-le"), True),
    "utf16_be_bom": ("transaksi_salur_utf16be.csv", _text("\ufeff" + TRX, "utf-16-be"), True),
    "utf16_no_bom": ("transaksi_salur_utf16nobom.csv", _text(TRX, "utf-16-le"), True),
    "utf8_bom": ("transaksi_salur_bom.csv", _text("\ufeff" + TRX), True),
    "semicolon": ("transaksi_salur_titikkoma.csv", _text(SEMI), True),
    "tab": ("transaksi_salur_tab.txt", _text(TAB), True),
    "pipe": ("transaksi_salur_pipa.csv", _text(PIPE), True),
    "merged_header_rows": (
        "transaksi_salur_judul_ganda.csv",
        _text("LAPORAN PENYALURAN BANSOS,,,\nIDENTITAS,,,,,PERIODE,,,,PENYALURAN,,,,,,,\n" + TRX),
        True,
    ),
    "totals_row": ("transaksi_salur_total.csv", _text(TRX + "JUMLAH,,,,,,,,,,,2.584.567,750000,,,,\n"), True),
    "repeated_header": (
        "transaksi_salur_ulang.csv",
        _text(TRX + TRX_HEADER + "\n" + TRX_ROWS[0].replace("TRX1", "TRX9") + "\n"),
        True,
    ),
    "column_numbers": (
        "transaksi_salur_nomor.csv",
        _text(TRX_HEADER + "\n" + ",".join(str(i) for i in range(1, 18)) + "\n" + "\n".join(TRX_ROWS) + "\n"),
        True,
    ),
    "excel_serial_dates": (
        "transaksi_salur_serial.csv",
        _text(TRX.replace("15/02/2025", "45703").replace("31-03-2025", "45747")),
        True,
    ),
    "one_mb_cell": ("transaksi_salur_sel_besar.csv", _text(_with_cell("X" * (1024 * 1024))), True),
    "formula_injection": ("transaksi_salur_rumus.csv", _text(_with_cell("=cmd|' /C calc'!A0")), True),
    "xlsx_with_title": ("data_bank_november.xlsx", lambda: _xlsx([["REKAP BANK"], [], *_trx_rows()]), True),
    "misnamed_type": ("registry_sebenarnya_transaksi.csv", _text(TRX), True),
    "traversal_name": ("../../../etc/transaksi_salur_passwd.csv", _text(TRX), True),
    "binary_junk": (
        "transaksi_salur_acak.csv",
        lambda: bytes((i * 37 + 11) % 256 for i in range(4096)),
        False,
    ),
    "elf_renamed": ("transaksi_salur_elf.csv", lambda: b"\x7fELF\x02\x01\x01" + b"\x00" * 200, False),
    "mz_renamed": (
        "transaksi_salur_exe.csv",
        lambda: b"MZ\x90\x00\x03" + b"\x00" * 200 + b"This program cannot be run in DOS mode",
        False,
    ),
    "script_renamed": ("transaksi_salur_skrip.csv", _text("#!/bin/sh\nrm -rf /\n"), False),
    "pdf_renamed": ("transaksi_salur.xlsx", lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", False),
    "gzip_renamed": ("transaksi_salur_gz.csv", lambda: b"\x1f\x8b\x08\x00" + b"\x00" * 50, False),
    "old_xls": (
        "transaksi_salur_lama.xls",
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512,
        False,
    ),
    "compressed_bomb": ("transaksi_salur_bom.xlsx", _bomb, False),
    "zip_traversal": ("transaksi_salur_zip.xlsx", _traversal, False),
    "plain_zip": ("transaksi_salur_arsip.xlsx", lambda: _zip({"data.csv": TRX.encode()}), False),
    "html_as_xls": (
        "transaksi_salur_html.xls",
        _text("<html><body><table><tr><td>ID</td></tr></table></body></html>"),
        False,
    ),
    "no_known_headers": ("transaksi_salur_asing.csv", _text("a,b,c\n1,2,3\n"), False),
    "missing_required": (
        "transaksi_salur_kurang.csv",
        _text("\n".join(",".join(line.split(",")[:5]) for line in TRX.splitlines()) + "\n"),
        False,
    ),
    "nul_bytes": (
        "transaksi_salur_nul.csv",
        lambda: TRX_HEADER.encode() + b"\n\x00\x00\x00TRX1\x00,\x00",
        False,
    ),
    "unbalanced_quote": (
        "transaksi_salur_kutip.csv",
        _text(TRX_HEADER + '\n"TRX1,KPM01,unterminated\n' + "\n".join(TRX_ROWS[1:]) + "\n"),
        True,
    ),
}


@pytest.fixture
def active(base_files, desa_master) -> Path:
    result = api.import_files(
        list(base_files.values()),
        user="uji@example.go.id",
        activate=True,
        desa_master=desa_master,
        secret=SECRET,
    )
    assert result.version is not None and result.version.active
    return result.version.path


def test_corpus_is_large_enough():
    assert len(CASES) >= 30
    assert sum(not ok for _, _, ok in CASES.values()) >= 15


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_file(case, active, base_files, desa_master, tmp_path):
    name, make, accepted = CASES[case]
    folder = tmp_path / "upload" / case
    folder.mkdir(parents=True)
    path = folder / Path(name).name
    path.write_bytes(make())
    if case == "traversal_name":
        path = folder / name  # the path as given (with ..) points outside; copy the bytes there too
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(make())
    before_pointer = (store.root() / store.ACTIVE_FILE).read_bytes()
    before = tree_hashes(active)
    files = [base_files["registry"], base_files["penetapan_kpm"], path]
    if accepted:
        result = api.import_files(files, user="uji@example.go.id", desa_master=desa_master, secret=SECRET)
        report = json.loads((result.version.path / "quality_report.json").read_text())
        assert report["balanced"]
        for record in report["conservation"]:
            removed = sum(record["removed"].values())
            assert (
                record["input_rows"]
                == record["kept"] + record["quarantined"] + record["merged_duplicates"] + removed
            )
        staged = [f for f in result.files if f.path.name != base_files["registry"].name]
        assert any(f.export == "transaksi_salur" for f in staged)
        assert not result.version.active
    else:
        with pytest.raises(UserError) as info:
            api.import_files(files, user="uji@example.go.id", desa_master=desa_master, secret=SECRET)
        message = str(info.value)
        assert message.startswith(("Berkas", "Belum ada")) and "Traceback" not in message
        assert "(" in message  # Bahasa sentence with the English gloss in parentheses
    assert (store.root() / store.ACTIVE_FILE).read_bytes() == before_pointer
    assert tree_hashes(active) == before
    assert not list((store.root()).glob(".*tmp*"))
    staging = Path(os.environ["PRESISI_DATA_DIR"]) / "uploads" / "_staging"
    assert not staging.exists() or not any(staging.iterdir())
