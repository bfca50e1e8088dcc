"""The comics page in Streamlit's AppTest: six steps, layout pictures, no text->image without a model, bubbles."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from pipelines.config import ROOT


@pytest.fixture
def app(atelier_env, monkeypatch):
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    # a run's time is the benches' business: a cold clean machine once took over 60 s for one bubble's run (CI)
    at = AppTest.from_file(str(ROOT / "pages" / "comics.py"), default_timeout=180)
    at.run()
    assert not at.exception, at.exception
    return at


def _button(at, label):
    return next(b for b in at.button if b.label == label)


def test_six_steps_and_layout_pictures(app):
    assert [tab.label for tab in app.tabs] == ["1 · Cases", "2 · Histoire", "3 · Héros", "4 · Dessins",
                                               "5 · Bulles", "6 · Imprimer"]
    layout_buttons = [b.label for b in app.button if "cases" in b.label and "·" in b.label]
    assert len(layout_buttons) >= 6
    _button(app, "Grande case + 2 · 3 cases").click().run()
    assert app.session_state["comic"]["layout"] == "splash-2"
    assert [b.label for b in app.button if b.label.startswith("🎨 Dessiner la case")] == [
        "🎨 Dessiner la case 1", "🎨 Dessiner la case 2", "🎨 Dessiner la case 3"]


def test_without_a_model_only_the_drawing_ways_are_offered(app):
    ways = app.radio(key="comic-way-0").options
    assert not any("phrase" in w for w in ways) and any("encré" in w for w in ways)
    _button(app, "🎨 Dessiner la case 1").click().run()
    assert any("Case 1 : envoie d'abord la photo de ton dessin." in e.value for e in app.error)


def test_bubbles_are_added_nudged_and_previewed(app, drawings):
    comic = app.session_state["comic"]
    comic["panels"][0]["image"] = str(drawings[0])
    app.text_area(key="comic-bubble-text").input("Bonjour!")
    _button(app, "↗").click().run()
    _button(app, "➕ Ajouter la bulle").click().run()
    bubble = app.session_state["comic"]["panels"][0]["bubbles"][0]
    assert bubble["text"] == "Bonjour!" and bubble["position"] == "top-right" and bubble["tail"]
    assert app.text_area(key="comic-bubble-text").value == ""  # the box is empty again: no duplicate by a 2nd tap
    _button(app, "⬇️ Descendre").click().run()
    assert app.session_state["comic"]["panels"][0]["bubbles"][0]["nudge"] == [0, 1]
    assert not app.error and not app.exception
    app.text_area(key="comic-bubble-text").input("A" * 150)
    _button(app, "➕ Ajouter la bulle").click().run()
    assert any(e.value.startswith("Case 1, bulle 2") for e in app.error)  # named, when added; the page is kept
    assert len(app.session_state["comic"]["panels"][0]["bubbles"]) == 1
    assert app.text_area(key="comic-bubble-text").value == "A" * 150  # the words stay, to shorten


def test_a_bubble_the_workshop_refuses_is_not_added_and_its_words_stay_in_the_box(app, drawings):
    app.session_state["comic"]["panels"][0]["image"] = str(drawings[0])
    app.text_area(key="comic-bubble-text").input("on met le chat dans la machine a laver").run()
    _button(app, "➕ Ajouter la bulle").click().run()
    assert any(e.value.endswith("(dans la bulle 1 de la case 1)") and "machine" not in e.value for e in app.error)
    assert app.session_state["comic"]["panels"][0]["bubbles"] == []
    assert app.text_area(key="comic-bubble-text").value == "on met le chat dans la machine a laver"
    app.text_input(key="comic-title").input("Le chat qui pue").run()  # harmless words: nothing said
    assert not app.error
    app.text_area(key="comic-bubble-text").input("Miaou !").run()
    _button(app, "➕ Ajouter la bulle").click().run()
    assert [b["text"] for b in app.session_state["comic"]["panels"][0]["bubbles"]] == ["Miaou !"]


def test_an_emoji_in_a_bubble_prints_and_one_the_print_cannot_draw_is_said_when_added(app, drawings):
    app.session_state["comic"]["panels"][0]["image"] = str(drawings[0])
    app.text_area(key="comic-bubble-text").input("Miaou 🨀 !").run()  # a chess piece: no face the studio ships draws it
    _button(app, "➕ Ajouter la bulle").click().run()
    # the print pages' sentence, when the bubble is added, not once the page is finished and sent to print
    assert any("🨀" in e.value and "bulle 1 de la case 1" in e.value for e in app.error), [e.value for e in app.error]
    assert app.session_state["comic"]["panels"][0]["bubbles"] == []
    assert app.text_area(key="comic-bubble-text").value == "Miaou 🨀 !"
    app.text_area(key="comic-bubble-text").input("Miaou 🥰 !").run()  # a recent emoji prints (in black), as typed
    _button(app, "➕ Ajouter la bulle").click().run()
    assert [b["text"] for b in app.session_state["comic"]["panels"][0]["bubbles"]] == ["Miaou 🥰 !"]


def test_a_bubble_too_long_for_its_panel_and_an_emoji_in_the_title_are_said_where_they_are_typed(app, drawings):
    app.session_state["comic"]["panels"][0]["image"] = str(drawings[0])
    shout = "A" * 37 + "H !"  # one word too long for a panel at a readable size: the page check refused it later
    app.text_area(key="comic-bubble-text").input(shout).run()
    _button(app, "➕ Ajouter la bulle").click().run()
    said = "Case 1, bulle 1 : le mot «\u00a0" + "A" * 37 + "H\u00a0» est trop long"
    assert any(e.value.startswith(said) for e in app.error)
    assert app.session_state["comic"]["panels"][0]["bubbles"] == []
    assert app.text_area(key="comic-bubble-text").value == shout  # kept, to shorten
    app.text_input(key="comic-title").input("La BD de Lina 🨀")  # the story step, where the title is typed
    app.text_input(key="comic-authors").input("Lina, Sami 🨁").run()  # (signs no shipped face draws)
    errors = [e.value for e in app.error]
    assert any("🨀" in e and "titre" in e for e in errors) and not any("🨁" in e for e in errors), errors
    # a name prints without the sign, as on the console's labels and the quiz's diplomas: said, not refused
    assert "Sur ta planche, «\u00a0Sami 🨁\u00a0» s'écrira «\u00a0Sami\u00a0» (l'imprimante ne connaît pas 🨁)." in [
        i.value for i in app.info], [i.value for i in app.info]


def test_the_child_moves_the_frame_and_the_page_prints_that_part(app, drawings, atelier_env):
    from PIL import Image

    comic = app.session_state["comic"]
    comic["panels"][0]["image"] = str(drawings[0])
    app.run()
    assert comic["panels"][0].get("frame", [0.5, 0.5, 1.0]) == [0.5, 0.5, 1.0]  # centred until moved
    sliders = [app.slider(key=f"comic-frame-{k}-0-0") for k in "xyz"]  # in percent, like the strength
    assert [(s.proto.format, s.min, s.max, s.value) for s in sliders] == [
        ("%d %%", 0, 100, 50), ("%d %%", 0, 100, 50), ("%d %%", 85, 300, 100)]  # 85 %: the whole picture
    app.slider(key="comic-frame-x-0-0").set_value(100).run()
    app.slider(key="comic-frame-z-0-0").set_value(150).run()  # zoom in percent
    assert not app.exception
    assert app.session_state["comic"]["panels"][0]["frame"] == [1.0, 0.5, 1.5]
    # the page (its preview was drawn on this run) prints the framed part, kept beside the picture
    framed = list(atelier_env.data_dir.rglob("*-classic-6-100-50-150.png"))
    assert len(framed) == 1
    with Image.open(framed[0]) as cut, Image.open(drawings[0]) as whole:
        assert cut.width < whole.width and cut.height < whole.height  # zoomed in
        top = round((whole.height - cut.height) / 2)
        right = whole.convert("RGB").crop((whole.width - cut.width, top, whole.width, top + cut.height))
        import numpy as np

        gap = np.abs(np.asarray(right, int) - np.asarray(cut.convert("RGB"), int)).mean()
        assert gap < 3  # the right-hand part, centred vertically: where the child moved the frame


def test_no_magic_number_without_an_ai_model(app):
    """The hero's magic number only means something to an AI model: without one it is not shown."""
    assert not [n for n in app.number_input if n.label.startswith("Numéro magique")]
    assert not [c for c in app.caption if "dessinée par l'IA" in c.value]


def test_a_bubble_on_an_empty_panel_is_explained_in_the_childs_words(app):
    assert any("La case 1 n'a pas encore d'image" in w.value for w in app.warning)
    assert _button(app, "➕ Ajouter la bulle").disabled


def test_no_licence_on_the_childs_page(app, atelier_env):
    """Font licences belong on the facilitator's models page, not on the comic a child makes."""
    shown = " ".join(e.value for kind in ("caption", "markdown", "info") for e in getattr(app, kind))
    assert "Licen" not in shown and "SIL" not in shown
    models = AppTest.from_file(str(ROOT / "pages" / "models.py"), default_timeout=60)
    models.run()
    assert not models.exception, models.exception
    assert any("Comic Neue (SIL Open Font License 1.1)" in c.value for c in models.caption)


def test_bubbles_added_without_a_chosen_place_each_get_a_free_one(app, drawings):
    app.session_state["comic"]["panels"][0]["image"] = str(drawings[0])
    app.run()
    for words in ("Bonjour !", "Salut !", "Ça va ?"):
        app.text_area(key="comic-bubble-text").input(words)
        _button(app, "➕ Ajouter la bulle").click().run()
    bubbles = app.session_state["comic"]["panels"][0]["bubbles"]
    assert [b["position"] for b in bubbles] == ["top-left", "top-right", "bottom-left"]
    # the child's own choice is kept, even a place already taken
    app.text_area(key="comic-bubble-text").input("Et moi !")
    _button(app, "↖").click().run()
    _button(app, "➕ Ajouter la bulle").click().run()
    assert app.session_state["comic"]["panels"][0]["bubbles"][3]["position"] == "top-left"
    assert not app.exception


def test_a_photo_with_a_face_starts_framed_on_the_face(store, monkeypatch, tmp_path):
    """A 4:3 photo of a face used as it is in a wide strip (« 4 bandes »): the frame starts on the face (centred,
    the strip cut her forehead), and the sliders show where it is."""
    from PIL import Image
    from skimage import data

    from tests.fixtures.models_comics import make_first_panel_as_is

    photo = tmp_path / "moi.png"
    Image.fromarray(data.astronaut()[:384]).save(photo)
    monkeypatch.setenv("ATELIER_EMBEDDED_WORKER", "0")
    at = AppTest.from_file(str(ROOT / "pages" / "comics.py"), default_timeout=90)
    at.run()
    comic = at.session_state["comic"]
    comic["layout"] = "strip-4"
    comic["panels"][0]["drawing"] = str(photo)
    make_first_panel_as_is(at, store)
    x, y, zoom = at.session_state["comic"]["panels"][0]["frame"]
    assert zoom == 1.0 and 0.35 < x < 0.55 and y < 0.4  # her face: x 0.33-0.54, y 0.16-0.44 of the photo
    assert at.slider(key="comic-frame-y-0-1").value == round(y * 100)
