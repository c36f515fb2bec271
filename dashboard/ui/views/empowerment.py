"""Pemberdayaan & Respons: empowerment share, graduation, disaster response, facilitator load."""

import plotly.graph_objects as go
import streamlit as st
from streamlit_folium import st_folium

from dashboard import config, formatting, i18n, presentation
from dashboard.figures import choropleth, maps, ranking
from dashboard.indicators import extras as ext_mod
from dashboard.indicators.registry import EXTRA_INDICATORS
from dashboard.ui import cache, components, context, shell


@st.cache_data(show_spinner=False)
def _load(folder: str, signature: str) -> ext_mod.Extras:
    return ext_mod.load(folder)


lang = shell.language()
shell.page_header(i18n.t("page_empowerment", lang), lang)
eng = context.engine()
if eng is None:
    st.stop()
view = context.view_filters(eng, lang, with_indicator=False)
folder = config.processed_dir()
ext = _load(str(folder), context._signature(folder))
if not ext.available:
    st.info(i18n.t("emp_no_data", lang))
    st.stop()

years = ext.years()
year = st.sidebar.selectbox(i18n.t("emp_year", lang), years[::-1], key="emp_year")
ind_id = st.sidebar.selectbox(
    i18n.t("emp_indicator", lang),
    list(EXTRA_INDICATORS),
    format_func=lambda i: presentation.label(EXTRA_INDICATORS[i], lang),
    key="emp_indicator",
)
ind = EXTRA_INDICATORS[ind_id]
unit = presentation.unit_label(ind, lang)
table = ext.table(ind_id, "kabupaten", year)
province = ext.table(ind_id, "provinsi", year).iloc[0]
title = i18n.t("emp_map_title", lang, indicator=presentation.label(ind, lang), year=year, unit=unit)

st.subheader(title)
colouring = choropleth.policy_colouring(table, ind, "PKH", lang)
left, right = st.columns(2)
with left:
    boundaries = cache.boundary_layer("kabupaten")
    if boundaries is not None:
        styles = choropleth.area_styles(table, colouring.colours, ind, lang)
        st_folium(
            maps.area_map(boundaries[["kode", "nama", "geometry"]], styles),
            key="emp_map",
            height=520,
            returned_objects=[],
        )
    components.legend(ind, "PKH", lang)
with right:
    fig = ranking.ranked_bar(
        table,
        ind,
        "PKH",
        str(year),
        colours=colouring.colours,
        province_value=province["value"],
        lang=lang,
        height=520,
    )
    fig.update_layout(title=title)
    st.plotly_chart(fig, width="stretch", key="emp_bar")

trend = ext.trend(ind_id, "provinsi")
tfig = go.Figure(
    go.Scatter(
        x=[str(y) for y in trend["tahun"]],
        y=trend["value"],
        mode="lines+markers",
        customdata=[
            [presentation.fraction_text(n, d, lang)]
            for n, d in zip(trend["numerator"], trend["denominator"], strict=True)
        ],
        hovertemplate="%{x}: %{y}<br>%{customdata[0]}<extra></extra>",
    )
)
tfig.update_layout(
    title=i18n.t("emp_trend_title", lang, indicator=presentation.label(ind, lang), unit=unit), height=320
)
st.plotly_chart(tfig, width="stretch", key="emp_trend")
components.definition(ind, "PKH/SEMBAKO", str(year), lang, eng.as_of)

st.subheader(i18n.t("emp_response", lang))
late_period = str(year) if str(year) in eng.years(view.program) else view.periode
late = eng.table("hari_terlambat_median", level="kabupaten", program=view.program, periode=late_period)
resp = ext_mod.response_comparison(ext, year, late)
st.markdown(f"**{i18n.t('emp_response_title', lang, year=year)}**")


def _days(v: object) -> str:
    return formatting.no_data(lang) if formatting.is_missing(v) else f"{v:.0f}"


st.dataframe(
    {
        i18n.t("col_nama", lang): list(resp["nama"]),
        i18n.t("emp_col_events", lang): [int(v) for v in resp["kejadian_dibayar"]],
        i18n.t("emp_col_first", lang): [_days(v) for v in resp["hari_pertama"]],
        i18n.t("emp_col_80", lang): [_days(v) for v in resp["hari_80"]],
        i18n.t("emp_col_coverage", lang): [
            presentation.value_text(EXTRA_INDICATORS["respons_cakupan_kecamatan"], v, lang)
            for v in resp["cakupan_kecamatan"]
        ],
        i18n.t("emp_col_regular", lang): [_days(v) for v in resp["hari_terlambat_reguler"]],
    },
    hide_index=True,
    width="stretch",
)
rfig = go.Figure(
    [
        go.Bar(name=i18n.t("emp_col_first", lang), x=resp["nama"], y=resp["hari_pertama"]),
        go.Bar(name=i18n.t("emp_col_80", lang), x=resp["nama"], y=resp["hari_80"]),
        go.Bar(name=i18n.t("emp_col_regular", lang), x=resp["nama"], y=resp["hari_terlambat_reguler"]),
    ]
)
rfig.update_layout(barmode="group", title=i18n.t("emp_response_title", lang, year=year), height=420)
st.plotly_chart(rfig, width="stretch", key="emp_response")

st.subheader(i18n.t("emp_accompaniment", lang))
pkh_period = view.periode if view.program == "PKH" else max(eng.periods("PKH"), default=view.periode)
acc = ext_mod.accompaniment(
    ext,
    eng.table("eksklusi", level="kabupaten", program="PKH", periode=pkh_period),
    eng.table("realisasi_kpm", level="kabupaten", program="PKH", periode=pkh_period),
)
corr = ext_mod.correlation(acc["kpm_per_pendamping"], acc["eksklusi"])
sfig = go.Figure(
    go.Scatter(
        x=acc["kpm_per_pendamping"],
        y=acc["eksklusi"],
        mode="markers+text",
        text=acc["nama"].str.replace("Kabupaten ", "", regex=False),
        textposition="top center",
        customdata=acc[["kpm", "pendamping", "luas_per_pendamping", "realisasi"]].to_numpy(),
        hovertemplate="%{text}<br>KPM %{customdata[0]:,.0f} ÷ pendamping %{customdata[1]:.0f} = %{x:.0f}"
        "<br>km²/pendamping %{customdata[2]:,.0f}<br>eksklusi %{y:.1%}<br>realisasi %{customdata[3]:.1%}<extra></extra>",
    )
)
sfig.update_layout(
    title=i18n.t("emp_scatter_title", lang, period=presentation.period_label(pkh_period, lang)),
    xaxis_title=presentation.label(EXTRA_INDICATORS["kpm_per_pendamping"], lang),
    yaxis_title="eksklusi", yaxis_tickformat=".0%", height=460,
)  # fmt: skip
st.plotly_chart(sfig, width="stretch", key="emp_scatter")


def _r(v: float) -> str:
    return (
        formatting.no_data(lang)
        if formatting.is_missing(v)
        else f"{v:.2f}".replace(".", "," if lang == "id" else ".")
    )


st.caption(
    i18n.t(
        "emp_corr_caption",
        lang,
        method="Pearson",
        r=_r(corr["r"]),
        low=_r(corr["low"]),
        high=_r(corr["high"]),
        n=corr["n"],
    )
)
components.definition(EXTRA_INDICATORS["kpm_per_pendamping"], "PKH", pkh_period, lang, eng.as_of)
