"""Kualitas Data: what the cleaning found, kept, repaired and set aside (counts only)."""

import streamlit as st

from dashboard import formatting, i18n
from dashboard.figures import quality as fig_quality
from dashboard.pipeline import reasons
from dashboard.ui import context, shell

lang = shell.language()
shell.page_header(i18n.t("page_quality", lang), lang)
eng = context.engine()
if eng is None:
    st.stop()
report = eng.quality_report or {}
table_names = {t: i18n.t(f"dq_table_{t}", lang) for t in fig_quality.TABLES}
as_of = formatting.date(eng.as_of, lang) if eng.as_of else None
st.markdown(
    i18n.t(
        "dq_intro",
        lang,
        as_of=as_of or formatting.no_data(lang),
        source=i18n.t("source_synthetic" if report.get("source") != "nyata" else "source_real", lang),
    )
)

# --- conservation -----------------------------------------------------------------------------
st.subheader(i18n.t("dq_conservation_head", lang))
cons = fig_quality.conservation(report)
balanced = bool(len(cons)) and bool(cons["seimbang"].all())
(st.success if balanced else st.error)(i18n.t("dq_balanced" if balanced else "dq_unbalanced", lang))
st.dataframe(
    {
        i18n.t("dq_col_table", lang): [table_names.get(t, t) for t in cons["table"]],
        i18n.t("dq_col_input", lang): [formatting.number(v) for v in cons["input_rows"]],
        i18n.t("dq_col_kept", lang): [formatting.number(v) for v in cons["kept"]],
        i18n.t("dq_col_quarantined", lang): [formatting.number(v) for v in cons["quarantined"]],
        i18n.t("dq_col_merged", lang): [formatting.number(v) for v in cons["merged_duplicates"]],
        i18n.t("dq_col_removed", lang): [formatting.number(v) for v in cons["removed"]],
        i18n.t("dq_col_diff", lang): [formatting.number(v) for v in cons["selisih"]],
        i18n.t("dq_col_check", lang): [
            i18n.t("dq_ok" if ok else "dq_not_ok", lang) for ok in cons["seimbang"]
        ],
    },
    hide_index=True,
    width="stretch",
    key="dq.conservation",
)

# --- per kabupaten ------------------------------------------------------------------------------
st.subheader(i18n.t("dq_kab_head", lang))
rates = fig_quality.kabupaten_rates(report, eng.names)
if rates.empty:
    st.info(i18n.t("dq_no_rates", lang))
else:
    headers = {"nama": i18n.t("col_nama", lang), "kept_kpm": i18n.t("dq_col_kept_kpm", lang)}
    headers.update({key: i18n.t(f"dq_rate_{key}", lang) for key in fig_quality.RATE_CHECKS})
    st.dataframe(fig_quality.rates_display(rates, headers, lang), width="stretch", key="dq.rates")
    st.caption(i18n.t("dq_rates_note", lang))

# --- quarantine and faults by reason -----------------------------------------------------------
st.subheader(i18n.t("dq_reasons_head", lang))
counts = fig_quality.reason_counts(report, reasons.QUARANTINE_LABELS | reasons.REMOVED_LABELS)
quarantined = int(cons["quarantined"].sum()) if len(cons) else 0
if counts.empty:
    st.info(i18n.t("dq_no_quarantine", lang))
else:
    st.plotly_chart(
        fig_quality.counts_figure(
            counts,
            title=i18n.t("dq_reasons_title", lang, as_of=as_of or formatting.no_data(lang)),
            labels={"x": i18n.t("dq_rows", lang)},
            table_names=table_names,
        ),
        key="dq.reasons",
    )
    st.caption(i18n.t("dq_quarantine_total", lang, n=formatting.number(quarantined)))
faults = fig_quality.fault_counts(report)
if not faults.empty:
    st.plotly_chart(
        fig_quality.counts_figure(
            faults,
            title=i18n.t("dq_faults_title", lang, as_of=as_of or formatting.no_data(lang)),
            labels={"x": i18n.t("dq_rows", lang)},
            table_names=table_names,
        ),
        key="dq.faults",
    )
    st.caption(i18n.t("dq_faults_note", lang))

# --- input files --------------------------------------------------------------------------------
st.subheader(i18n.t("dq_files_head", lang))
files = fig_quality.files_table(report)
st.dataframe(
    {
        i18n.t("dq_col_file", lang): list(files["file"]),
        i18n.t("dq_col_table", lang): [table_names.get(t, t) for t in files["table"]],
        i18n.t("dq_col_input", lang): [formatting.number(v) for v in files["input_rows"]],
        "SHA-256": [f"{h}…" for h in files["sha256"]],
    },
    hide_index=True,
    width="stretch",
    key="dq.files",
)
st.caption(i18n.t("dq_privacy", lang))
