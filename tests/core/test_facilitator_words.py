"""The facilitator's pages say « vous »; « tu » is for the children's pages. The console said « Écris-le en
lettres latines » to the facilitator, the picture waiting on the console « Image qui attend ton accord », and its
job queue a child's job as « L'IA lit ta phrase… ». The quiz projector's join line speaks to the players.

Read from the sources, not from pages drawn: every French string a facilitator's page asks for by its key (in
the files below, and in the functions of shared files that draw the console), every string of the sections only
those pages use, and the jobs' progress lines (the console's queue shows every child's job with its line)."""
from __future__ import annotations

import ast
import re
from pathlib import Path

from pipelines.i18n import catalogue

ROOT = Path(__file__).resolve().parents[2]
FACILITATOR_FILES = ("pages/console.py", "pages/models.py", "pages/blindtest.py", "ui/console.py",
                     "ui/console_privacy.py", "ui/model_engines.py", "ui/quiz_host.py", "ui/quiz_scores.py",
                     "ui/quiz_builder.py")
FACILITATOR_FUNCTIONS = {"ui/approvals.py": ("approvals_console_ui", "_waiting_pictures")}  # the rest: the child's
FACILITATOR_SECTIONS = ("console.", "console_names.", "pages.console.", "pages.models.", "safety.console.",
                        "quiz.host.", "quiz.builder.", "models.")
FOR_PLAYERS = {"quiz.host.join_here"}  # on the projector, said to the children with a tablet (tests/blindtest)
FORMAL = "_formal"  # a shared sentence's « vous » form (ui.i18n.error_text(formal=True), ui.widgets.text_box)
SHOWN_ON_THE_CONSOLE = re.compile(r"\.progress\.")  # a job's line, in the console's queue too
# a « tu » form: its pronouns and determiners, or a verb with its pronoun after it that is not a « vous » form
# (« Écris-le », « vas-y »; « Écrivez-le », « Dites-le » pass)
TU = re.compile(r"(?i)(?<![\w-])(tu|te|toi|ton|ta|tes)(?![\w-])|(?<![\w-])t['’]"
                r"|\b(?!dites\b|faites\b)\w+(?<!ez)-(le|la|les|moi|toi|en|y|lui|leur)\b")


def _keys_asked(tree: ast.AST) -> set[str]:
    """The keys of t("...") calls, with « prefix. » for t(f"prefix.{x}")."""
    keys = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "t" and node.args:
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                keys.add(arg.value)
            elif isinstance(arg, ast.JoinedStr) and isinstance(arg.values[0], ast.Constant):
                keys.add(arg.values[0].value)
    return keys


def _facilitator_keys() -> set[str]:
    asked = set()
    for name in FACILITATOR_FILES:
        asked |= _keys_asked(ast.parse((ROOT / name).read_text(encoding="utf-8")))
    for name, functions in FACILITATOR_FUNCTIONS.items():
        for node in ast.parse((ROOT / name).read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and node.name in functions:
                asked |= _keys_asked(node)
    found = set()
    for key in catalogue("fr"):
        if (key in asked or any(key.startswith(p) for p in asked if p.endswith((".", "_")))
                or key.startswith(FACILITATOR_SECTIONS) or SHOWN_ON_THE_CONSOLE.search(key) or key.endswith(FORMAL)):
            found.add(key)
    return found


def test_the_facilitators_pages_say_vous():
    strings = catalogue("fr")
    keys = _facilitator_keys()
    assert {"console_names.not_printed", "quiz.host.remove_sure", "alt.waiting_picture"} <= keys  # the scan reads them
    said_tu = {}
    for key in sorted(keys - FOR_PLAYERS):
        value = strings[key]
        text = " ".join(value.values()) if isinstance(value, dict) else value
        if TU.search(text):
            said_tu[key] = text
    assert said_tu == {}


def test_the_tu_forms_are_found():
    """The pattern itself: what it finds and what it lets through."""
    for text in ("Écris-le en lettres latines.", "Sur ta tablette", "Image qui attend ton accord", "Vas-y !",
                 "Tu peux", "t'as vu"):
        assert TU.search(text), text
    for text in ("Écrivez-le en lettres latines.", "Dites-le", "Sur votre tablette", "peut-être", "là-bas",
                 "Allez-y", "Tableau des équipes", "Les tests"):
        assert not TU.search(text), text


def test_a_refusal_shared_with_the_childrens_pages_says_vous_on_the_console(console):
    """A name with an invisible sign is refused on the console (a participant) and on the quiz (a child's
    pseudonym) with one key: the console says its « vous » sentence (« Retapez-le »), the child's stays « tu »."""
    next(w for w in console.text_input if w.label == "Prénom ou pseudonyme").input("Zo\u202eé")
    next(b for b in console.button if b.label == "Ajouter").click().run()
    assert not console.exception
    said = [e.value for e in console.error]
    assert len(said) == 1 and "Retapez-le simplement" in said[0], said
    assert not TU.search(said[0])
