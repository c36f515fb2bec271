"""Ketepatan Sasaran: who is reached, who is missed, who should not be paid."""

import streamlit as st

from dashboard import config, formatting, i18n, pilot, presentation, urlstate
from dashboard.figures import targeting as fig_target
from dashboard.indicators.registry import INDICATORS
from dashboard.ui import components, context, filters, shell

SWITCH = "2025-T2"  # DTSEN used by Kemensos from Q2 2025 (domain.md §2)
PILOT_IDS = ("inklusi", "cakupan_desil1", "eksklusi")

lang = shell.language()
shell.page_header(i18n.t("page_targeting", lang), lang)
eng = context.engine()
if eng is None:
    st.stop()
view = context.view_filters(eng, lang, with_indicator=False, with_kab=True)
program, periode, kab = view.program, view.periode, view.kab
period_text = presentation.period_label(periode, lang)
ci_labels = {"ci": i18n.t("target_ci", lang)}


def _with_province(ind_id: str):
    kab_table = eng.table(ind_id, level="kabupaten", program=program, periode=periode)
    prov = eng.table(ind_id, level="provinsi", program=program, periode=periode)
    return fig_target.with_province(kab_table, prov)


# --- exclusion: plain and quota-adjusted ------------------------------------------------------
st.subheader(i18n.t("target_errors_head", lang))
ee, eq = INDICATORS["eksklusi"], INDICATORS["eksklusi_kuota"]
tables = {
    presentation.label(ee, lang): _with_province("eksklusi"),
    presentation.label(eq, lang): _with_province("eksklusi_kuota"),
}
title = i18n.t(
    "target_pair_title",
    lang,
    a=presentation.label(ee, lang),
    b=presentation.label(eq, lang),
    program=program,
    period=period_text,
)
st.plotly_chart(
    fig_target.errors_figure(
        tables, title=title, labels={"x": i18n.t("target_share_axis", lang), **ci_labels}
    ),
    key="target.exclusion",
)
prov_ee = eng.province("eksklusi", program=program, periode=periode)
prov_eq = eng.province("eksklusi_kuota", program=program, periode=periode)
st.markdown(
    i18n.t(
        "target_quota_why",
        lang,
        plain=presentation.value_text(ee, prov_ee["value"], lang),
        quota=presentation.value_text(eq, prov_eq["value"], lang),
    )
)

# --- coverage and inclusion error ---------------------------------------------------------------
cov, inc_err = INDICATORS["cakupan_sasaran"], INDICATORS["inklusi"]
tables = {
    presentation.label(cov, lang): _with_province("cakupan_sasaran"),
    presentation.label(inc_err, lang): _with_province("inklusi"),
}
title = i18n.t(
    "target_pair_title",
    lang,
    a=presentation.label(cov, lang),
    b=presentation.label(inc_err, lang),
    program=program,
    period=period_text,
)
st.plotly_chart(
    fig_target.errors_figure(
        tables, title=title, labels={"x": i18n.t("target_share_axis", lang), **ci_labels}
    ),
    key="target.coverage",
)
st.caption(i18n.t("target_ci_note", lang))

# --- incidence by desil -----------------------------------------------------------------------------
st.subheader(i18n.t("target_incidence_head", lang))
scope_choice = urlstate.Choice("insiden", ("provinsi", "kabupaten"), "provinsi")
filters.seed_from_url([scope_choice], lang)
scope = filters.select(
    scope_choice,
    i18n.t("target_scope", lang),
    format_func=lambda s: config.PROVINCE_NAME if s == "provinsi" else (eng.name(kab) if kab else s),
    horizontal=True,
)
area = kab if scope == "kabupaten" and kab else config.PROVINCE_CODE
incidence = eng.incidence(
    program=program, periode=periode, kode=None if area == config.PROVINCE_CODE else area
)
left, right = st.columns([3, 1])
with left:
    if incidence["penerima"].sum() == 0:
        st.info(i18n.t("no_data_period", lang))
    else:
        title = i18n.t(
            "target_incidence_title", lang, area=eng.name(area), program=program, period=period_text
        )
        st.plotly_chart(
            fig_target.incidence_figure(
                incidence,
                title=title,
                labels={
                    "x": i18n.t("target_desil", lang),
                    "y": i18n.t("target_share_axis", lang),
                    "beneficiary": i18n.t("target_beneficiary", lang),
                    "benefit": i18n.t("target_benefit", lang),
                    "no_desil": i18n.t("target_no_desil", lang),
                },
            ),
            key="target.incidence",
        )
with right:
    cgh = INDICATORS["cgh"]
    if area == config.PROVINCE_CODE:
        row = eng.province("cgh", program=program, periode=periode)
    else:
        table = eng.table("cgh", level="kabupaten", program=program, periode=periode)
        row = table.loc[table["kode"] == area].iloc[0].to_dict() if (table["kode"] == area).any() else {}
    components.kpi(cgh, row, None, lang)
    st.caption(presentation.definition(cgh, lang))

# --- before and after the DTSEN switch ----------------------------------------------------------
st.subheader(i18n.t("target_switch_head", lang))
switch_ids = ("cakupan_sasaran", "eksklusi", "inklusi")
trends = {
    presentation.label(INDICATORS[i], lang): eng.trend(i, level="provinsi", program=program)
    for i in switch_ids
}
title = i18n.t("target_switch_title", lang, program=program)
st.plotly_chart(
    fig_target.trend_figure(
        trends,
        title=title,
        labels={
            "x": i18n.t("time_quarter", lang),
            "y": i18n.t("target_share_axis", lang),
            "switch": i18n.t("target_switch_mark", lang),
        },
        switch=SWITCH,
    ),
    key="target.switch",
)
rows = {i: {y: eng.province(i, program=program, periode=y) for y in eng.years(program)} for i in switch_ids}
st.dataframe(
    fig_target.period_table(rows, INDICATORS, lang, indicator_col=i18n.t("target_indicator_col", lang)),
    hide_index=True,
    width="stretch",
    key="target.years",
)
st.caption(i18n.t("target_switch_note", lang))

# --- digitalisation pilot -------------------------------------------------------------------------
st.subheader(i18n.t("target_pilot_head", lang))
plan = pilot.load()
if plan is None or not plan.kabupaten:
    st.info(i18n.t("target_pilot_none", lang))
else:
    pilot_choice = urlstate.Choice("pilot_ind", PILOT_IDS, PILOT_IDS[0])
    filters.seed_from_url([pilot_choice], lang)
    pilot_id = filters.select(
        pilot_choice,
        i18n.t("filter_indicator", lang),
        format_func=lambda i: presentation.label(INDICATORS[i], lang),
        horizontal=True,
    )
    pind = INDICATORS[pilot_id]
    lines = {
        eng.name(k): eng.trend(pilot_id, level="kabupaten", program=program, kode=k) for k in plan.kabupaten
    }
    lines[config.PROVINCE_NAME] = eng.trend(pilot_id, level="provinsi", program=program)
    title = i18n.t(
        "target_pilot_title",
        lang,
        indicator=presentation.label(pind, lang),
        program=program,
        unit=presentation.unit_label(pind, lang),
    )
    st.plotly_chart(
        fig_target.trend_figure(
            lines,
            title=title,
            labels={
                "x": i18n.t("time_quarter", lang),
                "y": presentation.label(pind, lang),
                "switch": i18n.t("target_pilot_mark", lang),
            },
            switch=plan.mulai,
            highlight=(config.PROVINCE_NAME,),
        ),
        key="target.pilot",
    )
    st.caption(
        i18n.t(
            "target_pilot_note",
            lang,
            names=", ".join(eng.name(k) for k in plan.kabupaten),
            start=presentation.period_label(plan.mulai, lang) if plan.mulai else formatting.no_data(lang),
            source=plan.sumber,
        )
    )

with st.expander(i18n.t("how_computed", lang), expanded=False):
    for ind_id in ("cakupan_sasaran", "eksklusi", "eksklusi_kuota", "inklusi", "cgh"):
        ind = INDICATORS[ind_id]
        st.markdown(
            f"**{presentation.label(ind, lang)}** — {presentation.definition(ind, lang)}  \n"
            f"{i18n.t('target_num', lang)}: {presentation.numerator(ind, lang)} · "
            f"{i18n.t('target_den', lang)}: {presentation.denominator(ind, lang)} · {ind.source}"
        )
