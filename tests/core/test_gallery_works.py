"""One work, one card: a painted portrait and its framed PDF, a restored photo and its A4 sheet, are one card in the
gallery with their files together (each was a second card: the portrait counted twice)."""
from __future__ import annotations

import json
from pathlib import Path

from PIL import Image

from pipelines.portrait.photos import astronaut
from tests.conftest import open_page


def test_a_portrait_and_its_print_are_one_card_and_go_together(immediate_queue, workshop, store, tmp_path,
                                                               monkeypatch):
    from pipelines.portrait.consent import record_adult_agreement

    source = tmp_path / "photo.jpg"
    Image.fromarray(astronaut()).save(source, quality=90)
    lea = store.add_participant(workshop["id"], "Léa", minor=False)
    record_adult_agreement(store, lea["id"])
    run = {"owner": lea["id"], "workshop_id": workshop["id"]}
    framed = immediate_queue.get(immediate_queue.submit("portrait.frame", {"source": str(source)}, **run))
    painted = immediate_queue.get(immediate_queue.submit("portrait.paint", {
        "framed": framed.files()["framed"], "face": framed.result["face"], "style": "pop-art", "strength": 0.5,
        "seed": 2, "sitter": "Léa", "sitter_agrees": True}, **run))
    assert painted.state == "done", painted.error
    printed = immediate_queue.get(immediate_queue.submit("portrait.print", {
        "portrait": painted.files()["portrait"], "style": "pop-art", "sitter": "Léa", "ai_made": False,
        "size": "A4", "backend": painted.result["backend"], "language": "fr", "made_on": "2026-11-01"}, **run))
    assert printed.state == "done", printed.error
    assert len(store.artifacts(workshop_id=workshop["id"])) == 2  # two records: the portrait, its prints

    at = open_page(monkeypatch, "gallery", workshop_id=workshop["id"])
    labels = sorted(b.label for b in at.get("download_button"))
    assert labels == ["⬇️ PDF · carte postale", "⬇️ PDF · encadré", "⬇️ PNG"], labels  # no preview of a sheet
    [portrait] = store.artifacts(workshop_id=workshop["id"], kind="portrait")
    assert [m.value for m in at.markdown if m.value.startswith("**")] == ["**Léa**"]  # one card, the portrait's
    at.session_state[f"del-open-{portrait['id']}"] = True
    at.run()
    next(b for b in at.button if b.key == f"del-{portrait['id']}").click().run()
    assert not at.exception, at.exception
    assert store.artifacts(workshop_id=workshop["id"]) == []  # the prints went with their portrait
    assert not Path(printed.files()["framed"]).exists()


def test_a_photo_and_its_sheet_are_one_card(immediate_queue, workshop, store, tmp_path, monkeypatch):
    source = tmp_path / "scan.png"
    Image.fromarray(astronaut()[::2, ::2]).convert("L").save(source)
    zoe = store.add_participant(workshop["id"], "Zoé", minor=False)
    run = {"owner": zoe["id"], "workshop_id": workshop["id"]}
    restored = immediate_queue.get(immediate_queue.submit("photo.restore", {"source": str(source), "steps": ["tone"],
                                                                           "strength": 0.5}, **run))
    assert restored.state == "done", restored.error
    sheet = immediate_queue.get(immediate_queue.submit("photo.sheet", {
        "before": restored.files()["before"], "after": restored.files()["restored"], "caption": "Mamie en 1962",
        "date": "1962"}, **run))
    assert sheet.state == "done", sheet.error
    assert len(store.artifacts(workshop_id=workshop["id"])) == 2
    at = open_page(monkeypatch, "gallery", workshop_id=workshop["id"])
    labels = sorted(b.label for b in at.get("download_button"))
    assert labels == ["⬇️ PDF · fiche", "⬇️ PNG · avant", "⬇️ PNG · réparée"], labels  # the sheet's copy of the photo once
    titles = [m.value for m in at.markdown if m.value.startswith("**")]
    assert titles == ["**Mamie en 1962**"], titles  # one card: one title, the caption typed for its sheet
    # the postcards page offers the photo once (the sheet's copy of it was a second, identical choice)
    [photo] = store.artifacts(workshop_id=workshop["id"], kind="photo")
    cards = open_page(monkeypatch, "postcards", workshop_id=workshop["id"])
    offered = {b.key for b in cards.button if b.key and b.key.startswith("pick-") and b.key[5:].isdigit()}
    assert offered == {f"pick-{photo['id']}"}, offered


def test_a_book_and_its_pages_pictures_are_one_card(immediate_queue, workshop, store):
    """Each page picture drawn for a book (stylised or by the AI) is a picture of the gallery: they join the book."""
    from pipelines.store.works import works
    from pipelines.story.spec import StorySpec
    from pipelines.story.writer import write_story

    zoe = store.add_participant(workshop["id"], "Zoé", minor=False)
    folder = store.artifact_dir(workshop["id"], "job-x", owner=zoe["id"])
    folder.mkdir(parents=True)
    story = write_story(StorySpec(hero_name="Zoé", pages=4, reading_age="7-8", language="fr", author="Zoé"))
    for number, page in enumerate(story.pages[:2], start=1):
        path = folder / f"image-{number}.png"
        Image.fromarray(astronaut()[::4, ::4] // number).save(path)
        store.add_artifact(workshop_id=workshop["id"], owner=zoe["id"], kind="image", files={"image": str(path)},
                           model="imagegen.stylise")
        page.picture = str(path)
    params = {"story": json.loads(story.to_json()), "music": False}
    job = immediate_queue.get(immediate_queue.submit("story.make", params, owner=zoe["id"], workshop_id=workshop["id"]))
    assert job.state == "done", job.error
    [book] = works(store.artifacts(workshop_id=workshop["id"]), store.files_dir)
    assert book.main["kind"] == "storybook" and [e["kind"] for e in book.extras] == ["image", "image"]


def test_a_card_tells_copies_apart_without_reading_its_files_at_each_run(workshop, store, monkeypatch):
    """A restored scan and its sheet's copy of it: the card keeps the copy once, from the digests recorded with the
    files (each page run read every file of every card, byte for byte: a gallery of big scans read them all). A
    record older than the digests still finds its copy, reading each file once in the process, not at every run."""
    import builtins
    import os

    from pipelines.store.works import _digest_cached, works

    folder = store.artifact_dir(workshop["id"], "job-scan")
    folder.mkdir(parents=True)
    scan, copy, sheet = folder / "restored.png", folder / "after.png", folder / "sheet.pdf"
    scan.write_bytes(os.urandom(3_000_000))  # a big scan
    copy.write_bytes(scan.read_bytes())  # the sheet keeps its own copy of it
    sheet.write_bytes(b"%PDF-1.7 " + os.urandom(1000))
    photo = store.add_artifact(workshop_id=workshop["id"], owner=None, kind="photo", files={"restored": str(scan)})
    store.add_artifact(workshop_id=workshop["id"], owner=None, kind="photo_sheet",
                       files={"sheet": str(sheet), "after": str(copy)},
                       params={"of": scan.relative_to(store.files_dir.resolve()).as_posix()})
    assert len(photo["digests"]["restored"]) == 64
    read = []
    real_open, real_read_bytes = builtins.open, Path.read_bytes
    monkeypatch.setattr(builtins, "open", lambda file, *a, **k: (read.append(str(file)), real_open(file, *a, **k))[1])
    monkeypatch.setattr(Path, "read_bytes", lambda self: (read.append(str(self)), real_read_bytes(self))[1])

    def card_files() -> list[str]:
        [card] = works(store.artifacts(workshop_id=workshop["id"]), store.files_dir)
        return sorted(card.files)

    for _ in range(3):  # three page runs
        assert card_files() == ["restored", "sheet"]  # the copy once
    assert not [path for path in read if Path(path).parent == folder], read

    with store.connect() as conn:  # records made before the digests
        conn.execute("UPDATE artifacts SET digests='{}'")
    assert store.artifacts(workshop_id=workshop["id"])[0]["digests"] == {}
    _digest_cached.cache_clear()  # a new process: the app started again on an old store
    for _ in range(3):
        assert card_files() == ["restored", "sheet"]
    files = [path for path in read if Path(path).parent == folder]
    assert sorted(set(files)) == sorted({str(scan), str(copy), str(sheet)}) and len(files) == 3  # each once
