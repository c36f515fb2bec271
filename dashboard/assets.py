"""Browser assets served by Streamlit itself, so maps work offline.

Leaflet is fetched once at setup with the ordinary npm client
(``npm pack leaflet@<version>``), checked against the pinned npm integrity
(SHA-512 of the package archive) and only ``dist/leaflet.js``,
``dist/leaflet.css`` and ``dist/images/*`` are extracted into
``vendor_dir()/leaflet/``. Streamlit serves that folder at
``/app/static/vendor/leaflet/``. Nothing fetched is committed.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import logging
import os
import posixpath
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from dashboard import config
from dashboard.errors import UserError

log = logging.getLogger(__name__)

LEAFLET_VERSION = "1.9.4"
LEAFLET_INTEGRITY = (
    "sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA=="
)
LEAFLET_JS_URL = "/app/static/vendor/leaflet/leaflet.js"
LEAFLET_CSS_URL = "/app/static/vendor/leaflet/leaflet.css"
LEAFLET_IMAGES_URL = "/app/static/vendor/leaflet/images/"
STAMP_FILE = ".stamp"
#: Seconds allowed for ``npm pack``.
NPM_TIMEOUT_S = 180


def leaflet_dir() -> Path:
    """Return the folder holding the vendored Leaflet files."""
    return config.vendor_dir() / "leaflet"


def _stamp_text() -> str:
    return f"leaflet@{LEAFLET_VERSION} {LEAFLET_INTEGRITY}\n"


def leaflet_present() -> bool:
    """Return whether Leaflet is vendored and its stamp matches the pinned version."""
    folder = leaflet_dir()
    stamp = folder / STAMP_FILE
    return (
        (folder / "leaflet.js").is_file()
        and (folder / "leaflet.css").is_file()
        and stamp.is_file()
        and stamp.read_text(encoding="utf-8") == _stamp_text()
    )


def integrity_of(data: bytes) -> str:
    """Return the npm-style integrity string (``sha512-<base64>``) of bytes."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def verify_integrity(archive: Path, expected: str = LEAFLET_INTEGRITY) -> None:
    """Check a package archive against its pinned npm integrity.

    Raises
    ------
    UserError
        When the digest differs.
    """
    actual = integrity_of(archive.read_bytes())
    if actual != expected:
        raise UserError(
            f"Arsip {archive.name} tidak cocok dengan integritas yang disematkan "
            f"({actual[:20]}…, seharusnya {expected[:20]}…) (package integrity mismatch)."
        )


def _target_name(member: tarfile.TarInfo) -> str | None:
    """Return the output path for a wanted, safe archive member, else ``None``."""
    if not member.isfile():  # no links, devices or directories
        return None
    name = member.name.replace("\\", "/")
    if name.startswith("/") or ".." in name.split("/"):
        return None
    name = posixpath.normpath(name)
    if name in ("package/dist/leaflet.js", "package/dist/leaflet.css"):
        return posixpath.basename(name)
    head, _, base = name.rpartition("/")
    if head == "package/dist/images" and base and not base.startswith("."):
        return f"images/{base}"
    return None


def extract_leaflet(archive: Path, destination: Path) -> list[str]:
    """Extract only Leaflet's ``dist`` files from an npm archive.

    Members that are not regular files, that escape the archive root
    (absolute paths, ``..``) or that are not ``dist/leaflet.js``,
    ``dist/leaflet.css`` or ``dist/images/*`` are skipped.

    Parameters
    ----------
    archive : Path
        The ``.tgz`` made by ``npm pack``.
    destination : Path
        Output folder (created).

    Returns
    -------
    list of str
        Relative paths written, sorted.

    Raises
    ------
    UserError
        When ``leaflet.js`` or ``leaflet.css`` is missing from the archive.
    """
    written: list[str] = []
    with tarfile.open(archive, mode="r:gz") as tar:
        for member in tar.getmembers():
            target = _target_name(member)
            if target is None:
                continue
            source = tar.extractfile(member)
            if source is None:
                continue
            path = destination / target
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(source.read())
            written.append(target)
    if not {"leaflet.js", "leaflet.css"} <= set(written):
        raise UserError(
            f"Arsip {archive.name} tidak berisi leaflet.js/leaflet.css (archive lacks Leaflet dist)."
        )
    return sorted(written)


def _npm_pack(spec: str, folder: Path) -> Path:
    npm = shutil.which("npm")
    if npm is None:
        raise UserError("Perintah `npm` tidak ditemukan; pasang Node.js/npm lalu ulangi (npm not found).")
    try:
        subprocess.run(
            [npm, "pack", spec, "--pack-destination", str(folder), "--silent"],
            cwd=folder,
            check=True,
            capture_output=True,
            text=True,
            timeout=NPM_TIMEOUT_S,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        detail = (getattr(error, "stderr", "") or "").strip().splitlines()[-1:] or [str(error)]
        raise UserError(
            f"Gagal mengambil {spec} dengan `npm pack`: {detail[0]} (could not fetch the package)."
        ) from error
    archives = sorted(folder.glob("*.tgz"))
    if len(archives) != 1:
        raise UserError(
            f"`npm pack {spec}` tidak menghasilkan satu arsip .tgz (npm pack produced no archive)."
        )
    return archives[0]


def install_from_archive(archive: Path, destination: Path, *, integrity: str = LEAFLET_INTEGRITY) -> Path:
    """Verify an archive, extract Leaflet and swap it into place atomically.

    Parameters
    ----------
    archive : Path
        The ``leaflet-<version>.tgz``.
    destination : Path
        Final folder (replaced as a whole).
    integrity : str
        Expected npm integrity of the archive (the pinned one by default).

    Returns
    -------
    Path
        ``destination``.
    """
    verify_integrity(archive, integrity)
    destination.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=destination.parent, prefix=".leaflet-"))
    try:
        staging.chmod(0o755)
        extract_leaflet(archive, staging)
        (staging / STAMP_FILE).write_text(_stamp_text(), encoding="utf-8")
        old = destination.with_name(destination.name + ".old")
        if destination.exists():
            shutil.rmtree(old, ignore_errors=True)
            os.replace(destination, old)
        os.replace(staging, destination)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return destination


def ensure_leaflet(force: bool = False) -> Path:
    """Make sure Leaflet is vendored; fetch it with ``npm pack`` when needed.

    Parameters
    ----------
    force : bool
        Re-fetch even when the files and the stamp are present.

    Returns
    -------
    Path
        The folder with ``leaflet.js``, ``leaflet.css`` and ``images/``.

    Raises
    ------
    UserError
        When npm is missing, the fetch fails or the integrity differs.
    """
    destination = leaflet_dir()
    if not force and leaflet_present():
        log.debug("Leaflet sudah ada di %s", destination)
        return destination
    with tempfile.TemporaryDirectory(prefix="presisi-npm-") as temp:
        archive = _npm_pack(f"leaflet@{LEAFLET_VERSION}", Path(temp))
        install_from_archive(archive, destination)
    log.info("Leaflet %s dipasang di %s", LEAFLET_VERSION, destination)
    return destination


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``assets`` options."""
    parser.add_argument("--force", action="store_true", help="ambil ulang walau sudah ada (re-fetch)")


def run(args: argparse.Namespace) -> int:
    """Fetch Leaflet if needed and print where it is."""
    present = leaflet_present()
    folder = ensure_leaflet(force=args.force)
    state = "sudah ada (already present)" if present and not args.force else "dipasang (installed)"
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    print(f"Leaflet {LEAFLET_VERSION} {state}: {folder} ({len(files)} berkas)")  # noqa: T201 (CLI report)
    return 0
