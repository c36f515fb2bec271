"""On the tiny synthetic dataset: "before" equals the engine, counts are consistent, exports are safe."""

import csv
import io
import types

import numpy as np
import pytest

from dashboard.indicators.engine import Engine
from dashboard.simulation import cli, compare, export, inputs, reallocate, rules
from dashboard.simulation.rules import Rule


@pytest.fixture(scope="module")
def eng(tiny_processed_dir):
    return Engine.from_processed(tiny_processed_dir)


@pytest.fixture(scope="module", params=["PKH", "SEMBAKO"])
def sim(request, eng, tiny_processed_dir):
    program = request.param
    periode = eng.periods(program)[-2]
    return eng, inputs.from_processed(eng.cube, program, periode, tiny_processed_dir)


def test_before_coverage_per_kabupaten_equals_engine(sim):
    eng, data = sim
    table = compare.comparison(reallocate.simulate(data, Rule("A")), eng.name).set_index("kode")
    for ind_id in compare.COMPARED:
        expected = eng.table(ind_id, program=data.program, periode=data.periode).set_index("kode")
        expected = expected.loc[expected["value"].notna()]
        np.testing.assert_allclose(table.loc[expected.index, f"{ind_id}_sebelum"], expected["value"])
        np.testing.assert_array_equal(
            table.loc[expected.index, f"{ind_id}_num_sebelum"], expected["numerator"]
        )
        prov = eng.province(ind_id, program=data.program, periode=data.periode)["value"]
        assert table.loc["18", f"{ind_id}_sebelum"] == pytest.approx(prov)


def test_before_disparity_equals_engine(sim):
    eng, data = sim
    disp = compare.disparity(reallocate.simulate(data, Rule("A"))).set_index(["indikator", "ukuran"])
    for ind_id in compare.DISPARITY_INDICATORS:
        row = eng.disparity(ind_id, program=data.program).set_index("periode").loc[data.periode]
        for measure in compare.MEASURES:
            assert disp.loc[(ind_id, measure), "sebelum"] == pytest.approx(row[measure], nan_ok=True)


@pytest.mark.parametrize("share", rules.SHARES)
def test_quota_conserved_and_nobody_double_counted(sim, share):
    _, data = sim
    result = reallocate.simulate(data, Rule("B", share))
    assert result.quota_after == result.quota_before
    assert (result.kab["masuk"] <= result.kab["calon"]).all()
    assert (result.after[["kpm_aktif", "penerima_bukan_sasaran"]] >= 0).all().all()
    assert (result.after["sasaran_penerima"] <= result.after["sasaran"]).all()


def test_candidates_reach_every_slot_a_rule_can_open(sim):
    """The pre-ranked list is cut; any rule's slots stay within it or within the kabupaten's candidates."""
    _, data = sim
    for share in (0, 50, 100):
        result = reallocate.simulate(data, Rule("B", share))
        kept = np.bincount(data.cand_kab, minlength=len(data.kabupaten))
        need = np.minimum(result.kab["slot"].to_numpy(), result.kab["calon"].to_numpy())
        assert (kept >= need).all()


def test_exports_carry_assumptions_and_neutralise_formulas(sim, eng):
    _, data = sim
    rule = Rule("B", 30)
    result = reallocate.simulate(data, rule)
    table = compare.comparison(result, lambda k: '=HYPERLINK("x")' if k == "18.01" else eng.name(k))
    assumptions = rules.assumptions(
        rule,
        program=data.program,
        periode=data.periode,
        target_desil=data.target_desil,
        avg_nominal=data.avg_nominal,
    )
    header = export.header_block("-judul", assumptions, compare.disparity(result), synthetic=True)
    frame = export.table_for_export(table)
    text = export.to_csv(frame, header).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["DATA SINTETIS"]
    assert rows[1] == ["'-judul"]
    assert any("Anggaran tetap" in r[0] for r in rows[: len(header)] if r)
    assert any(cell == '\'=HYPERLINK("x")' for r in rows for cell in r)
    assert not any(cell.startswith("=") for r in rows for cell in r)
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(export.to_xlsx(frame, header)))
    values = [c.value for row in book.active.iter_rows() for c in row if isinstance(c.value, str)]
    assert '\'=HYPERLINK("x")' in values
    assert not any(v.startswith("=") for v in values)
    assert all(c.data_type != "f" for row in book.active.iter_rows() for c in row)


def test_cli_prints_table_and_writes_export(tiny_processed_dir, tmp_path, capsys):
    out = tmp_path / "sim.xlsx"
    args = types.SimpleNamespace(
        program="SEMBAKO", periode=None, rule="B", share=40, lang="id", processed=tiny_processed_dir, out=out
    )
    assert cli.run(args) == 0
    printed = capsys.readouterr().out
    assert "Lampung Selatan" in printed and "Asumsi" in printed and "Provinsi Lampung" in printed
    assert out.stat().st_size > 0


def test_cli_rejects_unknown_period(tiny_processed_dir):
    from dashboard.errors import UserError

    args = types.SimpleNamespace(
        program="PKH", periode="2025", rule="A", share=0, lang="id", processed=tiny_processed_dir, out=None
    )
    with pytest.raises(UserError):
        cli.run(args)
