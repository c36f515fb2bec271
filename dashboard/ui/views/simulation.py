"""Simulasi: reallocate freed KPM quota and see coverage, errors and disparity before and after."""

from __future__ import annotations

import streamlit as st

from dashboard import config, formatting, i18n, presentation, urlstate
from dashboard.figures import simulation as fig_sim
from dashboard.indicators.engine import Engine
from dashboard.indicators.registry import INDICATORS
from dashboard.simulation import compare, export, inputs, reallocate, rules
from dashboard.ui import cache, context, filters, shell


def _data_key() -> str:
    folder = config.processed_dir()
    stamps = [str((folder / f"{n}.parquet").stat().st_mtime_ns) for n in ("families", "kpm")]
    return "|".join([str(folder), *stamps])


@st.cache_resource(show_spinner=False, max_entries=8)
def _inputs(key: str, program: str, periode: str, _eng: Engine) -> inputs.Inputs:
    """Return counts and ranked candidates for one programme-quarter (shared by every session)."""
    return inputs.from_processed(_eng.cube, program, periode, config.processed_dir())


def _metric_pair(container, ind_id: str, row, lang: str) -> None:
    ind = INDICATORS[ind_id]
    before, after = row[f"{ind_id}_sebelum"], row[f"{ind_id}_sesudah"]
    delta = None
    if not (formatting.is_missing(before) or formatting.is_missing(after)):
        delta = formatting.points(after - before, lang=lang).replace("−", "-")
    container.metric(
        presentation.label(ind, lang),
        presentation.value_text(ind, after, lang),
        delta=delta,
        delta_color="normal" if ind.direction == "higher_better" else "inverse",
        border=True,
        help=(
            f"{i18n.t('sim_before', lang)}: {presentation.value_text(ind, before, lang)} "
            f"({presentation.fraction_text(row[f'{ind_id}_num_sebelum'], row[f'{ind_id}_den_sebelum'], lang)}) · "
            f"{i18n.t('sim_after', lang)}: {presentation.value_text(ind, after, lang)} "
            f"({presentation.fraction_text(row[f'{ind_id}_num_sesudah'], row[f'{ind_id}_den_sesudah'], lang)})"
        ),
    )


def _display_table(table, lang: str):
    import pandas as pd

    out = pd.DataFrame({i18n.t("sim_col_nama", lang): table["nama"]})
    for column in compare.FLOWS:
        out[i18n.t(f"sim_col_{column}", lang)] = [formatting.number(v, lang=lang) for v in table[column]]
    for ind_id in compare.COMPARED:
        name = presentation.label(INDICATORS[ind_id], lang)
        for when in ("sebelum", "sesudah"):
            out[f"{name} ({i18n.t(f'sim_{when}', lang)})"] = [
                formatting.percent(v, 1, lang) for v in table[f"{ind_id}_{when}"]
            ]
    return out


lang = shell.language()
shell.page_header(i18n.t("page_simulation", lang), lang)
eng = context.engine()
if eng is None:
    st.stop()
view = context.view_filters(eng, lang, with_indicator=False)
program, periode = view.program, view.periode
st.markdown(i18n.t("sim_intro", lang))

rule_choice = urlstate.Choice("aturan", rules.RULE_IDS, "A")
share_choice = urlstate.Choice("porsi", [str(s) for s in rules.SHARES], "0")
filters.seed_from_url([rule_choice, share_choice], lang)
left, right = st.columns([3, 2])
rule_id = filters.select(
    rule_choice,
    i18n.t("sim_rule_label", lang),
    format_func=lambda r: i18n.t(f"sim_rule_{r}", lang),
    container=left,
    horizontal=True,
)
share = "0"
if rule_id == "B":
    share = filters.select(
        share_choice, i18n.t("sim_share_label", lang), format_func=lambda s: f"{s}%", container=right
    )
left.caption(i18n.t(f"sim_rule_{rule_id}_help", lang))

if not periode or "-T" not in periode:
    st.info(i18n.t("sim_quarter_only", lang))
    st.stop()

rule = rules.Rule(rule_id, int(share or 0))
with st.spinner(i18n.t("loading_data", lang)):
    data = _inputs(_data_key(), program, periode, eng)
result = reallocate.simulate(data, rule)
table = compare.comparison(result, eng.name)
disparity = compare.disparity(result)
summary = compare.summary(result)
period_text = presentation.period_label(periode, lang)
assumptions = rules.assumptions(
    rule,
    program=program,
    periode=periode,
    target_desil=data.target_desil,
    avg_nominal=data.avg_nominal,
    lang=lang,
)

st.info(
    i18n.t(
        "sim_budget_note",
        lang,
        slots=formatting.number(summary["kuota"], lang=lang),
        program=program,
        periode=period_text,
        rupiah=formatting.rupiah(summary["rp_kuota"], lang, compact=True),
        nominal=formatting.rupiah(summary["rata_nominal"], lang),
    ),
)
cards = st.columns(5)
cards[0].metric(i18n.t("sim_kpi_slots", lang), formatting.number(summary["kuota"], lang=lang), border=True)
cards[1].metric(
    i18n.t("sim_kpi_out", lang),
    formatting.number(summary["keluar"], lang=lang),
    border=True,
    help=i18n.t(
        "sim_kpi_out_help",
        lang,
        meninggal=formatting.number(summary.get("keluar_meninggal", 0), lang=lang),
        pindah=formatting.number(summary.get("keluar_pindah", 0), lang=lang),
        desil=formatting.number(summary.get("keluar_desil_atas", 0), lang=lang),
    ),
)
cards[2].metric(
    i18n.t("sim_kpi_in", lang),
    formatting.number(summary["masuk"], lang=lang),
    border=True,
    help=i18n.t("sim_kpi_in_help", lang, d1=formatting.number(summary["masuk_desil1"], lang=lang)),
)
cards[3].metric(
    i18n.t("sim_kpi_unused", lang), formatting.number(summary["slot_tidak_terpakai"], lang=lang), border=True
)
cards[4].metric(
    i18n.t("sim_kpi_moved_short", lang),
    formatting.number(summary["kuota_dipindah"], lang=lang),
    border=True,
    help=i18n.t("sim_kpi_moved", lang),
)
if summary["slot_tidak_terpakai"] > 0:
    short = table.loc[(table["slot_tidak_terpakai"] > 0) & (table["kode"] != config.PROVINCE_CODE)]
    areas = ", ".join(
        f"{n} ({formatting.number(v, lang=lang)})"
        for n, v in zip(short["nama"], short["slot_tidak_terpakai"], strict=True)
    )
    st.warning(
        i18n.t(
            "sim_unused_warning",
            lang,
            slots=formatting.number(summary["slot_tidak_terpakai"], lang=lang),
            areas=areas,
        )
    )

st.subheader(i18n.t("sim_province_head", lang, rule=rules.rule_label(rule, lang)))
province = table.loc[table["kode"] == config.PROVINCE_CODE].iloc[0]
for column, ind_id in zip(st.columns(len(compare.COMPARED)), compare.COMPARED, strict=True):
    _metric_pair(column, ind_id, province, lang)

st.subheader(i18n.t("sim_disparity_head", lang))
st.dataframe(
    {
        i18n.t("sim_indicator", lang): [
            presentation.label(INDICATORS[i], lang) for i in disparity["indikator"]
        ],
        i18n.t("sim_measure", lang): [i18n.t(f"sim_measure_{m}", lang) for m in disparity["ukuran"]],
        i18n.t("sim_before", lang): [formatting.number(v, 4, lang) for v in disparity["sebelum"]],
        i18n.t("sim_after", lang): [formatting.number(v, 4, lang) for v in disparity["sesudah"]],
        i18n.t("sim_change", lang): [formatting.number(v, 4, lang) for v in disparity["perubahan"]],
    },
    hide_index=True,
    key="sim.disparity",
)
st.caption(i18n.t("sim_disparity_note", lang))

st.subheader(i18n.t("sim_chart_head", lang))
chart_ind = (
    st.segmented_control(
        i18n.t("sim_chart_indicator", lang),
        list(compare.COMPARED),
        default="cakupan_sasaran",
        format_func=lambda i: presentation.label(INDICATORS[i], lang),
        key="sim.chart_indicator",
    )
    or "cakupan_sasaran"
)
ind = INDICATORS[chart_ind]
title = i18n.t(
    "sim_chart_title",
    lang,
    indicator=presentation.label(ind, lang),
    program=program,
    period=period_text,
    unit=presentation.unit_label(ind, lang),
)
labels = {
    "before": i18n.t("sim_before", lang),
    "after": i18n.t("sim_after", lang),
    "province": i18n.t("sim_province_line", lang),
    "x": presentation.unit_label(ind, lang),
}
st.plotly_chart(fig_sim.change_figure(table, ind, title=title, labels=labels, lang=lang), key="sim.chart")

st.subheader(i18n.t("sim_table_head", lang))
st.dataframe(_display_table(table, lang), hide_index=True, key="sim.table")
export_title = i18n.t(
    "sim_export_title",
    lang,
    program=program,
    periode=periode,
    rule=rules.rule_label(rule, lang),
    as_of=formatting.date(eng.as_of, lang),
)
header = export.header_block(
    export_title, assumptions, disparity, lang, synthetic=cache.dataset_status().synthetic
)
frame = export.table_for_export(table, lang)
name = f"simulasi-{program.lower()}-{periode}-aturan-{rule.id.lower()}{rule.share if rule.id == 'B' else ''}"
dl_csv, dl_xlsx = st.columns(2)
dl_csv.download_button(
    i18n.t("sim_download_csv", lang), export.to_csv(frame, header), f"{name}.csv", "text/csv", key="sim.csv"
)
dl_xlsx.download_button(
    i18n.t("sim_download_xlsx", lang),
    export.to_xlsx(frame, header),
    f"{name}.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="sim.xlsx",
)

st.subheader(i18n.t("sim_assumptions", lang))
st.markdown("\n".join(f"{i}. {text}" for i, text in enumerate(assumptions, start=1)))
