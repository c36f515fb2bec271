r"""Decide what an uploaded file is from its bytes, never its name.

Accepted: CSV text (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252,
Latin-1) and XLSX (a zip with ``xl/workbook.xml``). Everything else is
refused with a Bahasa message naming the file: empty files, executables
renamed to ``.csv`` (ELF, MZ/PE, Mach-O, scripts with ``#!``), PDF, images,
archives, old ``.xls``, zips that are not workbooks, binary junk.

The XLSX guard runs *before* openpyxl touches the file: member count, names
(no absolute paths or ``..``), declared unpacked sizes against the configured
total, and the unpacked/packed ratio of each member (a compressed bomb packs
gigabytes of repeated bytes into kilobytes).
"""

from __future__ import annotations

import codecs
import zipfile
from dataclasses import dataclass
from pathlib import Path

from dashboard.errors import UserError

HEAD_BYTES = 64 * 1024
MAX_ZIP_MEMBERS = 10_000
#: Members smaller than this are never called bombs, whatever their ratio.
RATIO_FLOOR_BYTES = 1 << 20

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x7fELF", "program Linux (ELF executable)"),
    (b"MZ", "program Windows (EXE/DLL)"),
    (b"\xcf\xfa\xed\xfe", "program macOS (Mach-O)"),
    (b"\xfe\xed\xfa\xce", "program macOS (Mach-O)"),
    (b"\xca\xfe\xba\xbe", "program Java/macOS"),
    (b"#!", "skrip program (script)"),
    (b"%PDF", "dokumen PDF"),
    (b"\x89PNG", "gambar PNG (image)"),
    (b"\xff\xd8\xff", "gambar JPEG (image)"),
    (b"GIF8", "gambar GIF (image)"),
    (b"\x1f\x8b", "arsip gzip (archive)"),
    (b"7z\xbc\xaf", "arsip 7-Zip (archive)"),
    (b"Rar!", "arsip RAR (archive)"),
    (b"BZh", "arsip bzip2 (archive)"),
    (b"\xfd7zXZ", "arsip xz (archive)"),
    (b"SQLite format 3", "basis data SQLite (database)"),
    (b"PAR1", "berkas Parquet"),
)


@dataclass(frozen=True)
class Sniffed:
    """What a file is.

    Attributes
    ----------
    kind : {"csv", "xlsx"}
    encoding : str or None
        Text encoding for CSV (``utf-8``, ``utf-8-sig``, ``utf-16``, ``cp1252``, ``latin-1``).
    """

    kind: str
    encoding: str | None


def _fail(name: str, problem: str) -> UserError:
    return UserError(f"Berkas {name}: {problem}")


def check_size(path: Path, max_bytes: int, name: str | None = None) -> int:
    """Return the file size, refusing empty files and files over ``max_bytes``."""
    name = name or path.name
    size = path.stat().st_size
    if size == 0:
        raise _fail(name, "berkas kosong, tidak ada isi (empty file)")
    if size > max_bytes:
        raise _fail(
            name,
            f"terlalu besar ({size / 1e6:.0f} MB; batas {max_bytes / 1e6:.0f} MB per berkas) "
            "(file larger than the configured limit)",
        )
    return size


def detect_encoding(path: Path) -> str:
    """Return the text encoding of a file.

    UTF-16 needs a byte-order mark (or the zero-byte pattern of ASCII text in
    UTF-16); UTF-8 is checked over the whole file; else Windows-1252 when it
    decodes, else Latin-1 (which always decodes).
    """
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    if head.startswith(codecs.BOM_UTF8):
        enc = "utf-8-sig"
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    elif len(head) > 8 and head[1:400:2].count(0) > 0.8 * len(head[1:400:2]):
        return "utf-16-le"
    elif len(head) > 8 and head[0:400:2].count(0) > 0.8 * len(head[0:400:2]):
        return "utf-16-be"
    else:
        enc = "utf-8"
    decoder = codecs.getincrementaldecoder(enc)()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 22), b""):
                decoder.decode(block)
        decoder.decode(b"", final=True)
        return enc
    except UnicodeDecodeError:
        pass
    try:
        path.read_bytes().decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 13, 12))
    return control > max(8, len(head) // 100)


def check_xlsx(path: Path, max_unpacked: int, max_ratio: float, name: str | None = None) -> None:
    """Refuse a zip that is not a safe workbook (bomb, traversal, not XLSX).

    Parameters
    ----------
    path : Path
        Zip file.
    max_unpacked : int
        Largest total declared unpacked size, bytes.
    max_ratio : float
        Largest unpacked ÷ packed ratio of one member above 1 MB unpacked.
    name : str, optional
        Name to show (default the file name).

    Raises
    ------
    UserError
        With the reason.
    """
    name = name or path.name
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _fail(
            name, "XLSX rusak atau terpotong, tidak bisa dibuka (damaged or truncated XLSX)"
        ) from None
    if len(members) > MAX_ZIP_MEMBERS:
        raise _fail(name, f"arsip berisi {len(members)} bagian, terlalu banyak (too many zip members)")
    names = {m.filename for m in members}
    for member in members:
        parts = member.filename.replace("\\", "/").split("/")
        if member.filename.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
            raise _fail(name, f"arsip berisi nama berbahaya {member.filename!r} (path traversal in zip)")
        if member.flag_bits & 0x1:
            raise _fail(name, "XLSX terenkripsi/berkata sandi; simpan tanpa sandi (encrypted workbook)")
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise _fail(name, "berkas ZIP tetapi bukan buku kerja XLSX (a zip archive, not an XLSX workbook)")
    total = 0
    for member in members:
        total += member.file_size
        packed = max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR_BYTES and member.file_size / packed > max_ratio:
            raise _fail(
                name,
                f"bagian {member.filename} membengkak {member.file_size / packed:.0f}× saat dibuka "
                "(kemungkinan bom kompresi; compressed-bomb guard)",
            )
    if total > max_unpacked:
        raise _fail(
            name,
            f"isi XLSX {total / 1e6:.0f} MB setelah dibuka, melebihi batas {max_unpacked / 1e6:.0f} MB "
            "(unpacked size over the limit)",
        )


def sniff(path: Path, max_unpacked: int, max_ratio: float, name: str | None = None) -> Sniffed:
    """Return what ``path`` is, or raise a :class:`UserError` saying why it is refused.

    Parameters
    ----------
    path : Path
        Uploaded file.
    max_unpacked, max_ratio
        XLSX guard limits (see :func:`check_xlsx`).
    name : str, optional
        Name as uploaded (for messages).

    Returns
    -------
    Sniffed
        Kind and encoding.
    """
    name = name or path.name
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    if not head.strip():
        raise _fail(name, "berkas kosong, tidak ada isi (empty file)")
    if head.startswith(b"PK\x03\x04"):
        check_xlsx(path, max_unpacked, max_ratio, name)
        return Sniffed("xlsx", None)
    if head.startswith((b"PK\x05\x06", b"PK\x07\x08")):
        raise _fail(name, "arsip ZIP kosong atau terpecah (empty or split zip)")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise _fail(name, "format Excel lama (.xls); simpan ulang sebagai .xlsx atau CSV (old .xls format)")
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            raise _fail(name, f"isinya {what}, bukan CSV atau XLSX (not a CSV or XLSX file)")
    encoding = detect_encoding(path)
    if encoding.startswith("utf-16"):
        try:
            text_head = head.decode(encoding, errors="strict" if len(head) % 2 == 0 else "ignore")
        except UnicodeDecodeError:
            raise _fail(name, "teks UTF-16 rusak (damaged UTF-16 text)") from None
        if _looks_binary(text_head.lstrip("\ufeff").encode("utf-8", errors="replace")):
            raise _fail(name, "bukan CSV atau XLSX, isinya biner (binary content)")
        return Sniffed("csv", encoding)
    if _looks_binary(head):
        raise _fail(name, "bukan CSV atau XLSX, isinya biner (binary content, not CSV or XLSX)")
    return Sniffed("csv", encoding)
