"""A real name that sounds like a rude word (« Connor » like « connard », « Phuc ») is read as a name where it is
used as one: in a name field, and capitalised in a sentence, not after a determiner. A rude word as written is
still refused, name or not (« Nazi », « Dick »), and « un Conard » is a word used as an insult."""
from __future__ import annotations

import pytest

from pipelines.safety.names import name_refused
from pipelines.safety.prompts import cpu_check, named_people


@pytest.mark.parametrize("name", ["Connor", "connor", "Anne-Marie O'Connor", "Conor Dupont", "Phuc", "phuc"])
def test_a_real_name_is_a_name(name):
    assert not name_refused(name)


@pytest.mark.parametrize("name", ["Nazi", "Dick", "connard", "Connor le con", "caca", "Kike"])
def test_a_rude_word_as_written_is_still_refused_as_a_name(name):
    assert name_refused(name)


@pytest.mark.parametrize("text", ["Connor joue au foot avec son chien", "Je dessine Phuc et Conor au parc",
                                  "Connor and his dog fly a kite", "Le chat de Phuc dort sur le lit",
                                  "CONNOR EST MON AMI", "LE CHAT DE PHUC DORT"])
def test_a_capitalised_name_in_a_sentence_is_a_name(text):
    assert not cpu_check(text).blocked


@pytest.mark.parametrize("text", ["t'es un Conard", "espèce de Connard", "you Dick", "Connor est un connard",
                                  "t es un conard", "espèce de Connor", "T ES UN CONNOR", "TU ES CON"])
def test_a_name_used_as_an_insult_is_still_refused(text):
    assert cpu_check(text).blocked


def test_what_is_read_as_a_name():
    assert named_people("Connor joue avec Phuc") == {"connor", "phuc"}
    assert named_people("un Conard") == frozenset()  # after a determiner: a word
    assert named_people("Connor dit connor") == frozenset()  # also written in lower case: a word too
    assert named_people("le chien de Connor") == {"connor"}  # « de » before a name: whose it is
    assert named_people("fils de Connor") == frozenset()  # an insult's frame
    assert named_people("CONNOR JOUE") == {"connor"}  # all in capitals: the caps lock of a child
    assert named_people("Le chat et CONNOR") == frozenset()  # one word in capitals in ordinary text: shouting
