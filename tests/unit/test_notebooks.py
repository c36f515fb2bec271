"""The walkthrough notebook runs end to end against a tiny processed folder built here."""

from pathlib import Path

import nbformat
from nbclient import NotebookClient

from dashboard.indicators import simulate

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "1.0-presisi-walkthrough.ipynb"


def test_walkthrough_notebook_matches_engine(tmp_path, monkeypatch):
    """Three indicators computed by hand in pandas equal the engine's (asserts inside the notebook)."""
    simulate.write_processed(tmp_path, simulate.SimSpec(n_families=1500, kec_per_kab=2, seed=3))
    monkeypatch.setenv("PRESISI_PROCESSED_DIR", str(tmp_path))
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), (
        "strip outputs before committing"
    )
    NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    ).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.get("output_type") == "error"]
