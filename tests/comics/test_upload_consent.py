"""One rule for pictures sent from a tablet: a minor's drawing or photo waits for a parent's consent on the comics
panels as on the storybook (a "drawing" upload box takes a photo of a child just as well)."""
from __future__ import annotations

import pytest

from tests.conftest import open_page


@pytest.mark.parametrize("consent", [False, True])
def test_a_panel_takes_a_drawing_only_once_a_parent_agreed(store, workshop, monkeypatch, consent):
    child = store.add_participant(workshop["id"], "Lina", age_group="7-8", consent=consent,
                                  consent_by="Animatrice" if consent else "")
    at = open_page(monkeypatch, "comics", workshop_id=workshop["id"], participant_id=child["id"])
    uploaders = at.get("file_uploader")
    said = [i.value for i in at.info]
    asked = "Pour envoyer un dessin ou une photo, il faut l'accord d'un parent. Demande à l'animateur !"
    if consent:
        assert uploaders and asked not in said
    else:
        assert uploaders == [] and said.count(asked) >= 1, said
