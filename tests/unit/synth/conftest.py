from __future__ import annotations

import pandas as pd
import pytest

from dashboard import reference

NAMES = ("Sidodadi", "Sumber Agung", "Mekar Jaya", "Way Halom")


def tiny_desa(codes: list[str], per_kab: int = 2) -> pd.DataFrame:
    rows = []
    for i, kab in enumerate(codes):
        for j in range(per_kab):
            kec = f"{kab}.{j + 1:02d}"
            rows.append(
                {
                    "kode_desa": f"{kec}.{2001 + j}",
                    "nama_desa": NAMES[(i + j) % len(NAMES)],
                    "kode_kec": kec,
                    "nama_kec": f"Kecamatan {i}{j}",
                    "kode_kab": kab,
                    "lon": 105.0,
                    "lat": -5.0,
                }
            )
    return pd.DataFrame(rows)


@pytest.fixture(scope="session")
def desa_all() -> pd.DataFrame:
    return tiny_desa(list(reference.kabupaten()["kode_kemendagri"]))


@pytest.fixture(scope="session")
def desa_three() -> pd.DataFrame:
    return tiny_desa(["18.05", "18.13", "18.71"], per_kab=3)
