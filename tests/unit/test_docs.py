"""Indicator documentation: the methodology text and README's table come from the registry."""

from pathlib import Path

from dashboard.indicators import docs
from dashboard.indicators.registry import ALL_INDICATORS as INDICATORS

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_indicator_is_on_the_methodology_page_in_both_languages():
    for lang in ("id", "en"):
        text = docs.methodology_markdown(lang)
        for ind in INDICATORS.values():
            assert f"(`{ind.id}`)" in text
            assert (ind.label_en if lang == "en" else ind.label_id) in text
            assert f"(`{ind.numerator}`)" in text and f"(`{ind.denominator}`)" in text


def test_every_indicator_is_in_the_readme_table():
    section = docs.readme_section(README.read_text(encoding="utf-8"))
    for ind in INDICATORS.values():
        assert f"| `{ind.id}` |" in section


def test_readme_table_equals_the_generated_one():
    section = docs.readme_section(README.read_text(encoding="utf-8"))
    assert section.strip() == docs.readme_table().strip(), "regenerate with docs.readme_table()"


def test_definition_choices_come_from_the_registry_docstring():
    text = docs.definition_choices()
    for word in ("Penerima", "Keluarga sasaran", "Tersalur", "Jatuh tempo", "Tahun"):
        assert word in text


def test_markdown_helpers():
    text = "# T\n\n## A\nx\n### sub\ny\n## B\nz\n```\n## not\n```\n"
    assert docs.markdown_section(text, "## A") == "x\n### sub\ny"
    assert docs.headings(text) == ["## A", "## B"]
