"""Generate the synthetic truth in memory: families, SK rows, transactions."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard import reference
from dashboard.synth import payments, population, targeting
from dashboard.synth.scenario import Scenario, load_scenario

log = logging.getLogger(__name__)


@dataclass
class SyntheticData:
    """The clean synthetic truth, before any fault is injected.

    Attributes
    ----------
    seed, scale : int, float
        Generation parameters.
    scenario : Scenario
        Calibration used.
    desa : DataFrame
        Desa master (row position = ``families.desa_idx``).
    kab : DataFrame
        Kabupaten table (row position = ``families.kab_idx``).
    families : DataFrame
        Registry families (numeric codes).
    kpm : DataFrame
        Penetapan rows (family × programme × period).
    trx : DataFrame
        Transaction rows (payment attempts known at the report date).
    """

    seed: int
    scale: float
    scenario: Scenario
    desa: pd.DataFrame
    kab: pd.DataFrame
    families: pd.DataFrame
    kpm: pd.DataFrame
    trx: pd.DataFrame


def generate(
    desa: pd.DataFrame, *, seed: int, scale: float, scenario: Scenario | None = None
) -> SyntheticData:
    """Generate a synthetic Lampung dataset in memory.

    Parameters
    ----------
    desa : DataFrame
        Desa master (``kode_desa``, ``nama_desa``, ``kode_kec``, ``nama_kec``,
        ``kode_kab``); only kabupaten present in it get families, and
        programme quotas shrink by their population share.
    seed : int
        Random seed; same seed and scale give identical data.
    scale : float
        1.0 = Lampung's real size (≈3.0 M families).
    scenario : Scenario, optional
        Calibration; the packaged ``scenario.toml`` when omitted.

    Returns
    -------
    SyntheticData
        The clean truth; :func:`dashboard.synth.write` renders messy files.
    """
    if scale <= 0:
        raise ValueError("scale must be positive")
    scenario = scenario or load_scenario()
    desa = desa.sort_values("kode_desa", ignore_index=True)
    kab_ref = reference.kabupaten()
    kab = population.kabupaten_table(desa, kab_ref, scenario)
    share = kab["penduduk"].sum() / kab_ref["penduduk_2024"].astype("float64").sum()
    streams = np.random.SeedSequence([seed, 20240101]).spawn(3)
    fam = population.build_families(desa, kab, scenario, scale, np.random.default_rng(streams[0]))
    log.info("registry: %s keluarga", f"{len(fam):,}")
    kpm = targeting.select(fam, kab, scenario, scale * share, np.random.default_rng(streams[1]))
    log.info("penetapan: %s baris", f"{len(kpm):,}")
    trx = payments.disburse(kpm, fam, kab, scenario, np.random.default_rng(streams[2]))
    log.info("transaksi: %s baris", f"{len(trx):,}")
    return SyntheticData(seed, scale, scenario, desa, kab, fam, kpm, trx)
