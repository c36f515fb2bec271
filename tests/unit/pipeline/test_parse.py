from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard.pipeline import parse


@pytest.mark.parametrize(
    ("raw", "digits", "fault"),
    [
        ("1801044507850001", "1801044507850001", None),
        ("'1801044507850001", "1801044507850001", "F01_nik_bertanda_pemisah"),
        ("1801 0445 0785 0001", "1801044507850001", "F01_nik_bertanda_pemisah"),
        ("1801044507850001.0", "1801044507850001", "F01_nik_angka_desimal"),
        ("1.80104E+15", None, "F01_nik_notasi_ilmiah"),
        ("1,80104e15", None, "F01_nik_notasi_ilmiah"),
        ("18010445O7850001", None, "F01_nik_bukan_angka"),
        ("", None, None),
    ],
)
def test_normalise_id_number_variants_expected_digits(
    raw: str, digits: str | None, fault: str | None
) -> None:
    parsed = parse.normalise_id_number(pd.Series([raw]))
    assert (None if pd.isna(parsed.values[0]) else parsed.values[0]) == digits
    assert (None if pd.isna(parsed.fault[0]) else parsed.fault[0]) == fault


@pytest.mark.parametrize(
    ("nik", "valid"),
    [
        ("1801044507850001", True),  # woman, day 05 + 40
        ("1801041203800002", True),  # man
        ("3273011203800002", True),  # other province is valid
        ("180104450785001", False),  # 15 digits (leading zero or digit lost)
        ("0000000000000000", False),
        ("1234567890123456", False),
        ("9901041203800002", False),  # no province 99
        ("1800041203800002", False),  # kabupaten 00
        ("1801043203800002", False),  # day 32
        ("1801047203800002", False),  # day 72
        ("1801041213800002", False),  # month 13
        ("1801041203800000", False),  # serial 0000
    ],
)
def test_nik_structurally_valid_cases_expected_flag(nik: str, valid: bool) -> None:
    assert parse.nik_structurally_valid(pd.Series([nik])).tolist() == [valid]


def test_nik_structurally_valid_missing_false() -> None:
    assert parse.nik_structurally_valid(pd.Series([None, pd.NA], dtype="str")).tolist() == [False, False]


@pytest.mark.parametrize(
    ("raw", "expected", "fault"),
    [
        ("2025-03-01", dt.date(2025, 3, 1), None),
        ("2025-03-01 13:45:00", dt.date(2025, 3, 1), None),
        ("01-03-2025", dt.date(2025, 3, 1), "F08_tanggal_format_campuran"),
        ("01/03/2025", dt.date(2025, 3, 1), "F08_tanggal_format_campuran"),
        ("01.03.25", dt.date(2025, 3, 1), "F08_tanggal_format_campuran"),
        ("19 Mei 2023", dt.date(2023, 5, 19), "F08_tanggal_format_campuran"),
        ("07 Juni 1995", dt.date(1995, 6, 7), "F08_tanggal_format_campuran"),
        ("17-Agt-2025", dt.date(2025, 8, 17), "F08_tanggal_format_campuran"),
        ("17 Agu 2025", dt.date(2025, 8, 17), "F08_tanggal_format_campuran"),
        ("1 Okt 2025", dt.date(2025, 10, 1), "F08_tanggal_format_campuran"),
        ("31 Des 2025", dt.date(2025, 12, 31), "F08_tanggal_format_campuran"),
        ("45748", dt.date(2025, 4, 1), "F08_tanggal_serial_excel"),
        ("03/25/2025", dt.date(2025, 3, 25), "F08_tanggal_hari_bulan_tertukar"),
        ("01-01-1900", None, "F08_tanggal_placeholder"),
        ("1900-01-01", None, "F08_tanggal_placeholder"),
        ("31-02-2025", None, "F08_tanggal_tidak_terbaca"),
        ("kemarin", None, "F08_tanggal_tidak_terbaca"),
        ("", None, None),
    ],
)
def test_parse_date_formats_expected_date(raw: str, expected: dt.date | None, fault: str | None) -> None:
    parsed = parse.parse_date(pd.Series([raw]))
    assert parsed.values.dtype == "datetime64[ms]"
    value = parsed.values[0]
    assert (None if pd.isna(value) else value.date()) == expected
    assert (None if pd.isna(parsed.fault[0]) else parsed.fault[0]) == fault


@pytest.mark.parametrize(
    ("raw", "expected", "fault"),
    [
        ("600000", 600_000, None),
        ("600000.0", 600_000, None),
        ("600.000", 600_000, "F09_nominal_teks"),
        ("Rp 600.000", 600_000, "F09_nominal_teks"),
        ("Rp600.000,-", 600_000, "F09_nominal_teks"),
        ("1.234.567,00", 1_234_567, "F09_nominal_teks"),
        ("1,234,567", 1_234_567, "F09_nominal_teks"),
        ("600", 600_000, "F09_nominal_ribuan"),
        ("750", 750_000, "F09_nominal_ribuan"),
        ("0", 0, None),
        ("enam ratus", None, "F09_nominal_tidak_terbaca"),
        ("", None, None),
    ],
)
def test_parse_rupiah_formats_expected_integer(raw: str, expected: int | None, fault: str | None) -> None:
    parsed = parse.parse_rupiah(pd.Series([raw]))
    value = parsed.values[0]
    assert (None if pd.isna(value) else int(value)) == expected
    assert (None if pd.isna(parsed.fault[0]) else parsed.fault[0]) == fault


def test_parse_rupiah_small_expected_no_thousands_rule() -> None:
    assert parse.parse_rupiah(pd.Series(["600"]), min_expected=0).values.tolist() == [600]


@pytest.mark.parametrize(
    ("raw", "tahap"),
    [
        ("1", 1),
        ("04", 4),
        ("TAHAP 1", 1),
        ("Tahap II", 2),
        ("TW I", 1),
        ("TW-3", 3),
        ("TRIWULAN I", 1),
        ("TRIWULAN IV", 4),
        ("Q1", 1),
        ("q3", 3),
        ("JAN-MAR", 1),
        ("ALOKASI JAN-MAR", 1),
        ("ALOKASI APR-JUN", 2),
        ("JUL-SEP 2025", 3),
        ("OKT-DES", 4),
        ("ALOKASI JAN-FEB", 1),
        ("TAHAP 5", None),
        ("", None),
    ],
)
def test_parse_tahap_labels_expected_quarter(raw: str, tahap: int | None) -> None:
    value = parse.parse_tahap(pd.Series([raw])).values[0]
    assert (None if pd.isna(value) else int(value)) == tahap


@pytest.mark.parametrize(
    ("column", "raw", "canonical", "fault"),
    [
        ("STATUS_SALUR", "SUKSES", "TERSALUR", "varian"),
        ("STATUS_SALUR", "tersalur", "TERSALUR", None),
        ("STATUS_SALUR", "", "PROSES", "kosong"),
        ("STATUS_SALUR", "Gagal Burekol", "GAGAL", "varian"),
        ("STATUS_SALUR", "HILANG", None, "tidak_dikenal"),
        ("PROGRAM", "BPNT", "SEMBAKO", "varian"),
        ("PROGRAM", "", None, None),
        ("BANK_PENYALUR", "PT BANK RAKYAT INDONESIA (PERSERO) TBK", "BRI", "varian"),
        ("STATUS_KEBERADAAN", "TIDAK DITEMUKAN", "TIDAK_DITEMUKAN", None),
    ],
)
def test_map_vocabulary_variants_expected_canonical(
    column: str, raw: str, canonical: str | None, fault: str | None
) -> None:
    parsed = parse.map_vocabulary(pd.Series([raw]), column)
    assert (None if pd.isna(parsed.values[0]) else parsed.values[0]) == canonical
    assert (None if pd.isna(parsed.fault[0]) else parsed.fault[0]) == fault


@pytest.mark.parametrize(("raw", "value"), [("3", 3), ("03", 3), ("3.0", 3), ("11", None), ("x", None)])
def test_parse_int_range_expected_value(raw: str, value: int | None) -> None:
    parsed = parse.parse_int(pd.Series([raw]), 1, 10).values[0]
    assert (None if pd.isna(parsed) else int(parsed)) == value


def test_quarter_bounds_year_quarter_expected_dates() -> None:
    start, end = parse.quarter_bounds(pd.Series([2025, 2024]), pd.Series([1, 4]))
    assert start.dt.date.tolist() == [dt.date(2025, 1, 1), dt.date(2024, 10, 1)]
    assert end.dt.date.tolist() == [dt.date(2025, 3, 31), dt.date(2024, 12, 31)]


def test_parsers_input_not_mutated() -> None:
    raw = pd.Series(["'1801044507850001", " Rp 600.000 "])
    before = raw.copy()
    parse.normalise_id_number(raw)
    parse.parse_rupiah(raw)
    pd.testing.assert_series_equal(raw, before)
