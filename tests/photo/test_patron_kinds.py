"""Two kinds of photo a patron brings: a dark colour photo (night, low-key, a lamp-lit room) is named a colour photo,
not « Noir et blanc » nor « viré (sépia) », while black-and-white prints keep their names; a small cracked scan
(200-600 px) is told about as many cracks as it shows, and « Agrandir » is suggested. Built with the generators of
bench/photo_dark_colour.py and bench/photo_small_scans.py (tuning photos)."""
from dataclasses import asdict

import pytest

from bench._photo_damage import TUNING, case_seed, packaged_photo
from bench.photo_dark_colour import black_and_white, colour_photo, dark_colour, verdict
from bench.photo_small_scans import small_scan
from pipelines.photo.analysis import SMALL_PHOTO, Analysis, analyse


@pytest.mark.parametrize("name, draw", [("rocket", 2), ("rocket", 3), ("motorcycle_left", 0), ("coffee", 0)])
def test_a_dark_colour_photo_is_named_a_colour_photo(name, draw):
    """Underexposed to 2-4 %, or lamp-lit and low-key: the chroma spread about its median stays under 3.5 CIELAB
    units (a* and b* shrink with L*) and the photo was « Noir et blanc », or its lamp's one warm hue « viré »."""
    photo, params = dark_colour(packaged_photo(name), case_seed(name, 500 + draw))
    assert verdict(photo) == "colour", params


def test_black_and_white_prints_dark_or_not_keep_their_names():
    """Grey, sepia, warm-toned, yellowed and selenium prints of the tuning photos, a third of them dark, each scanned
    in colour with its noise and a JPEG: none is called a colour photo by the test that names dark colour photos."""
    named = []
    for name in TUNING:
        for draw in range(4):
            photo, params = black_and_white(packaged_photo(name), case_seed(name, 600 + draw))
            if params["kind"] in ("grey", "warm", "yellowed"):
                named.append((name, params, verdict(photo)))
    assert len(named) >= 12
    assert all(said != "colour" for _, _, said in named), [n for n in named if n[2] == "colour"]


def test_a_dark_colour_photos_page_offers_no_black_and_white_path():
    from ui.photos import kind_chip

    photo, _ = dark_colour(packaged_photo("rocket"), case_seed("rocket", 503))
    info, _ = analyse(photo)
    assert not info.greyscale and not info.toned and kind_chip(asdict(info)) == "photo.ui.colour"


@pytest.mark.parametrize("name, seed", [("coffee", 41), ("coins", 42), ("motorcycle_right", 42)])
def test_a_small_cracked_scan_is_told_about_as_many_cracks_as_it_shows(name, seed):
    """The search's seeds were counted: each piece of a broken crack and each short line (coffee 5 cracks told 34,
    coins 6 told 16, motorcycle_right 5 told 70)."""
    scan, _, known = small_scan(packaged_photo(name), case_seed(name, seed))
    assert max(scan.shape[:2]) < SMALL_PHOTO
    info, _ = analyse(scan)
    assert abs(info.scratches - known) <= max(2, 0.3 * known), (info.scratches, known)


def test_a_small_scan_is_offered_agrandir_and_a_big_one_is_not():
    scan, _, _ = small_scan(packaged_photo("coins"), case_seed("coins", 41))
    info, _ = analyse(scan)
    assert "upscale" in info.suggested_steps() and "repair" in info.suggested_steps()
    big = Analysis(width=1200, height=900, greyscale=False, fading=0.0, yellowing=0.0, scratches=0, spots=0,
                   damage_fraction=0.0)
    assert "upscale" not in big.suggested_steps()


def test_colour_photos_of_the_tuning_split_stay_colour_photos():
    for name in TUNING:
        if colour_photo(name) and name != "retina":  # a fundus photo, orange all over, is one tone
            assert verdict(packaged_photo(name)) == "colour", name


def test_the_analyse_command_tells_each_file_its_kind_and_steps(atelier_env, tmp_path, capsys):
    import json

    import numpy as np
    from PIL import Image

    from pipelines.cli import main

    scan, _, _ = small_scan(packaged_photo("coins"), case_seed("coins", 41))
    dark, _ = dark_colour(packaged_photo("rocket"), case_seed("rocket", 503))
    for name, rgb in (("petit.png", scan), ("nuit.png", dark)):
        Image.fromarray(np.clip(rgb * 255 + 0.5, 0, 255).astype(np.uint8)).save(tmp_path / name)
    (tmp_path / "abime.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    assert main(["photo", "analyse", str(tmp_path)]) == 1  # the broken file is told, the others analysed
    rows = {row["file"].rsplit("/", 1)[-1]: row for row in map(json.loads, capsys.readouterr().out.splitlines())}
    assert "error" in rows["abime.png"]
    assert "upscale" in rows["petit.png"]["suggested_steps"] and rows["petit.png"]["scratches"] >= 1
    assert not rows["nuit.png"]["greyscale"] and not rows["nuit.png"]["toned"]
