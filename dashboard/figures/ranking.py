"""Ranked bars, side-by-side comparisons, gaps and peer groups (plotly).

Pure builders over engine tables (:meth:`Engine.table`). Rates are plotted
as fractions with percent ticks; Indonesian separators (``,`` decimal,
``.`` thousands) are set on every figure. A missing value is never drawn as
zero: its bar is left out and the row says "tidak ada data".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard import formatting, i18n, presentation
from dashboard.figures.choropleth import interval_text
from dashboard.figures.colours import NO_DATA_COLOUR, QUALITATIVE
from dashboard.indicators.registry import Indicator

#: plotly ``separators``: decimal comma, thousands dot (Indonesian).
SEPARATORS = ",."


def tickformat(ind: Indicator) -> str:
    """Return the plotly tick format for an indicator's unit."""
    return {"persen": ".0%", "indeks": ".2f", "rasio": ".2f"}.get(ind.unit, ",.0f")


def sort_best_first(table: pd.DataFrame, direction: str) -> pd.DataFrame:
    """Order rows best → worst by value (lower first for ``lower_better``); missing values last."""
    ascending = direction == "lower_better"
    present = table.dropna(subset=["value"]).sort_values(
        ["value", "kode"], ascending=[ascending, True], kind="stable"
    )
    missing = table.loc[table["value"].isna()].sort_values("kode")
    return pd.concat([present, missing], ignore_index=True)


def _hover_data(frame: pd.DataFrame, ind: Indicator, lang: str) -> list[list[str]]:
    rows = []
    for row in frame.to_dict("records"):
        if formatting.is_missing(row.get("numerator")):
            fraction = i18n.t("map_tip_rows", lang, n=formatting.number(row.get("denominator"), lang=lang))
        else:
            fraction = i18n.t(
                "map_tip_fraction",
                lang,
                fraction=presentation.fraction_text(row.get("numerator"), row.get("denominator"), lang),
            )
        small = ("⚠ " + i18n.t("map_small_n", lang)) if bool(row.get("small_n")) else ""
        rows.append(
            [
                str(row["nama"]),
                presentation.value_text(ind, row.get("value"), lang),
                fraction,
                i18n.t("map_tip_ci", lang, interval=interval_text(row, ind, lang)),
                small,
            ]
        )
    return rows


_HOVER = "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]}<br>%{customdata[3]}<br>%{customdata[4]}<extra></extra>"


def _error(frame: pd.DataFrame) -> dict | None:
    if frame["ci_low"].isna().all():
        return None
    plus = (frame["ci_high"] - frame["value"]).astype(float)
    minus = (frame["value"] - frame["ci_low"]).astype(float)
    return {
        "type": "data",
        "array": [None if np.isnan(v) else float(v) for v in plus],
        "arrayminus": [None if np.isnan(v) else float(v) for v in minus],
        "color": "#333333",
        "thickness": 1.2,
        "width": 4,
    }


def ranked_bar(
    table: pd.DataFrame,
    ind: Indicator,
    program: str,
    periode: str,
    *,
    colours: Mapping[str, str],
    province_value: float | None = None,
    lang: str = "id",
    height: int = 560,
) -> go.Figure:
    """Horizontal bars of every region, best at the top, coloured like the map.

    Parameters
    ----------
    table : DataFrame
        Engine table (``kode``, ``nama``, ``numerator``, ``denominator``,
        ``value``, ``ci_low``, ``ci_high``, ``small_n``).
    ind : Indicator
        Registry entry (direction orders the bars; unit formats the axis).
    program, periode : str
        For the title.
    colours : mapping of str to str
        Bar colour per ``kode`` (the map's colours).
    province_value : float, optional
        Drawn as a vertical reference line.
    lang : {"id", "en"}
        Language.
    height : int
        Figure height in pixels.

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace; bars of regions without data are gaps (``None``) with
        a "tidak ada data" annotation; error bars show the 95 % Wilson
        interval where defined; hover carries numerator and denominator.
    """
    frame = sort_best_first(table, ind.direction)
    values = [None if formatting.is_missing(v) else float(v) for v in frame["value"]]
    names = [
        f"{n} *" if bool(s) and v is not None else str(n)
        for n, s, v in zip(frame["nama"], frame["small_n"], values, strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=names,
            orientation="h",
            marker={
                "color": [colours.get(str(k), NO_DATA_COLOUR) for k in frame["kode"]],
                "line": {"color": "#4d4d4d", "width": 0.8},
            },
            error_x=_error(frame),
            text=[presentation.value_text(ind, v, lang) if v is not None else "" for v in values],
            textposition="inside",
            insidetextanchor="end",
            textfont={"color": "#111111", "size": 12},
            customdata=_hover_data(frame, ind, lang),
            hovertemplate=_HOVER,
            name=presentation.label(ind, lang),
        )
    )
    for name, value in zip(names, values, strict=True):
        if value is None:
            fig.add_annotation(
                x=0,
                y=name,
                text=formatting.no_data(lang),
                showarrow=False,
                xanchor="left",
                font={"color": "#555555"},
            )
    if province_value is not None and not formatting.is_missing(province_value):
        fig.add_vline(
            x=float(province_value),
            line={"color": "#000000", "dash": "dash", "width": 1.5},
            annotation_text=i18n.t(
                "map_chart_province", lang, value=presentation.value_text(ind, province_value, lang)
            ),
            annotation_position="top",
        )
    fig.update_layout(
        title=presentation.chart_title(ind, program, periode, lang),
        separators=SEPARATORS,
        height=height,
        margin={"l": 10, "r": 20, "t": 70, "b": 40},
        yaxis={"autorange": "reversed", "title": None},
        xaxis={
            "tickformat": tickformat(ind),
            "title": presentation.unit_label(ind, lang),
            "rangemode": "tozero",
        },
        showlegend=False,
        plot_bgcolor="#ffffff",
    )
    fig.update_xaxes(gridcolor="#e5e5e5")
    return fig


def small_multiples(
    tables: Mapping[str, pd.DataFrame],
    indicators: Mapping[str, Indicator],
    provinces: Mapping[str, Mapping],
    codes: Sequence[str],
    program: str,
    periode: str,
    *,
    lang: str = "id",
) -> go.Figure:
    """One panel per indicator: the chosen regions as points with 95 % intervals and the province line.

    Parameters
    ----------
    tables : mapping of str to DataFrame
        Indicator id → engine table (all regions; rows are picked by ``codes``).
    indicators : mapping of str to Indicator
        Indicator id → registry entry, in panel order.
    provinces : mapping of str to mapping
        Indicator id → :meth:`Engine.province` row.
    codes : sequence of str
        The regions to compare, in display order (one colour each).
    program, periode : str
        For the title.
    lang : {"id", "en"}
        Language.

    Returns
    -------
    plotly.graph_objects.Figure
        Panels titled "indicator (unit)"; one trace per region (legend
        entry), missing values left out (gaps) and listed in the hover.
    """
    ids = list(indicators)
    cols = min(3, max(1, len(ids)))
    rows = int(np.ceil(len(ids) / cols)) if ids else 1
    titles = [
        f"{presentation.label(indicators[i], lang)} ({presentation.unit_label(indicators[i], lang)})"
        for i in ids
    ]
    fig = make_subplots(
        rows=rows, cols=cols, subplot_titles=titles, horizontal_spacing=0.12, vertical_spacing=0.22
    )
    for c_index, kode in enumerate(codes):
        colour = QUALITATIVE[c_index % len(QUALITATIVE)]
        for p_index, ind_id in enumerate(ids):
            ind = indicators[ind_id]
            frame = tables[ind_id]
            frame = frame.loc[frame["kode"] == kode]
            if frame.empty:
                continue
            row = frame.iloc[0].to_dict()
            value = row.get("value")
            r, c = p_index // cols + 1, p_index % cols + 1
            has = not formatting.is_missing(value)
            err = None
            if has and not formatting.is_missing(row.get("ci_low")):
                err = {
                    "type": "data",
                    "array": [float(row["ci_high"]) - float(value)],
                    "arrayminus": [float(value) - float(row["ci_low"])],
                    "color": colour,
                }
            fig.add_trace(
                go.Scatter(
                    x=[float(value) if has else None],
                    y=[str(row["nama"])],
                    mode="markers",
                    marker={"color": colour, "size": 11, "symbol": "circle"},
                    error_x=err,
                    name=str(row["nama"]),
                    legendgroup=kode,
                    showlegend=p_index == 0,
                    customdata=_hover_data(frame, ind, lang),
                    hovertemplate=_HOVER,
                ),
                row=r,
                col=c,
            )
    for p_index, ind_id in enumerate(ids):
        ind = indicators[ind_id]
        r, c = p_index // cols + 1, p_index % cols + 1
        prov = provinces.get(ind_id, {}).get("value")
        if not formatting.is_missing(prov):
            fig.add_vline(x=float(prov), line={"color": "#000000", "dash": "dash", "width": 1}, row=r, col=c)
        fmt = ".1%" if ind.unit == "persen" else tickformat(ind)
        fig.update_xaxes(tickformat=fmt, gridcolor="#e5e5e5", row=r, col=c)
        fig.update_yaxes(autorange="reversed", row=r, col=c)
    fig.update_layout(
        title=i18n.t(
            "compare_multiples_title", lang, program=program, period=presentation.period_label(periode, lang)
        ),
        separators=SEPARATORS,
        height=max(320, 250 * rows + 80),
        margin={"l": 10, "r": 20, "t": 90, "b": 30},
        plot_bgcolor="#ffffff",
        legend={"orientation": "h", "y": -0.08},
    )
    return fig


def gap_frame(table: pd.DataFrame, ind: Indicator, program: str, codes: Sequence[str]) -> pd.DataFrame:
    """Gap of each chosen region to the best region and to the target (green threshold).

    Gaps are *shortfalls* in the indicator's unit: positive = worse than the
    best region / target, zero or negative = at or beyond it.

    Parameters
    ----------
    table : DataFrame
        Engine table of all regions.
    ind : Indicator
        Registry entry (direction and thresholds).
    program : str
        Programme (thresholds may differ).
    codes : sequence of str
        Regions to report, in order.

    Returns
    -------
    DataFrame
        ``kode``, ``nama``, ``numerator``, ``denominator``, ``value``,
        ``best_nama``, ``best_value``, ``target``, ``gap_best``,
        ``gap_target`` (NaN when the value, the best or the target is missing).
    """
    present = table.dropna(subset=["value"])
    sign = -1.0 if ind.direction == "lower_better" else 1.0
    if present.empty or ind.direction == "neutral":
        best_nama, best_value = None, np.nan
    else:
        best = sort_best_first(present, ind.direction).iloc[0]
        best_nama, best_value = best["nama"], float(best["value"])
    thr = ind.thresholds_for(program)
    target = float(thr.hijau) if thr is not None and ind.direction != "neutral" else np.nan
    chosen = table.set_index("kode").reindex(list(codes)).reset_index()
    values = chosen["value"].astype(float)
    return pd.DataFrame(
        {
            "kode": chosen["kode"],
            "nama": chosen["nama"],
            "numerator": chosen["numerator"],
            "denominator": chosen["denominator"],
            "value": values,
            "best_nama": best_nama,
            "best_value": best_value,
            "target": target,
            "gap_best": sign * (best_value - values),
            "gap_target": sign * (target - values),
        }
    )


def gap_chart(
    gaps: pd.DataFrame, ind: Indicator, program: str, periode: str, *, lang: str = "id"
) -> go.Figure:
    """Draw grouped bars: shortfall to the best region and to the target for each chosen region.

    Parameters
    ----------
    gaps : DataFrame
        :func:`gap_frame` output.
    ind : Indicator
        Registry entry.
    program, periode : str
        For the title.
    lang : {"id", "en"}
        Language.

    Returns
    -------
    plotly.graph_objects.Figure
        Two bar traces (to the best, to the target); rates are shown in
        percentage points; missing gaps are gaps, never zero.
    """
    scale = 100.0 if ind.unit == "persen" else 1.0
    unit = i18n.t("compare_unit_points", lang) if ind.unit == "persen" else presentation.unit_label(ind, lang)

    def as_list(series: pd.Series) -> list[float | None]:
        return [None if formatting.is_missing(v) else float(v) * scale for v in series]

    hover = _hover_data(gaps, ind, lang)
    fig = go.Figure()
    best_name = (
        gaps["best_nama"].dropna().iloc[0] if gaps["best_nama"].notna().any() else formatting.no_data(lang)
    )
    for column, key, colour in (
        ("gap_best", "compare_gap_best", QUALITATIVE[0]),
        ("gap_target", "compare_gap_target", QUALITATIVE[1]),
    ):
        values = as_list(gaps[column])
        fig.add_trace(
            go.Bar(
                x=list(gaps["nama"]),
                y=values,
                name=i18n.t(key, lang, best=best_name),
                marker={"color": colour},
                text=[
                    formatting.number(v, 1, lang) if v is not None else formatting.no_data(lang)
                    for v in values
                ],
                textposition="outside",
                customdata=hover,
                hovertemplate=_HOVER,
            )
        )
    fig.add_hline(y=0, line={"color": "#000000", "width": 1})
    fig.update_layout(
        title=i18n.t(
            "compare_gap_title",
            lang,
            indicator=presentation.label(ind, lang),
            program=program,
            period=presentation.period_label(periode, lang),
            unit=unit,
        ),
        separators=SEPARATORS,
        barmode="group",
        height=420,
        yaxis={"title": unit, "gridcolor": "#e5e5e5", "zeroline": True},
        margin={"l": 10, "r": 20, "t": 70, "b": 40},
        plot_bgcolor="#ffffff",
        legend={"orientation": "h", "y": -0.15},
    )
    return fig


#: Peer-group schemes offered on the compare page.
PEER_SCHEMES: tuple[str, ...] = ("jenis", "pesisir", "kemiskinan")


def peer_groups(reference: pd.DataFrame, scheme: str) -> dict[str, list[str]]:
    """Split the kabupaten/kota into peer groups.

    Parameters
    ----------
    reference : DataFrame
        :func:`dashboard.reference.kabupaten` (``kode_kemendagri``,
        ``jenis``, ``pesisir``, ``p0_2024_pct``).
    scheme : {"jenis", "pesisir", "kemiskinan"}
        ``jenis``: kota vs kabupaten; ``pesisir``: coastal vs inland;
        ``kemiskinan``: terciles of the 2024 poverty rate (P0).

    Returns
    -------
    dict of str to list of str
        Group key (``kota``, ``kabupaten``, ``pesisir``, ``daratan``,
        ``rendah``, ``sedang``, ``tinggi``) → Kemendagri codes, sorted. A
        region without a poverty figure is left out of the terciles.
    """
    codes = reference["kode_kemendagri"].astype(str)
    if scheme == "jenis":
        groups = {
            "kota": codes[reference["jenis"] == "kota"],
            "kabupaten": codes[reference["jenis"] != "kota"],
        }
    elif scheme == "pesisir":
        coastal = reference["pesisir"].astype(bool)
        groups = {"pesisir": codes[coastal], "daratan": codes[~coastal]}
    elif scheme == "kemiskinan":
        p0 = pd.to_numeric(reference["p0_2024_pct"], errors="coerce")
        known = p0.notna()
        tercile = pd.qcut(p0[known].rank(method="first"), 3, labels=["rendah", "sedang", "tinggi"])
        groups = {name: codes[known][tercile == name] for name in ("rendah", "sedang", "tinggi")}
    else:
        raise ValueError(f"skema kelompok tidak dikenal {scheme!r}; pilih {PEER_SCHEMES}")
    return {name: sorted(members) for name, members in groups.items()}


# ---- tables for one region (profile) and for chosen regions (compare) ---------------------


def status_style(status: str) -> str:
    """CSS for a status cell: the map's colour, white text on the dark classes."""
    from dashboard.figures.colours import STATUS_COLOURS

    colour = STATUS_COLOURS.get(status)
    if colour is None:
        return ""
    text = "#ffffff" if status in ("hijau", "merah") else "#111111"
    return f"background-color: {colour}; color: {text}"


def region_table(
    table: pd.DataFrame, ind: Indicator, lang: str = "id", *, name_key: str = "col_nama"
) -> pd.DataFrame:
    """Format an engine table for display: name, value, fraction, interval, small-n, status.

    Parameters
    ----------
    table : DataFrame
        Engine table (any level).
    ind : Indicator
        Registry entry.
    lang : {"id", "en"}
        Language.
    name_key : str
        Translation key of the name column.

    Returns
    -------
    DataFrame
        Text cells (Indonesian formats; "tidak ada data" for missing values)
        plus a hidden-by-convention ``_status`` column with the raw status
        for colouring.
    """
    rows = table.to_dict("records")
    return pd.DataFrame(
        {
            i18n.t(name_key, lang): [str(r["nama"]) for r in rows],
            i18n.t("profile_col_value", lang): [
                presentation.value_text(ind, r.get("value"), lang) for r in rows
            ],
            i18n.t("profile_col_fraction", lang): [_fraction_cell(r, lang) for r in rows],
            i18n.t("profile_col_interval", lang): [interval_text(r, ind, lang) for r in rows],
            i18n.t("profile_col_small_n", lang): [
                i18n.t("profile_yes", lang) if bool(r.get("small_n")) else "" for r in rows
            ],
            i18n.t("profile_col_status", lang): [_status_cell(r, lang) for r in rows],
            "_status": [_status_raw(r) for r in rows],
        }
    )


def _status_raw(row: Mapping) -> str:
    return "tidak_ada_data" if formatting.is_missing(row.get("value")) else str(row.get("status"))


def _status_cell(row: Mapping, lang: str) -> str:
    return presentation.status_name(_status_raw(row), lang)


def _fraction_cell(row: Mapping, lang: str) -> str:
    if formatting.is_missing(row.get("numerator")):
        return i18n.t("map_tip_rows", lang, n=formatting.number(row.get("denominator"), lang=lang))
    return presentation.fraction_text(row.get("numerator"), row.get("denominator"), lang)


def _gap_text(ind: Indicator, gap: object, lang: str) -> str:
    if formatting.is_missing(gap):
        return formatting.no_data(lang)
    if ind.unit == "persen":
        return formatting.points(gap, lang=lang)
    sign = "+" if float(gap) > 0 else ("−" if float(gap) < 0 else "±")
    return sign + formatting.value(abs(float(gap)), ind.unit, lang)


def profile_rows(
    tables: Mapping[str, pd.DataFrame],
    indicators: Mapping[str, Indicator],
    kode: str,
    trends: Mapping[str, Sequence[float | None]],
    lang: str = "id",
) -> pd.DataFrame:
    """All indicators of one region: value, fraction, interval, small-n, status, gap, rank, trend.

    Parameters
    ----------
    tables : mapping of str to DataFrame
        Indicator id → engine table of the region's level (all regions; the
        rank is among them).
    indicators : mapping of str to Indicator
        Indicator id → registry entry, in display order.
    kode : str
        The region.
    trends : mapping of str to sequence
        Indicator id → quarterly values (``None`` = gap) for a sparkline.
    lang : {"id", "en"}
        Language.

    Returns
    -------
    DataFrame
        One row per indicator (text cells), a ``_trend`` list column, a
        ``_status`` raw-status column and a ``_group`` column.
    """
    records = []
    for ind_id, ind in indicators.items():
        frame = tables[ind_id]
        match = frame.loc[frame["kode"] == kode]
        row = (
            match.iloc[0].to_dict()
            if len(match)
            else {"nama": kode, "value": np.nan, "status": "tidak_ada_data"}
        )
        total = int(frame["value"].notna().sum())
        rank = row.get("rank")
        records.append(
            {
                i18n.t("profile_col_indicator", lang): presentation.label(ind, lang),
                i18n.t("profile_col_value", lang): presentation.value_text(ind, row.get("value"), lang),
                i18n.t("profile_col_fraction", lang): _fraction_cell(row, lang),
                i18n.t("profile_col_interval", lang): interval_text(row, ind, lang),
                i18n.t("profile_col_small_n", lang): i18n.t("profile_yes", lang)
                if bool(row.get("small_n"))
                else "",
                i18n.t("profile_col_status", lang): _status_cell(row, lang),
                i18n.t("profile_col_gap", lang): _gap_text(ind, row.get("gap_provinsi"), lang),
                i18n.t("profile_col_rank", lang): (
                    formatting.no_data(lang) if formatting.is_missing(rank) else f"{int(rank)} / {total}"
                ),
                "_trend": [None if formatting.is_missing(v) else float(v) for v in trends.get(ind_id, [])],
                "_status": _status_raw(row),
                "_group": ind.group,
            }
        )
    return pd.DataFrame(records)


def quality_summary(
    rows: Mapping[str, Mapping], indicators: Mapping[str, Indicator], lang: str = "id"
) -> tuple[str, str]:
    """Turn the ``dq_*`` indicators of one region into a badge level and sentence.

    Parameters
    ----------
    rows : mapping of str to mapping
        Indicator id → the region's engine-table row.
    indicators : mapping of str to Indicator
        Registry entries of those ids.
    lang : {"id", "en"}
        Language.

    Returns
    -------
    (str, str)
        ``("baik" | "perhatian" | "tidak_ada_data", sentence)``; the sentence
        names every indicator outside its green class with its value and
        numerator/denominator.
    """
    present = {i: r for i, r in rows.items() if not formatting.is_missing(r.get("value"))}
    if not present:
        return "tidak_ada_data", i18n.t("profile_quality_none", lang)
    issues = [
        f"{presentation.label(indicators[i], lang)} {presentation.value_text(indicators[i], r['value'], lang)}"
        f" ({_fraction_cell(r, lang)}, {presentation.status_name(str(r.get('status')), lang)})"
        for i, r in present.items()
        if r.get("status") in ("kuning", "merah")
    ]
    if issues:
        return "perhatian", i18n.t("profile_quality_attention", lang, issues="; ".join(issues))
    return "baik", i18n.t("profile_quality_good", lang, n=len(present), total=len(rows))


def profile_sentences(
    tables: Mapping[str, pd.DataFrame],
    indicators: Mapping[str, Indicator],
    provinces: Mapping[str, Mapping],
    kode: str,
    focus: str,
    lang: str = "id",
) -> list[str]:
    """Write a short narrative for one region: focus indicator, red indicators, funnel outliers.

    Parameters
    ----------
    tables : mapping of str to DataFrame
        Indicator id → kabupaten engine table.
    indicators : mapping of str to Indicator
        Registry entries, in order.
    provinces : mapping of str to mapping
        Indicator id → province row (only the focus indicator is needed).
    kode : str
        The region.
    focus : str
        The indicator chosen in the filters.
    lang : {"id", "en"}
        Language.

    Returns
    -------
    list of str
        Sentences; nothing is said about a missing value.
    """
    out = []
    rows = {}
    for ind_id, frame in tables.items():
        match = frame.loc[frame["kode"] == kode]
        if len(match):
            rows[ind_id] = match.iloc[0].to_dict()
    row = rows.get(focus)
    if row is not None and not formatting.is_missing(row.get("value")):
        ind = indicators[focus]
        label = presentation.label(ind, lang)
        out.append(
            i18n.t(
                "profile_narr_value",
                lang,
                indicator=label,
                region=row["nama"],
                value=presentation.value_text(ind, row["value"], lang),
                fraction=_fraction_cell(row, lang),
                rank=int(row["rank"]),
                total=int(tables[focus]["value"].notna().sum()),
                province=presentation.value_text(ind, provinces.get(focus, {}).get("value"), lang),
            )
        )
    red = [presentation.label(indicators[i], lang) for i, r in rows.items() if r.get("status") == "merah"]
    scored = [i for i, r in rows.items() if r.get("status") in ("hijau", "kuning", "merah")]
    if red:
        out.append(
            i18n.t("profile_narr_red", lang, count=len(red), total=len(scored), indicators=", ".join(red))
        )
    outliers = []
    for ind_id, r in rows.items():
        ind = indicators[ind_id]
        worse = "below" if ind.direction == "higher_better" else "above"
        if ind.direction != "neutral" and r.get("funnel") == worse:
            outliers.append(presentation.label(ind, lang))
    if outliers:
        out.append(i18n.t("profile_narr_funnel", lang, indicators=", ".join(outliers)))
    return out
