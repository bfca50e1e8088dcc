"""The children's prompt filter against its corpora (tests/safety/*_fr.txt, *_en.txt) and its normalisation."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.i18n import translate
from pipelines.safety.prompts import check_prompt, normalise

HERE = Path(__file__).parent


def corpus(kind: str) -> list[tuple[str, str]]:
    """(language, prompt) pairs of the unsafe or safe corpus."""
    pairs = []
    for language in ("fr", "en"):
        for line in (HERE / f"{kind}_{language}.txt").read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                pairs.append((language, line.strip()))
    return pairs


def test_corpora_are_big_enough_and_bilingual():
    for kind in ("unsafe", "safe"):
        pairs = corpus(kind)
        assert len(pairs) >= 150
        assert {lang for lang, _ in pairs} == {"fr", "en"}
        assert len({p for _, p in pairs}) == len(pairs), "duplicate prompts"


def test_at_least_98_percent_of_unsafe_prompts_are_blocked():
    pairs = corpus("unsafe")
    missed = [p for lang, p in pairs if not check_prompt(p, lang).blocked]
    assert 1 - len(missed) / len(pairs) >= 0.98, missed


def test_at_most_3_percent_of_ordinary_prompts_are_blocked():
    pairs = corpus("safe")
    blocked = [(p, check_prompt(p, lang).matched) for lang, p in pairs if check_prompt(p, lang).blocked]
    assert len(blocked) / len(pairs) <= 0.03, blocked


@pytest.mark.parametrize("text, words", [
    ("Un DRAGON très Gentil !", ["un", "dragon", "tres", "gentil"]),
    ("s e x", ["sex"]),
    ("s.e.x", ["sex"]),
    ("n-u-d-e", ["nude"]),
    ("K1LL", ["kill"]),
    ("@ss", ["ass"]),
    ("3 chats", ["3", "chats"]),
    ("l'épée", ["l", "epee"]),
])
def test_normalise(text, words):
    assert normalise(text) == words


@pytest.mark.parametrize("text", ["SEXE", "sèxe", "s e x e", "s3x3", "sexxxxe", "T U E R", "f*ck", "NAZI", "n4z1"])
def test_disguises_are_seen(text):
    assert check_prompt(text, "fr").blocked


@pytest.mark.parametrize("text, language", [
    ("un pistolet à eau", "fr"), ("a water gun fight", "en"), ("des feuilles mortes", "fr"),
    ("une héroïne courageuse", "fr"), ("a heroine", "en"), ("a killer whale", "en"), ("une grenade bien mûre", "fr"),
    ("a dog bite", "en"), ("un pingouin en smoking", "fr"), ("tu as un chat", "fr"), ("ça va", "fr"),
])
def test_words_harmless_in_context_pass(text, language):
    assert not check_prompt(text, language).blocked


def test_each_category_answers_with_a_kind_sentence_in_both_languages():
    for text, category in [("un homme nu", "sexual"), ("du sang", "violence"), ("a gun", "weapons"),
                           ("heil hitler", "hate"), ("merde", "insult"), ("de la drogue", "drugs"),
                           ("je veux mourir", "self_harm")]:
        verdict = check_prompt(text, "fr")
        assert verdict.blocked and verdict.category == category
        for language in ("fr", "en"):
            sentence = translate(verdict.message_key, language)
            assert not sentence.startswith("[") and len(sentence) > 20
            assert text not in sentence  # the bad words are never repeated back


def test_blocked_prompts_are_counted_for_the_facilitator(store, workshop):
    assert check_prompt("un chat", "fr", store=store, workshop_id=workshop["id"]).blocked is False
    check_prompt("une femme toute nue", "fr", store=store, workshop_id=workshop["id"])
    check_prompt("kill the teacher", "en", store=store, workshop_id=workshop["id"])
    assert store.count_events("prompt_blocked", workshop["id"]) == 2
