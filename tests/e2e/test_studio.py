"""The studio as a facilitator sees it: create a workshop, add a participant with consent, switch language,
visit every page."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from pipelines.store import Store
from tests.e2e.conftest import assert_no_exception, nav_link, shot, wait_ready
from ui.nav import TOOLS, WORKSHOPS


def _sidebar_link(page, title: str):
    return nav_link(page, re.compile(re.escape(title)))


def test_facilitator_day(browser_page, studio, monkeypatch):
    page = browser_page
    page.goto(studio)
    wait_ready(page)
    expect(page.get_by_text("Bienvenue dans l'Atelier")).to_be_visible(timeout=20_000)
    shot(page, "studio-01-home-fr")

    # 1. Create a workshop in the console.
    _sidebar_link(page, "Animation").click()
    wait_ready(page)
    page.get_by_label("Nom de l'atelier").fill("BD du mercredi")
    page.get_by_role("button", name="Créer l'atelier").click()
    wait_ready(page)
    expect(page.get_by_text("Code pour les tablettes").first).to_be_visible(timeout=20_000)
    monkeypatch.setenv("ATELIER_DATA_DIR", str(studio.data_dir))
    from pipelines import config

    config.reset_settings()
    workshop = Store().workshops()[0]
    assert workshop["name"] == "BD du mercredi" and len(workshop["code"]) == 5
    assert page.get_by_text(workshop["code"]).first.is_visible()

    # 2. Add a participant with parental consent.
    page.get_by_label("Prénom ou pseudonyme").fill("Zoé")
    page.get_by_text("Un parent a donné son accord").click()
    page.get_by_label("Accord noté par").fill("Animatrice")
    page.get_by_role("button", name="Ajouter", exact=True).click()
    wait_ready(page)
    expect(page.get_by_text("Zoé a rejoint l'atelier")).to_be_visible()  # waits: read once, it raced the rerun
    person = Store().participants(workshop["id"])[0]
    assert person["name"] == "Zoé" and person["consent"] == 1 and person["consent_by"] == "Animatrice"
    assert person["consent_at"]
    shot(page, "studio-02-console")

    # 3. The participant picks their name in the sidebar.
    page.get_by_label("Qui es-tu ?").click()
    page.get_by_role("option", name="Zoé").click()
    wait_ready(page)

    # 4. Every page, in French.
    for info in [*WORKSHOPS, *TOOLS]:
        _sidebar_link(page, page_title(info.key, "fr")).first.click()
        wait_ready(page)
        assert_no_exception(page)
        shot(page, f"studio-fr-{info.key}")

    # 5. Switch to English: the frame and the pages change language.
    page.locator('[data-testid="stSidebar"]').get_by_text("English").click()
    wait_ready(page)
    _sidebar_link(page, "Home").click()
    wait_ready(page)
    assert page.get_by_text("Welcome to the Studio").is_visible()
    shot(page, "studio-03-home-en")
    for info in [*WORKSHOPS, *TOOLS]:
        _sidebar_link(page, page_title(info.key, "en")).first.click()
        wait_ready(page)
        assert_no_exception(page)
        shot(page, f"studio-en-{info.key}")


def page_title(key: str, language: str) -> str:
    from pipelines.i18n import translate

    return translate(f"pages.{key}.title", language)
