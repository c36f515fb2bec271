"""Benchmark the indicator engine (``python -m dashboard bench``).

For the processed data present (or, when there is none, a province-size
simulation) and for a national-size simulation (~20 M payment rows over 514
kabupaten, written to a temporary folder in the processed schema) it prints:

* cube build time and peak memory (RSS sampled every 10 ms with psutil);
* query time for a page of indicators (every indicator, kabupaten level, one
  quarter), uncached and cached, and the slowest single indicator;
* the same cube computed with plain pandas (:func:`pandas_cube`, kept here
  only for comparison), its time and peak memory, the speed ratio, and
  whether both give the same numbers.

Targets (from the brief): province cube ≤ 1 s; any indicator query ≤ 50 ms;
national cube ≤ 5 s with peak < 2 GB; ≥ 3× faster than plain pandas.
Results go to ``data/benchmarks/bench-<date>.json`` (git-ignored). Timings
are printed, never asserted in tests.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import psutil
import pyarrow.parquet as pq

from dashboard import config
from dashboard.indicators import cubestore, simulate
from dashboard.indicators.cube import BASE_COLUMNS, CubeConfig
from dashboard.indicators.engine import Engine

PROVINCE_SPEC = simulate.SimSpec(n_families=3_000_000, kec_per_kab=15)
NATIONAL_SPEC = simulate.SimSpec(
    n_families=8_600_000,
    kabupaten=simulate.national_kabupaten(514),
    kec_per_kab=14,
    pkh_rate=0.25,
    sembako_rate=0.35,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the command's options."""
    parser.add_argument(
        "--skip-national", action="store_true", help="lewati simulasi nasional (skip national)"
    )
    parser.add_argument("--skip-pandas", action="store_true", help="lewati pembanding pandas (skip pandas)")
    parser.add_argument(
        "--national-pandas",
        action="store_true",
        help="bandingkan juga dengan pandas pada data nasional (butuh > 10 GB RAM; off by default)",
    )
    parser.add_argument(
        "--national-families",
        type=int,
        default=NATIONAL_SPEC.n_families,
        help="jumlah keluarga simulasi nasional",
    )
    parser.add_argument("--out", type=Path, default=None, help="berkas JSON hasil (default data/benchmarks/)")
    parser.add_argument(
        "--processed", type=Path, default=None, help="folder data olahan yang diukur (default data aktif)"
    )
    parser.add_argument("--app", action="store_true", help="ukur juga waktu server tiap halaman (AppTest)")
    parser.add_argument("--browser", action="store_true", help="ukur juga waktu tampil di Chromium")


class _PeakRss:
    """Sample this process's RSS in a background thread; ``peak_mb`` after exit."""

    def __init__(self, interval: float = 0.01) -> None:
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._proc = psutil.Process()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._proc.memory_info().rss)
            time.sleep(self.interval)

    def __enter__(self) -> _PeakRss:
        gc.collect()
        self.start_mb = self._proc.memory_info().rss / 2**20
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._proc.memory_info().rss)

    @property
    def peak_mb(self) -> float:
        return self.peak / 2**20


@contextmanager
def _timer() -> Iterator[dict[str, float]]:
    out: dict[str, float] = {}
    start = time.perf_counter()
    yield out
    out["s"] = time.perf_counter() - start


# ---- plain pandas reference of the same cube -----------------------------------------------


def _read(path: Path, columns: list[str]) -> pd.DataFrame:
    return pq.read_table(path, columns=columns).to_pandas(date_as_object=False)


def pandas_cube(folder: Path, cfg: CubeConfig | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Compute the base cube and the kabupaten medians with plain pandas (comparison only).

    Same definitions as :func:`dashboard.indicators.cube.build_cube` (default
    due-date rule), for the base columns and the days-late median/p90 at
    kabupaten × programme × quarter.

    Returns
    -------
    (DataFrame, DataFrame)
        Base cube (kode_kab, kode_kec, program, periode + base columns) and
        kabupaten quantiles.
    """
    cfg = cfg or CubeConfig()
    fam = _read(
        folder / "families.parquet",
        ["family_id", "desil", "status_keberadaan", "tgl_meninggal", "kode_kab", "kode_kec"],
    )
    kpm = _read(
        folder / "kpm.parquet",
        ["kpm_id", "family_id", "program", "periode", "tgl_mulai", "tgl_akhir", "nominal", "status_kpm",
         "nik_pengurus_hash", "nik_pengurus_valid", "kode_kab", "kode_kec", "kode_desa"],
    )  # fmt: skip
    dis = _read(
        folder / "disbursements.parquet",
        ["kpm_id", "program", "periode", "tgl_sp2d", "kanal", "nominal_alokasi", "nominal_salur", "tgl_kredit",
         "tgl_tarik", "status_salur", "tgl_retur", "nominal_retur", "tgl_laporan", "kode_kab", "kode_kec"],
    )  # fmt: skip
    as_of = cfg.as_of or dis["tgl_laporan"].max().date()
    as_of_ts = pd.Timestamp(as_of)
    win = pd.Timedelta(days=cfg.dormant_days)
    ok = (dis["status_salur"] == "TERSALUR") & (dis["tgl_kredit"].isna() | (dis["tgl_kredit"] <= as_of_ts))
    him90 = ok & (dis["kanal"] == "HIMBARA") & (dis["tgl_kredit"] <= as_of_ts - win)
    d = pd.DataFrame(
        {
            "kpm_id": dis["kpm_id"], "program": dis["program"], "periode": dis["periode"],
            "d_kab": dis["kode_kab"], "d_kec": dis["kode_kec"], "ok": ok,
            "salur": dis["nominal_salur"].where(ok, 0), "kredit": dis["tgl_kredit"].where(ok),
            "gagal": dis["status_salur"] == "GAGAL", "rilis": dis["nominal_alokasi"],
            "retur": dis["nominal_retur"].where(dis["tgl_retur"].isna() | (dis["tgl_retur"] <= as_of_ts), 0),
            "k90": him90, "nt90": him90 & (dis["tgl_tarik"].isna() | (dis["tgl_tarik"] > dis["tgl_kredit"] + win)),
            "kanal": dis["kanal"].where(ok & dis["tgl_kredit"].notna()),
        }
    )  # fmt: skip
    key = ["kpm_id", "program", "periode"]
    last = d.loc[d["kanal"].notna()].sort_values("kredit").drop_duplicates(key, keep="last")[[*key, "kanal"]]
    pay = d.groupby(key, sort=False).agg(
        d_kab=("d_kab", "first"), d_kec=("d_kec", "first"), n_ok=("ok", "sum"), rp_salur=("salur", "sum"),
        kredit_akhir=("kredit", "max"), ada_gagal=("gagal", "any"), rp_dirilis=("rilis", "sum"),
        rp_retur=("retur", "sum"), trx_kredit_90=("k90", "sum"), trx_tidak_ditarik_90=("nt90", "sum"),
    ).reset_index().merge(last.rename(columns={"kanal": "kanal_akhir"}), on=key, how="left")  # fmt: skip
    dup_nik = kpm.loc[kpm["nik_pengurus_hash"].notna()].duplicated(
        ["program", "periode", "nik_pengurus_hash"], keep=False
    )
    dup_fam = kpm.loc[kpm["family_id"].notna()].duplicated(["program", "periode", "family_id"], keep=False)
    kpm = kpm.assign(
        dup=dup_nik.reindex(kpm.index, fill_value=False) | dup_fam.reindex(kpm.index, fill_value=False)
    )
    kp = kpm.merge(pay, on=key, how="outer", indicator=True)
    has_kpm = kp["_merge"] != "right_only"
    kp["kode_kab"] = kp["kode_kab"].where(has_kpm, kp["d_kab"])
    kp["kode_kec"] = kp["kode_kec"].where(has_kpm, kp["d_kec"])
    kp = kp.merge(fam.rename(columns={"kode_kab": "f_kab", "kode_kec": "f_kec"}), on="family_id", how="left")
    targets = {(p, d_) for p, ds in cfg.target_desil.items() for d_ in ds}
    in_set = pd.Series(
        [(p, d_) in targets for p, d_ in zip(kp["program"], kp["desil"].astype("float"), strict=True)],
        index=kp.index,
    )
    n_ok = kp["n_ok"].fillna(0)
    aktif = kp["status_kpm"].eq("AKTIF").fillna(False)
    rp_salur = kp["rp_salur"].fillna(0)
    lunas = (n_ok > 0) & (rp_salur >= kp["nominal"].fillna(0))
    tersalur = aktif & lunas
    late = (kp["kredit_akhir"] - kp["tgl_akhir"]).dt.days.clip(lower=0)
    dibayar = n_ok > 0
    sasaran = in_set & kp["status_keberadaan"].eq("ADA").fillna(False)
    mp = ((kp["status_keberadaan"] == "MENINGGAL") & (kp["tgl_meninggal"].isna() | (kp["tgl_meninggal"] < kp["kredit_akhir"]))) | (kp["status_keberadaan"] == "PINDAH")  # fmt: skip
    mp = mp.fillna(False)
    desil = kp["desil"].astype("float")
    cols = pd.DataFrame(
        {
            "kode_kab": kp["kode_kab"], "kode_kec": kp["kode_kec"].fillna("-"), "program": kp["program"],
            "periode": kp["periode"], "kpm_baris": has_kpm, "kpm_aktif": aktif,
            "rp_alokasi": kp["nominal"].where(aktif, 0).fillna(0), "kpm_tersalur": tersalur,
            "rp_tersalur": rp_salur.where(aktif, 0), "kpm_tepat_waktu": tersalur & (kp["kredit_akhir"] <= kp["tgl_akhir"]),
            "kpm_terlambat_30": tersalur & (late > cfg.late_days), "kpm_gagal": aktif & kp["ada_gagal"].fillna(False).astype(bool),
            "kpm_dibayar": dibayar, "kpm_dibayar_pos": dibayar & (kp["kanal_akhir"] == "POS"),
            "kpm_dibayar_himbara": dibayar & (kp["kanal_akhir"] == "HIMBARA"), "kpm_dibayar_meninggal_pindah": dibayar & mp,
            "penerima_bukan_sasaran": aktif & ~sasaran, "rp_tersalur_semua": rp_salur,
            "rp_bukan_sasaran": rp_salur.where(~sasaran, 0), "rp_desil_1_4": rp_salur.where(desil.between(1, 4), 0),
            "rp_dirilis": kp["rp_dirilis"].fillna(0), "rp_retur": kp["rp_retur"].fillna(0),
            "trx_kredit_90": kp["trx_kredit_90"].fillna(0), "trx_tidak_ditarik_90": kp["trx_tidak_ditarik_90"].fillna(0),
            "kpm_nik_valid": has_kpm & kp["nik_pengurus_valid"].fillna(False).astype(bool),
            "kpm_duplikat": has_kpm & kp["dup"].fillna(False).astype(bool),
            "kpm_desa_ok": has_kpm & kp["kode_desa"].notna(), "kpm_desil_kosong": aktif & desil.isna(),
        }
    )  # fmt: skip
    group = ["kode_kab", "kode_kec", "program", "periode"]
    main = cols.groupby(group, sort=False).sum()
    tgt = fam.merge(
        pd.DataFrame(sorted(targets), columns=["program", "desil"]).astype({"desil": "Int8"}), on="desil"
    )
    tgt = tgt.loc[tgt["status_keberadaan"] == "ADA"].assign(kode_kec=lambda f: f["kode_kec"].fillna("-"))
    periods = kpm[["program", "periode"]].drop_duplicates()
    tcount = tgt.groupby(["kode_kab", "kode_kec", "program"]).agg(
        sasaran=("family_id", "size"), desil1=("desil", lambda s: int((s == 1).sum()))
    )
    recv = kpm.loc[
        kpm["status_kpm"].eq("AKTIF") & kpm["family_id"].notna(), ["family_id", "program", "periode"]
    ].drop_duplicates()
    r = tgt.merge(recv, on=["family_id", "program"]).assign(d1=lambda f: f["desil"] == 1)
    rcount = r.groupby(group).agg(sasaran_penerima=("family_id", "size"), desil1_penerima=("d1", "sum"))
    targets_cube = tcount.reset_index().merge(periods, on="program").set_index(group).join(rcount).fillna(0)
    base = main.join(targets_cube, how="outer").fillna(0).astype("int64").reset_index()
    base["kode_kec"] = base["kode_kec"].replace("-", None)
    q = pd.DataFrame(
        {"kode_kab": kp["kode_kab"], "program": kp["program"], "periode": kp["periode"], "late": late}
    ).loc[tersalur]
    quant = q.groupby(["kode_kab", "program", "periode"])["late"].quantile([0.5, 0.9]).unstack()
    return base, quant


# ---- measurements --------------------------------------------------------------------------


def _measure_engine(folder: Path) -> tuple[Engine, dict[str, Any]]:
    with _PeakRss() as mem, _timer() as t:
        eng = Engine.from_processed(folder, quality_report={}, reuse_cube=False)
    result: dict[str, Any] = {"cube_s": round(t["s"], 3), "cube_peak_rss_mb": round(mem.peak_mb, 1)}
    if cubestore.save(eng.cube, folder):  # what the app does on every later start
        with _timer() as loaded:
            Engine.from_processed(folder, quality_report={})
        result["cube_load_stored_s"] = round(loaded["s"], 3)
    program = eng.programs()[0]
    periode = eng.periods(program)[-1]
    ids = list(eng.registry)
    eng._cache.clear()
    per_indicator = {}
    with _timer() as page_uncached:
        for ind in ids:
            start = time.perf_counter()
            eng.table(ind, level="kabupaten", program=program, periode=periode)
            per_indicator[ind] = time.perf_counter() - start
    with _timer() as page_cached:
        eng.page(ids, level="kabupaten", program=program, periode=periode)
    eng._cache.clear()
    with _timer() as kec_page:
        eng.page(ids, level="kecamatan", program=program, periode=periode)
    extra: dict[str, float] = {}
    calls: dict[str, Callable[[], object]] = {
        "disparity": lambda: eng.disparity("realisasi_kpm", program=program),
        "composite": lambda: eng.composite(program=program, periode=periode),
        "incidence": lambda: eng.incidence(program=program, periode=periode),
        "delay_distribution": lambda: eng.delay_distribution(program=program, periode=periode),
        "cumulative_paid": lambda: eng.cumulative_paid(program=program, periode=periode),
    }
    for name, call in calls.items():
        eng._cache.clear()
        start = time.perf_counter()
        call()
        extra[name] = round((time.perf_counter() - start) * 1000, 1)
    slowest = max(per_indicator, key=per_indicator.__getitem__)
    result.update(
        {
            "program": program,
            "periode": periode,
            "n_indicators": len(ids),
            "page_kabupaten_uncached_ms": round(page_uncached["s"] * 1000, 1),
            "page_kabupaten_cached_ms": round(page_cached["s"] * 1000, 1),
            "page_kecamatan_uncached_ms": round(kec_page["s"] * 1000, 1),
            "slowest_indicator": slowest,
            "slowest_indicator_ms": round(per_indicator[slowest] * 1000, 2),
            "other_queries_ms": extra,
            "cube_rows": len(eng.cube.base),
        }
    )
    return eng, result


def _compare(eng: Engine, folder: Path) -> dict[str, Any]:
    with _PeakRss() as mem, _timer() as t:
        base, quant = pandas_cube(folder, eng.cube.config)
    group = ["kode_kab", "kode_kec", "program", "periode"]
    cols = list(BASE_COLUMNS)
    ours = eng.cube.base[group + cols].set_index(group).sort_index()
    theirs = base[group + cols].set_index(group).sort_index()
    same = ours.index.equals(theirs.index) and bool((ours.to_numpy() == theirs.to_numpy()).all())
    q = eng.cube.quantiles
    q = q.loc[(q["level"] == "kabupaten") & q["periode"].str.contains("-T")].set_index(
        ["kode", "program", "periode"]
    )
    joined = q.join(quant.rename_axis(["kode", "program", "periode"]), how="inner")
    same_q = bool(
        np.allclose(joined["hari_terlambat_median"], joined[0.5])
        and np.allclose(joined["hari_terlambat_p90"], joined[0.9])
    )
    return {
        "pandas_cube_s": round(t["s"], 3),
        "pandas_peak_rss_mb": round(mem.peak_mb, 1),
        "same_numbers": same and same_q and len(joined) == len(quant),
    }


def _dataset(label: str, folder: Path, rows: dict[str, int], skip_pandas: bool) -> dict[str, Any]:
    print(f"\n== {label}: {rows.get('families', '?'):,} keluarga, {rows.get('kpm', '?'):,} baris KPM, "
          f"{rows.get('disbursements', '?'):,} transaksi ==")  # fmt: skip
    eng, res = _measure_engine(folder)
    res.update({"dataset": label, "rows": rows})
    print(
        f"cube build        {res['cube_s']:.2f} s   peak RSS {res['cube_peak_rss_mb']:.0f} MB   ({res['cube_rows']:,} cube rows)"
    )
    if "cube_load_stored_s" in res:
        print(f"cube load (stored) {res['cube_load_stored_s']:.3f} s")
    print(f"page kabupaten    {res['page_kabupaten_uncached_ms']:.1f} ms uncached / {res['page_kabupaten_cached_ms']:.1f} ms cached "
          f"for {res['n_indicators']} indicators ({res['program']} {res['periode']})")  # fmt: skip
    print(
        f"slowest indicator {res['slowest_indicator']} {res['slowest_indicator_ms']:.2f} ms; kecamatan page {res['page_kecamatan_uncached_ms']:.1f} ms"
    )
    print("other queries ms  " + ", ".join(f"{k} {v}" for k, v in res["other_queries_ms"].items()))
    if not skip_pandas:
        cmp_ = _compare(eng, folder)
        cmp_["speedup_vs_pandas"] = round(cmp_["pandas_cube_s"] / res["cube_s"], 2)
        res.update(cmp_)
        print(f"plain pandas      {cmp_['pandas_cube_s']:.2f} s   peak RSS {cmp_['pandas_peak_rss_mb']:.0f} MB   "
              f"speed-up {cmp_['speedup_vs_pandas']:.1f}×   same numbers: {cmp_['same_numbers']}")  # fmt: skip
    del eng
    gc.collect()
    return res


def _rows(folder: Path) -> dict[str, int]:
    return {
        n: pq.ParquetFile(folder / f"{n}.parquet").metadata.num_rows
        for n in ("families", "kpm", "disbursements")
    }


def run(args: argparse.Namespace) -> int:
    """Run the benchmark and write the JSON report."""
    results: dict[str, Any] = {
        "date": date.today().isoformat(),
        "machine": {
            "cpus": psutil.cpu_count(),
            "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version(),
        },
        "datasets": [],
    }
    folder = args.processed or config.processed_dir()
    with tempfile.TemporaryDirectory(prefix="presisi-bench-") as tmp:
        if all((folder / f"{n}.parquet").is_file() for n in ("families", "kpm", "disbursements")):
            results["datasets"].append(
                _dataset(f"processed ({folder})", folder, _rows(folder), args.skip_pandas)
            )
        else:
            prov = Path(tmp) / "provinsi"
            with _timer() as t:
                rows = simulate.write_processed(prov, PROVINCE_SPEC)
            print(
                f"(tidak ada data olahan di {folder}; simulasi ukuran provinsi dibuat dalam {t['s']:.1f} s)"
            )
            results["datasets"].append(_dataset("simulasi provinsi", prov, rows, args.skip_pandas))
        if not args.skip_national:
            nat = Path(tmp) / "nasional"
            spec = simulate.SimSpec(**{**NATIONAL_SPEC.__dict__, "n_families": args.national_families})
            with _timer() as t:
                rows = simulate.write_processed(nat, spec)
            print(f"\n(simulasi nasional ditulis dalam {t['s']:.1f} s)")
            results["datasets"].append(
                _dataset(
                    "simulasi nasional (514 kabupaten)",
                    nat,
                    rows,
                    args.skip_pandas or not args.national_pandas,
                )
            )
    if (folder / "kpm.parquet").is_file():
        results["product"] = _product_timings(folder, app=args.app, browser=args.browser)
    out = args.out or config.data_dir() / "benchmarks" / f"bench-{results['date']}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    print(f"\nhasil: {out}")
    return 0


def _product_timings(folder: Path, *, app: bool, browser: bool) -> dict[str, Any]:
    """Time what users wait for: a simulation, the meeting pack, and (optionally) the pages."""
    from dashboard.export import pack as pack_module
    from dashboard.export import render
    from dashboard.simulation import bench as sim_bench

    out: dict[str, Any] = {}
    eng = Engine.from_processed(folder)
    program = eng.programs()[0]
    periode = pack_module.default_period(eng, program)
    out["simulation"] = sim_bench.time_simulation(folder, engine=eng, program=program, periode=periode)
    print(f"\nsimulation        {out['simulation']}")
    with _timer() as t_pack:
        content = pack_module.build_pack(eng, program=program, periode=periode)
    pack_times = {"pack_s": round(t_pack["s"], 2)}
    for fmt in ("pptx", "pdf", "xlsx"):
        with _timer() as t_fmt:
            render.render(content, fmt)
        pack_times[f"{fmt}_s"] = round(t_fmt["s"], 2)
    out["meeting_pack_15_kabupaten"] = pack_times
    print(f"meeting pack      {pack_times}")
    if app:
        from dashboard.ui import timing

        out["app_server_ms"] = timing.server_times(folder)
        for key, value in out["app_server_ms"].items():
            print(f"page {key:<12} server {value}")
    if browser:
        from dashboard.ui import timing

        out["browser_s"] = timing.browser_times(folder)
        for key, value in out["browser_s"].items():
            print(f"page {key:<12} browser {value}")
    return out
