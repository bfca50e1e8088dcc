"""Whatever a child types in a bubble, in any layout and any panel, the bubble stays inside its panel on the page:
its text shrinks (down to a size still read), wraps, and when it still cannot fit, the child is told in a short
sentence (« tu ») and no bubble is drawn, never one cut short or running across the page.

A long speech in a narrow panel of « Cases hautes » used to be widened to be no taller than wide, wider than the
panel, and pushed off the page's left edge (its box began at x = -34 mm)."""
from __future__ import annotations

import random

import pytest

from pipelines.comics import bubbles as bub
from pipelines.comics.layouts import LAYOUTS, get_layout, panel_rects
from pipelines.comics.lettering import chain
from pipelines.comics.page import (PAGE_H, PAGE_W, BubbleSpec, PageSpec, PanelSpec, compose, letter_bubbles,
                                   panel_area)
from pipelines.comics.typography import letter_text
from pipelines.i18n import UserError
from pipelines.safety.text import check_printable

EPS = 1e-6
SHORT = ("oui", "non", "le", "la", "un", "chat", "dragon", "vite", "zut", "où", "est", "mon", "ami", "Léa", "Noé",
         "on", "y", "va", "c'est", "moi", "toi", "sœur", "ça", "là-bas", "peut-être", "ô", "hé")
LONG = ("anticonstitutionnellement", "extraordinairement", "incompréhensiblement", "super-héros-volants",
        "abracadabrantesque", "intergalactique")
SHOUTS = ("AAAAAAAAAAAAAAAAAAAH", "NOOOOOOOOON", "AÏÏÏÏÏE", "BOUM", "GRRRRRRRRRRRRRRRRRRRRRRRRR",
          "HIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIII")
EMOJI = ("♥", "★", "☀", "🐉", "🦄", "😀", "✨")
ARABIC = ("مريم", "مرحبا", "أين القط؟", "يا")
PUNCT = ("!", "?", ":", ";", "!?", "…", "?!")

# What a refused bubble may be told: too long a word, too much text, signs the lettering cannot print.
REFUSALS = {"comics.errors.word_too_long", "comics.errors.bubble_too_long", "text.needs_shaping", "text.emoji",
            "text.no_glyph"}


def bubble_text(rng: random.Random) -> str:
    """One random bubble text of a child: many short words, long words, French punctuation (typed with or without
    the space, or with a non-breaking one), shouts of one unbroken word, emoji, Arabic, and mixes of them."""
    style = rng.choice(("short", "long", "shout", "emoji", "arabic", "mixed", "nbsp", "wall"))
    words: list[str] = []
    count = {"short": rng.randint(1, 40), "wall": rng.randint(25, 45)}.get(style, rng.randint(1, 12))
    for _ in range(count):
        pool = {"short": SHORT, "wall": SHORT, "long": SHORT + LONG, "shout": SHOUTS + SHORT, "emoji": SHORT + EMOJI,
                "arabic": SHORT + ARABIC, "nbsp": SHORT}.get(style, SHORT + LONG + SHOUTS + EMOJI + ARABIC)
        word = rng.choice(pool)
        if rng.random() < 0.3:
            word += rng.choice(("", " ", "\u00a0")) + rng.choice(PUNCT)
        words.append(word)
    if style == "shout":
        words = [rng.choice(SHOUTS)] + words[: rng.randint(0, 2)]
    text = " ".join(words)
    return text[:160]  # the bubble box's limit (ui.comics.LIMITS)


def _inside(points, rect, margin: float = 0.0) -> bool:
    x, y, w, h = rect
    return all(x + margin - EPS <= px <= x + w - margin + EPS and y + margin - EPS <= py <= y + h - margin + EPS
               for px, py in points)


def _corners(box):
    x, y, w, h = box
    return [(x, y), (x + w, y), (x, y + h), (x + w, y + h)]


def _check_bubble(shape: bub.BubbleShape, panel, typed: str) -> None:
    trim = (0.0, 0.0, PAGE_W, PAGE_H)
    assert _inside(_corners(shape.box), panel, bub.INSET_MM - 1e-3), (shape.box, panel)
    assert _inside(_corners(shape.box), trim)
    assert _inside(shape.body, panel), "body"
    assert shape.tail is None or _inside(shape.tail, panel), "tail"
    for puff in shape.puffs:
        assert _inside(puff, panel), "thought trail"
    assert _inside(_corners(shape.text_box), shape.box), (shape.text_box, shape.box)  # the letters in the body
    lettering = shape.lettering
    assert lettering.size_pt >= bub.MIN_PT
    assert "".join("".join(lettering.lines).split()) == "".join(typed.split())  # every letter lettered, none cut


def _cases(seed: int):
    """A page per layout with random bubbles in every panel (one to three per panel), kinds, places, nudges, tails."""
    rng = random.Random(seed)
    for layout_id, layout in sorted(LAYOUTS.items()):
        panels = []
        for _ in range(layout.panel_count):
            bubbles = [BubbleSpec(kind=rng.choice(bub.KINDS), text=bubble_text(rng),
                                  position=rng.choice(list(bub.POSITIONS)),
                                  nudge=(rng.randint(-25, 25), rng.randint(-25, 25)),
                                  tail=rng.choice((None, (rng.random(), rng.random()))))
                       for _ in range(rng.randint(1, 3))]
            panels.append(PanelSpec(bubbles=bubbles))
        yield layout_id, panels


def _letter(panel: PanelSpec, rect, number: int) -> list[bub.BubbleShape]:
    """The panel's bubbles as `compose` letters them (its printable check first; the words guard, slow and about
    words, not room, is left to its own tests)."""
    for index, bubble in enumerate(panel.bubbles, start=1):
        check_printable(bubble.text, chain(True), field=f"{number}.{index}")
    return letter_bubbles(panel, rect, "fr", number)


@pytest.mark.parametrize("seed", range(3))
def test_every_bubble_stays_in_its_panel_or_is_refused_with_a_sentence(seed):
    drawn = refused = 0
    for layout_id, panels in _cases(seed):
        rects = panel_rects(get_layout(layout_id), panel_area())
        for number, (panel, rect) in enumerate(zip(panels, rects), start=1):
            for bubble in panel.bubbles:
                # each bubble alone in its panel, then all the panel's bubbles together (placed around each other)
                try:
                    shape, = _letter(PanelSpec(bubbles=[bubble]), rect, number)
                except UserError as exc:
                    refused += 1
                    assert exc.key in REFUSALS, (exc.key, bubble.text)
                    assert exc.message("fr") and exc.message("en")
                    continue
                drawn += 1
                _check_bubble(shape, rect, letter_text(bubble.text, "fr"))
            try:
                together = _letter(panel, rect, number)
            except UserError as exc:
                assert exc.key in REFUSALS
                continue
            for shape, bubble in zip(together, panel.bubbles, strict=True):
                _check_bubble(shape, rect, letter_text(bubble.text, "fr"))
    assert drawn > 20 and refused > 0  # the generator makes both


@pytest.mark.parametrize("layout_id", sorted(LAYOUTS))
@pytest.mark.parametrize("kind", bub.KINDS)
def test_the_longest_text_the_box_takes_fits_every_panel_or_is_said(layout_id, kind):
    """160 letters of short words (what the bubble box lets through) in every panel of every layout, at each of the
    nine places: lettered at MIN_PT or more inside the panel, else refused as too long, with a « tu » sentence."""
    text = ("Je crois que nous devrions partir tout de suite avant que le dragon ne se réveille et nous mange "
            "tous, toi, moi, le chat et même la petite souris de la cuisine !")[:160]
    rects = panel_rects(get_layout(layout_id), panel_area())
    for number, rect in enumerate(rects):
        for position in ("top-left", "bottom-right"):  # measured the same at every place: two corners suffice
            panel = PanelSpec(bubbles=[BubbleSpec(kind=kind, text=text, position=position, tail=(0.5, 0.9))])
            try:
                shape, = letter_bubbles(panel, rect, "fr", number + 1)
            except UserError as exc:
                assert exc.key == "comics.errors.bubble_too_long"
                said = exc.message("fr")
                assert said.startswith(f"Case {number + 1}, bulle 1 :") and "Raccourcis-le" in said
                continue
            _check_bubble(shape, rect, letter_text(text, "fr"))


def test_in_cases_hautes_a_long_speech_is_lettered_inside_its_narrow_panel():
    """The case found: a long speech in panel 1 of « Cases hautes » ran off the page's left edge."""
    text = "Je crois que nous devrions partir tout de suite avant que le dragon ne se réveille et nous mange tous"
    rects = panel_rects(get_layout("tall-3"), panel_area())
    for kind in bub.KINDS:
        shape = compose(PageSpec(layout="tall-3", panels=[PanelSpec(bubbles=[BubbleSpec(kind=kind, text=text)])]))
        _check_bubble(shape.bubbles[0], rects[0], text)
        assert shape.bubbles[0].lettering.size_pt >= 9  # shrunk, but still read easily


def test_a_lettering_too_big_for_a_panel_is_an_error_not_a_bubble_across_the_page():
    wide = bub.measure("speech", "Bonjour à tous mes amis de la bibliothèque", (0.0, 0.0, 186.0, 60.0))
    with pytest.raises(ValueError, match="does not fit"):
        bub.shape("speech", wide, (12.0, 34.0, 40.0, 200.0))


def test_a_thought_trail_near_the_border_stays_in_the_panel():
    panel = (12.0, 34.0, 58.0, 244.0)
    lettering = bub.measure("thought", "Je me demande où est passé mon chat, il était là ce matin", panel)
    for tail in [(0.0, 1.0), (1.0, 1.0), (0.0, 0.0), (1.0, 0.5)]:
        for position in bub.POSITIONS:
            shape = bub.shape("thought", lettering, panel, position, tail=tail)
            for puff in shape.puffs:
                assert _inside(puff, panel)


@pytest.mark.parametrize("layout_id", sorted(LAYOUTS))
def test_the_drawn_page_has_no_ink_outside_its_panels(layout_id):
    """The page as drawn (render_png, the preview's and the page picture's drawing): with long bubbles of every kind
    in every panel, pushed to the panel's edges, no pixel of ink falls outside the panels (title band aside)."""
    import numpy as np

    from pipelines.comics.page import MARGIN, TITLE_BAND, Composed
    from pipelines.comics.render import render_png

    rng = random.Random(layout_id)
    rects = panel_rects(get_layout(layout_id), panel_area())
    shapes = []
    for number, rect in enumerate(rects, start=1):
        bubbles = [BubbleSpec(kind=kind, text=text, position=position, nudge=(rng.randint(-30, 30), 0),
                              tail=(rng.choice((0.0, 1.0)), rng.choice((0.0, 1.0))))
                   for kind, text, position in (
                       (rng.choice(bub.KINDS), "Je crois que nous devrions partir tout de suite avant que le dragon "
                                               "ne se réveille et nous mange tous !", "top-left"),
                       ("shout", "AAAAAAAAAA-AAAAAAAAAH !", "bottom-right"))]
        shapes += _letter(PanelSpec(bubbles=bubbles), rect, number)
    dpi = 100
    k = dpi / 25.4
    picture = np.asarray(render_png(Composed(PAGE_W, PAGE_H, [(r, "") for r in rects], shapes, []), dpi=dpi))
    ink = picture.min(axis=2) < 200
    allowed = np.zeros_like(ink)
    pad = 2  # px: the panel's border is drawn centred on its edge
    for x, y, w, h in rects:
        rows = slice(max(0, int(y * k) - pad), int((y + h) * k) + pad + 1)
        allowed[rows, max(0, int(x * k) - pad):int((x + w) * k) + pad + 1] = 1
    allowed[: int((MARGIN + TITLE_BAND) * k) - pad] = 1  # the title and the authors (none here)
    stray = np.argwhere(ink & ~allowed)
    assert not len(stray), f"{len(stray)} px of ink outside the panels, first at (row, col) {stray[:3].tolist()}"
