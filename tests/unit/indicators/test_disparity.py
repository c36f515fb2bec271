import numpy as np
import pytest
from inequality.gini import Gini
from inequality.theil import Theil, TheilD

from dashboard.indicators import disparity as d


def test_equal_regions_all_measures_zero():
    y = [0.8, 0.8, 0.8, 0.8]
    assert d.weighted_gini(y, [1, 2, 3, 4]) == pytest.approx(0.0, abs=1e-12)
    assert d.weighted_theil(y, [1, 2, 3, 4]) == pytest.approx(0.0, abs=1e-12)
    assert d.weighted_cv(y, [1, 2, 3, 4]) == pytest.approx(0.0, abs=1e-12)
    assert d.ratio_max_min(y) == 1.0


def test_gini_two_regions_hand_value():
    """y = (1, 3), equal weights: Σ|yi−yj| = 4, G = 4 / (2·2²·2) = 0.25; weights (3, 1): μ = 1.5,
    ΣΣ wi wj |diff| = 2·3·1·2 = 12, G = 12 / (2·16·1.5) = 0.25."""
    assert d.weighted_gini([1, 3]) == pytest.approx(0.25)
    assert d.weighted_gini([1, 3], [3, 1]) == pytest.approx(0.25)


def test_gini_equal_weights_matches_pysal():
    y = np.array([0.2, 0.5, 0.9, 0.4, 0.75, 0.1])
    assert d.weighted_gini(y) == pytest.approx(Gini(y).g, rel=1e-12)


def test_gini_integer_weights_equal_replicated_units():
    """Weight 2 on a unit = the unit counted twice."""
    assert d.weighted_gini([0.2, 0.6, 0.9], [2, 1, 1]) == pytest.approx(
        Gini(np.array([0.2, 0.2, 0.6, 0.9])).g
    )


def test_theil_equal_weights_matches_pysal():
    y = np.array([0.2, 0.5, 0.9, 0.4, 0.75, 0.1])
    assert d.weighted_theil(y) == pytest.approx(float(Theil(y).T), rel=1e-9)


def test_theil_decomposition_equal_weights_matches_pysal_theild():
    y = np.array([0.2, 0.5, 0.9, 0.4, 0.75, 0.1])
    groups = np.array(["a", "a", "b", "b", "c", "c"])
    ours = d.theil_decomposition(y, groups)
    lib = TheilD(y, groups)
    assert ours.total == pytest.approx(float(lib.T), rel=1e-9)
    assert ours.between == pytest.approx(float(np.squeeze(lib.bg)), rel=1e-9)
    assert ours.within == pytest.approx(float(np.squeeze(lib.wg)), rel=1e-9)


def test_theil_decomposition_weighted_between_plus_within_equals_total():
    y = [0.2, 0.5, 0.9, 0.4, 0.75, 0.0]
    w = [10, 200, 35, 80, 5, 60]
    parts = d.theil_decomposition(y, ["a", "a", "b", "b", "c", "c"], w)
    assert parts.between + parts.within == pytest.approx(parts.total, rel=1e-12)
    assert parts.total == pytest.approx(d.weighted_theil(y, w), rel=1e-12)


def test_theil_groups_identical_inside_within_zero():
    """Each group internally equal → within = 0, between = total."""
    parts = d.theil_decomposition([0.2, 0.2, 0.6, 0.6], ["a", "a", "b", "b"], [1, 3, 2, 2])
    assert parts.within == pytest.approx(0.0, abs=1e-12)
    assert parts.between == pytest.approx(parts.total)


def test_weighted_cv_hand_value():
    """y = (0, 1), w = (1, 1): μ = 0.5, SD = 0.5, CV = 1."""
    assert d.weighted_cv([0, 1], [1, 1]) == pytest.approx(1.0)


def test_gaps_and_ratio_hand_values():
    """values (0.6, 0.9, 0.75): ratio 0.9/0.6 = 1.5; gap to best (higher) = (0.3, 0, 0.15);
    lower_better best = 0.6 → (0, 0.3, 0.15); gap to province 0.8 → (−0.2, 0.1, −0.05)."""
    v = [0.6, 0.9, 0.75]
    assert d.ratio_max_min(v) == pytest.approx(1.5)
    assert d.gap_to_best(v, "higher_better") == pytest.approx([0.3, 0.0, 0.15])
    assert d.gap_to_best(v, "lower_better") == pytest.approx([0.0, 0.3, 0.15])
    assert d.gap_to_reference(v, 0.8) == pytest.approx([-0.2, 0.1, -0.05])


def test_no_data_gives_nan():
    assert np.isnan(d.weighted_gini([np.nan], [1]))
    assert np.isnan(d.ratio_max_min([0.0, 0.5]))
    assert np.isnan(d.theil_decomposition([], [], []).total)
