"""Roles file, scope enforcement in the data layer, suppression, audit, cell escaping."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard import safety
from dashboard.access import audit, roles, scope
from dashboard.access.roles import User
from dashboard.errors import UserError
from dashboard.indicators.engine import Engine

KAB = User("dinsos@example.go.id", "kabupaten", "18.01")
PROV = User("bappeda@example.go.id", "provinsi")
ADMIN = User("admin@example.go.id", "admin")


@pytest.fixture(autouse=True)
def _audit(monkeypatch, tmp_path):
    monkeypatch.setenv("PRESISI_AUDIT_FILE", str(tmp_path / "audit.jsonl"))


@pytest.fixture(scope="module")
def eng(tiny_processed_dir) -> Engine:
    return Engine.from_processed(tiny_processed_dir)


def _args(eng):
    program = eng.programs()[0]
    return {"program": program, "periode": eng.periods(program)[-1]}


def test_roles_file_lookup_and_domains():
    table = {
        "users": {
            "Admin@Example.go.id": {"role": "admin"},
            "k@example.go.id": {"role": "kabupaten", "kabupaten": "18.04"},
        },
        "domains": {"example.go.id": {"role": "presenter"}},
    }
    assert roles.lookup("admin@example.go.id", table).role == "admin"
    assert roles.lookup("k@example.go.id", table).kabupaten == "18.04"
    assert roles.lookup("other@example.go.id", table).role == "presenter"
    assert roles.lookup("x@elsewhere.id", table) is None
    with pytest.raises(UserError):
        roles.lookup("bad@x", {"users": {"bad@x": {"role": "kabupaten"}}})
    with pytest.raises(UserError):
        roles.lookup("bad@x", {"users": {"bad@x": {"role": "root"}}})


def test_committed_roles_example_is_valid():
    for email in (
        "admin@example.go.id",
        "bappeda@example.go.id",
        "dinsos.lampungselatan@example.go.id",
        "rapat@example.go.id",
    ):
        assert roles.lookup(email) is not None


def test_local_mode_needs_explicit_switch(monkeypatch):
    monkeypatch.delenv("PRESISI_LOCAL_MODE", raising=False)
    assert not roles.local_mode()
    monkeypatch.setenv("PRESISI_LOCAL_MODE", "1")
    monkeypatch.setenv("PRESISI_LOCAL_ROLE", "kabupaten")
    monkeypatch.setenv("PRESISI_LOCAL_KABUPATEN", "18.07")
    user = roles.local_user()
    assert roles.local_mode() and user.local and user.kabupaten == "18.07"


def test_pages_by_role():
    assert roles.allowed_pages(ADMIN) is None
    assert "upload" not in roles.allowed_pages(KAB)
    assert "upload" not in roles.allowed_pages(PROV)
    assert roles.allowed_pages(User("p", "presenter")) == {"summary", "map", "presenter", "profile"}


def test_kabupaten_table_is_own_row_plus_province(eng):
    s = scope.ScopedEngine(eng, KAB)
    table = s.table("realisasi_kpm", level="kabupaten", **_args(eng))
    assert set(table["kode"]) == {"18.01", "18"}
    kec = s.table("realisasi_kpm", level="kecamatan", **_args(eng))
    assert len(kec) and kec["kode"].str.startswith("18.01.").all()


def test_other_kabupaten_detail_is_refused_and_logged(eng):
    s = scope.ScopedEngine(eng, KAB)
    other = s.table("realisasi_kpm", level="kecamatan", parent="18.02", **_args(eng))
    assert other.empty and scope.DENIED in other.attrs
    trend = s.trend("realisasi_kpm", level="kabupaten", program=_args(eng)["program"], kode="18.02")
    assert trend.empty and scope.DENIED in trend.attrs
    assert s.incidence(kode="18.02.01", **_args(eng)).empty
    assert s.delay_distribution(kode="18.05", **_args(eng)).empty
    assert {e["action"] for e in audit.read()} == {"denied"}
    assert len(audit.read()) == 4


def test_scoped_attributes_hide_other_regions(eng):
    s = scope.ScopedEngine(eng, KAB)
    assert all(k == "18" or k.startswith("18.01") for k in s.names)
    assert set(s.cube.base["kode_kab"]) == {"18.01"}
    text = str(s.quality_report)
    assert "'18.02'" not in text
    with pytest.raises(AttributeError):
        s._summed  # noqa: B018 - private engine internals are not passed through
    with pytest.raises(AttributeError):
        s.some_future_method  # noqa: B018


def test_suppression_for_non_admin(eng):
    args = _args(eng)
    full = eng.table("realisasi_kpm", level="kecamatan", **args)
    prov = scope.ScopedEngine(eng, PROV, min_count=10)
    hidden = prov.table("realisasi_kpm", level="kecamatan", **args)
    small = hidden["basis"].isna() & hidden["suppressed"]
    assert small.any(), "the tiny dataset has kecamatan under 10 KPM"
    assert (
        hidden.loc[hidden["suppressed"], ["value", "numerator", "denominator", "ci_low", "ci_high"]]
        .isna()
        .all()
        .all()
    )
    shown = hidden.loc[~hidden["suppressed"]]
    assert ((shown["basis"].dropna() >= 10) | (shown["basis"].dropna() == 0)).all()  # zero is not disclosive
    assert len(hidden) == len(full)
    assert scope.scoped(eng, ADMIN) is eng


def test_suppress_function_on_plain_tables():
    table = pd.DataFrame(
        {
            "kode": ["18", "18.01.01", "18.01.02"],
            "numerator": [100, 3, 40],
            "denominator": [120.0, 5, 50],
            "value": [0.8, 0.6, 0.8],
        }
    )
    out = scope.suppress(table, "presenter", 10)
    assert out["suppressed"].tolist() == [False, True, False]
    assert np.isnan(out.loc[1, "value"]) and out.loc[0, "value"] == 0.8
    assert not scope.suppress(table, "admin", 10)["suppressed"].any()
    desil = pd.DataFrame(
        {"desil": [1, 2], "penerima": [4, 50], "rp": [1.0, 2.0], "share_penerima": [0.1, 0.9]}
    )
    out = scope.suppress(desil, "kabupaten", 10)
    assert out["suppressed"].tolist() == [True, False] and np.isnan(out.loc[0, "rp"])
    assert scope.suppressed_label(10) == "disembunyikan (< 10)"


@pytest.mark.parametrize("value", ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "＝1"])
def test_escape_cell_neutralises_formulas(value):
    assert safety.escape_cell(value) == "'" + value


@pytest.mark.parametrize("value", [-5, 3.2, None, "Lampung", "", "18.01"])
def test_escape_cell_leaves_safe_values(value):
    assert safety.escape_cell(value) == value


def test_escape_frame():
    frame = pd.DataFrame({"=a": ["=HYPERLINK(1)", "ok"], "n": [-1, 2]})
    out = safety.escape_frame(frame)
    assert list(out.columns) == ["'=a", "n"] and out.iloc[0, 0] == "'=HYPERLINK(1)" and out.iloc[0, 1] == -1


def test_audit_log_is_append_only(tmp_path):
    audit.record("login", "a@x", "admin")
    audit.record("export", "a@x", "admin", {"format": "xlsx"})
    events = audit.read()
    assert [e["action"] for e in events] == ["login", "export"]
    assert all({"time", "user", "role", "action", "details"} <= set(e) for e in events)
    with pytest.raises(ValueError):
        audit.record("hack", "a@x", "admin")
