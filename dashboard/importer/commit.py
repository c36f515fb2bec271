"""Commit a previewed import: a new immutable dataset version, raw uploads retained."""

from __future__ import annotations

import shutil
from pathlib import Path

from dashboard.access import audit
from dashboard.errors import UserError
from dashboard.importer.preview import Preview
from dashboard.importer.stage import Staged
from dashboard.versions import manifest, retention, store


def commit(
    session: Path,
    files: list[Staged],
    inputs: list[Path],
    preview: Preview,
    *,
    user: str,
    role: str,
    profile: str | None = None,
    activate: bool = False,
) -> store.Version:
    """Turn a dry run into a dataset version and keep the raw uploads aside.

    Parameters
    ----------
    session : Path
        Staging folder (deleted afterwards).
    files : list of Staged
        The uploads.
    inputs : list of Path
        The pipeline inputs written for them (same order).
    preview : Preview
        The dry run whose output becomes the version.
    user, role : str
        Who commits.
    profile : str, optional
        Header-mapping profile used.
    activate : bool
        Point ``ACTIVE`` at the new version.

    Returns
    -------
    Version
        The new version.
    """
    if not preview.balanced:
        raise UserError(
            "Baris tidak seimbang (konservasi gagal); versi tidak dibuat (row conservation failed)"
        )
    if not preview.processed.is_dir():
        raise UserError("Hasil pratinjau tidak ditemukan; ulangi pratinjau (preview output missing)")
    inputs_meta = [
        {
            "name": f.name,
            "staged_as": p.name,
            "export": f.export,
            "sha256": f.sha256,
            "size": f.size,
            "format": f.kind,
            "encoding": f.encoding,
        }
        for f, p in zip(files, inputs, strict=True)
    ]
    version_id = store.new_id([f.sha256 for f in files])
    data = manifest.build(inputs_meta, preview.report, user=user, role=role, profile=profile)
    version = store.create(preview.processed, data, version_id)
    kept = retention.uploads_root() / version_id
    kept.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(session / "raw"), str(kept))
    retention.stamp(kept)
    shutil.rmtree(session, ignore_errors=True)
    audit.record(
        "import",
        user,
        role,
        {
            "version": version_id,
            "files": [{"name": f.name, "sha256": f.sha256, "size": f.size} for f in files],
            "rows": data["row_counts"],
        },
    )
    if activate:
        before = store.active_id()
        version = store.activate(version_id)
        audit.record("version_switch", user, role, {"from": before, "to": version_id, "how": "import"})
    return version
