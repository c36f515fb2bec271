"""Every reason code and fault class the cleaning step reports, in one place.

Three kinds of code exist:

* **Removed rows** (``HAPUS_*``): rows of a file that are not data (totals,
  repeated headers, column-number rows, empty rows, broken rows). They are
  counted per file and never reach a table.
* **Quarantine reasons** (``KARANTINA_*`` and the region reasons of
  :mod:`dashboard.regions`): data rows that cannot be used. They are written to
  ``quarantine/<table>.parquet`` with the label below.
* **Fault classes** (``Fxx_*``, numbered as in the domain research §8): faults
  that were repaired or flagged while the row was kept (or quarantined). They
  are counted in ``quality_report.json``; one row may show several faults.

Each label is Bahasa Indonesia with the English gloss in parentheses.
"""

from __future__ import annotations

from dashboard import regions

# --- rows removed while reading (not data) ---------------------------------
REMOVED_TOTAL = "HAPUS_BARIS_TOTAL"
REMOVED_HEADER = "HAPUS_HEADER_BERULANG"
REMOVED_COLUMN_NUMBERS = "HAPUS_BARIS_NOMOR_KOLOM"
REMOVED_EMPTY = "HAPUS_BARIS_KOSONG"
REMOVED_BROKEN = "HAPUS_BARIS_RUSAK"

REMOVED_LABELS: dict[str, str] = {
    REMOVED_TOTAL: "Baris total/jumlah dibuang (totals row removed)",
    REMOVED_HEADER: "Baris judul kolom berulang di tengah berkas dibuang (repeated header row removed)",
    REMOVED_COLUMN_NUMBERS: "Baris penomoran kolom (1, 2, 3, …) dibuang (column-number row removed)",
    REMOVED_EMPTY: "Baris kosong dibuang (empty row removed)",
    REMOVED_BROKEN: "Baris rusak, jumlah kolom tidak cocok (broken row, wrong number of fields)",
}

# --- quarantine reasons ------------------------------------------------------
Q_ID_EMPTY = "KARANTINA_ID_KOSONG"
Q_PROGRAM = "KARANTINA_PROGRAM_TIDAK_DIKENAL"
Q_PERIOD = "KARANTINA_PERIODE_TIDAK_TERBACA"
Q_AMOUNT = "KARANTINA_NOMINAL_TIDAK_TERBACA"
Q_DATE = "KARANTINA_TANGGAL_WAJIB_TIDAK_TERBACA"
Q_VOCAB = "KARANTINA_NILAI_TIDAK_DIKENAL"
Q_NO_KPM = "KARANTINA_KPM_TIDAK_DITEMUKAN"
Q_NO_EVENT = "KARANTINA_KEJADIAN_TIDAK_DITEMUKAN"
Q_KEY_CONFLICT = "KARANTINA_KUNCI_GANDA_BERBEDA"

QUARANTINE_LABELS: dict[str, str] = {
    Q_ID_EMPTY: "ID kunci kosong (key identifier missing)",
    Q_PROGRAM: "Program kosong atau bukan PKH/Sembako (programme missing or not supported)",
    Q_PERIOD: "Tahun atau tahap tidak terbaca (year or stage unreadable)",
    Q_AMOUNT: "Nominal wajib kosong atau tidak terbaca (required amount unreadable)",
    Q_DATE: "Tanggal wajib kosong atau tidak terbaca (required date unreadable)",
    Q_VOCAB: "Nilai status/kanal di luar daftar yang dikenal (status or channel value not recognised)",
    Q_NO_KPM: "ID KPM transaksi tidak ada di penetapan, wilayah tidak bisa diturunkan "
    "(transaction's KPM not in penetapan; region unknown)",
    Q_NO_EVENT: "ID kejadian bantuan darurat tidak ada di daftar bencana (emergency payment's event not in the "
    "disaster list)",
    Q_KEY_CONFLICT: "Kunci yang sama muncul lagi dengan isi berbeda; baris pertama disimpan (same key again with "
    "different content; first row kept)",
    **regions.REASON_LABELS,
}

# --- fault classes (domain research §8 numbering) ----------------------------
FAULTS: dict[str, str] = {
    "F01_nik_notasi_ilmiah": "NIK/No. KK tersimpan sebagai angka notasi ilmiah, tidak dipercaya "
    "(NIK/KK in scientific notation, not trusted)",
    "F01_nik_angka_desimal": "NIK/No. KK tersimpan sebagai angka (berakhiran .0); digit ke-16 mungkin hilang "
    "(NIK/KK stored as a number)",
    "F01_nik_bertanda_pemisah": "NIK/No. KK berisi apostrof, spasi atau pemisah (NIK/KK with apostrophe or separators)",
    "F01_nik_bukan_angka": "NIK/No. KK berisi huruf atau simbol, tidak dipakai (NIK/KK not numeric, not used)",
    "F02_nik_tidak_valid": "NIK tidak valid secara struktur (structurally invalid NIK)",
    "F03_nik_sama_dengan_kk": "NIK sama dengan No. KK, kolom kemungkinan tertukar (NIK equals KK number, swapped columns)",
    "F04_duplikat_identik": "Baris identik ganda, digabung (exact duplicate row merged)",
    "F04_duplikat_kunci": "Kunci sama dengan isi berbeda, disimpan yang terbaru/terlengkap "
    "(same key, different content; latest/most complete kept)",
    "F04_duplikat_keluarga": "Keluarga yang sama dua kali dalam satu program-periode dengan ID KPM berbeda, "
    "satu disimpan (same family twice in one programme-period; one kept)",
    "F05_kode_kabupaten_bps": "Kode kabupaten format BPS atau tanpa titik, diterjemahkan "
    "(BPS or undotted kabupaten code translated)",
    "F05_kode_desa_tidak_dikenal": "Kode desa tidak ada di daftar Kemendagri, wilayah dari kabupaten saja "
    "(village code unknown, kabupaten only)",
    "F05_wilayah_tingkat_kabupaten": "Wilayah hanya sampai kabupaten (region resolved to kabupaten only)",
    "F06_wilayah_dari_nama": "Kabupaten ditentukan dari nama atau alias (kabupaten resolved from name/alias)",
    "F08_tanggal_format_campuran": "Tanggal dalam format tidak baku (date in non-ISO format)",
    "F08_tanggal_serial_excel": "Tanggal berupa nomor seri Excel (Excel serial date)",
    "F08_tanggal_hari_bulan_tertukar": "Hari dan bulan tertukar (day/month swapped)",
    "F08_tanggal_placeholder": "Tanggal pengisi seperti 01-01-1900, dikosongkan (placeholder date blanked)",
    "F08_tanggal_tidak_terbaca": "Tanggal tidak terbaca, dikosongkan (unreadable date blanked)",
    "F09_nominal_teks": "Nominal berupa teks dengan Rp/titik (amount as text with Rp or separators)",
    "F09_nominal_ribuan": "Nominal dalam ribuan (600 = Rp600.000), dikali 1.000 (amount in thousands, ×1,000)",
    "F09_nominal_tidak_terbaca": "Nominal tidak terbaca (amount unreadable)",
    "F10_status_varian": "Status ditulis dengan varian, diseragamkan (status variant normalised)",
    "F10_status_kosong": "Status kosong, dianggap nilai bawaan (blank status, default used)",
    "F11_periode_label": "Tahap ditulis sebagai label (TW I, JAN-MAR, …) (period label normalised)",
    "F14_bank_varian": "Nama bank ditulis dengan varian (bank name variant normalised)",
    "F14_bank_tidak_dikenal": "Nama bank tidak dikenal, dikosongkan (bank not recognised, blanked)",
    "F17_desil_kosong": "Desil kosong (decile missing)",
    "F17_desil_tidak_valid": "Desil di luar 1–10, dikosongkan (decile outside 1–10, blanked)",
}


def label(code: str) -> str:
    """Return the Bahasa label (English in parentheses) of any code.

    Parameters
    ----------
    code : str
        A removed-row, quarantine or fault code.

    Returns
    -------
    str
        The label; the code itself when unknown.
    """
    return REMOVED_LABELS.get(code) or QUARANTINE_LABELS.get(code) or FAULTS.get(code) or code


def catalogue() -> dict[str, dict[str, str]]:
    """Return every code with its label, grouped by kind (for the report and README)."""
    return {
        "dibuang": dict(REMOVED_LABELS),
        "karantina": dict(QUARANTINE_LABELS),
        "kesalahan": dict(FAULTS),
    }
