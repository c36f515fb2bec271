from __future__ import annotations

import json
import sys
import types

from dashboard import cli

from .conftest import tiny_desa


def _fake_layers(monkeypatch):
    module = types.ModuleType("dashboard.geo.layers")
    module.desa_master = lambda: tiny_desa(["18.71", "18.72"])
    monkeypatch.setitem(sys.modules, "dashboard.geo.layers", module)


def test_cli_synth_writes_marked_folder(monkeypatch, tmp_path, capsys):
    _fake_layers(monkeypatch)
    code = cli.main(["synth", "--seed", "5", "--scale", "0.002", "--out", str(tmp_path / "raw")])
    assert code == 0
    marker = json.loads((tmp_path / "raw" / "_SINTETIS.json").read_text())
    assert marker["seed"] == 5 and marker["scale"] == 0.002
    assert "DATA SINTETIS" in capsys.readouterr().out


def test_cli_synth_non_synthetic_folder_exit_code_2(monkeypatch, tmp_path):
    _fake_layers(monkeypatch)
    (tmp_path / "penetapan_kpm_asli.csv").write_text("ID_KPM\n1\n")
    code = cli.main(["synth", "--scale", "0.002", "--out", str(tmp_path)])
    assert code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["penetapan_kpm_asli.csv"]
