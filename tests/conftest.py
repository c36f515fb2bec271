"""Fixtures shared by every test tier.

The full boundary build reads the upstream copy that dev and CI have beside
the project (``GEO_SOURCE``, default ``../shared/geo/upstream/db``); it is
built once per session into a temporary folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def upstream_source() -> Path:
    """Return the local copy of the upstream boundary files used by tests."""
    configured = os.environ.get("GEO_SOURCE")
    return Path(configured) if configured else ROOT.parent / "shared" / "geo" / "upstream" / "db"


@pytest.fixture(scope="session")
def full_geo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the real Lampung layers once and return their folder."""
    from dashboard.geo import build as geo_build

    out = tmp_path_factory.mktemp("geo_full")
    geo_build.build(upstream_source(), out, force=True)
    return out


@pytest.fixture(scope="session")
def tiny_processed_dir(tmp_path_factory: pytest.TempPathFactory, full_geo_dir: Path) -> Path:
    """Generate a tiny synthetic dataset with the real desa list and clean it.

    Scale 0.004 gives about 12 thousand registry families over all 15
    kabupaten: enough for every page to have data in every period, small
    enough to build in a few seconds. The real pipeline runs, so app tests
    read exactly what production reads.
    """
    import pandas as pd

    from dashboard import synth
    from dashboard.pipeline import run as pipeline

    root = tmp_path_factory.mktemp("tiny_dataset")
    desa = pd.read_parquet(full_geo_dir / "desa.parquet")
    synth.write(synth.generate(desa, seed=11, scale=0.004), root / "raw")
    pipeline.clean(root / "raw", root / "processed", desa, secret=b"test-key-not-secret")
    return root / "processed"
