"""Build pipelines/safety/learned_guard.npz, the prompt guard's learned layer (see pipelines/safety/learned.py).

    PYTHONPATH=$PWD python scripts/build_safety_learned.py

Trains ONLY on the corpus's tuning material (bench/safety.py: the tuning half, fresh ... fresh4, fresh6a and
tuning5 ... tuning8); the held-out half, fresh5 and fresh6b are never read here. Deterministic (liblinear and
lbfgs solvers, fixed fold seed): the same corpus gives the same file. Needs scikit-learn (requirements-dev.txt).

The threshold is chosen without looking at any measured set: 5-fold cross-validation on the tuning material,
the lowest probability (0.50 ... 0.99, step 0.01) at which the layer alone wrongly refuses at most
MAX_CV_FALSE of the ordinary prompts of the held-back folds.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.safety import TUNING_SETS, load, roster  # noqa: E402
from pipelines.safety import learned  # noqa: E402
from pipelines.safety.normalise import normalise  # noqa: E402
from pipelines.safety.prompts import ORDER, _load, roster_names  # noqa: E402

TRAINING_HALVES = ("tuning", "fresh", "fresh2", "fresh3", "fresh4", "fresh6a")
SETS = ("",) + TUNING_SETS + ("fresh", "fresh2", "fresh3", "fresh4", "fresh6")
C = 10.0
MAX_CV_FALSE = 0.01
MIN_COUNT = 2  # buckets seen fewer times in training are dropped from the shipped file


def tuning_material() -> list:
    prompts = [p for s in SETS for kind in ("unsafe", "benign") for p in load(kind, s)]
    return [p for p in prompts if p.half in TRAINING_HALVES]


def matrix(rows: list[list[int]]) -> csr_matrix:
    indptr = np.cumsum([0] + [len(r) for r in rows])
    indices = np.concatenate([np.asarray(r, dtype=np.int64) for r in rows])
    data = np.concatenate([np.full(len(r), 1.0 / np.sqrt(len(r))) for r in rows])
    return csr_matrix((data, indices, indptr), shape=(len(rows), learned.BUCKETS))


def main() -> int:
    names = roster_names(roster())
    vocabulary = _load().vocabulary | {w for n in names for w in n.split()}
    prompts = tuning_material()
    rows = [learned.features(normalise(p.text, vocabulary).words, names) for p in prompts]
    X, y = matrix(rows), np.array([p.unsafe for p in prompts])
    print(f"{len(prompts)} tuning prompts ({y.sum()} to refuse, {len(y) - y.sum()} ordinary)")

    held_back = np.zeros(len(y))
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(X, y):
        fold = LogisticRegression(C=C, solver="liblinear", max_iter=2000).fit(X[train], y[train])
        held_back[test] = fold.predict_proba(X[test])[:, 1]
    threshold = next(t for t in np.round(np.arange(0.50, 1.00, 0.01), 2)
                     if np.mean(held_back[~y] >= t) <= MAX_CV_FALSE)
    print(f"threshold {threshold:.2f}: cross-validated, the layer alone refuses "
          f"{100 * np.mean(held_back[y] >= threshold):.1f} % of the unsafe and "
          f"{100 * np.mean(held_back[~y] >= threshold):.1f} % of the ordinary prompts")

    decision = LogisticRegression(C=C, solver="liblinear", max_iter=2000).fit(X, y)
    unsafe = np.flatnonzero(y)
    categories = tuple(c for c in ORDER if any(prompts[i].category == c for i in unsafe))
    labels = np.array([categories.index(prompts[i].category) for i in unsafe])
    naming = LogisticRegression(C=C, solver="lbfgs", max_iter=3000).fit(X[unsafe], labels)

    counts = np.bincount(X.indices, minlength=learned.BUCKETS)
    buckets = np.flatnonzero(counts >= MIN_COUNT)
    out = learned.WEIGHTS_PATH
    np.savez_compressed(out, buckets=buckets.astype(np.int32),
                        weight=decision.coef_[0, buckets].astype(np.float32),
                        bias=np.float32(decision.intercept_[0]),
                        category_weight=naming.coef_[:, buckets].T.astype(np.float16),
                        category_bias=naming.intercept_.astype(np.float32),
                        categories=np.array(categories), threshold=np.float32(threshold))
    print(f"{out.relative_to(ROOT)}: {len(buckets)} buckets, {out.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
