"""The frame every page shares: language, synthetic banner, as-of date and source."""

from __future__ import annotations

import streamlit as st

from dashboard import formatting, i18n
from dashboard.ui import auth, cache


def language() -> str:
    """Return the UI language from the URL (``?lang=en``), validated; default Bahasa."""
    return i18n.valid_language(st.query_params.get("lang", i18n.DEFAULT_LANGUAGE))


def language_switch() -> str:
    """Draw the language switch in the sidebar and keep it in the URL."""
    current = language()
    choice = st.sidebar.segmented_control(
        i18n.t("language", current),
        options=list(i18n.LANGUAGES),
        format_func=lambda code: {"id": "Bahasa Indonesia", "en": "English"}[code],
        default=current,
        key="shell.lang",
    )
    chosen = i18n.valid_language(choice or current)
    if chosen != current:
        st.query_params["lang"] = chosen
        st.rerun()
    return chosen


def page_header(title: str, lang: str) -> None:
    """Draw the page title, the synthetic-data banner and the as-of line."""
    status = cache.dataset_status()
    auth.local_banner(lang)
    if status.synthetic:
        st.error(i18n.t("synthetic_banner", lang), icon="⚠️")
    st.title(title)
    if status.available:
        source = i18n.t("source_synthetic" if status.synthetic else "source_real", lang)
        st.caption(i18n.t("as_of", lang, date=formatting.date(status.as_of, lang), source=source))
    else:
        st.info(i18n.t("no_dataset", lang))
