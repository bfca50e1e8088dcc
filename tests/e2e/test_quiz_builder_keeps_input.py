"""A librarian's picture refused by the pack builder (a text file renamed .jpg) leaves the credit and the clues
they typed in the form: Streamlit's clear_on_submit emptied them at the tap, before the refusal was said."""
from __future__ import annotations

from tests.e2e.conftest import shot, tapped, wait_ready
from tests.e2e.test_quiz_builder_phone_photo import human_work_with_file


def test_a_refused_picture_keeps_what_was_typed(browser_page, studio, tmp_path):
    fake = tmp_path / "chat.jpg"
    fake.write_text("ceci n'est pas une image\n")
    page = browser_page
    human_work_with_file(page, studio, "Nos chats", fake)
    page.get_by_label("Auteur (crédit)").fill("Élodie de la médiathèque")
    page.get_by_label("Indices à montrer à la réponse").fill("Regarde les moustaches.")
    tapped(page, page.get_by_role("button", name="Ajouter", exact=False).last,
           page.get_by_text("n'est pas une image reconnue"))
    wait_ready(page)
    shot(page, "quiz-builder-refused-picture")
    assert page.get_by_label("Auteur (crédit)").input_value() == "Élodie de la médiathèque"
    assert page.get_by_label("Indices à montrer à la réponse").input_value() == "Regarde les moustaches."
