"""Layout checks of a page as it is now, at the sizes of the room's screens (tablet portrait 820 x 1180, laptop
1280 x 800): labels and captions not cut, no blank button, no element over another. Each check returns the
problems found (empty when all is well) and the caller keeps a screenshot of each size to look at."""
from __future__ import annotations

import io

from tests.e2e.conftest import shot

SIZES = ((820, 1180), (1280, 800))

CUT_TEXT = """() => [...document.querySelectorAll(
  '[data-testid=stMain] [data-testid=stWidgetLabel] [data-testid=stMarkdownContainer],'
  + '[data-testid=stMain] button [data-testid=stMarkdownContainer],'
  + '[data-testid=stMain] [data-testid=stTab] [data-testid=stMarkdownContainer]')]
  .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"""

OVERLAPS = """() => {
  const els = [...document.querySelectorAll('[data-testid=stMain] [data-testid=stElementContainer]')]
  .filter(e => { const r = e.getBoundingClientRect();  // shown: not in a closed expander, not hidden
    return r.width > 2 && r.height > 2 && !e.closest('details:not([open])') && e.checkVisibility(); });
  const out = [];
  for (let i = 0; i < els.length; i++) for (let j = i + 1; j < els.length; j++) {
    const a = els[i], b = els[j]; if (a.contains(b) || b.contains(a)) continue;
    const r = a.getBoundingClientRect(), s = b.getBoundingClientRect();
    const w = Math.min(r.right, s.right) - Math.max(r.left, s.left);
    const h = Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top);
    if (w > 4 && h > 4) out.push([a.innerText.slice(0, 40), b.innerText.slice(0, 40), Math.round(w), Math.round(h)]); }
  return out; }"""


def blank_buttons(page) -> list[str]:
    """Buttons of the page (not icon-only ones named by aria-label) whose face shows nothing but their
    background: an emoji the tablet's font lacks, or a label that did not render."""
    blank = []
    for button in page.locator("[data-testid=stMain] button:visible").all():
        if button.get_attribute("aria-label"):
            continue
        box = button.bounding_box()
        if not box or box["width"] < 20 or box["height"] < 20:
            continue
        # looked at again a second later before it counts: a button caught mid-transition (its colour fading in
        # after a rerun on a loaded machine) is not a label that never rendered
        if _ink(button) < 8 and (page.wait_for_timeout(1000) or _ink(button) < 8):
            blank.append(button.inner_text() or "(no text)")
    return blank


def _ink(button) -> int:
    """How many pixels of the button's face differ from its background by more than 60 grey levels."""
    from PIL import Image

    picture = Image.open(io.BytesIO(button.screenshot())).convert("L")
    w, h = picture.size
    face = picture.crop((6, 6, w - 6, h - 6))  # inside the rounded border
    counts = face.histogram()
    background = max(range(256), key=counts.__getitem__)
    return sum(n for value, n in enumerate(counts) if abs(value - background) > 60)


def layout_problems(page, name: str) -> dict:
    """Every problem found at each size (a screenshot of each kept as test-artifacts/<name>-<width>.png)."""
    problems = {}
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(600)
        found = {"cut": page.evaluate(CUT_TEXT), "overlap": page.evaluate(OVERLAPS), "blank": blank_buttons(page)}
        found = {kind: items for kind, items in found.items() if items}
        if found:
            problems[width] = found
        shot(page, f"{name}-{width}")
    return problems
