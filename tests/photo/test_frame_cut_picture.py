"""A bright part of the picture that the frame cuts (the astronaut's flag: its stripes and stars run out at the left
edge) goes on inwards past the rim's band: it is the picture, not a rubbed rim of bared paper. (A rubbed rim, which
fades out within a few pixels of the edge, is still found: tests/photo/test_crack_kinds.py.)"""
import cv2
import numpy as np

from bench._photo_damage import age, packaged_photo
from pipelines.photo import repair

EDGE = 8  # px: the outer columns where a rubbed rim would be marked


def _left_edge_false_marks(seed):
    """Pixels marked in the left EDGE columns of the astronaut (tuning split) aged with `seed`, off its drawn marks."""
    aged = age(packaged_photo("astronaut"), seed, kinds=("fade", "tint", "grain", "cracks", "dust"), cracks=3,
               creases=1, tint_mode="sepia", fade=0.25, grain=0.015)
    mask = repair.find_damage(aged.image.astype(np.float32)).mask
    near = cv2.dilate(aged.marks.astype(np.uint8), np.ones((7, 7), np.uint8)).astype(bool)
    return int((mask & ~near)[:, :EDGE].sum())


def test_a_flag_that_the_frame_cuts_is_not_taken_for_a_rubbed_rim():
    # Before: 529 and 459 px of the flag's stripes and stars along the left edge were marked (seeds 3 and 5).
    assert _left_edge_false_marks(3) + _left_edge_false_marks(5) < 400

