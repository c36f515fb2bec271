"""Cached reads for the pages, keyed by small hashable arguments only.

Big read-only objects (boundary layers) use ``st.cache_resource``; small
derived tables use ``st.cache_data``. Pure modules stay cache-free.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import streamlit as st

from dashboard import reference
from dashboard.geo import layers, tiles


@dataclass(frozen=True)
class DatasetStatus:
    """Whether processed data exists, whether it is synthetic, and its as-of date."""

    available: bool
    synthetic: bool
    as_of: dt.date | None


@st.cache_data(show_spinner=False, ttl=60)
def dataset_status() -> DatasetStatus:
    """Return the status of the processed dataset the app reads."""
    from dashboard import datasets

    if not datasets.available():
        return DatasetStatus(False, False, None)
    return DatasetStatus(True, datasets.is_synthetic(), datasets.as_of_date())


@st.cache_data(show_spinner=False)
def kabupaten_reference() -> pd.DataFrame:
    """Return the reference facts of the 15 kabupaten/kota."""
    return reference.kabupaten()


@st.cache_resource(show_spinner=False)
def boundary_layer(level: str) -> gpd.GeoDataFrame | None:
    """Return a boundary layer, or ``None`` when boundaries are not installed."""
    if not layers.available():
        return None
    return layers.load_layer(level)


@st.cache_data(show_spinner=False)
def tile_frame() -> pd.DataFrame:
    """Return the tile-map layout."""
    return tiles.tile_frame()
