"""Peta Wilayah: the 15 kabupaten/kota on an offline map, with reference facts."""

import streamlit as st
from streamlit_folium import st_folium

from dashboard import i18n
from dashboard.figures import maps, tables
from dashboard.figures.tiles import tile_map
from dashboard.geo import layers
from dashboard.ui import cache, pages, shell

lang = shell.language()
shell.page_header(i18n.t("page_region_map", lang), lang)
st.write(i18n.t("region_map_intro", lang))

kabupaten = cache.boundary_layer("kabupaten")
views = [i18n.t("view_boundaries", lang), i18n.t("view_tiles", lang)]
if kabupaten is None:
    st.warning(i18n.t("boundaries_missing", lang) + "\n\n" + layers.missing_message())
    view = views[1]
else:
    view = st.radio(i18n.t("map_view", lang), views, horizontal=True, key="region_map.view")

if view == views[0]:
    fmap = maps.area_map(kabupaten)
    returned = st_folium(
        fmap,
        key="region_map.map",
        height=560,
        use_container_width=True,
        returned_objects=maps.CLICK_OBJECTS,
    )
    kode = maps.clicked_code(returned, kabupaten)
    if kode:  # a click opens that kabupaten's profile
        st.switch_page(pages.path("profile"), query_params={"kab": kode, "lang": lang})
else:
    st.plotly_chart(tile_map(cache.tile_frame()), key="region_map.tiles", width="stretch")

st.subheader(i18n.t("reference_table", lang))
st.dataframe(tables.reference_table(cache.kabupaten_reference(), lang), hide_index=True, width="stretch")
st.caption(i18n.t("reference_caption", lang))
