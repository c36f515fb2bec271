"""Choropleth data: colours, tooltips, value labels and legend classes per area.

Pure functions turning an engine table (:meth:`Engine.table`) into
:class:`~dashboard.figures.maps.AreaStyle` objects and legend entries. Two
colourings exist:

* ``policy`` (default): the traffic-light status from the registry
  thresholds (``STATUS_COLOURS``);
* data-driven (``natural_breaks``, ``quantiles``): mapclassify classes
  computed over *all* the values given (pool the periods of a before/after
  view so both maps share one set of classes).

Areas without a value always get the no-data grey and their own legend
class ("tidak ada data"); a missing value never looks like a value.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from dashboard import formatting, i18n, presentation
from dashboard.figures.colours import NEUTRAL_FILL, NO_DATA_COLOUR, STATUS_COLOURS, STATUS_ORDER, classify
from dashboard.figures.maps import AreaStyle
from dashboard.indicators.registry import Indicator

#: Colouring modes offered on the map page (first = default).
MODES: tuple[str, ...] = ("policy", "natural_breaks", "quantiles")


@dataclass(frozen=True)
class LegendItem:
    """One legend class: swatch colour, range text and number of areas in it."""

    colour: str
    text: str
    count: int


@dataclass(frozen=True)
class Colouring:
    """Fill colour per area code and the legend that explains it."""

    colours: dict[str, str]
    legend: tuple[LegendItem, ...]


def _present(value: object) -> bool:
    return not formatting.is_missing(value)


def policy_colouring(table: pd.DataFrame, ind: Indicator, program: str, lang: str = "id") -> Colouring:
    """Colour areas by their traffic-light status (policy thresholds).

    Parameters
    ----------
    table : DataFrame
        Engine table (``kode``, ``value``, ``status``).
    ind : Indicator
        Registry entry (its thresholds word the legend).
    program : str
        Programme (thresholds may differ per programme).
    lang : {"id", "en"}
        Legend language.

    Returns
    -------
    Colouring
        ``hijau``/``kuning``/``merah`` colours, no-data grey for missing
        values; a neutral indicator (``tanpa_ambang``) gets the neutral fill.
        The legend lists every class with its range and count.
    """
    colours: dict[str, str] = {}
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for kode, value, status in zip(table["kode"], table["value"], table["status"], strict=True):
        if not _present(value):
            status = "tidak_ada_data"
        colours[str(kode)] = STATUS_COLOURS.get(status, NEUTRAL_FILL)
        counts[status] = counts.get(status, 0) + 1
    items = [
        LegendItem(
            STATUS_COLOURS[entry.status],
            presentation.status_name(entry.status, lang)
            + ("" if entry.status == "tidak_ada_data" else f" ({entry.text})"),
            counts.get(entry.status, 0),
        )
        for entry in presentation.threshold_legend(ind, program, lang)
    ]
    if counts.get("tanpa_ambang"):
        items.insert(
            0,
            LegendItem(NEUTRAL_FILL, presentation.status_name("tanpa_ambang", lang), counts["tanpa_ambang"]),
        )
    return Colouring(colours, tuple(items))


def data_colouring(
    tables: Iterable[pd.DataFrame],
    ind: Indicator,
    method: str = "natural_breaks",
    k: int = 5,
    lang: str = "id",
) -> list[Colouring]:
    """Colour areas by data-driven classes shared by several tables.

    Parameters
    ----------
    tables : iterable of DataFrame
        Engine tables (one per period); the classes are computed over the
        values of all of them so the maps are comparable.
    ind : Indicator
        Registry entry (unit for the range texts).
    method : {"natural_breaks", "quantiles", "equal_interval"}
        mapclassify scheme.
    k : int
        Number of classes (fewer when there are fewer distinct values).
    lang : {"id", "en"}
        Legend language.

    Returns
    -------
    list of Colouring
        One per table, in order; every legend lists the class ranges (lower
        bound exclusive except the first), the number of areas of *that*
        table in each class, and the "tidak ada data" class.
    """
    frames = list(tables)
    pooled = pd.concat([pd.to_numeric(f["value"], errors="coerce") for f in frames], ignore_index=True)
    classes = classify(pooled, method, k)
    bounds = np.asarray(classes.upper_bounds, dtype=float)
    present = pooled.dropna()
    low_edge = float(present.min()) if len(present) else float("nan")
    out = []
    for frame in frames:
        values = pd.to_numeric(frame["value"], errors="coerce").to_numpy(dtype=float)
        index = np.searchsorted(bounds, values, side="left") if len(bounds) else np.zeros(len(values), int)
        colours = {}
        counts = [0] * len(bounds)
        missing = 0
        for kode, value, i in zip(frame["kode"], values, index, strict=True):
            if np.isnan(value) or not len(bounds):
                colours[str(kode)] = NO_DATA_COLOUR
                missing += 1
                continue
            i = min(int(i), len(bounds) - 1)
            colours[str(kode)] = classes.colours[i]
            counts[i] += 1
        items = []
        for i, upper in enumerate(bounds):
            lower = low_edge if i == 0 else float(bounds[i - 1])
            lo_text = presentation.value_text(ind, lower, lang)
            hi_text = presentation.value_text(ind, upper, lang)
            text = f"{lo_text} – {hi_text}" if i == 0 else f"> {lo_text} – {hi_text}"
            items.append(LegendItem(classes.colours[i], text, counts[i]))
        items.append(LegendItem(NO_DATA_COLOUR, formatting.no_data(lang), missing))
        out.append(Colouring(colours, tuple(items)))
    return out


def tooltip_lines(row: Mapping, ind: Indicator, lang: str = "id") -> tuple[str, ...]:
    """Tooltip lines for one area: value, numerator/denominator, 95 % interval, small-n warning.

    Parameters
    ----------
    row : mapping
        One engine-table row.
    ind : Indicator
        Registry entry.
    lang : {"id", "en"}
        Language.

    Returns
    -------
    tuple of str
        Plain text lines (the map escapes them).
    """
    value = row.get("value")
    lines = [f"{presentation.label(ind, lang)}: {presentation.value_text(ind, value, lang)}"]
    if not _present(value):
        return tuple(lines)
    if _present(row.get("numerator")):
        lines.append(
            i18n.t(
                "map_tip_fraction",
                lang,
                fraction=presentation.fraction_text(row.get("numerator"), row.get("denominator"), lang),
            )
        )
    else:
        lines.append(i18n.t("map_tip_rows", lang, n=formatting.number(row.get("denominator"), lang=lang)))
    if _present(row.get("ci_low")) and _present(row.get("ci_high")):
        lines.append(i18n.t("map_tip_ci", lang, interval=interval_text(row, ind, lang)))
    status = row.get("status")
    if status in STATUS_COLOURS and status != "tidak_ada_data":
        lines.append(i18n.t("map_tip_status", lang, status=presentation.status_name(status, lang)))
    if bool(row.get("small_n")):
        lines.append("⚠ " + i18n.t("map_small_n", lang))
    return tuple(lines)


def interval_text(row: Mapping, ind: Indicator, lang: str = "id") -> str:
    """Return ``"79,1% – 83,0%"`` for the 95 % interval, or "tidak ada data"."""
    low, high = row.get("ci_low"), row.get("ci_high")
    if not (_present(low) and _present(high)):
        return formatting.no_data(lang)
    return f"{presentation.value_text(ind, low, lang)} – {presentation.value_text(ind, high, lang)}"


def area_styles(
    table: pd.DataFrame, colours: Mapping[str, str], ind: Indicator, lang: str = "id"
) -> dict[str, AreaStyle]:
    """Combine colours, tooltips and value labels into one style per area.

    Parameters
    ----------
    table : DataFrame
        Engine table.
    colours : mapping of str to str
        Fill per ``kode`` (from :func:`policy_colouring` or :func:`data_colouring`).
    ind : Indicator
        Registry entry.
    lang : {"id", "en"}
        Language.

    Returns
    -------
    dict of str to AreaStyle
        The value label is the formatted value, "tidak ada data" when missing.
    """
    styles = {}
    for row in table.to_dict("records"):
        kode = str(row["kode"])
        label = presentation.value_text(ind, row.get("value"), lang)
        if bool(row.get("small_n")) and _present(row.get("value")):
            label += " *"
        styles[kode] = AreaStyle(colours.get(kode, NO_DATA_COLOUR), tooltip_lines(row, ind, lang), label)
    return styles


def legend_html(items: Iterable[LegendItem], title: str = "", note: str = "", lang: str = "id") -> str:
    """Render legend items as a compact HTML block (swatch, range, count).

    Parameters
    ----------
    items : iterable of LegendItem
        Legend classes.
    title : str
        Bold heading (e.g. the classification name).
    note : str
        A line in italics under the swatches (e.g. which direction is better).
    lang : {"id", "en"}
        Language of the "n wilayah" counts.

    Returns
    -------
    str
        HTML for ``st.markdown(..., unsafe_allow_html=True)``.
    """
    parts = []
    for item in items:
        count = html.escape(i18n.t("map_legend_count", lang, n=item.count))
        parts.append(
            '<span style="display:inline-block;margin-right:14px;white-space:nowrap">'
            f'<span style="display:inline-block;width:14px;height:14px;background:{item.colour};'
            'border:1px solid #555;vertical-align:-2px;margin-right:5px"></span>'
            f"{html.escape(item.text)} <span style='color:#555'>({count})</span></span>"
        )
    head = f"<b>{html.escape(title)}</b><br>" if title else ""
    tail = f"<br><i>{html.escape(note)}</i>" if note else ""
    return f'<div style="font-size:0.9rem;line-height:1.8">{head}{"".join(parts)}{tail}</div>'


def areas_in(layer: gpd.GeoDataFrame, kode_kab: str) -> gpd.GeoDataFrame:
    """Return the kecamatan of one kabupaten (``kode_kab``) from the kecamatan layer."""
    return layer.loc[layer["kode_kab"] == kode_kab, ["kode", "nama", "geometry"]].reset_index(drop=True)


def named(table: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """Replace names that are only codes (kecamatan in the engine) by the boundary layer's names.

    Parameters
    ----------
    table : DataFrame
        Engine table (``kode``, ``nama``).
    areas : DataFrame
        Layer rows with ``kode`` and ``nama``.

    Returns
    -------
    DataFrame
        A copy of ``table`` whose ``nama`` comes from ``areas`` where known.
    """
    names = dict(zip(areas["kode"], areas["nama"], strict=True))
    out = table.copy()
    out["nama"] = [names.get(k, n) for k, n in zip(out["kode"], out["nama"], strict=True)]
    return out


def tile_inputs(
    styles: Mapping[str, AreaStyle], names: Mapping[str, str]
) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Turn area styles into the colours, labels and hover texts of :func:`~dashboard.figures.tiles.tile_map`.

    Parameters
    ----------
    styles : mapping of str to AreaStyle
        From :func:`area_styles`.
    names : mapping of str to str
        Display name per ``kode`` (bold first hover line).

    Returns
    -------
    (dict, dict, dict)
        Fill colours, value labels and HTML hover texts per ``kode``.
    """
    colours = {k: s.fill for k, s in styles.items()}
    labels = {k: html.escape(s.label) for k, s in styles.items()}
    hover = {
        k: "<br>".join([f"<b>{html.escape(names.get(k, k))}</b>", *(html.escape(t) for t in s.tooltip)])
        for k, s in styles.items()
    }
    return colours, labels, hover
