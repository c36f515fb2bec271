"""Presisi: the Streamlit entry point. Page setup and navigation only."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import i18n
from dashboard.ui import pages, shell

st.set_page_config(page_title="Presisi — Bansos Lampung", layout="wide", initial_sidebar_state="expanded")

HERE = Path(__file__).parent
lang = shell.language()
sections: dict[str, list] = {}
for spec in pages.PAGES:
    if not (HERE / spec.file).exists():  # a page still being written is left out, never half-shown
        continue
    page = st.Page(spec.file, title=i18n.t(spec.title_key, lang), url_path=spec.url_path, default=spec.key == "summary")
    sections.setdefault(i18n.t(spec.section_key, lang), []).append(page)
navigation = st.navigation(sections)
shell.language_switch()
navigation.run()
