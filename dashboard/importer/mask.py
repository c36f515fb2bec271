"""Mask personal values before anything is shown (UU 27/2022 PDP).

Identity numbers keep their first four digits (the kabupaten, which the
dashboard shows anyway) and last four; names become initials. Used for the
sample rows of the import preview; the processed tables never hold these
values at all.
"""

from __future__ import annotations

import re

import pandas as pd

from dashboard import rawformat

_NAME_COLUMNS = {"NAMA_KRT", "NAMA_PENGURUS"}


def mask_number(value: object) -> str:
    """Return an identity number as ``1807********0012`` (short values fully starred).

    Examples
    --------
    >>> mask_number("1807051203900012")
    '1807********0012'
    >>> mask_number("12345")
    '*****'
    """
    text = "" if value is None else str(value).strip()
    if not text:
        return ""
    if len(text) <= 8:
        return "*" * len(text)
    return text[:4] + "*" * (len(text) - 8) + text[-4:]


def initials(value: object) -> str:
    """Return a name as initials (``Siti Aminah`` → ``S. A.``)."""
    words = re.findall(r"[^\W\d_]+", "" if value is None else str(value))
    return " ".join(f"{w[0].upper()}." for w in words)


def mask_value(column: str, value: object) -> str:
    """Return one cell masked according to its canonical column."""
    if column in _NAME_COLUMNS:
        return initials(value)
    return mask_number(value)


def mask_text(value: object) -> str:
    """Mask any run of 8 or more digits inside free text (quarantine raw values)."""
    return re.sub(r"\d{8,}", lambda m: mask_number(m.group(0)), "" if value is None else str(value))


def mask_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy with every personal column (by canonical name) masked."""
    personal = rawformat.personal_columns()
    out = frame.copy()
    for column in out.columns:
        if column in personal:
            out[column] = [mask_value(column, v) for v in out[column]]
    return out
