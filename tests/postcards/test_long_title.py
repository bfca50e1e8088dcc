"""A postcard title longer than the card takes stays in its box, is said too long, and holds the cards back
(Streamlit's own limit threw a pasted 70-letter title away whole, with nothing said)."""
from __future__ import annotations

import pytest

from tests.postcards.test_page_words import _png, _uploaded


pytestmark = pytest.mark.usefixtures("page_without_worker")


def _title_box(at):
    return next(box for box in at.text_input if box.label.startswith("Titre sur l'image"))


def _make_button(at):
    return next(b for b in at.button if "Fabriquer" in b.label)


def test_a_pasted_long_title_is_kept_and_said_too_long(store, workshop):
    at = _uploaded(store, workshop, "plage.png", _png(1200, 850))
    pasted = "Vacances à la mer avec Mamie et Papi 🏖️ et le chien Médor qui aboie fort"  # 73 letters
    _title_box(at).input(pasted).run()
    assert not at.exception, at.exception
    assert _title_box(at).value == pasted  # nothing thrown away
    said = " ".join(w.value for w in at.warning)
    assert f"Ce sont {len(pasted) - 60} lettres de trop (pas plus de 60)" in said
    assert _make_button(at).disabled  # no card printed with a title it cannot hold
    assert at.session_state["postcard_card"]["title"] == pasted  # kept with the work in progress

    _title_box(at).input(pasted[:40]).run()
    assert not any("de trop" in w.value for w in at.warning)
    assert not _make_button(at).disabled


def test_a_title_that_fits_prints_as_typed(store, workshop):
    at = _uploaded(store, workshop, "plage.png", _png(1200, 850))
    _title_box(at).input("Mon chat").run()
    at.text_area(key=next(a.key for a in at.text_area)).input("Bisous !").run()
    _make_button(at).click().run()
    assert not at.exception, at.exception
    from pipelines.jobs.queue import JobQueue

    [card] = JobQueue(store).get(at.session_state["postcard_job"]).params["cards"]
    assert card["title"] == "Mon chat"
