"""The blind test's host screen and pack builder are the facilitator's: their French says « vous ». What the players
read (the code to join, shown on the projector for them; the questions and clues) keeps the « tu » of child pages."""
from __future__ import annotations

import re

from pipelines.i18n import catalogue

FACILITATOR = ("quiz.host.", "quiz.builder.", "quiz.pack.")
FOR_PLAYERS = {"quiz.host.join_here"}  # on the projector, for the children with a tablet
TU = re.compile(r"\b(tu|ton|ta|tes|te|toi)\b|\bt'|-toi\b|\b(choisis|lance|fabrique|importe|touche|crée|dis|mets|"
                r"vérifie|réessaie|installe|écris|ajoute|ouvre|tape|regarde)\b", re.IGNORECASE)


def _texts(key: str, value) -> list[str]:
    return list(value.values()) if isinstance(value, dict) else [str(value)]


def test_the_facilitators_blind_test_strings_say_vous():
    said_tu = {key: text for key, value in catalogue("fr").items()
               if key.startswith(FACILITATOR) and key not in FOR_PLAYERS
               for text in _texts(key, value) if TU.search(text)}
    assert not said_tu, said_tu


def test_the_players_code_on_the_projector_still_says_tu():
    assert "ta tablette" in catalogue("fr")["quiz.host.join_here"]
    assert "entends-tu" in catalogue("fr")["quiz.mode.music_ask"]
