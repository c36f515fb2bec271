"""The meeting pack: one plain data structure that every export format renders.

:func:`build_pack` reads the engine for a set of filters (the same as the
URL: programme, period, headline indicator, kabupaten, language) and returns
a :class:`Pack`: slides with a title, bullet lines carrying their numbers,
text tables, chart data, a map description and speaker notes, plus the
indicator tables and definitions for the workbook. The PPTX, PDF and XLSX
writers and the presenter page all draw from it, so they show the same
numbers. Only aggregates ever enter a pack (the engine holds no rows).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dashboard import config, formatting, i18n, narrative, presentation
from dashboard.figures import choropleth
from dashboard.figures import disparity as disparity_fig
from dashboard.indicators.engine import Engine
from dashboard.indicators.registry import INDICATORS, LEVELS, Indicator

#: Province KPIs shown on the overview and on every kabupaten slide (when the programme has them).
KPI_IDS: tuple[str, ...] = (
    "cakupan_sasaran",
    "inklusi",
    "realisasi_kpm",
    "tepat_waktu",
    "hari_terlambat_median",
    "gagal",
)
DEFAULT_INDICATOR = "realisasi_kpm"
#: Rows of the "biggest gaps" table.
GAP_ROWS = 8
#: Disparity measures on the disparity slide, in order.
DISPARITY_ROWS: tuple[str, ...] = (
    "gap_terbaik_terburuk",
    "gap_provinsi_terburuk",
    "ratio_max_min",
    "gini",
    "theil_total",
    "theil_between",
    "theil_within",
)
FORMATS: tuple[str, ...] = ("pptx", "pdf", "xlsx")


@dataclass(frozen=True)
class Table:
    """A text table: header, rows of display strings, and a status per row (for colour)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    statuses: tuple[str, ...] = ()


def column_shares(table: Table, minimum: int = 7) -> list[float]:
    """Share of the table width per column, from the longest text in each (for the renderers)."""
    lengths = [max([len(h), minimum, *(len(r[i]) for r in table.rows)]) for i, h in enumerate(table.columns)]
    total = float(sum(lengths))
    return [n / total for n in lengths]


@dataclass(frozen=True)
class Series:
    """One chart series: a name and one value per category (``None`` = no data)."""

    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Chart:
    """Chart data: ``bar`` (ranked, one series, colour per category) or ``line`` (trend)."""

    kind: str
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    axis_title: str
    number_format: str = "0.0"
    colours: tuple[str, ...] = ()


@dataclass(frozen=True)
class MapData:
    """A choropleth of kabupaten: fill colour and value text per code, legend lines."""

    title: str
    colours: Mapping[str, str]
    labels: Mapping[str, str]
    legend: tuple[tuple[str, str], ...]
    attribution: str = config.BOUNDARY_ATTRIBUTION


@dataclass(frozen=True)
class Slide:
    """One slide (or PDF page, or presenter step)."""

    kind: str
    title: str
    subtitle: str = ""
    bullets: tuple[str, ...] = ()
    table: Table | None = None
    chart: Chart | None = None
    map: MapData | None = None
    notes: str = ""
    kode: str | None = None


@dataclass(frozen=True)
class Sheet:
    """A workbook sheet: a name, header and rows of plain values (numbers stay numbers)."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    #: column index → Excel number format
    formats: Mapping[int, str] = field(default_factory=dict)
    #: columns holding a fraction that reads as a percent on rows flagged in ``percent_rows``
    percent_columns: tuple[int, ...] = ()
    percent_rows: tuple[bool, ...] = ()


@dataclass(frozen=True)
class Pack:
    """Everything a meeting pack shows, in one language."""

    title: str
    program: str
    periode: str
    indicator: str
    kabupaten: tuple[str, ...]
    lang: str
    as_of: dt.date | None
    synthetic: bool
    sources: tuple[str, ...]
    filters: str
    slides: tuple[Slide, ...]
    sheets: tuple[Sheet, ...]

    @property
    def footer(self) -> str:
        """One line for every slide and page: synthetic label, source, as-of date, boundaries."""
        head = f"{config.SYNTHETIC_LABEL} · " if self.synthetic else ""
        return head + " · ".join(self.sources)


# ---- small helpers ------------------------------------------------------------------------
def is_synthetic(eng: Engine) -> bool:
    """Return whether the engine's data is synthetic (``True`` unless the report says ``nyata``)."""
    return (eng.quality_report or {}).get("source") != "nyata"


def kabupaten_codes(eng: Engine) -> list[str]:
    """Return the 15 kabupaten/kota codes the engine knows, sorted."""
    prefix = config.PROVINCE_CODE + "."
    return sorted(k for k in eng.names if len(k) == 5 and k.startswith(prefix))


def indicator_options(program: str, level: str = "kabupaten") -> list[str]:
    """Registry ids usable as the headline for a programme at a level."""
    return [i for i, ind in INDICATORS.items() if program in ind.programs and level in ind.levels]


def period_options(eng: Engine, program: str) -> list[str]:
    """Quarters (newest first), then years (newest first) — as on the pages."""
    return sorted(eng.periods(program), reverse=True) + sorted(eng.years(program), reverse=True)


def default_period(eng: Engine, program: str) -> str | None:
    """Return the newest quarter that ended before the report date, else the newest period."""
    quarters = sorted(eng.periods(program), reverse=True)
    if not quarters:
        options = period_options(eng, program)
        return options[0] if options else None
    as_of = eng.as_of
    for periode in quarters:
        year, q = periode.split("-T")
        if (int(year), int(q) * 3) < (as_of.year, as_of.month):
            return periode
    return quarters[-1]


def short_period(periode: str, lang: str = "id") -> str:
    """Short axis label: ``2025-T2`` → "T2 2025" (English "Q2 2025")."""
    if "-T" not in periode:
        return periode
    year, quarter = periode.split("-T")
    return f"{'Q' if lang == 'en' else 'T'}{quarter} {year}"


def chart_value(ind: Indicator, value: object) -> float | None:
    """Return a value as plotted: percent for rates (81.23), the raw value otherwise; ``None`` when missing."""
    if formatting.is_missing(value):
        return None
    scaled = float(value) * (100.0 if ind.unit == "persen" else 1.0)
    return round(scaled, 2)


def gap_text(ind: Indicator, gap: object, lang: str) -> str:
    """Format a difference in the indicator's unit (points for rates)."""
    if formatting.is_missing(gap):
        return formatting.no_data(lang)
    if ind.unit == "persen":
        return formatting.points(gap, lang=lang)
    text = formatting.value(abs(float(gap)), ind.unit, lang)
    return ("+" if float(gap) > 0 else "−" if float(gap) < 0 else "±") + text


def fraction(row: Mapping, lang: str) -> str:
    """Numerator / denominator, or "n = …" for a median."""
    if formatting.is_missing(row.get("numerator")):
        if formatting.is_missing(row.get("denominator")):
            return formatting.no_data(lang)
        return f"n = {formatting.number(row.get('denominator'), lang=lang)}"
    return presentation.fraction_text(row.get("numerator"), row.get("denominator"), lang)


def _status(row: Mapping) -> str:
    return "tidak_ada_data" if formatting.is_missing(row.get("value")) else str(row.get("status"))


def _row(table: pd.DataFrame, kode: str) -> dict:
    hit = _records(table).get(kode)
    return dict(hit) if hit is not None else {"kode": kode, "value": np.nan, "status": "tidak_ada_data"}


_RECORDS: dict[int, tuple[pd.DataFrame, dict[str, dict]]] = {}


def _records(table: pd.DataFrame) -> dict[str, dict]:
    """Kode → row dict of an engine table (memoised per table object while building one pack)."""
    hit = _RECORDS.get(id(table))
    if hit is not None and hit[0] is table:
        return hit[1]
    records = {str(r["kode"]): r for r in table.to_dict("records")}
    _RECORDS[id(table)] = (table, records)
    return records


def definition_note(ind: Indicator, row: Mapping | None, lang: str, program: str | None = None) -> str:
    """Speaker-note text for one number: definition, numerator and denominator in words, the counts."""
    parts = [
        f"{presentation.label(ind, lang)}: {presentation.definition(ind, lang)}",
        i18n.t(
            "pack_note_numden",
            lang,
            numerator=presentation.numerator(ind, lang),
            denominator=presentation.denominator(ind, lang),
        ),
    ]
    if row is not None:
        parts.append(
            i18n.t(
                "pack_note_value",
                lang,
                value=presentation.value_text(ind, row.get("value"), lang),
                fraction=fraction(row, lang),
            )
        )
    if program is not None:
        legend = "; ".join(
            f"{presentation.status_name(e.status, lang)} {e.text}".strip()
            for e in presentation.threshold_legend(ind, program, lang)
            if e.status != "tidak_ada_data"
        )
        if legend:
            parts.append(i18n.t("pack_note_thresholds", lang, legend=legend))
    parts.append(i18n.t("pack_note_source", lang, source=ind.source))
    return " ".join(parts)


# ---- the slides ---------------------------------------------------------------------------
@dataclass(frozen=True)
class _Ctx:
    eng: Engine
    program: str
    periode: str
    ind: Indicator
    kabs: tuple[str, ...]
    lang: str
    previous: str | None
    kpis: tuple[str, ...]
    kec_names: Mapping[str, str]
    trends: Mapping[str, Mapping[str, float]] = field(default_factory=dict)

    @property
    def period(self) -> str:
        return presentation.period_label(self.periode, self.lang)


def _kpi_table(c: _Ctx) -> tuple[Table, list[str]]:
    lang = c.lang
    rows, statuses, notes = [], [], []
    for ind_id in c.kpis:
        ind = INDICATORS[ind_id]
        row = c.eng.province(ind_id, program=c.program, periode=c.periode)
        change = formatting.no_data(lang)
        if c.previous:
            prev = c.eng.province(ind_id, program=c.program, periode=c.previous)
            if not formatting.is_missing(row.get("value")) and not formatting.is_missing(prev.get("value")):
                change = gap_text(ind, float(row["value"]) - float(prev["value"]), lang)
        status = _status(row)
        rows.append(
            (
                presentation.label(ind, lang),
                presentation.value_text(ind, row.get("value"), lang),
                fraction(row, lang),
                change,
                presentation.status_name(status, lang),
            )
        )
        statuses.append(status)
        notes.append(definition_note(ind, row, lang, c.program))
    columns = (
        i18n.t("pack_col_indicator", lang),
        i18n.t("pack_col_value", lang),
        i18n.t("pack_col_fraction", lang),
        i18n.t("pack_col_change", lang),
        i18n.t("pack_col_status", lang),
    )
    return Table(columns, tuple(rows), tuple(statuses)), notes


def _title_slide(c: _Ctx, pack_title: str, filters: str, as_of: dt.date | None, synthetic: bool) -> Slide:
    lang = c.lang
    bullets = [
        i18n.t("pack_title_program", lang, program=c.program),
        i18n.t("pack_title_period", lang, period=c.period),
        i18n.t("pack_title_indicator", lang, indicator=presentation.label(c.ind, lang)),
        filters,
        i18n.t(
            "pack_title_as_of", lang, date=formatting.date(as_of, lang) if as_of else formatting.no_data(lang)
        ),
    ]
    if synthetic:
        bullets.append(i18n.t("pack_synthetic_line", lang, label=config.SYNTHETIC_LABEL))
    notes = i18n.t("pack_note_title", lang, as_of=formatting.date(c.eng.as_of, lang))
    return Slide(
        "title", pack_title, subtitle=f"{c.program} · {c.period}", bullets=tuple(bullets), notes=notes
    )


def _kpi_slide(c: _Ctx, sentences: Sequence[str]) -> Slide:
    table, notes = _kpi_table(c)
    title = i18n.t("pack_kpi_title", c.lang, program=c.program, period=c.period)
    return Slide("kpi", title, table=table, bullets=tuple(sentences[:2]), notes="\n\n".join(notes))


def _map_slide(c: _Ctx, kab_table: pd.DataFrame) -> Slide:
    lang = c.lang
    colouring = choropleth.policy_colouring(kab_table, c.ind, c.program, lang)
    labels = {
        str(r["kode"]): presentation.value_text(c.ind, r["value"], lang) for _, r in kab_table.iterrows()
    }
    legend = tuple((item.colour, f"{item.text}: {item.count}") for item in colouring.legend)
    title = presentation.chart_title(c.ind, c.program, c.periode, lang)
    bullets = [i18n.t("pack_map_bullet", lang, n=int(kab_table["value"].notna().sum()), total=len(kab_table))]
    bullets += [text for _, text in legend]
    prov = c.eng.province(c.ind.id, program=c.program, periode=c.periode)
    data = MapData(title, dict(colouring.colours), labels, legend)
    notes = definition_note(c.ind, prov, lang, c.program) + " " + i18n.t("pack_note_map", lang)
    return Slide(
        "map",
        i18n.t("pack_map_title", lang, indicator=presentation.label(c.ind, lang)),
        bullets=tuple(bullets),
        map=data,
        notes=notes,
    )


def _ranking_slide(c: _Ctx, kab_table: pd.DataFrame, sentences: Sequence[str]) -> Slide:
    lang = c.lang
    chosen = kab_table.loc[kab_table["kode"].isin(c.kabs)]
    present = chosen.dropna(subset=["value"]).sort_values(
        ["value", "kode"], ascending=[c.ind.direction == "lower_better", True], kind="stable"
    )
    ordered = pd.concat([present, chosen.loc[chosen["value"].isna()]])
    chart = Chart(
        "bar",
        presentation.chart_title(c.ind, c.program, c.periode, lang),
        tuple(ordered["nama"]),
        (Series(presentation.label(c.ind, lang), tuple(chart_value(c.ind, v) for v in ordered["value"])),),
        presentation.unit_label(c.ind, lang),
        "0.0" if c.ind.unit == "persen" else "0.00",
        tuple(
            choropleth.STATUS_COLOURS.get(_status(r), choropleth.NEUTRAL_FILL) for _, r in ordered.iterrows()
        ),
    )
    lines = [
        f"{r['nama']}: {presentation.value_text(c.ind, r['value'], lang)} ({fraction(r, lang)})"
        for _, r in ordered.iterrows()
    ]
    notes = definition_note(c.ind, None, lang, c.program) + "\n\n" + "\n".join(lines)
    return Slide(
        "ranking",
        i18n.t("pack_ranking_title", lang, indicator=presentation.label(c.ind, lang)),
        bullets=tuple(sentences[2:5]),
        chart=chart,
        notes=notes,
    )


def _gaps_slide(c: _Ctx, kab_table: pd.DataFrame) -> Slide:
    lang = c.lang
    chosen = kab_table.loc[kab_table["kode"].isin(c.kabs)].dropna(subset=["value"])
    # worst first: the largest shortfall against the province in the indicator's bad direction
    ascending = c.ind.direction != "lower_better"
    worst = chosen.sort_values(["gap_provinsi", "kode"], ascending=[ascending, True], kind="stable").head(
        GAP_ROWS
    )
    prov = c.eng.province(c.ind.id, program=c.program, periode=c.periode)
    rows = tuple(
        (
            str(r["nama"]),
            presentation.value_text(c.ind, r["value"], lang),
            fraction(r, lang),
            gap_text(c.ind, r["gap_provinsi"], lang),
            presentation.status_name(_status(r), lang),
        )
        for _, r in worst.iterrows()
    )
    table = Table(
        (
            i18n.t("pack_col_region", lang),
            i18n.t("pack_col_value", lang),
            i18n.t("pack_col_fraction", lang),
            i18n.t("pack_col_gap", lang),
            i18n.t("pack_col_status", lang),
        ),
        rows,
        tuple(_status(r) for _, r in worst.iterrows()),
    )
    bullets = (
        i18n.t(
            "pack_gaps_bullet",
            lang,
            province=presentation.value_text(c.ind, prov.get("value"), lang),
            fraction=fraction(prov, lang),
        ),
    )
    notes = definition_note(c.ind, prov, lang, c.program) + " " + i18n.t("pack_note_gaps", lang)
    return Slide(
        "gaps",
        i18n.t("pack_gaps_title", lang, indicator=presentation.label(c.ind, lang)),
        bullets=bullets,
        table=table,
        notes=notes,
    )


def _measure_text(c: _Ctx, column: str, value: object) -> str:
    if column.startswith("gap_"):
        return gap_text(c.ind, value, c.lang).lstrip("+±")
    if column == "ratio_max_min":
        return formatting.number(value, 2, c.lang)
    return formatting.number(value, 4 if column.startswith("theil") else 3, c.lang)


def _disparity_slide(c: _Ctx) -> Slide:
    lang = c.lang
    disp = c.eng.disparity(c.ind.id, program=c.program, include_years="-T" not in c.periode)
    periods = [p for p in (c.previous, c.periode) if p]
    cols = [i18n.t("pack_col_measure", lang)] + [presentation.period_label(p, lang) for p in periods]
    rows = []
    for column in DISPARITY_ROWS:
        cells = [i18n.t(f"pack_disp_{column}", lang)]
        for p in periods:
            match = disp.loc[disp["periode"] == p]
            cells.append(_measure_text(c, column, match.iloc[0][column] if len(match) else np.nan))
        rows.append(tuple(cells))
    quarters = disp.loc[disp["periode"].str.contains("-T", regex=False)]
    sentence = disparity_fig.sentence(quarters, lang)
    bullets = [s for s in (sentence,) if s] + [i18n.t("pack_disp_scope", lang)]
    notes = i18n.t("pack_note_disparity", lang) + " " + definition_note(c.ind, None, lang)
    return Slide(
        "disparity",
        i18n.t("pack_disp_title", lang, indicator=presentation.label(c.ind, lang)),
        bullets=tuple(bullets),
        table=Table(tuple(cols), tuple(rows)),
        notes=notes,
    )


def _kab_slide(c: _Ctx, kode: str, tables: Mapping[str, pd.DataFrame]) -> Slide:
    lang = c.lang
    eng = c.eng
    name = eng.name(kode)
    rows, statuses, notes = [], [], []
    for ind_id in c.kpis:
        ind = INDICATORS[ind_id]
        table = tables[ind_id]
        row = _row(table, kode)
        prov = eng.province(ind_id, program=c.program, periode=c.periode)
        rank = row.get("rank")
        total = int(table["value"].notna().sum())
        rank_text = formatting.no_data(lang) if formatting.is_missing(rank) else f"{int(rank)} / {total}"
        status = _status(row)
        rows.append(
            (
                presentation.label(ind, lang),
                presentation.value_text(ind, row.get("value"), lang),
                fraction(row, lang),
                presentation.value_text(ind, prov.get("value"), lang),
                rank_text,
                presentation.status_name(status, lang),
            )
        )
        statuses.append(status)
        notes.append(definition_note(ind, row, lang, c.program))
    table = Table(
        (
            i18n.t("pack_col_indicator", lang),
            i18n.t("pack_col_value", lang),
            i18n.t("pack_col_fraction", lang),
            i18n.t("pack_col_province", lang),
            i18n.t("pack_col_rank", lang),
            i18n.t("pack_col_status", lang),
        ),
        tuple(rows),
        tuple(statuses),
    )
    # trend of the headline: this kabupaten against the province, every quarter
    quarters = eng.periods(c.program)
    kab_trend = c.trends.get(kode, {})
    prov_trend = c.trends[eng.province_code]
    chart = Chart(
        "line",
        i18n.t(
            "pack_trend_title",
            lang,
            indicator=presentation.label(c.ind, lang),
            unit=presentation.unit_label(c.ind, lang),
        ),
        tuple(short_period(p, lang) for p in quarters),
        (
            Series(name, tuple(chart_value(c.ind, kab_trend.get(p)) for p in quarters)),
            Series(config.PROVINCE_NAME, tuple(chart_value(c.ind, prov_trend.get(p)) for p in quarters)),
        ),
        presentation.unit_label(c.ind, lang),
        "0.0" if c.ind.unit == "persen" else "0.00",
    )
    return Slide(
        "kabupaten",
        i18n.t("pack_kab_title", lang, name=name, program=c.program, period=c.period),
        bullets=tuple(_kab_sentences(c, kode, tables)),
        table=table,
        chart=chart,
        notes="\n\n".join(notes),
        kode=kode,
    )


def _kab_sentences(c: _Ctx, kode: str, tables: Mapping[str, pd.DataFrame]) -> list[str]:
    """Short Bahasa narrative for one kabupaten: headline value and rank, change, red KPIs, weakest kecamatan."""
    lang, ind, eng = c.lang, c.ind, c.eng
    table = tables.get(ind.id)
    if table is None:
        table = eng.table(ind.id, level="kabupaten", program=c.program, periode=c.periode)
    row = _row(table, kode)
    name = eng.name(kode)
    if formatting.is_missing(row.get("value")):
        return [i18n.t("pack_kab_no_data", lang, name=name, indicator=presentation.label(ind, lang))]
    prov = eng.province(ind.id, program=c.program, periode=c.periode)
    out = [
        i18n.t(
            "pack_kab_headline",
            lang,
            indicator=presentation.label(ind, lang),
            name=name,
            value=presentation.value_text(ind, row["value"], lang),
            fraction=fraction(row, lang),
            rank=int(row["rank"]),
            total=int(table["value"].notna().sum()),
            province=presentation.value_text(ind, prov.get("value"), lang),
        )
    ]
    if c.previous:
        before = _row(eng.table(ind.id, level="kabupaten", program=c.program, periode=c.previous), kode)
        if not formatting.is_missing(before.get("value")):
            change = float(row["value"]) - float(before["value"])
            out.append(
                i18n.t(
                    "pack_kab_change",
                    lang,
                    change=gap_text(ind, change, lang),
                    before=presentation.period_label(c.previous, lang),
                )
            )
    red = [
        presentation.label(INDICATORS[i], lang)
        for i in c.kpis
        if _row(tables[i], kode).get("status") == "merah"
    ]
    out.append(i18n.t("pack_kab_red", lang, names=", ".join(red)) if red else i18n.t("pack_kab_no_red", lang))
    kec = eng.table(ind.id, level="kecamatan", program=c.program, periode=c.periode, parent=kode)
    kec["nama"] = [c.kec_names.get(k, n) for k, n in zip(kec["kode"], kec["nama"], strict=True)]
    worst = narrative.best_and_worst(kec, ind.direction, n=2).worst
    if len(worst):
        regions = ", ".join(
            f"{r.nama} ({presentation.value_text(ind, r.value, lang)})" for r in worst.itertuples()
        )
        out.append(i18n.t("pack_kab_kec", lang, regions=regions))
    return out


# ---- workbook sheets ----------------------------------------------------------------------
def _sheet(c: _Ctx, level: str) -> Sheet:
    lang = c.lang
    ids = [i for i, ind in INDICATORS.items() if c.program in ind.programs and level in ind.levels]
    records: list[tuple[object, ...]] = []
    for ind_id in ids:
        ind = INDICATORS[ind_id]
        table = c.eng.table(ind_id, level=level, program=c.program, periode=c.periode)
        if level == "kabupaten":
            table = table.loc[table["kode"].isin(c.kabs)]
        elif level == "kecamatan":  # ranks stay province-wide; rows of the chosen kabupaten only
            table = table.loc[table["kode"].str.slice(0, 5).isin(c.kabs)]
        for r in table.to_dict("records"):
            kode = str(r["kode"])
            name = c.kec_names.get(kode, r["nama"]) if level == "kecamatan" else r["nama"]
            rate = ind.unit == "persen"
            records.append(
                (
                    kode,
                    str(name),
                    *((c.eng.name(kode[:5]),) if level == "kecamatan" else ()),
                    ind_id,
                    presentation.label(ind, lang),
                    presentation.unit_label(ind, lang),
                    _num(r["value"]),
                    _num(r["numerator"]),
                    _num(r["denominator"]),
                    _num(r["ci_low"]),
                    _num(r["ci_high"]),
                    presentation.status_name(_status(r), lang),
                    i18n.t("pack_yes", lang) if bool(r["small_n"]) else "",
                    None if formatting.is_missing(r["rank"]) else int(r["rank"]),
                    "%" if rate else "",
                )
            )
    head = [i18n.t("pack_col_code", lang), i18n.t(f"pack_col_name_{level}", lang)]
    if level == "kecamatan":
        head.append(i18n.t("pack_col_name_kabupaten", lang))
    head += [
        i18n.t("pack_col_indicator_id", lang),
        i18n.t("pack_col_indicator", lang),
        i18n.t("pack_col_unit", lang),
        i18n.t("pack_col_value", lang),
        i18n.t("pack_col_numerator", lang),
        i18n.t("pack_col_denominator", lang),
        i18n.t("pack_col_ci_low", lang),
        i18n.t("pack_col_ci_high", lang),
        i18n.t("pack_col_status", lang),
        i18n.t("pack_col_small_n", lang),
        i18n.t("pack_col_rank", lang),
    ]
    # the last record field says whether value/interval are fractions (format as %); drop it from the cells
    first = 6 if level == "kecamatan" else 5  # column of the value
    return Sheet(
        i18n.t(f"pack_sheet_{level}", lang),
        tuple(head),
        tuple(rec[:-1] for rec in records),
        {
            first: "#,##0.00",
            first + 1: "#,##0",
            first + 2: "#,##0",
            first + 3: "#,##0.00",
            first + 4: "#,##0.00",
        },
        (first, first + 3, first + 4),
        tuple(rec[-1] == "%" for rec in records),
    )


def _num(value: object) -> float | None:
    return None if formatting.is_missing(value) else float(value)


def _definitions_sheet(program: str, lang: str) -> Sheet:
    rows = []
    for ind in INDICATORS.values():
        thr = ind.thresholds_for(program)
        legend = "; ".join(
            f"{presentation.status_name(e.status, lang)} {e.text}"
            for e in presentation.threshold_legend(ind, program, lang)
            if e.status != "tidak_ada_data"
        )
        rows.append(
            (
                ind.id,
                presentation.label(ind, lang),
                i18n.t(f"pack_group_{ind.group}", lang),
                presentation.definition(ind, lang),
                presentation.numerator(ind, lang),
                presentation.denominator(ind, lang),
                presentation.unit_label(ind, lang),
                presentation.direction_text(ind, lang),
                legend if thr else "",
                ", ".join(ind.levels),
                ", ".join(ind.programs),
                ind.source,
            )
        )
    head = tuple(
        i18n.t(k, lang)
        for k in (
            "pack_col_indicator_id",
            "pack_col_indicator",
            "pack_col_group",
            "pack_col_definition",
            "pack_col_numerator",
            "pack_col_denominator",
            "pack_col_unit",
            "pack_col_direction",
            "pack_col_thresholds",
            "pack_col_levels",
            "pack_col_programs",
            "pack_col_source",
        )
    )
    return Sheet(i18n.t("pack_sheet_definitions", lang), head, tuple(rows))


# ---- the pack -----------------------------------------------------------------------------
def build_pack(
    eng: Engine,
    *,
    program: str,
    periode: str,
    indicator: str = DEFAULT_INDICATOR,
    kabupaten: Sequence[str] | None = None,
    lang: str = "id",
    synthetic: bool | None = None,
    as_of: dt.date | None = None,
    kecamatan_names: Mapping[str, str] | None = None,
    with_sheets: bool = True,
) -> Pack:
    """Gather the meeting pack for one set of filters.

    Parameters
    ----------
    eng : Engine
        The indicator engine (built once; every query is answered from its cube).
    program, periode : str
        Programme and period (quarter ``2026-T3`` or year ``2026``), already validated.
    indicator : str
        Headline indicator id (map, ranking, gaps, disparity, kabupaten trend).
    kabupaten : sequence of str, optional
        Kabupaten codes to include (ranking, gaps, one slide each, workbook
        rows); default all 15.
    lang : {"id", "en"}
        Language of every word in the pack.
    synthetic : bool, optional
        Whether to label the pack "DATA SINTETIS" (default: from the engine's
        quality report; unknown counts as synthetic).
    as_of : date, optional
        Data as-of date (default the engine's report date).
    kecamatan_names : mapping, optional
        kode → name for kecamatan (the engine only knows their codes); the
        boundary layer's names when available.
    with_sheets : bool
        Build the workbook sheets too (skip for PPTX/PDF/presenter).

    Returns
    -------
    Pack
        Title, overview, map, ranking, gaps, disparity, then one slide per kabupaten.
    """
    lang = i18n.valid_language(lang)
    ind = INDICATORS[indicator]
    kabs = tuple(kabupaten) if kabupaten else tuple(kabupaten_codes(eng))
    synthetic = is_synthetic(eng) if synthetic is None else synthetic
    as_of = as_of or eng.as_of
    c = _Ctx(
        eng,
        program,
        periode,
        ind,
        kabs,
        lang,
        narrative.previous_period(eng, program, periode),
        tuple(i for i in KPI_IDS if program in INDICATORS[i].programs),
        dict(kecamatan_names or _kecamatan_names()),
        _trends(eng, ind.id, program),
    )
    all_kabs = kabs == tuple(kabupaten_codes(eng))
    filters = i18n.t(
        "pack_filters_all" if all_kabs else "pack_filters_some",
        lang,
        n=len(kabs),
        names=", ".join(eng.name(k) for k in kabs),
    )
    sources = (
        i18n.t("pack_source", lang, source=i18n.t("source_synthetic" if synthetic else "source_real", lang)),
        i18n.t("pack_as_of", lang, date=formatting.date(as_of, lang)),
        config.BOUNDARY_ATTRIBUTION,
    )
    title = i18n.t("pack_title", lang)
    kab_table = eng.table(ind.id, level="kabupaten", program=program, periode=periode)
    sentences = narrative.summary(eng, ind.id, program=program, periode=periode, lang=lang)
    tables = {i: eng.table(i, level="kabupaten", program=program, periode=periode) for i in {*c.kpis, ind.id}}
    slides = [
        _title_slide(c, title, filters, as_of, synthetic),
        _kpi_slide(c, sentences),
        _map_slide(c, kab_table),
        _ranking_slide(c, kab_table, sentences),
        _gaps_slide(c, kab_table),
        _disparity_slide(c),
    ]
    slides += [_kab_slide(c, kode, tables) for kode in kabs]
    _RECORDS.clear()
    sheets: tuple[Sheet, ...] = ()
    if with_sheets:
        sheets = (*(_sheet(c, level) for level in LEVELS), _definitions_sheet(program, lang))
    return Pack(
        title, program, periode, ind.id, kabs, lang, as_of, synthetic, sources, filters, tuple(slides), sheets
    )


def _trends(eng: Engine, indicator: str, program: str) -> dict[str, dict[str, float]]:
    """Kode (kabupaten and province) → periode → value of the headline, every quarter."""
    frames = [eng.trend(indicator, level=level, program=program) for level in ("kabupaten", "provinsi")]
    out: dict[str, dict[str, float]] = {}
    for frame in frames:
        for kode, periode, value in zip(frame["kode"], frame["periode"], frame["value"], strict=True):
            out.setdefault(str(kode), {})[periode] = value
    return out


def _kecamatan_names() -> dict[str, str]:
    """Kecamatan kode → name from the boundary layer (empty when boundaries are not built)."""
    from dashboard.geo import layers

    if not layers.available():
        return {}
    layer = layers.load_layer("kecamatan")
    return dict(zip(layer["kode"].astype(str), layer["nama"].astype(str), strict=True))


def file_name(pack: Pack, fmt: str) -> str:
    """Default file name: ``presisi_PKH_2026-T3_realisasi_kpm.pptx``."""
    return f"presisi_{pack.program}_{pack.periode}_{pack.indicator}.{fmt}"
