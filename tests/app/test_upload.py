"""Unggah Data under AppTest: admin only, version list, activate and roll back, no traceback."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from dashboard.access import audit
from dashboard.versions import manifest, store

PAGE = "ui/views/upload.py"


@pytest.fixture
def two_versions(monkeypatch, tmp_path, tiny_processed_dir):
    monkeypatch.setenv("PRESISI_DATA_DIR", str(tmp_path / "data"))
    made = []
    for day in (1, 2):
        copy = tmp_path / f"copy{day}"
        shutil.copytree(tiny_processed_dir, copy)
        when = dt.datetime(2026, 11, day, tzinfo=dt.UTC)
        data = manifest.build(
            [], {"source": "sintetis", "balanced": True}, user="uji", role="admin", now=when
        )
        made.append(store.create(copy, data, store.new_id([str(day)], when)))
    store.activate(made[1].id)
    return made


def test_upload_page_for_admin_lists_versions_and_switches(app_with_geo, two_versions):
    old, new = two_versions
    at = app_with_geo.run().switch_page(PAGE).run()
    assert not at.exception
    assert at.title[0].value == "Unggah Data"
    assert len(at.get("file_uploader")) == 1
    assert any("MODE LOKAL" in w.value for w in at.warning)
    at.selectbox(key="up.version").select(old.id).run()
    at.button(key="up.do_activate").click().run()
    assert not at.exception
    assert store.active_id() == old.id
    assert any(old.id in s.value for s in at.success)
    at.selectbox(key="up.version").select(new.id).run()
    at.button(key="up.do_activate").click().run()
    at.button(key="up.do_rollback").click().run()
    assert store.active_id() == old.id
    switches = [e for e in audit.read() if e["action"] == "version_switch"]
    assert [e["details"]["how"] for e in switches] == ["activate", "activate", "rollback"]
    assert old.path.exists() and new.path.exists()


def test_rollback_without_older_version_is_a_message_not_a_traceback(app_with_geo, two_versions):
    old, _ = two_versions
    store.activate(old.id)
    at = app_with_geo.run().switch_page(PAGE).run()
    at.button(key="up.do_rollback").click().run()
    assert not at.exception
    assert any("lebih lama" in e.value for e in at.error)


def test_app_reads_the_active_version_when_no_override(monkeypatch, app_with_geo, two_versions):
    monkeypatch.delenv("PRESISI_PROCESSED_DIR")
    at = app_with_geo.run()
    assert not at.exception
    assert at.title and at.title[0].value
    assert not any("Belum ada data" in i.value for i in at.info)
