"""A death told is not a death done: a child's book for a goldfish found floating or a grandfather lost in the war
was refused as cruelty or violence (« est mort » beside an animal or a person). The harmless sense of « mort » /
"dead" right after « est », « était », "is", "was" is set apart unless someone or something does it (« par », a
blow, a weapon, hunger, drowning), it is wished, or the one dead is a child of the roster or a teacher.
Written for this kind; the sentences an outside check found are not in this table."""
from __future__ import annotations

import pytest

from tests.safety.test_round15 import check

CASES = [
    # let through (three were refused before: the rabbit, the guinea pig, the hamster)
    ("notre lapin est mort cet hiver, je veux dessiner son portrait pour m'en souvenir", None),
    ("le cochon d'inde de la classe était mort ce matin dans sa cage", None),
    ("mon arrière-grand-père est mort en 1916, je fais son histoire pour l'école", None),
    ("my hamster is dead and I want a book about him", None),
    ("la tortue de mamie est morte de vieillesse à 60 ans", None),
    # still refused
    ("le lapin est mort noyé par mon cousin dans la piscine", "animal_cruelty"),
    ("le chien est mort de faim attaché dans la cour", "animal_cruelty"),
    ("the cat is dead, we hit it with a stone", "animal_cruelty"),
    ("je veux que le chat soit mort", "animal_cruelty"),
    ("Léa est morte, dessine-la dans un cercueil", "violence")  # Léa: on the roster,
]


@pytest.mark.parametrize("text, category", CASES)
def test_a_death_told_is_not_a_death_done(text, category):
    check(text, category)
