"""Tables and figures of the Kualitas Data page, built from ``quality_report.json``.

Only counts and rates leave this module: quarantined rows are never shown,
just counted by reason. Labels for reason codes come from the report's own
``codes`` section (written by the cleaning step from ``pipeline/reasons.py``).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard import formatting
from dashboard.figures.colours import QUALITATIVE, STATUS_COLOURS

TABLES = ("families", "kpm", "disbursements")

#: Cleaning-report rate → (table, direction, hijau, merah) for the status colour.
RATE_CHECKS: dict[str, tuple[str, str, str, float, float]] = {
    "nik_valid_kpm": ("kpm", "nik_valid_rate", "higher_better", 0.99, 0.95),
    "nik_valid_families": ("families", "nik_valid_rate", "higher_better", 0.99, 0.95),
    "duplicate_kpm": ("kpm", "duplicate_rate", "lower_better", 0.001, 0.01),
    "desa_resolution_kpm": ("kpm", "desa_resolution_rate", "higher_better", 0.99, 0.95),
    "missing_desil_families": ("families", "missing_desil_rate", "lower_better", 0.01, 0.05),
}


def status(value: object, direction: str, hijau: float, merah: float) -> str:
    """Traffic-light status of one rate (``tidak_ada_data`` when missing)."""
    if formatting.is_missing(value):
        return "tidak_ada_data"
    v = float(value)
    if direction == "higher_better":
        return "hijau" if v >= hijau else ("merah" if v < merah else "kuning")
    return "hijau" if v <= hijau else ("merah" if v > merah else "kuning")


def kabupaten_rates(report: Mapping, names: Mapping[str, str]) -> pd.DataFrame:
    """Cleaning-report rates per kabupaten with a status per rate.

    Parameters
    ----------
    report : mapping
        Parsed ``quality_report.json`` (``quality_rates`` → table → kode → rates).
    names : mapping
        kode → display name.

    Returns
    -------
    DataFrame
        ``kode``, ``nama``, ``kept_kpm`` and, for every :data:`RATE_CHECKS` key,
        the rate and ``<key>_status``.
    """
    rates = report.get("quality_rates") or {}
    codes = sorted({k for table in rates.values() for k in table})
    rows = []
    for kode in codes:
        row: dict[str, object] = {"kode": kode, "nama": names.get(kode, kode)}
        row["kept_kpm"] = (rates.get("kpm", {}).get(kode) or {}).get("kept")
        for key, (table, field, direction, hijau, merah) in RATE_CHECKS.items():
            value = (rates.get(table, {}).get(kode) or {}).get(field)
            row[key] = value
            row[f"{key}_status"] = status(value, direction, hijau, merah)
        rows.append(row)
    return pd.DataFrame(rows)


def rates_display(frame: pd.DataFrame, headers: Mapping[str, str], lang: str = "id"):
    """Format :func:`kabupaten_rates` as text with status-coloured cells (a pandas Styler).

    Parameters
    ----------
    frame : DataFrame
        :func:`kabupaten_rates` output.
    headers : mapping
        Column header for ``nama``, ``kept_kpm`` and every rate key.
    lang : {"id", "en"}
        Language of "tidak ada data".

    Returns
    -------
    pandas.io.formats.style.Styler
    """
    text = pd.DataFrame(
        {
            headers["nama"]: frame["nama"],
            headers["kept_kpm"]: [formatting.number(v, lang=lang) for v in frame["kept_kpm"]],
        }
    )
    colours = pd.DataFrame("", index=frame.index, columns=text.columns)
    for key in RATE_CHECKS:
        text[headers[key]] = [formatting.percent(v, 2, lang) for v in frame[key]]
        colours[headers[key]] = [_cell_style(s) for s in frame[f"{key}_status"]]
    return text.style.apply(lambda _: colours, axis=None).hide(axis="index")


def _cell_style(state: str) -> str:
    colour = STATUS_COLOURS.get(state, STATUS_COLOURS["tidak_ada_data"])
    text = "#ffffff" if state in ("hijau", "merah") else "#111111"
    return f"background-color: {colour}; color: {text}"


def reason_counts(report: Mapping, labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Quarantined and removed rows by reason code, per table (counts only).

    Parameters
    ----------
    report : mapping
        Parsed ``quality_report.json``.
    labels : mapping, optional
        Code → label; defaults to the report's ``codes`` section.

    Returns
    -------
    DataFrame
        ``table``, ``jenis`` (``karantina``/``dibuang``), ``kode``, ``label``,
        ``baris``, sorted by ``baris`` descending.
    """
    codes = report.get("codes") or {}
    lookup = {**codes.get("karantina", {}), **codes.get("dibuang", {}), **(labels or {})}
    rows = []
    for table, info in (report.get("tables") or {}).items():
        for kind, section in (("karantina", "quarantine_reasons"), ("dibuang", "removed")):
            for code, count in (info.get(section) or {}).items():
                rows.append(
                    {
                        "table": table,
                        "jenis": kind,
                        "kode": code,
                        "label": lookup.get(code, code),
                        "baris": int(count),
                    }
                )
    out = pd.DataFrame(rows, columns=["table", "jenis", "kode", "label", "baris"])
    return out.sort_values("baris", ascending=False, kind="stable").reset_index(drop=True)


def fault_counts(report: Mapping) -> pd.DataFrame:
    """Repaired or flagged faults by class and table: ``table``, ``kode``, ``label``, ``baris``."""
    labels = (report.get("codes") or {}).get("kesalahan", {})
    rows = [
        {"table": table, "kode": code, "label": labels.get(code, code), "baris": int(count)}
        for table, info in (report.get("tables") or {}).items()
        for code, count in (info.get("faults") or {}).items()
    ]
    out = pd.DataFrame(rows, columns=["table", "kode", "label", "baris"])
    return out.sort_values("baris", ascending=False, kind="stable").reset_index(drop=True)


def counts_figure(
    counts: pd.DataFrame, *, title: str, labels: Mapping[str, str], table_names: Mapping[str, str]
) -> go.Figure:
    """Horizontal bars of row counts by reason label, one colour per table (log-free, counts).

    Parameters
    ----------
    counts : DataFrame
        :func:`reason_counts` or :func:`fault_counts` output.
    title : str
        Chart title.
    labels : mapping
        ``x`` (axis title).
    table_names : mapping
        Table → display name.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    fig = go.Figure()
    order = list(dict.fromkeys(counts.groupby("label", sort=False)["baris"].sum().sort_values().index))
    for index, table in enumerate(TABLES):
        part = counts.loc[counts["table"] == table]
        if part.empty:
            continue
        fig.add_trace(
            go.Bar(
                y=part["label"],
                x=part["baris"],
                orientation="h",
                name=table_names.get(table, table),
                marker_color=QUALITATIVE[index],
                hovertext=[
                    f"<b>{lab}</b><br>{table_names.get(table, table)}: {formatting.number(n)}"
                    for lab, n in zip(part["label"], part["baris"], strict=True)
                ],
                hoverinfo="text",
            )
        )
    fig.update_layout(
        title=title,
        barmode="stack",
        height=max(320, 30 * len(order) + 140),
        xaxis={"title": labels["x"], "gridcolor": "#eeeeee", "separatethousands": True},
        yaxis={"categoryorder": "array", "categoryarray": order, "automargin": True},
        legend={"orientation": "h", "y": -0.15},
        margin={"l": 20, "r": 20, "t": 60, "b": 40},
        plot_bgcolor="#ffffff",
        separators=",.",
    )
    return fig


def conservation(report: Mapping) -> pd.DataFrame:
    """Row conservation per table: input = kept + quarantined + merged duplicates + removed.

    Returns
    -------
    DataFrame
        ``table``, ``input_rows``, ``kept``, ``quarantined``,
        ``merged_duplicates``, ``removed``, ``selisih`` (input − sum of the
        parts) and ``seimbang`` (bool).
    """
    rows = []
    for table, info in (report.get("tables") or {}).items():
        removed = sum(int(v) for v in (info.get("removed") or {}).values())
        parts = (
            int(info.get("kept", 0))
            + int(info.get("quarantined", 0))
            + int(info.get("merged_duplicates", 0))
            + removed
        )
        rows.append(
            {
                "table": table,
                "input_rows": int(info.get("input_rows", 0)),
                "kept": int(info.get("kept", 0)),
                "quarantined": int(info.get("quarantined", 0)),
                "merged_duplicates": int(info.get("merged_duplicates", 0)),
                "removed": removed,
                "selisih": int(info.get("input_rows", 0)) - parts,
            }
        )
    out = pd.DataFrame(
        rows,
        columns=["table", "input_rows", "kept", "quarantined", "merged_duplicates", "removed", "selisih"],
    )
    out["seimbang"] = out["selisih"] == 0
    return out


def files_table(report: Mapping) -> pd.DataFrame:
    """Input files: ``file``, ``table``, ``input_rows``, ``sha256`` (first 12 hex digits)."""
    rows = [
        {
            "file": f.get("file"),
            "table": f.get("table"),
            "input_rows": f.get("input_rows"),
            "sha256": str(f.get("sha256", ""))[:12],
        }
        for f in report.get("files") or []
    ]
    return pd.DataFrame(rows, columns=["file", "table", "input_rows", "sha256"])
