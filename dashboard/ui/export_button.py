"""One-click downloads of the meeting pack (PPTX, PDF, XLSX) for the current filters.

Any page can call :func:`download_buttons`. The pack and the file bytes are
cached per filter values (``st.cache_data``); the bytes are only built when a
button is clicked (Streamlit calls the ``data`` callable on click).
"""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
import streamlit as st

from dashboard import i18n
from dashboard.export import pack as pack_mod
from dashboard.export import render as render_mod
from dashboard.indicators.engine import Engine
from dashboard.ui import cache

ICONS = {"pptx": ":material/slideshow:", "pdf": ":material/picture_as_pdf:", "xlsx": ":material/table_view:"}


@st.cache_data(show_spinner=False, max_entries=8)
def cached_pack(
    _eng: Engine,
    engine_key: str,
    program: str,
    periode: str,
    indicator: str,
    kabupaten: tuple[str, ...],
    lang: str,
    with_sheets: bool = False,
) -> pack_mod.Pack:
    """Build (once per filter set and data load) the pack; ``engine_key`` identifies the data load."""
    return pack_mod.build_pack(
        _eng,
        program=program,
        periode=periode,
        indicator=indicator,
        kabupaten=list(kabupaten) or None,
        lang=lang,
        with_sheets=with_sheets,
    )


@st.cache_data(show_spinner=False, max_entries=4)
def map_png(_the_pack: pack_mod.Pack, pack_key: tuple, _layer: gpd.GeoDataFrame | None) -> bytes | None:
    """Return the pack's map picture, rendered once per filter set."""
    return render_mod.map_png(_the_pack, _layer) if _layer is not None else None


@st.cache_data(show_spinner=False, max_entries=12)
def file_bytes(
    _eng: Engine,
    engine_key: str,
    program: str,
    periode: str,
    indicator: str,
    kabupaten: tuple[str, ...],
    lang: str,
    fmt: str,
    _layer: gpd.GeoDataFrame | None = None,
) -> bytes:
    """Return the pack as one file format, built once per filter set."""
    the_pack = cached_pack(_eng, engine_key, program, periode, indicator, kabupaten, lang, fmt == "xlsx")
    return render_mod.render(the_pack, fmt, _layer)


def engine_key(eng: Engine) -> str:
    """Identify a data load (the shared engine is rebuilt when the data changes)."""
    return f"{id(eng)}:{eng.as_of}"


def download_buttons(
    eng: Engine,
    *,
    program: str,
    periode: str,
    indicator: str,
    kabupaten: Sequence[str] = (),
    lang: str = "id",
    container: object = None,
) -> None:
    """Draw three download buttons (PPTX, PDF, XLSX) for the given filters."""
    target = container or st
    layer = cache.boundary_layer("kabupaten")
    key = engine_key(eng)
    kabs = tuple(kabupaten)
    columns = target.columns(3)
    for column, fmt in zip(columns, pack_mod.FORMATS, strict=True):
        name = f"presisi_{program}_{periode}_{indicator}.{fmt}"

        def build(fmt: str = fmt) -> bytes:
            return file_bytes(eng, key, program, periode, indicator, kabs, lang, fmt, layer)

        column.download_button(
            i18n.t(f"presenter_download_{fmt}", lang),
            data=build,
            file_name=name,
            mime=render_mod.MIME[fmt],
            icon=ICONS[fmt],
            on_click="ignore",
            key=f"export.{fmt}",
            width="stretch",
        )
