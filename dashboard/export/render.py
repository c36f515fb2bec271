"""One entry point from a pack to file bytes, shared by the CLI and the download buttons."""

from __future__ import annotations

import geopandas as gpd

from dashboard.export import mapimage
from dashboard.export.pack import Pack

MIME: dict[str, str] = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def map_png(pack: Pack, layer: gpd.GeoDataFrame | None = None) -> bytes | None:
    """Render the pack's province map once (``None`` without a map slide or boundaries)."""
    spec = next((s.map for s in pack.slides if s.map is not None), None)
    layer = layer if layer is not None else mapimage.kabupaten_layer()
    if spec is None or layer is None:
        return None
    return mapimage.render_png(spec, layer, pack.lang)


def render(pack: Pack, fmt: str, layer: gpd.GeoDataFrame | None = None) -> bytes:
    """Return the pack as ``pptx``, ``pdf`` or ``xlsx`` bytes.

    Parameters
    ----------
    pack : Pack
        From :func:`dashboard.export.pack.build_pack` (``with_sheets=True`` for xlsx).
    fmt : {"pptx", "pdf", "xlsx"}
        File format.
    layer : GeoDataFrame, optional
        Kabupaten boundaries for the map (default: the installed layer).

    Returns
    -------
    bytes
    """
    if fmt == "xlsx":
        from dashboard.export import xlsx

        return xlsx.write(pack)
    png = map_png(pack, layer)
    if fmt == "pptx":
        from dashboard.export import pptx

        return pptx.write(pack, map_png=png)
    if fmt == "pdf":
        from dashboard.export import pdf

        return pdf.write(pack, map_png=png)
    raise ValueError(f"format tidak dikenal {fmt!r}; pilih pptx, pdf, xlsx")
