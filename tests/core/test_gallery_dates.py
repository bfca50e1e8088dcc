"""The gallery says until when a creation is kept as people write dates (06/12/2026 in French)."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def test_gallery_keeps_until_a_french_date(store, monkeypatch):
    from pipelines.store import write_bytes_atomic

    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    workshop = store.create_workshop("BD", retention="week")
    zoe = store.add_participant(workshop["id"], "Zoé")
    path = write_bytes_atomic(store.artifact_dir(workshop["id"], "x") / "planche.txt", b"hello")
    item = store.add_artifact(workshop_id=workshop["id"], owner=zoe["id"], kind="comic", files={"page": str(path)},
                              title="Le dragon")
    iso = item["expires_at"]
    at = AppTest.from_file(str(ROOT / "pages" / "gallery.py"), default_timeout=60)
    at.session_state["workshop_id"] = workshop["id"]
    at.run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert f"Gardé jusqu'au {iso[8:10]}/{iso[5:7]}/{iso[:4]}" in captions, captions


def test_a_damaged_picture_does_not_break_the_gallery(store, monkeypatch):
    from pipelines.store import write_bytes_atomic

    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    workshop = store.create_workshop("BD")
    zoe = store.add_participant(workshop["id"], "Zoé")
    folder = store.artifact_dir(workshop["id"], "x")
    png = write_bytes_atomic(folder / "page.png", b"\x89PNG\r\n\x1a\n cut short")  # a truncated file
    pdf = write_bytes_atomic(folder / "page.pdf", b"%PDF-1.4\n")
    store.add_artifact(workshop_id=workshop["id"], owner=zoe["id"], kind="comic",
                       files={"png": str(png), "pdf": str(pdf)}, title="Le dragon")
    at = AppTest.from_file(str(ROOT / "pages" / "gallery.py"), default_timeout=60)
    at.session_state["workshop_id"] = workshop["id"]
    at.run()
    assert not at.exception, at.exception
    assert any("«\u00a0page.png\u00a0» est abîmée" in c.value for c in at.caption)
    assert not any(b.label == "Oui, supprimer" for b in at.button)  # asked only once "🗑️ Supprimer" is tapped
    [item] = store.artifacts(workshop_id=workshop["id"])
    at.session_state[f"del-open-{item['id']}"] = True
    at.run()
    assert [b.key for b in at.button if b.label == "Oui, supprimer"] == [f"del-{item['id']}"]
    day = store.artifacts(workshop_id=workshop["id"])[0]["created_at"][:10]
    buttons = sorted((b.label, b.help) for b in at.get("download_button"))  # help: the name the file gets
    assert [label for label, _ in buttons] == ["⬇️ PDF", "⬇️ PNG"]
    assert [name for _, name in buttons] == [f"comic-zoe-le-dragon-{day}.pdf", f"comic-zoe-le-dragon-{day}.png"]


def test_two_pdfs_of_a_book_say_which_is_which(store, monkeypatch):
    """A storybook has its A5 pages and its folded booklet, both PDF: the buttons name them, not "PDF 2"."""
    from pipelines.store import write_bytes_atomic

    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    workshop = store.create_workshop("Livres")
    eve = store.add_participant(workshop["id"], "Ève")
    folder = store.artifact_dir(workshop["id"], "y")
    files = {"pdf": str(write_bytes_atomic(folder / "book.pdf", b"%PDF-1.4\n")),
             "booklet": str(write_bytes_atomic(folder / "booklet.pdf", b"%PDF-1.4\n")),
             "epub": str(write_bytes_atomic(folder / "book.epub", b"PK\x03\x04"))}
    store.add_artifact(workshop_id=workshop["id"], owner=eve["id"], kind="storybook", files=files, title="Ève")
    at = AppTest.from_file(str(ROOT / "pages" / "gallery.py"), default_timeout=60)
    at.session_state["workshop_id"] = workshop["id"]
    at.run()
    assert not at.exception, at.exception
    labels = sorted(b.label for b in at.get("download_button"))
    assert labels == ["⬇️ EPUB", "⬇️ PDF · livret", "⬇️ PDF · pages"]


def test_a_creation_without_title_is_called_by_what_it_is(store, monkeypatch):
    """Postcards and an untitled comic page showed "postcard" and "comic_page" (the kind's id) to the child."""
    from pipelines.store import write_bytes_atomic

    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    workshop = store.create_workshop("Cartes")
    eve = store.add_participant(workshop["id"], "Ève")
    folder = store.artifact_dir(workshop["id"], "z")
    for kind in ("postcard", "comic_page"):
        pdf = write_bytes_atomic(folder / f"{kind}.pdf", b"%PDF-1.4\n")
        store.add_artifact(workshop_id=workshop["id"], owner=eve["id"], kind=kind, files={"pdf": str(pdf)}, title="")
    at = AppTest.from_file(str(ROOT / "pages" / "gallery.py"), default_timeout=60)
    at.session_state["workshop_id"] = workshop["id"]
    at.run()
    assert not at.exception, at.exception
    shown = [m.value for m in at.markdown]
    assert "**Mes cartes postales**" in shown and "**Ma planche de BD**" in shown
    assert not any(kind in text for text in shown for kind in ("postcard", "comic_page"))


def test_a_framed_portrait_and_a_comic_say_what_each_file_is_and_how_they_were_made(store, monkeypatch):
    """The printed portrait's two PDFs were « PDF · pages » and « PDF 2 », and a comic made without AI had no
    "how made" line: every card says it, and every button names its file."""
    from pipelines.store import write_bytes_atomic
    from tests.conftest import open_page

    workshop = store.create_workshop("Portraits")
    lea = store.add_participant(workshop["id"], "Léa", minor=False)
    folder = store.artifact_dir(workshop["id"], "p")
    files = {name: str(write_bytes_atomic(folder / f"{name}.pdf", b"%PDF-1.4\n")) for name in ("framed", "postcard")}
    store.add_artifact(workshop_id=workshop["id"], owner=lea["id"], kind="portrait_print", files=files,
                       title="Léa", model="portrait.paint.cpu", ai_made=False)
    comic = {"pdf": str(write_bytes_atomic(folder / "bd.pdf", b"%PDF-1.4\n"))}
    store.add_artifact(workshop_id=workshop["id"], owner=lea["id"], kind="comic_page", files=comic, title="BD",
                       model="", ai_made=False)
    at = open_page(monkeypatch, "gallery", workshop_id=workshop["id"])
    labels = sorted(b.label for b in at.get("download_button"))
    assert labels == ["⬇️ PDF", "⬇️ PDF · carte postale", "⬇️ PDF · encadré"]
    captions = [c.value for c in at.caption]
    assert "🖥️ Fait par l'ordinateur, sans IA" in captions and "✋ Fait sans IA" in captions, captions


def test_two_creations_of_the_same_title_are_told_apart_by_when(store, monkeypatch):
    """Two books « Zoé et la tempête » by one child looked the same in the gallery: each now says when it was made
    (« Faite le 30/11/2026 à 14 h 32 »); a title met once says nothing more."""
    from pipelines.store import write_bytes_atomic

    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    workshop = store.create_workshop("Livres")
    zoe = store.add_participant(workshop["id"], "Zoé")
    for title in ("Zoé et la tempête", "Zoé et la tempête", "Le dragon"):
        path = write_bytes_atomic(store.artifact_dir(workshop["id"], "x") / f"{len(title)}.txt", b"hello")
        store.add_artifact(workshop_id=workshop["id"], owner=zoe["id"], kind="story", files={"pdf": str(path)},
                           title=title)
    at = AppTest.from_file(str(ROOT / "pages" / "gallery.py"), default_timeout=60)
    at.session_state["workshop_id"] = workshop["id"]
    at.run()
    assert not at.exception, at.exception
    made = [c.value for c in at.caption if c.value.startswith("Faite le ")]
    assert len(made) == 2, [c.value for c in at.caption]
    iso = store.artifacts(workshop_id=workshop["id"])[0]["created_at"]
    assert f"Faite le {iso[8:10]}/{iso[5:7]}/{iso[:4]} à " in made[0] and "\u00a0h\u00a0" in made[0], made
