"""Timing of the simulation, for ``python -m dashboard bench`` (printed, never asserted).

Target (from the brief): a simulation at scale 1.0 (≈ 3 M registry families)
answers in ≤ 2 s, i.e. reading the inputs for a programme-period plus one
rule's reallocation and comparison. The engine's cube is built beforehand
(the app has it already) and timed separately.
"""

from __future__ import annotations

import time
from pathlib import Path

from dashboard.indicators.engine import Engine
from dashboard.simulation import compare, inputs, reallocate
from dashboard.simulation.rules import Rule


def time_simulation(
    processed_dir: Path, *, engine: Engine | None = None, program: str = "PKH", periode: str | None = None
) -> dict[str, float | int | str]:
    """Time one simulation on a processed folder.

    Parameters
    ----------
    processed_dir : Path
        Folder with ``families/kpm/disbursements.parquet``.
    engine : Engine, optional
        A built engine for that folder (built and timed here when None).
    program : str
    periode : str, optional
        Quarter; default the programme's newest.

    Returns
    -------
    dict
        ``program``, ``periode``, ``families_candidates`` (rows kept),
        ``engine_s`` (NaN when given), ``inputs_s`` (read counts and ranked
        candidates), ``rule_a_s`` and ``rule_b_s`` (reallocate + compare +
        disparity, share 50 %), ``total_s`` (= inputs + slower rule: what a
        first page view waits for after the engine), ``quota_conserved``.
    """
    started = time.perf_counter()
    eng = engine or Engine.from_processed(processed_dir)
    engine_s = float("nan") if engine is not None else time.perf_counter() - started
    periode = periode or eng.periods(program)[-1]
    t0 = time.perf_counter()
    data = inputs.from_processed(eng.cube, program, periode, processed_dir)
    t1 = time.perf_counter()
    times = {}
    conserved = True
    for key, rule in (("rule_a_s", Rule("A")), ("rule_b_s", Rule("B", 50))):
        t = time.perf_counter()
        result = reallocate.simulate(data, rule)
        compare.comparison(result, eng.name)
        compare.disparity(result)
        times[key] = time.perf_counter() - t
        conserved &= result.quota_after == result.quota_before
    inputs_s = t1 - t0
    return {
        "program": program,
        "periode": periode,
        "families_candidates": len(data.cand_kab),
        "engine_s": engine_s,
        "inputs_s": inputs_s,
        **times,
        "total_s": inputs_s + max(times.values()),
        "quota_conserved": int(conserved),
    }
