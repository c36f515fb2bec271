"""The page list, defined once: file, URL path, title key, navigation section.

``app.py`` builds ``st.navigation`` from it; pages link to each other
through :func:`path` so a renamed file breaks one line, not many.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    """One page of the app."""

    key: str
    file: str
    url_path: str
    title_key: str
    section_key: str


PAGES: tuple[PageSpec, ...] = (
    PageSpec("summary", "ui/views/summary.py", "ringkasan", "page_summary", "section_overview"),
    PageSpec("map", "ui/views/map.py", "peta", "page_map", "section_overview"),
    PageSpec("presenter", "ui/views/presenter.py", "presentasi", "page_presenter", "section_overview"),
    PageSpec("profile", "ui/views/profile.py", "profil", "page_profile", "section_overview"),
    PageSpec("compare", "ui/views/compare.py", "bandingkan", "page_compare", "section_analysis"),
    PageSpec(
        "timeliness", "ui/views/timeliness.py", "ketepatan-waktu", "page_timeliness", "section_analysis"
    ),
    PageSpec("targeting", "ui/views/targeting.py", "ketepatan-sasaran", "page_targeting", "section_analysis"),
    PageSpec("disparity", "ui/views/disparity.py", "kesenjangan", "page_disparity", "section_analysis"),
    PageSpec("simulation", "ui/views/simulation.py", "simulasi", "page_simulation", "section_analysis"),
    PageSpec(
        "empowerment",
        "ui/views/empowerment.py",
        "pemberdayaan-respons",
        "page_empowerment",
        "section_analysis",
    ),
    PageSpec("quality", "ui/views/quality.py", "kualitas-data", "page_quality", "section_data"),
    PageSpec("methodology", "ui/views/methodology.py", "metodologi", "page_methodology", "section_data"),
    PageSpec("region_map", "ui/views/region_map.py", "wilayah", "page_region_map", "section_data"),
    PageSpec("upload", "ui/views/upload.py", "unggah", "page_upload", "section_data"),
)

BY_KEY = {page.key: page for page in PAGES}


def path(key: str) -> str:
    """Return the page file (relative to ``dashboard/``) for ``st.switch_page``/``st.page_link``."""
    return BY_KEY[key].file
