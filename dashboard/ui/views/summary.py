"""Ringkasan: province KPIs with change, best and worst kabupaten, a narrative."""

import streamlit as st

from dashboard import i18n, narrative, presentation
from dashboard.indicators.registry import INDICATORS
from dashboard.ui import components, context, shell

KPI_IDS = ("cakupan_sasaran", "inklusi", "realisasi_kpm", "tepat_waktu", "hari_terlambat_median", "gagal")

lang = shell.language()
shell.page_header(i18n.t("page_summary", lang), lang)
eng = context.engine()
if eng is None:
    st.stop()
view = context.view_filters(eng, lang)
previous = narrative.previous_period(eng, view.program, view.periode)

st.subheader(
    i18n.t("summary_kpis", lang, program=view.program, period=presentation.period_label(view.periode, lang))
)
columns = st.columns(3)
for index, ind_id in enumerate(i for i in KPI_IDS if view.program in INDICATORS[i].programs):
    ind = INDICATORS[ind_id]
    row = eng.province(ind_id, program=view.program, periode=view.periode)
    prev = eng.province(ind_id, program=view.program, periode=previous) if previous else None
    trend = eng.trend(ind_id, level="provinsi", program=view.program)
    history = trend.loc[trend["periode"] <= view.periode, "value"].tail(8) if "-T" in view.periode else None
    components.kpi(ind, row, prev, lang, container=columns[index % 3], trend=history)
if previous:
    st.caption(i18n.t("summary_delta_note", lang, before=presentation.period_label(previous, lang)))

ind = view.indicator
st.subheader(i18n.t("summary_story", lang, indicator=presentation.label(ind, lang)))
sentences = narrative.summary(eng, ind.id, program=view.program, periode=view.periode, lang=lang)
st.markdown(" ".join(sentences) if sentences else i18n.t("no_data_period", lang))

table = eng.table(ind.id, level="kabupaten", program=view.program, periode=view.periode)
ranked = narrative.best_and_worst(table, ind.direction)
left, right = st.columns(2)
for column, frame, key in ((left, ranked.worst, "summary_worst"), (right, ranked.best, "summary_best")):
    column.markdown(f"**{i18n.t(key, lang)}**")
    column.dataframe(
        {
            i18n.t("col_nama", lang): list(frame["nama"]),
            presentation.label(ind, lang): [presentation.value_text(ind, v, lang) for v in frame["value"]],
            i18n.t("col_fraction", lang): [
                presentation.fraction_text(n, d, lang)
                for n, d in zip(frame["numerator"], frame["denominator"], strict=True)
            ],
        },
        hide_index=True,
        width="stretch",
    )
components.legend(ind, view.program, lang)
components.definition(ind, view.program, view.periode, lang, eng.as_of)
