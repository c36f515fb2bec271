"""User-interface text in Bahasa Indonesia (default) and English.

Every label that is not an indicator's (those live in the indicator
registry) comes from the one translation file ``dashboard/locale/strings.toml``:
a table per key with ``id`` and ``en`` entries. A test checks every key has
both languages.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache

from dashboard import config

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"


@lru_cache(maxsize=1)
def strings() -> dict[str, dict[str, str]]:
    """Return key → {language → text} from the translation file."""
    path = config.PACKAGE_DIR / "locale" / "strings.toml"
    with path.open("rb") as handle:
        return tomllib.load(handle)


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """Return the text for ``key`` in ``lang``, formatted with ``values``.

    Parameters
    ----------
    key : str
        Key in ``strings.toml``.
    lang : {"id", "en"}
        Language; unknown languages fall back to Bahasa Indonesia.
    **values
        Substitutions for ``{name}`` placeholders.

    Returns
    -------
    str
        The text. An unknown key raises ``KeyError`` so a typo fails tests.
    """
    entry = strings()[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def valid_language(value: object) -> str:
    """Return ``value`` if it is a supported language code, else the default."""
    return value if value in LANGUAGES else DEFAULT_LANGUAGE
