"""Presisi: the Streamlit entry point. Page setup and navigation only."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import i18n
from dashboard.access import roles
from dashboard.ui import auth, pages, shell

st.set_page_config(page_title="Presisi — Bansos Lampung", layout="wide", initial_sidebar_state="expanded")

HERE = Path(__file__).parent
lang = shell.language()
user = auth.gate(lang)  # login (OIDC) or explicit local mode; otherwise a how-to message only
if user is None:
    st.stop()
allowed = roles.allowed_pages(user)
sections: dict[str, list] = {}
for spec in pages.PAGES:
    if not (HERE / spec.file).exists():  # a page still being written is left out, never half-shown
        continue
    if (allowed is not None and spec.key not in allowed) or (spec.key == "upload" and not user.is_admin):
        continue
    page = st.Page(
        spec.file, title=i18n.t(spec.title_key, lang), url_path=spec.url_path, default=spec.key == "summary"
    )
    sections.setdefault(i18n.t(spec.section_key, lang), []).append(page)
navigation = st.navigation(sections)
shell.language_switch()
auth.sidebar_identity(user, lang)
navigation.run()
