"""After a removal (or a consent) in the console nothing stays armed for the next participant in the list: the
question « Oui, retirer … » belongs to one participant's id and a double tap cannot delete someone else (AppTest)."""
from __future__ import annotations

import pytest


@pytest.fixture
def people(console):
    """The console (tests/core/conftest.py) with three participants: Tom, « 🨂Zoé🨀 » (signs that do not print), Léa."""
    from pipelines.store import Store

    at = console
    store = Store()
    workshop = store.workshops()[0]
    people = [store.add_participant(workshop["id"], name, "8-12", minor) for name, minor in
              (("Tom", False), ("🨂Zoé🨀", False), ("Léa", True))]
    at.run()
    return at, store, workshop, people


def _armed(at) -> list[str]:
    return [b.label for b in at.button if b.label.startswith("Oui, retirer")]


def test_removing_one_participant_arms_nothing_for_the_next(people):
    at, store, workshop, (tom, zoe, lea) = people
    # the name's warning: the signs in the order they come in « 🨂Zoé🨀 », the verb in the plural
    assert "⚠️ Imprimé «\u00a0Zoé\u00a0» : 🨂 🨀 ne s’impriment pas." in [c.value for c in at.caption]
    assert _armed(at) == []  # closed questions hold no button
    at.session_state[f"remove-open-{tom.id}"] = True  # the facilitator taps « Retirer » on Tom's row
    at.run()
    assert _armed(at) == ["Oui, retirer Tom"]
    at.button(key=f"remove-{tom.id}").click().run()
    assert not at.exception
    assert {p.name for p in store.participants(workshop["id"])} == {"🨂Zoé🨀", "Léa"}
    assert _armed(at) == []  # the row now where Tom's was asks nothing: a second tap removes nobody
    assert all(not at.session_state[f"remove-open-{p.id}"] for p in (zoe, lea))


def test_a_consent_given_leaves_the_next_consent_question_closed(people):
    at, store, workshop, (tom, zoe, lea) = people
    mia = store.add_participant(workshop["id"], "Mia", "8-12", True)
    at.session_state[f"consent-open-{lea.id}"] = True
    at.run()
    at.text_input(key=f"by-{lea.id}").input("Claire")
    at.button(key=f"consent-{lea.id}").click().run()
    assert not at.exception
    assert [p.consent for p in store.participants(workshop["id"]) if p.minor] == [True, False]
    assert [w.key for w in at.text_input if (w.key or "").startswith("by-")] == []  # Mia's question is closed
    assert not at.session_state[f"consent-open-{mia.id}"]
