"""``python -m dashboard export`` writes a file and refuses a bad filter in Bahasa."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation

from dashboard import cli


@pytest.fixture
def env(monkeypatch, tmp_path, tiny_processed_dir, full_geo_dir):
    monkeypatch.setenv("PRESISI_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PRESISI_PROCESSED_DIR", str(tiny_processed_dir))
    monkeypatch.setenv("PRESISI_GEO_DIR", str(full_geo_dir))
    return tmp_path


def test_export_writes_pptx_under_data_exports(env, capsys):
    code = cli.main(["export", "--format", "pptx", "--program", "PKH", "--kab", "18.07,18.13"])
    assert code == 0
    written = list((env / "exports").glob("presisi_PKH_*_realisasi_kpm.pptx"))
    assert len(written) == 1
    deck = Presentation(io.BytesIO(written[0].read_bytes()))
    assert len(deck.slides) == 6 + 2
    assert "Tertulis" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("flag", "value"),
    [
        ("--program", "BLT"),
        ("--periode", "2031-T9"),
        ("--indikator", "=1+1"),
        ("--kab", "18.99"),
        ("--lang", "fr"),
    ],
)
def test_export_rejects_a_bad_filter_in_bahasa(env, capsys, flag, value):
    code = cli.main(["export", "--format", "xlsx", flag, value, "--out", str(env / "x.xlsx")])
    assert code != 0
    err = capsys.readouterr().err
    assert err.startswith("GAGAL: Nilai ") and "tidak dikenal" in err
    assert not (env / "x.xlsx").exists()
