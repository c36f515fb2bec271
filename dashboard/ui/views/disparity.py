"""Kesenjangan: whether the gap between kabupaten closes and where inequality lies."""

import streamlit as st

from dashboard import formatting, i18n, presentation
from dashboard.figures import disparity as fig_disp
from dashboard.ui import components, context, shell

MEASURES = ("gap_terbaik_terburuk", "gap_provinsi_terburuk", "cv", "gini", "theil_total", "ratio_max_min")

lang = shell.language()
shell.page_header(i18n.t("page_disparity", lang), lang)
eng = context.engine()
if eng is None:
    st.stop()
view = context.view_filters(eng, lang, default_indicator="tepat_waktu")
ind, program, periode = view.indicator, view.program, view.periode
label = presentation.label(ind, lang)
disp = eng.disparity(ind.id, program=program, include_years=True)
quarters = disp.loc[disp["periode"].str.contains("-T")].reset_index(drop=True)

if quarters.empty:
    st.info(i18n.t("no_data_period", lang))
    st.stop()

text = fig_disp.sentence(quarters, lang)
if text:
    st.markdown(f"**{text}**")

chosen = disp.loc[disp["periode"] == periode]
st.subheader(i18n.t("disp_kpis", lang, period=presentation.period_label(periode, lang), program=program))
columns = st.columns(4)
if not chosen.empty:
    row = chosen.iloc[0]
    share = fig_disp.between_share(chosen).iloc[0]
    for column, key, value in zip(
        columns,
        ("disp_gini", "disp_cv", "disp_ratio_max_min", "disp_between_share"),
        (
            formatting.number(row["gini"], 3, lang),
            formatting.number(row["cv"], 3, lang),
            formatting.number(row["ratio_max_min"], 2, lang),
            formatting.percent(share, 0, lang),
        ),
        strict=True,
    ):
        column.metric(i18n.t(key, lang), value, border=True, help=i18n.t(f"{key}_help", lang))

labels = {m: i18n.t(f"disp_{m}", lang) for m in MEASURES}
labels.update(
    gap=i18n.t(
        "disp_panel_gap",
        lang,
        unit=i18n.t("disp_points" if ind.unit == "persen" else f"unit_{ind.unit}", lang),
    ),
    relative=i18n.t("disp_panel_relative", lang),
    ratio=i18n.t("disp_panel_ratio", lang),
    x=i18n.t("time_quarter", lang),
)
title = i18n.t("disp_measures_title", lang, indicator=label, program=program)
st.plotly_chart(
    fig_disp.measures_figure(quarters, ind, title=title, labels=labels, lang=lang), key="disp.measures"
)

st.subheader(i18n.t("disp_theil_head", lang))
title = i18n.t("disp_theil_title", lang, indicator=label, program=program)
st.plotly_chart(
    fig_disp.theil_figure(
        quarters,
        title=title,
        labels={
            "between": i18n.t("disp_between", lang),
            "within": i18n.t("disp_within", lang),
            "x": i18n.t("time_quarter", lang),
            "y": i18n.t("disp_theil_axis", lang),
            "share": i18n.t("disp_share_of_total", lang),
        },
    ),
    key="disp.theil",
)
st.caption(i18n.t("disp_note", lang))
components.definition(ind, program, periode, lang, eng.as_of)
