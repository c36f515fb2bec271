"""The raw export formats the pipeline accepts, declared once.

Three exports arrive from Dinsos, Kemensos and the distributing banks/PT Pos:
``registry`` (DTSEN extract, one row per family), ``penetapan_kpm`` (one row
per family × programme × period) and ``transaksi_salur`` (one row per payment
attempt). Each canonical column lists the header variants seen in real files
and the vocabulary variants of its values. The synthetic source writes these
variants; the cleaning pipeline reads them. Documented for data officers in
``data/README.md`` (a test keeps the two in step).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

REGISTRY = "registry"
PENETAPAN = "penetapan_kpm"
TRANSAKSI = "transaksi_salur"
EXPORTS = (REGISTRY, PENETAPAN, TRANSAKSI)

# Small extra exports (empowerment, graduation, disasters, facilitators), read by
# :mod:`dashboard.pipeline.extras` from the ``ekstra/`` sub-folder of the raw folder;
# the main pipeline (``EXPORTS``) never sees them.
PEMBERDAYAAN = "pemberdayaan"
GRADUASI = "graduasi"
BENCANA = "bencana"
BANTUAN_DARURAT = "bantuan_darurat"
PENDAMPING = "pendamping"
PENDAMPING_KPM = "pendamping_kpm"
EXTRA_EXPORTS = (PEMBERDAYAAN, GRADUASI, BENCANA, BANTUAN_DARURAT, PENDAMPING, PENDAMPING_KPM)


@dataclass(frozen=True)
class RawColumn:
    """One canonical raw column.

    Attributes
    ----------
    name : str
        Canonical UPPER_SNAKE name.
    meaning : str
        Short Indonesian description (English in parentheses).
    required : bool
        Whether a file without this column is rejected.
    personal : bool
        Whether the column holds personal data (UU 27/2022); such values are
        pseudonymised or dropped during cleaning and never shown.
    variants : tuple of str
        Header variants seen in real exports (matched after normalisation).
    """

    name: str
    meaning: str
    required: bool = True
    personal: bool = False
    variants: tuple[str, ...] = field(default=())


def _c(name: str, meaning: str, *variants: str, required: bool = True, personal: bool = False) -> RawColumn:
    return RawColumn(name, meaning, required, personal, tuple(variants))


COLUMNS: dict[str, tuple[RawColumn, ...]] = {
    REGISTRY: (
        _c(
            "ID_DTSEN",
            "ID keluarga di DTSEN (family registry id)",
            "IDDTKS",
            "ID_DTKS",
            "ID DTSEN",
            "IDDTSEN",
            "ID_RTM",
        ),
        _c(
            "NO_KK",
            "Nomor Kartu Keluarga (family card number)",
            "NOKK",
            "NO KK",
            "NOMOR_KK",
            "NO. KK",
            personal=True,
        ),
        _c(
            "NIK_KRT",
            "NIK kepala keluarga (NIK of family head)",
            "NIK KRT",
            "NIK_KEPALA_KELUARGA",
            "NIK",
            personal=True,
        ),
        _c(
            "NAMA_KRT",
            "Nama kepala keluarga (name of family head)",
            "NAMA KRT",
            "NAMA",
            "NAMA_KEPALA_KELUARGA",
            required=False,
            personal=True,
        ),
        _c(
            "KODE_KABUPATEN",
            "Kode kabupaten/kota, Kemendagri atau BPS (kabupaten code)",
            "KODE_KAB",
            "KD_KAB",
            "KODE KABUPATEN",
            "KDKAB",
            required=False,
        ),
        _c(
            "KABUPATEN",
            "Nama kabupaten/kota (kabupaten name)",
            "NAMA_KABUPATEN",
            "KAB_KOTA",
            "KABUPATEN_KOTA",
            "NAMA KAB",
            required=False,
        ),
        _c(
            "KODE_KECAMATAN",
            "Kode kecamatan Kemendagri (kecamatan code)",
            "KODE_KEC",
            "KD_KEC",
            "KODE KECAMATAN",
            required=False,
        ),
        _c("KECAMATAN", "Nama kecamatan (kecamatan name)", "NAMA_KECAMATAN", "NAMA KEC", required=False),
        _c(
            "KODE_DESA",
            "Kode desa/kelurahan Kemendagri 10 digit (village code)",
            "KODE_DESA_KELURAHAN",
            "KD_DESA",
            "KODE DESA",
            "KODE_KELURAHAN",
            required=False,
        ),
        _c(
            "DESA_KELURAHAN",
            "Nama desa/kelurahan (village name)",
            "DESA",
            "KELURAHAN",
            "NAMA_DESA",
            required=False,
        ),
        _c(
            "DESIL",
            "Desil kesejahteraan DTSEN 1–10 (welfare decile)",
            "DESIL_NASIONAL",
            "PERINGKAT_DESIL",
            "DESIL KESEJAHTERAAN",
            required=False,
        ),
        _c(
            "JML_ART",
            "Jumlah anggota keluarga (household size)",
            "JUMLAH_ART",
            "JML ART",
            "JUMLAH_ANGGOTA",
            required=False,
        ),
        _c(
            "STATUS_KEBERADAAN",
            "Status keberadaan: ADA, MENINGGAL, PINDAH, TIDAK DITEMUKAN (presence)",
            "KEBERADAAN",
            "STATUS KEBERADAAN",
            required=False,
        ),
        _c(
            "TGL_MENINGGAL",
            "Tanggal meninggal (date of death)",
            "TANGGAL_MENINGGAL",
            "TGL MENINGGAL",
            required=False,
        ),
        _c(
            "STATUS_PADAN",
            "Status padan Dukcapil (NIK match status)",
            "PADAN_DUKCAPIL",
            "STATUS PADAN",
            required=False,
        ),
        _c(
            "PERIODE_DATA",
            "Periode data, mis. 2025-TW2 (registry snapshot)",
            "PERIODE",
            "PERIODE DATA",
            required=False,
        ),
        _c(
            "TGL_UPDATE",
            "Tanggal pemutakhiran (last update)",
            "TANGGAL_UPDATE",
            "TGL UPDATE",
            "LAST_UPDATE",
            required=False,
        ),
    ),
    PENETAPAN: (
        _c("ID_KPM", "ID KPM dalam program (beneficiary id)", "IDKPM", "ID KPM", "ID_PENERIMA"),
        _c(
            "NIK_PENGURUS",
            "NIK pengurus/penerima (NIK of account holder)",
            "NIK PENGURUS",
            "NIK_PENERIMA",
            "NIK",
            personal=True,
        ),
        _c(
            "NAMA_PENGURUS",
            "Nama pengurus (name of account holder)",
            "NAMA PENGURUS",
            "NAMA_PENERIMA",
            required=False,
            personal=True,
        ),
        _c(
            "NO_KK",
            "Nomor Kartu Keluarga (family card number)",
            "NOKK",
            "NO KK",
            "NO. KK",
            required=False,
            personal=True,
        ),
        _c(
            "ID_DTSEN",
            "ID keluarga di DTSEN (family registry id)",
            "IDDTKS",
            "ID_DTKS",
            "ID DTSEN",
            "IDDTSEN",
            required=False,
        ),
        _c(
            "PROGRAM",
            "Program: PKH, SEMBAKO/BPNT (programme)",
            "NAMA_PROGRAM",
            "JENIS_BANSOS",
            "PROGRAM_BANSOS",
        ),
        _c("TAHUN", "Tahun anggaran (budget year)", "THN", "TAHUN_ANGGARAN"),
        _c(
            "TAHAP",
            "Tahap/periode: 1–4, TW I, JAN-MAR (stage)",
            "PERIODE",
            "TAHAP/PERIODE",
            "TRIWULAN",
            "ALOKASI",
        ),
        _c(
            "NOMINAL",
            "Nilai bantuan periode ini, Rupiah (entitled amount)",
            "NILAI_BANTUAN",
            "NOMINAL_BANTUAN",
            "JUMLAH_BANTUAN",
            "INDEKS",
        ),
        _c(
            "STATUS_KPM",
            "Status KPM: AKTIF, NON AKTIF, GRADUASI, DIALIHKAN (status)",
            "STATUS",
            "STATUS KPM",
            "KETERANGAN_STATUS",
            required=False,
        ),
        _c("ALASAN_NONAKTIF", "Alasan non-aktif (exit reason)", "ALASAN", "KET_NONAKTIF", required=False),
        _c(
            "BANK_PENYALUR",
            "Bank/lembaga penyalur (distributing bank)",
            "BANK",
            "PENYALUR",
            "NAMA_BANK",
            required=False,
        ),
        _c(
            "NO_REKENING",
            "Nomor rekening (account number)",
            "NOREK",
            "NO REKENING",
            "NO_KKS",
            required=False,
            personal=True,
        ),
        _c(
            "KODE_DESA",
            "Kode desa domisili Kemendagri (village code)",
            "KODE_DESA_KELURAHAN",
            "KD_DESA",
            "KODE DESA",
        ),
        _c("KODE_KABUPATEN", "Kode kabupaten/kota (kabupaten code)", "KODE_KAB", "KD_KAB", required=False),
        _c("KABUPATEN", "Nama kabupaten/kota (kabupaten name)", "NAMA_KABUPATEN", "KAB_KOTA", required=False),
    ),
    TRANSAKSI: (
        _c(
            "ID_TRANSAKSI", "ID transaksi (transaction id)", "IDTRANSAKSI", "NO_TRANSAKSI", "ID TRX", "ID_TRX"
        ),
        _c("ID_KPM", "ID KPM (beneficiary id)", "IDKPM", "ID KPM", "ID_PENERIMA"),
        _c(
            "NIK_PENERIMA",
            "NIK penerima (recipient NIK)",
            "NIK",
            "NIK PENERIMA",
            required=False,
            personal=True,
        ),
        _c("PROGRAM", "Program (programme)", "NAMA_PROGRAM", "JENIS_BANSOS"),
        _c("TAHUN", "Tahun (year)", "THN"),
        _c("TAHAP", "Tahap/periode (stage)", "PERIODE", "TRIWULAN"),
        _c(
            "BULAN_AWAL",
            "Bulan awal periode manfaat 1–12 (first benefit month)",
            "BLN_AWAL",
            "BULAN AWAL",
            required=False,
        ),
        _c(
            "BULAN_AKHIR",
            "Bulan akhir periode manfaat 1–12 (last benefit month)",
            "BLN_AKHIR",
            "BULAN AKHIR",
            required=False,
        ),
        _c("NO_SP2D", "Nomor SP2D (treasury release order)", "NOMOR_SP2D", "NO SP2D", required=False),
        _c("TGL_SP2D", "Tanggal SP2D (treasury release date)", "TANGGAL_SP2D", "TGL SP2D"),
        _c("KANAL", "Kanal: HIMBARA atau POS (channel)", "SALURAN", "KANAL_PENYALURAN", required=False),
        _c(
            "BANK_PENYALUR",
            "Bank/lembaga penyalur (distributing bank)",
            "BANK",
            "PENYALUR",
            "KANTOR_POS",
            required=False,
        ),
        _c(
            "NO_REKENING",
            "Nomor rekening (account number)",
            "NOREK",
            "NO REKENING",
            required=False,
            personal=True,
        ),
        _c(
            "NOMINAL_ALOKASI",
            "Nominal alokasi, Rupiah (allocated)",
            "ALOKASI",
            "NILAI_ALOKASI",
            "NOMINAL ALOKASI",
        ),
        _c("NOMINAL_SALUR", "Nominal tersalur, Rupiah (paid)", "NILAI_SALUR", "NOMINAL SALUR", "REALISASI"),
        _c(
            "TGL_KREDIT",
            "Tanggal kredit/pemindahbukuan atau serah tunai (credit date)",
            "TGL_PEMINDAHBUKUAN",
            "TANGGAL_KREDIT",
            "TGL_SALUR",
            "TGL KREDIT",
            required=False,
        ),
        _c(
            "TGL_TARIK",
            "Tanggal penarikan pertama (first withdrawal)",
            "TANGGAL_TARIK",
            "TGL_PENARIKAN",
            required=False,
        ),
        _c(
            "STATUS_SALUR",
            "Status: TERSALUR, GAGAL, RETUR, PROSES (status)",
            "STATUS",
            "STATUS PENYALURAN",
            "KET_SALUR",
        ),
        _c(
            "KODE_GAGAL",
            "Alasan gagal salur (failure reason)",
            "KETERANGAN",
            "KET_GAGAL",
            "ALASAN_GAGAL",
            required=False,
        ),
        _c("TGL_RETUR", "Tanggal retur ke kas negara (return date)", "TANGGAL_RETUR", required=False),
        _c("NOMINAL_RETUR", "Nominal retur, Rupiah (returned)", "NILAI_RETUR", required=False),
        _c(
            "TGL_LAPORAN",
            "Tanggal laporan/posisi data (report date)",
            "TANGGAL_LAPORAN",
            "POSISI_DATA",
            "TGL LAPORAN",
        ),
    ),
    PEMBERDAYAAN: (
        _c(
            "ID_PESERTA",
            "ID peserta program pemberdayaan (participant id)",
            "IDPESERTA",
            "ID PESERTA",
            "NO_PESERTA",
        ),
        _c(
            "ID_DTSEN",
            "ID keluarga di DTSEN (family registry id)",
            "IDDTKS",
            "ID_DTKS",
            "ID DTSEN",
            "IDDTSEN",
        ),
        _c(
            "PROGRAM_PEMBERDAYAAN",
            "Program pemberdayaan: PENA, KUBE (empowerment programme)",
            "PROGRAM",
            "JENIS_PEMBERDAYAAN",
            "NAMA_PROGRAM",
        ),
        _c("TGL_MULAI", "Tanggal mulai ikut program (start date)", "TANGGAL_MULAI", "TGL MULAI", "MULAI"),
        _c("KODE_DESA", "Kode desa Kemendagri (village code)", "KODE_DESA_KELURAHAN", "KD_DESA", "KODE DESA"),
        _c(
            "NILAI_BANTUAN",
            "Nilai bantuan/aset, Rupiah (grant or asset value)",
            "NOMINAL",
            "NILAI BANTUAN",
            "NILAI_ASET",
        ),
    ),
    GRADUASI: (
        _c("ID_KPM", "ID KPM PKH (beneficiary id, as in penetapan)", "IDKPM", "ID KPM"),
        _c("TGL_GRADUASI", "Tanggal graduasi (graduation date)", "TANGGAL_GRADUASI", "TGL GRADUASI"),
        _c(
            "JENIS_GRADUASI",
            "Jenis graduasi: MANDIRI, ALAMIAH (graduation type)",
            "JENIS",
            "JENIS GRADUASI",
            "KATEGORI_GRADUASI",
            required=False,
        ),
    ),
    BENCANA: (
        _c("ID_KEJADIAN", "ID kejadian bencana (event id)", "IDKEJADIAN", "ID KEJADIAN", "NO_KEJADIAN"),
        _c(
            "JENIS_BENCANA",
            "Jenis bencana: BANJIR, GAGAL PANEN, KEKERINGAN, … (hazard)",
            "JENIS",
            "JENIS BENCANA",
            "BENCANA",
        ),
        _c("TGL_KEJADIAN", "Tanggal kejadian (event date)", "TANGGAL_KEJADIAN", "TGL KEJADIAN", "TANGGAL"),
        _c(
            "KODE_KECAMATAN",
            "Kode kecamatan terdampak Kemendagri (affected kecamatan)",
            "KODE_KEC",
            "KD_KEC",
            "KODE KECAMATAN",
        ),
    ),
    BANTUAN_DARURAT: (
        _c("ID_KEJADIAN", "ID kejadian bencana (event id)", "IDKEJADIAN", "ID KEJADIAN", "NO_KEJADIAN"),
        _c(
            "ID_PENERIMA",
            "ID penerima bantuan darurat, ID DTSEN bila ada (recipient id)",
            "ID_DTSEN",
            "IDPENERIMA",
            "ID PENERIMA",
        ),
        _c("KODE_DESA", "Kode desa Kemendagri (village code)", "KODE_DESA_KELURAHAN", "KD_DESA", "KODE DESA"),
        _c("NOMINAL", "Nilai bantuan darurat, Rupiah (amount)", "NILAI_BANTUAN", "NOMINAL_BANTUAN", "JUMLAH"),
        _c(
            "TGL_BAYAR",
            "Tanggal dibayar; kosong bila belum (payment date, empty if unpaid)",
            "TANGGAL_BAYAR",
            "TGL BAYAR",
            "TGL_SALUR",
            required=False,
        ),
    ),
    PENDAMPING: (
        _c(
            "ID_PENDAMPING",
            "ID pendamping PKH (facilitator id)",
            "IDPENDAMPING",
            "ID PENDAMPING",
            "NIP_PENDAMPING",
        ),
        _c(
            "KODE_KECAMATAN",
            "Kode kecamatan tugas Kemendagri (assigned kecamatan)",
            "KODE_KEC",
            "KD_KEC",
            "KODE KECAMATAN",
            "KEC_TUGAS",
        ),
    ),
    PENDAMPING_KPM: (
        _c("ID_KPM", "ID KPM PKH (beneficiary id, as in penetapan)", "IDKPM", "ID KPM"),
        _c(
            "ID_PENDAMPING",
            "ID pendamping PKH (facilitator id)",
            "IDPENDAMPING",
            "ID PENDAMPING",
            "NIP_PENDAMPING",
        ),
    ),
}

#: Canonical value → raw variants seen in exports (matched after normalisation).
VOCABULARY: dict[str, dict[str, tuple[str, ...]]] = {
    "PROGRAM_PEMBERDAYAAN": {
        "PENA": ("PENA", "PAHLAWAN EKONOMI NUSANTARA", "PROGRAM PENA"),
        "KUBE": ("KUBE", "KELOMPOK USAHA BERSAMA", "KUBE PKH"),
    },
    "JENIS_GRADUASI": {
        "MANDIRI": ("MANDIRI", "GRADUASI MANDIRI", "SEJAHTERA MANDIRI"),
        "ALAMIAH": ("ALAMIAH", "GRADUASI ALAMIAH", "ALAMI"),
    },
    "JENIS_BENCANA": {
        "BANJIR": ("BANJIR", "BANJIR BANDANG", "GENANGAN"),
        "GAGAL_PANEN": ("GAGAL PANEN", "PUSO", "GAGAL PANEN/PUSO"),
        "KEKERINGAN": ("KEKERINGAN", "KEMARAU"),
        "LONGSOR": ("LONGSOR", "TANAH LONGSOR"),
        "GEMPA": ("GEMPA", "GEMPA BUMI"),
        "PUTING_BELIUNG": ("PUTING BELIUNG", "ANGIN PUTING BELIUNG", "ANGIN KENCANG"),
        "LAINNYA": ("LAINNYA", "LAIN LAIN", "KEBAKARAN", "ABRASI", "GELOMBANG PASANG"),
    },
    "PROGRAM": {
        "PKH": ("PKH", "PROGRAM KELUARGA HARAPAN", "P K H", "PKH REGULER"),
        "SEMBAKO": ("SEMBAKO", "BPNT", "PROGRAM SEMBAKO", "BANTUAN PANGAN NON TUNAI", "BPNT/SEMBAKO"),
    },
    "STATUS_SALUR": {
        "TERSALUR": (
            "TERSALUR",
            "TERSALURKAN",
            "SUKSES",
            "BERHASIL",
            "SUDAH SALUR",
            "SUDAH DISALURKAN",
            "SALUR",
        ),
        "GAGAL": ("GAGAL", "GAGAL SALUR", "GAGAL BUREKOL", "TIDAK TERSALUR"),
        "RETUR": ("RETUR", "DIRETUR", "RETUR KAS NEGARA", "DIKEMBALIKAN"),
        "PROSES": ("PROSES", "BELUM TERSALUR", "DALAM PROSES", "ON PROCESS", ""),
    },
    "STATUS_KPM": {
        "AKTIF": ("AKTIF", "AKTIV", "ACTIVE", "A"),
        "NONAKTIF": ("NON AKTIF", "NONAKTIF", "NON-AKTIF", "TIDAK AKTIF"),
        "GRADUASI": ("GRADUASI", "GRADUASI MANDIRI", "GRADUASI ALAMIAH"),
        "DIALIHKAN": ("DIALIHKAN", "ALIH KUOTA"),
        "TANGGUH": ("TANGGUH", "DITANGGUHKAN"),
    },
    "STATUS_KEBERADAAN": {
        "ADA": ("ADA", "DITEMUKAN", "BERADA DI LOKASI"),
        "MENINGGAL": ("MENINGGAL", "MENINGGAL DUNIA", "WAFAT", "ALM"),
        "PINDAH": ("PINDAH", "PINDAH ALAMAT", "PINDAH DOMISILI"),
        "TIDAK_DITEMUKAN": ("TIDAK DITEMUKAN", "TDK DITEMUKAN", "TIDAK DIKETAHUI"),
    },
    "STATUS_PADAN": {
        "PADAN": ("PADAN", "SUDAH PADAN", "MATCH"),
        "TIDAK_PADAN": ("TIDAK PADAN", "TDK PADAN", "NOT MATCH"),
        "BELUM": ("BELUM DIPADANKAN", "BELUM PADAN", ""),
    },
    "KANAL": {
        "HIMBARA": ("HIMBARA", "BANK", "BANK HIMBARA", "REKENING/KKS", "KKS"),
        "POS": ("POS", "PT POS", "PT POS INDONESIA", "KANTOR POS", "LOKET POS", "KOMUNITAS", "ANTAR RUMAH"),
    },
    "BANK_PENYALUR": {
        "BRI": ("BRI", "BANK BRI", "PT BANK RAKYAT INDONESIA (PERSERO) TBK", "BANK RAKYAT INDONESIA"),
        "BNI": ("BNI", "BANK BNI", "PT BANK NEGARA INDONESIA (PERSERO) TBK", "BANK NEGARA INDONESIA"),
        "MANDIRI": ("MANDIRI", "BANK MANDIRI", "PT BANK MANDIRI (PERSERO) TBK"),
        "BSI": ("BSI", "BANK SYARIAH INDONESIA", "PT BANK SYARIAH INDONESIA TBK"),
        "BTN": ("BTN", "BANK BTN", "BANK TABUNGAN NEGARA"),
        "POS": ("POS", "PT POS", "PT POS INDONESIA", "KANTOR POS"),
    },
    "KODE_GAGAL": {
        "REKENING_TIDAK_VALID": ("REKENING TIDAK VALID", "REK TIDAK VALID", "NOREK INVALID"),
        "GAGAL_BUREKOL": ("GAGAL BUREKOL", "BUREKOL GAGAL"),
        "NIK_TIDAK_PADAN": ("NIK TIDAK PADAN", "NIK TDK PADAN"),
        "KPM_MENINGGAL": ("KPM MENINGGAL", "MENINGGAL", "MENINGGAL DUNIA"),
        "KPM_PINDAH": ("KPM PINDAH", "PINDAH"),
        "TIDAK_DITEMUKAN": ("TIDAK DITEMUKAN", "KPM TIDAK DITEMUKAN"),
        "KKS_BELUM_DIDISTRIBUSIKAN": ("KKS BELUM DIDISTRIBUSIKAN", "KARTU BELUM DIBAGIKAN"),
        "REKENING_DORMANT": ("REKENING PASIF/DORMANT", "REKENING DORMANT", "DORMANT"),
        "MENOLAK": ("MENOLAK", "KPM MENOLAK"),
    },
}


def normalise_header(value: str) -> str:
    """Reduce a header cell to a comparison key (upper case, ``_`` between words).

    ``" No. KK "``, ``"NO_KK"`` and ``"no kk"`` all give ``"NO_KK"``.
    """
    text = re.sub(r"[^A-Z0-9/]+", "_", str(value).upper()).strip("_")
    return text.replace("/", "_")


def normalise_value(value: str) -> str:
    """Reduce a vocabulary cell to a comparison key (upper case, single spaces, no dots)."""
    return re.sub(r"[\s._\-]+", " ", str(value).upper()).strip()


def header_map(export: str) -> dict[str, str]:
    """Return normalised header variant → canonical name for one export."""
    mapping: dict[str, str] = {}
    for column in COLUMNS[export]:
        for variant in (column.name, *column.variants):
            mapping.setdefault(normalise_header(variant), column.name)
    return mapping


def vocabulary_map(column: str) -> dict[str, str]:
    """Return normalised raw value → canonical value for one vocabulary column."""
    return {
        normalise_value(raw): canonical
        for canonical, raws in VOCABULARY[column].items()
        for raw in (canonical, *raws)
    }


def personal_columns() -> frozenset[str]:
    """Return every canonical column name that holds personal data."""
    return frozenset(c.name for cols in COLUMNS.values() for c in cols if c.personal)
