"""The codebase checks its own rules (house style §4.2)."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "dashboard"
UI_ONLY = ("streamlit", "streamlit_folium")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _allowed_streamlit(path: Path) -> bool:
    rel = path.relative_to(PACKAGE)
    return rel == Path("app.py") or rel.parts[0] == "ui"


def test_streamlit_is_imported_only_by_app_and_ui():
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if not _allowed_streamlit(path) and any(name.split(".")[0] in UI_ONLY for name in _imports(path))
    ]
    assert offenders == []


def test_pure_layers_do_not_import_the_ui_or_the_pipeline():
    pure = [p for sub in ("indicators", "figures") for p in (PACKAGE / sub).rglob("*.py")]
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in pure
        if any(name.startswith(("dashboard.ui", "dashboard.pipeline")) for name in _imports(path))
    ]
    assert offenders == []
