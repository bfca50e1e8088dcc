"""EPUB (epubcheck: 0 errors, 0 warnings), A5 PDF and booklet imposition, CLI, read-aloud."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile

import pytest
from PIL import Image
from pypdf import PdfReader

from pipelines.export.booklet import Side, booklet_order, booklet_pages, padded_count
from pipelines.story.jobs import make_book
from pipelines.story.spec import StorySpec
from pipelines.story.writer import write_story
from tests.conftest import ROOT

EPUBCHECK = "/usr/share/java/epubcheck.jar"


def epubcheck(path) -> str:
    done = subprocess.run(["java", "-jar", EPUBCHECK, str(path)], capture_output=True, text=True, timeout=300)
    return done.stdout + done.stderr


def test_booklet_order_for_eight_pages():
    assert booklet_order(8) == [(Side(8, 1), Side(2, 7)), (Side(6, 3), Side(4, 5))]


@pytest.mark.parametrize("pages", range(1, 30))
def test_booklet_order_uses_every_page_once(pages):
    sheets = booklet_order(pages)
    n = padded_count(pages)
    assert n % 4 == 0 and len(sheets) == n // 4
    seen = [x for front, back in sheets for x in (front.left, front.right, back.left, back.right) if x]
    assert sorted(seen) == list(range(1, pages + 1))
    for front, back in sheets:  # a folded sheet: facing halves add up to n + 1
        assert (front.left or n - (front.right or 0) + 1) + (front.right or 0) in (n + 1, front.left or 0)


@pytest.fixture
def pictures(tmp_path):
    paths = []
    for i, colour in enumerate([(230, 120, 60), (60, 140, 220), (120, 200, 90)]):
        path = tmp_path / f"p{i}.png"
        Image.new("RGB", (1200, 900), colour).save(path)
        paths.append(str(path))
    return paths


def test_book_with_pictures_music_and_voice_passes_epubcheck(atelier_env, tmp_path, pictures):
    story = write_story(StorySpec(hero_name="Zoé", pages=6, language="fr", reading_age="4-6"))
    story.pages[0].picture = pictures[0]
    story.pages[2].picture = pictures[1]
    story.pages[3].picture = str(tmp_path / "deleted.png")  # a missing picture: noted, the book kept (text alone)
    voice = "story.voice.espeak" if shutil.which("espeak-ng") else None
    result = make_book(story, tmp_path / "out", music=True, theme="waltz", voice=voice, seed=2, crop_marks=True,
                       ai_pictures=True)
    files = result["files"]
    report = epubcheck(files["epub"])
    assert "0 fatals / 0 errors / 0 warnings" in report, report
    with zipfile.ZipFile(files["epub"]) as z:
        names = z.namelist()
        opf = z.read("EPUB/content.opf").decode()
        page1 = z.read("EPUB/page-01.xhtml").decode()
    assert sum(n.startswith("EPUB/audio/music-") for n in names) == 6
    assert "<audio" in page1 and "images/page-01.jpg" in page1
    assert "Zoé" in opf and "<dc:language>fr</dc:language>" in opf and "faits en partie avec une IA" in opf
    if voice:
        assert sum(n.startswith("EPUB/audio/narration-") for n in names) == 6
        from pipelines.music.audio import duration

        assert duration(story.pages[0].narration if story.pages[0].narration else
                        next((tmp_path / "out" / "voice").glob("*.mp3"))) > 1.0
    assert any(n["params"].get("number") == 4 for n in result["notes"])
    # A5 pages: cover + 6 pages + how it was made
    pdf = PdfReader(files["pdf"])
    assert len(pdf.pages) == 8
    width, height = (float(v) / 72 * 25.4 for v in pdf.pages[1].trimbox[2:])
    assert abs(width - 148) < 0.5 and abs(height - 210) < 0.5
    assert "Zoé" in pdf.pages[0].extract_text()
    assert "Comment ce livre a été fait" in pdf.pages[-1].extract_text()
    # booklet: 8 pages -> 2 sheets, front and back: 4 PDF pages, A4 landscape trim
    booklet = PdfReader(files["booklet"])
    assert len(booklet.pages) == 4
    trim = booklet.pages[0].trimbox
    assert abs(float(trim.width) / 72 * 25.4 - 297) < 0.5 and abs(float(trim.height) / 72 * 25.4 - 210) < 0.5
    first_sheet = booklet.pages[0].extract_text()
    assert "Comment ce livre a été fait" in first_sheet and story.title in first_sheet  # 8 | 1


def test_booklet_pads_blank_pages_before_the_last_page():
    story = write_story(StorySpec(pages=5))
    from pipelines.story.book import to_book

    kinds = [k for k, _ in booklet_pages(to_book(story, None, False))]
    assert kinds == ["cover"] + ["story"] * 5 + ["blank"] + ["end"]


def test_cli_write_and_make(atelier_env, tmp_path):
    spec = ROOT / "assets" / "stories" / "zoe-dragon.toml"
    run = lambda *args: subprocess.run([sys.executable, "-m", "pipelines", "story", *args], cwd=ROOT,  # noqa: E731
                                       capture_output=True, text=True, timeout=300)
    done = run("write", str(spec), "--out", str(tmp_path / "story.json"))
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "story.json").read_text()
    assert "Zoé" in text and "Fin !" in text  # the [[page]] edit of page 8
    done = run("make", str(spec), "--story", str(tmp_path / "story.json"), "--epub", str(tmp_path / "b.epub"),
               "--booklet", str(tmp_path / "b.pdf"), "--no-music")
    assert done.returncode == 0, done.stderr
    assert "0 errors / 0 warnings" in epubcheck(tmp_path / "b.epub")
    bad = tmp_path / "bad.toml"
    bad.write_text('[story]\nhero_name = ""\n')
    done = run("write", str(bad))
    assert done.returncode == 2 and "prénom" in done.stderr


def test_pages_without_pictures_print_the_text_alone(atelier_env, tmp_path, pictures):
    """No empty dashed frame nor "Page 1" placeholder on paper: a page with no picture is its text, centred."""
    import pdfplumber

    story = write_story(StorySpec(hero_name="Zoé", pages=4, language="fr", reading_age="7-8"))
    story.pages[1].picture = pictures[0]
    result = make_book(story, tmp_path / "out", music=False, seed=1)
    for name in ("pdf", "booklet"):
        with pdfplumber.open(result["files"][name]) as pdf:
            for page in pdf.pages:
                drawn = page.rects + page.curves + page.lines
                assert not [d for d in drawn if d.get("dash")], f"{name} p{page.page_number}: dashed frame"
                assert not re.search(r"\bPage \d", page.extract_text() or ""), f"{name} p{page.page_number}"
    with pdfplumber.open(result["files"]["pdf"]) as pdf:
        for number, page in enumerate(pdf.pages[1:5]):
            assert not (page.rects + page.curves + page.lines)  # nothing but the picture and the words
            words = [w for w in page.extract_words() if w["text"] != str(number + 1)]  # not the folio
            top, bottom = min(w["top"] for w in words), max(w["bottom"] for w in words)
            if number == 1:
                assert len(page.images) == 1 and top > page.height * 0.4  # the text under its picture
            else:
                assert not page.images
                middle = (top + bottom) / 2  # the text alone sits in the middle of the page
                assert abs(middle - page.height / 2) < page.height * 0.1, (number, top, bottom)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_blurry_picture_is_said_with_its_page_number_never_its_file(atelier_env, tmp_path, language):
    from pipelines.i18n import translate
    from pipelines.story.book import note_text

    small = tmp_path / "drawing-ee91f49472a5-01-3797.png"  # named as the studio keeps an upload
    Image.new("RGB", (400, 300), (200, 120, 60)).save(small)
    story = write_story(StorySpec(hero_name="Zoé", pages=4, language=language))
    story.pages[2].picture = str(small)  # page 3, also the cover's picture (the first page with one)
    result = make_book(story, tmp_path / "out", music=False, seed=1)
    assert result["warnings"] == [{"key": "story.print.blurry_page", "params": {"number": 3}}]
    text = note_text(result["warnings"][0], language)
    assert text == translate("story.print.blurry_page", language, number=3)
    assert not re.search(r"\.png|drawing-|\bppp\b|\bdpi\b|/", text), text
