"""The pack builder's forms keep what was typed when an item is refused (a .txt renamed .jpg, clues too long) and
empty only once the item is in the pack: Streamlit's clear_on_submit took the credit and the clues away at every
tap, and its own length limit threw pasted clues away whole."""
from __future__ import annotations

import io

from PIL import Image

from tests.conftest import open_page


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (40, 160, 90)).save(buffer, "PNG")
    return buffer.getvalue()


def _builder(monkeypatch, workshop):
    from pipelines.blindtest.library import PackLibrary

    entry = PackLibrary().create("Nos photos", "fr")
    at = open_page(monkeypatch, "blindtest", workshop_id=workshop["id"])
    at.session_state["quiz-building"] = entry.name
    at.run()
    return at


def _box(widgets, label: str):
    return next(w for w in widgets if w.label.startswith(label))


def _add(at):
    return next(b for b in at.button if "Ajouter" in b.label)


def test_a_refused_file_keeps_the_credit_and_the_clues(monkeypatch, store, workshop):
    at = _builder(monkeypatch, workshop)
    uploader = next(u for u in at.get("file_uploader") if u.label == "Fichier")
    uploader.upload("chat.jpg", b"ceci n'est pas une image\n", "image/jpeg")
    _box(at.text_input, "Auteur").input("Élodie de la médiathèque")
    _box(at.text_area, "Indices").input("Regarde les moustaches.")
    _add(at).click().run()
    assert not at.exception, at.exception
    assert any("pas une image reconnue" in e.value for e in at.error)
    assert _box(at.text_input, "Auteur").value == "Élodie de la médiathèque"
    assert _box(at.text_area, "Indices").value == "Regarde les moustaches."


def test_clues_pasted_too_long_are_kept_and_said(monkeypatch, store, workshop):
    at = _builder(monkeypatch, workshop)
    clues = "Une explication pour les enfants. " * 14  # 476 letters
    _box(at.text_area, "Indices").input(clues)
    _add(at).click().run()
    assert not at.exception, at.exception
    assert _box(at.text_area, "Indices").value == clues
    assert any(f"Ce sont {len(clues) - 400} lettres de trop (pas plus de 400)" in w.value for w in at.warning)


def test_the_form_is_emptied_once_the_item_is_in_the_pack(monkeypatch, store, workshop):
    from pipelines.blindtest.library import PackLibrary

    at = _builder(monkeypatch, workshop)
    next(u for u in at.get("file_uploader") if u.label == "Fichier").upload("chat.png", _png(), "image/png")
    _box(at.text_input, "Auteur").input("Léa")
    _box(at.text_area, "Indices").input("Un vrai chat.")
    _add(at).click().run()
    assert not at.exception, at.exception
    [entry] = [e for e in PackLibrary().entries() if e.title == "Nos photos"]
    assert [item["credit"] for item in entry.items] == ["Léa"]
    assert _box(at.text_input, "Auteur").value == "" and _box(at.text_area, "Indices").value == ""
