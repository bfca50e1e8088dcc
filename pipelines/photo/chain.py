"""One restoration: the chosen steps, in a fixed order, each by its chosen (or best available) backend.

Every step calls its backend the same way, ``backend(PhotoRequest) -> PhotoResult`` (see
:mod:`pipelines.photo.contract`); whether the result is AI-made is the backends' ``ai_made`` fact.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from PIL import Image

from .. import backends
from ..backends import Progress, no_progress
from ..i18n import UserError
from ..params import from_params
from . import analysis, hints, mask_edits, repair, stains, tone
from .contract import PhotoRequest
from .imaging import is_greyscale, luma, rgb_to_lab, to_array, toned_monochrome
from ..commands import studio
from ..config import settings

STEPS = ("repair", "tone", "denoise", "faces", "colorize", "upscale")  # the order they run in
CAPABILITY = {"repair": "photo.repair", "tone": "photo.tone", "denoise": "photo.denoise", "faces": "photo.faces",
              "colorize": "photo.colorize", "upscale": "photo.upscale"}


EASED = ("repair", "tone", "denoise")  # steps the strength slider also fades in (eased())
FULL_FROM = 0.5  # ...in full from this strength (the default) up


def eased(before: np.ndarray, after: np.ndarray, strength: float) -> np.ndarray:
    """A step's result faded in by the strength slider: the photo as it was at 0, the step in full from FULL_FROM.

    Each step already reads the strength (how eagerly damage is sought, how much grain is smoothed), but
    even its most cautious setting changes a damaged print a lot; 0 % on the slider means 'leave it as it
    is', and the way up to the default shows the change growing. A whole mask the patron gave, and what they
    painted as damage with the brush, are repaired in full whatever the slider says (restore()).
    """
    weight = float(np.clip(strength / FULL_FROM, 0, 1))
    if weight >= 1:
        return after
    return (before + weight * (after.astype(np.float32) - before)).astype(np.float32)


@dataclass
class RestoreRequest:
    """What the patron (or the archive command) asked for. Plain JSON in and out (job params)."""

    steps: list[str]
    strength: float = 0.5  # 0..1, for repair / tone / denoise
    colorize: str = "auto"  # auto | hints
    scale: int = 2  # enlarge x2 or x4
    blend: float = 0.8  # faces: 0 original .. 1 restored
    fidelity: float = 0.5  # CodeFormer only: 0 quality .. 1 faithful
    engines: dict[str, str] = field(default_factory=dict)  # step -> backend name (else the default)
    hints_path: str | None = None  # RGBA PNG: opaque pixels are colour hints
    mask_path: str | None = None  # a whole damage mask (white = repair) instead of the search
    edits_path: str | None = None  # the patron's brush over the search's mask (mask_edits: add / clear / 0)

    @classmethod
    def from_params(cls, params: dict) -> "RestoreRequest":
        request = from_params(cls, params, "restore settings")
        bad = [s for s in request.steps if s not in STEPS]
        if bad:
            raise UserError("photo.errors.unknown_step", steps=", ".join(bad), valid=", ".join(STEPS))
        if request.colorize not in ("auto", "hints"):
            raise ValueError(f"colorize must be 'auto' or 'hints' but is {request.colorize!r}.")
        if request.scale not in (2, 4):
            raise UserError("photo.errors.scale", scale=request.scale)
        return request


@dataclass
class RestoreOutcome:
    image: np.ndarray
    uncoloured: np.ndarray | None  # the result before colourisation (for recolouring with new hints)
    applied: list[str]
    faces: int | None
    notes: list[str]  # locale keys told to the patron (not errors)
    models: list[str]  # backends used
    ai_made: bool
    engines: dict[str, str] = field(default_factory=dict)  # backend used -> what computed it ("openvino bf16", "torch")


def backend_for(step: str, engines: dict[str, str]):
    """The backend chosen for a step: the one named, else the default of its capability."""
    return backends.choose(CAPABILITY[step], engines.get(step) or None)


def load_hints(path: str | Path, size: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """A hint layer file (RGBA PNG) at the photo's size -> (mask, ab)."""
    from ..safety.uploads import open_picture

    try:  # palette and grey+alpha layers are read as RGBA too
        layer = open_picture(path, keep_alpha=True, downscale=True)
    except (OSError, ValueError, UserError):
        raise UserError("photo.errors.hints_unreadable") from None
    if layer.mode != "RGBA":
        raise UserError("photo.errors.hints_not_rgba", mode=layer.mode)
    if layer.size != size:
        layer = layer.resize(size, Image.Resampling.NEAREST)  # drawn on a smaller preview
    return hints.hints_from_rgba(np.asarray(layer))


def load_mask(path: str | Path, size: tuple[int, int]) -> np.ndarray:
    from ..safety.uploads import open_picture

    mask = open_picture(path).convert("L")
    if mask.size != size:
        mask = mask.resize(size, Image.Resampling.NEAREST)
    return np.asarray(mask) >= 128


def recolor(rgb: np.ndarray, hints_path: str | Path, auto: np.ndarray | None = None) -> np.ndarray:
    """Colourise `rgb` from a hint layer; with `auto` (an automatic result) the hints correct it locally."""
    h, w = rgb.shape[:2]
    mask, ab = load_hints(hints_path, (w, h))
    auto_ab = rgb_to_lab(auto)[..., 1:] if auto is not None else None
    if not mask.any() and auto is None:
        raise UserError("photo.errors.no_hints")
    return hints.colorize(rgb, mask, ab, auto_ab=auto_ab)


def largest_enlargement(width: int, height: int) -> int | None:
    """The largest offered enlargement (2 or 4) whose result holds at most the studio's pixel limit, else None.

    The limit is the upload's (settings upload_max_megapixels, 50 MP): a larger result could not be opened
    again to be shown, printed or sent to a postcard. A4 at 300 ppi needs 8.7 MP, so a photo too large
    for x2 (over 12.5 MP at the default limit) already prints sharp without it.
    """
    limit = settings().upload_max_megapixels * 1e6
    fitting = [s for s in (2, 4) if width * height * s * s <= limit]
    return max(fitting) if fitting else None


def check_enlargement(width: int, height: int, scale: int) -> None:
    """Raise UserError photo.sizes.too_big_to_enlarge (the sizes in megapixels) when x`scale` is over the limit."""
    if width * height * scale * scale > settings().upload_max_megapixels * 1e6:
        raise UserError("photo.sizes.too_big_to_enlarge", scale=scale, mp=f"{width * height / 1e6:.0f}",
                        result=f"{width * height * scale * scale / 1e6:.0f}",
                        limit=f"{settings().upload_max_megapixels:g}")


def restore(rgb: np.ndarray, request: RestoreRequest, progress: Progress = no_progress) -> RestoreOutcome:
    """Run the requested steps in order; each reports its share of the progress bar.

    Raises UserError before any step runs when the enlargement asked for would exceed the pixel limit
    (check_enlargement)."""
    steps = [s for s in STEPS if s in request.steps]
    if "upscale" in steps:
        check_enlargement(rgb.shape[1], rgb.shape[0], request.scale)
    grey_input = is_greyscale(rgb) or toned_monochrome(rgb)  # a sepia print is a black-and-white picture
    notes: list[str] = []
    used: list[backends.Backend] = []
    applied: list[str] = []
    faces = None
    uncoloured = None
    image = rgb.astype(np.float32)
    s = float(np.clip(request.strength, 0, 1))
    # Signs of age are judged on the print as it came: they decide how eagerly damage and grain are sought. A print
    # lying on a card or photographed on a table is judged, and its damage searched, as the analysis did: on the
    # print squared up (analysis.damage_on_print), not on the card's plain pixels.
    corners = analysis.find_print(image) if "repair" in steps and not request.mask_path else None
    squared = analysis.straighten(image, corners) if corners else None
    old = bool({"repair", "tone", "denoise"} & set(steps)) and tone.looks_old(image if squared is None else squared)
    # Whether a toned print keeps its tone is decided on the print as it came, as the page said it (the analysis's
    # keeps_tone, at the default strength): the repair's fills must not turn a sepia print grey.
    keep_tone = tone.keeps_tone(image, old=old) if "tone" in steps else None
    # ...and so is a JPEG's blocking: the repair's fills, smooth inside the 8x8 blocks, would read as more of it.
    # An enlargement by nearest neighbour's blocks of identical pixels (the fills break them too) are read first:
    # their borders fall on the 8x8 grid's and read as a strong JPEG's blocking (2.3 on real print 1 enlarged x2),
    # so the blocking is read on the source, one pixel per block, where a JPEG's own blocks would lie.
    gray = luma(image) if "denoise" in steps else None
    pixel_blocks = repair.repeated_blocks(gray) if gray is not None else 1
    # one pixel per block, where the blocks lie (a crop of the enlargement moves them)
    source = repair.source_pixels(image, pixel_blocks, gray)[0] if pixel_blocks > 1 else image
    blocks = repair.blocking(tone._grain_view(luma(source))) if "denoise" in steps else None
    # The damage search and the grain's reading are as eager as the picture's own signs of age: a black-and-white
    # print's tone or yellowed paper is left out (tone.picture_aged), as the analysis does. On merely toned prints
    # (bench/photo_toned.py, tuning split) the full search took a cup's highlights and the old print's grain
    # reading smoothed grey coins' texture (36.0 -> 32.2 dB). The tone step reads the tint itself (tone.fading).
    aged = old and bool({"repair", "denoise"} & set(steps)) and tone.picture_aged(
        image if squared is None else squared)
    repaired = None  # the pixels the repair step rebuilt: the tone step reads the print's ends away from them
    for n, step in enumerate(steps):
        base, share = n / len(steps), 1 / len(steps)

        def sub(fraction: float, message: str = "", _base=base, _share=share) -> None:
            progress(_base + _share * fraction, message or f"photo.progress.{step}")

        sub(0.0)
        if step == "colorize" and not grey_input:
            notes.append("photo.notes.already_colour")
            continue
        engine = backend_for(step, request.engines) if step != "colorize" or request.colorize == "auto" else \
            backends.get("photo.colorize.hints")
        call = PhotoRequest(image, strength=s, scale=request.scale, blend=request.blend, fidelity=request.fidelity,
                            hints_path=request.hints_path, old=old, keep_tone=keep_tone, blocking=blocks,
                            pixel_blocks=pixel_blocks,
                            progress=sub)
        painted = None  # repair: what the patron painted as damage, repaired in full at any strength
        if step == "tone":
            call.mask = repaired
        if step == "denoise":
            call.old = aged
        if step == "repair":
            call.mask = (load_mask(request.mask_path, image.shape[1::-1]) if request.mask_path
                         else analysis.damage_on_print(image, corners, aged or repair.cracked(
                             image if squared is None else squared), squared, strength=s).mask)
            if request.edits_path:
                edits = mask_edits.load_edits(request.edits_path, image.shape[1::-1])
                call.mask = mask_edits.apply_edits(call.mask, edits)
                painted = mask_edits.painted(edits)
                if engine.name == "photo.repair.opencv" and repair.wide_strokes(
                        edits >= (mask_edits.ADD + mask_edits.CLEAR) // 2).any():
                    notes.append("photo.notes.paint.wide")  # Telea brings the rim's colours in: a flat, blurred patch
            repaired = call.mask
        if step == "colorize" and request.colorize == "auto" and not engine.automatic:
            raise UserError("photo.errors.no_auto_colour", command=studio("models download ddcolor-tiny"))
        result = engine(call)
        if step == "repair" and not request.mask_path:
            # Foxing, mould and water stains are a veil over the picture: levelled to their surround, not rebuilt
            # (stains.level keeps the detail beneath them). Found on the print as it came, before the fill.
            found = stains.find_stains(image, strength=s, taken=repaired)
            if found.count:
                result.image = stains.level(result.image, found)
        if step in EASED and not (step == "repair" and request.mask_path):
            full = result.image
            result.image = eased(image, full, s)
            if painted is not None and painted.any():  # the search's own marks follow the slider, the painted don't
                result.image[painted] = full[painted]
        if step == "faces":
            faces = result.faces
            if not faces:
                notes.append("photo.notes.no_face")
                continue
            if grey_input:  # restorers paint faces in colour: keep the photo black and white
                result.image = np.repeat(luma(result.image)[..., None], 3, axis=2)
        if step == "colorize" and engine.automatic and request.hints_path:
            # the patron's colour points correct the automatic colours locally
            result = backends.get("photo.colorize.hints")(replace(call, auto=result.image))
        image = result.image
        applied.append(step)
        used.append(engine)
        sub(1.0)
    if "colorize" in applied:
        # Colourising keeps the lightness: the neutral version of the result is what new hints recolour.
        uncoloured = neutral(image)
    if applied and unchanged(rgb, image):
        notes.append("photo.notes.unchanged")  # said on the page: a photo given back as it came is not a restoration
    return RestoreOutcome(image=np.clip(image, 0, 1), uncoloured=uncoloured, applied=applied, faces=faces,
                          notes=notes, models=[b.name for b in used], ai_made=any(b.ai_made for b in used),
                          engines={b.name: made_by(b) for b in used})


UNCHANGED_SHARE = 0.001  # unchanged(): at most this share of the pixels moved by one 8-bit level or more


def unchanged(before: np.ndarray, after: np.ndarray) -> bool:
    """True when a restore gave the photo back as it came: same size, and under UNCHANGED_SHARE of its pixels
    differ by one 8-bit level or more in any channel. (H, W, 3) float [0, 1] arrays."""
    if before.shape != after.shape:
        return False
    moved = np.abs(np.round(np.clip(after, 0, 1) * 255) - np.round(np.clip(before, 0, 1) * 255)).max(axis=-1) >= 1
    return bool(moved.mean() < UNCHANGED_SHARE)


def made_by(backend) -> str:
    """What computed a backend's result: "openvino bf16" / "openvino f32" for a photo model the OpenVINO
    runner ran, else the backend's engine ("torch", "opencv", "numpy")."""
    return getattr(backend, "made_by", "") or backend.engine


def neutral(rgb: np.ndarray) -> np.ndarray:
    """The same lightness with no colour (Lab a = b = 0)."""
    lab = rgb_to_lab(rgb)
    lab[..., 1:] = 0
    return hints.lab_to_rgb(lab)


def open_photo(path: str | Path, downscale: bool = False) -> tuple[np.ndarray, list[str]]:
    """A photo file through the upload checks -> (float RGB array, notes)."""
    from .imaging import open_upload

    clean = open_upload(Path(path), downscale=downscale)
    return to_array(clean.image), list(clean.notes)
