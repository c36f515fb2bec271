"""Filter widgets whose state lives in the URL, so a link reproduces a view.

A page declares its filters as :class:`dashboard.urlstate.Choice` objects.
On the first run of a session the URL values (validated, never evaluated)
seed the widgets; afterwards every widget change is written back to
``st.query_params``. An invalid URL value falls back to the default and the
page says which parameter was ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from dashboard import i18n, urlstate

_SEEDED = "filters._seeded"


def seed_from_url(choices: Sequence[urlstate.Choice], lang: str) -> dict[str, str | None]:
    """Validate the URL once per page and session; warn about rejected values.

    Parameters
    ----------
    choices : sequence of Choice
        The page's filters.
    lang : {"id", "en"}
        Message language.

    Returns
    -------
    dict
        The valid value (or default) of every filter.
    """
    parsed = urlstate.parse(st.query_params.to_dict(), choices)
    seeded = st.session_state.setdefault(_SEEDED, set())
    for choice in choices:
        key = _key(choice.name)
        if key not in seeded or st.session_state.get(key) not in choice.allowed:
            st.session_state[key] = parsed.values[choice.name]
            seeded.add(key)
    for name, raw in parsed.rejected.items():
        st.warning(i18n.t("url_rejected", lang, name=name, value=raw), icon="⚠️")
    return {choice.name: st.session_state.get(_key(choice.name)) for choice in choices}


def select(
    choice: urlstate.Choice,
    label: str,
    *,
    format_func: Callable[[str], str] = str,
    container: object = None,
    horizontal: bool = False,
) -> str | None:
    """Draw one filter (selectbox, or segmented control when ``horizontal``) bound to the URL."""
    target = container or st
    options = list(choice.allowed)
    if not options:
        return None
    key = _key(choice.name)
    if st.session_state.get(key) not in options:
        st.session_state[key] = choice.default if choice.default in options else options[0]
    else:  # re-assign: a widget with this key on another page would otherwise reset to its first option
        st.session_state[key] = st.session_state[key]
    if horizontal:
        value = target.segmented_control(label, options, format_func=format_func, key=key)
        if value is None:  # segmented control can be cleared; keep a value
            value = choice.default if choice.default in options else options[0]
    else:
        value = target.selectbox(label, options, format_func=format_func, key=key)
    if st.query_params.get(choice.name) != value:
        st.query_params[choice.name] = value
    return value


def multiselect(
    choice: urlstate.Choice, label: str, *, format_func: Callable[[str], str] = str, max_selections: int = 4
) -> list[str]:
    """Draw a multi-choice filter stored in the URL as a comma-separated list."""
    key = _key(choice.name)
    if key not in st.session_state:
        raw = st.query_params.get(choice.name, choice.default or "")
        st.session_state[key] = [v for v in str(raw).split(",") if v in choice.allowed][:max_selections]
    values = st.multiselect(
        label, list(choice.allowed), format_func=format_func, key=key, max_selections=max_selections
    )
    encoded = ",".join(values)
    if st.query_params.get(choice.name, "") != encoded:
        st.query_params[choice.name] = encoded
    return values


def _key(name: str) -> str:
    return f"filter.{name}"
