"""Work in progress per participant in the store: replaced whole, read back, gone with the participant."""
from __future__ import annotations

import pytest

from pipelines.store.work import clear_work, load_work, save_work
from pipelines.story.spec import Story, Page, edit_page, normalise_text


def test_saved_restored_and_replaced_whole(store, workshop):
    zoe = store.add_participant(workshop["id"], "Zoé", consent=True, consent_by="Animatrice")
    jb = store.add_participant(workshop["id"], "Jean-Baptiste", consent=True, consent_by="Animatrice")
    assert load_work(store, zoe["id"], "comic") is None
    save_work(store, zoe["id"], "comic", {"comic": {"title": "Le dragon", "panels": [{"image": "a.png"}]}})
    save_work(store, jb["id"], "comic", {"comic": {"title": "Le chat"}})
    save_work(store, zoe["id"], "story", {"story-choices": {"name": "Ève"}})
    assert load_work(store, zoe["id"], "comic")["comic"]["title"] == "Le dragon"
    save_work(store, zoe["id"], "comic", {"comic": {"title": "Le dragon vert"}})  # the next step replaces it all
    assert load_work(store, zoe["id"], "comic") == {"comic": {"title": "Le dragon vert"}}
    assert load_work(store, jb["id"], "comic") == {"comic": {"title": "Le chat"}}  # never mixed
    clear_work(store, zoe["id"], "comic")
    assert load_work(store, zoe["id"], "comic") is None and load_work(store, zoe["id"], "story")
    store.remove_participant(zoe["id"])
    assert load_work(store, zoe["id"], "story") is None  # removed with the child
    with pytest.raises(ValueError, match="kind must be one of"):
        save_work(store, jb["id"], "quiz", {})
    with pytest.raises(TypeError):
        save_work(store, jb["id"], "comic", {"x": object()})
    assert load_work(store, jb["id"], "comic") == {"comic": {"title": "Le chat"}}  # a failed save changes nothing


def test_an_untouched_page_with_french_spaces_is_not_edited():
    text = "Une grosse tempête arrive\u00a0! «\u00a0Vite\u00a0» dit Zoé."
    assert normalise_text(text) == text
    assert normalise_text("Une  grosse\ntempête") == "Une grosse tempête"
    story = Story(title="t", language="fr", pages=[Page(text=text)])
    assert edit_page(story, 1, text + "  ").pages[0].text == text  # no-break spaces kept


def test_work_in_progress_ends_with_its_workshop(store):
    from datetime import datetime, timedelta

    day = store.create_workshop("Un samedi", retention="day")
    lea = store.add_participant(day["id"], "Léa", consent=True, consent_by="Animatrice")
    save_work(store, lea["id"], "story", {"story-choices": {"name": "Ève"}})
    store.purge_expired(datetime.now() + timedelta(days=2))
    assert load_work(store, lea["id"], "story") is None


def test_work_before_a_name_is_picked_is_kept_per_browser_and_goes_like_the_rest(store):
    """A browser where nobody picked a name keeps its work by its device token, private to it, tied to the
    workshop it was made in; gone with that workshop, or after the retention days when made outside any."""
    from datetime import datetime, timedelta

    from pipelines.config import settings
    from pipelines.store.work import clear_device_work, load_device_work, save_device_work

    mine, other = "a" * 43, "b" * 43
    save_device_work(store, mine, None, "photo", {"photo": {"source": "vieille.jpg"}})
    assert load_device_work(store, mine, None, "photo") == {"photo": {"source": "vieille.jpg"}}
    assert load_device_work(store, other, None, "photo") is None  # another browser sees nothing
    with store.connect() as conn:  # the token itself is not stored, only its sha256
        assert mine not in str([tuple(r) for r in conn.execute("SELECT * FROM device_work")])
    day = store.create_workshop("Un samedi", retention="day")
    save_device_work(store, other, day["id"], "comic", {"comic": {"title": "Le dragon"}})
    assert load_device_work(store, other, None, "comic") is None  # work of a workshop stays in it
    assert load_device_work(store, other, day["id"], "comic") == {"comic": {"title": "Le dragon"}}
    store.purge_expired(datetime.now() + timedelta(days=2))  # the workshop ended
    assert load_device_work(store, other, day["id"], "comic") is None
    assert load_device_work(store, mine, None, "photo")  # made outside any workshop: kept the retention days
    store.purge_expired(datetime.now() + timedelta(days=settings().retention_days + 1))
    assert load_device_work(store, mine, None, "photo") is None
    save_device_work(store, mine, None, "photo", {"photo": {}})
    clear_device_work(store, mine, "photo")  # « une autre photo »
    assert load_device_work(store, mine, None, "photo") is None
    with pytest.raises(ValueError):
        save_device_work(store, "", None, "photo", {})


def test_a_save_over_work_saved_elsewhere_since_is_refused_and_of_two_at_once_one_wins(store, workshop):
    import threading

    from pipelines.store.work import load_device_work, save_device_work, state_digest

    zoe = store.add_participant(workshop["id"], "Zoé", consent=True, consent_by="Animatrice")
    assert save_work(store, zoe["id"], "photo", {"photo": {"source": "papi.png"}}, expected="")
    read = state_digest(load_work(store, zoe["id"], "photo"))  # what two tabs read
    assert save_work(store, zoe["id"], "photo", {"photo": {"source": "mamie.png"}}, expected=read)  # the other tab
    assert not save_work(store, zoe["id"], "photo", {"photo": {"source": "papi.png", "step": 2}}, expected=read)
    assert load_work(store, zoe["id"], "photo") == {"photo": {"source": "mamie.png"}}  # the newer photo kept
    assert not save_work(store, zoe["id"], "comic", {"comic": {}}, expected=read)  # none stored, one expected
    assert save_work(store, zoe["id"], "photo", {"photo": {"source": "tonton.png"}})  # no expectation: written

    read = state_digest(load_work(store, zoe["id"], "photo"))
    results = []
    tabs = [threading.Thread(target=lambda n=n: results.append(
        save_work(store, zoe["id"], "photo", {"photo": {"source": f"tab{n}.png"}}, expected=read))) for n in range(4)]
    for tab in tabs:
        tab.start()
    for tab in tabs:
        tab.join()
    assert sorted(results) == [False, False, False, True]
    winner = load_work(store, zoe["id"], "photo")["photo"]["source"]
    assert winner in {f"tab{n}.png" for n in range(4)}

    assert save_device_work(store, "jeton-du-navigateur", None, "photo", {"photo": {"source": "a.png"}}, expected="")
    read = state_digest(load_device_work(store, "jeton-du-navigateur", None, "photo"))
    assert save_device_work(store, "jeton-du-navigateur", None, "photo", {"photo": {"source": "b.png"}}, expected=read)
    assert not save_device_work(store, "jeton-du-navigateur", None, "photo", {"photo": {"source": "c.png"}},
                                expected=read)
    assert load_device_work(store, "jeton-du-navigateur", None, "photo") == {"photo": {"source": "b.png"}}
