"""Bandingkan: two to four kabupaten side by side, peer groups, funnel plot, gap to best and target."""

import streamlit as st

from dashboard import config, i18n, presentation, urlstate
from dashboard.figures import funnel, ranking
from dashboard.indicators.registry import INDICATORS
from dashboard.ui import cache, components, context, filters, shell

KEY_IDS = ("cakupan_sasaran", "inklusi", "realisasi_kpm", "gagal", "tepat_waktu", "hari_terlambat_median")

lang = shell.language()
shell.page_header(i18n.t("page_compare", lang), lang)
eng = context.engine()
if eng is None:
    st.stop()
view = context.view_filters(eng, lang)
ind = view.indicator
if ind is None:
    st.stop()

codes = sorted(k for k in eng.names if len(k) == 5 and k.startswith(config.PROVINCE_CODE + "."))
table = eng.table(ind.id, level="kabupaten", program=view.program, periode=view.periode)
ranked = ranking.sort_best_first(table, ind.direction)
default = (
    ",".join([ranked["kode"].iloc[0], ranked.dropna(subset=["value"])["kode"].iloc[-1]])
    if len(ranked) > 1
    else ""
)
chosen = filters.multiselect(
    urlstate.Choice("banding", codes, default),
    i18n.t("compare_pick", lang),
    format_func=eng.name,
    max_selections=4,
)
period = presentation.period_label(view.periode, lang)
province = eng.province(ind.id, program=view.program, periode=view.periode)

if len(chosen) < 2:
    st.info(i18n.t("compare_pick_more", lang))
else:
    ids = [ind.id] + [i for i in KEY_IDS if i != ind.id and view.program in INDICATORS[i].programs]
    indicators = {i: INDICATORS[i] for i in ids}
    tables = {i: eng.table(i, level="kabupaten", program=view.program, periode=view.periode) for i in ids}
    provinces = {i: eng.province(i, program=view.program, periode=view.periode) for i in ids}
    st.plotly_chart(
        ranking.small_multiples(tables, indicators, provinces, chosen, view.program, view.periode, lang=lang),
        key="compare.multiples",
        width="stretch",
    )
    st.markdown(
        f"**{i18n.t('compare_table_head', lang, program=view.program, period=period)}** — {presentation.label(ind, lang)}"
    )
    display = ranking.region_table(table.set_index("kode").loc[chosen].reset_index(), ind, lang)
    status_col = i18n.t("profile_col_status", lang)
    st.dataframe(
        display.drop(columns=["_status"]).style.apply(
            lambda _c, s=display["_status"]: [ranking.status_style(v) for v in s], subset=[status_col]
        ),
        hide_index=True,
        width="stretch",
        key="compare.table",
    )

    st.subheader(i18n.t("compare_gap_head", lang))
    gaps = ranking.gap_frame(table, ind, view.program, chosen)
    st.plotly_chart(
        ranking.gap_chart(gaps, ind, view.program, view.periode, lang=lang),
        key="compare.gaps",
        width="stretch",
    )

st.subheader(i18n.t("compare_peer_head", lang))
left, right = st.columns(2)
scheme_choice = urlstate.Choice("kelompok", ranking.PEER_SCHEMES, ranking.PEER_SCHEMES[0])
filters.seed_from_url([scheme_choice], lang)
scheme = filters.select(
    scheme_choice,
    i18n.t("compare_peer_scheme", lang),
    format_func=lambda s: i18n.t(f"compare_scheme_{s}", lang),
    container=left,
)
groups = ranking.peer_groups(cache.kabupaten_reference(), scheme)
group_choice = urlstate.Choice("anggota", list(groups), next(iter(groups)))
filters.seed_from_url([group_choice], lang)
group = filters.select(
    group_choice,
    i18n.t("compare_peer_group", lang),
    format_func=lambda g: (
        f"{i18n.t(f'compare_group_{g}', lang)} ({', '.join(eng.name(k) for k in groups[g])})"
    ),
    container=right,
)
members = groups.get(group, [])
st.caption(i18n.t("compare_peer_note", lang))
colours = {k: ("#E69F00" if k in members else "#bdbdbd") for k in table["kode"]}
st.plotly_chart(
    ranking.ranked_bar(
        table,
        ind,
        view.program,
        view.periode,
        colours=colours,
        province_value=province.get("value"),
        lang=lang,
    ),
    key="compare.peers",
    width="stretch",
)

st.subheader(i18n.t("compare_funnel_head", lang))
if ind.binomial:
    st.markdown(i18n.t("compare_funnel_explain", lang))
    st.plotly_chart(
        funnel.funnel_plot(
            table,
            ind,
            view.program,
            view.periode,
            province.get("value"),
            highlight=set(members) | set(chosen),
            lang=lang,
        ),
        key="compare.funnel",
        width="stretch",
    )
else:
    st.info(i18n.t("compare_funnel_na", lang))
components.legend(ind, view.program, lang)
components.definition(ind, view.program, view.periode, lang, eng.as_of)
