"""An archive folder as it comes on a USB stick: a Mac's "._" companions and hidden folders are not photos (they
were reported as errors), a GIF is a photo like the page accepts it, and « é » typed on a Mac (NFD) or a PC (NFC)
makes one name."""
from __future__ import annotations

import unicodedata
from pathlib import Path

from PIL import Image

from pipelines.photo.cli import find_inputs, output_names


def test_hidden_companions_are_left_out_and_gifs_are_taken(tmp_path):
    Image.new("RGB", (40, 30), "grey").save(tmp_path / "mariage.jpg")
    Image.new("RGB", (40, 30), "grey").save(tmp_path / "carte.GIF")
    (tmp_path / "._mariage.jpg").write_bytes(b"\x00\x05\x16\x07" + b"\x00" * 4000)  # AppleDouble
    (tmp_path / ".Trashes").mkdir()
    Image.new("RGB", (40, 30), "grey").save(tmp_path / ".Trashes" / "effacee.jpg")
    (tmp_path / "__MACOSX").mkdir()
    (tmp_path / "__MACOSX" / "._carte.GIF").write_bytes(b"\x00" * 100)
    found = [relative.as_posix() for _, relative in find_inputs([str(tmp_path)])]
    assert found == ["carte.GIF", "mariage.jpg"]


def test_a_mac_name_and_a_pc_name_of_one_photo_make_one_output_name(tmp_path):
    mac = unicodedata.normalize("NFD", "Éloïse.jpg")
    pc = unicodedata.normalize("NFC", "Éloïse.tif")
    names = output_names([(tmp_path / mac, Path(mac)),
                          (tmp_path / pc, Path(pc))])
    assert [str(n) for n in names] == ["Éloïse-jpg.png", "Éloïse-tif.png"]
    assert all(unicodedata.is_normalized("NFC", str(n)) for n in names)
