"""Peta: kabupaten choropleth with policy or data classes, ranking, tile map, before/after."""

import streamlit as st
from streamlit_folium import st_folium

from dashboard import i18n, narrative, presentation, urlstate
from dashboard.figures import choropleth, maps, ranking
from dashboard.figures.tiles import tile_map
from dashboard.ui import cache, components, context, filters, pages, shell

LAYOUTS = ("peta", "petak", "dua")

lang = shell.language()
shell.page_header(i18n.t("page_map", lang), lang)
eng = context.engine()
if eng is None:
    st.stop()
view = context.view_filters(eng, lang)
ind = view.indicator
if ind is None:
    st.info(i18n.t("map_no_indicator", lang))
    st.stop()

neutral = ind.direction == "neutral" or ind.thresholds_for(view.program) is None
modes = tuple(m for m in choropleth.MODES if not (neutral and m == "policy"))
same_kind = eng.periods(view.program) if "-T" in view.periode else eng.years(view.program)
before_options = sorted((p for p in same_kind if p != view.periode), reverse=True)
previous = narrative.previous_period(eng, view.program, view.periode)
mode_choice = urlstate.Choice("kelas", modes, modes[0])
layout_choice = urlstate.Choice("tampilan", LAYOUTS, LAYOUTS[0])
before_choice = urlstate.Choice(
    "sebelum", before_options, previous or (before_options[0] if before_options else None)
)
filters.seed_from_url([mode_choice, layout_choice, before_choice], lang)

left, right = st.columns(2)
mode = filters.select(
    mode_choice,
    i18n.t("map_colouring", lang),
    format_func=lambda m: i18n.t(f"map_mode_{m}", lang),
    container=left,
    horizontal=True,
)
layout = filters.select(
    layout_choice,
    i18n.t("map_layout", lang),
    format_func=lambda v: i18n.t(f"map_layout_{v}", lang),
    container=right,
    horizontal=True,
)
if neutral:
    st.caption(i18n.t("map_neutral_note", lang))

boundaries = cache.boundary_layer("kabupaten")
if boundaries is None and layout != "petak":
    st.warning(i18n.t("map_no_boundaries", lang))
    layout = "petak"

table = eng.table(ind.id, level="kabupaten", program=view.program, periode=view.periode)
province = eng.province(ind.id, program=view.program, periode=view.periode)
before = None
if layout == "dua":
    if before_options:
        before = filters.select(
            before_choice,
            i18n.t("map_before", lang),
            format_func=lambda p: presentation.period_label(p, lang),
            container=st.columns(3)[0],
        )
    else:
        st.info(i18n.t("map_no_before", lang))
before_table = eng.table(ind.id, level="kabupaten", program=view.program, periode=before) if before else None
frames = [table] if before_table is None else [before_table, table]
if mode == "policy":
    colourings = [choropleth.policy_colouring(f, ind, view.program, lang) for f in frames]
    legend_title = i18n.t("map_legend_policy", lang)
else:
    colourings = choropleth.data_colouring(frames, ind, mode, 5, lang)
    legend_title = i18n.t("map_legend_data", lang, method=i18n.t(f"map_mode_{mode}", lang))
colouring = colourings[-1]
styles = choropleth.area_styles(table, colouring.colours, ind, lang)
note = presentation.direction_text(ind, lang)


@st.fragment
def boundary_map(styles: dict, key: str, clickable: bool, height: int = 600) -> None:
    """Draw the kabupaten map; a click opens the kabupaten's profile."""
    fmap = maps.area_map(boundaries[["kode", "nama", "geometry"]], styles)
    returned = st_folium(
        fmap,
        key=key,
        height=height,
        use_container_width=True,
        returned_objects=maps.CLICK_OBJECTS if clickable else [],
    )
    kode = maps.clicked_code(returned, boundaries) if clickable else None
    if kode:
        st.switch_page(
            pages.path("profile"),
            query_params={
                "kab": kode,
                "program": view.program,
                "periode": view.periode,
                "indikator": ind.id,
                "lang": lang,
            },
        )


title = presentation.chart_title(ind, view.program, view.periode, lang)
ranking_figure = ranking.ranked_bar(
    table,
    ind,
    view.program,
    view.periode,
    colours=colouring.colours,
    province_value=province.get("value"),
    lang=lang,
)
paired = before_table is not None
if paired:
    columns = st.columns(2)
    for column, frame, period, colour_set, suffix in zip(
        columns, frames, (before, view.periode), colourings, ("before", "after"), strict=True
    ):
        with column:
            st.markdown(f"**{presentation.chart_title(ind, view.program, period, lang)}**")
            boundary_map(
                choropleth.area_styles(frame, colour_set.colours, ind, lang),
                f"map.map_{suffix}",
                clickable=False,
                height=480,
            )
            st.markdown(
                choropleth.legend_html(colour_set.legend, legend_title, note, lang), unsafe_allow_html=True
            )
else:
    map_column, bar_column = st.columns([3, 2])
    with map_column:
        if layout == "petak":
            colours, labels, hover = choropleth.tile_inputs(
                styles, dict(zip(table["kode"], table["nama"], strict=True))
            )
            st.plotly_chart(
                tile_map(cache.tile_frame(), colours, labels, hover, title=title),
                key="map.tiles",
                width="stretch",
            )
        else:
            st.markdown(f"**{title}**")
            boundary_map(styles, "map.map", clickable=True)
            st.caption(i18n.t("map_click_hint", lang))
        st.markdown(
            choropleth.legend_html(colouring.legend, legend_title, note, lang), unsafe_allow_html=True
        )
    with bar_column:
        st.markdown(f"**{i18n.t('map_ranking_head', lang)}**")
        st.plotly_chart(
            ranking_figure,
            key="map.ranking",
            width="stretch",
        )
if paired:
    st.plotly_chart(
        ranking_figure,
        key="map.ranking",
        width="stretch",
    )
components.definition(ind, view.program, view.periode, lang, eng.as_of)
