"""Importer pieces: sniffing, masking, header mapping, profiles, manifest."""

from __future__ import annotations

import json

import pytest

from dashboard import rawformat
from dashboard.access import audit
from dashboard.errors import UserError
from dashboard.importer import api, headers, mask, profiles, sniff, stage
from dashboard.versions import store

from .conftest import FIXTURES, SECRET

TRX = (FIXTURES / "transaksi_salur_2025.csv").read_text(encoding="utf-8")


def test_masking():
    assert mask.mask_number("1807051203900012") == "1807********0012"
    assert mask.initials("Siti Aminah binti Ahmad") == "S. A. B. A."
    assert mask.mask_text("NIK 1807051203900012 salah") == "NIK 1807********0012 salah"
    frame = mask.mask_frame(
        __import__("pandas").DataFrame(
            {"NIK_PENERIMA": ["1801044507850001"], "NAMA_PENGURUS": ["Budi Contoh"], "PROGRAM": ["PKH"]}
        )
    )
    assert frame.iloc[0].tolist() == ["1801********0001", "B. C.", "PKH"]


def test_sniff_by_content_not_extension(tmp_path):
    path = tmp_path / "data.exe"
    path.write_text(TRX)
    assert sniff.sniff(path, 1 << 30, 200).kind == "csv"
    path = tmp_path / "transaksi.csv"
    path.write_bytes(b"MZ" + b"\x00" * 100)
    with pytest.raises(UserError, match="program Windows"):
        sniff.sniff(path, 1 << 30, 200)


def test_size_limit_from_settings(tmp_path, monkeypatch, base_files, desa_master):
    settings_file = tmp_path / "s.toml"
    settings_file.write_text("[import]\nmax_file_mb = 0.0001\n")
    monkeypatch.setenv("PRESISI_SETTINGS_FILE", str(settings_file))
    with pytest.raises(UserError, match="terlalu besar"):
        api.import_files(list(base_files.values()), user="u", desa_master=desa_master, secret=SECRET)


def test_custom_headers_need_a_profile_and_then_import(tmp_path, base_files, desa_master):
    renames = {"ID_TRANSAKSI": "NO REF", "ID_KPM": "KODE PENERIMA", "STATUS": "STATUS TRANSAKSI"}
    header, *rows = TRX.splitlines()
    custom = ",".join(renames.get(h, h) for h in header.split(","))
    path = tmp_path / "bank.csv"
    path.write_text("\n".join([custom, *rows]) + "\n")
    files = [base_files["registry"], base_files["penetapan_kpm"], path]
    with pytest.raises(UserError, match="belum dipetakan"):
        api.import_files(files, user="u", desa_master=desa_master, secret=SECRET)
    found = sniff.sniff(path, 1 << 30, 200)
    inspection = headers.inspect(path, found.kind, found.encoding, path.name)
    mapping = [
        headers.ColumnMap(
            m.position,
            m.raw,
            {"NO REF": "ID_TRANSAKSI", "KODE PENERIMA": "ID_KPM", "STATUS TRANSAKSI": "STATUS_SALUR"}.get(
                m.raw, m.canonical
            ),
        )
        for m in inspection.mapping
    ]
    saved = profiles.save("bank_uji", rawformat.TRANSAKSI, mapping)
    assert json.loads(saved.read_text())["exports"]["transaksi_salur"] == {
        "KODE PENERIMA": "ID_KPM",
        "NO REF": "ID_TRANSAKSI",
        "STATUS TRANSAKSI": "STATUS_SALUR",
    }
    assert "bank_uji" in profiles.names() and "contoh_bank" in profiles.names()
    result = api.import_files(
        files, user="u", profile="bank_uji", activate=True, desa_master=desa_master, secret=SECRET
    )
    assert result.version.active
    m = result.version.manifest
    assert m["profile"] == "bank_uji" and m["conservation"]["balanced"]
    assert {i["name"] for i in m["inputs"]} == {"registry_2025.csv", "penetapan_kpm_2025.csv", "bank.csv"}
    assert all(len(i["sha256"]) == 64 and i["size"] > 0 for i in m["inputs"])
    assert m["row_counts"]["disbursements"] >= 1
    assert m["created_by"] == "u" and m["created_at"].endswith("+00:00")


def test_profile_names_and_contents_are_validated():
    with pytest.raises(UserError):
        profiles.load("../../etc/passwd")
    with pytest.raises(UserError):
        profiles.validate({"transaksi_salur": {"X": "NOT_A_COLUMN"}}, "x")
    with pytest.raises(UserError, match="tidak ditemukan"):
        profiles.load("tidak_ada")


def test_preview_then_commit_writes_audit_and_keeps_raw(base_files, desa_master):
    result = api.import_files(
        list(base_files.values()), user="u@x", dry_run=True, desa_master=desa_master, secret=SECRET
    )
    assert result.version is None and store.versions() == []
    assert result.preview.balanced and len(result.preview.problems)
    for value in result.preview.samples["nilai_mentah"]:
        assert not any(len(tok) >= 16 and tok.isdigit() for tok in str(value).split())
    result = api.import_files(list(base_files.values()), user="u@x", desa_master=desa_master, secret=SECRET)
    actions = [e["action"] for e in audit.read()]
    assert actions == ["import"]
    from dashboard.versions import retention

    kept = retention.uploads_root() / result.version.id
    assert sorted(p.name for p in kept.iterdir() if not p.name.startswith(".")) == sorted(
        p.name for p in base_files.values()
    )


def test_missing_export_is_explained(base_files, desa_master):
    with pytest.raises(UserError, match="transaksi_salur"):
        api.import_files(
            [base_files["registry"], base_files["penetapan_kpm"]],
            user="u",
            desa_master=desa_master,
            secret=SECRET,
        )
    assert audit.read()[-1]["action"] == "import_failed"


def test_safe_name():
    assert stage.safe_name("../../etc/passwd") == "passwd"
    assert stage.safe_name("C:\\x\\Data Jan (1).xlsx") == "Data_Jan_1_.xlsx"
    assert stage.safe_name("...") == "berkas"
