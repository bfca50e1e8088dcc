"""A cracked print saved as a strong JPEG: the denoise's JPEG smoothing is measured on the print as it came.

bench/photo_real_kinds.py measures the whole chain on the real prints as other kinds of scan (resampled, JPEG,
grey, tinted, blurred).
"""
import io
from pathlib import Path

from PIL import Image

from bench._photo_damage import real_print_figures
from pipelines.photo.chain import RestoreRequest, open_photo, restore

DATA = Path(__file__).parent / "data"


# A print saved as a JPEG at quality 60 (blocking 1.37): the repair's fills are smooth inside the 8x8 blocks, so the
# blocking measured after them read 1.55 and the JPEG smoothing that follows from it took the print's fine detail
# (54 % kept). Measured on the print as it came: 72 % kept, 30 % of the crack pixels left.
def test_a_cracked_print_saved_as_a_strong_jpeg_keeps_its_fine_detail(tmp_path):
    buffer = io.BytesIO()
    Image.open(DATA / "cracked-portrait-1.png").convert("RGB").save(buffer, "JPEG", quality=60)
    (tmp_path / "scan.jpg").write_bytes(buffer.getvalue())
    rgb, _ = open_photo(tmp_path / "scan.jpg")
    out = restore(rgb, RestoreRequest(steps=["repair", "tone", "denoise"])).image
    left, kept = real_print_figures(rgb, out)
    assert kept > 0.68, f"only {kept:.0%} of the fine detail away from the cracks is kept"
    assert left < 0.35, f"{left:.0%} of the crack pixels are still there"


# A JPEG of a cracked print (quality 85) has more 'crack' pixels than the print: the few levels it moves push the
# picture's own bright edges (a collar, a sleeve's fold) over the line detector's threshold, 12-18 % of what it finds,
# and no repair removes them. The cracks the print itself shows are the chain's work: at most 35 % of them stay.
def test_a_cracked_print_saved_as_a_jpeg_loses_the_cracks_the_print_shows(tmp_path):
    import numpy as np

    from bench._photo_damage import crack_map

    for name in ("cracked-portrait-1.png", "cracked-portrait-2.png"):
        handed = Image.open(DATA / name).convert("RGB")
        buffer = io.BytesIO()
        handed.save(buffer, "JPEG", quality=85)
        (tmp_path / "scan.jpg").write_bytes(buffer.getvalue())
        rgb, _ = open_photo(tmp_path / "scan.jpg")
        out = restore(rgb, RestoreRequest(steps=["repair", "tone", "denoise"])).image
        shared = crack_map(rgb) & crack_map(np.asarray(handed, np.float32) / 255)
        left = (crack_map(out) & shared).sum() / shared.sum()
        _, kept = real_print_figures(rgb, out)
        assert left <= 0.35, f"{name}: {left:.0%} of the cracks the print shows are still there"
        assert kept >= 0.70, f"{name}: only {kept:.0%} of the fine detail away from the cracks is kept"
