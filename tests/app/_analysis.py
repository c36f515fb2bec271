"""Shared helpers for the analysis-page AppTests."""

from __future__ import annotations

import json


def open_page(app, page: str, **params: str):
    """Open ``page`` as a fresh visitor following a link with these URL parameters.

    The first run lands on the default page (AppTest cannot start on a URL
    path); switching pages drops the query string, so the parameters are set
    after the switch and the filters' once-per-session URL seeding is reset,
    as for a new session opening the link.
    """
    if "lang" in params:  # the language switch widget keeps the first run's language
        app.query_params["lang"] = params["lang"]
    at = app.run()
    at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value
    if "filters._seeded" in at.session_state:
        at.session_state["filters._seeded"] = set()
    return at.run()


def charts(at) -> list[dict]:
    """Every plotly chart of the page as its figure JSON."""
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def titles(at) -> list[str]:
    """Chart titles."""
    return [c["layout"].get("title", {}).get("text", "") for c in charts(at)]
