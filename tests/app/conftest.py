"""AppTest helpers: the real entry point, generous timeouts, clean caches."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


@pytest.fixture(autouse=True)
def _clear_caches(monkeypatch, tmp_path):
    # no OIDC in tests: local mode, admin unless a test says otherwise
    monkeypatch.setenv("PRESISI_LOCAL_MODE", "1")
    monkeypatch.setenv("PRESISI_AUDIT_FILE", str(tmp_path / "audit.jsonl"))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


@pytest.fixture
def app_with_geo(monkeypatch, full_geo_dir, tiny_processed_dir):
    """The app reading the real boundary layers and a tiny synthetic dataset."""
    monkeypatch.setenv("PRESISI_GEO_DIR", str(full_geo_dir))
    monkeypatch.setenv("PRESISI_PROCESSED_DIR", str(tiny_processed_dir))
    return AppTest.from_file(APP, default_timeout=60)


@pytest.fixture
def app_without_geo(monkeypatch, tmp_path):
    """The app on a machine where neither boundaries nor data were ever built."""
    monkeypatch.setenv("PRESISI_GEO_DIR", str(tmp_path / "no-geo"))
    monkeypatch.setenv("PRESISI_PROCESSED_DIR", str(tmp_path / "no-data"))
    return AppTest.from_file(APP, default_timeout=60)
