"""What-if simulation for planners: reallocate KPM quota, see coverage and disparity change.

The question: *if the families that no longer qualify were replaced by
eligible families who are left out, where would coverage rise, and would the
gap between kabupaten shrink?*

Layers (all pure; no Streamlit here):

* :mod:`~dashboard.simulation.rules` — the documented rules (A, B), their
  parameters and the assumptions shown on the page and in every export;
* :mod:`~dashboard.simulation.inputs` — counts per kecamatan taken from the
  indicator cube ("before" therefore equals the engine exactly) plus the
  ranked list of excluded target families (no identifiers kept);
* :mod:`~dashboard.simulation.reallocate` — the integer reallocation itself;
* :mod:`~dashboard.simulation.compare` — before/after tables and disparity;
* :mod:`~dashboard.simulation.export` — CSV/XLSX with an assumptions header;
* :mod:`~dashboard.simulation.cli` — ``python -m dashboard simulate``.
"""
