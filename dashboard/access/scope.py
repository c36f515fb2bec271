"""Data scope and small-cell suppression, enforced where the data is read.

:class:`ScopedEngine` wraps an :class:`~dashboard.indicators.engine.Engine`
for one user. Whatever a page, a URL or an export asks for:

* a ``kabupaten`` user gets their own kabupaten (and its kecamatan) in
  detail; other regions appear only inside the province total.
  ``table(level="kabupaten")`` returns the own row plus the province row;
  ``table(level="kecamatan", parent=<other>)`` returns an empty table whose
  ``attrs["scope_denied"]`` holds the reason; ``trend(kode=<other>)`` and the
  other per-region queries are refused the same way. Every refusal is
  written to the audit log (``denied``).
* every role except ``admin`` gets small cells suppressed (:func:`suppress`):
  sub-province rows and desil cells whose count base is below
  ``min_count`` lose their numbers (NA) and carry ``suppressed=True``.

Exporters build their tables from a :class:`ScopedEngine` (or pass tables
through :func:`suppress`) so files follow the same rules as the screen.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import numpy as np
import pandas as pd

from dashboard.access import audit
from dashboard.access.roles import User
from dashboard.indicators.engine import Engine

SUPPRESSED = "suppressed"
BASIS = "basis"
DENIED = "scope_denied"
#: Columns blanked in a suppressed region row.
REGION_VALUES = ("numerator", "denominator", "value", "ci_low", "ci_high", "gap_provinsi", BASIS)
#: Columns blanked in a suppressed desil cell (incidence).
DESIL_VALUES = ("penerima", "rp", "share_penerima", "share_rp", "cum_share_penerima", "cum_share_rp")
#: Engine members that carry no region detail and are passed through as they are.
PASS_THROUGH = frozenset(
    {"as_of", "programs", "periods", "years", "name", "registry", "min_n", "province_code", "province"}
)
_KAB_KEY = re.compile(r"^\d{2}\.\d{2}(\.|$)")


def suppressed_label(min_count: int, lang: str = "id") -> str:
    """Return how a suppressed cell is shown (``disembunyikan (< 10)``)."""
    return f"disembunyikan (< {min_count})" if lang == "id" else f"hidden (< {min_count})"


def suppress(
    table: pd.DataFrame, role: str, min_count: int = 10, *, province_code: str = "18"
) -> pd.DataFrame:
    """Hide cells whose count base is between 1 and ``min_count`` − 1 (every role except admin).

    Works on region tables (:meth:`Engine.table`: base from ``basis`` when
    present, else ``denominator``; the province row is never hidden) and on
    desil tables (:meth:`Engine.incidence`: base ``penerima``).

    Parameters
    ----------
    table : DataFrame
        Table to protect (not modified).
    role : str
        Role of the reader; ``admin`` sees everything.
    min_count : int
        Smallest count shown.
    province_code : str
        Code of the province row.

    Returns
    -------
    DataFrame
        A copy with ``suppressed`` (bool) added; hidden cells are NA, a
        hidden row's ``status`` is ``tidak_ada_data``, ``rank`` NA, funnel flags None.
    """
    out = table.copy()
    if "desil" in out.columns and "penerima" in out.columns:
        base = pd.to_numeric(out["penerima"], errors="coerce")
        columns = DESIL_VALUES
        exempt = pd.Series(False, index=out.index)
    else:
        source = BASIS if BASIS in out.columns else "denominator"
        if source not in out.columns:
            out[SUPPRESSED] = False
            return out
        base = pd.to_numeric(out[source], errors="coerce")
        columns = REGION_VALUES
        exempt = (
            out["kode"].astype(str).eq(province_code)
            if "kode" in out.columns
            else pd.Series(False, index=out.index)
        )
    hide = (
        base.notna() & (base > 0) & (base < min_count) & ~exempt
        if role != "admin"
        else pd.Series(False, index=out.index)
    )
    hide = hide.to_numpy(dtype=bool)
    for column in columns:
        if column in out.columns:
            out[column] = out[column].astype(float).where(~hide, np.nan)
    if hide.any():
        if "status" in out.columns:
            out.loc[hide, "status"] = "tidak_ada_data"
        if "rank" in out.columns:
            out["rank"] = out["rank"].astype("Int64").mask(hide)
        for column in ("funnel", "funnel_95", "small_n"):
            if column in out.columns:
                out[column] = out[column].astype(object).where(~hide, None)
    out[SUPPRESSED] = hide
    return out


def filter_report(report: Any, kabupaten: str) -> Any:
    """Return a quality report without other kabupaten's entries (keys like ``18.xx``)."""
    if isinstance(report, dict):
        return {
            k: filter_report(v, kabupaten)
            for k, v in report.items()
            if not (
                isinstance(k, str)
                and _KAB_KEY.match(k)
                and not (k == kabupaten or k.startswith(kabupaten + "."))
            )
        }
    if isinstance(report, list):
        return [filter_report(v, kabupaten) for v in report]
    return report


class ScopedEngine:
    """An :class:`Engine` seen through one user's scope (see the module docstring).

    Parameters
    ----------
    engine : Engine
        The shared engine (not modified).
    user : User
        Who reads.
    min_count : int
        Small-cell threshold.
    """

    def __init__(self, engine: Engine, user: User, min_count: int = 10) -> None:
        self._engine = engine
        self.user = user
        self.min_count = min_count
        self.kabupaten = user.kabupaten if user.role == "kabupaten" else None
        self._cube = None

    # ---- delegation and scope helpers -------------------------------------------------
    def __getattr__(self, name: str) -> Any:
        # Fail closed: only scope-free members are passed through; anything
        # else (including a property that failed) is an AttributeError.
        if name not in PASS_THROUGH:
            raise AttributeError(f"ScopedEngine tidak meneruskan {name!r}")
        return getattr(self._engine, name)

    @property
    def engine(self) -> Engine:
        """The wrapped engine (for code that only reads settings such as ``cube.config``)."""
        return self._engine

    def allowed(self, kode: str | None) -> bool:
        """Return whether the user may see ``kode`` in detail (the province always)."""
        if kode is None or self.kabupaten is None or kode == self._engine.province_code:
            return True
        if not isinstance(kode, str):
            return False
        return kode == self.kabupaten or kode.startswith(self.kabupaten + ".")

    def _deny(self, what: str, kode: str | None, columns: list[str] | None = None) -> pd.DataFrame:
        reason = f"Di luar wilayah Anda ({self.kabupaten}); hanya total provinsi yang tersedia (outside your scope)"
        audit.record(
            "denied", self.user.email, self.user.role, {"query": what, "kode": kode, "scope": self.kabupaten}
        )
        out = pd.DataFrame(columns=columns or ["kode", "nama"])
        out.attrs[DENIED] = reason
        return out

    def _protect(self, table: pd.DataFrame) -> pd.DataFrame:
        return suppress(table, self.user.role, self.min_count, province_code=self._engine.province_code)

    def _basis(
        self, table: pd.DataFrame, indicator_id: str, level: str, program: str, periode: str
    ) -> pd.Series:
        ind = self._engine.registry[indicator_id]
        frame = self._engine._summed(level, program, periode)
        if ind.base not in frame.columns or not len(frame):
            return pd.Series(np.nan, index=table.index)
        return table["kode"].map(frame[ind.base]).astype(float)

    # ---- region tables ----------------------------------------------------------------
    def table(
        self,
        indicator_id: str,
        *,
        level: str = "kabupaten",
        program: str,
        periode: str,
        parent: str | None = None,
    ) -> pd.DataFrame:
        """:meth:`Engine.table` within scope, small cells suppressed for non-admin roles."""
        if parent is not None and not self.allowed(parent):
            cols = list(
                self._engine.table(indicator_id, level="provinsi", program=program, periode=periode).columns
            )
            return self._deny(f"table:{indicator_id}:{level}", parent, [*cols, BASIS, SUPPRESSED])
        out = self._engine.table(indicator_id, level=level, program=program, periode=periode, parent=parent)
        out[BASIS] = self._basis(out, indicator_id, level, program, periode)
        if self.kabupaten is not None and level != "provinsi":
            out = out.loc[out["kode"].map(self.allowed)]
            if level == "kabupaten":
                prov = self._engine.table(indicator_id, level="provinsi", program=program, periode=periode)
                prov[BASIS] = self._basis(prov, indicator_id, "provinsi", program, periode)
                out = pd.concat([out, prov], ignore_index=True)
            out = out.reset_index(drop=True)
        return self._protect(out)

    def page(
        self, indicator_ids: list[str] | None = None, *, level: str = "kabupaten", program: str, periode: str
    ) -> dict[str, pd.DataFrame]:
        """:meth:`Engine.page` within scope."""
        ids = indicator_ids or [i for i, ind in self._engine.registry.items() if level in ind.levels]
        return {i: self.table(i, level=level, program=program, periode=periode) for i in ids}

    def trend(
        self, indicator_id: str, *, level: str = "provinsi", program: str, kode: str | None = None
    ) -> pd.DataFrame:
        """:meth:`Engine.trend` within scope; another kabupaten's ``kode`` is refused."""
        if not self.allowed(kode):
            return self._deny(f"trend:{indicator_id}", kode, ["periode", "kode", "nama"])
        parts = []
        for periode in self._engine.periods(program):
            t = self.table(indicator_id, level=level, program=program, periode=periode)
            if kode is not None:
                t = t.loc[t["kode"] == kode]
            parts.append(t.assign(periode=periode))
        if not parts:
            return self._engine.trend(indicator_id, level=level, program=program, kode=kode)
        out = pd.concat(parts, ignore_index=True)
        return out[["periode", *[c for c in out.columns if c != "periode"]]]

    def composite(
        self, *, program: str, periode: str, level: str = "kabupaten", weights: Any = None
    ) -> pd.DataFrame:
        """:meth:`Engine.composite` limited to the regions in scope."""
        out = self._engine.composite(program=program, periode=periode, level=level, weights=weights)
        return out.loc[out["kode"].map(self.allowed)].reset_index(drop=True)

    def disparity(self, indicator_id: str, *, program: str, include_years: bool = False) -> pd.DataFrame:
        """:meth:`Engine.disparity`; for a kabupaten user only the summary measures, not other regions' values."""
        out = self._engine.disparity(indicator_id, program=program, include_years=include_years)
        if self.kabupaten is not None:
            for column in (
                "terbaik",
                "terburuk",
                "gap_terbaik_terburuk",
                "gap_provinsi_terburuk",
                "ratio_max_min",
            ):
                if column in out.columns:
                    out[column] = np.nan
        return out

    # ---- distributions ----------------------------------------------------------------
    def incidence(self, *, program: str, periode: str, kode: str | None = None) -> pd.DataFrame:
        """:meth:`Engine.incidence` within scope, desil cells below the threshold hidden."""
        if not self.allowed(kode):
            return self._deny("incidence", kode, ["desil", *DESIL_VALUES])
        return self._protect(self._engine.incidence(program=program, periode=periode, kode=kode))

    def _rows_in_scope(self, frame: pd.DataFrame) -> pd.DataFrame:
        if self.kabupaten is None or "kode" not in frame.columns:
            return frame
        return frame.loc[frame["kode"].map(self.allowed)].reset_index(drop=True)

    def failure_reasons(
        self, *, program: str, periode: str, level: str = "provinsi", kode: str | None = None
    ) -> pd.DataFrame:
        """:meth:`Engine.failure_reasons` within scope."""
        if not self.allowed(kode):
            return self._deny("failure_reasons", kode, ["kode_gagal", "kpm", "rate", "share"])
        return self._engine.failure_reasons(program=program, periode=periode, level=level, kode=kode)

    def delay_distribution(
        self, *, program: str, periode: str, level: str = "kabupaten", kode: str | None = None
    ) -> pd.DataFrame:
        """:meth:`Engine.delay_distribution` within scope."""
        if not self.allowed(kode):
            return self._deny("delay_distribution", kode)
        return self._rows_in_scope(
            self._engine.delay_distribution(program=program, periode=periode, level=level, kode=kode)
        )

    def cumulative_paid(
        self, *, program: str, periode: str, level: str = "kabupaten", kode: str | None = None
    ) -> pd.DataFrame:
        """:meth:`Engine.cumulative_paid` within scope."""
        if not self.allowed(kode):
            return self._deny("cumulative_paid", kode)
        return self._rows_in_scope(
            self._engine.cumulative_paid(program=program, periode=periode, level=level, kode=kode)
        )

    def quality(self) -> pd.DataFrame:
        """:meth:`Engine.quality` within scope."""
        return self._rows_in_scope(self._engine.quality())

    # ---- attributes pages read directly ------------------------------------------------
    @property
    def names(self) -> dict[str, str]:
        """Region names in scope (all for province-wide roles)."""
        names = self._engine.names
        if self.kabupaten is None:
            return names
        return {k: v for k, v in names.items() if self.allowed(k)}

    @property
    def quality_report(self) -> dict | None:
        """The quality report without other kabupaten's entries."""
        report = self._engine.quality_report
        if report is None or self.kabupaten is None:
            return report
        return filter_report(report, self.kabupaten)

    @property
    def cube(self) -> Any:
        """The cube limited to the kabupaten in scope (whole for province-wide roles)."""
        cube = self._engine.cube
        if self.kabupaten is None:
            return cube
        if self._cube is None:
            changes = {}
            for field in dataclasses.fields(cube):
                frame = getattr(cube, field.name)
                if isinstance(frame, pd.DataFrame):
                    if "kode_kab" in frame.columns:
                        changes[field.name] = frame.loc[frame["kode_kab"].astype(str) == self.kabupaten]
                    elif "kode" in frame.columns:
                        changes[field.name] = frame.loc[frame["kode"].astype(str).map(self.allowed)]
            self._cube = dataclasses.replace(cube, **changes)
        return self._cube


def scoped(engine: Engine, user: User, min_count: int = 10) -> Engine | ScopedEngine:
    """Return what ``user`` may read: the engine itself for admin, else a :class:`ScopedEngine`."""
    return engine if user.is_admin else ScopedEngine(engine, user, min_count)
