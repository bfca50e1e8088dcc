"""The console's forms answer bad input with a sentence (AppTest, no browser)."""
from __future__ import annotations


def test_participant_without_a_name_is_told_what_to_do(console):
    from pipelines.store import Store

    name_input = next(w for w in console.text_input if w.label == "Prénom ou pseudonyme")
    name_input.input("   ")
    next(b for b in console.button if b.label == "Ajouter").click().run()
    assert not console.exception
    errors = [e.value for e in console.error]
    assert errors == ["Écrivez un prénom ou un pseudonyme."]
    assert Store().participants(Store().workshops()[0]["id"]) == []


def test_consent_is_dated_as_people_write_it(console):
    from pipelines.i18n import long_date
    from pipelines.store import Store

    next(w for w in console.text_input if w.label == "Prénom ou pseudonyme").input("Zoé")
    next(c for c in console.checkbox if c.label.startswith("Un parent a donné son accord")).check()
    next(w for w in console.text_input if w.label == "Accord noté par").input("Animatrice")
    next(b for b in console.button if b.label == "Ajouter").click().run()
    assert not console.exception
    [zoe] = Store().participants(Store().workshops()[0]["id"])
    at = zoe["consent_at"]
    expected = f"✅ Accord noté par Animatrice le {long_date(at, 'fr')}, {at[11:16]}"  # "29 novembre 2026, 16:47"
    assert expected in [m.value for m in console.markdown], [m.value for m in console.markdown]


def test_a_second_workshop_of_the_same_name_keeps_its_participants(console):
    """Two « Mercredi » on one day (the console refuses a second one, an older studio made them): the sidebar tells
    them apart by code, and a participant added in the second one goes into it (Streamlit mapped the shared label
    back to the first workshop)."""
    from pipelines.store import Store

    second = Store().create_workshop("Mercredi")
    console.run()
    first = next(w for w in Store().workshops() if w["id"] != second["id"])
    assert second["name"] == first["name"] == "Mercredi" and second["day"] == first["day"]
    picker = console.selectbox(key="workshop_pick")
    options = picker.options
    assert len(set(options)) == 2 and any(second["code"] in o for o in options), options
    picker.set_value(second["id"]).run()
    assert not console.exception
    next(w for w in console.text_input if w.label == "Prénom ou pseudonyme").input("Inès")
    next(b for b in console.button if b.label == "Ajouter").click().run()
    assert not console.exception
    assert [p["name"] for p in Store().participants(second["id"])] == ["Inès"]
    assert Store().participants(first["id"]) == []


def test_pressing_create_again_after_enter_says_the_workshop_is_made(console):
    """Enter made « Mercredi » (the fixture); the button pressed afterwards, on the emptied field or on the same
    name, says it is made and open below: no « Donnez un nom » under a success, no second workshop."""
    from pipelines.store import Store

    field = next(w for w in console.text_input if w.label == "Nom de l'atelier")
    assert field.value == ""
    [made] = Store().workshops()
    for typed in ("", "Mercredi"):
        next(w for w in console.text_input if w.label == "Nom de l'atelier").input(typed)
        next(b for b in console.button if b.label == "Créer l'atelier").click().run()
        assert not console.exception
        assert [e.value for e in console.error] == []
        assert any("«\u00a0Mercredi\u00a0» est créé" in i.value and made["code"] in i.value
                   for i in console.info), [i.value for i in console.info]
        assert len(Store().workshops()) == 1


def test_a_name_already_used_that_day_is_refused_with_a_way_to_reopen_it(console):
    """« mercredi » typed again once another workshop is open: refused in a sentence naming the day and the code,
    the name kept in the field, and a button that reopens the first « Mercredi »; nothing made twice."""
    from pipelines.i18n import long_date
    from pipelines.store import Store

    next(w for w in console.text_input if w.label == "Nom de l'atelier").input("Samedi")
    next(b for b in console.button if b.label == "Créer l'atelier").click().run()
    mercredi = next(w for w in Store().workshops() if w["name"] == "Mercredi")
    next(w for w in console.text_input if w.label == "Nom de l'atelier").input("  mercredi ")
    next(b for b in console.button if b.label == "Créer l'atelier").click().run()
    assert not console.exception
    assert [e.value for e in console.error] == [
        f"Un atelier porte déjà ce nom ce jour-là : «\u00a0Mercredi\u00a0» du {long_date(mercredi['day'], 'fr')} "
        f"(code {mercredi['code']}). Rouvrez-le, ou donnez un autre nom, "
        "par exemple «\u00a0Mercredi — après-midi\u00a0»."]
    assert sorted(w["name"] for w in Store().workshops()) == ["Mercredi", "Samedi"]
    assert next(w for w in console.text_input if w.label == "Nom de l'atelier").value == "  mercredi "
    next(b for b in console.button if b.label == "Rouvrir «\u00a0Mercredi\u00a0»").click().run()
    assert not console.exception
    assert [h.value for h in console.header][0].startswith("Mercredi — ")
    next(w for w in console.text_input if w.label == "Nom de l'atelier").input("Mercredi après-midi")
    next(b for b in console.button if b.label == "Créer l'atelier").click().run()
    assert sorted(w["name"] for w in Store().workshops()) == ["Mercredi", "Mercredi après-midi", "Samedi"]


def test_a_long_name_typed_on_a_mac_is_counted_in_letters_and_refused_with_a_sentence(console):
    """« Marie-Ève Stéphanie-Amélie de la Tour-d’Auvergne » typed with decomposed accents: the browser no longer
    cuts it at 40 code points (« ...de la Tour »); the store counts 48 letters and says so, nothing added."""
    import unicodedata

    from pipelines.store import Store

    long_name = unicodedata.normalize("NFD", "Marie-Ève Stéphanie-Amélie de la Tour-d’Auvergne")
    field = next(w for w in console.text_input if w.label == "Prénom ou pseudonyme")
    assert not field.max_chars  # no limit in the box: the store counts the letters
    field.input(long_name)
    next(b for b in console.button if b.label == "Ajouter").click().run()
    assert [e.value for e in console.error] == [
        "Ce nom a 48 lettres : 40 au plus. Gardez le prénom, ou un surnom plus court."]
    assert Store().participants(Store().workshops()[0]["id"]) == []
    next(w for w in console.text_input if w.label == "Prénom ou pseudonyme").input(
        unicodedata.normalize("NFD", "Marie-Ève Stéphanie-Amélie"))
    next(b for b in console.button if b.label == "Ajouter").click().run()
    assert [p["name"] for p in Store().participants(Store().workshops()[0]["id"])] == ["Marie-Ève Stéphanie-Amélie"]


def test_a_name_with_signs_that_will_not_print_is_said_under_it(console):
    """« Léo 🨀 » is kept as typed (the screens show it) and the console says what the prints will say (🨀, a chess
    piece, is no printed face's; « Lou 🦖 » prints whole, its dinosaur in black)."""
    for name in ("Léo 🨀", "أمينة", "Zoé", "Lou 🦖"):
        next(w for w in console.text_input if w.label == "Prénom ou pseudonyme").input(name)
        next(b for b in console.button if b.label == "Ajouter").click().run()
        assert not console.exception
    said = [c.value for c in console.caption if c.value.startswith("⚠️")]
    assert "⚠️ Imprimé «\u00a0Léo\u00a0» : 🨀 ne s’imprime pas." in said, said
    assert any("Ce prénom ne s’imprime pas" in c and "«\u00a0Portrait\u00a0»" in c for c in said), said
    assert len(said) == 2  # nothing under « Zoé » nor « Lou 🦖 »


def test_a_name_that_reads_as_a_rude_word_is_said_under_it_not_refused(console):
    """« connard » was added with no word and printed on the child's work (« Créations de connard »); « Dick » may
    be a child's real first name: both are kept, each with the sentence under it; « Zoé » gets none."""
    from pipelines.store import Store

    for name in ("connard", "Caca boudin", "Zoé"):
        next(w for w in console.text_input if w.label == "Prénom ou pseudonyme").input(name)
        next(b for b in console.button if b.label == "Ajouter").click().run()
        assert not console.exception
    said = [c.value for c in console.caption if c.value.startswith("⚠️")]
    assert any(c.startswith("⚠️ «\u00a0connard\u00a0» ressemble à un gros mot") for c in said), said
    assert any("«\u00a0Caca boudin\u00a0»" in c for c in said), said
    assert len(said) == 2, said
    assert len(Store().participants(Store().workshops()[0]["id"])) == 3


def test_the_purge_says_its_size_with_a_french_decimal_comma(console):
    """« 0.0 Mo » in a French sentence: the size is written « 0,0 Mo »."""
    said = " ".join(m.value for m in console.markdown)
    assert "fichiers (0,0 Mo" in said, said
    assert "0.0 Mo" not in said


def test_a_typed_age_puts_the_child_in_its_one_group(console):
    """« Âge » takes an age as a facilitator knows it: 6 is « 6 ans et moins » (typing « 6 » in the old list of
    groups left « 8-12 ans »), 9 is « 9-10 ans », 35 is an adult who needs no parent's consent; left empty, the
    workshop's audience."""
    from pipelines.store import Store

    typed = {"Léa": 6, "Inès": 9, "Noah": 14, "Marc": 35, "Sam": None}
    for name, age in typed.items():
        next(w for w in console.text_input if w.label == "Prénom ou pseudonyme").input(name)
        console.number_input(key="add-age").set_value(age)
        next(b for b in console.button if b.label == "Ajouter").click().run()
        assert not console.exception
        assert [e.value for e in console.error] == []
    workshop = Store().workshops()[0]
    people = {p["name"]: (p["age_group"], p["minor"]) for p in Store().participants(workshop["id"])}
    assert people == {"Léa": ("4-6", True), "Inès": ("9-10", True), "Noah": ("11-14", True),
                      "Marc": ("adults", False), "Sam": (workshop["age_group"], True)}, people
    shown = [m.value for m in console.markdown]
    assert "**Léa** · 6 ans et moins" in shown and "**Inès** · 9-10 ans" in shown, shown


def test_someone_added_with_no_age_in_a_family_workshop_is_of_no_family_group(console):
    """« Familles » is a workshop's audience, no one's group (the roster no longer offers it, and the storybook read
    it as 4-6): with no age typed, the « Mineur » box ticked (the default) keeps the person a minor whose parent's
    consent is asked, their age « non indiqué »; unticked, the facilitator says an adult."""
    from pipelines.store import Store

    workshop = Store().workshops()[0]
    Store().update_workshop(workshop["id"], age_group="family")
    console.run()
    for name, ticked in (("Sam", True), ("Papa de Sam", False)):
        next(w for w in console.text_input if w.label == "Prénom ou pseudonyme").input(name)
        minor_box = next(c for c in console.checkbox if c.label == "Mineur")
        minor_box.check() if ticked else minor_box.uncheck()
        next(b for b in console.button if b.label == "Ajouter").click().run()
        assert not console.exception and not console.error, [e.value for e in console.error]
    people = {p["name"]: (p["age_group"], p["minor"]) for p in Store().participants(workshop["id"])}
    assert people == {"Sam": ("unknown", True), "Papa de Sam": ("adults", False)}, people
    shown = [m.value for m in console.markdown]
    assert "**Sam** · âge non indiqué" in shown and "**Papa de Sam** · Adultes" in shown, shown
    asked = [b.proto.popover.label for b in console.get("popover") if "Accord" in b.proto.popover.label]
    assert asked == ["⚠️ Accord parental à recueillir"], asked  # for Sam, as for any minor; not for the adult
    assert "Adulte" in shown


def test_the_age_decides_minor_whatever_the_box_says(console):
    """A child of 8 added with « Mineur » unticked still needs a parent's consent (the box left unticked skipped it)."""
    from pipelines.store import Store

    next(w for w in console.text_input if w.label == "Prénom ou pseudonyme").input("Zoé")
    console.number_input(key="add-age").set_value(8)
    next(c for c in console.checkbox if c.label == "Mineur").uncheck()
    next(b for b in console.button if b.label == "Ajouter").click().run()
    assert not console.exception
    [zoe] = Store().participants(Store().workshops()[0]["id"])
    assert (zoe["age_group"], zoe["minor"], zoe["consent"]) == ("7-8", True, False)


def test_a_child_added_without_consent_is_said_to_send_no_drawing_or_photo_yet(console):
    """A child added without a parent's consent could make no comic panel, no photo, no portrait, and the console
    said only « Accord parental à recueillir »: it now says what waits for it, when the child is added and beside
    the consent button; an adult or a child with consent gets the plain welcome."""
    next(w for w in console.text_input if w.label == "Prénom ou pseudonyme").input("Inès")
    console.number_input(key="add-age").set_value(7)
    next(b for b in console.button if b.label == "Ajouter").click().run()
    assert not console.exception
    said = [s.value for s in console.success]
    assert any(s.startswith("Inès a rejoint l'atelier. Sans l'accord d'un parent, pas encore de dessin ni de photo")
               for s in said), said
    assert "Sans lui : ni dessin ni photo à envoyer." in [c.value for c in console.caption]
    next(w for w in console.text_input if w.label == "Prénom ou pseudonyme").input("Mamie Jo")
    console.number_input(key="add-age").set_value(72)
    next(b for b in console.button if b.label == "Ajouter").click().run()
    assert "Mamie Jo a rejoint l'atelier." in [s.value for s in console.success]
