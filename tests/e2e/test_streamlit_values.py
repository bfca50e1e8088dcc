"""Streamlit's own words around a value in French pages: « Remove photo.png », « photo.png, 140.0B »,
« 25MB per file », « Fullscreen: La photo », « Drag and drop a file here » were left in English (texts and names
read aloud), while the fixed ones were translated. Every English word of Streamlit's frontend, fixed or around a
value, and every size in Streamlit's English units, must be gone from /photos and /comics in French."""
from __future__ import annotations

import functools
import re
from pathlib import Path

from PIL import Image

from pipelines.i18n import catalogue
from tests.e2e.conftest import seed_workshop, shot, wait_ready

TABLET = {"width": 820, "height": 1180}
WORD = re.compile(r"[A-Za-z][a-z]{2,}")
SIZE = re.compile(r"\d(?:\.\d+)?[KMG]?B\b")  # Streamlit's `${n.toFixed(d)}${unit}`: "140.0B", "25MB"


@functools.cache
def streamlit_vocabulary() -> frozenset[str]:
    """The English words of what Streamlit's frontend (static/js) writes in texts, names and labels, around a
    value or not ("Remove ${name}" gives "remove"), without the words French shares (« menu », « photo »)."""
    import streamlit

    found = set()
    pattern = re.compile(r'(?:"aria-label"|children|title|placeholder|label|errorMessage|message):'
                         r'`([A-Za-z$][^`]{2,80})`')
    for path in (Path(streamlit.__file__).parent / "static" / "static" / "js").glob("*.js"):
        for literal in pattern.findall(path.read_text(encoding="utf-8", errors="ignore")):
            fixed = re.sub(r"\$\{[^}]*\}?", " ", literal)
            found.update(w.casefold() for w in WORD.findall(fixed))
    french = {w.casefold() for text in catalogue("fr").values() if isinstance(text, str) for w in WORD.findall(text)}
    return frozenset(found - french)


# every text and name of the page that a screen reader may reach (a toolbar shown on hover, a visually hidden
# text, not an element out of the layout: display none), but not code (commands on the facilitator's pages),
# the <noscript> note nor an icon's ligature
PAGE_WORDS = """() => { const out = [];
  for (const el of document.querySelectorAll('[aria-label],[title],[placeholder]')) if (el.checkVisibility())
    for (const name of ['aria-label', 'title', 'placeholder'])
      if (el.getAttribute(name)) out.push(el.getAttribute(name));
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); let n;
  while ((n = walker.nextNode())) { const p = n.parentElement;
    if (p && !p.closest('script,style,noscript,code,pre,[data-testid=stIconMaterial]') && p.checkVisibility()
        && n.nodeValue.trim())
      out.push(n.nodeValue.trim()); }
  return out; }"""


def english_left(page) -> list[str]:
    vocabulary = streamlit_vocabulary()
    return sorted({text for text in page.evaluate(PAGE_WORDS)
                   if SIZE.search(text) or any(w.casefold() in vocabulary for w in WORD.findall(text))})


def _settled(page) -> list[str]:
    left = english_left(page)
    if left:
        page.wait_for_timeout(700)  # the observer rewrites what was drawn last
        left = english_left(page)
    return left


def test_streamlits_words_around_a_value_are_french(browser, studio, tmp_path):
    seed_workshop(studio, "Atelier des valeurs", participants=("Zoé",))
    picture = tmp_path / "photo.png"
    Image.new("RGB", (64, 48), (120, 80, 40)).save(picture)
    context = browser.new_context(viewport=TABLET)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        left = {}
        for path in ("photos", "comics"):
            page.goto(f"{studio}/{path}")
            wait_ready(page)
            page.wait_for_function("() => document.documentElement.lang === 'fr'")
            if path == "comics":  # the hero's picture is asked on the third step
                page.get_by_role("tab", name=re.compile("Héros")).click()
            zone = page.locator("[data-testid=stFileUploaderDropzone]:visible").first
            zone.wait_for(state="visible")
            assert re.search(r"\d\u00a0Mo au plus par fichier", zone.inner_text()), zone.inner_text()
            left[f"{path} (empty)"] = _settled(page)
            zone.locator("input[type=file]").set_input_files(str(picture))
            wait_ready(page)
            if path == "comics":  # the file's chip: its name, its size, its remove button
                page.locator("[data-testid=stFileChip]").first.wait_for(state="attached")
            left[f"{path} (a file)"] = _settled(page)
            if path == "comics":
                chip = page.locator("[data-testid=stFileChip]").first
                assert re.fullmatch(r"photo\.png, \d+,\d\u00a0o", chip.get_attribute("aria-label")), left
                assert page.get_by_role("button", name="Retirer photo.png").count() == 1
            if any(left.values()):
                shot(page, f"streamlit-values-{path}")
        assert all(not words for words in left.values()), left
    finally:
        context.close()


def test_a_file_over_the_limit_is_refused_in_french(browser, studio, tmp_path):
    """A 600 dpi scan over the upload limit: Streamlit's own refusal (« Error: File must be 100.0MB or smaller. »,
    read aloud and shown on hover only) is in French, « Erreur : » included, and written out beside the file."""
    from pipelines.config import settings

    seed_workshop(studio, "Atelier des gros fichiers", participants=("Zoé",))
    scan = tmp_path / "scan-600dpi.tif"
    with scan.open("wb") as out:  # sparse: one byte past the limit costs no disk
        out.truncate(int(settings().upload_max_mb) * 1_000_000 + 1)
    context = browser.new_context(viewport=TABLET)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto(f"{studio}/photos")
        wait_ready(page)
        page.wait_for_function("() => document.documentElement.lang === 'fr'")
        zone = page.locator("[data-testid=stFileUploaderDropzone]:visible").first
        zone.locator("input[type=file]").set_input_files(str(scan))
        alert = page.locator("[role=alert]", has_text="au plus").first
        alert.wait_for(state="attached")
        page.wait_for_timeout(700)  # the observer rewrites what was drawn last
        said = alert.evaluate("(el) => el.textContent")
        left = _settled(page)
        if left or "Erreur" not in said:
            shot(page, "streamlit-values-too-big")
        assert said.startswith("Erreur\u00a0: Le fichier doit faire "), said
        assert not left, left
        box = alert.bounding_box()  # written out beside the file: a tablet has no hover to show a tooltip
        assert box and box["width"] > 100 and box["height"] > 10, box
    finally:
        context.close()
