"""Generate the "Format data mentah" tables of ``data/README.md`` from :mod:`dashboard.rawformat`.

Run ``python -m dashboard.pipeline.docs`` and paste the output into the
README when the raw formats change (a test checks that every canonical
column is listed there).
"""

from __future__ import annotations

from dashboard import rawformat
from dashboard.pipeline import reasons


def raw_format_markdown() -> str:
    """Return one Markdown table per export plus the vocabularies.

    Returns
    -------
    str
        Markdown text.
    """
    lines: list[str] = []
    for export, columns in rawformat.COLUMNS.items():
        lines += [
            f"#### `{export}`",
            "",
            "| Kolom baku | Arti | Wajib | Data pribadi | Varian judul yang diterima |",
            "|---|---|---|---|---|",
        ]
        for c in columns:
            variants = ", ".join(f"`{v}`" for v in c.variants) or "—"
            lines.append(
                f"| `{c.name}` | {c.meaning} | {'ya' if c.required else 'tidak'} | "
                f"{'ya' if c.personal else 'tidak'} | {variants} |"
            )
        lines.append("")
    lines += [
        "#### Kosakata nilai (value vocabularies)",
        "",
        "| Kolom | Nilai baku | Varian |",
        "|---|---|---|",
    ]
    for column, values in rawformat.VOCABULARY.items():
        for canonical, raws in values.items():
            shown = ", ".join(f"`{r}`" if r else "(kosong)" for r in raws)
            lines.append(f"| `{column}` | `{canonical}` | {shown} |")
    return "\n".join(lines) + "\n"


def codes_markdown() -> str:
    """Return the reason and fault codes as a Markdown table."""
    lines = ["| Jenis | Kode | Arti |", "|---|---|---|"]
    for kind, codes in reasons.catalogue().items():
        lines += [f"| {kind} | `{code}` | {label} |" for code, label in codes.items()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover - documentation helper
    print(raw_format_markdown())  # noqa: T201
    print(codes_markdown())  # noqa: T201
