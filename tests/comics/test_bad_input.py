"""Bad input: each problem gets a message (French first) naming the panel and the field; nothing made is lost."""
from __future__ import annotations

import pytest

from pipelines.comics.build import build_page
from pipelines.comics.page import BubbleSpec, PanelSpec, load_page, page_from_dict
from pipelines.comics.prompts import check_panel_prompt
from pipelines.i18n import UserError


def _error(call) -> UserError:
    with pytest.raises(UserError) as caught:
        call()
    return caught.value


def test_unknown_layout_lists_the_valid_ones(atelier_env, comic_page, tmp_path):
    comic_page.layout = "mosaique-12"
    message = _error(lambda: build_page(comic_page, tmp_path)).message("fr")
    assert "mosaique-12" in message and "classic-6" in message and "webtoon" in message


def test_too_many_panels_for_the_layout(atelier_env, comic_page, tmp_path):
    comic_page.panels.append(PanelSpec(image=comic_page.panels[0].image))
    message = _error(lambda: build_page(comic_page, tmp_path)).message("fr")
    assert "5 cases" in message and "grid-4" in message and "4" in message


def test_missing_image_file_names_panel_and_field(atelier_env, comic_page, tmp_path):
    comic_page.panels[2].image = str(tmp_path / "perdu.png")
    error = _error(lambda: build_page(comic_page, tmp_path / "out"))
    assert error.message("fr").startswith("Case 3, champ «\u00a0image\u00a0»") and "perdu.png" in error.message("fr")
    assert error.message("en").startswith('Panel 3, field "image"')


def test_bubble_too_long_names_panel_and_bubble(atelier_env, comic_page, tmp_path):
    comic_page.panels[1].bubbles.append(BubbleSpec("speech", "bla " * 150, "bottom"))
    message = _error(lambda: build_page(comic_page, tmp_path)).message("fr")
    assert message.startswith("Case 2, bulle 2") and "trop long" in message


def test_empty_bubble_and_unknown_kind(atelier_env, comic_page, tmp_path):
    comic_page.panels[0].bubbles[1].text = "   "
    assert _error(lambda: build_page(comic_page, tmp_path)).message("fr").startswith("Case 1, bulle 2")
    comic_page.panels[0].bubbles[1].text = "Coucou"
    comic_page.panels[0].bubbles[1].kind = "murmure"
    message = _error(lambda: build_page(comic_page, tmp_path)).message("fr")
    assert "murmure" in message and "speech" in message


def test_empty_story_line_and_blocked_prompt_name_the_panel(atelier_env):
    empty = _error(lambda: check_panel_prompt(4, "  ", "fr")).message("fr")
    assert empty.startswith("Case 4, champ «\u00a0histoire\u00a0»")
    blocked = _error(lambda: check_panel_prompt(2, "un dragon avec un pistolet", "fr")).message("fr")
    assert blocked.startswith("Case 2, champ «\u00a0prompt\u00a0»") and len(blocked) > 30
    check_panel_prompt(1, "un dragon qui mange une glace", "fr")  # an ordinary sentence passes


def test_page_file_errors_name_the_field(atelier_env, tmp_path):
    bad = tmp_path / "page.toml"
    bad.write_text('layout = "grid-4"\n[[panels]]\nimage = "a.png"\ncolour = "red"\n', encoding="utf-8")
    message = _error(lambda: load_page(bad)).message("fr")
    assert "Case 1" in message and "colour" in message
    bad.write_text('[[panels]]\n[[panels.bubbles]]\ntext = "Hop"\ntail = "dessous"\n', encoding="utf-8")
    message = _error(lambda: load_page(bad)).message("fr")
    assert message.startswith("Case 1, bulle 1, champ «\u00a0tail\u00a0»") and "dessous" in message
    assert "introuvable" in _error(lambda: load_page(tmp_path / "absent.toml")).message("fr")


def test_a_failed_render_loses_nothing_already_made(atelier_env, comic_page, tmp_path):
    made = build_page(comic_page, tmp_path)
    before = {name: path.read_bytes() for name, path in made.files.items()}
    comic_page.panels[0].bubbles.append(BubbleSpec("shout", "A" * 900, "centre"))
    _error(lambda: build_page(comic_page, tmp_path))
    assert {name: path.read_bytes() for name, path in made.files.items()} == before
    assert not list(tmp_path.glob(".*.part"))


def test_page_from_dict_round_trip(atelier_env, comic_page):
    again = page_from_dict(comic_page.to_dict())
    assert again == comic_page
