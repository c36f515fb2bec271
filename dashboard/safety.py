"""Cell safety for every exported table: no spreadsheet formula injection.

A text cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab/carriage
return, which some spreadsheet programs strip before evaluating) is read as a
formula by Excel and LibreOffice. Every exporter passes cell values through
:func:`escape_cell`, which prefixes such text with an apostrophe so it shows
as typed. Numbers, dates and ``None`` pass unchanged, so negative numbers stay
numbers.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def escape_cell(value: Any) -> Any:
    r"""Return ``value`` made safe to write into a spreadsheet cell.

    Parameters
    ----------
    value : Any
        Cell value.

    Returns
    -------
    Any
        Text starting with a formula character gets a leading apostrophe;
        anything else is returned unchanged.

    Examples
    --------
    >>> escape_cell("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> escape_cell(-5)
    -5
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def escape_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` with every text cell and column name escaped."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(escape_cell)
    out.columns = [escape_cell(c) for c in out.columns]
    return out
