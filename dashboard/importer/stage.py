"""Staging: copy uploads aside, check them, and write what the pipeline reads.

A staging session is ``<data>/uploads/_staging/<session>/`` with

* ``raw/`` — the uploads as received (safe names), kept after commit for the
  configured retention period;
* ``pipeline/`` — one file per upload named ``<export>_NN.<ext>`` so the
  cleaning pipeline types it the same way as the importer did; a file whose
  header mapping differs from the built-in variants, or whose text is
  UTF-16, is rewritten as UTF-8 CSV with canonical header names (other rows
  unchanged, so row numbers in the report still match the upload);
* ``processed/`` — the dry-run output (moved into the version on commit).
"""

from __future__ import annotations

import csv
import io
import re
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from dashboard import hashing, rawformat
from dashboard.errors import UserError
from dashboard.importer import headers, sniff
from dashboard.importer.headers import ColumnMap, Inspection
from dashboard.settings import Settings
from dashboard.versions import retention

EXTENSIONS = {"csv": "csv", "xlsx": "xlsx"}


@dataclass
class Staged:
    """One uploaded file after the checks.

    Attributes
    ----------
    name : str
        Name as uploaded.
    path : Path
        Copy in ``raw/``.
    size : int
    sha256 : str
    kind, encoding : str or None
        From :func:`dashboard.importer.sniff.sniff` (``None`` when refused).
    inspection : Inspection or None
    export : str or None
        Export type (guessed; the user may change it).
    mapping : list of ColumnMap
        Header mapping (proposed; the user may edit it).
    error : str or None
        Bahasa reason the file was refused.
    """

    name: str
    path: Path
    size: int = 0
    sha256: str = ""
    kind: str | None = None
    encoding: str | None = None
    inspection: Inspection | None = None
    export: str | None = None
    mapping: list[ColumnMap] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the file passed the checks."""
        return self.error is None


def safe_name(name: str) -> str:
    """Return a file name without folders or unusual characters (``../../x.csv`` → ``x.csv``)."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", base).lstrip("._")
    return base[:120] or "berkas"


def new_session(root: Path | None = None) -> Path:
    """Create and return a new staging folder."""
    root = root or retention.uploads_root() / retention.STAGING
    folder = root / secrets.token_hex(8)
    (folder / "raw").mkdir(parents=True)
    retention.stamp(folder)
    return folder


def _unique(folder: Path, name: str) -> Path:
    path = folder / name
    n = 1
    while path.exists():
        path = folder / f"{Path(name).stem}_{n}{Path(name).suffix}"
        n += 1
    return path


def add_file(
    session: Path, source: Path | bytes, name: str, limits: Settings, profile: dict | None = None
) -> Staged:
    """Copy one upload into the session and check it; never raises for a bad file.

    Parameters
    ----------
    session : Path
        Staging folder.
    source : Path or bytes
        Uploaded file (a path for the CLI, bytes from ``st.file_uploader``).
    name : str
        Name as uploaded.
    limits : Settings
        Size and zip limits.
    profile : dict, optional
        Header-mapping profile (export → {raw: canonical}).

    Returns
    -------
    Staged
        With ``error`` set when refused.
    """
    target = _unique(session / "raw", safe_name(name))
    staged = Staged(name=name, path=target)
    try:
        size = len(source) if isinstance(source, bytes) else Path(source).stat().st_size
        if size > limits.max_file_bytes:
            raise UserError(
                f"Berkas {name}: terlalu besar ({size / 1e6:.0f} MB; batas {limits.max_file_mb:.0f} MB per berkas) "
                "(file larger than the configured limit)"
            )
        if isinstance(source, bytes):
            target.write_bytes(source)
        else:
            if not Path(source).is_file():
                raise UserError(f"Berkas {name} tidak ditemukan atau bukan berkas biasa (file not found)")
            shutil.copyfile(source, target)
        staged.size = sniff.check_size(target, limits.max_file_bytes, name)
        staged.sha256 = hashing.sha256_file(target)
        found = sniff.sniff(target, limits.max_unpacked_bytes, limits.max_ratio, name)
        staged.kind, staged.encoding = found.kind, found.encoding
        staged.inspection = headers.inspect(target, found.kind, found.encoding, name, profile)
        staged.export = staged.inspection.export
        staged.mapping = staged.inspection.mapping
    except UserError as error:
        staged.error = str(error)
    except (OSError, ValueError, csv.Error) as error:
        staged.error = f"Berkas {name}: tidak bisa dibaca ({type(error).__name__}; file could not be read)"
    return staged


def check(staged: Staged) -> list[str]:
    """Return Bahasa problems of one file's export type and mapping (empty when fine)."""
    if not staged.ok:
        return [staged.error or ""]
    problems = []
    if staged.export not in rawformat.EXPORTS:
        problems.append(f"Berkas {staged.name}: pilih jenis ekspor (choose the export type)")
        return problems
    missing = headers.missing_required(staged.export, staged.mapping)
    if missing:
        problems.append(
            f"Berkas {staged.name}: kolom wajib {', '.join(missing)} belum dipetakan untuk {staged.export} "
            "(required columns not mapped)"
        )
    dup = headers.duplicated(staged.mapping)
    if dup:
        problems.append(f"Berkas {staged.name}: kolom {', '.join(dup)} dipetakan dua kali (mapped twice)")
    return problems


def _needs_rewrite(staged: Staged) -> bool:
    assert staged.inspection is not None and staged.export is not None
    auto = headers.propose(staged.inspection.header, staged.export)
    return staged.mapping != auto or (staged.encoding or "").startswith("utf-16")


def _header_cells(staged: Staged) -> list[str]:
    return [m.canonical or f"ABAIKAN_{m.position + 1}" for m in staged.mapping]


def _rewrite_csv(staged: Staged, target: Path) -> None:
    assert staged.inspection is not None
    delimiter = staged.inspection.delimiter or ","
    index = staged.inspection.header_index
    with (
        staged.path.open("r", encoding=staged.encoding or "utf-8", errors="replace", newline="") as src,
        target.open("w", encoding="utf-8", newline="") as out,
    ):
        first = True
        for number, line in enumerate(src):
            if first:
                line = line.lstrip("\ufeff")
                first = False
            if number == index:
                ending = line[len(line.rstrip("\r\n")) :] or "\n"
                line = _csv_line(_header_cells(staged), delimiter) + ending
            out.write(line)


def _csv_line(cells: list[str], delimiter: str) -> str:
    handle = io.StringIO()
    csv.writer(handle, delimiter=delimiter, lineterminator="").writerow(cells)
    return handle.getvalue()


def _rewrite_xlsx(staged: Staged, target: Path) -> None:
    import openpyxl

    assert staged.inspection is not None
    index = staged.inspection.header_index
    with staged.path.open("rb") as handle:
        book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        try:
            with target.open("w", encoding="utf-8", newline="") as out:
                writer = csv.writer(out)
                for number, row in enumerate(book.worksheets[0].iter_rows(values_only=True)):
                    writer.writerow(
                        _header_cells(staged) if number == index else [headers._cell(v) for v in row]
                    )
        finally:
            book.close()


def write_pipeline_inputs(session: Path, files: list[Staged]) -> list[Path]:
    """Write the files the pipeline reads into ``pipeline/`` and return them.

    Raises
    ------
    UserError
        A file still has problems, or an export type is missing.
    """
    problems = [p for f in files for p in check(f)]
    if problems:
        raise UserError("; ".join(problems))
    present = {f.export for f in files}
    missing = [e for e in rawformat.EXPORTS if e not in present]
    if missing:
        raise UserError(
            f"Belum ada berkas untuk ekspor {', '.join(missing)}; satu impor butuh registry, penetapan_kpm "
            "dan transaksi_salur (each import needs all three exports)"
        )
    folder = session / "pipeline"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    written = []
    for n, staged in enumerate(files, start=1):
        assert staged.export is not None and staged.kind is not None
        stem = f"{staged.export}_{n:02d}"
        try:
            if _needs_rewrite(staged):
                target = folder / f"{stem}.csv"
                (_rewrite_xlsx if staged.kind == "xlsx" else _rewrite_csv)(staged, target)
            else:
                target = folder / f"{stem}.{EXTENSIONS[staged.kind]}"
                shutil.copyfile(staged.path, target)
        except (OSError, UnicodeError, csv.Error) as error:
            raise UserError(
                f"Berkas {staged.name}: gagal disiapkan ({type(error).__name__}; staging failed)"
            ) from None
        except Exception as error:  # openpyxl on a damaged workbook
            raise UserError(
                f"Berkas {staged.name}: XLSX rusak ({type(error).__name__}; damaged XLSX)"
            ) from None
        written.append(target)
    return written


def discard(session: Path) -> None:
    """Delete a staging session (nothing committed)."""
    shutil.rmtree(session, ignore_errors=True)


__all__ = ["Staged", "add_file", "check", "discard", "new_session", "safe_name", "write_pipeline_inputs"]
