#!/usr/bin/env python3
"""db-benchmark groupby questions (G1_*_1e2_0_0) in pandas, the baseline of `Rdd.Benchmarks groupby`.

Usage: pandas_groupby.py <csv> [<parquet folder>]. Prints one JSON line per timed step:
{"q": "load"|"load_parquet"|"q1".."q10", "run": 1|2, "seconds": float, "rows": int}.
"load_parquet" (pd.read_parquet of the same data, categories as after the CSV load) is timed only when pandas
has a Parquet engine (pyarrow or fastparquet); without one it is left out.
Follows db-benchmark's groupby-pandas.py: id1..id3 become categories after loading, each question runs twice
(sort=False, observed=True, as_index=False), and a run's time includes forcing its result (its shape).
"""
import json
import sys
import time

import pandas as pd


def emit(q, run, seconds, rows):
    print(json.dumps({"q": q, "run": run, "seconds": seconds, "rows": int(rows)}), flush=True)


def parquet_engine():
    for engine in ("pyarrow", "fastparquet"):
        try:
            __import__(engine)
            return engine
        except ImportError:
            pass
    return None


def load_parquet(path):
    engine = parquet_engine()
    if engine is None:
        return
    t = time.perf_counter()
    p = pd.read_parquet(path, engine=engine)
    for column in ("id1", "id2", "id3"):
        p[column] = p[column].astype("category")
    emit("load_parquet", 1, time.perf_counter() - t, len(p))
    del p


def main():
    path = sys.argv[1]
    if len(sys.argv) > 2:
        load_parquet(sys.argv[2])
    t = time.perf_counter()
    x = pd.read_csv(path)
    x["id1"] = x["id1"].astype("category")
    x["id2"] = x["id2"].astype("category")
    x["id3"] = x["id3"].astype("category")
    emit("load", 1, time.perf_counter() - t, len(x))

    g = dict(as_index=False, sort=False, observed=True, dropna=False)
    questions = [
        ("q1", lambda: x.groupby("id1", **g).agg({"v1": "sum"})),
        ("q2", lambda: x.groupby(["id1", "id2"], **g).agg({"v1": "sum"})),
        ("q3", lambda: x.groupby("id3", **g).agg({"v1": "sum", "v3": "mean"})),
        ("q4", lambda: x.groupby("id4", **g).agg({"v1": "mean", "v2": "mean", "v3": "mean"})),
        ("q5", lambda: x.groupby("id6", **g).agg({"v1": "sum", "v2": "sum", "v3": "sum"})),
        ("q6", lambda: x.groupby(["id4", "id5"], **g).agg({"v3": ["median", "std"]})),
        ("q7", lambda: x.groupby("id3", **g).agg({"v1": "max", "v2": "min"}).assign(range_v1_v2=lambda d: d["v1"] - d["v2"])[["id3", "range_v1_v2"]]),
        ("q8", lambda: x[~x["v3"].isna()][["id6", "v3"]].sort_values("v3", ascending=False).groupby("id6", sort=False, observed=True, dropna=False).head(2)),
        ("q9", lambda: x[["id2", "id4", "v1", "v2"]].groupby(["id2", "id4"], sort=False, observed=True, dropna=False)
            .apply(lambda d: pd.Series({"r2": d.corr(numeric_only=True)["v1"]["v2"] ** 2}))),
        ("q10", lambda: x.groupby(["id1", "id2", "id3", "id4", "id5", "id6"], **g).agg({"v3": "sum", "v1": "size"})),
    ]
    for name, question in questions:
        for run in (1, 2):
            t = time.perf_counter()
            ans = question()
            rows = ans.shape[0]
            emit(name, run, time.perf_counter() - t, rows)
            del ans


if __name__ == "__main__":
    main()
