"""Who is using the app: ``st.login`` (OpenID Connect) when configured, else explicit local mode.

* Login is configured when ``.streamlit/secrets.toml`` has an ``[auth]``
  section; the e-mail from ``st.user`` is mapped to a role by
  :func:`dashboard.access.roles.lookup`.
* Local mode (``PRESISI_LOCAL_MODE=1``) needs no login; the role comes from
  ``PRESISI_LOCAL_ROLE`` and every page says so (:func:`local_banner`).
* Neither: :func:`gate` shows how to configure login and nothing else.
"""

from __future__ import annotations

import streamlit as st

from dashboard import i18n, settings
from dashboard.access import audit, roles
from dashboard.access.roles import User
from dashboard.errors import UserError

_LOGGED = "presisi.auth.logged"


def login_configured() -> bool:
    """Return whether ``st.login`` can be used (an ``[auth]`` secrets section exists)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises its own error types
        return False


def current_user() -> User | None:
    """Return the user of this session, ``None`` when nobody may use the app."""
    if login_configured():
        if not st.user.is_logged_in:
            return None
        try:
            return roles.lookup(st.user.get("email"))
        except UserError:
            return None
    if roles.local_mode():
        try:
            return roles.local_user()
        except UserError:
            return None
    return None


def gate(lang: str) -> User | None:
    """Return the signed-in user, or draw the login/configuration screen and return ``None``."""
    try:
        if login_configured():
            if not st.user.is_logged_in:
                st.title(i18n.t("auth_login_title", lang))
                st.write(i18n.t("auth_login_prompt", lang))
                if st.button(i18n.t("auth_login_button", lang), type="primary"):
                    st.login()
                return None
            email = st.user.get("email") or ""
            user = roles.lookup(email)
            if user is None:
                st.error(i18n.t("auth_unknown_user", lang, email=email))
                st.button(i18n.t("auth_logout_button", lang), on_click=st.logout)
                return None
        elif roles.local_mode():
            user = roles.local_user()
        else:
            st.title(i18n.t("auth_not_configured_title", lang))
            st.warning(i18n.t("auth_not_configured", lang))
            return None
    except UserError as error:
        st.error(str(error))
        return None
    if not st.session_state.get(_LOGGED):
        st.session_state[_LOGGED] = True
        audit.record("login", user.email, user.role, {"local": user.local, "kabupaten": user.kabupaten})
    return user


def sidebar_identity(user: User, lang: str) -> None:
    """Show who is signed in, and a sign-out button for OIDC users."""
    st.sidebar.caption(i18n.t("auth_signed_in_as", lang, email=user.email, role=user.role))
    if not user.local and login_configured():
        st.sidebar.button(i18n.t("auth_logout_button", lang), on_click=st.logout, key="auth.logout")


def local_banner(lang: str) -> None:
    """Draw the local-mode banner when the app runs without login."""
    user = current_user()
    if user is not None and user.local:
        st.warning(i18n.t("auth_local_banner", lang, role=user.role), icon="⚠️")
    if user is not None and user.role == "kabupaten":
        st.caption(i18n.t("auth_scope_note", lang, name=user.kabupaten, n=settings.load().min_count))
