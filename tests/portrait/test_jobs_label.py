"""The workshop's jobs as a participant gets them: consent checked, portrait stored, framed print with its label."""
from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pypdf
import pytest
from PIL import Image

from pipelines.portrait.label import cartel, long_date, print_portrait
from pipelines.portrait.photos import astronaut


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "photo.jpg"
    Image.fromarray(astronaut()).save(path, quality=90)
    return str(path)


def _files(queue, job):
    return {k: Path(v) for k, v in job.files().items()}


def _framed(queue, photo, owner, workshop):
    job = queue.get(queue.submit("portrait.frame", {"source": photo}, owner=owner, workshop_id=workshop["id"]))
    assert job.state == "done", job.error
    assert job.result["found_face"] and job.result["face"]
    return {"framed": str(_files(queue, job)["framed"]), "face": job.result["face"]}


PAINT = {"style": "pop-art", "strength": 0.5, "seed": 2, "sitter": "Léa"}


def test_no_portrait_without_recorded_consent(immediate_queue, workshop, photo, store):
    minor = store.add_participant(workshop["id"], "Léa", minor=True)  # no parental consent recorded
    framing = _framed(immediate_queue, photo, minor["id"], workshop)
    job = immediate_queue.get(immediate_queue.submit("portrait.paint", {**framing, **PAINT, "sitter_agrees": True},
                                                     owner=minor["id"], workshop_id=workshop["id"]))
    assert job.state == "failed" and job.error["key"] == "portrait.errors.no_parent_consent"
    nobody = immediate_queue.get(immediate_queue.submit("portrait.paint", {**framing, **PAINT, "sitter_agrees": True},
                                                        workshop_id=workshop["id"]))
    assert nobody.state == "failed" and nobody.error["key"] == "portrait.errors.no_sitter"
    adult = store.add_participant(workshop["id"], "Marc", minor=False)  # agreement not recorded yet
    refused = immediate_queue.get(immediate_queue.submit("portrait.paint", {**framing, **PAINT, "sitter_agrees": True},
                                                         owner=adult["id"], workshop_id=workshop["id"]))
    assert refused.state == "failed" and refused.error["key"] == "portrait.errors.no_consent"
    store.set_consent(minor["id"], True, by="Animatrice")
    disagrees = immediate_queue.get(immediate_queue.submit("portrait.paint", {**framing, **PAINT,
                                                                              "sitter_agrees": False},
                                                           owner=minor["id"], workshop_id=workshop["id"]))
    assert disagrees.state == "failed" and disagrees.error["key"] == "portrait.errors.no_consent"
    assert store.artifacts(workshop_id=workshop["id"], kind="portrait") == []


def test_portrait_then_framed_print_with_label_and_postcard(immediate_queue, workshop, photo, store, tmp_path):
    from pipelines.portrait.consent import record_adult_agreement

    adult = store.add_participant(workshop["id"], "Léa", minor=False)
    record_adult_agreement(store, adult["id"])
    assert store.participant(adult["id"])["consent_by"] == "Léa"
    framing = _framed(immediate_queue, photo, adult["id"], workshop)
    painted = immediate_queue.get(immediate_queue.submit("portrait.paint", {**framing, **PAINT,
                                                                            "sitter_agrees": True},
                                                         owner=adult["id"], workshop_id=workshop["id"]))
    assert painted.state == "done", painted.error
    assert painted.result["backend"] == "portrait.paint.cpu" and painted.result["ai_made"] is False
    portrait = _files(immediate_queue, painted)["portrait"]
    assert Image.open(portrait).text["AI-generated"] == "no"
    [stored] = store.artifacts(workshop_id=workshop["id"], kind="portrait")
    assert stored["title"] == "Léa" and not stored["ai_made"]

    printed = immediate_queue.get(immediate_queue.submit("portrait.print", {
        "portrait": str(portrait), "style": "van-gogh", "sitter": "Léa", "ai_made": False, "size": "A5",
        "backend": painted.result["backend"], "language": "fr", "made_on": "2026-11-01"},
        owner=adult["id"], workshop_id=workshop["id"]))
    assert printed.state == "done", printed.error
    files = _files(immediate_queue, printed)
    [page] = pypdf.PdfReader(files["framed"]).pages
    # two A5 portraits side by side on one A4 landscape sheet: nominal size on an office printer's defaults
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 595)
    text = page.extract_text()
    for words in ("Léa", "d'après Vincent van Gogh", "1er novembre 2026", "Peint par l'ordinateur, sans IA"):
        assert text.count(words) == 2, words
    assert "Peint par l'ordinateur, sans IA" in pypdf.PdfReader(files["framed"]).metadata["/Keywords"]
    fronts, backs = pypdf.PdfReader(files["postcard"]).pages
    assert (round(float(fronts.mediabox.width)), round(float(fronts.mediabox.height))) in ((595, 842), (842, 595))
    assert backs.extract_text().count("Créé à la médiathèque, sans IA — 1er novembre 2026") == 4  # four cards
    [printed_item] = store.artifacts(workshop_id=workshop["id"], kind="portrait_print")
    assert printed_item["model"] == "portrait.paint.cpu" and not printed_item["ai_made"]


def test_label_pdf_names_the_painter_and_the_ai_model_with_embedded_fonts(tmp_path):
    picture = tmp_path / "p.png"
    Image.fromarray(astronaut()[:500, :400]).save(picture)
    label = cartel("vermeer", "Zoé", language="fr", made_on=date(2026, 11, 29), library="Médiathèque du Port",
                   ai_made=True, model="sd-turbo")
    pdf = print_portrait(picture, label, tmp_path / "cartel.pdf", size="A4")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Johannes Vermeer" in text and "Fait avec une IA (sd-turbo)" in text and "29 novembre 2026" in text
    assert "Médiathèque du Port" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # the "emb" column
    page = pypdf.PdfReader(pdf).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)  # A4, no bleed
    assert "AI-generated" in pypdf.PdfReader(pdf).metadata.get("/Keywords", "")
    assert "Fait avec une IA (sd-turbo)" in pypdf.PdfReader(pdf).metadata.get("/Keywords", "")  # the model named


def test_painters_under_copyright_are_not_named_on_the_label():
    pop = cartel("pop-art", "Léa", language="en", made_on=date(2026, 11, 29))
    assert pop.after.startswith("in the spirit of Pop Art") and "Warhol" not in pop.after
    cubism = cartel("cubism", "Léa", language="fr", made_on=date(2026, 11, 29))
    assert cubism.after.startswith("dans l'esprit du cubisme")
    assert long_date(date(2026, 3, 1), "fr") == "1er mars 2026"
    assert long_date(date(2026, 3, 1), "en") == "1 March 2026"


def test_command_line_makes_the_portrait_and_its_card(tmp_path, photo, atelier_env):
    from pipelines.cli import main

    out, card = tmp_path / "portrait.png", tmp_path / "card.pdf"
    assert main(["portrait", "make", photo, "--style", "ukiyo-e", "--out", str(out), "--card", str(card),
                 "--name", "Léa"]) == 0
    assert Image.open(out).size[1] == 768
    text = subprocess.run(["pdftotext", str(card), "-"], capture_output=True, text=True, check=True).stdout
    assert "Léa" in text and "Kitagawa Utamaro" in text
    assert main(["portrait", "styles"]) == 0


def test_command_line_says_what_the_label_leaves_out_of_a_name(tmp_path, photo, atelier_env, capsys):
    """« Léo 🄍 »: no print face draws 🄍, and the label said « Léo » without a word; an emoji a face draws (🦖)
    is printed, and nothing is said."""
    from pipelines.cli import main

    out, card = tmp_path / "portrait.png", tmp_path / "card.pdf"
    assert main(["portrait", "make", photo, "--style", "ukiyo-e", "--out", str(out), "--card", str(card),
                 "--name", "Léo 🄍", "--language", "fr"]) == 0
    said = capsys.readouterr().err.replace("\u00a0", " ")
    assert "L’étiquette et la carte diront « Léo » : 🄍 ne s’imprime pas." in said, said
    assert main(["portrait", "make", photo, "--style", "ukiyo-e", "--out", str(out), "--card", str(card),
                 "--name", "Léo 🦖", "--language", "en"]) == 0
    assert "does not print" not in capsys.readouterr().err
