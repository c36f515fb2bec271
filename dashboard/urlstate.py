"""View state in the URL query string, validated against allowed values.

A link reproduces a view: programme, period, indicator, kabupaten, level and
language live in ``?program=PKH&periode=2025-T2&...``. Values from the URL
are plain strings checked against the allowed sets; they are never
evaluated or unpickled. An invalid value falls back to the default and
yields a message naming the parameter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Choice:
    """One URL parameter: its allowed values and its default."""

    name: str
    allowed: Sequence[str]
    default: str | None


@dataclass(frozen=True)
class Parsed:
    """Validated values and the problems found."""

    values: dict[str, str | None]
    rejected: dict[str, str] = field(default_factory=dict)


def parse(params: Mapping[str, object], choices: Sequence[Choice]) -> Parsed:
    """Validate URL parameters against their allowed values.

    Parameters
    ----------
    params : mapping
        The query parameters (``st.query_params`` or a plain dict).
    choices : sequence of Choice
        The parameters this page understands.

    Returns
    -------
    Parsed
        ``values`` holds a valid value (or the default) per choice;
        ``rejected`` maps each parameter whose URL value was not allowed to
        the raw value, so the page can say so.
    """
    values: dict[str, str | None] = {}
    rejected: dict[str, str] = {}
    for choice in choices:
        raw = params.get(choice.name)
        if isinstance(raw, list):  # repeated parameter: take the first
            raw = raw[0] if raw else None
        if raw is None or raw == "":
            values[choice.name] = choice.default
        elif isinstance(raw, str) and raw in choice.allowed:
            values[choice.name] = raw
        else:
            values[choice.name] = choice.default
            rejected[choice.name] = str(raw)[:80]
    return Parsed(values, rejected)


def encode(values: Mapping[str, str | None]) -> dict[str, str]:
    """Return the parameters to put in the URL (``None`` values dropped)."""
    return {key: value for key, value in values.items() if value is not None}
