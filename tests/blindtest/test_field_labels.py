"""A pack's problems name a field as the builder's box is labelled, in the reader's language: « champ « title » »
and « « credit » » (the manifest's own JSON names) told a facilitator nothing about which box to fill."""
from __future__ import annotations

from pipelines.blindtest import pack as packs
from tests.blindtest.test_pack import keys, sample_items, write_pack
from tests.conftest import open_page


def test_a_human_work_without_credit_names_the_builders_box(tmp_path):
    items = sample_items()
    items[0]["credit"] = ""
    problems = packs.check(write_pack(tmp_path / "p", items))
    assert keys(problems) == ["err_human_credit"]
    assert "Auteur (crédit)" in problems[0].text("fr") and "credit »" not in problems[0].text("fr")
    assert "Author (credit)" in problems[0].text("en")


def test_a_pack_without_a_title_says_it_without_the_json_name():
    text = packs.Problem("quiz.pack.err_title").text("fr")
    assert "title" not in text and "titre" in text


def test_creating_a_pack_with_no_title_names_the_box(monkeypatch, store, workshop):
    at = open_page(monkeypatch, "blindtest", workshop_id=workshop["id"])
    next(b for b in at.button if "Créer le pack" in b.label).click().run()
    assert not at.exception
    said = [e.value for e in at.error]
    assert said and "« Titre du nouveau pack »" in said[0].replace("\u00a0", " "), said
    assert "title" not in said[0]
