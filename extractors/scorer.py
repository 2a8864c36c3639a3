"""A small trained linear model (logistic regression over named features) that scores
candidates where a decision rests on many weak signals. Its weights are a JSON file committed
beside the cue files (extractors/data/scorers/), written by `make train` (scripts/train.py)
from the dev gold; an install never needs the corpus."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from models import ExtractionError

SCORERS = Path(__file__).parent / "data" / "scorers"


@dataclass(frozen=True)
class Scorer:
    """Weights per feature name; a candidate's score is the logistic of their weighted sum."""

    name: str
    weights: Mapping[str, float]
    threshold: float = 0.5

    def score(self, features: Mapping[str, float]) -> float:
        z = sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def accepts(self, features: Mapping[str, float]) -> bool:
        return self.score(features) >= self.threshold

    def to_json(self) -> str:
        weights = {k: round(v, 4) for k, v in sorted(self.weights.items()) if abs(v) >= 1e-4}
        body = {"name": self.name, "threshold": self.threshold, "weights": weights}
        return json.dumps(body, ensure_ascii=False, indent=1) + "\n"


@cache
def load(name: str) -> Scorer:
    """The committed scorer `name` (data/scorers/<name>.json), or the weights file at `name`
    when it is a path to a .json file (weights of one's own, through a component's config)."""
    path = Path(name) if name.endswith(".json") else SCORERS / f"{name}.json"
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ExtractionError(f"the trained scorer {path} cannot be read ({exc})") from exc
    return Scorer(body["name"], body["weights"], float(body.get("threshold", 0.5)))


def fit(
    name: str,
    examples: Sequence[Mapping[str, float]],
    labels: Sequence[bool],
    l2: float = 1.0,
    threshold: float = 0.5,
    iterations: int = 50,
) -> Scorer:
    """L2-regularised logistic regression by Newton's method; the same examples always give
    the same weights. `l2` is the penalty on every weight but the bias."""
    names = sorted({k for f in examples for k in f})
    index = {k: i for i, k in enumerate(names)}
    x = np.zeros((len(examples), len(names)))
    for row, f in enumerate(examples):
        for k, v in f.items():
            x[row, index[k]] = v
    y = np.asarray(labels, dtype=float)
    penalty = np.full(len(names), l2)
    if "bias" in index:
        penalty[index["bias"]] = 1e-6
    w = np.zeros(len(names))
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x.T * (p * (1 - p))) @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return Scorer(name, {k: float(w[i]) for k, i in index.items()}, threshold)
