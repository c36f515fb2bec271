"""Mode Presentasi under AppTest: slides from the URL, next/previous, download buttons."""

from __future__ import annotations

PAGE = "ui/views/presenter.py"


def _open(app, **params):
    at = app.run()
    for key, value in params.items():
        at.query_params[key] = value
    return at.switch_page(PAGE).run()


def _title(at) -> str:
    return next(m.value for m in at.markdown if "presisi-slide" in m.value and "<h1>" in m.value)


def test_presenter_opens_on_the_first_slide_with_downloads(app_with_geo):
    at = _open(app_with_geo)
    assert not at.exception
    assert "Bahan Rapat Koordinasi" in _title(at)
    assert at.query_params["slide"] == ["1"] or at.query_params["slide"] == "1"
    downloads = at.get("download_button")
    assert len(downloads) == 3
    assert any("DATA SINTETIS" in m.value for m in at.markdown)


def test_slide_number_from_url_and_navigation(app_with_geo):
    at = _open(app_with_geo, slide="4")
    assert not at.exception
    assert "Peringkat kabupaten/kota" in _title(at)
    at.button(key="presenter.next").click().run()
    assert not at.exception
    assert "Kesenjangan terbesar" in _title(at)
    at.button(key="presenter.prev").click().run()
    at.button(key="presenter.prev").click().run()
    assert "Peta:" in _title(at)
    assert len(at.get("imgs")) >= 1 or any("image" in str(type(e)).lower() for e in at.main)


def test_bad_slide_number_falls_back_with_a_warning(app_with_geo):
    at = _open(app_with_geo, slide="99")
    assert not at.exception
    assert "Bahan Rapat Koordinasi" in _title(at)
    assert any("slide" in w.value for w in at.warning)


def test_kabupaten_slides_follow_the_url(app_with_geo):
    at = _open(app_with_geo, kab="18.07,18.13", slide="8")
    assert not at.exception
    assert _title(at).split("<h1>")[1].startswith("Pesisir Barat")
    assert "Salindia 8 dari 8" in " ".join(m.value for m in at.markdown)
