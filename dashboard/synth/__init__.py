"""Synthetic, deliberately messy raw exports calibrated to Lampung.

``generate`` builds the clean truth in memory (registry families, SK rows per
programme and quarter, payment attempts); ``write`` renders the three raw
exports of :mod:`dashboard.rawformat` with the real-world faults of
domain.md §8 at the rates of ``scenario.toml`` and records what it injected.

Synthetic identities can never be a real person's: every NIK and No. KK is
structurally valid (real Kemendagri kecamatan prefix, ``DDMMYY`` with +40 for
women) but its 4-digit serial is reserved to ``9000``–``9999`` (domain.md
§5.4). Every file carries a last column ``PENANDA`` = ``DATA SINTETIS`` and the
folder holds ``_SINTETIS.json``.
"""

from dashboard.synth.generate import SyntheticData, generate
from dashboard.synth.scenario import Scenario, load_scenario
from dashboard.synth.writer import write

__all__ = ["Scenario", "SyntheticData", "generate", "load_scenario", "write"]
