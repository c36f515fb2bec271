"""One call for a whole import (the CLI and tests): stage, check, dry run, commit."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard import settings
from dashboard.access import audit
from dashboard.errors import UserError
from dashboard.importer import commit as commit_mod
from dashboard.importer import preview as preview_mod
from dashboard.importer import profiles, stage
from dashboard.versions import store


@dataclass(frozen=True)
class Result:
    """What an import produced (``version`` is ``None`` for a dry run)."""

    files: list[stage.Staged]
    preview: preview_mod.Preview | None
    version: store.Version | None


def import_files(
    paths: list[Path],
    *,
    user: str,
    role: str = "admin",
    profile: str | None = None,
    activate: bool = False,
    dry_run: bool = False,
    desa_master: pd.DataFrame | None = None,
    secret: bytes | None = None,
) -> Result:
    """Import raw export files as a new dataset version.

    Parameters
    ----------
    paths : list of Path
        Files to import (any names; types are sniffed from content).
    user, role : str
        Who imports (audit log and manifest).
    profile : str, optional
        Header-mapping profile name.
    activate : bool
        Make the new version the active one.
    dry_run : bool
        Stop after the preview (nothing committed).
    desa_master : DataFrame, optional
        Desa master list (default :func:`dashboard.geo.layers.desa_master`).
    secret : bytes, optional
        Pseudonym key (default the project key).

    Returns
    -------
    Result
        Staged files, preview and the version.

    Raises
    ------
    UserError
        Any refused file or failed step, in Bahasa; the active dataset is untouched.
    """
    limits = settings.load()
    mapping = profiles.load(profile) if profile else None
    session = stage.new_session()
    try:
        files = [stage.add_file(session, Path(p), Path(p).name, limits, mapping) for p in paths]
        refused = [f.error for f in files if not f.ok]
        if refused:
            raise UserError("; ".join(e for e in refused if e))
        inputs = stage.write_pipeline_inputs(session, files)
        if desa_master is None:
            from dashboard.geo import layers

            desa_master = layers.desa_master()
        preview = preview_mod.dry_run(session, files, inputs, desa_master, secret)
        if dry_run:
            stage.discard(session)
            return Result(files, preview, None)
        version = commit_mod.commit(
            session, files, inputs, preview, user=user, role=role, profile=profile, activate=activate
        )
        return Result(files, preview, version)
    except UserError as error:
        stage.discard(session)
        audit.record(
            "import_failed", user, role, {"files": [Path(p).name for p in paths], "reason": str(error)[:500]}
        )
        raise
