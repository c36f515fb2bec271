"""URL view state: round trip, bad values fall back with a message."""

from dashboard import urlstate

CHOICES = [
    urlstate.Choice("program", ["PKH", "SEMBAKO"], "PKH"),
    urlstate.Choice("periode", ["2025-T1", "2025-T2"], "2025-T2"),
    urlstate.Choice("kab", ["18.01", "18.72"], None),
]


def test_parse_valid_values_round_trip():
    values = {"program": "SEMBAKO", "periode": "2025-T1", "kab": "18.72"}
    parsed = urlstate.parse(urlstate.encode(values), CHOICES)
    assert parsed.values == values
    assert parsed.rejected == {}


def test_parse_missing_values_take_defaults():
    assert urlstate.parse({}, CHOICES).values == {"program": "PKH", "periode": "2025-T2", "kab": None}


def test_parse_invalid_value_falls_back_and_is_reported():
    parsed = urlstate.parse({"program": "__import__('os')", "kab": "18.99"}, CHOICES)
    assert parsed.values["program"] == "PKH"
    assert parsed.values["kab"] is None
    assert set(parsed.rejected) == {"program", "kab"}


def test_parse_repeated_parameter_takes_first():
    assert urlstate.parse({"program": ["SEMBAKO", "PKH"]}, CHOICES).values["program"] == "SEMBAKO"


def test_encode_drops_none():
    assert urlstate.encode({"program": "PKH", "kab": None}) == {"program": "PKH"}
