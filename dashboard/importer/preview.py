"""Dry run: clean the staged files into the session and summarise the problems.

Nothing outside the staging session is written: the pipeline's output goes
to ``<session>/processed`` and becomes a dataset version only on commit.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.errors import UserError
from dashboard.importer import mask
from dashboard.importer.stage import Staged

log = logging.getLogger(__name__)

SAMPLES_PER_REASON = 3
_CLASS = {"removed": "dibuang", "quarantine_reasons": "karantina", "faults": "kesalahan"}


@dataclass(frozen=True)
class Preview:
    """The result of a dry run.

    Attributes
    ----------
    report : dict
        Quality report of the clean run.
    problems : DataFrame
        ``tabel``, ``kelas`` (dibuang/karantina/kesalahan), ``kode``,
        ``keterangan``, ``jumlah`` — counts per fault class.
    samples : DataFrame
        Quarantined rows: ``berkas`` (as uploaded), ``baris``, ``kode_alasan``,
        ``nilai_mentah`` (digits masked).
    conservation : DataFrame
        Per uploaded file: input rows = kept + quarantined + merged + removed.
    processed : Path
        The dry-run output folder.
    """

    report: dict
    problems: pd.DataFrame
    samples: pd.DataFrame
    conservation: pd.DataFrame
    processed: Path

    @property
    def balanced(self) -> bool:
        """Whether every file's rows are accounted for."""
        return bool(self.report.get("balanced"))


def _names(files: list[Staged], inputs: list[Path]) -> dict[str, str]:
    return {p.name: f.name for f, p in zip(files, inputs, strict=True)}


def problems_table(report: dict) -> pd.DataFrame:
    """Return counts per fault class and code from a quality report."""
    codes = report.get("codes", {})
    glossary = {code: text for section in codes.values() for code, text in section.items()}
    rows = []
    for table, section in report.get("tables", {}).items():
        for key, kelas in _CLASS.items():
            for code, n in section.get(key, {}).items():
                if n:
                    rows.append(
                        {
                            "tabel": table,
                            "kelas": kelas,
                            "kode": code,
                            "keterangan": glossary.get(code, ""),
                            "jumlah": int(n),
                        }
                    )
    return pd.DataFrame(rows, columns=["tabel", "kelas", "kode", "keterangan", "jumlah"])


def conservation_table(report: dict, names: dict[str, str] | None = None) -> pd.DataFrame:
    """Return the per-file row balance under the uploaded file names."""
    names = names or {}
    rows = [
        {
            "berkas": names.get(r["file"], r["file"]),
            "baris_masuk": r["input_rows"],
            "disimpan": r["kept"],
            "karantina": r["quarantined"],
            "digabung": r["merged_duplicates"],
            "dibuang": sum(r.get("removed", {}).values()),
            "seimbang": r["balanced"],
        }
        for r in report.get("conservation", [])
    ]
    return pd.DataFrame(rows)


def samples_table(
    processed: Path, names: dict[str, str] | None = None, per_reason: int = SAMPLES_PER_REASON
) -> pd.DataFrame:
    """Return a few quarantined rows per reason, digit runs masked."""
    names = names or {}
    parts = []
    for path in sorted((processed / "quarantine").glob("*.parquet")):
        frame = pd.read_parquet(path)
        if frame.empty:
            continue
        frame = frame.groupby("kode_alasan", sort=True).head(per_reason)
        parts.append(
            pd.DataFrame(
                {
                    "tabel": path.stem,
                    "berkas": [names.get(str(v), str(v)) for v in frame["file_sumber"]],
                    "baris": frame["baris_sumber"].to_numpy(),
                    "kode_alasan": frame["kode_alasan"].astype(str).to_numpy(),
                    "nilai_mentah": [mask.mask_text(v) for v in frame["nilai_mentah"]],
                }
            )
        )
    if not parts:
        return pd.DataFrame(columns=["tabel", "berkas", "baris", "kode_alasan", "nilai_mentah"])
    return pd.concat(parts, ignore_index=True)


def dry_run(
    session: Path,
    files: list[Staged],
    inputs: list[Path],
    desa_master: pd.DataFrame,
    secret: bytes | None = None,
) -> Preview:
    """Clean the staged inputs into ``<session>/processed`` and summarise.

    Raises
    ------
    UserError
        A file the pipeline cannot read (its own Bahasa message, with the
        uploaded name), or an internal failure (a generic Bahasa message; the
        details go to the log, never to the user).
    """
    from dashboard.pipeline import run as pipeline

    names = _names(files, inputs)
    out = session / "processed"
    try:
        report = pipeline.clean(session / "pipeline", out, desa_master, secret=secret)
    except UserError as error:
        message = str(error)
        for staged_name, uploaded in names.items():
            message = message.replace(staged_name, uploaded)
        raise UserError(message) from None
    except MemoryError:
        raise UserError(
            "Data terlalu besar untuk memori server; bagi berkas menjadi beberapa bagian (out of memory)"
        ) from None
    except Exception:
        log.exception("dry run failed")
        raise UserError(
            "Pembersihan data gagal karena kesalahan internal; data aktif tidak berubah. Hubungi admin "
            "dengan waktu kejadian (internal error during cleaning; active data unchanged)"
        ) from None
    return Preview(
        report, problems_table(report), samples_table(out, names), conservation_table(report, names), out
    )
