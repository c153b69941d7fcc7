#!/usr/bin/python3
"""Reference results from scikit-learn for the Rdd.MlLib tests (golden files).

Interpreter: Debian's /usr/bin/python3 with `apt-get install -y python3-sklearn python3-pandas`
(scikit-learn 1.2.1, numpy 1.24.2, scipy 1.10.1 when these files were made). The pyenv python3 on PATH
has no scikit-learn. Run from anywhere:

    /usr/bin/python3 tests/Rdd.MlLib.Tests/References/make_sklearn_goldens.py

It rewrites, next to itself:
  Data/*.csv                  data sets: header, `label`, `f0..f{p-1}`, optional `weight`
  LogisticRegression/*.json   one logistic-regression case per file (parameters, expected model, tolerances)
  Metrics/binary.json         evaluator goldens for BinaryClassificationMetrics
  Metrics/multiclass.json     evaluator goldens for MulticlassMetrics
The outputs are committed: the C# tests never run Python. Everything is seeded, so a rerun with the same
library versions rewrites the same bytes.

Spark's logistic-regression objective (LogisticRegression.scala, RDDLossFunction, L2Regularization):
    minimize (1/sum w) sum_i w_i logloss_i + regParam ((1-a)/2 ||b||^2 + a ||b||_1),  intercept never penalized
where b are the coefficients in the space of the features divided by their standard deviation when
standardization=true, and the original coefficients when standardization=false. The standard deviation is
Spark's Summarizer `std`: the weighted unbiased one, sqrt(sum w (x-mean)^2 / (W - sum w^2 / W)) with
W = sum w, i.e. the sample (ddof=1) standard deviation when all weights are 1. A feature whose std is 0 gets
coefficient 0 whatever the other settings (Spark divides by std only where std != 0 and leaves 0 otherwise).
Spark fits in the space x/std (it also centres x when fitIntercept, which changes nothing but the intercept's
parametrization) and reports coefficients/std.

Mapping to scikit-learn, which minimizes C sum_i w_i logloss_i + (1-r)/2 ||b||^2 + r ||b||_1:
dividing by C sum w gives Spark's form with C = 1/(sum w * regParam) and r = l1_ratio = elasticNetParam;
penalty=None when regParam = 0. We fit on X/std (centred as well when fitIntercept: the coefficient optimum is
unchanged and both solvers converge much faster), drop std = 0 columns, and map back:
coefficient_j = b_j / std_j, intercept = b0 - sum_j b_j mean_j / std_j. For standardization=false (L2 only)
we fit on centred, unscaled X, so sklearn's penalty is on the original coefficients, as Spark's.

Solvers (a deliberate change from "lbfgs for L2/none"): scikit-learn 1.2.1 calls scipy's L-BFGS-B with only
`gtol` set, so it also stops at scipy's default ftol (relative objective decrease < 2.2e-9); on
breast_cancer it stops after ~21 iterations with gradients ~6e-7, far from a golden. We therefore use
`newton-cg` (exact Hessian-vector products) for L2 and unpenalized fits, with the tightest tol in
NEWTON_TOLS at which it converges: n_iter_ < max_iter and no "Line Search failed" warning (newton-cg also
returns early, below max_iter, when its line search fails at the rounding floor). We still run lbfgs
(tol 1e-15) as a cross-check whose distance to the golden is printed. Elastic net and L1 use `saga` with
tol 1e-12 on the centred, standardized data, which reaches KKT residuals ~1e-12 (printed per case).

Multinomial (family="multinomial"): Spark fits K coefficient vectors and K intercepts (softmax, no pivot
class) with the same penalty over all of them; scikit-learn's multi_class="multinomial" fits the same model.
Spark then (LogisticRegression.train, apache/spark master):
  * when regParam == 0 (and no bound constraints), centres the coefficients of each feature across classes:
    centers(j) = sum_k B(k, j) / K; B(k, j) -= centers(j) (on the original scale; centring commutes with /std);
  * when fitIntercept (and no bounds), always centres the intercepts: b_k -= sum_k b_k / K, because they are
    never penalized and so only defined up to a shift.
With an L2 penalty the optimum's coefficients already sum to 0 over classes per feature; with L1 the penalty
itself pins each feature's shift (to a median over the classes, unique for odd K), the optimum is not centred,
and Spark leaves it alone. The goldens apply exactly Spark's centring. There is no regParam-0 case on iris:
petal length alone separates setosa from the other classes, so the unpenalized optimum does not exist
(the script checks this); a generated, non-separable 3-class set (600 x 4) stands in.

Every sklearn fit is checked to have converged (n_iter_ < max_iter), and the script prints, per case, the
objective in Spark's form, the KKT residual (max |gradient| for smooth fits, max subgradient violation for
L1) and the Newton-step estimate of the golden's own distance to the exact optimum.

Tolerances for the C# LogisticRegression tests (written into each case's "tolerance" object). They assume
the C# solver stops with max |gradient| <= g (in Spark's fitting space): g = 1e-9 for L2/unpenalized fits (a
Spark-like L-BFGS run with tol <= 1e-12 and enough iterations) and g = 1e-8 for L1/elastic net (OWL-QN
converges more loosely near the kinks of |b|, and its active set settles last; the goldens themselves are as
tight: saga's KKT residuals here are ~1e-12). lambda_min / lambda_max are the extreme (non-null) eigenvalues
of the objective's Hessian in that space (on the nonzero coordinates with L1), written as
hessianEigenMin / hessianEigenMax; q is the number of free parameters.
  * coefficientsStandardized: |c_hat_j - c_j| * std_j must be below max(100 x the golden's own estimated
    error, sqrt(q) g / lambda_min), since ||delta||_2 <= ||gradient||_2 / lambda_min. Compared on the
    standardized scale because original-scale coefficients span many orders of magnitude (std 6e-4 gives a
    coefficient ~700). breast_cancer's features are nearly collinear (radius, perimeter, area), so lambda_min
    is ~1e-4 there and its bound ~6e-5 (L2, regParam 0.01), though a good solver lands much closer.
  * zeroCoefficients (L1): coefficients that are 0 in the golden must be within the same bound of 0.
  * intercept: the coefficient bound times (1 + sum_j |mean_j| / std_j): the original-scale intercept
    absorbs the coefficient errors times the feature means.
  * probabilities (first 20 rows): slope x sqrt(q) g / lambda_min x max_i ||(x_i / std, 1)||_2, the change
    of a margin bounded by Cauchy-Schwarz, times the largest slope of the logistic (1/4) or softmax (1/2).
  * objectiveRelative: max(1e-12, 10 x (q g^2 / (2 lambda_min)) / objective): at the optimum the objective
    is flat, f - f* <= ||gradient||^2 / (2 lambda_min), so this is the tightest and most robust check.
Why not sklearn's lbfgs as a proxy for the C# L-BFGS: it stops at a relative objective decrease of 2.2e-9,
and the script prints how far that lands from the golden (up to 2e-2 for the unstandardized case): loose
solver tolerances in the C# tests will fail these bounds, by design.
Metric goldens are exact-ish arithmetic: the C# code sums the same terms in a different order (per
partition), so 1e-12 relative is the tolerance there (see the Metrics section below).
"""

import json
import math
import os
import re
import warnings

import numpy as np
import pandas as pd
import sklearn
from sklearn.datasets import load_breast_cancer, load_iris, load_wine
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (accuracy_score, fbeta_score, log_loss, precision_recall_curve,
                             precision_recall_fscore_support, roc_auc_score)

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "Data")
LR = os.path.join(HERE, "LogisticRegression")
METRICS = os.path.join(HERE, "Metrics")

NEWTON_TOLS = [1e-10, 1e-9, 1e-8, 1e-7]   # newton-cg tol is on max |gradient| of the summed objective
NEWTON_MAX_ITER = 2000                    # Newton converges in tens of iterations; more means it is stuck
SAGA_TOL = 1e-12
SAGA_MAX_ITER = 1_000_000
NUM_PROBABILITY_ROWS = 20


# ----------------------------------------------------------------------------------------------- data files

def fmt(v):
    """Shortest text that reads back as the same double (repr), integers without a fraction."""
    v = float(v)
    if v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return repr(v)


def write_csv(name, X, y, w=None):
    """Writes the CSV, then reads it back so every fit below uses exactly the doubles the C# tests parse."""
    path = os.path.join(DATA, name)
    p = X.shape[1]
    header = ["label"] + [f"f{j}" for j in range(p)] + (["weight"] if w is not None else [])
    with open(path, "w", newline="\n") as f:
        f.write(",".join(header) + "\n")
        for i in range(X.shape[0]):
            row = [fmt(y[i])] + [fmt(x) for x in X[i]] + ([fmt(w[i])] if w is not None else [])
            f.write(",".join(row) + "\n")
    return read_csv(name)


def read_csv(name):
    df = pd.read_csv(os.path.join(DATA, name), float_precision="round_trip")
    y = df["label"].to_numpy(dtype=float)
    X = df[[c for c in df.columns if c.startswith("f")]].to_numpy(dtype=float)
    w = df["weight"].to_numpy(dtype=float) if "weight" in df.columns else None
    return X, y, w


def make_data():
    """Writes the data sets; returns {name: (file, X, y, w)}."""
    os.makedirs(DATA, exist_ok=True)
    sets = {}

    X, y = load_breast_cancer(return_X_y=True)
    sets["breast_cancer"] = ("breast_cancer.csv",) + write_csv("breast_cancer.csv", X, y)

    # Binary, not separable (labels drawn from the model's own probabilities), one constant feature (f2) and
    # features on very different scales: f1 has std ~1000, f3 std ~6e-4, f4 is 0/1.
    rng = np.random.default_rng(20240611)
    n = 2000
    f0 = np.round(rng.normal(0.0, 1.0, n), 6)
    f1 = np.round(rng.normal(50.0, 1000.0, n), 3)
    f2 = np.full(n, 3.0)
    f3 = np.round(rng.uniform(0.0, 0.002, n), 9)
    f4 = (rng.uniform(size=n) < 0.3).astype(float)
    Xg = np.column_stack([f0, f1, f2, f3, f4])
    z = -0.4 + 1.0 * f0 + 0.0008 * f1 + 700.0 * (f3 - 0.001) - 1.2 * f4
    yg = (rng.uniform(size=n) < 1.0 / (1.0 + np.exp(-z))).astype(float)
    # Weights with repeats, fractions and a few zeros (Spark accepts weight 0: such rows count for nothing).
    wg = rng.choice([0.0, 0.5, 1.0, 2.0, 3.5], size=n, p=[0.03, 0.27, 0.3, 0.3, 0.1])
    sets["generated"] = ("generated.csv",) + write_csv("generated.csv", Xg, yg)
    sets["generated_weighted"] = ("generated_weighted.csv",) + write_csv("generated_weighted.csv", Xg, yg, wg)

    X, y = load_iris(return_X_y=True)
    sets["iris"] = ("iris.csv",) + write_csv("iris.csv", X, y)
    X, y = load_wine(return_X_y=True)
    sets["wine"] = ("wine.csv",) + write_csv("wine.csv", X, y)

    # Three classes, not separable (labels drawn from a softmax), features on different scales: the
    # unregularized multinomial case. Iris cannot be that case: setosa is linearly separable from the other
    # classes, so without a penalty the likelihood has no maximum (see iris_has_no_unpenalized_optimum).
    rng = np.random.default_rng(7)
    n = 600
    Xm = np.column_stack([np.round(rng.normal(0, 1, n), 6), np.round(rng.normal(10, 5, n), 5),
                          np.round(rng.uniform(-1, 1, n), 6), np.round(rng.normal(0, 0.1, n), 7)])
    B = np.array([[0.8, 0.1, -1.0, 3.0], [-0.5, -0.05, 0.7, -2.0], [0.0, 0.0, 0.3, 0.0]])
    M = Xm @ B.T + np.array([0.2, 0.5, -0.1])
    P = np.exp(M - M.max(1, keepdims=True))
    P /= P.sum(1, keepdims=True)
    ym = np.array([rng.choice(3, p=P[i]) for i in range(n)], dtype=float)
    sets["multiclass_generated"] = ("multiclass_generated.csv",) + write_csv("multiclass_generated.csv", Xm, ym)
    return sets


# --------------------------------------------------------------------------------- Spark-form arithmetic

def spark_std(X, w):
    """Spark's Summarizer std (weighted, unbiased); exactly 0 for constant columns, as Spark's is."""
    W = w.sum()
    mean = (w[:, None] * X).sum(0) / W
    denom = W - (w * w).sum() / W
    var = (w[:, None] * (X - mean) ** 2).sum(0) / denom if denom > 0 else np.zeros(X.shape[1])
    std = np.sqrt(np.maximum(var, 0.0))
    std[np.ptp(X[w > 0], axis=0) == 0] = 0.0
    return mean, std


def softmax(M):
    M = M - M.max(1, keepdims=True)
    E = np.exp(M)
    return E / E.sum(1, keepdims=True)


def log_softmax(M):
    m = M.max(1, keepdims=True)
    return M - m - np.log(np.exp(M - m).sum(1, keepdims=True))


def data_loss(X, y, w, coef, intercepts, multinomial):
    """(1/sum w) sum w_i logloss_i for original-scale coefficients (K x p) and intercepts (K)."""
    if multinomial:
        L = log_softmax(X @ coef.T + intercepts)
        ll = -L[np.arange(len(y)), y.astype(int)]
    else:
        z = X @ coef[0] + intercepts[0]
        # log(1 + e^z) - y z, computed without overflow
        ll = np.logaddexp(0.0, z) - y * z
    return (w * ll).sum() / w.sum()


def penalty(coef, std, params):
    """regParam ((1-a)/2 ||b||^2 + a ||b||_1) with b in Spark's penalized space."""
    reg, a = params["regParam"], params["elasticNetParam"]
    b = coef * std if params["standardization"] else coef
    return reg * ((1 - a) / 2 * (b * b).sum() + a * np.abs(b).sum())


def probabilities(X, coef, intercepts, multinomial):
    if multinomial:
        return softmax(X @ coef.T + intercepts)
    p1 = 1.0 / (1.0 + np.exp(-(X @ coef[0] + intercepts[0])))
    return np.column_stack([1 - p1, p1])


def optimality(X, y, w, coef, intercepts, std, params, multinomial):
    """KKT residual, Newton-step error estimate and Hessian eigenvalue range, in Spark's fitting space.

    Parameters are theta = (b = coef * std for the active features, intercepts) on features x / std; the
    penalty weights d_j are 1 (standardization) or 1/std_j (penalty on the original coefficients)."""
    active = std > 0
    Xs = X[:, active] / std[active]
    B = coef[:, active] * std[active]                      # K' x p'
    K, p = B.shape
    fit_b = params["fitIntercept"]
    d = np.ones(p) if params["standardization"] else 1.0 / std[active]
    lam1 = params["regParam"] * params["elasticNetParam"]
    lam2 = params["regParam"] * (1 - params["elasticNetParam"])
    W = w.sum()
    Xa = np.column_stack([Xs, np.ones(len(y))]) if fit_b else Xs
    q = Xa.shape[1]
    if multinomial:
        P = softmax(Xs @ B.T + intercepts)
        Y = np.eye(K)[y.astype(int)]
        R = w[:, None] * (P - Y) / W                       # n x K
        G = (Xa.T @ R).T                                   # K x q
        H = np.zeros((K * q, K * q))
        for k in range(K):
            for l in range(K):
                s = w * ((k == l) * P[:, k] - P[:, k] * P[:, l]) / W
                H[k * q:(k + 1) * q, l * q:(l + 1) * q] = (Xa * s[:, None]).T @ Xa
    else:
        pr = 1 / (1 + np.exp(-(Xs @ B[0] + intercepts[0])))
        G = (Xa.T @ (w * (pr - y) / W))[None, :]
        H = (Xa * (w * pr * (1 - pr) / W)[:, None]).T @ Xa
    G[:, :p] += lam2 * d * d * B
    pen_idx = np.array([k * q + j for k in range(K) for j in range(p)])
    H[pen_idx, pen_idx] += lam2 * np.tile(d * d, K)
    g = G.reshape(-1)
    theta = np.column_stack([B, intercepts]) if fit_b else B
    t = theta.reshape(-1)
    l1w = np.zeros(K * q)
    l1w[pen_idx] = lam1 * np.tile(d, K)
    nonzero = (t != 0) | (l1w == 0)
    kkt = np.where(nonzero, np.abs(g + l1w * np.sign(t)), np.maximum(np.abs(g) - l1w, 0.0))
    # Newton step on the free coordinates (all, or the nonzero ones with an L1 penalty); pinv handles the
    # directions along which an unpenalized multinomial objective is flat (shifting a column over classes).
    free = np.where(nonzero)[0]
    Hf = H[np.ix_(free, free)]
    step = np.linalg.pinv(Hf, rcond=1e-12, hermitian=True) @ (g + l1w * np.sign(t))[free]
    ev = np.linalg.eigvalsh(Hf)
    ev_pos = ev[ev > 1e-10 * ev.max()]
    step_full = np.zeros(K * q)
    step_full[free] = step
    step_coef = step_full.reshape(K, q)[:, :p]
    return {
        "maxKktViolation": float(kkt.max()),
        "estimatedMaxStandardizedCoefficientError": float(np.abs(step_coef).max()),
        "hessianEigenMin": float(ev_pos.min()),
        "hessianEigenMax": float(ev_pos.max()),
        "freeParameters": int(len(free)),
    }


# -------------------------------------------------------------------------------------- sklearn fitting

def fit_sklearn(X, y, w, std, mean, params, multinomial, solver, tol, max_iter):
    """One sklearn fit on Spark's fitting space; returns original-scale (coef K x p, intercepts K, n_iter)."""
    active = std > 0
    scale = std[active] if params["standardization"] else np.ones(active.sum())
    centre = mean[active] if params["fitIntercept"] else np.zeros(active.sum())
    Z = (X[:, active] - centre) / scale
    reg, a = params["regParam"], params["elasticNetParam"]
    kw = dict(fit_intercept=params["fitIntercept"], solver=solver, tol=tol, max_iter=max_iter,
              multi_class="multinomial" if multinomial else "ovr", random_state=0)
    if reg == 0:
        kw["penalty"] = None
    elif a == 0:
        kw.update(penalty="l2", C=1.0 / (w.sum() * reg))
    else:
        kw.update(penalty="elasticnet", l1_ratio=a, C=1.0 / (w.sum() * reg))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = LogisticRegression(**kw).fit(Z, y.astype(int), sample_weight=w)
    # newton-cg stops early, with n_iter_ < max_iter, when its line search fails: that is not convergence.
    stuck = any("Line Search failed" in str(c.message) or issubclass(c.category, ConvergenceWarning)
                for c in caught)
    Bz = np.atleast_2d(model.coef_)
    bz = np.atleast_1d(model.intercept_) if params["fitIntercept"] else np.zeros(Bz.shape[0])
    coef = np.zeros((Bz.shape[0], X.shape[1]))
    coef[:, active] = Bz / scale
    intercepts = bz - coef[:, active] @ centre
    return coef, intercepts, int(np.max(model.n_iter_)), stuck


def fit_case(case, sets):
    file, X, y, w_col = sets[case["data"]]
    params = case["params"]
    multinomial = params["family"] == "multinomial"
    w = w_col if params["weightCol"] else np.ones(len(y))
    mean, std = spark_std(X, w)
    smooth = params["regParam"] == 0 or params["elasticNetParam"] == 0

    if smooth:
        for tol in NEWTON_TOLS:
            coef, intercepts, n_iter, stuck = fit_sklearn(X, y, w, std, mean, params, multinomial,
                                                          "newton-cg", tol, NEWTON_MAX_ITER)
            if n_iter < NEWTON_MAX_ITER and not stuck:
                solver, max_iter = "newton-cg", NEWTON_MAX_ITER
                break
        else:
            raise SystemExit(f"{case['name']}: newton-cg did not converge at any tol in {NEWTON_TOLS}")
        lb_coef, lb_int, lb_iter, _ = fit_sklearn(X, y, w, std, mean, params, multinomial,
                                                  "lbfgs", 1e-15, 100000)
    else:
        solver, tol, max_iter = "saga", SAGA_TOL, SAGA_MAX_ITER
        coef, intercepts, n_iter, stuck = fit_sklearn(X, y, w, std, mean, params, multinomial,
                                                      solver, tol, max_iter)
        assert not stuck, f"{case['name']}: saga warned"
        lb_coef = None
    assert n_iter < max_iter, f"{case['name']}: {solver} did not converge ({n_iter} iterations)"

    # Spark's centring of multinomial solutions (see the module docstring).
    if multinomial and params["regParam"] == 0:
        coef = coef - coef.mean(0, keepdims=True)
        if lb_coef is not None:
            lb_coef = lb_coef - lb_coef.mean(0, keepdims=True)
    if multinomial and params["fitIntercept"]:
        intercepts = intercepts - intercepts.mean()

    objective = data_loss(X, y, w, coef, intercepts, multinomial) + penalty(coef, std, params)
    opt = optimality(X, y, w, coef, intercepts, std, params, multinomial)
    probs = probabilities(X[:NUM_PROBABILITY_ROWS], coef, intercepts, multinomial)

    # Tolerances for the C# tests (derivations in the module docstring).
    g = 1e-9 if smooth else 1e-8
    q, lam_min = opt["freeParameters"], opt["hessianEigenMin"]
    coef_tol = max(100 * opt["estimatedMaxStandardizedCoefficientError"], math.sqrt(q) * g / lam_min)
    active = std > 0
    rows = X[:NUM_PROBABILITY_ROWS][:, active] / std[active]
    row_norm = float(np.sqrt((rows ** 2).sum(1) + (1 if params["fitIntercept"] else 0)).max())
    tolerance = {
        "assumedSolverGradient": g,
        "coefficientsStandardized": coef_tol,
        "zeroCoefficients": 0.0 if smooth else coef_tol,
        "intercept": coef_tol * (1 + float((np.abs(mean[active]) / std[active]).sum())),
        "probabilities": (0.5 if multinomial else 0.25) * math.sqrt(q) * g / lam_min * row_norm,
        "objectiveRelative": max(1e-12, 10 * q * g * g / (2 * lam_min) / objective),
        "why": ("assumes the C# solver stops at max |gradient| <= assumedSolverGradient; coefficients compared as "
                "|c_hat - c| * featuresStd against max(100 x golden error, sqrt(q) g / hessianEigenMin); intercept "
                "and probabilities propagate that through the feature means / row norms; objective error "
                "<= q g^2 / (2 hessianEigenMin) (see make_sklearn_goldens.py)"),
    }

    lbfgs_note = None
    if lb_coef is not None:
        lbfgs_note = float(np.abs((lb_coef - coef)[:, active] * std[active]).max())
    print(f"{case['name']:<42} {solver:<9} tol={tol:<7g} n_iter={n_iter:<6} objective={objective:.17g}  "
          f"kkt={opt['maxKktViolation']:.1e} est.err={opt['estimatedMaxStandardizedCoefficientError']:.1e} "
          f"eig=[{opt['hessianEigenMin']:.1e},{opt['hessianEigenMax']:.1e}]"
          + (f" lbfgs(tol 1e-15, {lb_iter} it) differs by {lbfgs_note:.1e}" if lbfgs_note is not None else ""))

    expected = {"coefficients": coef.tolist() if multinomial else coef[0].tolist()}
    if multinomial:
        expected["intercepts"] = intercepts.tolist()
    else:
        expected["intercept"] = float(intercepts[0])
    expected["probabilities"] = probs.tolist()
    expected["objective"] = float(objective)
    return {
        "name": case["name"],
        "description": case["description"],
        "data": "Data/" + file,
        "numRows": int(len(y)),
        "numFeatures": int(X.shape[1]),
        "numClasses": int(y.max()) + 1,
        "params": params,
        "expected": expected,
        "featuresMean": mean.tolist(),
        "featuresStd": std.tolist(),
        "sklearn": {"version": sklearn.__version__, "solver": solver, "tol": tol, "maxIter": max_iter,
                    "nIter": n_iter, "C": None if params["regParam"] == 0 else 1.0 / (w.sum() * params["regParam"]),
                    "l1Ratio": params["elasticNetParam"], "lbfgsCrossCheckMaxDifference": lbfgs_note},
        "optimality": opt,
        "tolerance": tolerance,
    }


def lr_cases():
    def params(reg, a=0.0, fit=True, std=True, family="binomial", weight=None):
        return {"regParam": reg, "elasticNetParam": a, "fitIntercept": fit, "standardization": std,
                "family": family, "weightCol": weight}
    return [
        dict(name="breast_cancer_l2_0.01", data="breast_cancer", params=params(0.01),
             description="L2, standardized features"),
        dict(name="breast_cancer_l2_0.1", data="breast_cancer", params=params(0.1),
             description="stronger L2"),
        dict(name="breast_cancer_elasticnet_0.5", data="breast_cancer", params=params(0.01, 0.5),
             description="elastic net alpha 0.5 (saga)"),
        dict(name="breast_cancer_l1", data="breast_cancer", params=params(0.01, 1.0),
             description="pure L1 (saga): several coefficients exactly 0"),
        dict(name="breast_cancer_no_intercept", data="breast_cancer", params=params(0.01, fit=False),
             description="fitIntercept=false: features scaled by std but not centred"),
        # standardization=false on breast_cancer is too ill-conditioned for L-BFGS in Spark's formulation
        # (Hessian eigenvalues 2e-5 .. 1.4e3 in the standardized space it trains in: 20000 iterations still miss
        # the optimum by 1e-8 relative), so the two cases below cover the penalty on original coefficients.
        dict(name="generated_l2_not_standardized", data="generated", params=params(0.05, std=False),
             description="standardization=false: L2 penalty on the original coefficients, features on scales 1e3 / 6e-4"),
        dict(name="iris_multinomial_l2_not_standardized", data="iris", params=params(0.01, std=False, family="multinomial"),
             description="multinomial, standardization=false"),
        dict(name="generated_unregularized", data="generated", params=params(0.0),
             description="regParam 0; f2 is constant (coefficient 0), f1/f3 on scales 1e3 / 6e-4"),
        dict(name="generated_weighted_unregularized", data="generated_weighted", params=params(0.0, weight="weight"),
             description="regParam 0 with instance weights (some 0)"),
        dict(name="generated_weighted_l2", data="generated_weighted", params=params(0.05, weight="weight"),
             description="L2 with weights: the penalty uses Spark's weighted unbiased std"),
        dict(name="iris_multinomial_l2", data="iris", params=params(0.01, family="multinomial"),
             description="multinomial L2; intercepts centred as Spark does"),
        dict(name="multiclass_generated_unregularized", data="multiclass_generated",
             params=params(0.0, family="multinomial"),
             description="multinomial regParam 0: coefficients centred per feature and intercepts centred "
                         "(Spark); stands in for iris, whose unpenalized optimum does not exist"),
        dict(name="wine_multinomial_l2", data="wine", params=params(0.05, family="multinomial"),
             description="multinomial L2 on 13 features"),
        dict(name="wine_multinomial_l1", data="wine", params=params(0.02, 1.0, family="multinomial"),
             description="multinomial L1 (saga): sparse coefficient matrix, intercepts centred"),
    ]


def iris_has_no_unpenalized_optimum(sets):
    """Why iris has no regParam-0 golden: petal length alone separates setosa (class 0) from the rest, so
    scaling that separating direction lowers the unpenalized loss forever and the optimum does not exist."""
    _, X, y, _ = sets["iris"]
    setosa_max, others_min = X[y == 0, 2].max(), X[y != 0, 2].min()
    assert setosa_max < others_min
    print(f"iris: setosa petal length <= {setosa_max} < {others_min} <= the others': separable, "
          "so no regParam-0 golden on iris")


# ------------------------------------------------------------------------------------------ metric goldens
#
# Binary: Spark's BinaryClassificationMetrics (mllib/evaluation/BinaryClassificationMetrics.scala,
# binary/BinaryLabelCounter.scala, binary/BinaryConfusionMatrix.scala, binary/
# BinaryClassificationMetricComputers.scala, AreaUnderCurve.scala), numBins = 0:
#   * rows are grouped by distinct score; label > 0.5 counts as positive, with the row's weight;
#   * bins sorted by score descending; cumulative weighted (tp, fp) per bin; totals P, N;
#   * precision = tp/(tp+fp), 1.0 when tp+fp == 0; recall = tp/P, 0.0 when P == 0;
#     FPR = fp/N, 0.0 when N == 0; F(beta) = (1+b^2) p r / (b^2 p + r), 0 when p + r == 0;
#   * roc = (0,0), (FPR, recall) per bin, (1,1); pr = (0, precision of the first bin), (recall, precision)
#     per bin; areas by trapezoids (x1 - x0) (y0 + y1) / 2 summed in curve order.
# The goldens below are written directly in numpy from those definitions. areaUnderRoc is also checked
# against sklearn's roc_auc_score, and areaUnderPr against the same trapezoids over the points of sklearn's
# precision_recall_curve (reversed; sklearn drops zero-weight rows and stops at full recall, which removes
# only zero-width trapezoids, as long as the top score bin has positive weight, true for every set here).
# Tolerance 1e-12 relative: identical formulas, only the summation order differs (Spark and the C# code sum
# trapezoids per partition, then stitch partition boundaries).
#
# Multiclass: Spark's MulticlassMetrics (mllib/evaluation/MulticlassMetrics.scala): confusions
# ((label, prediction) -> weight); labels = the distinct *labels* (classes only predicted are not labels,
# and have no row or column in confusionMatrix); precision(l) = tp/(tp+fp) (0 when 0/0), recall(l) =
# tp/labelWeight(l), F = (1+b^2) p r/(b^2 p + r) (0 when p + r == 0); weighted* = sum over labels of the
# metric x labelWeight(l)/totalWeight; accuracy = sum tp / totalWeight; logLoss(eps=1e-15) = weighted mean
# of -log p(label) with p < eps -> -log(eps) and p > 1-eps -> -log1p(-eps). sklearn's accuracy_score,
# precision_recall_fscore_support(average='weighted', zero_division=0) and fbeta_score give the same
# numbers (labels only predicted have support 0, so weight 0), checked to 1e-12; sklearn's log_loss
# (eps=1e-15) clips to [eps, 1-eps] and renormalizes rows, which agrees to ~1e-15 absolute per row.


def spark_binary(scores, labels, weights):
    order = np.unique(scores)[::-1]
    pos = np.array([weights[(scores == s) & (labels > 0.5)].sum() for s in order])
    neg = np.array([weights[(scores == s) & ~(labels > 0.5)].sum() for s in order])
    tp, fp = np.cumsum(pos), np.cumsum(neg)
    P, N = tp[-1], fp[-1]
    precision = np.where(tp + fp == 0, 1.0, tp / np.where(tp + fp == 0, 1.0, tp + fp))
    recall = tp / P if P != 0 else np.zeros_like(tp)
    fpr = fp / N if N != 0 else np.zeros_like(fp)

    def fmeasure(beta):
        b2 = beta * beta
        den = b2 * precision + recall
        return np.where(precision + recall == 0, 0.0, (1 + b2) * precision * recall / np.where(den == 0, 1, den))

    roc = [(0.0, 0.0)] + list(zip(fpr, recall)) + [(1.0, 1.0)]
    pr = [(0.0, precision[0])] + list(zip(recall, precision))

    def area(curve):
        return float(sum((x1 - x0) * (y0 + y1) / 2.0 for (x0, y0), (x1, y1) in zip(curve, curve[1:])))

    return {
        "thresholds": order.tolist(),
        "roc": [[float(a), float(b)] for a, b in roc],
        "pr": [[float(a), float(b)] for a, b in pr],
        "precisionByThreshold": precision.tolist(),
        "recallByThreshold": recall.tolist(),
        "fMeasureByThreshold": fmeasure(1.0).tolist(),
        "fMeasureByThresholdBeta0.5": fmeasure(0.5).tolist(),
        "areaUnderRoc": area(roc),
        "areaUnderPr": area(pr),
    }


def sklearn_aupr(scores, labels, weights):
    precision, recall, _ = precision_recall_curve(labels, scores, sample_weight=weights)
    pts = list(zip(recall[::-1][1:], precision[::-1][1:]))   # drop sklearn's appended (0, 1) point
    pts = [(0.0, pts[0][1])] + pts
    return sum((x1 - x0) * (y0 + y1) / 2.0 for (x0, y0), (x1, y1) in zip(pts, pts[1:]))


def close(a, b, rel=1e-12):
    return abs(a - b) <= rel * max(1.0, abs(a), abs(b))


def binary_metric_sets(lr_results, sets):
    rng = np.random.default_rng(99)
    out = []

    n = 300
    labels = (rng.uniform(size=n) < 0.4).astype(float)
    scores = np.round(1 / (1 + np.exp(-(rng.normal(0, 1.2, n) + 1.1 * labels))), 12)
    out.append(("continuous_unit_weights", "distinct scores (almost), weight 1", scores, labels, np.ones(n)))

    n = 400
    labels = (rng.uniform(size=n) < 0.55).astype(float)
    scores = np.round(np.clip(rng.normal(0.45 + 0.15 * labels, 0.2), 0, 1), 1)  # 11 distinct values
    weights = np.round(rng.uniform(0.25, 3.0, n), 2)
    out.append(("many_ties_weighted", "11 distinct scores, fractional weights", scores, labels, weights))

    n = 250
    labels = (rng.uniform(size=n) < 0.3).astype(float)
    scores = rng.choice([0.05, 0.2, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95], size=n) + 0.1 * labels
    weights = rng.choice([0.0, 1.0, 2.0, 4.0], size=n, p=[0.2, 0.4, 0.3, 0.1])
    top = scores == scores.max()
    weights[top] = np.maximum(weights[top], 1.0)           # the top bin keeps positive weight (see above)
    out.append(("ties_and_zero_weights", "ties, 20% of rows weight 0 (not in the top score bin)",
                scores, labels, weights))

    # Realistic scores: breast_cancer probabilities of the L2 golden model on all 569 rows.
    case = lr_results["breast_cancer_l2_0.01"]
    _, X, y, _ = sets["breast_cancer"]
    coef = np.array([case["expected"]["coefficients"]])
    probs = probabilities(X, coef, np.array([case["expected"]["intercept"]]), False)[:, 1]
    out.append(("breast_cancer_lr_probabilities", "P(label 1) of the breast_cancer_l2_0.01 golden model",
                probs, y, np.ones(len(y))))

    result = []
    for name, description, scores, labels, weights in out:
        expected = spark_binary(scores, labels, weights)
        sk_auc = roc_auc_score(labels, scores, sample_weight=weights)
        sk_aupr = sklearn_aupr(scores, labels, weights)
        assert close(sk_auc, expected["areaUnderRoc"]), (name, sk_auc, expected["areaUnderRoc"])
        assert close(sk_aupr, expected["areaUnderPr"]), (name, sk_aupr, expected["areaUnderPr"])
        expected["sklearnRocAucScore"] = float(sk_auc)
        print(f"binary metrics {name:<32} AUC={expected['areaUnderRoc']:.15f} (sklearn {sk_auc:.15f})  "
              f"AUPR={expected['areaUnderPr']:.15f} (sklearn curve {sk_aupr:.15f})  "
              f"{len(expected['thresholds'])} distinct scores")
        result.append({"name": name, "description": description, "scores": scores.tolist(),
                       "labels": labels.tolist(), "weights": weights.tolist(), "expected": expected})
    return result


def spark_multiclass(pred, labels, weights, probs):
    labs = np.unique(labels)
    total = weights.sum()
    conf = {}
    for l, p, w in zip(labels, pred, weights):
        conf[(l, p)] = conf.get((l, p), 0.0) + w
    label_w = {l: sum(w for (a, _), w in conf.items() if a == l) for l in labs}
    tp = {l: conf.get((l, l), 0.0) for l in labs}
    fp = {}
    for (l, p), w in conf.items():
        if l != p:
            fp[p] = fp.get(p, 0.0) + w

    def precision(l):
        t, f = tp[l], fp.get(l, 0.0)
        return 0.0 if t + f == 0 else t / (t + f)

    def recall(l):
        return tp[l] / label_w[l]

    def fmeasure(l, beta):
        p, r, b2 = precision(l), recall(l), beta * beta
        return 0.0 if p + r == 0 else (1 + b2) * p * r / (b2 * p + r)

    def fpr(l):
        return fp.get(l, 0.0) / (total - label_w[l])

    eps = 1e-15
    loss = 0.0
    for l, w, row in zip(labels, weights, probs):
        p = row[int(l)]
        loss += w * (-math.log(eps) if p < eps else -math.log1p(-eps) if p > 1 - eps else -math.log(p))
    return {
        "labels": labs.tolist(),
        "accuracy": sum(tp.values()) / total,
        "weightedPrecision": sum(precision(l) * label_w[l] / total for l in labs),
        "weightedRecall": sum(recall(l) * label_w[l] / total for l in labs),
        "weightedFMeasure": sum(fmeasure(l, 1.0) * label_w[l] / total for l in labs),
        "weightedFMeasureBeta0.5": sum(fmeasure(l, 0.5) * label_w[l] / total for l in labs),
        "weightedFalsePositiveRate": sum(fpr(l) * label_w[l] / total for l in labs),
        "logLoss": loss / total,
        "confusionMatrix": [[conf.get((a, b), 0.0) for b in labs] for a in labs],
        "perLabel": [{"label": float(l), "precision": precision(l), "recall": recall(l),
                      "fMeasure": fmeasure(l, 1.0), "falsePositiveRate": fpr(l)} for l in labs],
    }


def multiclass_metric_sets(lr_results, sets):
    rng = np.random.default_rng(5)
    out = []

    n, K = 300, 3
    P = softmax(rng.normal(0, 1.5, (n, K)))
    labels = np.array([rng.choice(K, p=P[i]) for i in range(n)], dtype=float)
    out.append(("three_classes_unit_weights", "labels drawn from the probabilities; prediction = argmax",
                P.argmax(1).astype(float), labels, np.ones(n), P))

    n, K = 250, 4
    P = softmax(rng.normal(0, 2.0, (n, K)))
    labels = rng.choice([0.0, 1.0, 2.0], size=n, p=[0.5, 0.3, 0.2])      # 3 is never a label
    pred = P.argmax(1).astype(float)
    pred[pred == 2] = 3                                                   # 2 is never predicted
    weights = rng.choice([0.0, 0.5, 1.0, 3.0], size=n, p=[0.15, 0.25, 0.4, 0.2])
    # Exact 0 and 1 probabilities for the true label exercise the eps clipping of logLoss.
    for i in range(0, 20, 2):
        P[i] = 0.0
        P[i, (int(labels[i]) + 1) % K] = 1.0
    for i in range(1, 20, 2):
        P[i] = 0.0
        P[i, int(labels[i])] = 1.0
    out.append(("four_classes_weighted_with_zeros",
                "weights incl. 0; class 3 only predicted, class 2 never predicted; probabilities 0 and 1",
                pred, labels, weights, P))

    case = lr_results["iris_multinomial_l2"]
    _, X, y, _ = sets["iris"]
    P = probabilities(X, np.array(case["expected"]["coefficients"]), np.array(case["expected"]["intercepts"]), True)
    out.append(("iris_lr_predictions", "the iris_multinomial_l2 golden model's predictions on iris",
                P.argmax(1).astype(float), y, np.ones(len(y)), P))

    result = []
    for name, description, pred, labels, weights, P in out:
        e = spark_multiclass(pred, labels, weights, P)
        sk_p, sk_r, sk_f, _ = precision_recall_fscore_support(labels, pred, average="weighted",
                                                              sample_weight=weights, zero_division=0)
        sk_f05 = fbeta_score(labels, pred, beta=0.5, average="weighted", sample_weight=weights, zero_division=0)
        sk_acc = accuracy_score(labels, pred, sample_weight=weights)
        sk_ll = log_loss(labels, P, eps=1e-15, sample_weight=weights, labels=list(range(P.shape[1])))
        for a, b, what in [(sk_acc, e["accuracy"], "accuracy"), (sk_p, e["weightedPrecision"], "precision"),
                           (sk_r, e["weightedRecall"], "recall"), (sk_f, e["weightedFMeasure"], "F1"),
                           (sk_f05, e["weightedFMeasureBeta0.5"], "F0.5"), (sk_ll, e["logLoss"], "logLoss")]:
            assert close(a, b), (name, what, a, b)
        print(f"multiclass metrics {name:<34} accuracy={e['accuracy']:.15f} wP={e['weightedPrecision']:.15f} "
              f"wR={e['weightedRecall']:.15f} wF1={e['weightedFMeasure']:.15f} logLoss={e['logLoss']:.15f} "
              f"(sklearn log_loss differs by {abs(sk_ll - e['logLoss']):.1e})")
        result.append({"name": name, "description": description, "predictions": pred.tolist(),
                       "labels": labels.tolist(), "weights": weights.tolist(), "probabilities": P.tolist(),
                       "expected": e})
    return result


def write_json(path, obj):
    """Indented JSON with every list of numbers on one line (matrices: one row per line)."""
    text = json.dumps(obj, indent=2)
    text = re.sub(r"\[\s*([-+0-9.eE,\s]+?)\s*\]",
                  lambda m: "[" + ", ".join(x.strip() for x in m.group(1).split(",")) + "]", text)
    with open(path, "w", newline="\n") as f:
        f.write(text + "\n")


def main():
    np.seterr(over="ignore")
    sets = make_data()
    iris_has_no_unpenalized_optimum(sets)
    os.makedirs(LR, exist_ok=True)
    for old in os.listdir(LR):
        if old.endswith(".json"):
            os.remove(os.path.join(LR, old))
    results = {}
    for case in lr_cases():
        r = fit_case(case, sets)
        results[case["name"]] = r
        write_json(os.path.join(LR, case["name"] + ".json"), r)

    os.makedirs(METRICS, exist_ok=True)
    write_json(os.path.join(METRICS, "binary.json"), {"sets": binary_metric_sets(results, sets)})
    write_json(os.path.join(METRICS, "multiclass.json"), {"sets": multiclass_metric_sets(results, sets)})


if __name__ == "__main__":
    main()
