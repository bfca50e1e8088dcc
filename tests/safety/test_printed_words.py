"""Words that get printed (comic title, authors and bubbles; postcard title and message) pass the same
words guard as the prompts: a refusal names the field, never repeats the word, and knows the roster."""
from __future__ import annotations

import pytest

from pipelines.i18n import UserError


def _page(title: str = "", bubble: str = "Au secours !"):
    from pipelines.comics.page import page_from_dict

    return page_from_dict({"layout": "grid-4", "title": title,
                           "panels": [{"prompt": "x"}, {"prompt": "y", "bubbles": [{"text": "Coucou"},
                                                                                    {"text": bubble}]}]})


@pytest.mark.parametrize("bubble", ["on met le chat dans la machine a laver", "je veu me suisider",
                                    "put the hamster in the microwave lol"])
def test_a_bubble_a_workshop_refuses_is_refused_naming_the_bubble_not_the_word(atelier_env, bubble):
    from pipelines.comics.page import check_page

    with pytest.raises(UserError) as refused:
        check_page(_page(bubble=bubble), need_images=False)
    fr, en = refused.value.message("fr"), refused.value.message("en")
    assert refused.value.key == "text.words_blocked"
    assert fr.endswith("(dans la bulle 2 de la case 2)") and en.endswith("(in bubble 2 of panel 2)")
    assert not fr.endswith("]") and not en.endswith("]")  # the guard's own sentence, translated
    for word in ("chat", "machine", "suisider", "hamster", "microwave"):
        assert word not in fr.lower() and word not in en.lower()


def test_ordinary_bubbles_and_titles_print(atelier_env):
    from pipelines.comics.page import check_page

    check_page(_page(title="Le loup et les trois cochons", bubble="Au secours, le loup arrive !"), need_images=False,
               names=["Kevin", "Lina"])


def test_mockery_of_a_participant_in_the_title_is_refused_when_the_roster_is_known(atelier_env):
    from pipelines.comics.page import check_page

    check_page(_page(title="le loup il pu et il é nul"), need_images=False)  # a tale's wolf: no one mocked
    page = _page(title="Kevin il pu et il é nul")
    for names in (["Kevin", "Lina"], None):  # a child's first name mocked: refused with or without the roster
        with pytest.raises(UserError) as refused:
            check_page(page, need_images=False, names=names)
        assert refused.value.message("fr").endswith("(dans le titre)")


def test_a_refused_bubble_is_counted_for_the_console_with_the_workshop_roster(store):
    from pipelines.comics.page import check_page

    workshop = store.create_workshop("Mercredi")["id"]
    store.add_participant(workshop, "Lina")
    with pytest.raises(UserError):
        check_page(_page(bubble="Lina est une grosse vache"), need_images=False, store=store, workshop_id=workshop)
    assert store.count_events("prompt_blocked", workshop) == 1


def test_postcard_words_pass_the_guard_with_the_roster(atelier_env):
    from pipelines.export.postcard import Postcard, check_message

    check_message(Postcard("front.png", title="Bonne fête Mamie", message="La fermière a une grosse vache"))
    card = Postcard("front.png", title="Bonne fête Mamie", message="Lina est une grosse vache")
    for names in (["Lina"], None):  # a child's first name mocked: refused with or without the roster
        with pytest.raises(UserError) as refused:
            check_message(card, names=names)
        assert refused.value.message("fr").endswith("(dans le message)")
    check_message(Postcard("front.png", title="Bonne fête Mamie", message="On t'aime fort !"), names=["Lina"])


def test_a_storybook_title_or_edited_page_the_workshop_refuses_is_refused_naming_it(atelier_env):
    from pipelines.story.spec import StorySpec

    with pytest.raises(UserError) as refused:
        StorySpec(hero_name="Lou", title="le chat dans le micro onde").checked()
    assert refused.value.message("fr").endswith("(dans le titre)") and "micro" not in refused.value.message("fr")
    with pytest.raises(UserError) as refused:
        StorySpec(hero_name="Lou", page_edits={2: {"text": "jvais me pendre"}}).checked()
    assert refused.value.message("fr").endswith("(dans la page 2)")
    assert StorySpec(hero_name="Lou", title="Lou et le dragon gentil").checked().title
