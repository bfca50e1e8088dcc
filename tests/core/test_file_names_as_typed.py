"""A file copied from a Mac keeps its decomposed accents (« e » + U+0301) in its name, which Linux keeps apart from the
« é » a PAGE.toml, a SPEC.toml or a command line types: the file is found by its name after NFC, never said missing."""
from __future__ import annotations

import unicodedata

from PIL import Image

from pipelines.cli import main

MAC = unicodedata.normalize("NFD", "dessin-été.png")
TYPED = unicodedata.normalize("NFC", "dessin-été.png")


def _mac_picture(folder, colour=(120, 160, 200)):
    Image.new("RGB", (400, 300), colour).save(folder / MAC)
    assert not (folder / TYPED).exists()  # two different names on this file system


def test_a_comic_panel_names_a_file_copied_from_a_mac(atelier_env, tmp_path):
    _mac_picture(tmp_path)
    (tmp_path / "page.toml").write_text(f'title = "Été"\nauthors = ["Zoé"]\nlayout = "grid-4"\nlanguage = "fr"\n'
                                        f'[[panels]]\nimage = "{TYPED}"\n', "utf-8")
    assert main(["comic", "render", str(tmp_path / "page.toml"), "--out", str(tmp_path / "p.pdf")]) == 0
    assert (tmp_path / "p.pdf").stat().st_size > 1000


def test_a_story_page_picture_copied_from_a_mac_is_in_the_book(atelier_env, tmp_path, capsys):
    from pipelines.story.spec import load_spec

    _mac_picture(tmp_path)
    (tmp_path / "spec.toml").write_text('[story]\nhero_name = "Zoé"\npages = 4\nseed = 0\nlanguage = "fr"\n'
                                        f'[book]\nmusic = false\n[[page]]\nnumber = 1\npicture = "{TYPED}"\n',
                                        "utf-8")
    spec, _ = load_spec(tmp_path / "spec.toml")
    assert spec.page_edits[1]["picture"].endswith(MAC)


def test_a_missing_story_picture_is_said_in_french(atelier_env, tmp_path):
    """« L'image de la page 1 ne peut pas être lue : FileNotFoundError »: the sentence ended in English."""
    from pipelines.story.book import check_pictures, note_text
    from pipelines.story.spec import StorySpec
    from pipelines.story.writer import write_story

    story = write_story(StorySpec(hero_name="Zoé", language="fr", pages=4, seed=0))
    story.pages[0].picture = str(tmp_path / "perdu.png")
    notes = check_pictures(story)
    text = note_text(notes[0], "fr")
    assert "introuvable" in text and "perdu.png" in text and "Error" not in text
    assert story.pages[0].picture == ""  # printed with its text alone, as said


def test_photo_restore_is_handed_a_mac_named_scan(atelier_env, tmp_path, monkeypatch):
    _mac_picture(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["photo", "restore", TYPED, "--out", "o", "--steps", "tone"]) == 0
    assert [p.name for p in (tmp_path / "o").glob("*.png")] == [TYPED]
