"""The pack gathers the engine's numbers into slides and sheets."""

from __future__ import annotations

from dashboard import presentation
from dashboard.export import pack as pack_mod
from dashboard.indicators.registry import INDICATORS


def test_slide_sequence(tiny_pack, tiny_engine):
    kinds = [s.kind for s in tiny_pack.slides]
    assert kinds[:6] == ["title", "kpi", "map", "ranking", "gaps", "disparity"]
    assert kinds[6:] == ["kabupaten"] * 15
    assert [s.kode for s in tiny_pack.slides[6:]] == pack_mod.kabupaten_codes(tiny_engine)
    assert all(s.notes for s in tiny_pack.slides)
    assert tiny_pack.synthetic
    assert tiny_pack.footer.startswith("DATA SINTETIS")


def test_ranking_chart_equals_engine(tiny_pack, tiny_engine, periode):
    chart = next(s.chart for s in tiny_pack.slides if s.kind == "ranking")
    table = tiny_engine.table("realisasi_kpm", level="kabupaten", program="PKH", periode=periode)
    expected = dict(zip(table["nama"], table["value"], strict=True))
    assert len(chart.categories) == 15
    for name, value in zip(chart.categories, chart.series[0].values, strict=True):
        assert abs(value - round(expected[name] * 100, 2)) < 1e-9


def test_subset_of_kabupaten(tiny_engine, periode, kec_names):
    small = pack_mod.build_pack(
        tiny_engine, program="PKH", periode=periode, kabupaten=["18.07", "18.13"], kecamatan_names=kec_names
    )
    assert [s.kode for s in small.slides if s.kind == "kabupaten"] == ["18.07", "18.13"]
    ranking = next(s for s in small.slides if s.kind == "ranking")
    assert set(ranking.chart.categories) == {tiny_engine.name("18.07"), tiny_engine.name("18.13")}
    kec = next(sh for sh in small.sheets if sh.name == "Kecamatan")
    assert {row[0][:5] for row in kec.rows} == {"18.07", "18.13"}


def test_sheets_hold_every_applicable_indicator(tiny_pack):
    names = [sh.name for sh in tiny_pack.sheets]
    assert names == ["Provinsi", "Kabupaten", "Kecamatan", "Definisi"]
    applicable = {i for i, ind in INDICATORS.items() if "PKH" in ind.programs and "kabupaten" in ind.levels}
    kab = tiny_pack.sheets[1]
    assert {row[2] for row in kab.rows} == applicable
    assert len(tiny_pack.sheets[3].rows) == len(INDICATORS)


def test_english_pack(tiny_engine, periode, kec_names):
    english = pack_mod.build_pack(
        tiny_engine, program="PKH", periode=periode, lang="en", kecamatan_names=kec_names, with_sheets=False
    )
    assert english.slides[1].title.startswith("Province overview")
    assert presentation.period_label(periode, "en") in english.slides[1].title
