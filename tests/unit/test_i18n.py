"""The translation file: every key in both languages, placeholders consistent."""

import re

import pytest

from dashboard import i18n


def test_every_key_has_bahasa_and_english():
    incomplete = [key for key, entry in i18n.strings().items() if not (entry.get("id") and entry.get("en"))]
    assert incomplete == []


def test_placeholders_match_between_languages():
    mismatched = [
        key
        for key, entry in i18n.strings().items()
        if set(re.findall(r"{(\w+)}", entry["id"])) != set(re.findall(r"{(\w+)}", entry["en"]))
    ]
    assert mismatched == []


def test_t_unknown_key_raises():
    with pytest.raises(KeyError):
        i18n.t("no_such_key")


def test_valid_language_rejects_unknown_codes():
    assert i18n.valid_language("en") == "en"
    assert i18n.valid_language("fr") == "id"
    assert i18n.valid_language(["en"]) == "id"
