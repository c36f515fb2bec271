"""What a data page needs first: the engine and the standard filters.

The engine (one cube per data load) is a shared resource keyed by the
processed folder and its files' modification times, so a new dataset is
picked up without a restart and every session shares one cube.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from dashboard import config, i18n, presentation, urlstate
from dashboard.indicators import registry
from dashboard.indicators.engine import Engine
from dashboard.indicators.registry import Indicator
from dashboard.ui import cache, filters


def _signature(folder: Path) -> str:
    parts = [str(folder)]
    for name in ("families.parquet", "kpm.parquet", "disbursements.parquet", "quality_report.json"):
        path = folder / name
        parts.append(f"{name}:{path.stat().st_mtime_ns if path.exists() else 0}")
    return "|".join(parts)


@st.cache_resource(show_spinner=False, max_entries=2)
def _engine(signature: str) -> Engine:
    layer = cache.boundary_layer("kecamatan")
    names = dict(zip(layer["kode"], layer["nama"], strict=True)) if layer is not None else None
    return Engine.from_processed(Path(signature.split("|", 1)[0]), names=names)


def engine() -> Engine | None:
    """Return the shared engine seen through the current user's scope, ``None`` without data or user.

    Admins get the engine itself; every other role a
    :class:`~dashboard.access.scope.ScopedEngine` (own kabupaten only for
    kabupaten users, small cells suppressed).
    """
    from dashboard import datasets, settings
    from dashboard.access import scope
    from dashboard.ui import auth

    folder = config.processed_dir()
    user = auth.current_user()
    if user is None or not datasets.available(folder):
        return None
    with st.spinner(i18n.t("loading_data", "id")):
        shared = _engine(_signature(folder))
    return scope.scoped(shared, user, settings.load().min_count)


@dataclass(frozen=True)
class View:
    """The filters a page was drawn with."""

    lang: str
    program: str
    periode: str
    indicator: Indicator | None
    kab: str | None


def period_options(eng: Engine, program: str) -> list[str]:
    """Quarters (newest first), then whole years (newest first)."""
    return sorted(eng.periods(program), reverse=True) + sorted(eng.years(program), reverse=True)


def view_filters(
    eng: Engine,
    lang: str,
    *,
    with_indicator: bool = True,
    groups: tuple[str, ...] | None = None,
    with_kab: bool = False,
    level: str = "kabupaten",
    default_indicator: str = "realisasi_kpm",
) -> View:
    """Draw programme, period, indicator (and kabupaten) filters in the sidebar, bound to the URL."""
    programs = eng.programs()
    program_choice = urlstate.Choice("program", programs, programs[0] if programs else None)
    filters.seed_from_url([program_choice], lang)
    program = filters.select(program_choice, i18n.t("filter_program", lang), container=st.sidebar)
    periods = period_options(eng, program) if program else []
    period_choice = urlstate.Choice("periode", periods, _latest_complete(eng, program, periods))
    choices = [period_choice]
    ind_ids: list[str] = []
    if with_indicator:
        ind_ids = [
            i
            for i, ind in registry.INDICATORS.items()
            if program in ind.programs and level in ind.levels and (groups is None or ind.group in groups)
        ]
        default = default_indicator if default_indicator in ind_ids else (ind_ids[0] if ind_ids else None)
        choices.append(urlstate.Choice("indikator", ind_ids, default))
    kab_codes = [k for k in eng.names if len(k) == 5 and k.startswith(config.PROVINCE_CODE + ".")]
    if with_kab:
        choices.append(urlstate.Choice("kab", sorted(kab_codes), sorted(kab_codes)[0] if kab_codes else None))
    filters.seed_from_url(choices, lang)
    periode = filters.select(
        period_choice,
        i18n.t("filter_period", lang),
        format_func=lambda p: presentation.period_label(p, lang),
        container=st.sidebar,
    )
    indicator = None
    if with_indicator and ind_ids:
        ind_id = filters.select(
            choices[1],
            i18n.t("filter_indicator", lang),
            format_func=lambda i: presentation.label(registry.INDICATORS[i], lang),
            container=st.sidebar,
        )
        indicator = registry.INDICATORS[ind_id]
    kab = None
    if with_kab:
        kab = filters.select(
            choices[-1], i18n.t("filter_kab", lang), format_func=eng.name, container=st.sidebar
        )
    return View(lang, program, periode, indicator, kab)


def _latest_complete(eng: Engine, program: str | None, periods: list[str]) -> str | None:
    """Default period: the newest quarter that ended before the report date, else the newest."""
    quarters = [p for p in periods if "-T" in p]
    if not quarters:
        return periods[0] if periods else None
    as_of = eng.as_of
    for periode in quarters:  # newest first
        year, q = periode.split("-T")
        end_month = int(q) * 3
        if (int(year), end_month) < (as_of.year, as_of.month):
            return periode
    return quarters[-1]
