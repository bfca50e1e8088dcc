"""Image-to-image portraits through the real loading path (tiny SD-Turbo in the release layout)."""
from __future__ import annotations

import numpy as np

from pipelines.portrait.backends import TurboPortrait, choose_painter
from pipelines.portrait.make import PortraitRequest, make_portrait, prepare
from pipelines.portrait.photos import astronaut


def _framed():
    return prepare(astronaut(), long_side=160)


def test_model_portrait_keeps_the_face_closer_to_the_photo_than_the_background(sd_turbo_installed):
    framed = _framed()
    assert choose_painter("sd-turbo").name == "portrait.paint.sd"
    result = make_portrait(framed, PortraitRequest(style="van-gogh", strength=1.0, seed=4, backend="sd-turbo"))
    assert result.ai_made and result.model == "sd-turbo" and result.backend == "portrait.paint.sd"
    assert result.image.shape == framed.image.shape
    assert result.metadata["AI-generated"] == "yes" and "Van Gogh" in result.metadata["Prompt"]
    back, face = TurboPortrait.strengths(1.0)
    assert face < back
    diff = np.abs(result.image.astype(float) - framed.image.astype(float)).mean(-1)
    f = framed.face
    inner = diff[int(f.y + f.h * 0.2):int(f.y + f.h * 0.8), int(f.x + f.w * 0.2):int(f.x + f.w * 0.8)].mean()
    corners = np.concatenate([diff[:20, :20].ravel(), diff[:20, -20:].ravel()]).mean()
    assert inner < corners  # the face was repainted with the lower strength


def test_flagged_model_picture_is_replaced_by_the_cpu_painting(sd_turbo_installed, install_safety_checker):
    install_safety_checker(True)
    result = make_portrait(_framed(), PortraitRequest(style="pop-art", seed=1, backend="sd-turbo"))
    assert result.flagged and not result.ai_made and result.backend == "portrait.paint.cpu"
