"""Hand-written TOML files as Windows editors save them: UTF-8 with a byte-order mark (Notepad), UTF-16 with its
mark (« Unicode »), Windows-1252 (« ANSI »). Each was refused at line 1 or stopped with a UnicodeDecodeError."""
from __future__ import annotations

import codecs

import pytest

from pipelines.comics.page import load_page
from pipelines.story.spec import load_spec
from pipelines.textfiles import decode_text

ENCODINGS = {
    "utf8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf16": lambda text: text.encode("utf-16"),  # with its mark, as Notepad's « Unicode »
    "ansi": lambda text: text.encode("cp1252"),
    "utf8": lambda text: text.encode("utf-8"),
}


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_decode_text_keeps_the_accents(encoding):
    assert decode_text(ENCODINGS[encoding]("Léa « Noël » œuf")) == "Léa « Noël » œuf"


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_spec_and_page_files_as_windows_saves_them(encoding, tmp_path):
    spec = tmp_path / "spec.toml"
    spec.write_bytes(ENCODINGS[encoding]('[story]\nhero_name = "Zoé"\nauthor = "Léa"\npages = 4\n'))
    story, _ = load_spec(spec)
    assert story.hero_name == "Zoé" and story.author == "Léa"
    page = tmp_path / "page.toml"
    page.write_bytes(ENCODINGS[encoding]('title = "Le château"\nauthors = ["Zoé"]\n'))
    assert load_page(page).title == "Le château"


def test_a_librarys_catalog_saved_by_notepad_is_read(tmp_path, atelier_env):
    from pipelines.models.manager import load_catalog

    entry = """["notre-sd"]
capability = "imagegen.txt2img"
backend = "imagegen.txt2img.library"
what_fr = "Notre modèle de dessin"
what_en = "Our drawing model"
licence = "CreativeML OpenRAIL-M"
licence_url = "https://example.org/licence"
licence_verified = false
non_commercial = false
source = "local"
pipeline = "sd"
files = [{ path = "model_index.json" }]
"""
    catalog = tmp_path / "catalog.toml"
    catalog.write_bytes(codecs.BOM_UTF8 + entry.encode("utf-8"))  # the README's example, saved by Notepad
    entries = load_catalog(extra=catalog)
    assert "notre-sd" in entries and entries["notre-sd"].what_fr == "Notre modèle de dessin"
