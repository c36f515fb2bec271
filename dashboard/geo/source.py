"""Where the upstream boundary files come from, and proof they are the right ones.

The geometry source is cahyadsn/wilayah_boundaries (MIT, © 2024 Cahya DSN)
at a pinned commit. Files come either from a local folder laid out like the
upstream ``db/`` (``GEO_SOURCE=<dir>`` or ``--source``) or are downloaded from
the pinned commit into a cache under ``geo_dir()/upstream/``. Either way
every file is checked against the SHA-256 list kept in the project
(``upstream_sha256.txt``), which is also the list of files the build reads.
"""

from __future__ import annotations

import logging
import os
import tempfile
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from dashboard import config
from dashboard.errors import UserError
from dashboard.hashing import sha256_file

log = logging.getLogger(__name__)

UPSTREAM_REPO = "cahyadsn/wilayah_boundaries"
UPSTREAM_COMMIT = "3c5a7960f4d227a38489094d84252bdbb3f978a5"
UPSTREAM_LICENSE = "MIT License, Copyright (c) 2024 Cahya DSN"
BASE_URL = f"https://raw.githubusercontent.com/{UPSTREAM_REPO}/{UPSTREAM_COMMIT}/db/"
CHECKSUM_FILE = Path(__file__).with_name("upstream_sha256.txt")
#: Seconds to wait for one download.
TIMEOUT_S = 60.0

_RETRY_HINT = "Jalankan `GEO_SOURCE=/path/ke/db python -m dashboard geo build`"


@dataclass(frozen=True)
class SourceFiles:
    """Verified upstream files ready to parse.

    Attributes
    ----------
    root : Path
        Folder laid out like upstream ``db/``.
    kind : str
        ``"local"`` or ``"download"``.
    hashes : dict
        Relative path → SHA-256, all verified.
    """

    root: Path
    kind: str
    hashes: Mapping[str, str]

    def path(self, relative: str) -> Path:
        """Return the absolute path of one verified file."""
        return self.root / relative

    def kel_files(self) -> list[str]:
        """Return the desa-level files (``kel/...``), sorted."""
        return sorted(p for p in self.hashes if p.startswith("kel/"))

    def kec_files(self) -> list[str]:
        """Return the kecamatan-table files (``kec/...``), sorted."""
        return sorted(p for p in self.hashes if p.startswith("kec/"))

    def kab_files(self) -> list[str]:
        """Return the kabupaten-table files (``kab/...``), sorted."""
        return sorted(p for p in self.hashes if p.startswith("kab/"))


def read_checksums(path: Path = CHECKSUM_FILE) -> dict[str, str]:
    """Read a ``<sha256>  <relative path>`` list (``sha256sum`` format).

    Parameters
    ----------
    path : Path
        The list file.

    Returns
    -------
    dict
        Relative path → lower-case hex digest, in file order.
    """
    result: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        digest, _, relative = line.partition(" ")
        result[relative.strip().lstrip("*")] = digest.lower()
    return result


def verify(root: Path, checksums: Mapping[str, str]) -> dict[str, str]:
    """Check every listed file under ``root`` against its SHA-256.

    Parameters
    ----------
    root : Path
        Folder laid out like upstream ``db/``.
    checksums : mapping
        Relative path → expected digest.

    Returns
    -------
    dict
        Relative path → digest (equal to the expected ones).

    Raises
    ------
    UserError
        When a file is missing or its digest differs.
    """
    for relative, expected in checksums.items():
        path = root / relative
        if not path.is_file():
            raise UserError(
                f"Berkas batas wilayah tidak ada: {path}. {_RETRY_HINT} dengan salinan hulu yang lengkap "
                f"(boundary source file missing)."
            )
        actual = sha256_file(path)
        if actual != expected:
            raise UserError(
                f"Berkas batas wilayah tidak cocok dengan checksum yang disematkan: {relative} "
                f"(SHA-256 {actual[:12]}…, seharusnya {expected[:12]}…). Gunakan salinan dari commit "
                f"{UPSTREAM_COMMIT[:12]} (boundary file does not match the pinned checksum)."
            )
    return dict(checksums)


def download(
    relative: str, destination: Path, *, base_url: str = BASE_URL, timeout: float = TIMEOUT_S
) -> Path:
    """Download one upstream file atomically (temp file, then rename).

    Raises
    ------
    UserError
        When the source cannot be reached.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    url = base_url + relative
    log.info("mengunduh %s", url)
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            data = response.read()
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise UserError(
            "Batas wilayah belum terpasang: sumber hulu tidak dapat dihubungi. "
            f"{_RETRY_HINT} (boundaries not installed: upstream unreachable: {error})."
        ) from error
    handle, temp = tempfile.mkstemp(dir=destination.parent, prefix=".part-")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temp, destination)
    return destination


def resolve_source(
    source: Path | None = None,
    *,
    checksums: Mapping[str, str] | None = None,
    cache_dir: Path | None = None,
    base_url: str = BASE_URL,
) -> SourceFiles:
    """Find, fetch if needed, and verify the upstream files.

    Parameters
    ----------
    source : Path or None
        Local folder laid out like upstream ``db/``. ``None`` reads
        ``GEO_SOURCE``; when that is unset too, files are downloaded.
    checksums : mapping or None
        Expected digests; the project's pinned list by default.
    cache_dir : Path or None
        Download cache; ``geo_dir()/upstream`` by default.
    base_url : str
        Where to download from (the pinned commit by default).

    Returns
    -------
    SourceFiles
        The verified files.

    Raises
    ------
    UserError
        When the source is missing, unreachable or does not match.
    """
    expected = dict(read_checksums() if checksums is None else checksums)
    if source is None and os.environ.get("GEO_SOURCE"):
        source = Path(os.environ["GEO_SOURCE"]).expanduser()
    if source is not None:
        root = Path(source).resolve()
        if not root.is_dir():
            raise UserError(f"Folder sumber batas wilayah tidak ada: {root} (GEO_SOURCE folder not found).")
        return SourceFiles(root, "local", verify(root, expected))
    root = cache_dir or (config.geo_dir() / "upstream")
    for relative, digest in expected.items():
        path = root / relative
        if not (path.is_file() and sha256_file(path) == digest):
            download(relative, path, base_url=base_url)
    return SourceFiles(root, "download", verify(root, expected))
