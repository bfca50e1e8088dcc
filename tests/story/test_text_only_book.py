"""A book made with no pictures gives the A5 page to its text: one larger size for the whole book, the block at the
page's optical centre (at the reader's size a three-line page left three quarters of the page empty), in the A5
pages and in the booklet (A5 halves of A4 sheets, at nominal size), read back with pdfplumber."""
from __future__ import annotations

import collections

import pdfplumber
import pytest

from pipelines.export.booklet import TEXT_ONLY_GROWTH, TEXT_ONLY_MAX_PT
from pipelines.story.book import TEXT_PT, export_book
from pipelines.story.spec import StorySpec
from pipelines.story.writer import write_story

MM = 72 / 25.4


def _story_blocks(pdf, pages, width_mm: float = 148.0):
    """(body size, block top, block bottom) in mm of each story page's text, read where it prints (the booklet's
    halves: left or right of the fold), the folio left out."""
    blocks = []
    with pdfplumber.open(pdf) as doc:
        for number, side in pages:
            page = doc.pages[number]
            chars = [c for c in page.chars if c["text"].strip() and c["size"] > 11
                     and (side is None or (c["x0"] < page.width / 2) == (side == "left"))]
            sizes = collections.Counter(round(c["size"], 1) for c in chars)
            body = max(sizes, key=sizes.get)
            body_chars = [c for c in chars if round(c["size"], 1) == body]
            blocks.append((body, min(c["top"] for c in body_chars) / MM, max(c["bottom"] for c in body_chars) / MM))
            assert round(page.height / MM) == 210 and round(page.width / MM) == (297 if side else round(width_mm))
    return blocks


@pytest.mark.parametrize("age", ["4-6", "7-8", "9-10"])
def test_a_book_with_no_pictures_lays_its_text_out_for_the_page(tmp_path, age):
    story = write_story(StorySpec(hero_name="Léa", pages=6, reading_age=age, language="fr", author="Léa"))
    assert not any(page.picture for page in story.pages)
    files = export_book(story, tmp_path, epub=None)["files"]
    blocks = _story_blocks(files["pdf"], [(n, None) for n in range(1, 7)])
    assert len({size for size, _, _ in blocks}) == 1, blocks  # one size for the whole book
    size = blocks[0][0]
    assert size >= 1.5 * TEXT_PT[age], (size, TEXT_PT[age])
    for _, top, bottom in blocks:
        assert bottom - top > 0.15 * 210, (top, bottom)  # the text takes its part of the page
        assert 0.3 * 210 < (top + bottom) / 2 < 0.55 * 210, (top, bottom)  # at the page's optical centre
    largest = min(TEXT_ONLY_MAX_PT, TEXT_ONLY_GROWTH * TEXT_PT[age])  # as large as allowed, or the longest page
    assert size == largest or max(bottom - top for _, top, bottom in blocks) > 0.3 * 210, blocks  # fills its page
    # the booklet: A4 landscape sheets, each half an A5 page with the same text at the same size
    booklet = _story_blocks(files["booklet"], [(2, "left"), (2, "right"), (1, "left")])
    assert {round(s) for s, _, _ in booklet} == {round(size)}, booklet


def test_a_book_with_pictures_keeps_the_readers_size(tmp_path, drawings):
    story = write_story(StorySpec(hero_name="Léa", pages=4, reading_age="7-8", language="fr", author="Léa"))
    for page in story.pages:
        page.picture = str(drawings[0])
    files = export_book(story, tmp_path, epub=None, booklet=None)["files"]
    assert {round(s, 1) for s, _, _ in _story_blocks(files["pdf"], [(n, None) for n in range(1, 5)])} \
        == {TEXT_PT["7-8"]}
