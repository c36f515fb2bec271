"""Synthetic identities: NIK, No. KK, names.

Reserved pattern (documented in ``scenario.toml``): a synthetic NIK or No. KK
is structurally valid — 6-digit Kemendagri kecamatan prefix, ``DDMMYY`` with
day + 40 for women (NIK) or the issue date (KK) — but its 4-digit serial is
always in ``9000``–``9999``. Serials are assigned by rank within each
(prefix, date) group, so no two synthetic people share a NIK.
"""

from __future__ import annotations

import numpy as np

from dashboard.synth.calendar import EPOCH

MALE_NAMES = (
    "AHMAD",
    "BUDI",
    "AGUS",
    "SUTRISNO",
    "SLAMET",
    "HENDRA",
    "RUDI",
    "JOKO",
    "SUPARMAN",
    "WAYAN",
    "NYOMAN",
    "SUKARDI",
    "HARYANTO",
    "EKO",
    "ANDI",
    "RAHMAT",
    "SUHERMAN",
    "DARMAWAN",
    "IWAN",
    "FAJAR",
    "MA’RUF",
    "NU’MAN",
    "YUSUF",
    "ARIF",
    "SAPRUDIN",
    "MUHAMMAD",
    "ROHMAN",
    "SUYADI",
    "TUGIMAN",
    "KETUT",
)
FEMALE_NAMES = (
    "SITI",
    "SRI",
    "NUR",
    "DEWI",
    "RATNA",
    "YULI",
    "SUMIATI",
    "SUPRIHATIN",
    "MARYANI",
    "WATI",
    "ENDANG",
    "RINA",
    "SUSANTI",
    "LESTARI",
    "NURHAYATI",
    "KOMANG",
    "RAHMAWATI",
    "SARI",
    "TUTI",
    "ANI",
    "SUGIARTI",
    "PARTINI",
    "FATIMAH",
    "ROSIDAH",
    "MASITOH",
    "JUMINAH",
    "NGATINI",
    "KARTINI",
    "LILIS",
    "MU’AWANAH",
)
SECOND_NAMES = (
    "",
    "",
    "",
    "SETIAWAN",
    "HIDAYAT",
    "SANTOSO",
    "WIBOWO",
    "SAPUTRA",
    "SAPUTRI",
    "LESTARI",
    "RAHAYU",
    "KURNIAWAN",
    "PRATAMA",
    "WATI",
    "YANTI",
    "NINGSIH",
    "SUSILO",
    "HANDAYANI",
    "ANWAR",
    "EFENDI",
    "IRAWAN",
    "FITRIANI",
    "MULYANI",
    "HASAN",
    "SALEH",
    "ROSADI",
    "SUPRIYADI",
    "PURNAMA",
    "ARIYANTO",
    "NOVITA",
)


def ddmmyy(days: np.ndarray, female: np.ndarray | None = None) -> np.ndarray:
    """Return ``DDMMYY`` integers of day numbers; women's day + 40 (NIK rule).

    Parameters
    ----------
    days : ndarray of int
        Days since 1970-01-01.
    female : ndarray of bool, optional
        Whether each person is a woman.

    Returns
    -------
    ndarray of int64
        ``DDMMYY`` (e.g. ``510385`` for a woman born 11 March 1985).
    """
    dt = days.astype("datetime64[D]")
    year = dt.astype("datetime64[Y]").astype(np.int64) + 1970
    month = dt.astype("datetime64[M]").astype(np.int64) % 12 + 1
    day = (dt - dt.astype("datetime64[M]")).astype(np.int64) + 1
    if female is not None:
        day = day + 40 * female.astype(np.int64)
    return day * 10000 + month * 100 + year % 100


def reserved_ids(prefix: np.ndarray, ddmmyy_part: np.ndarray, serial_min: int, serial_max: int) -> np.ndarray:
    """Build 16-digit identifiers with serials from the reserved synthetic range.

    Parameters
    ----------
    prefix : ndarray of int64
        6-digit kecamatan code (``180701``).
    ddmmyy_part : ndarray of int64
        6-digit date part.
    serial_min, serial_max : int
        Reserved serial range (``9000``–``9999``).

    Returns
    -------
    ndarray of int64
        ``prefix·10¹⁰ + ddmmyy·10⁴ + serial``, unique while a (prefix, date)
        group holds fewer than ``serial_max − serial_min + 1`` people.
    """
    base = prefix.astype(np.int64) * 10**6 + ddmmyy_part.astype(np.int64)
    order = np.argsort(base, kind="stable")
    sorted_base = base[order]
    starts = np.r_[True, sorted_base[1:] != sorted_base[:-1]]
    group_first = np.maximum.accumulate(np.where(starts, np.arange(len(base)), 0))
    rank = np.empty(len(base), dtype=np.int64)
    rank[order] = np.arange(len(base)) - group_first
    width = serial_max - serial_min + 1
    offset = (base * 2654435761) % width  # spreads serials over the reserved range, still unique per group
    serial = serial_min + (rank + offset) % width
    return base * 10**4 + serial


def random_days(rng: np.random.Generator, n: int, first_year: int, last_year: int) -> np.ndarray:
    """Return ``n`` uniform day numbers between 1 Jan ``first_year`` and 31 Dec ``last_year``."""
    lo = (np.datetime64(f"{first_year}-01-01") - np.datetime64(EPOCH)).astype(np.int64)
    hi = (np.datetime64(f"{last_year + 1}-01-01") - np.datetime64(EPOCH)).astype(np.int64)
    return rng.integers(lo, hi, n).astype(np.int32)
