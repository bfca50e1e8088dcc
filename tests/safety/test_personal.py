"""A child's phone number, address, e-mail, account or date of birth never goes onto a print or a shared page
(pipelines/safety/personal.py), measured on its own corpus (tests/safety/corpus/personal.txt, personal2.txt) cut in
two halves by SHA-256, and refused at every door a child's typed words go through, with one kind sentence and a
console count."""
from __future__ import annotations

import re

import pytest

from bench.personal import figures as bench_figures
from bench.personal import rows
from pipelines.i18n import UserError, translate
from pipelines.safety import personal
from pipelines.safety.prompts import check_prompt, screen

SENTENCE = {lang: translate(personal.MESSAGE_KEY, lang) for lang in ("fr", "en")}


def figures(half: str) -> tuple[float, float, list[str], list[str]]:
    """(blocked share of the personal lines, false-block share of the ordinary ones, misses, false blocks)."""
    f = bench_figures(half)
    return f["blocked"], f["false"], f["misses"], f["false_blocks"]


def test_the_corpus_is_large_enough_in_both_languages_and_both_halves():
    table = rows()
    assert {r[1] for r in table} == {"personal", "ordinary"}
    assert sum(r[1] == "personal" for r in table) >= 80
    assert sum(r[1] == "ordinary" for r in table) >= 120
    for kind in ("personal", "ordinary"):
        assert {r[3] for r in table if r[1] == kind} >= {"fr", "en"}
        assert {r[0] for r in table if r[1] == kind} == {"tuning", "held-out"}
    assert len({r[4] for r in table}) == len(table)  # no sentence twice: the halves stay apart


def test_tuning_half():
    blocked, false, misses, false_blocks = figures("tuning")
    assert blocked == 1.0, misses
    # two false blocks of 135: a game's street (« 10 rue de la soif ... Monopoly »), a bear's house in a book
    assert false <= 0.015, false_blocks


def test_held_out_half_never_tuned_on():
    # floors set once the held-out half was first measured (34/36 blocked, 2/90 false blocks), then with the second
    # corpus (personal2.txt: 53/56 blocked, 3/105 false blocks, before dates of birth were read): a regression check
    blocked, false, misses, false_blocks = figures("held-out")
    assert blocked >= 0.94, misses
    assert false <= 0.03, false_blocks


@pytest.mark.parametrize("text, kind", [
    ("mon tel 06 12 34 56 78", "phone"), ("0612345678", "phone"), ("+33 6 12 34 56 78", "phone"),
    ("zéro six douze trente-quatre cinquante-six soixante-dix-huit", "phone"),
    ("j'habite au 3 bis avenue Jean Jaurès", "address"), ("bâtiment B appart 12", "address"),
    ("j'habite à 44000 Nantes", "address"), ("lea.martin@gmail.com", "email"), ("mon snap c'est lili_2013", "account"),
    ("mon insta @jade.dessins", "account"), ("call me at (212) 555-0187", "phone"),
    ("je suis née le 3 avril 2015", "birthdate"), ("I was born on June 3rd, 2016", "birthdate"),
    ("ma date de naissance : 14/02/2017", "birthdate"), ("mon fils Noé est né le 1er mai 2019", "birthdate"),
    ("je suis né le dix-sept mars deux mille seize", "birthdate"), ("my birthday is 4 May 2015", "birthdate"),
    ("I was born on the 4th of July 2015", "birthdate"), ("je suis né le 03/04/15", "birthdate"),
])
def test_each_kind_is_named_never_the_detail(text, kind):
    assert personal.find(text) == kind
    verdict = personal.check(text)
    assert verdict.blocked and verdict.category == personal.CATEGORY == "personal_info"
    assert not re.search(r"\d", verdict.matched) and "@" not in verdict.matched


@pytest.mark.parametrize("text", [
    "le téléphone sonne", "1 2 3 soleil", "le match finit 12 à 3", "le goûter est à 16h30", "on part dans le 06",
    "je suis en CM1 à l'école Jean Moulin", "j'habite à Nantes", "le chat court dans la rue", "une BD où un chat vole",
    "2 4 6 8 10 12 14 16 18 20", "les pompiers c'est le 18", "le 06/12/2026 c'est la fête", "",
    "Jules Verne est né le 8 février 1828 à Nantes", "mon anniversaire c'est le 3 avril, dessine un gâteau",
    "je suis né en 2016", "the dragon was born on 1 May 1850", "la fête de l'école est le 3 avril 2026",
    "happy birthday grandpa, 80 years on 4 May 2026",
    # someone else's birth, or a pet's, in this century: refused only by whose birth it is, never by the year
    "j'adore Mbappé, né le 20 décembre 1998", "I think Messi was born on 24 June 1987",
    "the dragon was born on 1 May 2050", "j'ai un hamster né le 3 mai 2023", "I'm drawing my cat, born on 04/05/2019",
    "je dessine un robot né le 1er janvier 2050",
    "Le chaton de ma soeur est né le 1er mars 2024", "ma petite soeur a un chat né le 4 mai 2021",
])
def test_ordinary_sentences_pass(text):
    assert personal.find(text) == ""
    assert personal.check(text) is None


def test_numbers_said_in_words_become_figures_but_an_article_stays_a_word():
    assert personal.figures("zero six douze trente-quatre soixante-dix-huit") == "0 6 12 34 78"
    assert personal.figures("quatre-vingt-dix-sept et vingt et un") == "97 et 21"
    assert personal.figures("oh seven double oh nine") == "0 7 0 0 9"
    assert personal.figures("une bd ou un chat vole") == "une bd ou un chat vole"
    assert personal.figures("au douze rue des lilas") == "au 12 rue des lilas"  # the space before a said number stays


def test_the_sentence_is_kind_short_in_both_languages_and_repeats_nothing():
    for language, sentence in SENTENCE.items():
        assert sentence and sentence != personal.MESSAGE_KEY and len(sentence) < 120
        assert translate("safety.categories.personal_info", language) != "safety.categories.personal_info"
        verdict = check_prompt("mon tel 06 12 34 56 78", language, model=False)
        assert verdict.message(language) == sentence and not re.search(r"\d", sentence)


def test_harm_keeps_its_own_category_before_a_phone_number():
    verdict = check_prompt("kill the teacher, call 06 12 34 56 78", "en", model=False)
    assert verdict.blocked and verdict.category == "violence"


def test_a_comic_bubble_with_a_phone_number_is_refused_with_the_sentence_a_story_phone_is_not():
    from pipelines.comics.page import BubbleSpec, PageSpec, PanelSpec, check_page

    def page(bubble: str) -> PageSpec:
        return PageSpec(title="BD", layout="grid-4",
                        panels=[PanelSpec(prompt="un chat", bubbles=[BubbleSpec(text=bubble)])])

    with pytest.raises(UserError) as refused:
        check_page(page("j'habite 12 rue des Lilas mon tel 06 12 34 56 78"))
    assert refused.value.key == "text.words_blocked"
    assert refused.value.params["message_key"] == personal.MESSAGE_KEY
    shown = refused.value.message("fr")
    assert shown.startswith(SENTENCE["fr"]) and "06" not in shown and "Lilas" not in shown
    check_page(page("Le téléphone sonne ! Allô ?"))


def test_a_story_page_with_the_phone_ringing_is_kept_an_address_is_refused():
    from pipelines.story.safety import blocked_message_key
    from pipelines.story.spec import StorySpec

    assert blocked_message_key("Le téléphone sonne trois fois dans la nuit.", "fr") == ""
    assert blocked_message_key("Zoé habite au 12 rue des Lilas, 44000 Nantes.", "fr") == personal.MESSAGE_KEY
    StorySpec(title="Le téléphone magique", page_edits={1: {"text": "Le téléphone sonne."}}).checked()
    with pytest.raises(UserError) as refused:
        StorySpec(page_edits={2: {"text": "Écris-moi à zoe.b@gmail.com"}}).checked()
    assert refused.value.params["message_key"] == personal.MESSAGE_KEY


def test_names_postcards_and_picture_prompts_are_refused_too():
    from pipelines.export.postcard import Postcard, check_message
    from pipelines.safety.names import check_name_words

    with pytest.raises(UserError) as refused:
        check_name_words("Léo 0612345678", field="hero_name")
    assert refused.value.params["message_key"] == personal.MESSAGE_KEY
    with pytest.raises(UserError) as refused:
        check_message(Postcard(front="", title="Coucou",
                               message="Mamie, ma nouvelle adresse : 4 rue des Écoles 59000 Lille"))
    assert refused.value.params["message_key"] == personal.MESSAGE_KEY
    check_message(Postcard(front="", title="Merci !",
                           message="Merci à la médiathèque du 3 place de la Mairie pour l'atelier"))
    with pytest.raises(UserError) as refused:
        screen("un dragon qui tient une pancarte avec mon snap c'est lili_2013", model=False)
    assert refused.value.key == personal.MESSAGE_KEY


def test_refusals_are_counted_by_category_for_the_console_never_with_the_text(store, workshop):
    from pipelines.safety import approvals

    wid = workshop["id"]
    assert check_prompt("le téléphone sonne", "fr", store=store, workshop_id=wid, model=False).blocked is False
    assert check_prompt("mon tel 06 12 34 56 78", "fr", store=store, workshop_id=wid, model=False).blocked
    assert check_prompt("my insta is @mia.draws", "en", store=store, workshop_id=wid, model=False).blocked
    assert store.events_by_detail("prompt_blocked", wid) == {"personal_info": 2}
    assert approvals.refusals(store, wid) == {"personal_info": 2}
    with store.transaction() as conn:
        stored = " ".join(str(v) for row in conn.execute("SELECT * FROM events").fetchall() for v in tuple(row))
    assert "06 12" not in stored and "mia" not in stored
