"""Indicator engine: registry, cube, statistics, disparity and composite index.

Public entry points::

    from dashboard.indicators import Engine, INDICATORS, get, by_group, CubeConfig
"""

from dashboard.indicators.cube import CubeConfig
from dashboard.indicators.engine import TABLE_COLUMNS, Engine
from dashboard.indicators.registry import INDICATORS, Indicator, Thresholds, by_group, get

__all__ = [
    "INDICATORS",
    "TABLE_COLUMNS",
    "CubeConfig",
    "Engine",
    "Indicator",
    "Thresholds",
    "by_group",
    "get",
]
