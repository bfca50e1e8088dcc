"""An author's name the print fonts cannot draw (« مريم », « 李明 », « 🦄 ») no longer greys out « Créer ma planche »:
the page says under the box what the print will do, and the authors' line prints the name as the console, the quiz
and the storybook do (safety.text.printable_name), or a dotted line to write it by hand."""
from __future__ import annotations

import pdfplumber
import pytest

from pipelines.comics.page import BY_HAND_DOTS, PageSpec, PanelSpec, author_line, check_page, compose
from pipelines.comics.render import write_pdf
from pipelines.safety.text import WRITE_BY_HAND
from tests.conftest import open_page

DOTS = WRITE_BY_HAND[:BY_HAND_DOTS]
EXPORT = "🖨️ Créer ma planche (PDF + image)"


@pytest.mark.parametrize("name, printed", [("Léo", "Léo"), ("Zoé ✨", "Zoé ✨"), ("İlayda", "İlayda"),
                                           ("مريم", DOTS), ("李明", DOTS), ("🦄", DOTS), ("Léa مريم", DOTS)])
def test_the_authors_line_prints_a_name_or_a_line_to_write_it_by_hand(name, printed):
    assert author_line(name) == printed
    page = PageSpec(title="Le dragon", authors=["Noé", name], layout="grid-4", panels=[PanelSpec()])
    check_page(page, need_images=False, lines=False)  # was: « Ce texte contient des lettres que… »
    line = next(text for text, *_ in compose(page, by="par ", and_word=" et ").texts if text.startswith("par "))
    assert line == f"par Noé et {printed}"


def test_the_printed_pdf_carries_the_dotted_line(tmp_path):
    page = PageSpec(title="Le dragon", authors=["Léo", "مريم"], layout="grid-4", panels=[PanelSpec()])
    write_pdf(compose(page, by="par ", and_word=" et "), tmp_path / "page.pdf", title=page.title,
              authors=page.authors, ai_made=False)
    with pdfplumber.open(tmp_path / "page.pdf") as doc:
        text = doc.pages[0].extract_text()
    assert f"par Léo et {DOTS}" in text and "مريم" not in text and "ﻢﻳﺮﻣ" not in text


def test_the_workshop_page_lets_the_child_make_the_page_and_says_why(monkeypatch, workshop, store, drawings):
    from pipelines.jobs.queue import JobQueue
    from pipelines.jobs.runner import run_job

    at = open_page(monkeypatch, "comics", workshop_id=workshop["id"])
    next(b for b in at.button if b.label == "Cases carrées · 4 cases").click().run()
    for i in range(4):
        at.session_state["comic"]["panels"][i]["image"] = str(drawings[i % 2])
    at.text_input(key="comic-title").input("Le chat").run()
    at.text_input(key="comic-authors").input("Léo, مريم").run()
    assert not at.error, [e.value for e in at.error]
    assert [i.value for i in at.info if "مريم" in i.value] == [
        "L'imprimante ne connaît pas les lettres de «\u00a0مريم\u00a0»\u00a0: sur ta planche, une ligne pointillée "
        "t'attendra pour l'écrire à la main."]
    export = next(b for b in at.button if b.label == EXPORT)
    assert not export.disabled  # the preview draws: the button is not greyed out
    export.click().run()
    assert not at.error, [e.value for e in at.error]
    jobs = JobQueue(store).list(states=("queued",))
    assert len(jobs) == 1 and run_job(jobs[0].id, store) == "done"
    at.run()
    with pdfplumber.open(at.session_state["comic"]["result"]["files"]["pdf"]) as doc:
        assert f"par Léo et {DOTS}" in doc.pages[0].extract_text()
