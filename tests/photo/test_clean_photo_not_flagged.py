"""An undamaged photo is not pre-ticked for repair and is not told it has scratches: the repair is suggested from
the share the damage search marks against what clean photos mark (analysis.REPAIR_SUGGESTED_FRACTION)."""
import io

import skimage.data
from PIL import Image

from pipelines.photo import analysis, quality
from pipelines.photo.imaging import to_array
from pipelines.safety.uploads import sanitize_image

from .conftest import photo


def test_a_clean_cmyk_photo_is_not_offered_a_repair_and_a_damaged_print_is(atelier_env):
    buffer = io.BytesIO()
    Image.fromarray(skimage.data.coffee()).convert("CMYK").save(buffer, format="JPEG", quality=90)
    clean = to_array(sanitize_image(buffer.getvalue()).image)
    info, _ = analysis.analyse(clean)
    assert info.scratches + info.spots > 0  # the search still marks rims and highlights (shown, for the brush)
    assert not info.damaged and "repair" not in info.suggested_steps(), info.damage_fraction
    aged, _ = analysis.analyse(quality.damage(photo("chelsea"), seed=3))
    assert aged.damaged and "repair" in aged.suggested_steps(), aged.damage_fraction


def test_the_page_ticks_repair_from_the_marked_share():
    from ui.photos import repair_suggested

    assert not repair_suggested({"damage_fraction": 0.0042, "scratches": 10, "spots": 20})
    assert repair_suggested({"damage_fraction": 0.05, "scratches": 3, "spots": 40})
