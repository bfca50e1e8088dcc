"""Layouts (gutters, borders, thumbnails), bubbles (tails towards the speaker, nudges), lettering, typography."""
from __future__ import annotations

import math

import pytest

from pipelines.comics import bubbles as bub
from pipelines.comics.layouts import GUTTER_MM, LAYOUTS, get_layout, panel_rects, thumbnail
from pipelines.comics.lettering import fit_text, text_width_mm
from pipelines.comics.page import panel_area
from pipelines.comics.typography import NBSP, letter_text

PANEL = (12.0, 34.0, 90.0, 80.0)


def _overlap(a, b):
    return (a[0] < b[0] + b[2] - 1e-6 and b[0] < a[0] + a[2] - 1e-6
            and a[1] < b[1] + b[3] - 1e-6 and b[1] < a[1] + a[3] - 1e-6)


def test_the_issue_layouts_exist():
    assert len(LAYOUTS) >= 6
    assert {"classic-6": 6, "strip-4": 4, "tall-3": 3, "splash-2": 3, "grid-4": 4}.items() <= \
        {k: v.panel_count for k, v in LAYOUTS.items()}.items()
    assert "webtoon" in LAYOUTS


@pytest.mark.parametrize("layout_id", sorted(LAYOUTS))
def test_panels_stay_in_the_area_with_gutters(layout_id):
    area = panel_area()
    rects = panel_rects(get_layout(layout_id), area)
    for x, y, w, h in rects:
        assert w > 20 and h > 20
        assert area[0] - 1e-6 <= x and x + w <= area[0] + area[2] + 1e-6
        assert area[1] - 1e-6 <= y and y + h <= area[1] + area[3] + 1e-6
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert not _overlap(a, b)
            gap_x = max(b[0] - (a[0] + a[2]), a[0] - (b[0] + b[2]))
            gap_y = max(b[1] - (a[1] + a[3]), a[1] - (b[1] + b[3]))
            assert max(gap_x, gap_y) >= GUTTER_MM - 1e-6


def test_thumbnails_show_the_panels():
    picture = thumbnail(LAYOUTS["classic-6"], width=150)
    assert picture.size == (150, 212)
    grey = sum(1 for pixel in picture.getdata() if pixel == (223, 231, 239))
    assert grey > 150 * 212 * 0.4  # the panels fill most of the page


def test_french_typography():
    assert letter_text("Vite!", "fr") == f"Vite{NBSP}!"
    assert letter_text("Quoi ?!", "fr") == f"Quoi{NBSP}?!"
    assert letter_text("Attention: dragon; «oui»", "fr") == f"Attention{NBSP}: dragon{NBSP}; «{NBSP}oui{NBSP}»"
    assert letter_text("Help !", "en") == "Help!"


def test_lettering_never_breaks_at_a_non_breaking_space():
    text = letter_text("Oh là là! Quelle surprise!", "fr")
    lettering = fit_text(text, 22, 40, max_pt=12, min_pt=7)
    assert lettering is not None
    assert not any(line.startswith("!") for line in lettering.lines)
    assert all(text_width_mm(line, lettering.size_pt) <= 22 + 1e-6 for line in lettering.lines)


def test_lettering_shrinks_to_fit_then_gives_up():
    short = bub.measure("speech", "Salut", PANEL)
    longer = bub.measure("speech", "Salut ! " * 12, PANEL)
    assert short.size_pt == bub.MAX_PT and bub.MIN_PT <= longer.size_pt < short.size_pt
    assert bub.measure("speech", "Salut ! " * 200, PANEL) is None


@pytest.mark.parametrize("kind", ["speech", "shout", "thought"])
@pytest.mark.parametrize("target", [(0.9, 0.9), (0.1, 0.85), (0.85, 0.2)])
def test_tail_points_to_the_speaker(kind, target):
    lettering = bub.measure(kind, "Au secours !", PANEL)
    shape = bub.shape(kind, lettering, PANEL, "centre" if target[1] < 0.5 else "top", tail=target)
    speaker = (PANEL[0] + target[0] * PANEL[2], PANEL[1] + target[1] * PANEL[3])
    end = shape.tail[1] if shape.tail else shape.puffs[-1][0]
    centre = shape.text_centre
    assert math.dist(end, speaker) < math.dist(centre, speaker)
    heading = math.atan2(end[1] - centre[1], end[0] - centre[0])
    wanted = math.atan2(speaker[1] - centre[1], speaker[0] - centre[0])
    assert abs(math.remainder(heading - wanted, 2 * math.pi)) < 0.35


def test_positions_and_nudges_move_the_bubble_but_never_out_of_its_panel():
    lettering = bub.measure("speech", "Coucou", PANEL)
    left = bub.shape("speech", lettering, PANEL, "top-left")
    right = bub.shape("speech", lettering, PANEL, "bottom-right")
    nudged = bub.shape("speech", lettering, PANEL, "top-left", nudge=(1, 1))
    assert right.box[0] > left.box[0] and right.box[1] > left.box[1]
    assert nudged.box[0] == pytest.approx(left.box[0] + 0.05 * PANEL[2])
    far = bub.shape("speech", lettering, PANEL, "top-left", nudge=(40, 40))
    x, y, w, h = far.box
    assert x + w <= PANEL[0] + PANEL[2] and y + h <= PANEL[1] + PANEL[3]
    assert far.box == right.box  # pushed all the way: it stops at the bottom-right corner


def test_caption_is_a_box_without_tail():
    lettering = bub.measure("caption", "Pendant ce temps…", PANEL)
    shape = bub.shape("caption", lettering, PANEL, "top-left", tail=(0.5, 0.9))
    assert shape.tail is None and not shape.puffs and len(shape.body) == 4


def test_a_new_bubble_takes_the_next_free_place_in_reading_order():
    from pipelines.comics.bubbles import POSITIONS, READING_ORDER, next_free_position

    assert sorted(READING_ORDER) == sorted(POSITIONS)
    assert next_free_position([]) == "top-left"
    assert next_free_position(["top-left"]) == "top-right"
    assert next_free_position(["top-right", "top-left"]) == "bottom-left"
    assert next_free_position(["bottom-left"]) == "top-left"
    assert next_free_position(list(READING_ORDER) + ["top-left"]) == "top-right"  # all taken: the least used
