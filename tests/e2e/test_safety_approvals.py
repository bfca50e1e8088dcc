"""Children's pictures wait for the facilitator's OK (a tiny SD-Turbo installed in the studio): the
facilitator turns the setting on, a child draws two comic panels with the AI, both wait; the first is
approved and appears in the child's page, the second is rejected and never reaches the page or the
gallery; the console counts the refusal by category."""
from __future__ import annotations

import json
import sqlite3

from tests.e2e.ai_studio import ai_studio_fixture
from tests.e2e.conftest import assert_no_exception, goto, nav_link, shot, wait_ready
from playwright.sync_api import expect

studio = ai_studio_fixture()


def _db(studio, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(studio.data_dir / "atelier.db") as db:
        return db.execute(sql, args).fetchall()


def _open(page, studio, nav: str) -> None:
    goto(page, studio)
    nav_link(page, nav).first.click()
    wait_ready(page)


def _wait(page, check, timeout_s: float = 60) -> None:
    for _ in range(int(timeout_s * 2)):
        if check():
            return
        page.wait_for_timeout(500)
    assert check()


def test_childrens_pictures_wait_for_the_facilitators_ok(browser_page, studio):
    child = browser_page
    console = child.context.new_page()

    # 1. The facilitator asks for the children's pictures to wait.
    _open(console, studio, "Animation")
    console.get_by_text("Les images faites par l'IA pour les enfants attendent mon accord").click()
    wait_ready(console)
    key = f"safety.approve_pictures.{studio.workshop['id']}"
    _wait(console, lambda: _db(studio, "SELECT value FROM kv WHERE key=?", key) == [("1",)], 30)

    # 2. Zoé draws two panels with the AI: both wait, nothing is shown to her yet.
    goto(child, studio)
    box = child.locator(".st-key-participant_pick").get_by_role("combobox")
    box.click()
    child.get_by_role("option").filter(has_text="Zoé").first.click()
    wait_ready(child)
    nav_link(child, "Bande dessinée").click()
    wait_ready(child)
    child.get_by_role("button", name="Cases hautes · 3 cases").click()
    wait_ready(child)
    child.get_by_role("tab", name="2 · Histoire").click()
    for i, line in enumerate(["Un chat mange une glace", "Un chat vole dans le ciel"]):
        field = child.locator(f".st-key-comic-story-{i} input")
        field.fill(line)
        field.press("Enter")
        wait_ready(child)
    child.get_by_role("tab", name="4 · Dessins").click()
    for i in range(2):
        child.locator(f".st-key-comic-way-{i}").get_by_text("✨ L'IA dessine ma phrase").click()
        wait_ready(child)
    for i in range(2):
        child.get_by_role("button", name=f"🎨 Dessiner la case {i + 1}").click()
        wait_ready(child)
    _wait(child, lambda: len(_db(studio, "SELECT job_id FROM picture_reviews WHERE state='pending'")) == 2, 240)
    waiting = child.get_by_text("L'animateur la regarde")
    _wait(child, lambda: waiting.count() == 2)
    assert child.get_by_text("Case prête").count() == 0
    assert not list(studio.data_dir.rglob("panel-*.png"))  # nothing kept in her page yet
    assert _db(studio, "SELECT COUNT(*) FROM artifacts WHERE kind='image'") == [(0,)]  # nor in the gallery
    shot(child, "safety-01-child-waits")

    # 3. The facilitator sees both pictures: approves the first, rejects the second (too scary).
    first, second = [r[0] for r in _db(studio, "SELECT r.job_id FROM picture_reviews r JOIN jobs j ON j.id = r.job_id "
                                               "ORDER BY json_extract(j.params, '$.prompt') = ?",
                                       "Un chat vole dans le ciel")]
    console.locator(f".st-key-approve-{first} button").wait_for(timeout=20_000)
    expect(console.get_by_text("2 images attendent votre accord")).to_have_count(1)  # the rerun may still be drawing
    shot(console, "safety-02-console-waiting")
    console.locator(f".st-key-approve-{first} button").click()
    wait_ready(console)
    expect(console.locator(f".st-key-why-{second}")).to_have_count(1)  # the rerun may still show the old list too
    why = console.locator(f".st-key-why-{second}").get_by_role("combobox")
    why.click()
    why.fill("Horreur")
    console.get_by_role("option").filter(has_text="Horreur réaliste").first.click()
    wait_ready(console)
    console.locator(f".st-key-reject-{second} button").click()
    wait_ready(console)
    assert _db(studio, "SELECT state, category FROM picture_reviews WHERE job_id=?", first) == [("approved", "")]
    assert _db(studio, "SELECT state, category FROM picture_reviews WHERE job_id=?", second) == [("rejected", "horror")]
    console.get_by_text("Aucune image n'attend.").wait_for(timeout=20_000)
    row = console.locator("tr").filter(has_text="Horreur réaliste")
    row.wait_for(timeout=20_000)
    assert row.locator("td").nth(1).inner_text().strip() == "1"  # counted by category, never the text
    assert "chat vole" not in console.inner_text("body")
    shot(console, "safety-03-console-decided")

    # 4. Zoé sees the approved picture; the rejected one never reaches her page or the gallery.
    _wait(child, lambda: child.get_by_text("Case prête").count() == 1)
    child.get_by_text("Cette image ne sera pas gardée").first.wait_for(timeout=20_000)
    wait_ready(child)
    assert_no_exception(child)
    assert sorted(p.name for p in studio.data_dir.rglob("panel-*.png")) == ["panel-1-v1.png"]
    artifacts = _db(studio, "SELECT owner, params FROM artifacts WHERE kind='image'")
    assert len(artifacts) == 1 and json.loads(artifacts[0][1])["prompt"] == "Un chat mange une glace"
    assert _db(studio, "SELECT detail FROM events WHERE kind='picture_rejected'") == [("horror",)]
    shot(child, "safety-04-child-sees-approved")
