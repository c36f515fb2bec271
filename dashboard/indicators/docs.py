"""Indicator documentation generated from the registry (methodology page and README).

One source for the words: :data:`~dashboard.indicators.registry.INDICATORS`.
:func:`methodology_markdown` is what the Metodologi page shows;
:func:`readme_table` is the "## Indikator" section at the end of README.md
(a test checks the README still equals it).
"""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.indicators import registry
from dashboard.indicators.registry import GROUP_LABELS, Indicator

README_HEADING = "## Indikator"

_UNITS = {
    "persen": ("persen", "percent"),
    "hari": ("hari", "days"),
    "rupiah": ("Rupiah", "Rupiah"),
    "rasio": ("rasio", "ratio"),
    "indeks": ("indeks", "index"),
    "kpm": ("KPM", "KPM"),
}
_DIRECTIONS = {
    "higher_better": ("makin tinggi makin baik", "higher is better"),
    "lower_better": ("makin rendah makin baik", "lower is better"),
    "neutral": ("deskriptif, tanpa ambang", "descriptive, no thresholds"),
}
_WORDS = {
    "definition": ("Definisi", "Definition"),
    "numerator": ("Pembilang", "Numerator"),
    "denominator": ("Penyebut", "Denominator"),
    "unit": ("Satuan", "Unit"),
    "direction": ("Arah", "Direction"),
    "thresholds": ("Ambang (hijau / merah)", "Thresholds (green / red)"),
    "source": ("Sumber rumus", "Formula source"),
    "all": ("semua program", "all programmes"),
    "none": ("tanpa ambang", "none"),
    "levels": ("Tingkat", "Levels"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def _number(value: float, unit: str) -> str:
    if unit == "persen":
        text = f"{value * 100:.1f}".rstrip("0").rstrip(".")
        return text.replace(".", ",") + "%"
    text = f"{value:g}"
    return text.replace(".", ",")


def thresholds_text(ind: Indicator, lang: str = "id") -> str:
    """Thresholds per programme in words, e.g. ``semua program: ≥ 90% / < 70%``."""
    if ind.direction == "neutral" or not ind.thresholds:
        return _pick(_WORDS["none"], lang)
    good, bad = ("≥", "<") if ind.direction == "higher_better" else ("≤", ">")
    parts = []
    for program, thr in ind.thresholds.items():
        name = _pick(_WORDS["all"], lang) if program == "*" else program
        parts.append(f"{name}: {good} {_number(thr.hijau, ind.unit)} / {bad} {_number(thr.merah, ind.unit)}")
    return "; ".join(parts)


def indicator_markdown(ind: Indicator, lang: str = "id") -> str:
    """One indicator as a Markdown block (label, id, definition, formula, unit, thresholds, source)."""
    label = ind.label_en if lang == "en" else ind.label_id
    w = {k: _pick(v, lang) for k, v in _WORDS.items()}
    lines = [
        f"#### {label} (`{ind.id}`)",
        "",
        f"**{w['definition']}.** {ind.definition_en if lang == 'en' else ind.definition_id}",
        "",
        f"- **{w['numerator']}:** {ind.numerator_en if lang == 'en' else ind.numerator_id} (`{ind.numerator}`)",
        f"- **{w['denominator']}:** {ind.denominator_en if lang == 'en' else ind.denominator_id} (`{ind.denominator}`)",
        f"- **{w['unit']}:** {_pick(_UNITS[ind.unit], lang)} · **{w['direction']}:** {_pick(_DIRECTIONS[ind.direction], lang)}",
        f"- **{w['thresholds']}:** {thresholds_text(ind, lang)}",
        f"- **{w['levels']}:** {', '.join(ind.levels)} · {', '.join(ind.programs)}",
        f"- **{w['source']}:** {ind.source}",
    ]
    return "\n".join(lines)


def methodology_sections(
    lang: str = "id", indicators: Mapping[str, Indicator] | None = None
) -> list[tuple[str, list[str]]]:
    """Return the indicators grouped by :data:`GROUP_LABELS`: ``[(group title, [markdown block, …]), …]``."""
    source = indicators or registry.ALL_INDICATORS
    out = []
    for group, labels in GROUP_LABELS.items():
        blocks = [indicator_markdown(ind, lang) for ind in source.values() if ind.group == group]
        if blocks:
            out.append((_pick(labels, lang), blocks))
    return out


def methodology_markdown(lang: str = "id", indicators: Mapping[str, Indicator] | None = None) -> str:
    """All indicator blocks as one Markdown text (what the Metodologi page renders)."""
    parts = []
    for title, blocks in methodology_sections(lang, indicators):
        parts.append(f"### {title}")
        parts.extend(blocks)
    return "\n\n".join(parts)


def definition_choices() -> str:
    """Return the definition choices stated in the registry module docstring (recipient, target, tersalur, due date, year, regions)."""
    doc = registry.__doc__ or ""
    start = doc.find("* **Penerima")
    return doc[start:].strip() if start >= 0 else ""


def readme_table(indicators: Mapping[str, Indicator] | None = None) -> str:
    """Return the README "## Indikator" section: one Markdown table row per registry indicator."""
    source = indicators or registry.ALL_INDICATORS
    lines = [
        README_HEADING,
        "",
        "Dibuat dari `dashboard/indicators/registry.py` oleh `dashboard.indicators.docs.readme_table()`; "
        "jangan disunting dengan tangan (`tests/unit/test_docs.py` memeriksanya).",
        "",
        "| id | indikator | kelompok | pembilang (kolom kubus) | penyebut (kolom kubus) | satuan | arah | ambang (hijau / merah) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for ind in source.values():
        cells = [
            f"`{ind.id}`",
            ind.label_id,
            GROUP_LABELS[ind.group][0],
            f"{ind.numerator_id} (`{ind.numerator}`)",
            f"{ind.denominator_id} (`{ind.denominator}`)",
            _UNITS[ind.unit][0],
            _DIRECTIONS[ind.direction][0],
            thresholds_text(ind, "id"),
        ]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def readme_section(text: str) -> str:
    """Return the "## Indikator" section of a README text (up to the next ``## `` heading or the end)."""
    start = text.find("\n" + README_HEADING + "\n")
    if start < 0:
        return ""
    body = text[start + 1 :]
    end = body.find("\n## ", len(README_HEADING))
    return body if end < 0 else body[: end + 1]


def markdown_section(text: str, heading: str) -> str:
    """Body of the Markdown section whose heading line is ``heading`` (without the heading), '' if absent."""
    lines = text.splitlines()
    level = len(heading) - len(heading.lstrip("#"))
    try:
        start = lines.index(heading) + 1
    except ValueError:
        return ""
    body = []
    for line in lines[start:]:
        hashes = len(line) - len(line.lstrip("#"))
        if line.startswith("#") and 0 < hashes <= level and line[hashes : hashes + 1] == " ":
            break
        body.append(line)
    return "\n".join(body).strip()


def headings(text: str, level: int = 2) -> list[str]:
    """Headings of one level in a Markdown text (outside code blocks)."""
    out, fenced = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("#" * level + " "):
            out.append(line)
    return out
