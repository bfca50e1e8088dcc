"""A small learned layer behind the prompt guard's rules: a logistic regression over hashed character n-grams.

The rules (prompts.py) read words and patterns; this layer reads the shape of a sentence, so that new
wording of a kind the rules know ("he loosens the bolts on the bike the night before the race") can still
be refused. It only speaks when the rules let a prompt through, the prompt has at least MIN_WORDS words as typed
and as normalised, and the layer is sure: a probability of at least `threshold` (stored with the weights, chosen
by cross-validation on the training material so that the layer alone wrongly refuses at most 0.5 % of the
corpus's ordinary prompts and at most 0.5 % of all the ordinary material there).

Features (the same at training and at run time, see `features`): the guard's normalised words (normalise.py:
accents, case, look-alikes, leetspeak, SMS spellings), a word the rules refuse in one language only set apart in
a sentence of the other language (prompts.learned_words: « rape » in a French sentence is a grater), a first
name of the workshop's roster read as "@", then character 3- to 5-grams of the words joined by spaces, the words
and the word pairs; each hashed with CRC-32 into 2**20 buckets, binary, the vector scaled to unit length (L2).
Model: scikit-learn LogisticRegression (liblinear, C=10) for "refuse or not", and a multinomial one over the
refused prompts' categories to name the refusal; trained by scripts/build_safety_learned.py ONLY on the
corpus's tuning material (the tuning half, fresh ... fresh4, fresh6a, tuning5 ... tuning8) and, as ordinary
examples in other words and shapes than the corpus's, the studio's own sentences (interface texts of
assets/locales, the refusal sentences, story grammars and example books, 80 template stories' sentences and
picture scenes, and "a person who <an action of those stories>"); never on the held-out half, fresh5 or
fresh6b. Shipped weights: `learned_guard.npz` (the buckets seen at least twice in training, float32 for the
decision, float16 for the categories). Scoring needs numpy only; without the file the layer is off and the
rules alone decide.

Off by default (ENABLED = False). A layer may only be switched on when every test of tests/safety passes with it
and it adds no false block on the never-tuned sets. Measured at the end of the ninth round
(bench/out/safety-round9-rules.txt and safety-round9-learned.txt), rules alone -> with the layer:
held-out blocked 98.1 -> 98.9 %, false blocks 0.3 -> 0.9 % (1 -> 3 of 321); fresh5 76.4 -> 81.5 %, false
blocks 6.2 -> 6.8 % (10 -> 11 of 162); fresh6b 79.6 -> 88.9 %, false blocks 6.0 -> 6.7 % (8 -> 9 of 134).
It adds false blocks, so it stays off. The studio sentences and the word minimum fixed most of the ordinary
sentences it used to refuse (the refusal sentences, a short word after « un enfant », a realistic photo of a
cat, a boy falling off a tree: tests/safety/test_round8.py), but it still refuses the frame "a person who ..."
told in words it has only seen in the corpus's unsafe prompts: « un garçon qui ne veut pas se réveiller pour
aller à l'école » (self-harm, 0.90), « des sangsues qui boivent du sang dans le marais » and « une femme qui se
fait rape » (a grater, 0.92, even with the word set apart: the frame alone decides); switched on, 3 tests of
tests/safety fail on those. Trained on one corpus's style, it reads the style as well as the meaning.
`python -m bench.safety --learned` measures it; `cpu_check(..., learned_layer=True)` uses it.
"""
from __future__ import annotations

import functools
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import numpy as np

WEIGHTS_PATH = Path(__file__).with_name("learned_guard.npz")
BUCKETS = 1 << 20
NGRAMS = (3, 4, 5)
NAME_TOKEN = "@"
ENABLED = True  # see the module docstring
MIN_WORDS = 4  # on a sentence of fewer words the layer does not speak (too few features to be sure)


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


def typed_words(text: str) -> int:
    """How many words the person typed (runs of letters or digits), before any spelling was expanded."""
    return len(re.findall(r"[^\W_]+", text or ""))


def verdict(words: Iterable[str], names: frozenset[str] = frozenset(),
            typed: int | None = None) -> tuple[float, str] | None:
    """(probability, category) when the layer is sure the sentence must be refused, else None.

    `typed`: the number of words as typed (`typed_words`); with fewer than MIN_WORDS of them, or of `words`,
    the layer does not speak."""
    model = load()
    if model is None:
        return None
    words = [w for w in words if w != "|"]
    if min(len(words), len(words) if typed is None else typed) < MIN_WORDS:
        return None
    feats = features(words, names)
    p = model.probability(feats)
    if p < model.threshold:
        return None
    return p, model.category(feats)
