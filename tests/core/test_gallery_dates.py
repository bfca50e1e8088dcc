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
    assert any("« page.png » est abîmée" in c.value for c in at.caption)
    assert any(b.label == "Oui, supprimer" for b in at.button)  # inside the "🗑️ Supprimer" question
    day = store.artifacts(workshop_id=workshop["id"])[0]["created_at"][:10]
    buttons = sorted((b.label, b.help) for b in at.get("download_button"))  # help: the name the file gets
    assert [label for label, _ in buttons] == ["⬇️ PDF", "⬇️ PNG"]
    assert [name for _, name in buttons] == [f"comic-zoe-le-dragon-{day}.pdf", f"comic-zoe-le-dragon-{day}.png"]
