"""The console's privacy sections (AppTest): a tablet code per child, what the purge deletes and when,
and deleting a workshop now."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from pipelines.store import Store, write_bytes_atomic
from pipelines.store.works import source_param

ROOT = Path(__file__).resolve().parents[2]


def test_console_makes_a_tablet_code_and_tells_what_is_deleted_and_when(atelier_env, monkeypatch):
    from ui import runtime

    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    for resource in (runtime.get_store, runtime.get_queue, runtime.start_worker):
        resource.clear()
    store = Store()
    workshop = store.create_workshop("Mercredi photos", retention="day")
    bob = store.add_participant(workshop["id"], "Bob")
    picture = write_bytes_atomic(store.artifact_dir(workshop["id"], "photos-1") / "source.png", b"x" * 1000)
    store.add_artifact(workshop_id=workshop["id"], owner=bob["id"], kind="image", files={"image": str(picture)})
    # what Bob brought, and a sheet printed from his picture: files, not more creations than the gallery's cards
    brought = write_bytes_atomic(store.artifact_dir(workshop["id"], "upload-1") / "scan.jpg", b"y" * 1000)
    store.add_artifact(workshop_id=workshop["id"], owner=bob["id"], kind="upload", files={"upload": str(brought)})
    sheet = write_bytes_atomic(store.artifact_dir(workshop["id"], "photos-2") / "sheet.pdf", b"z" * 1000)
    store.add_artifact(workshop_id=workshop["id"], owner=bob["id"], kind="document", files={"pdf": str(sheet)},
                       params=source_param(picture, store.files_dir))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["workshop_id"] = workshop["id"]
    at.switch_page("pages/console.py").run()
    assert not at.exception
    expanders = [e.label for e in at.expander]
    planned = next(label for label in expanders if label.startswith("🗑️ Suppression prévue le"))
    assert planned.endswith("23:59")
    texts = "\n".join(m.value for m in at.markdown)
    assert "1 créations, 3 fichiers" in texts and "1 participants" in texts
    next(b for b in at.button if b.label == "Code tablette").click().run()
    assert not at.exception
    code = store.participant(bob["id"])["tablet_code"]
    assert code and len(code) == 6 and any(code in m.value for m in at.markdown)
    next(c for c in at.checkbox if c.label == "Je veux tout supprimer maintenant").check().run()
    next(b for b in at.button if b.label == "Supprimer maintenant").click().run()
    assert not at.exception
    assert store.workshop(workshop["id"]) is None and not picture.exists()


def test_the_qr_code_holds_the_tablet_address():
    import cv2
    import numpy as np

    from ui.console_privacy import qr_png

    address = "http://192.168.1.20:8501/?tablet=K7M2QX"
    png = np.frombuffer(qr_png(address), np.uint8)
    text, _, _ = cv2.QRCodeDetector().detectAndDecode(cv2.imdecode(png, cv2.IMREAD_GRAYSCALE))
    assert text == address
