"""Presisi: the Streamlit entry point. Page setup and navigation only."""

from __future__ import annotations

import streamlit as st

from dashboard import i18n
from dashboard.ui import shell

st.set_page_config(page_title="Presisi — Bansos Lampung", layout="wide", initial_sidebar_state="expanded")

lang = shell.language()
pages = [
    st.Page(
        "ui/views/region_map.py", title=i18n.t("page_region_map", lang), url_path="peta-wilayah", default=True
    ),
]
navigation = st.navigation(pages)
shell.language_switch()
navigation.run()
