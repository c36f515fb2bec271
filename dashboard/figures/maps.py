"""Folium maps that work offline.

Leaflet is served by the app itself (``/app/static/vendor/leaflet/``, fetched
at setup by ``python -m dashboard assets``); no tile server, no CDN. folium's
default asset list (Leaflet, jQuery, Bootstrap, awesome-markers from public
CDNs) is replaced on each map instance, and no branca colormap is ever added
to a map: streamlit-folium then injects d3 from a CDN (``stack.md`` §3.3).
Legends are drawn next to the map by the page, from the indicator registry.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from dataclasses import dataclass

import folium
import geopandas as gpd
from branca.element import MacroElement
from jinja2 import Template
from shapely.geometry import Point

from dashboard import assets, config
from dashboard.figures import labels
from dashboard.figures.colours import NEUTRAL_FILL, NO_DATA_COLOUR, OUTLINE_COLOUR


@dataclass(frozen=True)
class AreaStyle:
    """How one area is drawn: fill colour and the tooltip lines under its name."""

    fill: str = NEUTRAL_FILL
    tooltip: tuple[str, ...] = ()
    label: str = ""


def offline_map(bounds: tuple[float, float, float, float]) -> folium.Map:
    """Return an empty map with local Leaflet assets and no tiles.

    Parameters
    ----------
    bounds : tuple of float
        ``(minx, miny, maxx, maxy)`` in lon/lat; the map fits them.

    Returns
    -------
    folium.Map
        A map whose only JS/CSS links point at the app's static folder.
    """
    minx, miny, maxx, maxy = bounds
    fmap = folium.Map(
        location=[(miny + maxy) / 2, (minx + maxx) / 2],
        tiles=None,
        zoom_start=8,
        zoom_snap=0.25,
        control_scale=True,
        prefer_canvas=False,
    )
    fmap.default_js = [("leaflet", assets.LEAFLET_JS_URL)]
    fmap.default_css = [("leaflet_css", assets.LEAFLET_CSS_URL)]
    _MapScript(f"L.Icon.Default.imagePath = {json.dumps(assets.LEAFLET_IMAGES_URL)};").add_to(fmap)
    fmap.fit_bounds([[miny, minx], [maxy, maxx]])
    fmap.get_root().header.add_child(folium.Element("<style>.leaflet-container{background:#f4f7fb}</style>"))
    return fmap


def area_map(
    areas: gpd.GeoDataFrame,
    styles: Mapping[str, AreaStyle] | None = None,
    *,
    show_labels: bool = True,
    attribution: str = config.BOUNDARY_ATTRIBUTION,
) -> folium.Map:
    """Draw areas (kabupaten or kecamatan) coloured by ``styles``, with names.

    Parameters
    ----------
    areas : GeoDataFrame
        Columns ``kode``, ``nama`` and ``geometry`` in EPSG:4326.
    styles : mapping of str to AreaStyle, optional
        Fill colour, tooltip lines and value label per ``kode``. When styles
        are given, an area without one gets the no-data grey, so "no data"
        never looks like a value; without styles every area is neutral.
    show_labels : bool, default True
        Write each area's name (and value label) at a point inside it.
    attribution : str
        Source line shown in the map corner (boundaries are MIT, © Cahya DSN).

    Returns
    -------
    folium.Map
    """
    default_fill = NO_DATA_COLOUR if styles else NEUTRAL_FILL
    styles = styles or {}
    fmap = offline_map(tuple(areas.total_bounds))
    features = []
    for row in areas.itertuples():
        style = styles.get(row.kode)
        lines = [f"<b>{html.escape(str(row.nama))}</b>"]
        if style:
            lines += [html.escape(line) for line in style.tooltip]
        features.append(
            {
                "type": "Feature",
                "geometry": row.geometry.__geo_interface__,
                "properties": {
                    "kode": row.kode,
                    "nama": row.nama,
                    "fill": style.fill if style else default_fill,
                    "info": "<br>".join(lines),
                },
            }
        )
    layer = folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="wilayah",
        style_function=_style,
        highlight_function=lambda _feature: {"weight": 3, "color": "#000000"},
        tooltip=folium.GeoJsonTooltip(fields=["info"], labels=False, sticky=True),
        zoom_on_click=False,
    )
    layer.add_to(fmap)
    if show_labels:
        points = areas.geometry.representative_point()
        for row, point in zip(areas.itertuples(), points, strict=True):
            style = styles.get(row.kode)
            text = html.escape(str(row.nama))
            if style and style.label:
                text += f"<br><b>{html.escape(style.label)}</b>"
            lon, lat = labels.nudged_lonlat(row.kode, point.x, point.y)
            if (lon, lat) != (point.x, point.y):  # crowded: move the label, draw a leader line
                # folium's PolyLine drops ``interactive``; a non-interactive line keeps clicks and
                # hover for the areas underneath (and out of the ``leaflet-interactive`` paths).
                line = json.dumps([[round(point.y, 5), round(point.x, 5)], [round(lat, 5), round(lon, 5)]])
                _MapScript(
                    f"L.polyline({line}, {{interactive: false, color: '{OUTLINE_COLOUR}', weight: 1}})"
                    ".addTo({map});"
                ).add_to(fmap)
            folium.Marker(
                [lat, lon],
                icon=folium.DivIcon(
                    html=f'<div class="presisi-label">{text}</div>',
                    icon_size=(120, 30),
                    icon_anchor=(60, 12),
                    class_name="presisi-label-icon",
                ),
                interactive=False,
            ).add_to(fmap)
        fmap.get_root().header.add_child(folium.Element(_LABEL_CSS))
    _MapScript(f"{{map}}.attributionControl.addAttribution({json.dumps(html.escape(attribution))});").add_to(
        fmap
    )
    return fmap


def _style(feature: dict) -> dict:
    return {
        "fillColor": feature["properties"]["fill"],
        "color": OUTLINE_COLOUR,
        "weight": 1,
        "fillOpacity": 0.85,
    }


_LABEL_CSS = """<style>
.presisi-label{font:600 11px/1.15 system-ui,sans-serif;color:#1a1a1a;text-align:center;
text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 3px #fff;pointer-events:none;white-space:nowrap}
</style>"""


class _MapScript(MacroElement):
    """A line of JavaScript run in the map's script, in the order elements are added.

    ``{map}`` in the code is replaced by the map's JavaScript variable.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}{{ this.code.replace('{map}', this._parent.get_name()) }}{% endmacro %}"
    )

    def __init__(self, code: str) -> None:
        super().__init__()
        self._name = "MapScript"
        self.code = code


def asset_links(fmap: folium.Map) -> list[str]:
    """Return every JS/CSS link the map would make the browser load.

    Walks the element tree exactly as streamlit-folium does, so a test can
    assert that nothing points outside the app.
    """
    links: list[str] = []

    def walk(element: object) -> None:
        links.extend(url for _, url in getattr(element, "default_js", []))
        links.extend(url for _, url in getattr(element, "default_css", []))
        for child in getattr(element, "_children", {}).values():
            walk(child)

    walk(fmap)
    return links


#: What ``st_folium`` must return for :func:`clicked_code`: the clicked feature and the click point.
CLICK_OBJECTS = ["last_active_drawing", "last_object_clicked"]


def clicked_code(returned: Mapping | None, areas: gpd.GeoDataFrame | None = None) -> str | None:
    """Return the ``kode`` of the area clicked on an ``st_folium`` map, if any.

    The clicked feature's properties are used when streamlit-folium reports
    them; otherwise the click point (``last_object_clicked``, lat/lng) is
    located in ``areas``, which works for every polygon (streamlit-folium
    does not report the feature of every GeoJSON click).

    Parameters
    ----------
    returned : mapping or None
        What ``st_folium(..., returned_objects=CLICK_OBJECTS)`` returned.
    areas : GeoDataFrame, optional
        ``kode`` and ``geometry`` (EPSG:4326) of the drawn areas.

    Returns
    -------
    str or None
        The clicked area's code.
    """
    if not returned:
        return None
    drawing = returned.get("last_active_drawing") or {}
    props = drawing.get("properties") if isinstance(drawing, Mapping) else None
    if props and props.get("kode"):
        return str(props["kode"])
    point = returned.get("last_object_clicked")
    if areas is None or not isinstance(point, Mapping) or point.get("lat") is None:
        return None
    hit = areas.loc[areas.geometry.contains(Point(float(point["lng"]), float(point["lat"])))]
    return str(hit["kode"].iloc[0]) if len(hit) else None


def geojson_size(fmap: folium.Map) -> int:
    """Return the size in bytes of the GeoJSON a map carries (for the benchmark)."""
    total = 0
    for child in fmap._children.values():
        if isinstance(child, folium.GeoJson):
            total += len(json.dumps(child.data, separators=(",", ":")))
    return total
