"""Map classes: no-data grey only for missing values, classes cover every value."""

import math

import pandas as pd

from dashboard.figures import colours
from dashboard.figures.colours import NO_DATA_COLOUR


def test_classify_missing_values_get_no_data_colour_and_present_never_do():
    result = colours.classify(pd.Series([0.1, math.nan, 0.5, 0.9, 0.3]), k=3)
    assert result.value_colours[1] == NO_DATA_COLOUR
    assert NO_DATA_COLOUR not in (result.value_colours[i] for i in (0, 2, 3, 4))
    assert sum(result.counts) == 4


def test_classify_equal_values_give_one_class():
    result = colours.classify(pd.Series([0.5, 0.5, 0.5]))
    assert len(result.upper_bounds) == 1
    assert len(set(result.value_colours)) == 1


def test_classify_all_missing_gives_no_classes():
    result = colours.classify(pd.Series([math.nan, math.nan]))
    assert result.upper_bounds == ()
    assert set(result.value_colours) == {NO_DATA_COLOUR}


def test_classify_value_on_bound_goes_to_that_class_and_max_to_last():
    result = colours.classify(pd.Series([0.0, 1.0, 2.0, 3.0]), method="equal_interval", k=3)
    assert result.value_colours[-1] == result.colours[-1]
    assert result.value_colours[0] == result.colours[0]


def test_status_colours_cover_every_status():
    assert set(colours.STATUS_ORDER) == set(colours.STATUS_COLOURS)


def test_clicked_code_uses_feature_then_click_point():
    import geopandas as gpd
    from shapely.geometry import box

    from dashboard.figures import maps

    areas = gpd.GeoDataFrame(
        {"kode": ["18.01", "18.02"]}, geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)], crs=4326
    )
    assert maps.clicked_code({"last_active_drawing": {"properties": {"kode": "18.72"}}}, areas) == "18.72"
    assert (
        maps.clicked_code(
            {"last_active_drawing": None, "last_object_clicked": {"lat": 0.5, "lng": 1.5}}, areas
        )
        == "18.02"
    )
    assert maps.clicked_code({"last_object_clicked": {"lat": 5.0, "lng": 5.0}}, areas) is None
    assert maps.clicked_code(None, areas) is None
