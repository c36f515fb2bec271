"""Mode Presentasi: the meeting pack as full-width slides in large type, controls hidden.

The slides are the export pack's (:func:`dashboard.export.pack.build_pack`),
so what is shown equals what is downloaded. Filters come from the URL
(``program``, ``periode``, ``indikator``, ``kab`` as comma-separated codes);
the slide number too (``?slide=3``, validated). The sidebar is hidden by CSS
on this page only.
"""

import html

import plotly.graph_objects as go
import streamlit as st

from dashboard import config, i18n, urlstate
from dashboard.export import pack as pack_mod
from dashboard.export.pack import Chart, Slide, Table
from dashboard.figures.colours import QUALITATIVE, STATUS_COLOURS
from dashboard.ui import cache, context, export_button, pages, shell

CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stSidebarCollapseButton"] { display: none !important; }
.block-container { max-width: 100% !important; padding: 1.2rem 2.5rem 1rem 2.5rem !important; }
.presisi-slide h1 { font-size: 2.8rem; line-height: 1.15; color: #1f2a44; margin: 0.2rem 0 0.8rem 0; }
.presisi-slide li, .presisi-slide p { font-size: 1.55rem; line-height: 1.45; }
.presisi-slide table { border-collapse: collapse; width: 100%; font-size: 1.45rem; }
.presisi-slide th { background: #1f2a44; color: white; text-align: left; padding: 0.35rem 0.6rem; }
.presisi-slide td { border-bottom: 1px solid #ccc; padding: 0.35rem 0.6rem; }
.presisi-synthetic { background: #b00020; color: white; font-weight: 700; padding: 0.25rem 0.8rem;
  border-radius: 4px; display: inline-block; font-size: 1.1rem; }
.presisi-footer { font-size: 0.95rem; color: #444; margin-top: 0.6rem; }
</style>
"""


def _kab_codes(eng) -> list[str]:
    """Kabupaten from the URL (``kab=18.07,18.13``), each validated; empty = all."""
    allowed = pack_mod.kabupaten_codes(eng)
    raw = str(st.query_params.get("kab", "") or "")
    chosen = []
    for code in (c.strip() for c in raw.split(",")):
        parsed = urlstate.parse({"kab": code}, [urlstate.Choice("kab", allowed, None)])
        if parsed.values["kab"]:
            chosen.append(parsed.values["kab"])
        elif code:
            st.warning(i18n.t("url_rejected", lang, name="kab", value=code[:80]), icon="⚠️")
    return list(dict.fromkeys(chosen))


def _table_html(table: Table) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in table.columns)
    body = []
    for index, row in enumerate(table.rows):
        status = table.statuses[index] if index < len(table.statuses) else ""
        cells = []
        for col, value in enumerate(row):
            style = ""
            if col == len(row) - 1 and status in ("hijau", "kuning", "merah"):
                colour = "#1f2a44" if status == "kuning" else "white"
                style = f' style="background:{STATUS_COLOURS[status]};color:{colour};font-weight:700"'
            cells.append(f"<td{style}>{html.escape(value)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _bullets_html(lines: tuple[str, ...]) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul>"


def _figure(chart: Chart) -> go.Figure:
    if chart.kind == "bar":
        fig = go.Figure(
            go.Bar(
                x=list(chart.series[0].values),
                y=list(chart.categories),
                orientation="h",
                marker_color=list(chart.colours) or QUALITATIVE[0],
                text=[None if v is None else f"{v:.1f}".replace(".", ",") for v in chart.series[0].values],
                textposition="outside",
            )
        )
        fig.update_yaxes(autorange="reversed")
        fig.update_xaxes(range=[0, 105] if chart.axis_title == "%" else None, title=chart.axis_title)
        height = 90 + 38 * len(chart.categories)
    else:
        fig = go.Figure(
            [
                go.Scatter(
                    x=list(chart.categories),
                    y=list(s.values),
                    name=s.name,
                    mode="lines+markers",
                    line={"width": 4 if i == 0 else 3, "color": QUALITATIVE[i % len(QUALITATIVE)]},
                )
                for i, s in enumerate(chart.series)
            ]
        )
        fig.update_yaxes(title=chart.axis_title)
        height = 480
    fig.update_layout(
        title={"text": chart.title, "font": {"size": 22}},
        font={"size": 18},
        height=height,
        margin={"l": 10, "r": 30, "t": 60, "b": 10},
        legend={"orientation": "h", "y": -0.2},
        separators=",.",
    )
    return fig


def _slide(spec: Slide, map_png: bytes | None) -> None:
    st.markdown(
        f'<div class="presisi-slide"><h1>{html.escape(spec.title)}</h1></div>', unsafe_allow_html=True
    )
    if spec.kind == "title":
        st.markdown(f'<div class="presisi-slide">{_bullets_html(spec.bullets)}</div>', unsafe_allow_html=True)
        return
    if spec.kind == "map":
        left, right = st.columns([3, 2])
        if map_png is not None:
            left.image(map_png, width="stretch")
        else:
            left.info(i18n.t("presenter_no_map", lang))
        right.markdown(
            f'<div class="presisi-slide">{_bullets_html(spec.bullets)}</div>', unsafe_allow_html=True
        )
        return
    if spec.kind == "kabupaten":
        left, right = st.columns([3, 2])
        if spec.table:
            left.markdown(
                f'<div class="presisi-slide">{_table_html(spec.table)}</div>', unsafe_allow_html=True
            )
        left.markdown(
            f'<div class="presisi-slide">{_bullets_html(spec.bullets)}</div>', unsafe_allow_html=True
        )
        if spec.chart:
            right.plotly_chart(_figure(spec.chart), width="stretch", config={"displayModeBar": False})
        return
    left, right = st.columns([3, 2])
    if spec.chart is not None:
        left.plotly_chart(_figure(spec.chart), width="stretch", config={"displayModeBar": False})
    if spec.table is not None:
        left.markdown(f'<div class="presisi-slide">{_table_html(spec.table)}</div>', unsafe_allow_html=True)
    right.markdown(f'<div class="presisi-slide">{_bullets_html(spec.bullets)}</div>', unsafe_allow_html=True)


def _go(number: int) -> None:
    st.query_params["slide"] = str(number)


lang = shell.language()
st.markdown(CSS, unsafe_allow_html=True)
eng = context.engine()
if eng is None:
    shell.page_header(i18n.t("page_presenter", lang), lang)
    st.stop()
view = context.view_filters(eng, lang)  # drawn in the hidden sidebar; keeps the filters in the URL
kabs = tuple(_kab_codes(eng))
ind_id = view.indicator.id if view.indicator else pack_mod.DEFAULT_INDICATOR
key = export_button.engine_key(eng)
the_pack = export_button.cached_pack(eng, key, view.program, view.periode, ind_id, kabs, lang)
total = len(the_pack.slides)

choice = urlstate.Choice("slide", [str(n) for n in range(1, total + 1)], "1")
parsed = urlstate.parse(st.query_params.to_dict(), [choice])
if "slide" in parsed.rejected:
    st.warning(i18n.t("url_rejected", lang, name="slide", value=parsed.rejected["slide"]), icon="⚠️")
number = int(parsed.values["slide"] or 1)
if st.query_params.get("slide") != str(number):
    st.query_params["slide"] = str(number)

if the_pack.synthetic:
    st.markdown(f'<span class="presisi-synthetic">⚠ {config.SYNTHETIC_LABEL}</span>', unsafe_allow_html=True)
spec = the_pack.slides[number - 1]
png = None
if spec.map is not None:
    png = export_button.map_png(
        the_pack, (key, view.program, view.periode, ind_id, kabs, lang), cache.boundary_layer("kabupaten")
    )
_slide(spec, png)

prev_col, pos_col, next_col = st.columns([1, 2, 1])
prev_col.button(
    i18n.t("presenter_prev", lang),
    key="presenter.prev",
    disabled=number <= 1,
    on_click=_go,
    args=(number - 1,),
    width="stretch",
)
pos_col.markdown(
    f"<div style='text-align:center;font-size:1.3rem'>{html.escape(i18n.t('presenter_position', lang, n=number, total=total))}</div>",
    unsafe_allow_html=True,
)
next_col.button(
    i18n.t("presenter_next", lang),
    key="presenter.next",
    disabled=number >= total,
    on_click=_go,
    args=(number + 1,),
    width="stretch",
)
st.markdown(f'<div class="presisi-footer">{html.escape(the_pack.footer)}</div>', unsafe_allow_html=True)
with st.expander(i18n.t("presenter_notes", lang)):
    st.markdown(spec.notes.replace("\n", "  \n"))
st.markdown(f"**{i18n.t('presenter_downloads', lang)}**")
export_button.download_buttons(
    eng, program=view.program, periode=view.periode, indicator=ind_id, kabupaten=kabs, lang=lang
)
st.caption(i18n.t("presenter_hint", lang))
st.page_link(pages.path("summary"), label=i18n.t("page_summary", lang), icon=":material/arrow_back:")
