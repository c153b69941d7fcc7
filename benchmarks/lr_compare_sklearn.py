#!/usr/bin/env python3
"""scikit-learn's side of `Rdd.Benchmarks lr-compare`.

Fits StandardScaler + LogisticRegression(solver='lbfgs', C = 1 / (n * reg)) on the training CSV
(header `label,x0,...`, label 0/1), the same objective as Spark's LogisticRegression with
RegParam = reg, ElasticNetParam = 0 and standardization: scikit-learn (>= 1.1) minimizes
(1/n) * sum(log-loss) + 1/(2 n C) * ||w||^2 on the scaled features, the intercept unpenalized.
Prints one JSON object on stdout: load/parse time, each fit's time, the solution on the original
feature scale, the iteration count and the AUC on the held-out CSV. Exits with 3 and a message on
stderr when numpy or scikit-learn is missing (apt-get install -y python3-sklearn).

Run by the benchmark with Debian's /usr/bin/python3:
    /usr/bin/python3 benchmarks/lr_compare_sklearn.py --train TRAIN.csv --test TEST.csv --reg 0.01 --runs 3
"""
import argparse
import json
import sys
import time


def load(path, np):
    """The CSV as a float64 matrix, with pandas' C parser when present, else numpy.loadtxt."""
    try:
        import pandas as pd
        return pd.read_csv(path, dtype=np.float64, engine="c").to_numpy(), f"pandas {pd.__version__} read_csv (float64)"
    except ImportError:
        return np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float64), f"numpy {np.__version__} loadtxt (float64)"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", required=True)
    parser.add_argument("--test", required=True)
    parser.add_argument("--reg", type=float, required=True, help="Spark's RegParam (L2 only)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--max-iter", type=int, default=100)
    parser.add_argument("--tol", type=float, default=1e-4)
    args = parser.parse_args()

    try:
        import numpy as np
        import sklearn
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import roc_auc_score
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler
    except ImportError as e:
        print(f"scikit-learn is not available to {sys.executable} ({e}); apt-get install -y python3-sklearn", file=sys.stderr)
        return 3

    start = time.perf_counter()
    train, load_what = load(args.train, np)
    load_seconds = time.perf_counter() - start
    x, y = train[:, 1:], train[:, 0]
    n = len(y)
    c = 1.0 / (n * args.reg)

    times = []
    model = None
    for _ in range(args.runs):
        start = time.perf_counter()
        model = make_pipeline(StandardScaler(), LogisticRegression(C=c, solver="lbfgs", max_iter=args.max_iter, tol=args.tol))
        model.fit(x, y)
        times.append(time.perf_counter() - start)

    scaler, lr = model[0], model[1]
    coefficients = lr.coef_[0] / scaler.scale_
    intercept = float(lr.intercept_[0] - np.dot(coefficients, scaler.mean_))
    test, _ = load(args.test, np)
    auc = float(roc_auc_score(test[:, 0], model.decision_function(test[:, 1:])))

    json.dump({
        "load_seconds": load_seconds,
        "load_what": load_what + ", training CSV",
        "train_seconds": times,
        "coefficients": [float(v) for v in coefficients],
        "intercept": intercept,
        "n_iter": int(lr.n_iter_[0]),
        "auc": auc,
        "c": c,
        "versions": f"python {sys.version.split()[0]}, scikit-learn {sklearn.__version__}, numpy {np.__version__}",
    }, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
