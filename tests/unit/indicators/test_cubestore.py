"""The stored cube: same numbers as a fresh build, rebuilt when the tables change."""

import os

import pandas as pd

from dashboard.indicators import cubestore
from dashboard.indicators.cube import CubeConfig
from dashboard.indicators.engine import Engine


def _copy_processed(source, target):
    target.mkdir()
    for name in cubestore.SOURCES:
        (target / name).write_bytes((source / name).read_bytes())
    return target


def test_stored_cube_gives_the_same_tables_as_a_fresh_build(tiny_processed_dir, tmp_path):
    folder = _copy_processed(tiny_processed_dir, tmp_path / "processed")
    built = Engine.from_processed(folder)
    assert (folder / cubestore.FOLDER / "manifest.json").is_file()
    loaded = Engine.from_processed(folder)
    for name in cubestore.FRAMES:
        pd.testing.assert_frame_equal(getattr(built.cube, name), getattr(loaded.cube, name))
    assert loaded.as_of == built.as_of


def test_stored_cube_is_ignored_when_a_table_changes(tiny_processed_dir, tmp_path):
    folder = _copy_processed(tiny_processed_dir, tmp_path / "processed")
    Engine.from_processed(folder)
    kpm = folder / "kpm.parquet"
    os.utime(kpm, ns=(kpm.stat().st_atime_ns, kpm.stat().st_mtime_ns + 1_000_000_000))
    assert cubestore.load(folder, CubeConfig()) is None


def test_stored_cube_is_ignored_for_other_definitions(tiny_processed_dir, tmp_path):
    folder = _copy_processed(tiny_processed_dir, tmp_path / "processed")
    Engine.from_processed(folder)
    assert cubestore.load(folder, CubeConfig(late_days=60)) is None
    assert cubestore.load(folder, CubeConfig()) is not None
