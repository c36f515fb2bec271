"""Small extra synthetic exports: empowerment, graduation, disasters, facilitators.

Written into the sub-folder ``[extras].folder`` (``ekstra/``) of the raw
folder, after the main exports, from the same in-memory truth, so IDs join
(``ID_DTSEN`` and ``ID_KPM`` are the ones of the registry and penetapan).
Every parameter is in the ``[extras]`` table of ``scenario.toml`` with its
source tag. Each file gets a few faults (header variants, other date
formats, unknown region codes, exact duplicates) counted in
``ekstra/_faults.json``. Deterministic for a seed: each file has its own
random stream.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard import config, rawformat
from dashboard.synth.calendar import day_number, period_bounds
from dashboard.synth.generate import SyntheticData
from dashboard.synth.scenario import lerp

FAULTS_FILE = "_faults.json"
GRADUASI_CODE = 2  # position of GRADUASI in targeting.STATUS_KPM
_DATE_COLUMNS = ("TGL_MULAI", "TGL_GRADUASI", "TGL_KEJADIAN", "TGL_BAYAR")
_REGION_COLUMNS = {"KODE_DESA": "18.99.01.2001", "KODE_KECAMATAN": "18.99.01"}


def _rng(data: SyntheticData, name: str) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence([data.seed, 7, zlib.crc32(name.encode())]))


def _dates(days: np.ndarray) -> list[str]:
    """Return ``DD-MM-YYYY`` texts of day numbers, ``""`` where negative."""
    out = []
    for d in np.asarray(days, dtype=np.int64):
        out.append(
            "" if d < 0 else (pd.Timestamp(0, unit="D") + pd.Timedelta(days=int(d))).strftime("%d-%m-%Y")
        )
    return out


def _id_dtsen(data: SyntheticData, fam: np.ndarray) -> np.ndarray:
    kab4 = data.kab["kode_kab"].str.replace(".", "", regex=False).astype(np.int64).to_numpy()
    fam = np.asarray(fam, dtype=np.int64)
    return (kab4[data.families["kab_idx"].to_numpy()[fam]] * 10**9 + fam).astype(str)


def _access(data: SyntheticData) -> np.ndarray:
    return np.array([data.scenario.access(k) for k in data.kab["kode_kab"]])


def _years(data: SyntheticData) -> list[int]:
    meta = data.scenario["meta"]
    return sorted({meta["first_year"] + p // 4 for p in range(meta["n_periods"])})


def _year_days(year: int, as_of: int) -> tuple[int, int]:
    lo = day_number(pd.Timestamp(year, 1, 1).date())
    hi = min(day_number(pd.Timestamp(year, 12, 31).date()), as_of - 1)
    return lo, hi


def graduasi(data: SyntheticData, rng: np.random.Generator) -> pd.DataFrame:
    """Return one row per PKH KPM with a GRADUASI row: its first graduation date and type."""
    k = data.kpm
    sel = k.loc[(k["program"].to_numpy() == 0) & (k["status"].to_numpy() == GRADUASI_CODE)]
    sel = sel.sort_values(["id_kpm", "period"]).drop_duplicates("id_kpm")
    first_year = data.scenario["meta"]["first_year"]
    as_of = day_number(data.scenario.as_of)
    bounds = np.array([period_bounds(int(p), first_year) for p in sel["period"]]).reshape(-1, 2)
    hi = np.minimum(bounds[:, 1], as_of - 1) if len(sel) else bounds[:, 1]
    days = bounds[:, 0] + np.floor(rng.random(len(sel)) * (hi - bounds[:, 0] + 1)).astype(np.int64)
    mandiri = rng.random(len(sel)) < data.scenario["extras"]["graduasi_mandiri_share"]
    return pd.DataFrame(
        {
            "ID_KPM": sel["id_kpm"].astype(np.int64).astype(str).to_numpy(),
            "TGL_GRADUASI": _dates(days),
            "JENIS_GRADUASI": np.where(mandiri, "MANDIRI", "ALAMIAH"),
        }
    )


def pemberdayaan(data: SyntheticData, rng: np.random.Generator) -> pd.DataFrame:
    """Return PENA participants (PKH families) and KUBE members (PKH/Sembako families) per year."""
    cfg = data.scenario["extras"]
    k, fam = data.kpm, data.families
    first_year = data.scenario["meta"]["first_year"]
    as_of = day_number(data.scenario.as_of)
    access = _access(data)
    year_of = first_year + k["period"].to_numpy().astype(np.int64) // 4
    kab_idx = fam["kab_idx"].to_numpy()
    parts = []
    for year in _years(data):
        lo, hi = _year_days(year, as_of)
        in_year = year_of == year
        for name, programs, shares in (
            ("PENA", (0,), cfg["pena_share"]),
            ("KUBE", (0, 1), cfg["kube_share"]),
        ):
            pool = np.unique(k["fam"].to_numpy()[in_year & np.isin(k["program"].to_numpy(), programs)])
            p = lerp(shares, access[kab_idx[pool]]) * (hi - lo + 1) / 365
            chosen = pool[rng.random(len(pool)) < p]
            if name == "PENA":
                value = (
                    rng.integers(cfg["pena_value"][0] // 1000, cfg["pena_value"][1] // 1000 + 1, len(chosen))
                    * 1000
                )
            else:
                value = np.full(len(chosen), cfg["kube_value_per_group"] // cfg["kube_group_size"])
            parts.append(
                pd.DataFrame(
                    {
                        "fam": chosen,
                        "program": name,
                        "day": lo + np.floor(rng.random(len(chosen)) * (hi - lo + 1)).astype(np.int64),
                        "value": value,
                    }
                )
            )
    out = pd.concat(parts, ignore_index=True)
    kode_desa = data.desa["kode_desa"].astype(str).to_numpy()
    return pd.DataFrame(
        {
            "ID_PESERTA": [f"{p}-{i + 1:07d}" for i, p in enumerate(out["program"])],
            "ID_DTSEN": _id_dtsen(data, out["fam"].to_numpy()),
            "PROGRAM_PEMBERDAYAAN": out["program"].to_numpy(),
            "TGL_MULAI": _dates(out["day"].to_numpy()),
            "KODE_DESA": kode_desa[fam["desa_idx"].to_numpy()[out["fam"].to_numpy()]],
            "NILAI_BANTUAN": out["value"].astype(np.int64).astype(str).to_numpy(),
        }
    )


def bencana(data: SyntheticData, rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return disaster events (event × affected kecamatan) and emergency payments."""
    cfg = data.scenario["extras"]
    as_of = day_number(data.scenario.as_of)
    access = _access(data)
    fam = data.families
    kec_of_fam = data.desa["kode_kec"].astype(str).to_numpy()[fam["desa_idx"].to_numpy()]
    by_kec = pd.Series(np.arange(len(fam))).groupby(kec_of_fam).apply(lambda s: s.to_numpy()).to_dict()
    kode_desa = data.desa["kode_desa"].astype(str).to_numpy()
    types, probs = cfg["disaster_types"], np.asarray(cfg["disaster_type_probs"], float)
    events, pays = [], []
    for i, kab in enumerate(data.kab["kode_kab"]):
        kecs = sorted(c for c in by_kec if c.startswith(kab + "."))
        a = access[i]
        for year in _years(data):
            lo, hi = _year_days(year, as_of)
            n = rng.poisson(cfg["events_per_kab_year"] * (hi - lo + 1) / 365)
            for e in range(n):
                event_id = f"BNC-{kab.replace('.', '')}-{year}-{e + 1:02d}"
                day = int(lo + rng.integers(0, hi - lo + 1))
                kind = types[int(rng.choice(len(types), p=probs / probs.sum()))]
                size = int(rng.integers(cfg["kecamatan_per_event"][0], cfg["kecamatan_per_event"][1] + 1))
                chosen = sorted(rng.choice(kecs, size=min(size, len(kecs)), replace=False))
                first = day + max(
                    1,
                    round(lerp(cfg["first_payment_days"], a) * rng.lognormal(0, cfg["first_payment_sigma"])),
                )
                amount = int(rng.choice(cfg["emergency_amounts"]))
                for kec in chosen:
                    events.append((event_id, kind, day, kec))
                    pool = by_kec[kec]
                    n_rec = min(
                        len(pool),
                        max(
                            cfg["recipients_min"],
                            round(rng.uniform(*cfg["recipients_per_kecamatan"]) * len(pool)),
                        ),
                    )
                    rec = np.sort(rng.choice(pool, size=n_rec, replace=False))
                    aided = rng.random() >= lerp(cfg["kecamatan_not_aided"], a)
                    paid = first + np.round(
                        rng.exponential(lerp(cfg["payment_spread_days"], a), n_rec)
                    ).astype(np.int64)
                    paid[rng.integers(0, n_rec)] = first
                    paid = np.where(aided & (paid < as_of), paid, -1)
                    for f, d in zip(rec, paid, strict=True):
                        pays.append((event_id, int(f), kode_desa[fam["desa_idx"].iat[f]], amount, int(d)))
    ev = pd.DataFrame(events, columns=["ID_KEJADIAN", "JENIS_BENCANA", "day", "KODE_KECAMATAN"])
    ev["TGL_KEJADIAN"] = _dates(ev.pop("day").to_numpy())
    pay = pd.DataFrame(pays, columns=["ID_KEJADIAN", "fam", "KODE_DESA", "NOMINAL", "day"])
    out = pd.DataFrame(
        {
            "ID_KEJADIAN": pay["ID_KEJADIAN"],
            "ID_PENERIMA": _id_dtsen(data, pay["fam"].to_numpy()),
            "KODE_DESA": pay["KODE_DESA"],
            "NOMINAL": pay["NOMINAL"].astype(str),
            "TGL_BAYAR": _dates(pay["day"].to_numpy()),
        }
    )
    return ev[["ID_KEJADIAN", "JENIS_BENCANA", "TGL_KEJADIAN", "KODE_KECAMATAN"]], out


def pendamping(data: SyntheticData, rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return facilitators per kecamatan and the KPM → facilitator mapping (latest PKH quarter)."""
    cfg = data.scenario["extras"]
    k, fam = data.kpm, data.families
    pkh = k.loc[k["program"].to_numpy() == 0]
    last = pkh.loc[(pkh["period"] == pkh["period"].max()) & (pkh["status"] == 0)]
    kec = data.desa["kode_kec"].astype(str).to_numpy()[fam["desa_idx"].to_numpy()[last["fam"].to_numpy()]]
    kab_idx = fam["kab_idx"].to_numpy()[last["fam"].to_numpy()]
    access = _access(data)
    staff, mapping = [], []
    for i, kab in enumerate(data.kab["kode_kab"]):
        here = kab_idx == i
        counts = pd.Series(kec[here]).value_counts().sort_index()
        n_fac = max(1, round(here.sum() / lerp(cfg["kpm_per_pendamping"], access[i])))
        if counts.empty:
            counts = pd.Series(
                [1], index=[sorted({c for c in data.desa["kode_kec"] if c.startswith(kab)})[0]]
            )
        where = np.sort(rng.choice(len(counts), size=n_fac, p=(counts / counts.sum()).to_numpy()))
        ids = [f"PDP{kab.replace('.', '')}{j + 1:04d}" for j in range(n_fac)]
        fac_kec = counts.index.to_numpy()[where]
        staff += list(zip(ids, fac_kec, strict=True))
        for kpm_id, c in zip(last["id_kpm"].to_numpy()[here], kec[here], strict=True):
            local = [f for f, fk in zip(ids, fac_kec, strict=True) if fk == c] or ids
            mapping.append((str(int(kpm_id)), local[int(rng.integers(0, len(local)))]))
    return (
        pd.DataFrame(staff, columns=["ID_PENDAMPING", "KODE_KECAMATAN"]),
        pd.DataFrame(mapping, columns=["ID_KPM", "ID_PENDAMPING"]),
    )


def build(data: SyntheticData) -> dict[str, pd.DataFrame]:
    """Return the clean extra exports (canonical string columns) keyed by export name."""
    events, payments = bencana(data, _rng(data, rawformat.BENCANA))
    staff, mapping = pendamping(data, _rng(data, rawformat.PENDAMPING))
    return {
        rawformat.PEMBERDAYAAN: pemberdayaan(data, _rng(data, rawformat.PEMBERDAYAAN)),
        rawformat.GRADUASI: graduasi(data, _rng(data, rawformat.GRADUASI)),
        rawformat.BENCANA: events,
        rawformat.BANTUAN_DARURAT: payments,
        rawformat.PENDAMPING: staff,
        rawformat.PENDAMPING_KPM: mapping,
    }


def corrupt(
    export: str, frame: pd.DataFrame, rng: np.random.Generator, cfg: dict
) -> tuple[pd.DataFrame, dict[str, int]]:
    """Inject faults into one clean export; return the messy frame and the counts per fault."""
    out = frame.copy()
    tally: dict[str, int] = {}
    n = len(out)
    for column in _DATE_COLUMNS:
        if column in out:
            rows = np.flatnonzero((rng.random(n) < cfg["date_mixed"]) & out[column].ne("").to_numpy())
            parsed = pd.to_datetime(out[column].iloc[rows], format="%d-%m-%Y")
            iso = rng.random(len(rows)) < 0.5
            out.loc[out.index[rows], column] = np.where(
                iso, parsed.dt.strftime("%Y-%m-%d"), parsed.dt.strftime("%d/%m/%Y")
            )
            tally["tanggal_format_lain"] = tally.get("tanggal_format_lain", 0) + len(rows)
    for column, unknown in _REGION_COLUMNS.items():
        if column in out:
            rows = np.flatnonzero(rng.random(n) < cfg["region_unknown"])
            out.loc[out.index[rows], column] = unknown
            tally["kode_wilayah_tidak_dikenal"] = tally.get("kode_wilayah_tidak_dikenal", 0) + len(rows)
    dup = np.flatnonzero(rng.random(n) < cfg["duplicate_exact"])
    if len(dup):
        out = pd.concat([out, out.iloc[dup]]).sort_index(kind="stable").reset_index(drop=True)
    tally["baris_duplikat_persis"] = len(dup)
    headers = {}
    for column in rawformat.COLUMNS[export]:
        header = column.name
        if column.variants and rng.random() < cfg["header_variant_share"]:
            header = column.variants[int(rng.integers(0, len(column.variants)))]
        headers[column.name] = header
    if len({rawformat.normalise_header(h) for h in headers.values()}) < len(headers):
        headers = {c: c for c in headers}
    tally["judul_kolom_varian"] = sum(h != c for c, h in headers.items())
    return out.rename(columns=headers), tally


def write_extras(data: SyntheticData, out_dir: Path) -> dict[str, int]:
    """Write the extra exports into ``out_dir/<[extras].folder>``.

    Parameters
    ----------
    data : SyntheticData
        The generated truth.
    out_dir : Path
        Raw folder of the main exports.

    Returns
    -------
    dict
        ``ekstra/<file>`` → data rows written (duplicates included).
    """
    cfg = data.scenario["extras"]
    folder = Path(out_dir) / cfg["folder"]
    folder.mkdir(parents=True, exist_ok=True)
    written, faults = {}, {}
    for export, frame in build(data).items():
        name = f"{export}.csv"
        messy, tally = corrupt(export, frame, _rng(data, f"faults:{export}"), cfg)
        messy["PENANDA"] = config.SYNTHETIC_LABEL
        messy.to_csv(folder / name, index=False, lineterminator="\n")
        written[f"{cfg['folder']}/{name}"] = len(messy)
        faults[name] = tally
    (folder / FAULTS_FILE).write_text(json.dumps(faults, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return written
