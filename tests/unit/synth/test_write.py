from __future__ import annotations

import csv
import io
import json

import numpy as np
import pandas as pd
import pytest

from dashboard import rawformat
from dashboard.errors import UserError
from dashboard.synth import generate, write
from dashboard.synth.cli import check_target


@pytest.fixture(scope="module")
def written(desa_all, tmp_path_factory):
    out = tmp_path_factory.mktemp("synth")
    data = generate(desa_all, seed=3, scale=0.01)
    files = write(data, out)
    return out, files, data


def _read(path, encoding, delimiter):
    text = path.read_bytes().decode(encoding)
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _files(out):
    return pd.read_parquet(out / "_truth" / "files.parquet")


def test_write_same_seed_byte_identical(desa_three, tmp_path):
    paths = []
    for name in ("a", "b"):
        data = generate(desa_three, seed=11, scale=0.002)
        write(data, tmp_path / name)
        paths.append(tmp_path / name)
    names = sorted(p.relative_to(paths[0]) for p in paths[0].rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(paths[1]) for p in paths[1].rglob("*") if p.is_file())
    for name in names:
        assert (paths[0] / name).read_bytes() == (paths[1] / name).read_bytes(), name


def test_write_same_bytes_with_one_or_two_workers(desa_three, tmp_path):
    data = generate(desa_three, seed=11, scale=0.002)
    write(data, tmp_path / "one", workers=1)
    write(data, tmp_path / "two", workers=2)
    names = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*") if p.is_file())
    assert names == sorted(
        p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*") if p.is_file()
    )
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_write_different_seed_different_registry(desa_three, tmp_path):
    for seed in (1, 2):
        write(generate(desa_three, seed=seed, scale=0.002), tmp_path / str(seed))
    assert (tmp_path / "1" / "registry_kab_1871.csv").read_bytes() != (
        tmp_path / "2" / "registry_kab_1871.csv"
    ).read_bytes()


def test_write_marker_and_penanda_in_every_file(written):
    out, _, _ = written
    marker = json.loads((out / "_SINTETIS.json").read_text())
    assert marker["sintetis"] is True and marker["label"] == "DATA SINTETIS" and marker["seed"] == 3
    for row in _files(out).itertuples():
        if row.file.endswith(".xlsx"):
            continue
        rows = _read(out / row.file, row.encoding, row.delimiter)
        assert rows[0][-1] == "PENANDA"
        assert rows[1][-1] == "DATA SINTETIS"


def test_write_xlsx_has_penanda(written):
    out, _, _ = written
    frame = pd.read_excel(out / "registry_pemutakhiran_2026.xlsx", dtype=str)
    assert len(frame) > 0 and (frame["PENANDA"] == "DATA SINTETIS").all()


def test_write_headers_all_known_to_rawformat(written):
    out, _, _ = written
    for row in _files(out).itertuples():
        if row.file.endswith(".xlsx"):
            continue
        header = _read(out / row.file, row.encoding, row.delimiter)[0]
        known = rawformat.header_map(row.export)
        unknown = [h for h in header[:-1] if rawformat.normalise_header(h.lstrip("\ufeff")) not in known]
        assert unknown == [], (row.file, unknown)


def test_write_status_values_all_in_vocabulary(written):
    out, _, _ = written
    vocab = rawformat.vocabulary_map("STATUS_SALUR")
    for row in _files(out).query("export == 'transaksi_salur'").itertuples():
        rows = _read(out / row.file, row.encoding, row.delimiter)
        idx = [rawformat.header_map(row.export).get(rawformat.normalise_header(h)) for h in rows[0]].index(
            "STATUS_SALUR"
        )
        values = {r[idx] for r in rows[1:] if r[0] not in ("TOTAL", "JUMLAH") and r[idx] != rows[0][idx]}
        assert {rawformat.normalise_value(v) for v in values} <= set(vocab), row.file


def test_write_line_counts_match_truth_plus_injected_rows(written):
    out, _, _ = written
    f = _files(out)
    expected = (
        f["truth_rows"]
        + f["exact_duplicates"]
        + f["family_duplicates"]
        + f["totals_rows"]
        + f["repeated_header_rows"]
    )
    assert (f["lines_written"] == expected).all()
    for row in f[~f["file"].str.endswith(".xlsx")].itertuples():
        assert len(_read(out / row.file, row.encoding, row.delimiter)) - 1 == row.lines_written


def test_write_at_least_twelve_fault_classes_present(written):
    out, _, _ = written
    manifest = json.loads((out / "_faults.json").read_text())
    present = [c["id"] for c in manifest["classes"] if c["total_rows"] > 0]
    assert len(present) >= 12


@pytest.mark.parametrize(
    ("class_id", "rate_key", "export", "column"),
    [
        (1, "nik_as_number", "registry", "NIK_KRT"),
        (2, "nik_invalid", "penetapan_kpm", "NIK_PENGURUS"),
        (4, "duplicate_exact", "transaksi_salur", "baris_duplikat_persis"),
        (6, "region_name_variant", "penetapan_kpm", "KABUPATEN"),
        (11, "period_label", "transaksi_salur", "TAHAP"),
        (14, "bank_variant", "penetapan_kpm", "BANK_PENYALUR"),
        (17, "desil_missing", "registry", "DESIL"),
    ],
)
def test_write_fault_rate_near_configured(written, class_id, rate_key, export, column):
    out, _, data = written
    manifest = json.loads((out / "_faults.json").read_text())
    cls = next(c for c in manifest["classes"] if c["id"] == class_id)
    names = [n for n, info in manifest["files"].items() if info["export"] == export]
    hit = sum(cls["files"].get(n, {}).get(column, 0) for n in names)
    rows = sum(manifest["files"][n]["truth_rows"] for n in names)
    rate = data.scenario["faults"][rate_key]
    assert hit == pytest.approx(rate * rows, rel=0.25, abs=4 * np.sqrt(rate * rows) + 2)


def test_write_nik_serials_in_written_registry_reserved(written):
    out, _, _ = written
    rows = _read(out / "registry_kab_1871.csv", "utf-8-sig", ",")
    idx = [rawformat.header_map("registry").get(rawformat.normalise_header(h)) for h in rows[0]].index(
        "NIK_KRT"
    )
    clean = [
        r[idx]
        for r in rows[1:]
        if len(r[idx]) == 16 and r[idx].isdigit() and not r[idx].startswith(("0", "1234"))
    ]
    serials = np.array([int(v[-4:]) for v in clean])
    assert len(serials) > 100 and (serials % 10 == 0).mean() < 0.2
    assert (serials[serials % 10 != 0] >= 9000).all()


def test_check_target_non_synthetic_folder_raises(tmp_path):
    (tmp_path / "data_asli.csv").write_text("x\n1\n")
    with pytest.raises(UserError):
        check_target(tmp_path, force=False)


def test_check_target_force_allows_non_synthetic_folder(tmp_path):
    (tmp_path / "data_asli.csv").write_text("x\n1\n")
    check_target(tmp_path, force=True)


def test_check_target_synthetic_folder_allowed(tmp_path):
    (tmp_path / "_SINTETIS.json").write_text("{}")
    (tmp_path / "registry_kab_1871.csv").write_text("x\n")
    check_target(tmp_path, force=False)
