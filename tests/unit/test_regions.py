"""The region crosswalk: every code form and alias resolves, ambiguity is reported."""

import pytest

from dashboard import reference, regions

# Kemendagri ↔ BPS for every kabupaten/kota (domain.md §5.1, lampung_reference.md B1–B3).
CROSSWALK = {
    "18.01": "1803",
    "18.02": "1805",
    "18.03": "1806",
    "18.04": "1801",
    "18.05": "1808",
    "18.06": "1802",
    "18.07": "1804",
    "18.08": "1807",
    "18.09": "1809",
    "18.10": "1810",
    "18.11": "1811",
    "18.12": "1812",
    "18.13": "1813",
    "18.71": "1871",
    "18.72": "1872",
}


def test_crosswalk_matches_the_published_pairs():
    assert {code: regions.to_bps(code) for code in regions.kemendagri_codes()} == CROSSWALK
    assert all(regions.from_bps(bps) == kmd for kmd, bps in CROSSWALK.items())


@pytest.mark.parametrize("code", sorted(CROSSWALK))
def test_resolve_dotted_kemendagri_code_is_itself(code):
    assert regions.resolve_kabupaten(code).code == code


@pytest.mark.parametrize(("kmd", "bps"), sorted(CROSSWALK.items()))
def test_resolve_bps_code_in_bps_column_maps_to_kemendagri(kmd, bps):
    assert regions.resolve_kabupaten(bps, regions.BPS).code == kmd
    assert regions.resolve_kabupaten(int(bps), regions.BPS).code == kmd


@pytest.mark.parametrize(("kmd", "bps"), sorted(CROSSWALK.items()))
def test_resolve_undotted_code_in_kemendagri_column_keeps_system(kmd, bps):
    undotted = kmd.replace(".", "")
    assert regions.resolve_kabupaten(undotted, regions.KEMENDAGRI).code == kmd
    assert regions.resolve_kabupaten(float(undotted), regions.KEMENDAGRI).code == kmd


@pytest.mark.parametrize("value", ["1801", 1801, 1801.0, "1801.0", " 1801 ", "'1808"])
def test_resolve_undotted_code_of_unknown_system_where_systems_disagree_is_ambiguous(value):
    result = regions.resolve_kabupaten(value)
    assert result.code is None
    assert result.reason == regions.AMBIGUOUS
    assert len(result.candidates) == 2


@pytest.mark.parametrize("value", ["1809", 1813, "1871", 1872.0])
def test_resolve_undotted_code_where_systems_agree_resolves(value):
    digits = str(int(float(value)))
    assert regions.resolve_kabupaten(value).code == f"{digits[:2]}.{digits[2:]}"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Lampung Selatan", "18.01"),
        ("KABUPATEN LAMPUNG SELATAN", "18.01"),
        ("KAB. LAMPUNG SELATAN", "18.01"),
        ("Kab Lampung Selatan", "18.01"),
        ("Lamsel", "18.01"),
        ("LAMSEL", "18.01"),
        ("South Lampung", "18.01"),
        ("Lamteng", "18.02"),
        ("Lampura", "18.03"),
        ("Lambar", "18.04"),
        ("Tulangbawang", "18.05"),
        ("Tulang  Bawang", "18.05"),
        ("Tanggamus", "18.06"),
        ("Lamtim", "18.07"),
        ("Waykanan", "18.08"),
        ("Way Kanan", "18.08"),
        ("Pesawaran", "18.09"),
        ("Prengsewu", "18.10"),
        ("Mesuji", "18.11"),
        ("Tubaba", "18.12"),
        ("Tulang Bawang Barat", "18.12"),
        ("Pesibar", "18.13"),
        ("West Coast", "18.13"),
        ("Kota Bandar Lampung", "18.71"),
        ("Bandarlampung", "18.71"),
        ("Balam", "18.71"),
        ("B. Lampung", "18.71"),
        ("Provinsi Bandar Lampung", "18.71"),
        ("Kota Metro", "18.72"),
        ("METRO", "18.72"),
    ],
)
def test_resolve_name_variant_and_alias(value, expected):
    assert regions.resolve_kabupaten(value).code == expected


def test_resolve_every_official_and_short_name():
    kab = reference.kabupaten()
    for row in kab.itertuples():
        assert regions.resolve_kabupaten(row.nama_resmi).code == row.kode_kemendagri
        assert regions.resolve_kabupaten(row.nama_pendek.upper()).code == row.kode_kemendagri


def test_resolve_tuba_alone_is_ambiguous_between_tulang_bawang_and_tubaba():
    result = regions.resolve_kabupaten("Tuba")
    assert result.reason == regions.AMBIGUOUS
    assert result.candidates == ("18.05", "18.12")


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", regions.EMPTY),
        (None, regions.EMPTY),
        (float("nan"), regions.EMPTY),
        ("Lampung", regions.UNKNOWN),
        ("18.99", regions.UNKNOWN),
        ("3201", regions.OTHER_PROVINCE),
        ("32.01", regions.OTHER_PROVINCE),
    ],
)
def test_resolve_unusable_value_gives_reason(value, reason):
    result = regions.resolve_kabupaten(value)
    assert (result.code, result.reason) == (None, reason)


@pytest.mark.parametrize("value", ["18.07.05", "180705", "18.07.05.2003", 1807052003, "1807052003"])
def test_resolve_longer_kemendagri_code_gives_its_kabupaten(value):
    assert regions.resolve_kabupaten(value).code == "18.07"


def test_resolve_with_name_disambiguates_code():
    assert regions.resolve_kabupaten_with_name("1801", "Lampung Barat").code == "18.04"
    assert regions.resolve_kabupaten_with_name(1801, "KAB. LAMPUNG SELATAN").code == "18.01"


def test_resolve_with_code_disambiguates_tuba():
    assert regions.resolve_kabupaten_with_name("18.12", "Tuba").code == "18.12"


def test_resolve_with_contradicting_code_and_name_is_ambiguous():
    result = regions.resolve_kabupaten_with_name("18.01", "Metro")
    assert result.reason == regions.AMBIGUOUS
    assert result.candidates == ("18.01", "18.72")


def test_resolve_with_empty_name_falls_back_to_code():
    assert regions.resolve_kabupaten_with_name("18.09", None).code == "18.09"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1807052003, "18.07.05.2003"),
        ("18.07.05.2003", "18.07.05.2003"),
        ("18 07 05 2003", "18.07.05.2003"),
        ("180705", "18.07.05"),
        (1807, "18.07"),
        (1807.0, "18.07"),
        ("abc", None),
        ("12345", None),
        (None, None),
    ],
)
def test_normalise_code_formats_dotted(value, expected):
    assert regions.normalise_code(value) == expected
