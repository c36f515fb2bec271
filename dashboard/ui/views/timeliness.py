"""Ketepatan Waktu: how fast KPM are paid, per kabupaten and over time."""

import streamlit as st

from dashboard import i18n, narrative, presentation
from dashboard.figures import timeliness as fig_time
from dashboard.indicators.registry import INDICATORS
from dashboard.ui import components, context, shell

KPI_IDS = ("tepat_waktu", "hari_terlambat_median", "hari_terlambat_p90", "terlambat_30")
CHANNELS = (("sp2d_kredit_himbara", "HIMBARA"), ("sp2d_kredit_pos", "Pos"))

lang = shell.language()
shell.page_header(i18n.t("page_timeliness", lang), lang)
eng = context.engine()
if eng is None:
    st.stop()
view = context.view_filters(eng, lang, with_indicator=False, with_kab=True)
program, periode, kab = view.program, view.periode, view.kab
period_text = presentation.period_label(periode, lang)
previous = narrative.previous_period(eng, program, periode)

st.subheader(i18n.t("time_kpis", lang, program=program, period=period_text))
columns = st.columns(len(KPI_IDS))
for column, ind_id in zip(columns, KPI_IDS, strict=True):
    row = eng.province(ind_id, program=program, periode=periode)
    prev = eng.province(ind_id, program=program, periode=previous) if previous else None
    components.kpi(INDICATORS[ind_id], row, prev, lang, container=column)

# --- cumulative share paid by day -----------------------------------------------------------
st.subheader(i18n.t("time_cumulative_head", lang))
due = fig_time.due_day(periode, eng.cube.config.due_rule)
labels = {
    "x": i18n.t("time_days_since_start", lang),
    "y": i18n.t("time_share_paid", lang),
    "due": i18n.t("time_due_line", lang),
    "paid": i18n.t("time_paid_of_active", lang),
    "n": i18n.t("time_n_kpm", lang),
    "value": presentation.label(INDICATORS["tepat_waktu"], lang),
}
cum_kab = eng.cumulative_paid(program=program, periode=periode, level="kabupaten")
cum_prov = eng.cumulative_paid(program=program, periode=periode, level="provinsi")
if cum_kab.empty:
    st.info(i18n.t("no_data_period", lang))
else:
    title = i18n.t("time_cumulative_title", lang, program=program, period=period_text)
    st.plotly_chart(
        fig_time.cumulative_figure(cum_kab, cum_prov, highlight=kab, due=due, title=title, labels=labels),
        key="time.cumulative",
    )
    st.caption(i18n.t("time_cumulative_note", lang, kab=eng.name(kab) if kab else "—"))

# --- delay distribution ---------------------------------------------------------------------
left, right = st.columns(2)
with left:
    dist = eng.delay_distribution(program=program, periode=periode, level="provinsi")
    if kab:
        dist_kab = eng.delay_distribution(program=program, periode=periode, level="kabupaten", kode=kab)
        dist = fig_time.stack_regions(dist, dist_kab)
    if dist.empty or dist["kpm"].sum() == 0:
        st.info(i18n.t("no_data_period", lang))
    else:
        title = i18n.t("time_delay_title", lang, program=program, period=period_text)
        st.plotly_chart(
            fig_time.delay_figure(
                dist,
                title=title,
                labels={
                    "x": i18n.t("time_days_late", lang),
                    "y": i18n.t("time_share_of_paid", lang),
                    "paid": i18n.t("time_paid_kpm", lang),
                },
            ),
            key="time.delay",
        )
with right:
    tables = {
        name: eng.table(ind_id, level="kabupaten", program=program, periode=periode)
        for ind_id, name in CHANNELS
    }
    title = i18n.t("time_lead_title", lang, program=program, period=period_text)
    st.plotly_chart(
        fig_time.lead_time_figure(
            tables,
            names=eng.names,
            title=title,
            labels={"x": i18n.t("time_lead_axis", lang), "n": i18n.t("time_n_kpm", lang)},
        ),
        key="time.lead",
    )
    missing = [eng.name(k) for name, t in tables.items() for k in t.loc[t["value"].isna(), "kode"]]
    if missing:
        st.caption(i18n.t("time_lead_missing", lang, names=", ".join(sorted(set(missing)))))

# --- rank over quarters -----------------------------------------------------------------------
st.subheader(i18n.t("time_rank_head", lang))
ind = INDICATORS["tepat_waktu"]
trend = eng.trend("tepat_waktu", level="kabupaten", program=program)
title = i18n.t("time_rank_title", lang, indicator=presentation.label(ind, lang), program=program)
st.plotly_chart(
    fig_time.bump_figure(
        trend,
        highlight=kab,
        title=title,
        labels={"x": i18n.t("time_quarter", lang), "y": i18n.t("time_rank", lang), "value": labels["value"]},
    ),
    key="time.bump",
)
history = fig_time.rank_history(trend)
st.dataframe(
    fig_time.rank_table(
        history, lang, name_col=i18n.t("col_nama", lang), change_col=i18n.t("time_rank_change", lang)
    ),
    hide_index=True,
    width="stretch",
    key="time.rank_table",
)
components.legend(ind, program, lang)
components.definition(ind, program, periode, lang, eng.as_of)
