"""Roles under AppTest: scope from the URL, page list, banners, and the export path."""

from __future__ import annotations

import json

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import safety
from dashboard.access import audit, scope
from dashboard.access.roles import User
from dashboard.indicators.engine import Engine

from .conftest import APP

PROFILE = "ui/views/profile.py"
UPLOAD = "ui/views/upload.py"


@pytest.fixture
def as_kabupaten(monkeypatch, app_with_geo):
    monkeypatch.setenv("PRESISI_LOCAL_ROLE", "kabupaten")
    monkeypatch.setenv("PRESISI_LOCAL_KABUPATEN", "18.01")
    return app_with_geo


def _texts(at) -> str:
    parts = [
        e.value for kind in ("title", "header", "subheader", "markdown", "caption") for e in getattr(at, kind)
    ]
    parts += [json.dumps(json.loads(c.proto.spec)) for c in at.get("plotly_chart")]
    parts += [c.proto.json_args for c in at.get("component_instance")]
    return " ".join(str(p) for p in parts)


def test_kabupaten_user_cannot_reach_other_kabupaten_through_the_url(as_kabupaten):
    at = as_kabupaten
    at.query_params["kab"] = "18.05"
    at.run().switch_page(PROFILE).run()
    assert not at.exception
    assert at.header[0].value == "Lampung Selatan"  # own kabupaten, whatever the URL says
    assert at.selectbox(key="filter.kab").options == ["Lampung Selatan"]
    text = _texts(at)
    assert "Tulang Bawang" not in text and '"kode": "18.05.' not in text


def test_kabupaten_user_has_no_upload_page(as_kabupaten):
    at = as_kabupaten.run()
    assert not at.exception
    with pytest.raises(ValueError, match="Could not find a navigation page") as info:
        at.switch_page(UPLOAD)
    assert "upload.py" not in str(info.value).split("Known pages")[1]
    assert "simulation.py" not in str(info.value).split("Known pages")[1]


def test_local_mode_banner_on_every_page(as_kabupaten):
    at = as_kabupaten.run()
    assert any("MODE LOKAL" in w.value and "kabupaten" in w.value for w in at.warning)
    at.switch_page(PROFILE).run()
    assert any("MODE LOKAL" in w.value for w in at.warning)
    assert [e["action"] for e in audit.read()][:1] == ["login"]


def test_without_login_or_local_mode_only_the_how_to(monkeypatch, app_with_geo):
    monkeypatch.setenv("PRESISI_LOCAL_MODE", "0")
    at = app_with_geo.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Login belum dikonfigurasi"]
    assert "secrets.toml" in at.warning[0].value and "PRESISI_LOCAL_MODE" in at.warning[0].value
    assert not at.dataframe and not at.get("plotly_chart") and not at.sidebar.selectbox


def test_export_path_is_scoped_and_suppressed(tiny_processed_dir, tmp_path):
    """What an exporter does: tables from the scoped engine, suppress, escape every cell."""
    eng = Engine.from_processed(tiny_processed_dir)
    program = eng.programs()[0]
    periode = eng.periods(program)[-1]
    scoped = scope.ScopedEngine(eng, User("k@x", "kabupaten", "18.01"), min_count=10)
    kab = scoped.table("realisasi_kpm", level="kabupaten", program=program, periode=periode)
    kec = scoped.table("realisasi_kpm", level="kecamatan", program=program, periode=periode)
    assert set(kab["kode"]) == {"18.01", "18"}
    assert kec["kode"].str.startswith("18.01.").all()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(kec.columns))
    for row in safety.escape_frame(kec.astype(object).where(kec.notna(), None)).itertuples(index=False):
        sheet.append(list(row))
    path = tmp_path / "ekspor.xlsx"
    book.save(path)
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    col = {name: i for i, name in enumerate(header)}
    small = [r for r in body if r[col["suppressed"]]]
    assert small, "the tiny dataset has kecamatan under 10 KPM"
    assert all(r[col["value"]] is None and r[col["denominator"]] is None for r in small)
    assert all(r[col["basis"]] is None or r[col["basis"]] >= 10 or r[col["basis"]] == 0 for r in body)
    assert not any(str(r[col["kode"]]).startswith("18.02") for r in body)


def test_presenter_sees_overview_pages_only(monkeypatch, app_with_geo):
    monkeypatch.setenv("PRESISI_LOCAL_ROLE", "presenter")
    at = app_with_geo.run()
    assert not at.exception
    with pytest.raises(ValueError, match="Could not find a navigation page") as info:
        at.switch_page("ui/views/quality.py")
    known = str(info.value).split("Known pages")[1]
    assert {"summary.py", "map.py", "presenter.py", "profile.py"} == {
        name
        for name in ("summary.py", "map.py", "presenter.py", "profile.py", "quality.py", "upload.py")
        if name in known
    }


def test_app_file_is_the_entry_point():
    assert AppTest.from_file(APP) is not None
