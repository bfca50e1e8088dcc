"""The learned layer's word-class features (the twelfth round, pipelines/safety/learned.py): classes and their ordered
pairs as features, the classes of the sentence the rules read, a weights file with classes read back and silent
without that sentence, and the builder's double-meaning material generated, not copied."""
from __future__ import annotations

import zlib

import numpy as np

from bench.safety import load as load_corpus
from pipelines.safety import learned
from pipelines.safety.prompts import _prepare, learned_words
from tests.safety import build_script

ROSTER = ["Léa", "Mathis", "Inès", "Noah", "Chloé"]


def test_class_features_are_the_classes_and_their_ordered_pairs():
    words = ["un", "garcon", "qui", "frappe", "un", "chat", "|", "lol"]
    classes = [(), ("PERSON",), (), ("HITVERB",), (), ("ANIMAL", "PET"), (), ()]
    plain = set(learned.features(words))
    with_classes = set(learned.features(words, classes=classes))
    assert plain < with_classes
    extra = with_classes - plain
    def bucket(g):
        return zlib.crc32(g.encode("utf-8")) % learned.BUCKETS

    expected = {bucket(g) for g in ("kPERSON", "kHITVERB", "kANIMAL", "kPET", "pPERSON HITVERB", "pPERSON ANIMAL",
                                    "pPERSON PET", "pHITVERB ANIMAL", "pHITVERB PET")}
    assert extra == expected - plain
    # a pair is ordered, of two words, and bounded by the window
    assert bucket("pHITVERB PERSON") not in with_classes and bucket("pANIMAL PET") not in with_classes
    near = set(learned.features(words, classes=classes, window=2))
    assert bucket("pPERSON HITVERB") in near and bucket("pPERSON ANIMAL") not in near


def test_word_classes_follow_the_sentence_the_rules_read():
    _, _, normalised, sentence, _ = _prepare("un garçon qui frappe le chat avec un bâton", ROSTER)
    found = learned.word_classes(sentence, len(normalised.words), ("PERSON", "ANIMAL", "HITVERB"))
    assert len(found) == len(normalised.words)
    assert "PERSON" in found[normalised.words.index("garcon")]
    assert "ANIMAL" in found[normalised.words.index("chat")]
    assert found[normalised.words.index("un")] == ()


def test_weights_with_classes_are_read_back_and_need_the_rules_sentence(tmp_path):
    """A weights file in the builder's layout with word classes: `read` gives its classes back, and such weights
    stay silent without the rules' sentence (their features would not be the trained ones) and speak with it."""
    text = "un garçon qui frappe le chat avec un bâton"
    classes = ("PERSON", "ANIMAL", "HITVERB")
    _, roster, normalised, sentence, _ = _prepare(text, ROSTER)
    words = learned_words(normalised.words)
    feats = learned.features(words, roster, learned.word_classes(sentence, len(words), classes))
    pairs = {zlib.crc32(g.encode("utf-8")) % learned.BUCKETS for g in ("pPERSON HITVERB", "pHITVERB ANIMAL")}
    buckets = np.array(sorted(set(feats)), dtype=np.int32)
    weight = np.where(np.isin(buckets, sorted(pairs)), 60.0, 0.0).astype(np.float32)
    path = tmp_path / "guard.npz"
    np.savez_compressed(path, buckets=buckets, weight=weight, bias=np.float32(-2.0),
                        category_weight=np.zeros((len(buckets), 2), dtype=np.float16),
                        category_bias=np.array([0.0, 1.0], dtype=np.float32),
                        categories=np.array(["violence", "animal_cruelty"]), threshold=np.float32(0.9),
                        classes=np.array(classes))
    model = learned.read(path)
    assert model.classes == classes
    typed = learned.typed_words(text)
    assert learned.verdict(words, roster, typed, model=model) is None
    p, category = learned.verdict(words, roster, typed, sentence, model=model)
    assert p > 0.9 and category == "animal_cruelty"
    # the same weights without their pair features' classes are not sure
    assert model.probability(learned.features(words, roster)) < 0.9


def test_the_double_meaning_material_is_generated_not_copied():
    """The twelfth round's ordinary sentences come from their templates (fixed seed), every placeholder filled, and
    none is a sentence of a never-tuned set or of the held-out half."""
    build = build_script()
    double = build.double_sentences()
    assert double == sorted(double) and len(double) > 500 and not any("{" in t for t in double)
    from bench.safety import FRESH, NEVER_TUNED

    never_tuned = {p.text for s in ("",) + FRESH for k in ("unsafe", "benign") for p in load_corpus(k, s)
                   if p.half in NEVER_TUNED}
    assert not set(double) & never_tuned
