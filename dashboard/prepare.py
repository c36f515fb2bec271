"""``python -m dashboard prepare``: build whatever the app needs and is missing.

Run by ``make run`` and ``make test`` on every start; cheap when everything
exists. In order: Leaflet (npm registry, pinned and checksummed), the
boundary layers (upstream at a pinned commit, or ``GEO_SOURCE``), the
default dataset (synthetic, seed 42, scale 0.25: generate, then clean), then
the indicator cube stored next to it. A
missing boundary source is not fatal: the app starts and says in Bahasa how
to install boundaries.
"""

from __future__ import annotations

import argparse
import logging
import os
import time

from dashboard import config
from dashboard.errors import UserError

log = logging.getLogger(__name__)

DEFAULT_SEED = 42
DEFAULT_SCALE = 0.25


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the command's options."""
    parser.add_argument(
        "--scale", type=float, default=float(os.environ.get("PRESISI_DEFAULT_SCALE", DEFAULT_SCALE))
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--skip-data", action="store_true", help="jangan bangun data bawaan (skip the dataset)"
    )


def run(args: argparse.Namespace) -> int:
    """Build missing assets, boundaries and the default dataset."""
    from dashboard import assets
    from dashboard.geo import build as geo_build
    from dashboard.geo import layers

    started = time.perf_counter()
    assets.ensure_leaflet()
    if not layers.available():
        try:
            geo_build.build()
        except UserError as error:
            log.warning("%s", error)
    if not args.skip_data:
        _ensure_dataset(seed=args.seed, scale=args.scale)
        _ensure_cube()
    log.info("siap (ready) dalam %.1f s", time.perf_counter() - started)
    return 0


def _ensure_dataset(*, seed: int, scale: float) -> None:
    from dashboard import datasets, synth
    from dashboard.geo import layers
    from dashboard.pipeline import run as pipeline

    if datasets.available():
        return
    raw = config.raw_dir()
    if not any(p for p in raw.glob("*") if not p.name.startswith(".")):
        if not layers.available():
            raise UserError(
                "Data bawaan tidak dapat dibuat karena batas wilayah (daftar desa) belum terpasang "
                "(the default dataset needs the desa master list from the boundaries)."
            )
        log.info("membuat data sintetis bawaan (generating default synthetic data), skala %s", scale)
        synth.write(synth.generate(layers.desa_master(), seed=seed, scale=scale), raw)
    if not layers.available():
        raise UserError(
            "Data mentah tidak dapat dibersihkan karena daftar desa (batas wilayah) belum terpasang "
            "(cleaning needs the desa master list from the boundaries)."
        )
    log.info("membersihkan data mentah (cleaning raw data)")
    pipeline.clean(raw, config.data_dir() / "processed", layers.desa_master(), progress=True)


def _ensure_cube() -> None:
    """Build and store the indicator cube once, so the app's first page is fast."""
    from dashboard import datasets
    from dashboard.indicators.engine import Engine

    if datasets.available():
        started = time.perf_counter()
        Engine.from_processed()
        log.info("kubus indikator siap (indicator cube ready) dalam %.1f s", time.perf_counter() - started)
