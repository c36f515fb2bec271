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

import gc
import io
import json
import logging
import multiprocessing as mp
import os
import zlib
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
from tqdm import tqdm

from dashboard import config, rawformat
from dashboard.synth import extras, faults, render, truth
from dashboard.synth.column import Column, constant
from dashboard.synth.generate import SyntheticData

log = logging.getLogger(__name__)
MARKER = "_SINTETIS.json"
MANIFEST = "_faults.json"
PENANDA = "PENANDA"
BATCH_ROWS = 1 << 18  # rows rendered and written at a time
#: what forked writer processes inherit from :func:`write` (set only while it runs)
_SHARED: dict = {}


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


def _columns(data: SyntheticData, export: str, rows: np.ndarray) -> dict[str, Column]:
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


def _duplicates(
    export: str, cols: dict[str, Column], rng, rates: dict, tally: faults.Tally
) -> dict[str, Column]:
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
    rows = index[order]  # shared by every reindexed column
    out = {c: col.reindex(rows) for c, col in cols.items()}
    fam_pos = np.flatnonzero(kind[order] == 2)
    if len(fam_pos):
        ids = out["ID_KPM"].text(fam_pos).to_pylist()
        faults.put(out["ID_KPM"], fam_pos, [str(int(v) + 7 * 10**12) for v in ids])
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


def _totals(cols: dict[str, Column], label: str) -> dict[str, str]:
    """Return the ``JUMLAH``/``TOTAL`` row: label first, sums of plain-digit amounts."""
    first = next(iter(cols))
    extra = {}
    for c, col in cols.items():
        value = ""
        if c == first:
            value = label
        elif c in ("NOMINAL", "NOMINAL_ALOKASI", "NOMINAL_SALUR"):
            text = col.text()
            digits = pc.match_substring_regex(text, r"^\d+$")
            value = str(pc.sum(pc.cast(pc.if_else(digits, text, "0"), pa.int64())).as_py() or 0)
        extra[c] = value
    return extra


def _segments(name: str, cols: dict[str, Column], headers: dict, cfg: dict, tally: faults.Tally) -> list:
    """Return what to write in order: ``(start, stop)`` row ranges and literal rows (dicts)."""
    n = len(next(iter(cols.values())))
    segments: list = [(0, n)]
    if name in cfg["repeated_header"] and n > 2:
        mid = n // 2
        segments = [(0, mid), {c: headers.get(c, c) for c in cols}, (mid, n)]
        tally.add(18, "header_berulang", 1)
    if name in cfg["totals_row"]:
        label = "JUMLAH" if zlib.crc32(name.encode()) % 2 else "TOTAL"
        segments.append(_totals(cols, label))
        tally.add(18, "baris_total", 1)
    return segments


def _batches(cols: dict[str, Column], segments: list, schema: pa.Schema):
    """Yield record batches of at most :data:`BATCH_ROWS` rows following ``segments``."""
    for segment in segments:
        if isinstance(segment, dict):
            yield pa.record_batch([pa.array([segment[c]], pa.string()) for c in cols], schema=schema)
            continue
        start, stop = segment
        for lo in range(start, stop, BATCH_ROWS):
            rows = np.arange(lo, min(lo + BATCH_ROWS, stop))
            yield pa.record_batch([col.text(rows) for col in cols.values()], schema=schema)


def _write_csv(path: Path, batches, schema: pa.Schema, name: str, cfg: dict) -> None:
    """Stream batches to a CSV file with the file's delimiter and encoding quirks."""
    options = pcsv.WriteOptions(delimiter=";" if name in cfg["semicolon"] else ",", quoting_style="needed")
    if name in cfg["cp1252"]:
        buf = io.BytesIO()
        with pcsv.CSVWriter(buf, schema, write_options=options) as writer:
            for batch in batches:
                writer.write_batch(batch)
        path.write_bytes(buf.getvalue().decode("utf-8").encode("cp1252", errors="replace"))
        return
    with pa.OSFile(str(path), "wb") as sink:
        if name in cfg["bom"]:
            sink.write(b"\xef\xbb\xbf")
        with pcsv.CSVWriter(sink, schema, write_options=options) as writer:
            for batch in batches:
                writer.write_batch(batch)


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
    cols[PENANDA] = constant(config.SYNTHETIC_LABEL, n)
    segments = _segments(name, cols, headers, cfg, tally)
    schema = pa.schema([(headers.get(c, c), pa.string()) for c in cols])
    lines = sum(1 if isinstance(s, dict) else s[1] - s[0] for s in segments)
    if name.endswith(".xlsx"):
        _write_xlsx(out_dir / name, pa.Table.from_batches(list(_batches(cols, segments, schema)), schema))
    else:
        _write_csv(out_dir / name, _batches(cols, segments, schema), schema, name, cfg)
    return lines, tally


def _emit_task(i: int) -> tuple[int, faults.Tally]:
    """Emit file ``i`` of the plan shared by :func:`write` (runs in a forked worker)."""
    data, files, out_dir = _SHARED["data"], _SHARED["files"], _SHARED["out_dir"]
    name, export, rows = files[i]
    result = emit_file(data, name, export, rows, out_dir)
    gc.collect()  # arrays caught in reference cycles would otherwise stay until a rare full collection
    return result


def _summaries_task() -> None:
    truth.write_summaries(_SHARED["data"], _SHARED["out_dir"] / "_truth")


def _cost(export: str, rows: np.ndarray) -> float:
    """Return a rough relative cost of writing a file, for largest-first scheduling."""
    return len(rows) * len(rawformat.COLUMNS[export])


def _pool(workers: int) -> Executor:
    """Return a pool of forked workers (they inherit the truth without pickling it)."""
    if workers <= 1 or "fork" not in mp.get_all_start_methods():
        return _InlineExecutor()
    return ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("fork"))


class _InlineExecutor(Executor):
    """Run tasks at submission, in this process (one worker, or no ``fork``)."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # re-raised by future.result()
            future.set_exception(exc)
        return future


def default_workers() -> int:
    """Return the number of writer processes: the CPUs this process may use, at most 4."""
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover (not Linux)
        available = os.cpu_count() or 1
    return max(1, min(available, 4))


def write(data: SyntheticData, out_dir: Path, workers: int | None = None) -> dict[str, int]:
    """Write every export file, the synthetic marker, the fault manifest and the truth.

    Files are independent (each has its own random stream), so they are
    written by ``workers`` forked processes, largest first; the output does
    not depend on the number of workers.

    Parameters
    ----------
    data : SyntheticData
        From :func:`dashboard.synth.generate`.
    out_dir : Path
        Folder (created when missing). Callers check it holds no real data.
    workers : int, optional
        Writer processes; :func:`default_workers` when omitted, 1 = in-process.

    Returns
    -------
    dict
        File name → lines written below the header (data, duplicates, extra rows).
    """
    out_dir = Path(out_dir)
    (out_dir / "_truth").mkdir(parents=True, exist_ok=True)
    files = plan(data)
    workers = default_workers() if workers is None else workers
    order = sorted(range(len(files)), key=lambda i: -_cost(files[i][1], files[i][2]))
    _SHARED.update(data=data, files=files, out_dir=out_dir)
    results: dict[int, tuple[int, faults.Tally]] = {}
    try:
        with _pool(workers) as pool:
            summaries = pool.submit(_summaries_task)
            futures = {pool.submit(_emit_task, i): i for i in order}
            done = tqdm(
                as_completed(futures), total=len(files), desc="synth: tulis file", unit="file", disable=None
            )
            for future in done:
                results[futures[future]] = future.result()
            summaries.result()
    finally:
        _SHARED.clear()
    written = {files[i][0]: results[i][0] for i in range(len(files))}
    tallies = {files[i][0]: results[i][1] for i in range(len(files))}
    manifest = truth.fault_manifest(data, files, tallies)
    (out_dir / MANIFEST).write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
    )
    truth.write_truth(data, files, written, tallies, out_dir / "_truth")
    extras.write_extras(data, out_dir)  # small separate exports in ekstra/ (not in `written`)
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
    log.info("synth: %d file ditulis ke %s (%d proses)", len(written), out_dir, workers)
    return written
