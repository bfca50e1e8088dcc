"""The learned layer's word-class features and its builder (scripts/build_safety_learned.py): the same material
gives the same file, the file's classes are read back, and weights built with classes need the rules' sentence."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from bench.safety import load as load_corpus
from pipelines.safety import learned
from pipelines.safety.prompts import _prepare, learned_words, roster_names

ROSTER = ["Léa", "Mathis", "Inès", "Noah", "Chloé"]


def _build_script():
    path = Path(__file__).resolve().parents[2] / "scripts" / "build_safety_learned.py"
    spec = importlib.util.spec_from_file_location("build_safety_learned", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_class_features_are_the_classes_and_their_ordered_pairs():
    words = ["un", "garcon", "qui", "frappe", "un", "chat", "|", "lol"]
    classes = [(), ("PERSON",), (), ("HITVERB",), (), ("ANIMAL", "PET"), (), ()]
    plain = set(learned.features(words))
    with_classes = set(learned.features(words, classes=classes))
    assert plain < with_classes
    extra = with_classes - plain
    import zlib

    def bucket(g):
        return zlib.crc32(g.encode("utf-8")) % learned.BUCKETS

    expected = {bucket(g) for g in ("kPERSON", "kHITVERB", "kANIMAL", "kPET", "pPERSON HITVERB", "pPERSON ANIMAL",
                                    "pPERSON PET", "pHITVERB ANIMAL", "pHITVERB PET", "pANIMAL PET")}
    assert extra == expected - plain
    # a pair is ordered and bounded by the window
    assert bucket("pHITVERB PERSON") not in with_classes
    far = set(learned.features(words, classes=classes, window=1))
    assert bucket("pPERSON ANIMAL") not in far and bucket("pANIMAL PET") not in far


def test_word_classes_follow_the_sentence_the_rules_read():
    _, _, normalised, sentence, _ = _prepare("un garçon qui frappe le chat avec un bâton", ROSTER)
    found = learned.word_classes(sentence, len(normalised.words), ("PERSON", "ANIMAL", "HITVERB"))
    assert len(found) == len(normalised.words)
    assert "PERSON" in found[normalised.words.index("garcon")]
    assert "ANIMAL" in found[normalised.words.index("chat")]
    assert found[normalised.words.index("un")] == ()


def test_the_builder_is_deterministic_and_its_file_is_read_back(tmp_path):
    pytest.importorskip("sklearn")
    build = _build_script()
    unsafe = [p for p in load_corpus("unsafe", "fresh3")][:30]
    benign = [p for p in load_corpus("benign", "fresh3")][:30]
    ordinary = build.double_sentences()[:20]
    classes = ("PERSON", "ANIMAL", "HITVERB", "BLADE", "KILL", "BLOOD")
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    t1 = build.build(unsafe + benign, ordinary, first, classes, quiet=True)
    t2 = build.build(unsafe + benign, ordinary, second, classes, quiet=True)
    assert t1 == t2 and 0.5 <= t1 <= 0.99
    a, b = np.load(first), np.load(second)
    assert a.files == b.files
    for key in a.files:
        assert np.array_equal(a[key], b[key]), key
    model = learned.read(first)
    assert model.classes == classes and model.threshold == pytest.approx(t1)
    # weights with classes need the rules' sentence; given it, they score the sentence
    text = unsafe[0].text
    _, roster, normalised, sentence, _ = _prepare(text, ROSTER)
    words = learned_words(normalised.words)
    assert learned.verdict(words, roster_names(ROSTER), learned.typed_words(text), model=model) is None
    feats = learned.features(words, roster, learned.word_classes(sentence, len(words), classes))
    assert 0.0 < model.probability(feats) < 1.0


def test_the_double_meaning_material_is_generated_not_copied():
    """The twelfth round's ordinary sentences come from their templates (fixed seed), every placeholder filled, and
    none is a sentence of a never-tuned set or of the held-out half."""
    build = _build_script()
    double = build.double_sentences()
    assert double == sorted(double) and len(double) > 500 and not any("{" in t for t in double)
    never_tuned = {p.text for s in ("fresh5", "fresh6", "fresh7", "fresh8") for k in ("unsafe", "benign")
                   for p in load_corpus(k, s) if p.half in ("fresh5", "fresh6b", "fresh7b", "fresh8b")}
    held_out = {p.text for k in ("unsafe", "benign") for p in load_corpus(k) if p.half == "held-out"}
    assert not set(double) & (never_tuned | held_out)
