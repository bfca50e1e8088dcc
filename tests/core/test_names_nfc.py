"""Names typed on a Mac or an iPad arrive with decomposed accents (NFD): the store keeps one spelling (NFC)."""
from __future__ import annotations

import unicodedata

import pytest

from pipelines.i18n import UserError


def test_decomposed_name_is_the_same_participant(store):
    w = store.create_workshop(unicodedata.normalize("NFD", "Mercredi à la médiathèque"))
    assert w["name"] == "Mercredi à la médiathèque"
    zoe = store.add_participant(w["id"], unicodedata.normalize("NFD", "Zoé"))
    assert zoe["name"] == "Zoé" and len(zoe["name"]) == 3
    with pytest.raises(UserError) as taken:
        store.add_participant(w["id"], "Zoé")  # the same child typed on a PC: already there
    assert taken.value.key == "console.name_taken"
    assert [p["name"] for p in store.participants(w["id"])] == ["Zoé"]
