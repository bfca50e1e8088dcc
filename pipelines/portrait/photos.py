"""Photos with faces that ship inside installed packages (no download): the painter cards'
sample sitter, the benchmark's contact sheet and the tests use them."""
from __future__ import annotations

import numpy as np


def astronaut() -> np.ndarray:
    """Eileen Collins, NASA portrait (public domain), 512 x 512, from scikit-image."""
    import skimage.data

    return skimage.data.astronaut()


def camera() -> np.ndarray:
    """'Cameraman' (scikit-image, licence: see skimage.data), greyscale 512 x 512 as RGB: no frontal face found."""
    import skimage.data

    return np.repeat(skimage.data.camera()[..., None], 3, axis=2)


def grace_hopper() -> np.ndarray:
    """Grace Hopper (US Navy portrait, public domain) from matplotlib's sample data, 512 x 600.

    matplotlib is a test/benchmark dependency only (requirements-dev.txt).
    """
    import matplotlib.cbook
    from PIL import Image

    with Image.open(matplotlib.cbook.get_sample_data("grace_hopper.jpg")) as image:
        return np.asarray(image.convert("RGB"))


PACKAGED = {"astronaut": astronaut, "grace-hopper": grace_hopper, "camera": camera}
