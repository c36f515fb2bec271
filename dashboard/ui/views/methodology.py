"""Metodologi: every indicator from the registry, definition choices, sources and attributions."""

import streamlit as st

from dashboard import config, formatting, i18n
from dashboard.indicators import docs
from dashboard.ui import context, shell

lang = shell.language()
shell.page_header(i18n.t("page_methodology", lang), lang)
st.markdown(i18n.t("meth_intro", lang))

# --- indicators, grouped -----------------------------------------------------------------------
st.header(i18n.t("meth_indicators_head", lang))
for title, blocks in docs.methodology_sections(lang):
    st.subheader(title)
    for block in blocks:
        st.markdown(block)

# --- definition choices ------------------------------------------------------------------------
st.header(i18n.t("meth_choices_head", lang))
st.markdown(i18n.t("meth_choices_intro", lang))
st.markdown(docs.definition_choices())
eng = context.engine()
if eng is not None:
    cfg = eng.cube.config
    st.markdown(
        i18n.t(
            "meth_config",
            lang,
            target=", ".join(f"{p}: {min(d)}–{max(d)}" for p, d in sorted(cfg.target_desil.items())),
            due=cfg.due_rule,
            as_of=formatting.date(eng.as_of, lang),
        )
    )
else:
    st.info(i18n.t("no_dataset", lang))

# --- data sources --------------------------------------------------------------------------------
st.header(i18n.t("meth_sources_head", lang))
readme_path = config.ROOT / "data" / "README.md"
data_readme = readme_path.read_text(encoding="utf-8") if readme_path.is_file() else ""
st.markdown(i18n.t("meth_sources_intro", lang))
st.markdown("\n".join(f"- {h.lstrip('# ')}" for h in docs.headings(data_readme)) or formatting.no_data(lang))
with st.expander(i18n.t("meth_sources_reference", lang)):
    st.markdown(
        docs.markdown_section(data_readme, "## Sumber data referensi dan batas wilayah")
        or formatting.no_data(lang)
    )

# --- attributions --------------------------------------------------------------------------------
st.header(i18n.t("meth_attribution_head", lang))
st.markdown(i18n.t("meth_attribution", lang, boundary=config.BOUNDARY_ATTRIBUTION))
licence = config.geo_dir() / "LICENSE-batas-wilayah.txt"
with st.expander(i18n.t("meth_licence", lang)):
    st.code(
        licence.read_text(encoding="utf-8") if licence.is_file() else i18n.t("meth_licence_missing", lang),
        language=None,
    )
