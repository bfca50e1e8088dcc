"""A comic page drawn by the AI in the browser (a tiny SD-Turbo and TAESD installed in the studio's data
dir and converted for OpenVINO, the engine the studio picks on a CPU): three panels from sentences with a
style (the jobs say which engine drew them), one panel redone alone, a refused
sentence named and counted in the console, and the AI mention on the printed page."""
from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess

import pdfplumber

from tests.e2e.ai_studio import ai_studio_fixture
from tests.e2e.conftest import ARTIFACTS, assert_no_exception, download, goto, nav_link, shot, wait_ready


studio = ai_studio_fixture(openvino=True)


def _jobs(studio, kind: str) -> list[dict]:
    with sqlite3.connect(studio.data_dir / "atelier.db") as db:
        rows = db.execute("SELECT params, result, state FROM jobs WHERE kind = ? ORDER BY rowid", (kind,)).fetchall()
    return [{"params": json.loads(p), "result": json.loads(r) if r else None, "state": s} for p, r, s in rows]


def _panel_files(studio) -> dict[str, str]:
    """Every panel picture kept by the page (name -> sha256)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in (studio.data_dir).rglob("panel-*-v*.png")}


def _tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    page.wait_for_timeout(300)


def _fill(page, key: str, text: str, tag: str = "input") -> None:
    field = page.locator(f".st-key-{key} {tag}")
    field.fill(text)
    field.press("Control+Enter" if tag == "textarea" else "Enter")
    wait_ready(page)


def _pick(page, key: str, option: str) -> None:
    """Choose an option of a selectbox."""
    box = page.locator(f".st-key-{key}").get_by_role("combobox")
    box.click()
    box.fill(option)
    page.get_by_role("option").filter(has_text=option).first.click()
    wait_ready(page)


def _wait_ready_panels(page, count: int, timeout_s: float = 300) -> None:
    panels_tab = page.get_by_role("tabpanel", name="4 · Dessins")
    for _ in range(int(timeout_s)):
        ready = panels_tab.get_by_text("Case prête").count() >= count
        if ready and not page.locator('[data-testid="stProgress"]').count():
            break
        page.wait_for_timeout(1000)
    wait_ready(page)
    assert panels_tab.get_by_text("Case prête").count() >= count


def test_an_ai_comic_page(browser_page, studio):
    page = browser_page
    goto(page, studio)
    nav_link(page, "Bande dessinée").click()
    wait_ready(page)
    page.get_by_role("button", name="Cases hautes · 3 cases").click()
    wait_ready(page)

    # 1. Story and hero sheet.
    _tab(page, "2 · Histoire")
    _fill(page, "comic-title", "Le dragon gourmand")
    lines = ["Un dragon mange une glace", "Le dragon vole au-dessus du château", "Un chat arrive dans la forêt"]
    for i, line in enumerate(lines):
        _fill(page, f"comic-story-{i}", line)
    _tab(page, "3 · Héros")
    _fill(page, "comic-hero-name", "Flamme")
    _fill(page, "comic-hero-look", "un petit dragon vert avec une écharpe rouge", tag="textarea")
    _fill(page, "comic-hero-seed", "4242")

    # 2. Three panels drawn by the AI from the sentences, the first in watercolour.
    _tab(page, "4 · Dessins")
    for i in range(3):
        page.locator(f".st-key-comic-way-{i}").get_by_text("✨ L'IA dessine ma phrase").click()
        wait_ready(page)
    _pick(page, "comic-style-0", "Aquarelle")
    for i in range(3):
        page.get_by_role("button", name=f"🎨 Dessiner la case {i + 1}").click()
        wait_ready(page)
    _wait_ready_panels(page, 3)
    assert_no_exception(page)
    page.get_by_role("button", name="🔁 Refaire la case 1").scroll_into_view_if_needed()
    shot(page, "comics-ai-01-panels")
    jobs = _jobs(studio, "imagegen.generate")
    assert [j["state"] for j in jobs] == ["done"] * 3
    assert sorted(j["params"]["prompt"] for j in jobs) == sorted(lines)
    assert {j["params"]["character"] for j in jobs} == {"Flamme, un petit dragon vert avec une écharpe rouge"}
    assert {j["params"]["seed"] for j in jobs} == {4242} and {j["result"]["seed"] for j in jobs} == {4242}
    assert sorted(j["params"]["style"] for j in jobs) == ["aquarelle", "ligne_claire", "ligne_claire"]
    from pipelines.imagegen.openvino_engine import cpu_precision

    made_by = f"OpenVINO {cpu_precision()}"  # the job says which engine drew each panel
    assert {j["result"]["engine"] for j in jobs} == {made_by}
    first = _panel_files(studio)
    assert sorted(first) == ["panel-1-v1.png", "panel-2-v1.png", "panel-3-v1.png"]

    # 3. Panel 2 redone in manga: only panel 2 gets a new picture.
    _pick(page, "comic-style-1", "Manga")
    page.get_by_role("button", name="🔁 Refaire la case 2").click()
    wait_ready(page)
    for _ in range(90):
        if "panel-2-v2.png" in _panel_files(studio) and not page.locator('[data-testid="stProgress"]').count():
            break
        page.wait_for_timeout(1000)
    wait_ready(page)
    again = _panel_files(studio)
    assert again["panel-1-v1.png"] == first["panel-1-v1.png"] and again["panel-3-v1.png"] == first["panel-3-v1.png"]
    assert again["panel-2-v2.png"] != first["panel-2-v1.png"]
    redo = _jobs(studio, "imagegen.generate")[-1]["params"]
    assert redo["style"] == "manga" and redo["seed"] == 4242 and redo["prompt"] == lines[1]
    assert page.get_by_role("button", name="🔁 Refaire la case 2").is_enabled()  # ready for another go
    page.get_by_role("button", name="🔁 Refaire la case 2").scroll_into_view_if_needed()
    shot(page, "comics-ai-02-redo")

    # 4. A sentence the filter refuses: a kind message naming the panel, nothing drawn, counted.
    _tab(page, "2 · Histoire")
    _fill(page, "comic-story-2", "Le chevalier prend un pistolet")
    _tab(page, "4 · Dessins")
    page.get_by_role("button", name="🔁 Refaire la case 3").click()
    wait_ready(page)
    panels_tab = page.get_by_role("tabpanel", name="4 · Dessins")
    message = panels_tab.locator('[data-testid="stAlert"]').filter(has_text="Case 3 :")
    message.first.wait_for(timeout=20_000)  # the click reruns the page once more to show it
    assert message.count() == 1 and "objet magique" in message.inner_text()  # the weapons sentence, no word repeated
    assert message.is_visible()  # shown beside the panel's button: the step stays open
    message.scroll_into_view_if_needed()
    shot(page, "comics-ai-03-refused")
    assert len(_jobs(studio, "imagegen.generate")) == 4  # nothing queued for the refused sentence
    _tab(page, "2 · Histoire")
    _fill(page, "comic-story-2", lines[2])  # the panel kept its picture; its line is put back

    # 5. The printed page carries the AI mention.
    _tab(page, "6 · Imprimer")
    page.get_by_role("button", name="🖨️ Créer ma planche (PDF + image)").click()
    page.get_by_text("Ta planche est prête !").first.wait_for(timeout=120_000)
    wait_ready(page)
    assert_no_exception(page)
    pdf = download(page, page.get_by_role("button", name="⬇️ PDF à imprimer (A4)"), "comics-ai-page.pdf")
    with pdfplumber.open(pdf) as doc:
        text = doc.pages[0].extract_text()
        assert len(doc.pages) == 1 and len(doc.pages[0].images) == 3
    assert "Le dragon gourmand" in text and "Créé avec l'IA" in text
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-singlefile", str(pdf), str(ARTIFACTS / "comics-ai-page")],
                   check=True)

    # 6. The facilitator's console counts the refused sentence.
    nav_link(page, "Animation").first.click()
    wait_ready(page)
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Demandes refusées par le filtre")
    assert metric.locator('[data-testid="stMetricValue"]').inner_text().strip() == "1"
    shot(page, "comics-ai-04-console")
