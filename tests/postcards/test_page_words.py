"""The postcards page in a child's words: the crop sliders in percent as on the studio's other pages, an empty
« Une création » that speaks of the child's own creations, and a tiny picture said too small at upload by the
child's own file name, never by an internal file or a dpi figure."""
from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from tests.postcards.test_page import PAGE, _creation, _made_cards


pytestmark = pytest.mark.usefixtures("page_without_worker")


def _png(width: int, height: int) -> bytes:
    y, x = np.mgrid[0:height, 0:width]
    buffer = io.BytesIO()
    Image.fromarray(np.stack([x * 7 % 256, y * 5 % 256, (x + y) % 256], -1).astype(np.uint8)).save(buffer, "PNG")
    return buffer.getvalue()


def _uploaded(store, workshop, name: str, data: bytes) -> AppTest:
    lea = store.add_participant(workshop["id"], "Léa", minor=False)
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["workshop_id"] = workshop["id"]
    at.session_state["participant_id"] = lea.id
    at.run()
    at.button(key="pc-source-upload").click().run()
    at.file_uploader(key="pc-upload").upload(name, data, "image/png").run()
    assert not at.exception, at.exception
    return at


def test_the_crop_sliders_are_in_percent_and_move_the_frame(store, workshop):
    at = _uploaded(store, workshop, "chat.png", _png(1000, 720))  # 170 ppp on a card
    zoom, across, down = at.slider(key="pc-zoom-pct"), at.slider(key="pc-mx-pct"), at.slider(key="pc-my-pct")
    assert (zoom.value, zoom.min, zoom.max, across.value, down.value) == (100, 100, 300, 50, 50)
    assert zoom.proto.format == across.proto.format == "%d %%"  # « 150 % », « 50 % » as the other pages
    assert not any("sera floue" in w.value or "trop petite" in w.value for w in at.warning)  # sharp enough: not said
    zoom.set_value(200).run()
    at.slider(key="pc-mx-pct").set_value(0).run()
    at.text_area(key="pc-message").input("Bisous !").run()
    [b for b in at.button if "Fabriquer" in b.label][0].click().run()
    assert not at.exception, at.exception
    from pipelines.jobs.queue import JobQueue

    [card] = JobQueue(store).get(at.session_state["postcard_job"]).params["cards"]
    # fractions of the picture: the largest A6 frame takes its whole width (1000 / 720 < 148 / 105); at 200 %, half
    # of it, pushed to the left edge
    left, top, right, bottom = card["crop"]
    assert (left, right) == (0, pytest.approx(0.5, abs=0.01))


def test_a_child_without_creations_is_told_so_not_that_the_workshop_has_none(store, workshop):
    _creation(store, workshop)  # someone else's creation in the workshop
    lea = store.add_participant(workshop["id"], "Léa", minor=False)
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["workshop_id"] = workshop["id"]
    at.session_state["participant_id"] = lea.id
    at.run()
    assert not at.exception
    said = " ".join(i.value for i in at.info)
    assert "Tu n'as pas encore de création" in said and "dans cet atelier" not in said


def test_a_tiny_picture_is_said_too_small_at_upload_by_its_own_name(store, workshop):
    at = _uploaded(store, workshop, "dessin-de-lea.png", _png(4, 4))
    [warning] = [w.value for w in at.warning if "trop petite" in w.value]  # at upload, before any card is made
    assert "« dessin-de-lea.png »" in warning and "ppp" not in warning
    at.run()
    assert any("« dessin-de-lea.png »" in w.value for w in at.warning)  # still said when the page is drawn again
    made = _made_cards(at, store)
    words = [w.value for w in made.warning]
    # said once, at upload: the card's own « sera floue sur la carte » said it a second time below the card
    assert [w for w in words if "dessin-de-lea.png" in w] == [warning], words
    assert not any("floue sur la carte" in w for w in words), words
    assert not any("ppp" in w or "photo-" in w for w in words)  # no dpi figure, no internal file name


def test_what_the_upload_checks_changed_is_said_and_stays(store, workshop):
    """A 16-bit scan is brought to 8 bits: said under the photo, and still said when the page is drawn again."""
    buffer = io.BytesIO()
    y, x = np.mgrid[0:720, 0:1000]
    Image.fromarray(((x * 60 + y * 10) % 65536).astype(np.uint16)).save(buffer, "PNG")
    at = _uploaded(store, workshop, "scan.png", buffer.getvalue())
    assert any("Image 16 bits convertie en 8 bits" in i.value for i in at.info)
    at.run()
    assert any("Image 16 bits convertie en 8 bits" in i.value for i in at.info)


def test_a_picture_zoomed_in_too_far_is_said_blurry_once_the_card_is_made(store, workshop):
    """Sharp enough at upload (nothing said then), blurry once zoomed in three times: the card says it, once."""
    at = _uploaded(store, workshop, "chat.png", _png(1000, 720))  # 170 ppp on a card, some 57 at 300 %
    assert not any("trop petite" in w.value for w in at.warning)
    at.slider(key="pc-zoom-pct").set_value(300).run()
    made = _made_cards(at, store)
    words = [w.value for w in made.warning if "chat.png" in w.value]
    assert len(words) == 1 and "floue sur la carte" in words[0] and "Zoome moins" in words[0], words
