"""Thin scratches and dust on a big scan tick « Réparer rayures et poussières »: the tick reads figures that do not
shrink when the scan is bigger (the longest scratch against the picture's diagonal, the specks), besides the marked
share; an undamaged photo scanned big stays unticked. bench/photo_big_tick.py measures both splits."""
import cv2
import numpy as np

from bench.photo_big_tick import make_case
from pipelines.photo import analysis


def _scratched_mask(h: int = 400, w: int = 600) -> np.ndarray:
    """A damage mask with one thin scratch across a third of the diagonal and 120 specks of 2 px."""
    mask = np.zeros((h, w), np.uint8)
    cv2.line(mask, (40, 60), (40 + 170, 60 + 170), 1, 1)
    rng = np.random.default_rng(0)
    for x, y in zip(rng.integers(5, w - 5, 120), rng.integers(5, h - 5, 120)):
        mask[y:y + 2, x:x + 2] = 1
    return mask.astype(bool)


def test_the_scale_free_figures_stay_when_the_scan_is_four_times_bigger():
    small = _scratched_mask()
    big = cv2.resize(small.astype(np.uint8), None, fx=4, fy=4, interpolation=cv2.INTER_NEAREST).astype(bool)
    long_small, specks_small = analysis.scale_free_marks(small)
    long_big, specks_big = analysis.scale_free_marks(big)
    assert abs(long_small - long_big) < 0.01 and long_big > analysis.LONGEST_SCRATCH
    assert specks_small == specks_big >= 110  # a few specks may touch each other or the scratch
    assert big.mean() < analysis.REPAIR_SUGGESTED_FRACTION  # the marked share alone left the tick off
    assert analysis.repair_suggested(float(big.mean()), long_big, specks_big)
    assert not analysis.repair_suggested(0.004, 0.1, 20)  # a clean photo's rims and highlights


def test_the_page_ticks_repair_for_many_specks_on_a_small_share():
    from ui.photos import repair_suggested

    assert repair_suggested({"damage_fraction": 0.007, "scratches": 0, "spots": 179, "longest_scratch": 0.0,
                             "specks": 179})
    assert not repair_suggested({"damage_fraction": 0.007, "scratches": 0, "spots": 20, "longest_scratch": 0.05,
                                 "specks": 20})


# The camera photo scanned x2 (1536 px, scanner grain, a JPEG or 16-bit), then 1-5 scratches and 20-200 specks
# drawn at the scan's size (bench/photo_big_tick.py 'scan'): the search marked 0.35 % of it, 19 spots, and the tick
# was off; its longest scratch runs 0.32 of the diagonal and it holds some 200 specks. The same photo scanned big
# undamaged marks 0.0 %, one speck.
def test_thin_scratches_and_dust_on_a_big_scan_tick_repair_and_a_clean_scan_does_not():
    scan, _ = make_case("camera", "scan")
    assert max(scan.shape[:2]) >= 1500
    info, _ = analysis.analyse(scan)
    assert info.damage_fraction < analysis.REPAIR_SUGGESTED_FRACTION
    assert info.damaged and "repair" in info.suggested_steps(), (info.longest_scratch, info.specks)
    clean, _ = make_case("camera", "clean")
    info, _ = analysis.analyse(clean)
    assert not info.damaged and "repair" not in info.suggested_steps(), (info.longest_scratch, info.specks)
