"""Kualitas Data under AppTest: counts only, conservation check, files with hashes."""

from tests.app._analysis import open_page, titles

PAGE = "ui/views/quality.py"


def test_quality_renders_conservation_rates_reasons_and_files(app_with_geo):
    at = open_page(app_with_geo, PAGE)
    assert not at.exception
    assert at.title[0].value == "Kualitas Data"
    assert any("Seimbang" in s.value for s in at.success)
    conservation = at.dataframe[0].value
    assert set(conservation["Cek"]) == {"seimbang"}
    assert len(at.dataframe[1].value) == 15  # per kabupaten
    files = at.dataframe[-1].value
    assert all(h.endswith("…") and len(h) == 13 for h in files["SHA-256"])
    assert any("baris" in t for t in titles(at))


def test_quality_never_shows_personal_values(app_with_geo):
    at = open_page(app_with_geo, PAGE)
    text = " ".join(str(df.value.to_dict()) for df in at.dataframe)
    assert "hash:" not in text and "nilai_mentah" not in text


def test_quality_in_english(app_with_geo):
    at = open_page(app_with_geo, PAGE, lang="en")
    assert at.title[0].value == "Data quality"
    assert any("Balanced" in s.value for s in at.success)
