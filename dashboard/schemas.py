"""Schemas of the processed tables, declared once.

The cleaning pipeline validates its output against these schemas before it
writes anything, and :mod:`dashboard.datasets` validates again when the app
loads data. Code between those two boundaries trusts the columns below.

All region codes are Kemendagri, dotted (``18.07``, ``18.07.05``,
``18.07.05.2003``). Dates are ``datetime64[ms]`` (day precision), amounts are
integer Rupiah, identifiers are keyed hashes (never NIK, No. KK, names or
account numbers).
"""

from __future__ import annotations

import pandera.pandas as pa

PROGRAMS = ("PKH", "SEMBAKO")
STATUS_SALUR = ("TERSALUR", "GAGAL", "RETUR", "PROSES")
STATUS_KPM = ("AKTIF", "NONAKTIF", "GRADUASI", "DIALIHKAN", "TANGGUH")
STATUS_KEBERADAAN = ("ADA", "MENINGGAL", "PINDAH", "TIDAK_DITEMUKAN")
STATUS_PADAN = ("PADAN", "TIDAK_PADAN", "BELUM")
KANAL = ("HIMBARA", "POS")
BANKS = ("BRI", "BNI", "MANDIRI", "BSI", "BTN", "POS")

KAB_PATTERN = r"^18\.\d\d$"
KEC_PATTERN = r"^18\.\d\d\.\d\d$"
DESA_PATTERN = r"^18\.\d\d\.\d\d\.\d{4}$"
HASH_PATTERN = r"^[0-9a-f]{16}$"
PERIODE_PATTERN = r"^\d{4}-T[1-4]$"

_DATE = "datetime64[ms]"


def _str(*checks: pa.Check, nullable: bool = False, unique: bool = False) -> pa.Column:
    return pa.Column("str", checks=list(checks), nullable=nullable, unique=unique)


def _date(nullable: bool = True) -> pa.Column:
    return pa.Column(_DATE, nullable=nullable)


def _region_columns(nullable_below_kab: bool = True) -> dict[str, pa.Column]:
    return {
        "kode_kab": _str(pa.Check.str_matches(KAB_PATTERN)),
        "kode_kec": _str(pa.Check.str_matches(KEC_PATTERN), nullable=nullable_below_kab),
        "kode_desa": _str(pa.Check.str_matches(DESA_PATTERN), nullable=nullable_below_kab),
    }


#: One row per family in the DTSEN registry extract.
FAMILIES = pa.DataFrameSchema(
    {
        "family_id": _str(pa.Check.str_matches(HASH_PATTERN), unique=True),
        "kk_hash": _str(pa.Check.str_matches(HASH_PATTERN), nullable=True),
        "nik_krt_hash": _str(pa.Check.str_matches(HASH_PATTERN), nullable=True),
        "nik_krt_valid": pa.Column("bool"),
        **_region_columns(),
        "desil": pa.Column("Int8", pa.Check.in_range(1, 10), nullable=True),
        "jml_art": pa.Column("Int16", pa.Check.in_range(1, 30), nullable=True),
        "status_keberadaan": _str(pa.Check.isin(STATUS_KEBERADAAN)),
        "tgl_meninggal": _date(),
        "status_padan": _str(pa.Check.isin(STATUS_PADAN)),
        "periode_data": _str(nullable=True),
        "tgl_update": _date(),
    },
    strict=True,
    coerce=False,
    name="families",
)

#: One row per family × programme × period (tahap = quarter) in the SK.
KPM = pa.DataFrameSchema(
    {
        "kpm_id": _str(pa.Check.str_matches(HASH_PATTERN)),
        "family_id": _str(pa.Check.str_matches(HASH_PATTERN), nullable=True),
        "program": _str(pa.Check.isin(PROGRAMS)),
        "tahun": pa.Column("int16", pa.Check.in_range(2015, 2100)),
        "tahap": pa.Column("int8", pa.Check.in_range(1, 4)),
        "periode": _str(pa.Check.str_matches(PERIODE_PATTERN)),
        "tgl_mulai": _date(nullable=False),
        "tgl_akhir": _date(nullable=False),
        "nominal": pa.Column("int64", pa.Check.ge(0)),
        "status_kpm": _str(pa.Check.isin(STATUS_KPM)),
        "alasan_nonaktif": _str(nullable=True),
        "bank": _str(pa.Check.isin(BANKS), nullable=True),
        "nik_pengurus_hash": _str(pa.Check.str_matches(HASH_PATTERN), nullable=True),
        "nik_pengurus_valid": pa.Column("bool"),
        **_region_columns(),
    },
    unique=["kpm_id", "program", "periode"],
    strict=True,
    name="kpm",
)

#: One row per payment attempt.
DISBURSEMENTS = pa.DataFrameSchema(
    {
        "trx_id": _str(unique=True),
        "kpm_id": _str(pa.Check.str_matches(HASH_PATTERN)),
        "program": _str(pa.Check.isin(PROGRAMS)),
        "tahun": pa.Column("int16", pa.Check.in_range(2015, 2100)),
        "tahap": pa.Column("int8", pa.Check.in_range(1, 4)),
        "periode": _str(pa.Check.str_matches(PERIODE_PATTERN)),
        "bulan_awal": pa.Column("Int8", pa.Check.in_range(1, 12), nullable=True),
        "bulan_akhir": pa.Column("Int8", pa.Check.in_range(1, 12), nullable=True),
        "no_sp2d": _str(nullable=True),
        "tgl_sp2d": _date(nullable=False),
        "kanal": _str(pa.Check.isin(KANAL)),
        "bank": _str(pa.Check.isin(BANKS), nullable=True),
        "nominal_alokasi": pa.Column("int64", pa.Check.ge(0)),
        "nominal_salur": pa.Column("int64", pa.Check.ge(0)),
        "tgl_kredit": _date(),
        "tgl_tarik": _date(),
        "status_salur": _str(pa.Check.isin(STATUS_SALUR)),
        "kode_gagal": _str(nullable=True),
        "tgl_retur": _date(),
        "nominal_retur": pa.Column("int64", pa.Check.ge(0)),
        "tgl_laporan": _date(nullable=False),
        **_region_columns(),
    },
    strict=True,
    name="disbursements",
)

#: Table name → schema, in the order the pipeline writes them.
TABLES: dict[str, pa.DataFrameSchema] = {
    "families": FAMILIES,
    "kpm": KPM,
    "disbursements": DISBURSEMENTS,
}

# --- small extra tables (dashboard.pipeline.extras) ---------------------------

PROGRAM_PEMBERDAYAAN = ("PENA", "KUBE")
JENIS_GRADUASI = ("MANDIRI", "ALAMIAH")
JENIS_BENCANA = ("BANJIR", "GAGAL_PANEN", "KEKERINGAN", "LONGSOR", "GEMPA", "PUTING_BELIUNG", "LAINNYA")

#: One row per empowerment participant (PENA, KUBE).
EMPOWERMENT = pa.DataFrameSchema(
    {
        "peserta_id": _str(pa.Check.str_matches(HASH_PATTERN), unique=True),
        "family_id": _str(pa.Check.str_matches(HASH_PATTERN), nullable=True),
        "program": _str(pa.Check.isin(PROGRAM_PEMBERDAYAAN)),
        "tgl_mulai": _date(nullable=False),
        "tahun": pa.Column("int16", pa.Check.in_range(2015, 2100)),
        "nilai": pa.Column("int64", pa.Check.ge(0)),
        **_region_columns(),
    },
    strict=True,
    name="empowerment",
)

#: One row per PKH graduation (first graduation of a KPM).
GRADUATIONS = pa.DataFrameSchema(
    {
        "kpm_id": _str(pa.Check.str_matches(HASH_PATTERN), unique=True),
        "tgl_graduasi": _date(nullable=False),
        "jenis_graduasi": _str(pa.Check.isin(JENIS_GRADUASI), nullable=True),
    },
    strict=True,
    name="graduations",
)

#: One row per disaster event × affected kecamatan.
DISASTER_EVENTS = pa.DataFrameSchema(
    {
        "kejadian_id": _str(),
        "jenis": _str(pa.Check.isin(JENIS_BENCANA)),
        "tgl_kejadian": _date(nullable=False),
        "tahun": pa.Column("int16", pa.Check.in_range(2015, 2100)),
        "kode_kab": _str(pa.Check.str_matches(KAB_PATTERN)),
        "kode_kec": _str(pa.Check.str_matches(KEC_PATTERN)),
    },
    unique=["kejadian_id", "kode_kec"],
    strict=True,
    name="disaster_events",
)

#: One row per emergency-aid recipient of an event (paid or not yet paid).
EMERGENCY_PAYMENTS = pa.DataFrameSchema(
    {
        "kejadian_id": _str(),
        "penerima_id": _str(pa.Check.str_matches(HASH_PATTERN)),
        "nominal": pa.Column("int64", pa.Check.ge(0)),
        "tgl_bayar": _date(),
        **_region_columns(),
    },
    unique=["kejadian_id", "penerima_id"],
    strict=True,
    name="emergency_payments",
)

#: One row per PKH facilitator and assigned kecamatan.
FACILITATORS = pa.DataFrameSchema(
    {
        "pendamping_id": _str(pa.Check.str_matches(HASH_PATTERN), unique=True),
        "kode_kab": _str(pa.Check.str_matches(KAB_PATTERN)),
        "kode_kec": _str(pa.Check.str_matches(KEC_PATTERN)),
    },
    strict=True,
    name="facilitators",
)

#: One row per PKH KPM with its facilitator.
FACILITATOR_KPM = pa.DataFrameSchema(
    {
        "kpm_id": _str(pa.Check.str_matches(HASH_PATTERN), unique=True),
        "pendamping_id": _str(pa.Check.str_matches(HASH_PATTERN)),
    },
    strict=True,
    name="facilitator_kpm",
)

#: Extra table name → schema (written by :mod:`dashboard.pipeline.extras` when the inputs exist).
EXTRA_TABLES: dict[str, pa.DataFrameSchema] = {
    "empowerment": EMPOWERMENT,
    "graduations": GRADUATIONS,
    "disaster_events": DISASTER_EVENTS,
    "emergency_payments": EMERGENCY_PAYMENTS,
    "facilitators": FACILITATORS,
    "facilitator_kpm": FACILITATOR_KPM,
}
