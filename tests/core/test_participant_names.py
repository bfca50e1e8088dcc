"""Two participants of a workshop cannot differ only by capitals: a child picking "zoé" or "Zoé" on a tablet
would take the other's creations."""
from __future__ import annotations

import pytest

from pipelines.i18n import UserError


def test_a_name_differing_only_by_case_is_taken(store):
    workshop = store.create_workshop("Mercredi")
    store.add_participant(workshop["id"], "Zoé")
    with pytest.raises(UserError) as caught:
        store.add_participant(workshop["id"], "ZOÉ ")
    assert caught.value.message("fr") == store_message("ZOÉ")
    store.add_participant(workshop["id"], "Zoé B.")  # a second Zoé, told apart
    other = store.create_workshop("Samedi")
    store.add_participant(other["id"], "zoé")  # another workshop: free
    assert [p["name"] for p in store.participants(workshop["id"])] == ["Zoé", "Zoé B."]


def store_message(name: str) -> str:
    from pipelines.i18n import translate

    return translate("console.name_taken", "fr", name=name)
