"""The A4 photo sheet refuses, before printing, a caption its fonts cannot draw (a recent emoji or a letter no face
has would be an empty box); an emoji the pictographs' face draws prints."""
import numpy as np
import pytest
from PIL import Image

from pipelines.i18n import UserError
from pipelines.photo.sheet import photo_sheet


@pytest.mark.parametrize("caption, key", [("photo d'identité 猫", "text.no_glyph"), ("Mamie 🨀", "text.emoji")])
def test_a_caption_with_an_emoji_is_refused_with_the_print_pages_sentence(tmp_path, caption, key):
    picture = tmp_path / "p.png"
    Image.fromarray(np.full((40, 30, 3), 128, np.uint8)).save(picture)
    with pytest.raises(UserError) as refused:
        photo_sheet(picture, picture, tmp_path / "sheet.pdf", caption=caption, date="vers 1950")
    assert refused.value.key == key
    message = refused.value.message("fr")
    assert caption[-1] in message and "Légende de la fiche" in message
    assert not (tmp_path / "sheet.pdf").exists()
    out = photo_sheet(picture, picture, tmp_path / "sheet.pdf", caption="Mamie 🎂, été 1962 ♥ ✨", date="vers 1950")
    assert out.exists()


@pytest.mark.parametrize("shape", [(40, 30), (30, 40)])  # portrait pictures side by side, landscape ones stacked
def test_a_long_caption_is_printed_whole_or_refused_never_cut(tmp_path, shape):
    import subprocess

    picture = tmp_path / "p.png"
    Image.fromarray(np.full((*shape, 3), 128, np.uint8)).save(picture)
    words = [f"mot{n}" for n in range(60)]  # about six lines at 13 pt: the old box took three and dropped the rest
    out = photo_sheet(picture, picture, tmp_path / "sheet.pdf", caption=" ".join(words))
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert all(w in text.split() for w in words)
    endless = " ".join(f"mot{n}" for n in range(3000))
    with pytest.raises(UserError) as refused:
        photo_sheet(picture, picture, tmp_path / "long.pdf", caption=endless)
    assert refused.value.key == "photo.errors.caption_too_long" and not (tmp_path / "long.pdf").exists()
    assert "lettres" in refused.value.message("fr")


def test_a_caption_the_workshop_refuses_is_not_printed_and_the_sentence_names_the_caption(tmp_path):
    picture = tmp_path / "p.png"
    Image.fromarray(np.full((40, 30, 3), 128, np.uint8)).save(picture)
    with pytest.raises(UserError) as refused:
        photo_sheet(picture, picture, tmp_path / "sheet.pdf", caption="Papi avec son gros flingue et sa bière")
    assert refused.value.key == "text.words_blocked"
    message = refused.value.message("fr")
    assert "Légende de la fiche" in message and "flingue" not in message
    assert not (tmp_path / "sheet.pdf").exists()
