"""One participant's photo open in two tabs: the newer photo is never overwritten by the stale tab's older one."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from pipelines.config import ROOT
from pipelines.store.work import load_work

from .conftest import photo

pytestmark = pytest.mark.usefixtures("page_resources")


def _tab(workshop_id: int, participant_id: int) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["workshop_id"] = workshop_id
    at.session_state["participant_id"] = participant_id
    return at


def _analysed(immediate_queue, save_photo, name: str, file: str) -> dict:
    source = save_photo(photo(name)[::2, ::2], name=file)
    job_id = immediate_queue.submit("photo.analyze", {"source": str(source)})
    assert immediate_queue.get(job_id).state == "done"
    return {"source": str(source), "analysis_job": job_id}


def test_a_stale_tab_takes_the_photo_loaded_in_the_other_tab_instead_of_overwriting_it(immediate_queue, save_photo,
                                                                                       store):
    workshop = store.create_workshop("Mercredi")
    monique = store.add_participant(workshop["id"], "Monique")
    first = _tab(workshop["id"], monique["id"]).switch_page("pages/photos.py").run()
    first.session_state["photo"] = _analysed(immediate_queue, save_photo, "astronaut", "grand-pere.png")  # uploaded
    first.run()
    assert not first.exception
    assert load_work(store, monique["id"], "photo")["photo"]["source"].endswith("grand-pere.png")

    second = _tab(workshop["id"], monique["id"]).switch_page("pages/photos.py").run()  # the same photo comes back
    assert second.session_state["photo"]["source"].endswith("grand-pere.png")
    second.session_state["photo"] = _analysed(immediate_queue, save_photo, "coffee", "mamie.png")  # another photo
    second.run()
    assert load_work(store, monique["id"], "photo")["photo"]["source"].endswith("mamie.png")

    first.run()  # the stale tab's next step: it takes the newer photo and says so, rather than saving its own
    assert not first.exception
    assert first.session_state["photo"]["source"].endswith("mamie.png")
    assert any("autre onglet" in i.value for i in first.info)
    assert load_work(store, monique["id"], "photo")["photo"]["source"].endswith("mamie.png")
    first.run()  # and says it once
    assert not any("autre onglet" in i.value for i in first.info)


def test_a_tab_whose_run_ends_after_the_other_tabs_save_does_not_save_over_it(immediate_queue, save_photo, store,
                                                                              monkeypatch):
    """The race of two browsers: the stale tab's run starts (nothing newer stored yet), the other tab saves its new
    photo while that run draws, and the run's end saves its own change: it must not overwrite the new photo."""
    import ui.work

    workshop = store.create_workshop("Mercredi")
    monique = store.add_participant(workshop["id"], "Monique")
    first = _tab(workshop["id"], monique["id"]).switch_page("pages/photos.py").run()
    first.session_state["photo"] = _analysed(immediate_queue, save_photo, "astronaut", "grand-pere.png")
    first.run()
    newer = _analysed(immediate_queue, save_photo, "coffee", "mamie.png")

    checked = ui.work._newer_elsewhere

    def other_tab_saves_right_after_the_check(owner, kind):
        found = checked(owner, kind)
        if kind == "photo":
            ui.work.save_work(store, monique["id"], "photo", {"photo": newer})  # the other tab, mid-run
        return found

    monkeypatch.setattr(ui.work, "_newer_elsewhere", other_tab_saves_right_after_the_check)
    changed = dict(first.session_state["photo"], caption="Papi en 1950")  # this tab's own step
    first.session_state["photo"] = changed
    first.run()
    assert not first.exception
    assert load_work(store, monique["id"], "photo")["photo"]["source"].endswith("mamie.png")  # not overwritten
    monkeypatch.setattr(ui.work, "_newer_elsewhere", checked)
    first.run()  # its next step takes the newer photo and says so
    assert first.session_state["photo"]["source"].endswith("mamie.png")
    assert any("autre onglet" in i.value for i in first.info)
    assert load_work(store, monique["id"], "photo")["photo"]["source"].endswith("mamie.png")


def test_a_run_stopped_right_after_its_save_does_not_take_its_own_save_for_another_tabs(immediate_queue, save_photo,
                                                                                        store, monkeypatch):
    """Streamlit stops a run for the next one (a tap, a box left) inside any st.session_state read or write: a run
    stopped just after its save, before it recorded it, used to take its own saved work for another tab's on the
    next run (« Cette page a changé dans un autre onglet ») and start its widgets again empty."""
    from streamlit.runtime.scriptrunner_utils.exceptions import StopException
    from streamlit.runtime.state.safe_session_state import SafeSessionState

    import ui.work

    workshop = store.create_workshop("Mercredi")
    monique = store.add_participant(workshop["id"], "Monique")
    tab = _tab(workshop["id"], monique["id"]).switch_page("pages/photos.py").run()
    armed = []  # a tap arrived during the save: the run stops at its next session-state access
    saved = ui.work.save_work

    def tapped_during_the_save(*args, **kwargs):
        written = saved(*args, **kwargs)
        armed.append(True)
        return written

    def stopping(method):
        def access(self, *args):
            if armed:
                armed.clear()
                raise StopException()
            return method(self, *args)
        return access

    for name in ("__getitem__", "__setitem__", "__contains__", "__delitem__"):
        monkeypatch.setattr(SafeSessionState, name, stopping(getattr(SafeSessionState, name)))
    monkeypatch.setattr(ui.work, "save_work", tapped_during_the_save)
    tab.session_state["photo"] = _analysed(immediate_queue, save_photo, "astronaut", "grand-pere.png")
    tab.run()
    armed.clear()
    assert load_work(store, monique["id"], "photo")["photo"]["source"].endswith("grand-pere.png")
    tab.run()  # the next run: the work is this tab's own
    assert not tab.exception
    assert not any("autre onglet" in i.value for i in tab.info)
    assert tab.session_state["photo"]["source"].endswith("grand-pere.png")
