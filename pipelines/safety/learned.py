"""A small learned layer behind the prompt guard's rules: a logistic regression over hashed character n-grams.

The rules (prompts.py) read words and patterns; this layer reads the shape of a sentence, so that new
wording of a kind the rules know ("he loosens the bolts on the bike the night before the race") can still
be refused. It only speaks when the rules let a prompt through and it is sure: a probability of at least
`threshold` (stored with the weights, chosen by cross-validation on the tuning material so that the layer
alone wrongly refuses at most 1 % of the ordinary prompts there).

Features (the same at training and at run time, see `features`): the guard's normalised words (normalise.py:
accents, case, look-alikes, leetspeak, SMS spellings), a first name of the workshop's roster read as "@",
then character 3- to 5-grams of the words joined by spaces, the words and the word pairs; each hashed with
CRC-32 into 2**20 buckets, binary, the vector scaled to unit length (L2).
Model: scikit-learn LogisticRegression (liblinear, C=10) for "refuse or not", and a multinomial one over the
refused prompts' categories to name the refusal; trained by scripts/build_safety_learned.py ONLY on the
corpus's tuning material (the tuning half, fresh ... fresh4, fresh6a, tuning5 ... tuning8), never on the
held-out half, fresh5 or fresh6b. Shipped weights: `learned_guard.npz` (the buckets seen at least twice in
training, float32 for the decision, float16 for the categories). Scoring needs numpy only; without the file
the layer is off and the rules alone decide.

Off by default (ENABLED = False): measured at the end of the eighth round (bench/out/safety-round8-end*.txt),
it caught 10 more of the 108 never-tuned fresh6b prompts with no more false blocks there, but it also
refused 1 more of the 321 ordinary held-out prompts and 2 more of the 162 ordinary fresh5 ones; a layer may
only be switched on when it adds no false block on the never-tuned sets. `python -m bench.safety --learned`
measures it; `cpu_check(..., learned_layer=True)` uses it.
Switched on, it also refuses ordinary sentences unlike the corpus's: « une photo réaliste d'un chat noir aux
yeux verts » (horror, 0.95), « un garçon qui ne veut pas se réveiller pour aller à l'école » (self-harm), the
guard's own refusal sentences, and a short name after « un enfant » (weapons, 0.99): trained on one corpus's
style, it reads the style as well as the meaning. tests/safety holds those kinds; they must pass before it
is switched on.
"""
from __future__ import annotations

import functools
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import numpy as np

WEIGHTS_PATH = Path(__file__).with_name("learned_guard.npz")
BUCKETS = 1 << 20
NGRAMS = (3, 4, 5)
NAME_TOKEN = "@"
ENABLED = False  # see the module docstring


def features(words: Iterable[str], names: frozenset[str] = frozenset()) -> list[int]:
    """The hashed feature buckets (sorted, unique) of a normalised sentence's words; roster names read as "@".

    `words` are normalise.normalise(text).words (the barrier "|" is dropped); `names` as prompts.roster_names."""
    clean = [NAME_TOKEN if w in names else w for w in words if w != "|"]
    line = " " + " ".join(clean) + " "
    grams = {"c" + line[i:i + n] for n in NGRAMS for i in range(len(line) - n + 1)}
    grams.update("w" + w for w in clean)
    grams.update("b" + a + " " + b for a, b in zip(clean, clean[1:]))
    return sorted({zlib.crc32(g.encode("utf-8")) % BUCKETS for g in grams})


@dataclass(frozen=True)
class Learned:
    """The shipped weights: `buckets` (sorted int32), `weight` (float32, one per bucket), `bias`,
    `category_weight` (float16, buckets x categories), `category_bias`, `categories`, `threshold`."""

    buckets: np.ndarray
    weight: np.ndarray
    bias: float
    category_weight: np.ndarray
    category_bias: np.ndarray
    categories: tuple[str, ...]
    threshold: float

    def _rows(self, feats: list[int]) -> tuple[np.ndarray, float]:
        if not feats:
            return np.empty(0, dtype=np.int64), 1.0
        found = np.searchsorted(self.buckets, feats)
        found = np.minimum(found, len(self.buckets) - 1)
        rows = found[self.buckets[found] == np.asarray(feats)]
        return rows, 1.0 / np.sqrt(len(feats))  # unit length over every feature, seen in training or not

    def probability(self, feats: list[int]) -> float:
        """P(refuse) in [0, 1] for the feature buckets of one sentence."""
        rows, scale = self._rows(feats)
        z = self.bias + scale * float(self.weight[rows].sum())
        return float(1.0 / (1.0 + np.exp(-z)))

    def category(self, feats: list[int]) -> str:
        """The most likely category (one of prompts.ORDER) of a sentence the layer refuses."""
        rows, scale = self._rows(feats)
        scores = self.category_bias + scale * self.category_weight[rows].astype(np.float32).sum(axis=0)
        return self.categories[int(np.argmax(scores))]


@functools.cache
def load() -> Learned | None:
    """The shipped weights, or None when the file is absent (the layer is then off)."""
    if not WEIGHTS_PATH.exists():
        return None
    with np.load(WEIGHTS_PATH, allow_pickle=False) as data:
        return Learned(data["buckets"].astype(np.int64), data["weight"].astype(np.float32), float(data["bias"]),
                       data["category_weight"], data["category_bias"].astype(np.float32),
                       tuple(str(c) for c in data["categories"]), float(data["threshold"]))


def verdict(words: Iterable[str], names: frozenset[str] = frozenset()) -> tuple[float, str] | None:
    """(probability, category) when the layer is sure the sentence must be refused, else None."""
    model = load()
    if model is None:
        return None
    feats = features(words, names)
    p = model.probability(feats)
    if p < model.threshold:
        return None
    return p, model.category(feats)
