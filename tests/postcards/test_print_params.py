"""What the postcards page sends to the job, built in the engine: card fields and printer settings."""
from __future__ import annotations

import io

import pypdf
import pytest

from pipelines.export.imposition import calibration_pdf
from pipelines.export.postcard import Postcard, print_params


def test_a_card_travels_as_plain_json_and_comes_back_the_same():
    card = Postcard("front.png", orientation="portrait", crop=(0.1, 0.2, 0.9, 0.8), border="white", title="Été",
                    message="Bisous", ai_made=True, library_name="Médiathèque", language="en")
    params = card.to_params()
    assert params["crop"] == [0.1, 0.2, 0.9, 0.8] and params["front"] == "front.png"
    assert Postcard.from_params(params) == card


def test_office_printer_is_nominal_size_and_print_shop_adds_bleed_and_marks():
    card = Postcard("front.png")
    office = print_params([card], copies=2, printer="office", duplex=False)
    assert office == {"cards": [card.to_params()], "copies": 2, "sheet": "4up", "duplex": False, "bleed_mm": 0.0,
                      "crop_marks": False}
    shop = print_params([card], printer="shop")
    assert shop["bleed_mm"] == 3.0 and shop["crop_marks"] is True and shop["duplex"] is True
    with pytest.raises(ValueError, match="printer"):
        print_params([card], printer="laser")


def test_the_calibration_sheet_is_two_pages_in_the_asked_language():
    reader = pypdf.PdfReader(io.BytesIO(calibration_pdf("en")))
    assert len(reader.pages) == 2
