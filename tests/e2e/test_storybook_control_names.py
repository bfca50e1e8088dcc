"""Each control of the storybook has a name of its own for a screen reader: the read-aloud switch and the choice of
the voice under it were both named « Lire l'histoire à voix haute » (the emoji aside), a page's words and the choice
of its picture both « Page 1 », in French and in English."""
from __future__ import annotations

import re
import shutil

import pytest

from tests.e2e.conftest import assert_no_exception, shot, tapped, wait_ready

CONTROL = re.compile(r'^\s*- (checkbox|switch|radiogroup|combobox|textbox|slider|spinbutton) "(.*)"', re.M)


def _said(name: str) -> str:
    """A control's name as a screen reader's words: letters and digits, the emoji and signs left out."""
    return " ".join(re.sub(r"[^\w']+", " ", name.lower()).split())


@pytest.mark.skipif(not shutil.which("espeak-ng"), reason="the read-aloud switch shows only with a voice installed")
@pytest.mark.parametrize("language,voice_switch,voice_choice", [
    ("fr", "🗣️ Lire l'histoire à voix haute", "Quelle voix lit le livre ?"),
    ("en", "🗣️ Read the story aloud", "Which voice reads the book?")])
def test_the_read_aloud_switch_and_the_voice_choice_have_names_of_their_own(browser, studio, language, voice_switch,
                                                                            voice_choice):
    context = browser.new_context(viewport={"width": 820, "height": 1180}, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(f"{studio}/storybook" + ("?lang=en" if language == "en" else ""))
        wait_ready(page)
        name = page.locator("[data-testid=stMain]").get_by_role("textbox").first
        name.fill("Zoé")
        name.press("Enter")
        wait_ready(page)
        switch = page.get_by_text(voice_switch)
        tapped(page, page.get_by_role("button", name=re.compile("^✨")), switch)  # « ✨ Écrire l'histoire »
        switch.wait_for(timeout=120_000)
        wait_ready(page)
        controls = CONTROL.findall(page.locator("[data-testid=stMain]").aria_snapshot())
        said = [_said(name) for _, name in controls]
        assert len(controls) > 5 and [c for c, s in zip(controls, said) if said.count(s) > 1] == []
        assert page.get_by_role("switch", name=voice_switch).or_(
            page.get_by_role("checkbox", name=voice_switch)).count() == 1
        assert page.get_by_role("radiogroup", name=voice_choice).count() == 1
        page.get_by_role("radiogroup", name=voice_choice).scroll_into_view_if_needed()
        shot(page, f"storybook-control-names-{language}")
        assert_no_exception(page)
    finally:
        context.close()
