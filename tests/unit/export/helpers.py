"""Scanning helpers: personal data must never reach an export."""

from __future__ import annotations

import io
import re
import zipfile

#: 16 digits not part of a longer number nor the fractional part of a decimal (0.2463301829881359)
NIK_LIKE = re.compile(r"(?<![\d.])\d{16}(?!\d)")
PERSONAL_COLUMNS = re.compile(
    r"\b(nama_krt|nama_pengurus|nama_penerima|nik_pengurus(_hash)?|nik_krt(_hash)?|kk_hash|no_kk|kpm_id|family_id|trx_id|no_rekening)\b",
    re.IGNORECASE,
)


def zip_text(data: bytes) -> str:
    """All XML/text parts of an Office file (slides, notes, chart XML, embedded chart workbooks' XML)."""
    parts = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            blob = archive.read(name)
            if name.endswith((".xml", ".rels")):
                parts.append(blob.decode("utf-8", errors="replace"))
            elif name.endswith(".xlsx"):  # chart data workbooks inside the PPTX
                parts.append(zip_text(blob))
    return "\n".join(parts)


def assert_no_personal_data(text: str) -> None:
    assert NIK_LIKE.search(text) is None, NIK_LIKE.search(text)
    assert PERSONAL_COLUMNS.search(text) is None, PERSONAL_COLUMNS.search(text)
