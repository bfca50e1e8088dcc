"""A patron paints a wide stroke with the big brush on a tablet held upright (820 x 1180): the warning shows where
the finger is, above the canvas, names no model and does not move the canvas. The upload's own notes (a 16-bit scan
brought to 8 bits) are still on the page once the analysis is drawn. The brush's buttons and the steps' ticks are
big enough for a finger."""
from __future__ import annotations

from tests.e2e.conftest import assert_axe_clean, goto, shot, wait_ready
from tests.e2e.test_photos import _drag, _old_photo


def test_a_wide_stroke_is_warned_about_above_the_canvas(browser, studio, tmp_path):
    source = tmp_path / "grand-pere.png"
    _old_photo(source)
    context = browser.new_context(viewport={"width": 820, "height": 1180})
    page = context.new_page()
    try:
        goto(page, studio, "photos")  # at 820 px the sidebar is folded: the address leads there
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(source))
        page.get_by_text("Ce que je vois").wait_for(timeout=120_000)
        wait_ready(page)
        note = page.locator("[data-testid=stAlert]", has_text="Image 16 bits convertie en 8 bits")
        assert note.count() == 1  # said at upload, kept through the page drawn again for the analysis
        page.locator("[data-testid=stExpander] summary", has_text="Corriger les défauts au pinceau").click()
        page.get_by_role("radio", name="Gros").click()
        wait_ready(page)
        # the brush's tools and sizes and the steps' ticks are a finger's targets (WCAG 2.5.5), not 32 and 21 px
        targets = page.locator('[data-testid="stButtonGroup"] button, [data-testid="stCheckbox"] label')
        assert targets.count() >= 5 + 1  # two tools, three sizes, the steps' ticks drawn so far
        for n in range(targets.count()):
            box = targets.nth(n).bounding_box()
            assert box["height"] >= 44, (targets.nth(n).inner_text(), box)
        canvas = page.locator("canvas.upper-canvas")
        canvas.wait_for(timeout=30_000)
        canvas.scroll_into_view_if_needed()  # the patron scrolls down to the canvas
        page.wait_for_timeout(500)
        summary = page.locator("[data-testid=stExpander] summary", has_text="Corriger les défauts au pinceau")
        top = canvas.bounding_box()["y"] - summary.bounding_box()["y"]  # the page may scroll: measured from above
        _drag(page, canvas, [(0.35, 0.85), (0.6, 0.85)])  # one big stroke along a scratch: not yet an area
        assert page.locator("[data-testid=stAlert]", has_text="Trait large").count() == 0
        # The big brush scrubbed back and forth over a face: an area, not a scratch.
        _drag(page, canvas, [(0.35, 0.25), (0.6, 0.25), (0.35, 0.3), (0.6, 0.3), (0.35, 0.35), (0.6, 0.35)])
        warning = page.locator("[data-testid=stAlert]", has_text="Trait large")
        warning.wait_for(timeout=30_000)
        shot(page, "photos-wide-brush")
        assert_axe_clean(page, "photos-wide-brush")
        box, board = warning.bounding_box(), canvas.bounding_box()
        assert abs(board["y"] - summary.bounding_box()["y"] - top) <= 1, (top, board)  # it stays under the finger
        assert box["y"] + box["height"] <= board["y"], (box, board)  # above the canvas, not under its buttons
        assert 0 <= box["y"] and box["y"] + box["height"] <= 1180, box  # on the screen where the stroke was painted
        assert "LaMa" not in warning.inner_text()  # the patron's page names no model
        page.get_by_role("button", name="Annuler le dernier trait").click()
        wait_ready(page)
        page.wait_for_timeout(500)
        assert page.locator("[data-testid=stAlert]", has_text="Trait large").count() == 0  # undone: not said
    finally:
        context.close()
