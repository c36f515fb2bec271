"""Dataset versions: immutable folders, atomic ACTIVE pointer, rollback, retention."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from dashboard import config, datasets
from dashboard.access import audit
from dashboard.errors import UserError
from dashboard.versions import cli, manifest, retention, store


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    monkeypatch.setenv("PRESISI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PRESISI_AUDIT_FILE", str(tmp_path / "audit.jsonl"))
    monkeypatch.delenv("PRESISI_PROCESSED_DIR", raising=False)


def _processed(tmp_path: Path, tag: str) -> Path:
    folder = tmp_path / f"proc-{tag}"
    (folder / "quarantine").mkdir(parents=True)
    for table in ("families", "kpm", "disbursements"):
        (folder / f"{table}.parquet").write_bytes(b"PAR1" + tag.encode())
    (folder / "quality_report.json").write_text(
        json.dumps({"source": "nyata", "as_of": "2025-03-31", "balanced": True})
    )
    return folder


def _make(tmp_path: Path, tag: str, when: dt.datetime) -> store.Version:
    version_id = store.new_id([tag], when)
    data = manifest.build([], {"source": "nyata", "balanced": True}, user="a@x", role="admin", now=when)
    return store.create(_processed(tmp_path, tag), data, version_id)


def test_no_versions_falls_back_to_data_processed():
    assert store.active_dir() is None
    assert config.processed_dir() == config.data_dir() / "processed"


def test_env_override_wins(monkeypatch, tmp_path):
    first = _make(tmp_path, "a", dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    store.activate(first.id)
    monkeypatch.setenv("PRESISI_PROCESSED_DIR", str(tmp_path / "elsewhere"))
    assert config.processed_dir() == (tmp_path / "elsewhere").resolve()


def test_activate_and_rollback_never_delete(tmp_path):
    a = _make(tmp_path, "a", dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    b = _make(tmp_path, "b", dt.datetime(2026, 2, 1, tzinfo=dt.UTC))
    assert store.active_id() is None
    store.activate(b.id)
    assert config.processed_dir() == b.path
    assert datasets.available()
    before = {p: p.read_bytes() for v in (a, b) for p in v.path.rglob("*") if p.is_file()}
    assert store.previous_id() == a.id
    cli.switch(store.previous_id(), "a@x", "admin", reason="rollback")
    assert store.active_id() == a.id
    with pytest.raises(UserError, match="lebih lama"):
        store.previous_id()
    after = {p: p.read_bytes() for v in (a, b) for p in v.path.rglob("*") if p.is_file()}
    assert before == after
    assert [e["action"] for e in audit.read()] == ["version_switch"]
    assert [v.id for v in store.versions()] == [a.id, b.id]


def test_ids_sort_by_time_and_are_validated(tmp_path):
    early = store.new_id(["x"], dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    late = store.new_id(["x"], dt.datetime(2026, 1, 2, tzinfo=dt.UTC))
    assert early < late and store.ID_PATTERN.match(early)
    for bad in ("../etc", "ACTIVE", "2026", ""):
        with pytest.raises(UserError):
            store.get(bad)


def test_dangling_or_garbage_pointer_is_ignored(tmp_path):
    store.root().mkdir(parents=True)
    (store.root() / store.ACTIVE_FILE).write_text("../../etc\n")
    assert store.active_dir() is None
    (store.root() / store.ACTIVE_FILE).write_text("20260101T000000-deadbeef\n")
    assert store.active_dir() is None


def test_incomplete_version_is_not_activated(tmp_path):
    v = _make(tmp_path, "a", dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    (v.path / "kpm.parquet").unlink()
    with pytest.raises(UserError, match="tidak lengkap"):
        store.activate(v.id)


def test_purge_deletes_only_expired_raw_uploads(tmp_path):
    v = _make(tmp_path, "a", dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    old = retention.uploads_root() / v.id
    new = retention.uploads_root() / "20261101T000000-00000000"
    for folder, when in (
        (old, dt.datetime(2026, 1, 1, tzinfo=dt.UTC)),
        (new, dt.datetime(2026, 11, 20, tzinfo=dt.UTC)),
    ):
        folder.mkdir(parents=True)
        (folder / "x.csv").write_text("a")
        retention.stamp(folder, when)
    removed = retention.purge(30, now=dt.datetime(2026, 11, 28, tzinfo=dt.UTC))
    assert removed == [v.id]
    assert not old.exists() and new.exists() and v.path.exists()
