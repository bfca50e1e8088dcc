"""What the Storybook page says next to its buttons (Streamlit's AppTest): a refusal under « Écrire l'histoire »
(on a tablet the name's own sentence, at the top, is out of sight: the button seemed to do nothing), and the
expected time only while the book is waiting, never beside the finished book."""
from __future__ import annotations

import pytest

from tests.conftest import open_page


@pytest.fixture
def page(store, workshop, monkeypatch):
    zoe = store.add_participant(workshop["id"], "Zoé", age_group="7-8", consent=True, consent_by="Animatrice")
    at = open_page(monkeypatch, "storybook", workshop_id=workshop["id"], participant_id=zoe["id"])
    return at, store


def _after(at, element_type: str, key: str) -> list[str]:
    """The values of the alerts drawn after the widget `key` on the page (in the page's order)."""
    seen, said = False, []

    def walk(node):
        nonlocal seen
        if getattr(node, "key", None) == key or getattr(getattr(node, "proto", None), "id", "").endswith(key):
            seen = True
        if seen and getattr(node, "type", None) == element_type:
            said.append(node.value)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    return said


@pytest.mark.parametrize("name, words", [
    ("Caca", "choisis-en un dont on peut être fier"),  # the guard refuses it as a name
    ("Zoé 🦄", "un prénom se fait avec des lettres"),  # not a name's letters
    ("   ", "Écris un prénom"),  # no name
])
def test_a_refused_name_is_said_next_to_the_write_button_and_kept(page, name, words):
    at, _ = page
    at.text_input(key="story-name").set_value(name).run()
    at.button(key="story-write").click().run()
    assert not at.exception
    under = _after(at, "error", "story-write")
    assert len(under) == 1 and words in under[0], under  # in « tu », as the child's page says everything
    if name.strip():  # said under the name too: the button's sentence says where to change it
        assert "Change le prénom en haut de la page" in under[0]
    assert "story-job" not in at.session_state
    assert at.text_input(key="story-name").value == name  # kept in its box to change
