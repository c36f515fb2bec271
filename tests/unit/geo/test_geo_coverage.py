import shapely
from shapely.geometry import Polygon, box

from dashboard.geo.coverage import clean_coverage


def test_clean_coverage_overlap_goes_to_first_input():
    first, second = box(0, 0, 100, 100), box(90, 0, 200, 100)
    result, _ = clean_coverage([first, second])
    assert result[0].area == 10_000 and result[1].area == 10_000


def test_clean_coverage_enclosed_gap_goes_to_longest_shared_edge():
    notched = Polygon([(0, 0), (100, 0), (100, 100), (70, 100), (70, 90), (30, 90), (30, 100), (0, 100)])
    above = box(0, 100, 100, 200)
    result, stats = clean_coverage([notched, above])
    assert result[0].area == 10_000 and stats.gap_km2 > 0


def test_clean_coverage_result_is_valid_coverage():
    result, _ = clean_coverage([box(0, 0, 100, 100), box(99.5, 0.3, 200, 100), box(0, 100.2, 200, 200)])
    assert shapely.coverage_is_valid(result)
