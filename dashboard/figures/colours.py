"""Colour scales for maps and charts: colour-blind safe and legible on a projector.

Policy classes use ColorBrewer RdYlBu end points (blue = baik, orange =
perlu perhatian, red = buruk), which stay distinct for the common colour
vision deficiencies; "tidak ada data" is a neutral grey that no value can
take. Data-driven classes (natural breaks, quantiles, equal intervals) use
mapclassify and the sequential ColorBrewer YlGnBu scale.
"""

from __future__ import annotations

from dataclasses import dataclass

import mapclassify
import numpy as np
import pandas as pd

NO_DATA_COLOUR = "#d9d9d9"
NEUTRAL_FILL = "#c7e9c0"
OUTLINE_COLOUR = "#4d4d4d"

STATUS_COLOURS = {
    "hijau": "#2c7bb6",
    "kuning": "#fdae61",
    "merah": "#d7191c",
    "tidak_ada_data": NO_DATA_COLOUR,
}
STATUS_ORDER = ("hijau", "kuning", "merah", "tidak_ada_data")
SEQUENTIAL = ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494")
#: Qualitative palette for lines (Okabe–Ito), colour-blind safe.
QUALITATIVE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")

METHODS = ("natural_breaks", "quantiles", "equal_interval")


@dataclass(frozen=True)
class Classes:
    """A data-driven classification: bin upper bounds, colours per class and per value."""

    upper_bounds: tuple[float, ...]
    colours: tuple[str, ...]
    value_colours: tuple[str, ...]
    counts: tuple[int, ...]


def classify(values: pd.Series, method: str = "natural_breaks", k: int = 5) -> Classes:
    """Classify values into at most ``k`` classes; missing values get the no-data grey.

    Parameters
    ----------
    values : Series
        Indicator values (NaN = no data).
    method : {"natural_breaks", "quantiles", "equal_interval"}
        mapclassify scheme (Fisher-Jenks natural breaks by default).
    k : int, default 5
        Number of classes; reduced when there are fewer distinct values.

    Returns
    -------
    Classes
    """
    data = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
    present = data[~np.isnan(data)]
    distinct = np.unique(present)
    if distinct.size == 0:
        return Classes((), (), tuple(NO_DATA_COLOUR for _ in data), ())
    k = max(1, min(k, distinct.size))
    if k == 1:
        bins = np.array([distinct.max()])
    else:
        scheme = {
            "natural_breaks": mapclassify.FisherJenks,
            "quantiles": mapclassify.Quantiles,
            "equal_interval": mapclassify.EqualInterval,
        }[method]
        bins = np.unique(scheme(present, k=k).bins)
    palette = _palette(len(bins))
    index = np.searchsorted(bins, data, side="left")
    value_colours = tuple(
        NO_DATA_COLOUR if np.isnan(v) else palette[min(i, len(bins) - 1)]
        for v, i in zip(data, index, strict=True)
    )
    counts = tuple(int(np.sum(index[~np.isnan(data)] == i)) for i in range(len(bins)))
    return Classes(tuple(float(b) for b in bins), palette, value_colours, counts)


def _palette(n: int) -> tuple[str, ...]:
    if n <= 1:
        return (SEQUENTIAL[3],)
    positions = np.linspace(0, len(SEQUENTIAL) - 1, n).round().astype(int)
    return tuple(SEQUENTIAL[i] for i in positions)
