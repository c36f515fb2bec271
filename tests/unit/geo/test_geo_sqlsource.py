import shapely

from dashboard.geo import sqlsource

ROW = "INSERT INTO t(kode,nama,lat,lng,path) VALUES\n\t('18.04.05.2001','Pekon O''Uji',-5.1,105.2,'[[[-5.0,105.0],[-5.0,105.1],[-5.1,105.1],[-5.0,105.0]]]');"


def test_parse_rows_quoted_name_is_unescaped():
    rows = sqlsource.parse_rows(ROW)
    assert [(r.kode, r.nama, r.lat, r.lon) for r in rows] == [("18.04.05.2001", "Pekon O'Uji", -5.1, 105.2)]


def test_path_geometry_lat_lng_points_are_swapped_to_lon_lat():
    geometry = sqlsource.path_geometry("[[[-5.0,105.0],[-5.0,105.1],[-5.1,105.1],[-5.0,105.0]]]")
    xs, ys = zip(*geometry.exterior.coords, strict=True)
    assert min(xs) == 105.0 and max(ys) == -5.0


def test_path_geometry_nested_shell_is_merged_not_a_hole():
    outer = "[[[0,0],[0,10],[10,10],[10,0],[0,0]]]"
    inner = "[[[2,2],[2,4],[4,4],[4,2],[2,2]]]"
    geometry = sqlsource.path_geometry(f"[{outer},{inner}]")
    assert geometry.area == 100.0 and len(geometry.interiors) == 0


def test_path_geometry_self_intersecting_ring_becomes_valid():
    bowtie = "[[[0,0],[10,10],[0,10],[10,0],[0,0]]]"
    assert shapely.is_valid(sqlsource.path_geometry(bowtie))
