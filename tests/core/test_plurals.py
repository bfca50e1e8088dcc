"""Counts are told in the right form, never with « (s) »: « 0 réponse sur 2 », « 3 joueurs », "0 answers"
(plural tables `{ one = …, other = … }` in the locale files, chosen by pipelines.i18n.plural_form)."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from pipelines.i18n import LANGUAGES, LOCALES, catalogue, is_plural, plural_form, translate

ROOT = Path(__file__).resolve().parents[2]
# « réponse(s) », « installé(s) », "scratch(es)", « un(e) »: a form left for the reader to pick
PICK_YOUR_FORM = re.compile(r"\w\((?:s|es|x|e|ies)\)")


def _strings(value):
    if isinstance(value, dict):
        for inner in value.values():
            yield from _strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _strings(inner)
    elif isinstance(value, str):
        yield value


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_string_leaves_the_plural_to_the_reader(language):
    left = [(path.name, text) for path in sorted((LOCALES / language).glob("*.toml"))
            for text in _strings(tomllib.loads(path.read_text())) if PICK_YOUR_FORM.search(text)]
    allowed = {"fr": [("comics.toml", "Case {panel}, champ « {field} » : il faut un(e) {expected}.")], "en": []}
    assert [(name, text.replace("\u00a0", " ")) for name, text in left] == allowed[language]


@pytest.mark.parametrize("n, fr, en", [(0, "one", "other"), (1, "one", "one"), (1.5, "one", "other"),
                                       (2, "other", "other"), (17, "other", "other")])
def test_plural_forms_follow_each_language(n, fr, en):
    assert (plural_form(n, "fr"), plural_form(n, "en")) == (fr, en)


def test_the_counts_on_the_projector_and_the_photo_chips():
    assert [translate("quiz.host.answers", "fr", n=n, total=2) for n in (0, 1, 2)] == [
        "0 réponse sur 2", "1 réponse sur 2", "2 réponses sur 2"]
    assert [translate("quiz.host.answers", "en", n=n, total=2) for n in (0, 1, 2)] == [
        "0 answers out of 2", "1 answer out of 2", "2 answers out of 2"]
    assert translate("quiz.host.players", "fr", n=3) == "3 joueurs"
    assert translate("quiz.host.items", "fr", n=17) == "17 questions"
    assert translate("photo.ui.scratches", "fr", n=22).endswith("22 rayures")
    assert translate("photo.ui.spots", "fr", n=0).endswith("0 tache ou poussière")
    assert translate("quiz.pack.ok", "en", count=1) == "Valid pack: 1 question."


def test_the_signs_left_out_of_a_name_take_the_verb_s_number():
    from pipelines.safety.text import printable_name

    printed, left_out = printable_name("🨂Zoé🨀")
    assert (printed, left_out) == ("Zoé", ["🨂", "🨀"])  # in the order they come in the name
    said = translate("console_names.prints_as", "fr", name=printed, chars=" ".join(left_out), n=len(left_out))
    assert said.replace("\u00a0", " ") == "Imprimé « Zoé » : 🨂 🨀 ne s’impriment pas."
    said = translate("console_names.prints_as", "en", name="Léo", chars="🦖", n=1)
    assert said == "Printed “Léo”: 🦖 does not print."
    said = translate("portrait.names.left_out", "en", name=printed, chars=" ".join(left_out), n=len(left_out))
    assert said.endswith("🨂 🨀 do not print.")


def test_plural_keys_are_plural_in_both_languages_with_the_same_placeholders():
    fr, en = catalogue("fr"), catalogue("en")
    plural = sorted(k for k in fr if is_plural(fr[k]))
    assert plural == sorted(k for k in en if is_plural(en[k])) and len(plural) >= 16
    for key in plural:
        found = {frozenset(re.findall(r"{(\w+)}", text)) for text in (*fr[key].values(), *en[key].values())}
        assert len(found) == 1, key  # every form of both languages fills the same places


def test_the_code_gives_every_plural_key_its_count():
    """A plural key called without `n` (or `count`) would always say "other": each call names the count."""
    plural = {k for k, v in catalogue("fr").items() if is_plural(v)}
    calls = []
    for folder in ("app.py", "pages", "ui", "pipelines"):
        for path in [ROOT / folder] if folder.endswith(".py") else (ROOT / folder).rglob("*.py"):
            text = path.read_text()
            call = r"""\b(?:t|translate|UserError)\(\s*["']([\w.\-]+)["']([^\n]*\n?[^\n]*)"""
            for match in re.finditer(call, text):
                if match.group(1) in plural:
                    calls.append((match.group(1), bool(re.search(r"\b(?:n|count)=|\*\*", match.group(2)))))
    assert calls and [key for key, counted in calls if not counted] == []
