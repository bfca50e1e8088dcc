"""Every uploaded image goes through `sanitize_image`: allow-list, limits, bombs, orientation, no metadata."""
from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from ..config import settings
from ..i18n import UserError

# Decoders we accept, by magic bytes (the file name is never trusted).
ALLOWED = ("JPEG", "PNG", "WEBP", "HEIF", "TIFF")


def sniff(data: bytes) -> str | None:
    """The format named by the first bytes, or None when unknown."""
    head = data[:32]
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1",
                                               b"msf1", b"avif"):
        return "HEIF" if head[8:12] != b"avif" else "AVIF"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head.startswith(b"%PDF"):
        return "PDF"
    if head.startswith(b"BM"):
        return "BMP"
    return None


@dataclass
class CleanImage:
    """A decoded, normalised RGB image with no metadata, and what was done to it."""

    image: Image.Image
    source_format: str
    original_size: tuple[int, int]
    notes: list[str] = field(default_factory=list)  # locale keys: "uploads.note_rotated", ...

    def png_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.image.save(buffer, format="PNG")
        return buffer.getvalue()


def _to_8bit(image: Image.Image) -> Image.Image:
    """16-bit and float greyscale to 8-bit, keeping the full range."""
    array = np.asarray(image, dtype=np.float64)
    if image.mode.startswith("I;16") or image.mode == "I":
        top = 65535.0 if array.max() > 255 else 255.0
        array = array / top * 255.0
    elif image.mode == "F":
        lo, hi = float(array.min()), float(array.max())
        array = (array - lo) / ((hi - lo) or 1.0) * 255.0
    return Image.fromarray(np.clip(array + 0.5, 0, 255).astype(np.uint8), "L")


def _normalise_mode(image: Image.Image, notes: list[str]) -> Image.Image:
    mode = image.mode
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        notes.append("uploads.note_16bit")
        image = _to_8bit(image)
    if mode == "CMYK":
        notes.append("uploads.note_cmyk")
        image = image.convert("RGB")
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode in ("RGBA", "LA", "PA", "La", "RGBa"):
        notes.append("uploads.note_alpha")
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, rgba)
    if image.mode != "RGB":
        image = image.convert("RGB")
    return image


def sanitize_image(data: bytes, *, max_bytes: int | None = None, max_megapixels: float | None = None,
                   downscale: bool = False) -> CleanImage:
    """Check and decode an upload; raise UserError (one clear sentence) when it is refused.

    `downscale=True` accepts pictures over the pixel limit (up to 4x) and shrinks them to fit,
    for patrons who choose to continue with a smaller scan.
    """
    cfg = settings()
    max_bytes = max_bytes if max_bytes is not None else cfg.upload_max_mb * 1024 * 1024
    max_megapixels = max_megapixels if max_megapixels is not None else cfg.upload_max_megapixels
    # 1. Size and format, from the bytes alone.
    if not data:
        raise UserError("uploads.empty")
    if len(data) > max_bytes:
        raise UserError("uploads.too_big", size=f"{len(data) / 1024 / 1024:.0f}",
                        limit=f"{max_bytes / 1024 / 1024:.0f}")
    kind = sniff(data)
    if kind == "PDF":
        raise UserError("uploads.pdf")
    if kind == "GIF":
        raise UserError("uploads.gif")
    if kind not in ALLOWED:
        raise UserError("uploads.not_image")
    if kind == "HEIF":
        import pillow_heif

        pillow_heif.register_heif_opener()
    # 2. Dimensions from the header, before any pixel is decoded (decompression bombs).
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UserError("uploads.too_many_pixels", mp="> 89", limit=f"{max_megapixels:g}") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise UserError("uploads.corrupt") from None
    megapixels = width * height / 1e6
    if megapixels > max_megapixels * (4 if downscale else 1) or width > 30000 or height > 30000:
        raise UserError("uploads.too_many_pixels", mp=f"{megapixels:.0f}", limit=f"{max_megapixels:g}")
    notes: list[str] = []
    # 3. Decode (first frame of an animation), orientation, modes, size.
    try:
        if getattr(image, "n_frames", 1) > 1:
            notes.append("uploads.note_animated")
            image.seek(0)
        if megapixels > max_megapixels:
            notes.append("uploads.note_downscaled")
            if kind == "JPEG":  # decode at a reduced size directly
                image.draft("RGB", (int(width / 2), int(height / 2)))
        image.load()
        oriented = ImageOps.exif_transpose(image)
        if oriented is not image and image.getexif().get(0x0112, 1) != 1:
            notes.append("uploads.note_rotated")
        image = oriented
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, EOFError):
        raise UserError("uploads.corrupt") from None
    image = _normalise_mode(image, notes)
    if image.width * image.height > max_megapixels * 1e6:
        scale = (max_megapixels * 1e6 / (image.width * image.height)) ** 0.5
        image = image.resize((max(1, int(image.width * scale)), max(1, int(image.height * scale))),
                             Image.Resampling.LANCZOS)
    # 4. A fresh image made of pixels only: no EXIF, GPS, ICC, XMP or comments survive.
    clean = Image.frombytes("RGB", image.size, image.tobytes())
    return CleanImage(image=clean, source_format=kind, original_size=(width, height), notes=notes)
