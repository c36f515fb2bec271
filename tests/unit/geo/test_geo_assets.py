import io
import tarfile
from pathlib import Path

import pytest

from dashboard import assets
from dashboard.errors import UserError


def _tgz(path: Path, members: dict[str, bytes], symlink: str | None = None) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        if symlink:
            info = tarfile.TarInfo(symlink)
            info.type = tarfile.SYMTYPE
            info.linkname = "/etc/passwd"
            tar.addfile(info)
    return path


GOOD = {
    "package/dist/leaflet.js": b"// js",
    "package/dist/leaflet.css": b"/* css */",
    "package/dist/images/marker-icon.png": b"png",
    "package/src/Leaflet.js": b"// source, not wanted",
}


def test_verify_integrity_matching_digest_passes(tmp_path: Path):
    archive = _tgz(tmp_path / "a.tgz", GOOD)
    assets.verify_integrity(archive, assets.integrity_of(archive.read_bytes()))


def test_verify_integrity_pinned_digest_rejects_other_archive(tmp_path: Path):
    archive = _tgz(tmp_path / "a.tgz", GOOD)
    with pytest.raises(UserError, match="integritas"):
        assets.verify_integrity(archive)


def test_extract_leaflet_keeps_only_dist_files(tmp_path: Path):
    archive = _tgz(tmp_path / "a.tgz", GOOD)
    written = assets.extract_leaflet(archive, tmp_path / "out")
    assert written == ["images/marker-icon.png", "leaflet.css", "leaflet.js"]


def test_extract_leaflet_skips_path_traversal(tmp_path: Path):
    archive = _tgz(tmp_path / "a.tgz", {**GOOD, "package/dist/images/../../../evil.js": b"x"})
    assets.extract_leaflet(archive, tmp_path / "out" / "inner")
    assert not list(tmp_path.rglob("evil.js"))


def test_extract_leaflet_skips_symlinks(tmp_path: Path):
    archive = _tgz(tmp_path / "a.tgz", GOOD, symlink="package/dist/images/link.png")
    written = assets.extract_leaflet(archive, tmp_path / "out")
    assert "images/link.png" not in written and not (tmp_path / "out/images/link.png").exists()


def test_extract_leaflet_archive_without_js_is_rejected(tmp_path: Path):
    archive = _tgz(tmp_path / "a.tgz", {"package/dist/leaflet.css": b"css"})
    with pytest.raises(UserError):
        assets.extract_leaflet(archive, tmp_path / "out")


def test_leaflet_urls_point_at_static_vendor():
    assert (assets.LEAFLET_JS_URL, assets.LEAFLET_CSS_URL) == (
        "/app/static/vendor/leaflet/leaflet.js",
        "/app/static/vendor/leaflet/leaflet.css",
    )


def test_install_from_archive_replaces_folder_and_writes_stamp(tmp_path: Path):
    archive = _tgz(tmp_path / "a.tgz", GOOD)
    destination = tmp_path / "vendor" / "leaflet"
    destination.mkdir(parents=True)
    (destination / "stale.js").write_text("old", encoding="utf-8")
    assets.install_from_archive(archive, destination, integrity=assets.integrity_of(archive.read_bytes()))
    names = sorted(p.relative_to(destination).as_posix() for p in destination.rglob("*") if p.is_file())
    assert names == [".stamp", "images/marker-icon.png", "leaflet.css", "leaflet.js"]
