import pytest

from dashboard.indicators import registry
from dashboard.indicators.cube import BASE_COLUMNS, QUANTILE_COLUMNS
from dashboard.indicators.engine import _DERIVED


def test_registry_every_formula_names_a_cube_column():
    known = set(BASE_COLUMNS) | set(_DERIVED) | set(QUANTILE_COLUMNS)
    missing = [
        (ind.id, col)
        for ind in registry.INDICATORS.values()
        for col in (ind.numerator, ind.denominator, ind.base)
        if col not in known
    ]
    assert missing == []


def test_registry_every_group_has_indicators_and_labels():
    groups = registry.by_group()
    assert set(groups) == {"sasaran", "penyaluran", "waktu", "kualitas", "pemberdayaan_respons"}
    assert all(groups.values())
    assert all(
        ind.label_id and ind.label_en and ind.definition_id for ind in registry.ALL_INDICATORS.values()
    )


def test_registry_neutral_has_no_thresholds_others_do():
    for ind in registry.INDICATORS.values():
        assert (ind.thresholds_for("PKH") is None) == (ind.direction == "neutral"), ind.id


def test_thresholds_toml_overrides_default_and_program(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text(
        "[realisasi_kpm]\nhijau = 0.9\nmerah = 0.8\n[cakupan_sasaran.SEMBAKO]\nhijau = 0.7\nmerah = 0.4\n"
    )
    reg = registry.build_registry(registry.load_thresholds(path))
    assert reg["realisasi_kpm"].thresholds_for("PKH") == registry.Thresholds(0.9, 0.8)
    assert reg["cakupan_sasaran"].thresholds_for("SEMBAKO") == registry.Thresholds(0.7, 0.4)
    assert reg["cakupan_sasaran"].thresholds_for("PKH") == registry.Thresholds(0.40, 0.20)


def test_thresholds_unknown_indicator_raises():
    with pytest.raises(KeyError):
        registry.build_registry({"tidak_ada": {"*": registry.Thresholds(1, 0)}})


def test_get_unknown_raises_with_known_ids():
    with pytest.raises(KeyError, match="realisasi_kpm"):
        registry.get("tidak_ada")
