"""A lazily rendered text column: numeric or coded source, sparse string patches.

Rendering 12 M transaction rows as Python or Arrow strings and rewriting whole
columns for every injected fault dominated the writer's time and memory. A
:class:`Column` keeps the cheap truth instead — integers to print, or indices
into a small label table — plus the few rows a fault replaced. Text is built
only for the rows asked for: the faulted subset (to derive its messy value)
and, at the end, one output batch at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

Predicate = Callable[[pa.Array], pa.Array]


@dataclass
class Column:
    """One export column of ``len(pos)`` rows.

    Attributes
    ----------
    source : ndarray of int64 or pyarrow string Array
        Integers printed as decimal text, or a table of string labels.
    pos : ndarray of int, optional
        Row → position in ``source``; ``None`` = row ``i`` shows ``source[i]``
        (reindexed columns share one ``pos`` array).
    empty : ndarray of bool, optional
        Numeric sources only: source positions printed as ``""``.
    patches : list of pyarrow string Array
        Replacement values, in the order they were put.
    patch_pos : ndarray of int32, optional
        Row → position in the concatenated ``patches`` (``-1`` = not replaced).
    prefix : str
        Numeric sources only: text written before every printed integer.
    """

    source: np.ndarray | pa.Array
    pos: np.ndarray | None
    empty: np.ndarray | None = None
    prefix: str = ""
    patches: list[pa.Array] = field(default_factory=list)
    patch_pos: np.ndarray | None = None
    _patch_cache: pa.Array | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.source) if self.pos is None else len(self.pos)

    def _positions(self, rows: np.ndarray) -> np.ndarray:
        return rows if self.pos is None else self.pos[rows]

    @property
    def numeric(self) -> bool:
        """Whether the source holds integers rather than labels."""
        return isinstance(self.source, np.ndarray)

    def patch_values(self) -> pa.Array:
        """Return every replacement value put so far as one array."""
        if self._patch_cache is None:
            self._patch_cache = (
                pa.concat_arrays(self.patches) if self.patches else pa.array([], type=pa.string())
            )
        return self._patch_cache

    def _source_text(self, positions: np.ndarray) -> pa.Array:
        if not self.numeric:
            return self.source.take(pa.array(positions))
        empty = None if self.empty is None else self.empty[positions]
        return _numeric_text(self.source[positions], empty, self.prefix)

    def text(self, rows: np.ndarray | None = None) -> pa.Array:
        """Return the current text of ``rows`` (all rows when omitted).

        Parameters
        ----------
        rows : ndarray of int, optional
            Row positions, any order, repeats allowed.

        Returns
        -------
        pyarrow.Array
            String values, replacements applied.
        """
        rows = np.arange(len(self)) if rows is None else np.asarray(rows, dtype=np.int64)
        values = self._source_text(self._positions(rows))
        if self.patch_pos is None:
            return values
        pp = self.patch_pos[rows]
        hit = pp >= 0
        if not hit.any():
            return values
        replacement = self.patch_values().take(pa.array(pp[hit]))
        return pc.replace_with_mask(values, pa.array(hit), replacement)

    def put(self, rows: np.ndarray, values: pa.Array | np.ndarray | list[str]) -> None:
        """Replace the text of ``rows`` by ``values`` (same length)."""
        if len(rows) == 0:
            return
        if not isinstance(values, pa.Array):
            values = pa.array(
                list(values) if not isinstance(values, np.ndarray) else values, type=pa.string()
            )
        if self.patch_pos is None:
            self.patch_pos = np.full(len(self), -1, dtype=np.int32)
        offset = sum(len(p) for p in self.patches)
        self.patches.append(values.cast(pa.string()))
        self._patch_cache = None
        self.patch_pos[np.asarray(rows, dtype=np.int64)] = offset + np.arange(len(values))

    def mask(self, predicate: Predicate) -> np.ndarray:
        """Return, per row, ``predicate`` of its current text as a bool array.

        ``predicate`` maps a string Array to a boolean Array; it is evaluated on
        the label table (coded source) or on the printed integers, and on the
        replacement values, never on a full text column.
        """
        if self.numeric:
            values = self.source
            if values.dtype != np.int64:
                values = values.astype(np.int64)
            on_source = _as_bool(predicate(_numeric_text(values, self.empty, self.prefix)))
        else:
            on_source = _as_bool(predicate(self.source))
        out = on_source.copy() if self.pos is None else on_source[self.pos]
        if self.patch_pos is not None:
            hit = np.flatnonzero(self.patch_pos >= 0)
            if len(hit):
                on_patch = _as_bool(predicate(self.patch_values()))
                out[hit] = on_patch[self.patch_pos[hit]]
        return out

    def reindex(self, rows: np.ndarray) -> Column:
        """Return the column of rows ``rows`` (repeats allowed), sharing the source.

        Columns without their own ``pos`` keep ``rows`` itself, not a copy.
        """
        return Column(
            self.source,
            self._positions(rows),
            self.empty,
            self.prefix,
            list(self.patches),
            None if self.patch_pos is None else self.patch_pos[rows],
            self._patch_cache,
        )


def _numeric_text(values: np.ndarray, empty: np.ndarray | None, prefix: str = "") -> pa.Array:
    text = pa.array(values).cast(pa.string())
    if prefix:
        text = pc.binary_join_element_wise(prefix, text, "")
    return text if empty is None else pc.if_else(pa.array(empty), "", text)


def _as_bool(values: pa.Array) -> np.ndarray:
    return np.asarray(values.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)


def numbers(values: np.ndarray, empty: np.ndarray | None = None, prefix: str = "") -> Column:
    """Return a column printing integers (``""`` where ``empty``), optionally after ``prefix``."""
    values = np.asarray(values)
    empty = None if empty is None else np.asarray(empty, dtype=bool)
    return Column(values, None, empty, prefix)


def coded(labels: pa.Array | list[str] | tuple[str, ...], codes: np.ndarray) -> Column:
    """Return a column showing ``labels[codes]``; negative codes show ``""``."""
    table = labels if isinstance(labels, pa.Array) else pa.array(list(labels), type=pa.string())
    codes = np.asarray(codes).astype(np.int32)
    if (codes < 0).any():
        table = pa.concat_arrays([table, pa.array([""], type=pa.string())])
        codes = np.where(codes < 0, np.int32(len(table) - 1), codes)
    return Column(table, codes)


def constant(value: str, n: int) -> Column:
    """Return a column repeating one value."""
    return coded([value], np.zeros(n, dtype=np.int32))
