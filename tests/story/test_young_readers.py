"""A 4-6 year old's book: the reading age comes from the child's age group and the printed text is
large (at least 16 pt in the A5 PDF, read back with pdfplumber), even on a page edited to its longest."""
from __future__ import annotations

import collections

import pdfplumber

from pipelines.story.book import export_book
from pipelines.story.spec import PAGE_MAX_CHARS, StorySpec, edit_page, reading_age_for
from pipelines.story.writer import write_story


def test_reading_age_follows_the_age_group():
    assert reading_age_for("4-6") == "4-6" and reading_age_for("7-8") == "7-8"
    assert reading_age_for("11-14") == "9-10" and reading_age_for(None) == "7-8"


def test_text_for_four_to_six_is_at_least_16_pt(tmp_path):
    spec = StorySpec(hero_name="Léa", pages=4, reading_age=reading_age_for("4-6"), language="fr", author="Léa")
    story = write_story(spec)
    long_text = ("Léa court dans la forêt avec la chouette et elles rient très fort. " * 20)[:PAGE_MAX_CHARS]
    story = edit_page(story, 2, long_text)
    files = export_book(story, tmp_path, epub=None, booklet=None)["files"]
    with pdfplumber.open(files["pdf"]) as doc:
        for number in (1, 2, 3, 4):  # the story pages (the cover is page 0)
            page = doc.pages[number]
            sizes = collections.Counter(round(c["size"], 1) for c in page.chars if c["text"].strip())
            body = max(sizes, key=sizes.get)  # the size most characters have: the story text
            assert body >= 16.0, (number, sizes)
            if number == 2:  # the longest page is all there, at that size
                text = " ".join(page.extract_text().split())
                assert long_text.strip()[-40:] in text


def test_a_child_added_with_no_age_reads_at_the_workshops_age(store, monkeypatch):
    """Sam, added with no age to a family workshop, is « âge non indiqué »: the book starts at the family workshop's
    reading age (4-6), as when Sam's group was the audience itself."""
    from pipelines.store.ages import participant_group
    from tests.conftest import open_page

    workshop = store.create_workshop("Familles", age_group="family")
    sam = store.add_participant(workshop["id"], "Sam", *participant_group(None, True, "family"))
    assert sam["age_group"] == "unknown"
    at = open_page(monkeypatch, "storybook", workshop_id=workshop["id"], participant_id=sam["id"])
    assert at.radio(key="story-age").value == "4-6"
