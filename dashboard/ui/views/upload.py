"""Unggah Data (admin only): check uploads, map headers, preview problems, commit a version, switch versions.

Nothing here changes the data the app reads until the admin saves a version
and activates it. Every failure is shown as one Bahasa message; the page
never shows a traceback (unexpected errors are logged for the admin).
"""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from dashboard import formatting, i18n, rawformat, settings
from dashboard.errors import UserError
from dashboard.importer import commit as commit_mod
from dashboard.importer import headers, preview, profiles, stage
from dashboard.ui import auth, cache, shell
from dashboard.versions import cli as versions_cli
from dashboard.versions import store

log = logging.getLogger(__name__)
KEY = "up."
NO_PROFILE = ""


def _state(name: str, default: object = None) -> object:
    return st.session_state.get(KEY + name, default)


def _set(name: str, value: object) -> None:
    st.session_state[KEY + name] = value


def _reset() -> None:
    folder = _state("session")
    if folder:
        stage.discard(Path(str(folder)))
    for name in ("session", "files", "preview", "inputs"):
        st.session_state.pop(KEY + name, None)


def _check_uploads(uploads: list, profile_name: str, lang: str) -> None:
    _reset()
    limits = settings.load()
    mapping = profiles.load(profile_name) if profile_name else None
    session = stage.new_session()
    files = [stage.add_file(session, up.getvalue(), up.name, limits, mapping) for up in uploads]
    _set("session", str(session))
    _set("files", files)
    _set("profile", profile_name or None)


def _file_panel(index: int, staged: stage.Staged, lang: str) -> None:
    with st.expander(staged.name, expanded=True):
        if not staged.ok:
            st.error(f"{i18n.t('up_file_refused', lang)}: {staged.error}")
            return
        assert staged.inspection is not None
        st.markdown(
            i18n.t(
                "up_file_summary",
                lang,
                kind=(staged.kind or "").upper(),
                encoding=staged.encoding or "-",
                size=f"{formatting.number(staged.size)} byte",
                export=staged.export,
            )
        )
        export = st.selectbox(
            i18n.t("up_export_type", lang),
            options=list(rawformat.EXPORTS),
            index=list(rawformat.EXPORTS).index(staged.export) if staged.export in rawformat.EXPORTS else 0,
            key=f"{KEY}export.{index}",
        )
        if export != staged.export:
            staged.export = export
            staged.mapping = headers.propose(staged.inspection.header, export)
        options = ["", *(c.name for c in rawformat.COLUMNS[export])]
        edited = st.data_editor(
            headers.to_frame(staged.mapping),
            key=f"{KEY}map.{index}.{export}",
            hide_index=True,
            disabled=["posisi", "kolom_mentah"],
            column_config={
                "kolom_baku": st.column_config.SelectboxColumn(
                    options=options, help=i18n.t("up_mapping_help", lang)
                )
            },
        )
        staged.mapping = headers.from_frame(edited, export)
        for problem in stage.check(staged):
            st.warning(problem)
        st.caption(i18n.t("up_sample", lang))
        st.dataframe(headers.sample(staged.inspection, staged.mapping), hide_index=True)
        cols = st.columns([3, 1])
        name = cols[0].text_input(i18n.t("up_profile_name", lang), key=f"{KEY}pname.{index}")
        if cols[1].button(i18n.t("up_save_profile", lang), key=f"{KEY}psave.{index}"):
            profiles.save(name, export, staged.mapping)
            st.success(i18n.t("up_profile_saved", lang, name=name))


def _preview_panel(lang: str) -> None:
    result = _state("preview")
    if result is None:
        return
    st.markdown(f"**{i18n.t('up_conservation', lang)}**")
    st.dataframe(result.conservation, hide_index=True)
    st.markdown(f"**{i18n.t('up_problems', lang)}**")
    if len(result.problems):
        st.dataframe(result.problems, hide_index=True)
    else:
        st.success(i18n.t("up_no_problems", lang))
    if len(result.samples):
        st.markdown(f"**{i18n.t('up_quarantine_samples', lang)}**")
        st.dataframe(result.samples, hide_index=True)


def _commit(user, lang: str) -> None:
    activate = st.checkbox(i18n.t("up_activate_now", lang), value=True, key=KEY + "activate")
    if st.button(i18n.t("up_commit", lang), type="primary", key=KEY + "commit"):
        version = commit_mod.commit(
            Path(str(_state("session"))),
            _state("files"),
            _state("inputs"),
            _state("preview"),
            user=user.email,
            role=user.role,
            profile=_state("profile"),
            activate=activate,
        )
        for name in ("session", "files", "preview", "inputs"):
            st.session_state.pop(KEY + name, None)
        cache.dataset_status.clear()
        st.success(i18n.t("up_committed", lang, id=version.id))


def _versions(user, lang: str) -> None:
    st.subheader(i18n.t("ver_title", lang))
    st.caption(i18n.t("ver_retention", lang, days=settings.load().retention_days))
    items = list(reversed(store.versions()))
    if not items:
        st.info(i18n.t("ver_none", lang))
        return
    st.dataframe(
        {
            "id": [v.id for v in items],
            i18n.t("ver_active", lang): ["✔" if v.active else "" for v in items],
            "sumber": [v.manifest.get("source", "?") for v in items],
            "per": [v.manifest.get("as_of") or "-" for v in items],
            "oleh": [v.manifest.get("created_by", "?") for v in items],
            "dibuat": [v.manifest.get("created_at", "?") for v in items],
            "baris": [
                ", ".join(
                    f"{k} {formatting.number(n)}" for k, n in sorted(v.manifest.get("row_counts", {}).items())
                )
                for v in items
            ],
        },
        hide_index=True,
    )
    cols = st.columns([3, 1, 2])
    choice = cols[0].selectbox("ID", [v.id for v in items], key=KEY + "version", label_visibility="collapsed")
    switched = None
    if cols[1].button(i18n.t("ver_activate", lang), key=KEY + "do_activate"):
        switched = versions_cli.switch(choice, user.email, user.role).id
    if cols[2].button(i18n.t("ver_rollback", lang), key=KEY + "do_rollback"):
        switched = versions_cli.switch(store.previous_id(), user.email, user.role, reason="rollback").id
    if switched:
        cache.dataset_status.clear()
        st.success(i18n.t("ver_switched", lang, id=switched))


def _page(user, lang: str) -> None:
    st.write(i18n.t("up_intro", lang))
    uploads = st.file_uploader(i18n.t("up_files", lang), accept_multiple_files=True, key=KEY + "uploader")
    names = [NO_PROFILE, *profiles.names()]
    profile_name = st.selectbox(
        i18n.t("up_profile", lang),
        names,
        format_func=lambda n: n or i18n.t("up_profile_none", lang),
        key=KEY + "profile_choice",
    )
    cols = st.columns(2)
    if cols[0].button(i18n.t("up_check", lang), disabled=not uploads, key=KEY + "check"):
        _check_uploads(uploads or [], profile_name, lang)
    if cols[1].button(i18n.t("up_discard", lang), disabled=_state("session") is None, key=KEY + "discard"):
        _reset()
    files = _state("files") or []
    for index, staged in enumerate(files):
        _file_panel(index, staged, lang)
    if files:
        st.subheader(i18n.t("up_preview", lang))
        if st.button(i18n.t("up_run_preview", lang), key=KEY + "run_preview"):
            from dashboard.geo import layers

            session = Path(str(_state("session")))
            inputs = stage.write_pipeline_inputs(session, files)
            _set("preview", preview.dry_run(session, files, inputs, layers.desa_master()))
            _set("inputs", inputs)
        _preview_panel(lang)
        if _state("preview") is not None:
            _commit(user, lang)
    st.divider()
    _versions(user, lang)


lang = shell.language()
shell.page_header(i18n.t("page_upload", lang), lang)
current = auth.current_user()
if current is None or not current.is_admin:
    st.error(i18n.t("auth_denied", lang))
    st.stop()
try:
    _page(current, lang)
except UserError as error:
    st.error(str(error))
except Exception:  # never a traceback on this page: log it, show one Bahasa line
    log.exception("upload page failed")
    st.error(i18n.t("up_internal_error", lang))
