"""The console keeps a workshop name, a first name or who recorded the consent when it is pasted too long, and says
how many letters are too many (Streamlit's own limit threw a pasted text away whole, with nothing said)."""
from __future__ import annotations

import unicodedata


def _box(console, label: str):
    return next(w for w in console.text_input if w.label == label)


def _press(console, label: str) -> None:
    next(b for b in console.button if b.label == label).click().run()
    assert not console.exception, console.exception


def test_a_long_workshop_name_is_kept_and_not_made(console):
    from pipelines.store import Store

    pasted = "Atelier " + "très long " * 10  # 108 letters, 80 at most
    _box(console, "Nom de l'atelier").input(pasted)
    _press(console, "Créer l'atelier")
    assert _box(console, "Nom de l'atelier").value == pasted
    assert any(f"Ce sont {len(pasted) - 80} lettres de trop (pas plus de 80) : raccourcissez" in w.value
               for w in console.warning), [w.value for w in console.warning]
    assert [w["name"] for w in Store().workshops()] == ["Mercredi"]  # the fixture's only


def test_a_long_first_name_is_refused_by_the_store_with_its_count(console):
    from pipelines.store import Store

    pasted = "Marie-Charlotte-Éléonore-Joséphine-Anne-Sophie de la Rochefoucauld-Montbazon-Guéméné-Rohan"  # 90 letters
    _box(console, "Prénom ou pseudonyme").input(pasted)
    _press(console, "Ajouter")
    assert _box(console, "Prénom ou pseudonyme").value == pasted
    assert any(f"Ce nom a {len(pasted)} lettres : 40 au plus" in e.value for e in console.error)
    assert Store().participants(Store().workshops()[0]["id"]) == []


def test_a_decomposed_first_name_is_counted_in_letters(console):
    from pipelines.store import Store

    name = unicodedata.normalize("NFD", "Éloïse-Hélène-Noémie-Zoé-Chloé-Anaïs")  # 36 letters, 45 code points
    _box(console, "Prénom ou pseudonyme").input(name)
    _press(console, "Ajouter")
    assert [p["name"] for p in Store().participants(Store().workshops()[0]["id"])] == [
        unicodedata.normalize("NFC", name)]


def test_a_long_consent_signature_is_kept_and_said(console):
    from pipelines.store import Store

    _box(console, "Prénom ou pseudonyme").input("Zoé")
    next(c for c in console.checkbox if c.label.startswith("Un parent a donné son accord")).check()
    signed = "Animatrice jeunesse de la médiathèque municipale, le mercredi matin"  # 67 letters
    _box(console, "Accord noté par").input(signed)
    _press(console, "Ajouter")
    assert _box(console, "Accord noté par").value == signed
    assert any("Ce sont 7 lettres de trop (pas plus de 60)" in w.value for w in console.warning)
    assert Store().participants(Store().workshops()[0]["id"]) == []
