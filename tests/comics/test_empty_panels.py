"""Panels not made print as empty frames with no word: before printing, the page says which ones, by number, in a
short sentence; the page still prints, an empty panel in the middle too (it stopped the print before)."""
from __future__ import annotations

import pdfplumber

from pipelines.comics.workshop import empty_panels
from tests.conftest import open_page


def _export(at):
    next(b for b in at.button if b.label == "🖨️ Créer ma planche (PDF + image)").click().run()


def test_the_empty_panels_are_named_before_printing_and_the_page_still_prints(monkeypatch, workshop, store, drawings):
    from pipelines.jobs.queue import JobQueue
    from pipelines.jobs.runner import run_job

    at = open_page(monkeypatch, "comics", workshop_id=workshop["id"])
    next(b for b in at.button if b.label == "Cases carrées · 4 cases").click().run()
    comic = at.session_state["comic"]
    assert comic["layout"] == "grid-4"
    comic["panels"][0]["image"] = str(drawings[0])
    comic["panels"][2]["image"] = str(drawings[1])
    comic["title"] = "Le chat"
    at.run()
    assert empty_panels(comic) == [2, 4]
    said = [w.value for w in at.warning if "vide" in w.value]
    assert said == ["Les cases 2 et 4 sont vides : elles seront imprimées comme des cadres vides, sans image ni mots, "
                    "à dessiner à la main."]
    _export(at)
    assert not at.error, [e.value for e in at.error]
    jobs = JobQueue(store).list(states=("queued",))
    assert len(jobs) == 1 and run_job(jobs[0].id, store) == "done"
    at.run()
    assert not at.exception, at.exception
    files = at.session_state["comic"]["result"]["files"]
    assert sorted(k for k in files if k.startswith("panel-")) == ["panel-1", "panel-3"]  # an empty one has no picture
    with pdfplumber.open(files["pdf"]) as doc:
        page = doc.pages[0]
        assert len(page.images) == 2 and len(page.rects) >= 4  # two pictures, four frames

    comic["panels"][1]["image"] = str(drawings[1])
    at.run()
    assert [w.value for w in at.warning if "vide" in w.value] == [
        "La case 4 est vide : elle sera imprimée comme un cadre vide, sans image ni mots, à dessiner à la main."]
    comic["panels"][3]["image"] = str(drawings[0])
    at.run()
    assert not [w.value for w in at.warning if "vide" in w.value]


def test_a_page_file_with_a_panel_missing_its_picture_is_still_an_error(tmp_path, drawings):
    """Outside the workshop page (PAGE.toml), a panel with neither image nor prompt is still a mistake named."""
    import pytest

    from pipelines.comics.build import build_page
    from pipelines.comics.page import PageSpec, PanelSpec
    from pipelines.i18n import UserError

    page = PageSpec(title="BD", layout="grid-4", panels=[PanelSpec(image=str(drawings[0])), PanelSpec()])
    with pytest.raises(UserError) as raised:
        build_page(page, tmp_path / "out")
    assert raised.value.key == "comics.errors.panel_no_picture"
    made = build_page(page, tmp_path / "out", empty_ok=True)
    assert "panel-2" not in made.files and made.files["pdf"].is_file()
