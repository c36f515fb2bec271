"""Profil Wilayah: one kabupaten — every indicator, its kecamatan map and table, data quality."""

import streamlit as st
from streamlit_folium import st_folium

from dashboard import formatting, i18n, presentation, urlstate
from dashboard.figures import choropleth, maps, ranking, trends
from dashboard.indicators.registry import GROUP_LABELS, INDICATORS
from dashboard.ui import cache, components, context, filters, pages, shell

lang = shell.language()
shell.page_header(i18n.t("page_profile", lang), lang)
eng = context.engine()
if eng is None:
    st.stop()
view = context.view_filters(eng, lang, with_kab=True)
ind, kab = view.indicator, view.kab
if ind is None or kab is None:
    st.stop()
name = eng.name(kab)
links = {"program": view.program, "periode": view.periode, "indikator": ind.id, "lang": lang}

crumbs = st.columns([2, 2, 5])
crumbs[0].page_link(
    pages.path("summary"), label=i18n.t("profile_breadcrumb_province", lang), query_params=links
)
crumbs[1].page_link(
    pages.path("map"), label="› " + i18n.t("profile_breadcrumb_map", lang), query_params=links
)
crumbs[2].markdown(f"› **{name}**")
st.header(name)

facts = cache.kabupaten_reference()
fact = facts.loc[facts["kode_kemendagri"] == kab]
if len(fact):
    f = fact.iloc[0]
    st.caption(
        i18n.t(
            "profile_facts",
            lang,
            jenis=str(f["jenis"]).capitalize(),
            ibukota=f["ibukota"],
            kecamatan=formatting.number(f["n_kecamatan"], lang=lang),
            penduduk=formatting.number(f["penduduk_2024"], lang=lang),
            p0=formatting.percent(
                None if formatting.is_missing(f["p0_2024_pct"]) else f["p0_2024_pct"] / 100, 2, lang
            ),
        )
    )

applicable = {i: x for i, x in INDICATORS.items() if view.program in x.programs and "kabupaten" in x.levels}
tables = {i: eng.table(i, level="kabupaten", program=view.program, periode=view.periode) for i in applicable}
provinces = {ind.id: eng.province(ind.id, program=view.program, periode=view.periode)}

# data quality badge and short narrative
dq_ids = [i for i, x in applicable.items() if x.group == "kualitas"]
dq_rows = {
    i: tables[i].loc[tables[i]["kode"] == kab].iloc[0].to_dict()
    for i in dq_ids
    if (tables[i]["kode"] == kab).any()
}
level, sentence = ranking.quality_summary(dq_rows, applicable, lang)
{"baik": st.success, "perhatian": st.warning}.get(level, st.info)(sentence)
quarantine = eng.quality()
quarantine = quarantine.loc[quarantine["kode"] == kab] if len(quarantine) else quarantine
if len(quarantine):
    st.caption(
        i18n.t(
            "profile_quarantine",
            lang,
            detail="; ".join(
                f"{r.metric}: {presentation.fraction_text(r.numerator, r.denominator, lang)}"
                for r in quarantine.itertuples()
            ),
        )
    )
sentences = ranking.profile_sentences(tables, applicable, provinces, kab, ind.id, lang)
if sentences:
    st.markdown(" ".join(sentences))

# every indicator, grouped, with a quarterly sparkline; small multiples against the province
st.subheader(
    i18n.t(
        "profile_indicators_head",
        lang,
        program=view.program,
        period=presentation.period_label(view.periode, lang),
    )
)
region_trends = {i: eng.trend(i, level="kabupaten", program=view.program, kode=kab) for i in applicable}
province_trends = {i: eng.trend(i, level="provinsi", program=view.program) for i in applicable}
rows = ranking.profile_rows(
    tables, applicable, kab, {i: trends.series(t) for i, t in region_trends.items()}, lang
)
groups = [g for g in GROUP_LABELS if (rows["_group"] == g).any()]
# One group at a time (in the URL): drawing every group's table and trend charts at once
# cost about a second per rerun; a segmented control keeps the page under the 300 ms target.
group_choice = urlstate.Choice("grup", groups, groups[0] if groups else None)
filters.seed_from_url([group_choice], lang)
group = filters.select(
    group_choice,
    i18n.t("profile_group", lang),
    format_func=lambda g: GROUP_LABELS[g][1 if lang == "en" else 0],
    horizontal=True,
)
if group:
    part = rows.loc[rows["_group"] == group].reset_index(drop=True)
    shown = part.drop(columns=["_status", "_group"]).rename(
        columns={"_trend": i18n.t("profile_col_trend", lang)}
    )
    status_col = i18n.t("profile_col_status", lang)
    styled = shown.style.apply(
        lambda _c, s=part["_status"]: [ranking.status_style(v) for v in s], subset=[status_col]
    )
    st.dataframe(
        styled,
        hide_index=True,
        width="stretch",
        column_config={i18n.t("profile_col_trend", lang): st.column_config.LineChartColumn(width="small")},
        key="profile.table",
    )
    ids = {i: x for i, x in applicable.items() if x.group == group}
    st.plotly_chart(
        trends.group_trends(
            {i: (region_trends[i], province_trends[i]) for i in ids},
            ids,
            view.program,
            region_name=name,
            title=i18n.t(
                "profile_trend_group",
                lang,
                group=GROUP_LABELS[group][1 if lang == "en" else 0],
                region=name,
                program=view.program,
            ),
            lang=lang,
        ),
        key="profile.trends",
        width="stretch",
    )

# kecamatan: map with the policy legend and a table
st.subheader(i18n.t("profile_kecamatan_head", lang, region=name))
layer = cache.boundary_layer("kecamatan")
areas = choropleth.areas_in(layer, kab) if layer is not None else None
kec = eng.table(ind.id, level="kecamatan", program=view.program, periode=view.periode, parent=kab)
if areas is not None:
    kec = choropleth.named(kec, areas)
neutral = ind.direction == "neutral" or ind.thresholds_for(view.program) is None
colouring = (
    choropleth.data_colouring([kec], ind, "natural_breaks", 5, lang)[0]
    if neutral
    else choropleth.policy_colouring(kec, ind, view.program, lang)
)


@st.fragment
def kecamatan_map(styles: dict) -> None:
    """Draw the kabupaten's kecamatan (no map events)."""
    st_folium(
        maps.area_map(areas, styles),
        key="profile.map",
        height=520,
        use_container_width=True,
        returned_objects=[],
    )


map_col, table_col = st.columns([3, 2])
with map_col:
    st.markdown(f"**{presentation.chart_title(ind, view.program, view.periode, lang)}**")
    if areas is None or areas.empty:
        st.info(i18n.t("profile_kecamatan_none", lang))
    else:
        kecamatan_map(choropleth.area_styles(kec, colouring.colours, ind, lang))
    st.markdown(
        choropleth.legend_html(
            colouring.legend,
            i18n.t("map_legend_policy", lang) if not neutral else "",
            presentation.direction_text(ind, lang),
            lang,
        ),
        unsafe_allow_html=True,
    )
with table_col:
    display = ranking.region_table(
        ranking.sort_best_first(kec, ind.direction), ind, lang, name_key="profile_col_kecamatan"
    )
    status_col = i18n.t("profile_col_status", lang)
    st.dataframe(
        display.drop(columns=["_status"]).style.apply(
            lambda _c, s=display["_status"]: [ranking.status_style(v) for v in s], subset=[status_col]
        ),
        hide_index=True,
        width="stretch",
        height=560,
        key="profile.kecamatan_table",
    )

with st.expander(trends.trend_title(ind, view.program, region_trends[ind.id], lang)):
    st.plotly_chart(
        trends.trend_chart(
            region_trends[ind.id], province_trends[ind.id], ind, view.program, region_name=name, lang=lang
        ),
        key="profile.trend",
        width="stretch",
    )
components.definition(ind, view.program, view.periode, lang, eng.as_of)
