"""Ketepatan Sasaran under AppTest."""

from tests.app._analysis import charts, open_page, titles

PAGE = "ui/views/targeting.py"


def test_targeting_renders_errors_incidence_switch_and_pilot(app_with_geo):
    at = open_page(app_with_geo, PAGE, program="PKH", periode="2025-T3")
    assert not at.exception
    assert at.title[0].value == "Ketepatan Sasaran"
    shown = titles(at)
    assert len(shown) == 5
    assert "Kesalahan eksklusi (disesuaikan kuota)" in shown[0]
    assert "desil" in shown[2].lower()
    assert any("kuota" in m.value for m in at.markdown)
    pilot = charts(at)[4]
    assert {t["name"] for t in pilot["data"]} >= {"Pringsewu", "Provinsi Lampung"}
    hover = charts(at)[0]["data"][0]["hovertext"][0]
    assert " / " in hover  # numerator / denominator


def test_targeting_incidence_scope_round_trips_in_url(app_with_geo):
    at = open_page(app_with_geo, PAGE, program="PKH", periode="2025-T3", kab="18.10", insiden="kabupaten")
    assert not at.exception
    assert "Pringsewu" in titles(at)[2]
    at.segmented_control(key="filter.insiden").set_value("provinsi").run()
    assert "Provinsi Lampung" in titles(at)[2]
    assert "provinsi" in str(at.query_params["insiden"])


def test_targeting_programme_change_changes_titles(app_with_geo):
    at = open_page(app_with_geo, PAGE, program="PKH", periode="2025-T3")
    at.selectbox(key="filter.program").set_value("SEMBAKO").run()
    assert all("SEMBAKO" in t for t in titles(at))


def test_targeting_bad_url_value_falls_back_with_message(app_with_geo):
    at = open_page(app_with_geo, PAGE, pilot_ind="nonsense")
    assert not at.exception
    assert any("pilot_ind" in w.value for w in at.warning)
