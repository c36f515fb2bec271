"""The region crosswalk: Kemendagri ↔ BPS ↔ names and aliases.

Lampung's two code systems disagree: Kemendagri ``18.01`` is Lampung Selatan
while BPS ``1801`` is Lampung Barat. The project normalises every region to a
Kemendagri code (dotted, ``18.01``; ``18.01.04``; ``18.01.04.2001``) and uses
BPS codes only to join BPS statistics. This module is the only place that
knows both systems; everything else asks it.

A raw value is resolved to a Kemendagri code or to a clear reason why not.
Ambiguous values (the alias "Tuba", or an undotted ``1801``–``1808`` whose
system is unknown) are reported with their candidates, never guessed.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from dashboard import config, reference

#: Reasons a value does not resolve (codes stored in quarantine and reports).
EMPTY = "WILAYAH_KOSONG"
UNKNOWN = "WILAYAH_TIDAK_DIKENAL"
AMBIGUOUS = "WILAYAH_AMBIGU"
OTHER_PROVINCE = "WILAYAH_PROVINSI_LAIN"

REASON_LABELS = {
    EMPTY: "Kode/nama wilayah kosong (empty region value)",
    UNKNOWN: "Kode/nama wilayah tidak dikenal (unknown region)",
    AMBIGUOUS: "Wilayah ambigu, cocok dengan lebih dari satu kabupaten (ambiguous region)",
    OTHER_PROVINCE: "Kode wilayah di luar Provinsi Lampung (outside Lampung)",
}

#: Which code system a raw column uses.
KEMENDAGRI = "kemendagri"
BPS = "bps"
AUTO = "auto"

_PREFIX_WORDS = (
    "kabupaten",
    "kab",
    "kota",
    "provinsi",
    "prov",
    "kecamatan",
    "kec",
    "desa",
    "kelurahan",
    "kel",
    "pekon",
    "tiyuh",
    "kampung",
)


@dataclass(frozen=True)
class Resolution:
    """The outcome of resolving one raw region value.

    Attributes
    ----------
    code : str or None
        Kemendagri code (dotted) when resolved.
    reason : str or None
        One of the reason constants when not resolved.
    candidates : tuple of str
        Every Kemendagri code the value could mean (several when ambiguous).
    method : str
        How it was resolved: ``kemendagri``, ``bps``, ``name``, ``alias``.
    """

    code: str | None
    reason: str | None = None
    candidates: tuple[str, ...] = field(default=())
    method: str = ""

    @property
    def ok(self) -> bool:
        """Whether the value resolved to exactly one code."""
        return self.code is not None


def normalise_name(value: str) -> str:
    """Reduce a region name to a comparison key.

    Case, accents, punctuation, repeated spaces and administrative prefixes
    ("Kabupaten", "Kab.", "Kota", "Provinsi", "Pekon", ...) are dropped, so
    ``"KAB. LAMPUNG  SELATAN"`` and ``"Lampung Selatan"`` give the same key.

    Parameters
    ----------
    value : str
        A raw name.

    Returns
    -------
    str
        Lower-case words joined by single spaces.
    """
    text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()
    words = text.split()
    while words and words[0] in _PREFIX_WORDS:
        words = words[1:]
    return " ".join(words)


def _squash(key: str) -> str:
    return key.replace(" ", "")


@lru_cache(maxsize=4)
def _tables(reference_dir: str) -> tuple[dict[str, str], dict[str, str], dict[str, tuple[str, ...]]]:
    kab = reference.kabupaten()
    bps_to_kmd = dict(zip(kab["kode_bps"], kab["kode_kemendagri"], strict=True))
    kmd_to_bps = {v: k for k, v in bps_to_kmd.items()}
    names: dict[str, set[str]] = {}

    def add(name: str, code: str) -> None:
        key = normalise_name(name)
        for variant in {key, _squash(key)}:
            names.setdefault(variant, set()).add(code)

    for row in kab.itertuples():
        add(row.nama_resmi, row.kode_kemendagri)
        add(row.nama_pendek, row.kode_kemendagri)
    aliases = reference.kabupaten_aliases()
    for row in aliases.itertuples():
        if row.kode_kemendagri:
            add(row.alias, row.kode_kemendagri)
        else:  # an ambiguous alias maps to every kabupaten it is used for
            for code in re.findall(r"18\.\d\d", row.catatan):
                add(row.alias, code)
    return kmd_to_bps, bps_to_kmd, {k: tuple(sorted(v)) for k, v in names.items()}


def _crosswalk() -> tuple[dict[str, str], dict[str, str], dict[str, tuple[str, ...]]]:
    return _tables(str(config.reference_dir()))


def kemendagri_codes() -> tuple[str, ...]:
    """Return the 15 Kemendagri kabupaten/kota codes in order."""
    return tuple(sorted(_crosswalk()[0]))


def to_bps(kode_kemendagri: str) -> str:
    """Return the BPS code of a Kemendagri kabupaten code (``18.01`` → ``1803``)."""
    return _crosswalk()[0][kode_kemendagri]


def from_bps(kode_bps: str) -> str:
    """Return the Kemendagri code of a BPS kabupaten code (``1801`` → ``18.04``)."""
    return _crosswalk()[1][str(kode_bps)]


def _as_text(value: object) -> str | None:
    """Turn a raw cell (str, int, float from Excel, NA) into stripped text."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip().strip("'\"").strip()
    if re.fullmatch(r"\d+\.0", text):  # "1801.0" written by a spreadsheet
        text = text[:-2]
    return text or None


def _digits_only(text: str) -> str | None:
    compact = re.sub(r"[\s.\-/]", "", text)
    return compact if compact.isdigit() else None


def normalise_code(value: object) -> str | None:
    """Format a Kemendagri code of any level as dotted text.

    ``1807052003``, ``"18.07.05.2003"`` and ``"18 07 05 2003"`` all give
    ``"18.07.05.2003"``. Lengths 2, 4, 6 and 10 digits map to province,
    kabupaten, kecamatan and desa. Anything else returns ``None``. The
    function does not check that the code exists, and it cannot tell an
    undotted BPS code from a Kemendagri one: callers that may receive BPS
    codes use :func:`resolve_kabupaten`.

    Parameters
    ----------
    value : object
        A raw cell.

    Returns
    -------
    str or None
        The dotted code.
    """
    text = _as_text(value)
    if text is None:
        return None
    digits = _digits_only(text)
    if digits is None:
        return None
    cuts = {2: (2,), 4: (2, 4), 6: (2, 4, 6), 10: (2, 4, 6, 10)}.get(len(digits))
    if cuts is None:
        return None
    parts, start = [], 0
    for end in cuts:
        parts.append(digits[start:end])
        start = end
    return ".".join(parts)


def resolve_kabupaten(value: object, system: str = AUTO) -> Resolution:
    """Resolve any raw kabupaten/kota value to a Kemendagri code.

    Accepted forms: dotted Kemendagri code (``18.01``), undotted code in
    either system (``1801``), integer or float cells from spreadsheets
    (``1801``, ``1801.0``), a longer Kemendagri code whose prefix is the
    kabupaten (``18.01.04``), and names with their variants and aliases
    ("KAB. LAMPUNG SELATAN", "Lamsel", "Tulangbawang", "Bandarlampung").

    Undotted four-digit codes are read in the given ``system``. With
    ``system="auto"`` a code that means different kabupaten in the two
    systems (``1801``–``1808``) is reported as ambiguous; codes that agree in
    both systems (``1809``–``1813``, ``1871``, ``1872``) resolve.

    Parameters
    ----------
    value : object
        Raw cell.
    system : {"auto", "kemendagri", "bps"}
        The code system of the column the value came from, when known.

    Returns
    -------
    Resolution
        The code, or the reason and the candidates.
    """
    kmd_to_bps, bps_to_kmd, names = _crosswalk()
    text = _as_text(value)
    if text is None:
        return Resolution(None, EMPTY)
    digits = _digits_only(text)
    if digits is not None:
        dotted = "." in text
        if len(digits) in (6, 10) or (dotted and len(digits) == 4):
            code = f"{digits[:2]}.{digits[2:4]}"
            return _known(code, kmd_to_bps, "kemendagri", digits)
        if len(digits) == 4:
            kmd = f"{digits[:2]}.{digits[2:]}"
            via_kmd = kmd if kmd in kmd_to_bps else None
            via_bps = bps_to_kmd.get(digits)
            if system == KEMENDAGRI:
                return _known(kmd, kmd_to_bps, "kemendagri", digits)
            if system == BPS:
                if via_bps:
                    return Resolution(via_bps, candidates=(via_bps,), method="bps")
                return _unknown_code(digits)
            found = tuple(sorted({c for c in (via_kmd, via_bps) if c}))
            if len(found) == 1:
                return Resolution(found[0], candidates=found, method="kemendagri=bps")
            if len(found) > 1:
                return Resolution(None, AMBIGUOUS, candidates=found)
            return _unknown_code(digits)
        return _unknown_code(digits)
    key = normalise_name(text)
    found = names.get(key) or names.get(_squash(key)) or ()
    if len(found) == 1:
        return Resolution(found[0], candidates=found, method="name")
    if len(found) > 1:
        return Resolution(None, AMBIGUOUS, candidates=found)
    return Resolution(None, UNKNOWN)


def _known(code: str, kmd_to_bps: dict[str, str], method: str, digits: str) -> Resolution:
    if code in kmd_to_bps:
        return Resolution(code, candidates=(code,), method=method)
    return _unknown_code(digits)


def _unknown_code(digits: str) -> Resolution:
    if digits[:2] != config.PROVINCE_CODE:
        return Resolution(None, OTHER_PROVINCE)
    return Resolution(None, UNKNOWN)


def resolve_kabupaten_with_name(code_value: object, name_value: object, system: str = AUTO) -> Resolution:
    """Resolve a kabupaten from a code column and a name column together.

    The name disambiguates an ambiguous code (``1801`` with "Lampung Barat"
    is BPS 1801 = Kemendagri 18.04) and the code disambiguates an ambiguous
    name ("Tuba" with ``18.05``). When both resolve but disagree the row is
    ambiguous: the export contradicts itself and a person must look.

    Parameters
    ----------
    code_value, name_value : object
        Raw cells; either may be empty.
    system : {"auto", "kemendagri", "bps"}
        Code system of the code column, when known.

    Returns
    -------
    Resolution
        The joint resolution.
    """
    by_code = resolve_kabupaten(code_value, system)
    by_name = resolve_kabupaten(name_value)
    if by_code.reason == EMPTY:
        return by_name
    if by_name.reason == EMPTY:
        return by_code
    if by_code.ok and by_name.ok:
        if by_code.code == by_name.code:
            return by_code
        return Resolution(None, AMBIGUOUS, candidates=tuple(sorted({by_code.code, by_name.code})))
    common = tuple(sorted(set(by_code.candidates) & set(by_name.candidates)))
    if len(common) == 1:
        return Resolution(common[0], candidates=common, method=f"{by_code.method or 'code'}+name")
    if by_code.ok:
        return by_code
    if by_name.ok:
        return by_name
    if by_code.reason == AMBIGUOUS or by_name.reason == AMBIGUOUS:
        cands = tuple(sorted(set(by_code.candidates) | set(by_name.candidates)))
        return Resolution(None, AMBIGUOUS, candidates=cands)
    return by_code
