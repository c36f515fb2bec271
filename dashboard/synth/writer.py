"""Write the synthetic truth as messy raw export files plus manifests.

Output folder layout::

    registry_kab_<kode>.csv                 one per kabupaten (DTSEN extract)
    registry_pemutakhiran_2026.xlsx          a small update batch (XLSX path)
    penetapan_kpm_<program>_<year>.csv       SK rows per programme and year
    transaksi_salur_<program>_<year>.csv     payment attempts per programme and year
    _SINTETIS.json                           synthetic marker (no wall-clock time)
    _faults.json                             fault manifest: class, rate, rows per file
    _truth/*.parquet                         small ground truth for the cleaner's tests

Every export file ends with a ``PENANDA`` column holding ``DATA SINTETIS``.
"""

from __future__ import annotations

import io
import json
import logging
import zlib
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
from tqdm import tqdm

from dashboard import config, rawformat
from dashboard.synth import faults, render, truth
from dashboard.synth.generate import SyntheticData

log = logging.getLogger(__name__)
MARKER = "_SINTETIS.json"
MANIFEST = "_faults.json"
PENANDA = "PENANDA"


def _rng(data: SyntheticData, name: str) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence([data.seed, zlib.crc32(name.encode())]))


def plan(data: SyntheticData) -> list[tuple[str, str, np.ndarray]]:
    """Return ``(file name, export, row positions)`` of every export file.

    Parameters
    ----------
    data : SyntheticData
        The generated truth.

    Returns
    -------
    list of tuple
        Registry files per kabupaten (and one XLSX update batch), penetapan
        and transaksi files per programme and year.
    """
    files: list[tuple[str, str, np.ndarray]] = []
    fam = data.families
    n = len(fam)
    rng = _rng(data, "xlsx")
    cfg = data.scenario["files"]
    k = min(round(n * cfg["xlsx_share"]), cfg["xlsx_max_rows"])
    to_xlsx = np.zeros(n, dtype=bool)
    to_xlsx[rng.choice(n, size=max(k, 1), replace=False)] = True
    order = np.lexsort((np.arange(n), fam["desa_idx"].to_numpy()))
    kab_idx = fam["kab_idx"].to_numpy()[order]
    for i, code in enumerate(data.kab["kode_kab"]):
        rows = order[(kab_idx == i) & ~to_xlsx[order]]
        files.append((f"registry_kab_{code.replace('.', '')}.csv", rawformat.REGISTRY, rows))
    files.append(("registry_pemutakhiran_2026.xlsx", rawformat.REGISTRY, np.flatnonzero(to_xlsx)))
    first_year = data.scenario["meta"]["first_year"]
    kpm, trx = data.kpm, data.trx
    kpm_year = first_year + kpm["period"].to_numpy().astype(np.int64) // 4
    kpm_order = np.lexsort(
        (kpm["fam"].to_numpy(), fam["desa_idx"].to_numpy()[kpm["fam"].to_numpy()], kpm["period"].to_numpy())
    )
    trx_year = first_year + trx["period"].to_numpy().astype(np.int64) // 4
    for g, prog in enumerate(("pkh", "sembako")):
        for year in sorted(set(kpm_year.tolist())):
            sel = (kpm["program"].to_numpy() == g) & (kpm_year == year)
            files.append((f"penetapan_kpm_{prog}_{year}.csv", rawformat.PENETAPAN, kpm_order[sel[kpm_order]]))
    for g, prog in enumerate(("pkh", "sembako")):
        for year in sorted(set(kpm_year.tolist())):
            rows = np.flatnonzero((trx["program"].to_numpy() == g) & (trx_year == year))
            files.append((f"transaksi_salur_{prog}_{year}.csv", rawformat.TRANSAKSI, rows))
    return files


def _columns(data: SyntheticData, export: str, rows: np.ndarray) -> dict[str, pa.Array]:
    return {
        rawformat.REGISTRY: render.registry,
        rawformat.PENETAPAN: render.penetapan,
        rawformat.TRANSAKSI: render.transaksi,
    }[export](data, rows)


def _kab_of_rows(data: SyntheticData, export: str, rows: np.ndarray) -> np.ndarray:
    fam = {
        rawformat.REGISTRY: lambda: rows,
        rawformat.PENETAPAN: lambda: data.kpm["fam"].to_numpy()[rows],
        rawformat.TRANSAKSI: lambda: data.trx["fam"].to_numpy()[rows],
    }[export]()
    return data.families["kab_idx"].to_numpy()[fam].astype(np.int64)


def _duplicates(export: str, cols: dict, rng, rates: dict, tally: faults.Tally) -> dict:
    """Fault 4: exact duplicate rows and, in penetapan, a family twice under a new ID_KPM."""
    n = len(next(iter(cols.values())))
    exact = faults.subset(rng, np.arange(n), rates["duplicate_exact"])
    family = (
        faults.subset(rng, np.arange(n), rates["duplicate_family"])
        if export == rawformat.PENETAPAN
        else np.empty(0, np.int64)
    )
    index = np.r_[np.arange(n), exact, family]
    kind = np.r_[np.zeros(n, np.int8), np.ones(len(exact), np.int8), np.full(len(family), 2, np.int8)]
    order = np.lexsort((kind, index))
    take = pa.array(index[order])
    out = {c: a.take(take) for c, a in cols.items()}
    fam_pos = np.flatnonzero(kind[order] == 2)
    if len(fam_pos):
        ids = out["ID_KPM"].take(pa.array(fam_pos)).to_pylist()
        out["ID_KPM"] = faults.put(out["ID_KPM"], fam_pos, [str(int(v) + 7 * 10**12) for v in ids])
    tally.add(4, "baris_duplikat_persis", len(exact))
    if export == rawformat.PENETAPAN:
        tally.add(4, "keluarga_ganda_id_baru", len(family))
    return out


def _headers(name: str, export: str, rng, cfg: dict) -> dict[str, str]:
    """Choose a header (canonical or listed variant) per column; unique after normalisation."""
    used: set[str] = set()
    chosen = {}
    for column in rawformat.COLUMNS[export]:
        header = column.name
        if column.variants and rng.random() < cfg["header_variant_share"]:
            header = column.variants[int(rng.integers(0, len(column.variants)))]
        if rawformat.normalise_header(header) in used:
            header = column.name
        used.add(rawformat.normalise_header(header))
        chosen[column.name] = header.lower() if name in cfg["lowercase_headers"] else header
    return chosen


def _extra_rows(name: str, table: dict[str, pa.Array], headers: dict, cfg: dict, tally: faults.Tally) -> dict:
    n = len(next(iter(table.values())))
    out = dict(table)
    if name in cfg["repeated_header"] and n > 2:
        mid = n // 2
        out = {
            c: pa.concat_arrays([a.slice(0, mid), pa.array([headers.get(c, c)]), a.slice(mid)])
            for c, a in out.items()
        }
        tally.add(18, "header_berulang", 1)
    if name in cfg["totals_row"]:
        label = "JUMLAH" if zlib.crc32(name.encode()) % 2 else "TOTAL"
        extra = {}
        first = next(iter(out))
        for c in out:
            value = ""
            if c == first:
                value = label
            elif c in ("NOMINAL", "NOMINAL_ALOKASI", "NOMINAL_SALUR"):
                digits = pc.match_substring_regex(table[c], r"^\d+$")
                value = str(pc.sum(pc.cast(pc.if_else(digits, table[c], "0"), pa.int64())).as_py() or 0)
            extra[c] = value
        out = {c: pa.concat_arrays([a, pa.array([extra[c]])]) for c, a in out.items()}
        tally.add(18, "baris_total", 1)
    return out


def _write_csv(path: Path, table: pa.Table, name: str, cfg: dict) -> None:
    delimiter = ";" if name in cfg["semicolon"] else ","
    buf = io.BytesIO()
    pcsv.write_csv(table, buf, pcsv.WriteOptions(delimiter=delimiter, quoting_style="needed"))
    payload = buf.getvalue()
    if name in cfg["cp1252"]:
        payload = payload.decode("utf-8").encode("cp1252", errors="replace")
    elif name in cfg["bom"]:
        payload = b"\xef\xbb\xbf" + payload
    path.write_bytes(payload)


def _write_xlsx(path: Path, table: pa.Table) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("DTSEN")
    ws.append(table.column_names)
    for row in zip(*(table.column(i).to_pylist() for i in range(table.num_columns)), strict=True):
        ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(_fixed_zip_times(buf.getvalue()))


def _fixed_zip_times(payload: bytes) -> bytes:
    """Rewrite an XLSX zip with fixed timestamps so identical content gives identical bytes."""
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(payload))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _strip_times(data)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, data)
    return out.getvalue()


def _strip_times(xml: bytes) -> bytes:
    import re

    return re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z", xml)


def emit_file(
    data: SyntheticData, name: str, export: str, rows: np.ndarray, out_dir: Path
) -> tuple[int, faults.Tally]:
    """Render, corrupt and write one export file.

    Parameters
    ----------
    data : SyntheticData
        The generated truth.
    name : str
        File name (decides format quirks listed in ``[files]``).
    export : str
        ``registry``, ``penetapan_kpm`` or ``transaksi_salur``.
    rows : ndarray
        Row positions of the truth table of that export.
    out_dir : Path
        Output folder.

    Returns
    -------
    tuple
        Number of lines written below the header and the fault tally.
    """
    rng = _rng(data, name)
    rates = data.scenario["faults"]
    cfg = data.scenario["files"]
    tally = faults.Tally()
    cols = _columns(data, export, rows)
    kab = data.kab
    faults.identifiers(export, cols, rng, rates, tally)
    faults.regions(
        cols,
        _kab_of_rows(data, export, rows),
        list(kab["kode_kab"]),
        list(kab["kode_bps"]),
        rng,
        rates,
        tally,
    )
    sp2d = data.trx["sp2d"].to_numpy()[rows] if export == rawformat.TRANSAKSI else None
    faults.dates(export, cols, rng, rates, tally, sp2d)
    faults.amounts(export, cols, rng, rates, tally)
    faults.vocabulary(export, cols, rng, rates, tally)
    faults.names(cols, rng, rates, tally)
    if not name.endswith(".xlsx"):
        cols = _duplicates(export, cols, rng, rates, tally)
    headers = _headers(name, export, rng, cfg)
    n = len(next(iter(cols.values())))
    cols[PENANDA] = pa.array([config.SYNTHETIC_LABEL]).take(pa.array(np.zeros(n, np.int64)))
    cols = _extra_rows(name, cols, headers, cfg, tally)
    table = pa.table({headers.get(c, c): a for c, a in cols.items()})
    if name.endswith(".xlsx"):
        _write_xlsx(out_dir / name, table)
    else:
        _write_csv(out_dir / name, table, name, cfg)
    return table.num_rows, tally


def write(data: SyntheticData, out_dir: Path) -> dict[str, int]:
    """Write every export file, the synthetic marker, the fault manifest and the truth.

    Parameters
    ----------
    data : SyntheticData
        From :func:`dashboard.synth.generate`.
    out_dir : Path
        Folder (created when missing). Callers check it holds no real data.

    Returns
    -------
    dict
        File name → lines written below the header (data, duplicates, extra rows).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    tallies: dict[str, faults.Tally] = {}
    files = plan(data)
    for name, export, rows in tqdm(files, desc="synth: tulis file", unit="file", disable=None):
        written[name], tallies[name] = emit_file(data, name, export, rows, out_dir)
    manifest = truth.fault_manifest(data, files, tallies)
    (out_dir / MANIFEST).write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
    )
    truth.write_truth(data, files, written, tallies, out_dir / "_truth")
    marker = {
        "sintetis": True,
        "label": config.SYNTHETIC_LABEL,
        "seed": data.seed,
        "scale": data.scale,
        "scenario": data.scenario.digest,
        "nik_serial_reserved": [
            data.scenario["identity"]["serial_min"],
            data.scenario["identity"]["serial_max"],
        ],
        "files": written,
    }
    (out_dir / MARKER).write_text(json.dumps(marker, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    log.info("synth: %d file ditulis ke %s", len(written), out_dir)
    return written
