import itertools

from dashboard import reference, regions
from dashboard.geo.tiles import SINGKATAN, TILE_GRID, tile_frame


def test_tile_grid_cells_are_unique():
    assert len(set(TILE_GRID.values())) == len(TILE_GRID) == 15


def test_tile_grid_covers_every_kabupaten_code():
    assert tuple(sorted(TILE_GRID)) == regions.kemendagri_codes()


def test_tile_grid_columns_mostly_follow_capital_longitude():
    lon = reference.kabupaten().set_index("kode_kemendagri")["ibukota_lon"].astype(float)
    pairs = [(a, b) for a, b in itertools.combinations(TILE_GRID, 2) if TILE_GRID[a][1] != TILE_GRID[b][1]]
    agree = sum((TILE_GRID[a][1] < TILE_GRID[b][1]) == (lon[a] < lon[b]) for a, b in pairs)
    assert agree / len(pairs) >= 0.85


def test_tile_grid_rows_mostly_follow_capital_latitude():
    lat = reference.kabupaten().set_index("kode_kemendagri")["ibukota_lat"].astype(float)
    pairs = [(a, b) for a, b in itertools.combinations(TILE_GRID, 2) if TILE_GRID[a][0] != TILE_GRID[b][0]]
    agree = sum((TILE_GRID[a][0] < TILE_GRID[b][0]) == (lat[a] > lat[b]) for a, b in pairs)
    assert agree / len(pairs) >= 0.85


def test_singkatan_are_two_to_four_unique_letters():
    labels = list(SINGKATAN.values())
    assert len(set(labels)) == 15 and all(2 <= len(s) <= 4 and s.isalpha() for s in labels)


def test_tile_frame_columns_and_rows():
    frame = tile_frame()
    assert (list(frame.columns), len(frame)) == (["kode", "nama_pendek", "singkatan", "row", "col"], 15)
