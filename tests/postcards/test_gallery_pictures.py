"""« Une création »: the postcards page offers a creation's own picture, never a print's sheet preview (a postcard's
4-up sheet with its cut lines would be printed as the front of a new card)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from pipelines.store.model import creation_picture


def _picture(path: Path) -> str:
    y, x = np.mgrid[0:300, 0:420]
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.stack([x % 256, y % 256, (x * y) % 256], -1).astype(np.uint8)).save(path)
    return str(path)


def test_a_postcard_offers_its_front_picture_not_its_sheet(store, immediate_queue, workshop):
    front = _picture(store.artifact_dir(workshop["id"], "postcards") / "photo-1a2b3c4d.png")
    immediate_queue.submit("postcards.make", {"cards": [{"front": front, "title": "Chat"}], "copies": 4},
                           workshop_id=workshop["id"])
    [card] = store.artifacts(workshop_id=workshop["id"], kind="postcard")
    assert Path(card.files["preview"]).name == "apercu-recto.png"  # the sheet is an image file...
    assert creation_picture(card) == front  # ...but the card's picture is its front
    Path(front).unlink()
    assert creation_picture(card) is None  # a front gone: nothing to offer (the sheet is not a stand-in)


def test_each_kind_gives_its_picture_and_prints_give_none(tmp_path):
    files = {name: _picture(tmp_path / f"{name}.png") for name in ("preview", "restored", "before", "image")}
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    assert creation_picture({"kind": "photo", "files": {"before": files["before"], "restored": files["restored"]}}) \
        == files["restored"]
    assert creation_picture({"kind": "portrait_print", "files": {"framed": str(pdf), "preview": files["preview"]}}) \
        is None
    assert creation_picture({"kind": "music", "files": {"cover": files["image"]}}) is None
    # a kind not listed: its first picture file that is not a print preview
    assert creation_picture({"kind": "comic_panel", "files": {"preview": files["preview"], "pdf": str(pdf),
                                                              "image": files["image"]}}) == files["image"]
    assert creation_picture({"kind": "other", "files": {"preview": files["preview"]}}) is None
