import numpy as np
import pytest

from dashboard.indicators import stats


def test_wilson_zero_of_ten_known_value():
    """0/10: high = z²/(n + z²) = 3.841459/13.841459 = 0.277533, low = 0."""
    low, high = stats.wilson([0], [10])
    assert low[0] == 0.0
    assert high[0] == pytest.approx(0.277533, abs=1e-6)


def test_wilson_half_of_ten_known_value():
    """5/10: textbook Wilson interval (0.2366, 0.7634), symmetric around 0.5."""
    low, high = stats.wilson(5, 10)
    assert float(low) == pytest.approx(0.236593, abs=1e-6)
    assert float(high) == pytest.approx(0.763407, abs=1e-6)


def test_wilson_zero_denominator_gives_nan():
    low, high = stats.wilson([0, 3], [0, 3])
    assert np.isnan(low[0]) and np.isnan(high[0])
    assert high[1] == 1.0


def test_rate_zero_denominator_gives_nan_not_zero():
    out = stats.rate([0, 1], [0, 4])
    assert np.isnan(out[0])
    assert out[1] == 0.25


def test_small_n_below_threshold_flagged():
    """Default threshold 30: n = 0, 29 flagged; 30, 100 not; NaN flagged."""
    assert stats.small_n([0, 29, 30, 100, np.nan]).tolist() == [True, True, False, False, True]


def test_funnel_limits_half_at_hundred_known_values():
    """p0 = 0.5, n = 100: SE = 0.05; 95 %: 0.5 ± 1.95996·0.05 = (0.402, 0.598)."""
    low, high = stats.funnel_limits(0.5, [100], level=0.95)
    assert low[0] == pytest.approx(0.402002, abs=1e-6)
    assert high[0] == pytest.approx(0.597998, abs=1e-6)


def test_funnel_flag_above_below_within():
    """p0 = 0.5, n = 100, 99.8 %: limits 0.5 ± 3.0902·0.05 = (0.3455, 0.6545)."""
    flags = stats.funnel_flag([0.7, 0.3, 0.5, np.nan], [100, 100, 100, 100], 0.5)
    assert flags.tolist() == ["above", "below", "within", None]


def test_traffic_light_both_directions():
    """higher_better 0.95/0.85: 0.96 hijau, 0.9 kuning, 0.8 merah; lower_better 0.1/0.25 mirrored."""
    hb = stats.traffic_light([0.96, 0.9, 0.8, np.nan], 0.95, 0.85, "higher_better")
    lb = stats.traffic_light([0.05, 0.2, 0.3], 0.1, 0.25, "lower_better")
    assert hb.tolist() == ["hijau", "kuning", "merah", "tidak_ada_data"]
    assert lb.tolist() == ["hijau", "kuning", "merah"]
    assert stats.traffic_light([0.5], None, None, "neutral").tolist() == ["tanpa_ambang"]
