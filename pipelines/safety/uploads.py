"""One way in for every picture: `sanitize_image` (bytes) and `open_picture` (file, bytes or PIL image).

Every picture that enters the engine (an upload, a file named on the command line or in a spec,
a layer of colour hints, a quiz-pack picture) goes through here: allow-list by magic bytes,
byte and pixel limits checked from the header before decoding (decompression bombs), EXIF
orientation applied, 16-bit and float samples scaled to 8 bits from their range, embedded ICC
profiles (Adobe RGB, ProPhoto, Display P3, CMYK, grey) converted to sRGB with LittleCMS
(`PIL.ImageCms`), transparency composited on white paper (or kept for hint layers), the first
still of a multi-picture file, and a fresh image made of pixels only: no EXIF, XMP, ICC, JPEG
comment or PNG text survives into anything the studio writes.
"""
from __future__ import annotations

import io
import re
import struct
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from ..config import settings
from ..i18n import UserError, decimal_text

# Decoders we accept, by magic bytes (the file name is never trusted).
# GIF: its first frame (an animation is noted). BMP: what Windows scanning tools and Paint save.
# AVIF: what recent phones save (read by Pillow's own decoder, 11.3 and later).
ALLOWED = ("JPEG", "PNG", "WEBP", "HEIF", "AVIF", "TIFF", "GIF", "BMP")
# The largest side any accepted format can hold (JPEG's 16-bit header field); memory is bounded by megapixels.
MAX_SIDE = 65_500
# EXIF orientations that turn or mirror the picture (2..8): 1 is upright, and values some apps write (0, 9) mean none.
TURNING_ORIENTATIONS = range(2, 9)
# Formats whose extra frames are other views of the same still (camera multi-picture JPEGs), not an animation.
STILL_FORMATS = ("MPO", "JPEG")


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
                                               b"msf1", b"avif", b"avis"):
        # an AVIF names itself in its major brand or, under the generic « mif1 », among its compatible brands
        brands = [head[i:i + 4] for i in range(16, 32, 4)]
        avif = head[8:12] in (b"avif", b"avis") or (b"avif" in brands and b"heic" not in brands)
        return "AVIF" if avif else "HEIF"
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
    """A decoded, normalised image (RGB, or RGBA when asked) with no metadata, and what was done to it."""

    image: Image.Image
    source_format: str
    original_size: tuple[int, int]
    notes: list[str] = field(default_factory=list)  # locale keys: "uploads.note_rotated", ...

    def png_bytes(self) -> bytes:
        """The cleaned picture as PNG bytes (zlib level PNG_LEVEL)."""
        buffer = io.BytesIO()
        self.image.save(buffer, format="PNG", compress_level=PNG_LEVEL)
        return buffer.getvalue()


# zlib level of the cleaned upload's PNG: a 12 MP scan took 4.3 s at level 3 (12.4 MB) and 16 s at Pillow's default
# level 6 (12.7 MB) on the loaded machine (bench/photo.py, the page's path); the pixels are the same.
PNG_LEVEL = 3

DIM_SCAN = 0.5  # _to_8bit: integer samples whose white stays under this share of their range are a dim scan
DIM_WHITE_PERCENTILE = 99.95  # ...whose white point is taken here (a few hot pixels do not hold it down)
PERCENTILE_SAMPLES = 4_000_000  # ...read from at most this many samples, evenly spread (memory and time)


def _to_8bit(image: Image.Image, notes: list[str] | None = None) -> Image.Image:
    """16-bit and float greyscale to 8-bit "L", scaled from the range the samples were written in.

    Integer samples: divided by the smallest of 2^8, 2^10, 2^12, 2^16 - 1 that holds the brightest
    sample (a 12-bit scanner writes 0..4095 in a 16-bit file). A scan that uses a fraction of that
    range (its white under DIM_SCAN of it: an under-exposed scan, or a 14-bit sensor's counts with a
    black offset) has its white point set where its brightest samples lie (the DIM_WHITE_PERCENTILE
    percentile -> 255, black kept at 0: the tone step judges the black end), as a scanner's auto levels
    would, and "uploads.note_dim_scan" is added to `notes`; otherwise it printed nearly black.
    Float samples: 0..1 when they lie there (the usual convention), otherwise their own minimum..maximum.
    """
    samples = np.asarray(image, dtype=np.float64) if image.mode == "F" else np.asarray(image)
    return Image.fromarray(_samples_to_8bit(samples, image.mode == "F", notes), "L")


def _samples_to_8bit(array: np.ndarray, is_float: bool, notes: list[str] | None = None) -> np.ndarray:
    """`_to_8bit`'s scaling on an array of samples (any number of bands), as uint8.

    16-bit integer samples go through a table of 65536 entries and the white point is read from at most
    PERCENTILE_SAMPLES of them: a 40 MP colour scan in float64 took 3.3 GB.
    """
    if is_float:
        array = np.asarray(array, dtype=np.float32 if array.dtype == np.float32 else np.float64)
        lo, hi = float(array.min()), float(array.max())
        if lo >= 0.0 and hi <= 1.0:
            lo, hi = 0.0, 1.0
        array = (array - lo) * (255.0 / ((hi - lo) or 1.0))
        array += 0.5
        return np.clip(array, 0, 255, out=array).astype(np.uint8)
    brightest = float(array.max())
    top = next(t for t in (255.0, 1023.0, 4095.0, 65535.0, max(brightest, 1.0)) if brightest <= t)
    flat = array.reshape(-1)
    if flat.size > PERCENTILE_SAMPLES:
        flat = flat[::flat.size // PERCENTILE_SAMPLES]
    white = float(np.percentile(flat, DIM_WHITE_PERCENTILE))
    if top > 255.0 and 0 < white < DIM_SCAN * top:
        top = white
        if notes is not None:
            notes.append("uploads.note_dim_scan")
    if array.dtype.kind == "u" and array.dtype.itemsize <= 2:
        table = np.clip(np.arange(2 ** (8 * array.dtype.itemsize)) / top * 255.0 + 0.5, 0, 255).astype(np.uint8)
        return table[array]
    return np.clip(np.asarray(array, dtype=np.float64) / top * 255.0 + 0.5, 0, 255).astype(np.uint8)


def _scaled(array: np.ndarray, top: float) -> np.ndarray:
    """Samples of 0..`top` (ink, transparency: a fixed scale, no white point read) as uint8."""
    return np.clip(np.asarray(array, dtype=np.float32) * (255.0 / top) + 0.5, 0, 255).astype(np.uint8)


# (TIFF PhotometricInterpretation, samples per pixel) -> the mode read at full depth (TIFF 6.0, section 8: 0
# MinIsWhite, 1 MinIsBlack, 2 RGB, 5 Separated, i.e. CMYK); other layouts are left to Pillow
DEEP_TIFF_MODES = {(0, 2): "LA", (1, 2): "LA", (2, 3): "RGB", (2, 4): "RGBA", (5, 4): "CMYK"}
# Grey samples Pillow cannot read right (half and double floats: « abîmée »; 32-bit and signed integers: read as
# signed and clipped, a ramp came out black), read at their full range as "L" too
DEEP_GREY_TYPES = ("float16", "float64", "uint32", "int32", "int16", "int8")
DEEP_PNG_TYPES = (2, 4, 6)  # PNG colour types of 16-bit samples Pillow keeps the high byte of: RGB, grey+alpha, RGBA


def _deep_picture(data: bytes, kind: str, allowed: float, limit: float) -> Image.Image | None:
    """A picture of more than 8 bits a sample that Pillow reads short, decoded at its full range; None otherwise.

    Pillow keeps only the high byte of 16-bit colour and grey+alpha samples (a 12-bit scanner's 0..4095 came out
    0..15, nearly black), reads a TIFF's 16-bit planes stored one after the other (Photoshop's « per channel »
    order) as 8-bit samples, and opens neither float colour nor 16-bit grey+alpha TIFFs. These are read with
    tifffile (TIFF: interleaved or planar, any codec imagecodecs has) or OpenCV (PNG), scaled as `_to_8bit` scales
    a grey scan; ink (CMYK) and transparency by their type's full range. Out: an 8-bit "RGB", "RGBA", "LA" or
    "CMYK" image with the file's ICC profile and orientation in `info` / EXIF, as `_decoded` reads them, and its
    notes in info["atelier_notes"]. Grey and 8-bit files, and what neither library decodes, stay with Pillow.
    The size is read from the header and checked first (`_check_pixels(width, height, allowed, limit)`).
    """
    read = _deep_tiff if kind == "TIFF" else _deep_png if kind == "PNG" else None
    found = read(data, allowed, limit) if read is not None else None
    if found is None:
        return None
    array, mode, notes, icc, orientation = found
    colour = {"L": 1, "LA": 1, "CMYK": 4}.get(mode, 3)
    is_float = array.dtype.kind == "f"
    if mode == "CMYK":
        bands = [_scaled(array, 1.0 if is_float else float(np.iinfo(array.dtype).max))]
    else:
        bands = [_samples_to_8bit(array[..., :colour], is_float, notes)]
        if array.shape[-1] > colour:
            top = 1.0 if is_float else float(np.iinfo(array.dtype).max)
            bands.append(_scaled(array[..., colour:colour + 1], top))
    samples = np.concatenate(bands, axis=-1) if len(bands) > 1 else bands[0]
    image = Image.fromarray(np.ascontiguousarray(samples[..., 0] if mode == "L" else samples), mode)
    if icc:
        image.info["icc_profile"] = icc
    if orientation not in (None, 1):
        image.getexif()[0x0112] = orientation
    image.info["atelier_notes"] = [_depth_note(array.dtype.itemsize)] + notes
    return image


def _depth_note(sample_bytes: int) -> str:
    """The note that says a picture's samples were brought to 8 bits: « 16 bits » only when they were 16 bits (a
    32-bit or 64-bit float scan was told it was 16 bits)."""
    return "uploads.note_16bit" if sample_bytes <= 2 else "uploads.note_deep"


def _check_pixels(width: int, height: int, allowed: float, limit: float) -> None:
    """UserError when a picture of width x height px is over `allowed` megapixels (`limit`: the limit it is told)."""
    if width * height > allowed * 1e6:
        raise UserError("uploads.too_many_pixels", mp=_megapixels_text(width * height / 1e6, allowed),
                        limit=decimal_text(limit, 0 if float(limit).is_integer() else 1, settings().language))


def _deep_tiff(data: bytes, allowed: float, limit: float):
    """(samples (H, W, bands), mode, notes, ICC bytes, orientation) of a TIFF's first page of 16-bit or float
    samples in a DEEP_TIFF_MODES layout, or None (`_deep_picture`)."""
    try:
        import tifffile
    except ImportError:
        return None
    try:
        with tifffile.TiffFile(io.BytesIO(data)) as tif:
            page = tif.pages.first
            mode = DEEP_TIFF_MODES.get((int(page.photometric), page.samplesperpixel))
            if mode is None and page.samplesperpixel == 1 and int(page.photometric) in (0, 1) \
                    and page.dtype is not None and page.dtype.name in DEEP_GREY_TYPES:
                mode = "L"
            if mode is None or page.dtype is None or (page.dtype.itemsize == 1 and mode != "L") \
                    or page.dtype.kind not in "uif":
                return None
            _check_pixels(page.imagewidth, page.imagelength, allowed, limit)
            array = page.asarray()
            if page.planarconfig == tifffile.PLANARCONFIG.SEPARATE and array.ndim == 3:
                array = np.moveaxis(array, 0, -1)
            if mode == "L":
                array = array[..., None]
            if array.dtype.kind == "i":  # signed samples: from the type's lowest value when any is negative
                info = np.iinfo(array.dtype)
                unsigned = np.dtype(f"uint{8 * array.dtype.itemsize}")
                array = (array.astype(np.int64) - (info.min if array.min() < 0 else 0)).astype(unsigned)
            if page.extrasamples and int(page.extrasamples[0]) == 1 and mode in ("LA", "RGBA"):
                # associated alpha (premultiplied colour): divided back, or its half-transparent edges print dark
                colour = array[..., :-1].astype(np.float32)
                alpha = array[..., -1:].astype(np.float32)
                top = 1.0 if array.dtype.kind == "f" else float(np.iinfo(array.dtype).max)
                colour = np.where(alpha > 0, colour * top / np.maximum(alpha, 1e-12), 0)
                array = np.concatenate([np.clip(colour, 0, top).astype(array.dtype), array[..., -1:]], axis=-1)
            if int(page.photometric) == 0:  # MinIsWhite: the grey counts from white
                top = float(array[..., 0].max()) if array.dtype.kind == "f" else float(2 ** page.bitspersample - 1)
                kept = array.dtype
                array = array.astype(np.float64 if kept.kind == "f" else np.int64)
                array[..., 0] = top - array[..., 0]
                array = array.astype(kept) if kept.kind == "f" else array.clip(0, np.iinfo(kept).max).astype(kept)
            notes = ["uploads.note_first_page"] if len(tif.pages) > 1 else []
            icc = page.tags.get(34675)  # InterColorProfile: an Adobe RGB scan stays Adobe RGB until converted
            orientation = page.tags.get(274)
    except UserError:
        raise
    except Exception:  # tifffile raises many kinds (KeyError for a missing codec, ValueError, OSError...)
        return None
    if array.ndim != 3 or array.shape[-1] != len(mode):
        return None
    icc = icc.value if icc is not None and isinstance(icc.value, bytes) else None
    return array, mode, notes, icc, int(orientation.value) if orientation is not None else None


def _deep_png(data: bytes, allowed: float, limit: float):
    """(samples (H, W, bands), mode, notes, ICC bytes, orientation) of a still PNG of 16-bit colour or grey+alpha
    samples, or None (`_deep_picture`). PNG 1.2, section 4.1.1: IHDR is the first chunk (width, height, bit depth,
    colour type); an animated PNG (acTL before the first IDAT) is left to Pillow, which says it is animated."""
    if len(data) < 33 or data[12:16] != b"IHDR" or data[24] != 16 or data[25] not in DEEP_PNG_TYPES:
        return None
    if b"acTL" in data[:max(data.find(b"IDAT"), 0)]:
        return None
    width, height = struct.unpack(">II", data[16:24])
    _check_pixels(width, height, allowed, limit)
    import cv2

    array = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
    if array is None or array.dtype != np.uint16 or array.ndim != 3 or array.shape[-1] not in (3, 4):
        return None
    array = array[..., [2, 1, 0, 3][:array.shape[-1]]]  # OpenCV's BGR(A) order; grey+alpha comes as BGRA too
    try:
        with Image.open(io.BytesIO(data)) as header:  # OpenCV reads neither the ICC profile nor the eXIf chunk
            icc, orientation = header.info.get("icc_profile"), header.getexif().get(0x0112)
    except (OSError, ValueError, SyntaxError):
        icc, orientation = None, None
    return array, "RGBA" if array.shape[-1] == 4 else "RGB", [], icc, orientation


def _icc_to_srgb(image: Image.Image, icc: bytes | None, notes: list[str]) -> Image.Image:
    """Convert pixels described by an embedded ICC profile to sRGB (perceptual intent); RGB(A) out.

    Profiles whose colour space does not match the pixels (a stale profile on a converted file)
    are ignored. Source: ICC.1:2010 through LittleCMS (`PIL.ImageCms.profileToProfile`).
    """
    from PIL import ImageCms

    if not icc:
        return image
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
    except (OSError, ImageCms.PyCMSError):
        return image
    space = profile.profile.xcolor_space.strip()
    expected = {"CMYK": "CMYK", "L": "GRAY", "RGB": "RGB", "RGBA": "RGB"}.get(image.mode)
    if expected != space:
        return image
    description = (profile.profile.profile_description or "").lower()
    if image.mode in ("RGB", "RGBA") and "srgb" in description:
        return image  # already sRGB: nothing to convert
    alpha = image.getchannel("A") if image.mode == "RGBA" else None
    source = image.convert("RGB") if image.mode == "RGBA" else image
    try:
        converted = ImageCms.profileToProfile(source, profile, ImageCms.createProfile("sRGB"), outputMode="RGB",
                                              renderingIntent=ImageCms.Intent.PERCEPTUAL)
    except ImageCms.PyCMSError:
        return image
    notes.append("uploads.note_icc")
    if alpha is not None:
        converted.putalpha(alpha)
    return converted


def _normalise_mode(image: Image.Image, notes: list[str], keep_alpha: bool = False) -> Image.Image:
    """Any decoded mode to RGB (transparency on white), or to RGBA when `keep_alpha` (hint layers)."""
    mode = image.mode
    icc = image.info.get("icc_profile")
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        notes.append(_depth_note(4 if mode in ("I", "F") else 2))
        image = _to_8bit(image, notes)
        icc = None  # the profile described the 16-bit samples; grey stays grey
    if mode == "CMYK":
        notes.append("uploads.note_cmyk")
    if image.mode in ("P", "PA"):
        image = image.convert("RGBA" if ("transparency" in image.info or image.mode == "PA") else "RGB")
    if image.mode in ("LA", "La", "RGBa", "PA"):
        image = image.convert("RGBA")
    if image.mode in ("L", "RGB") and "transparency" in image.info:
        # one colour marked see-through (a PNG's tRNS chunk, as optimisers write a drawing with no half-transparent
        # pixel): that colour, often black, was kept as paint, and a line drawing came out black on black
        image = image.convert("RGBA")
    if image.mode == "1":
        image = image.convert("L")
    image = _icc_to_srgb(image, icc, notes)
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGB")  # L, CMYK without a profile, YCbCr, LAB...
    if image.mode == "RGBA":
        if keep_alpha:
            return image
        if image.getchannel("A").getextrema()[0] < 255:
            notes.append("uploads.note_alpha")
        background = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, image).convert("RGB")
    return image


def _white_is_zero(image: Image.Image, data_image: Image.Image) -> Image.Image:
    """A 16-bit TIFF whose samples count from white (PhotometricInterpretation 0, MinIsWhite) as one counting from
    black: Pillow reads 8-bit and 1-bit files so itself, and 16-bit ones as if 0 were black (a negative).
    `data_image`: the file as opened (its tags), `image`: its pixels, upright."""
    if image.mode not in ("I;16", "I;16B", "I;16L", "I;16N") or data_image.tag_v2.get(262) != 0:
        return image
    return Image.fromarray((65535 - np.asarray(image).astype(np.int32)).astype(np.uint16))


def _megapixels_text(megapixels: float, limit: float) -> str:
    """Megapixels as a whole number, or with a decimal when rounding would hide the excess (« 50,4 », not « 50 »
    over a limit of 50)."""
    if round(megapixels) > limit:
        return f"{megapixels:.0f}"
    digits = 1 if round(megapixels, 1) > limit else 2
    return decimal_text(megapixels, digits, settings().language)


def _header_size(data: bytes) -> tuple[Image.Image, int, int]:
    """Open (header only) and return the image with its size; a bomb is refused with its true size."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # our own limit is checked next
            image = Image.open(io.BytesIO(data))
            width, height = image.size
    except Image.DecompressionBombError as exc:
        found = re.search(r"\((\d+) pixels\)", str(exc))
        mp = f"{int(found.group(1)) / 1e6:.0f}" if found else "> 179"
        raise UserError("uploads.too_many_pixels", mp=mp, limit=f"{settings().upload_max_megapixels:g}") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise UserError("uploads.corrupt") from None
    return image, width, height


def sanitize_image(data: bytes, *, max_bytes: int | None = None, max_megapixels: float | None = None,
                   downscale: bool = False, keep_alpha: bool = False,
                   fit_megapixels: float | None = None) -> CleanImage:
    """Check and decode a picture's bytes; raise UserError (one clear sentence) when it is refused.

    Limits: `max_bytes` (default the settings' upload_max_mb) and `max_megapixels` (default
    upload_max_megapixels, 50). `downscale=True` accepts pictures up to 4x the pixel limit and
    shrinks them to about the limit (JPEG decoded at the nearest 1/2, 1/4, 1/8 scale that stays
    over it, then Lanczos), for patrons who choose to continue with a smaller scan.
    `keep_alpha=True` returns RGBA (transparency kept) for layers such as colour hints.
    `fit_megapixels`: the size a workshop works at (a portrait is painted 768 px high): a larger picture is
    accepted by the limits above and brought down to about this many megapixels the same way, with no note (a
    36 MP phone photo decoded at 1/2 or 1/4 scale reads in a fraction of the time, and what follows is smaller).
    The result is a new image with pixels only (`info` empty: no EXIF, XMP, ICC, comment, text).
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
    if kind not in ALLOWED:
        raise UserError("uploads.not_image")
    if kind == "HEIF":
        try:
            import pillow_heif
        except ImportError:  # the HEIC decoder is an optional package (requirements.txt)
            raise UserError("uploads.heic_unsupported") from None
        pillow_heif.register_heif_opener()
    if kind == "AVIF":
        from PIL import features

        if not features.check("avif"):  # a Pillow built without its AV1 decoder
            raise UserError("uploads.avif_unsupported")
    # 2. Dimensions from the header, before any pixel is decoded (decompression bombs).
    # 16-bit colour, grey+alpha and float samples read at their full range (Pillow keeps their high byte)
    allowed = max_megapixels * (4 if downscale else 1)
    deep = _deep_picture(data, kind, allowed, max_megapixels)
    image, width, height = (deep, *deep.size) if deep is not None else _header_size(data)
    _check_pixels(width, height, allowed, max_megapixels)
    megapixels = width * height / 1e6
    if width > MAX_SIDE or height > MAX_SIDE:
        raise UserError("uploads.too_long_side", width=width, height=height, limit=MAX_SIDE)
    notes: list[str] = list(image.info.pop("atelier_notes", []))
    if megapixels > max_megapixels:
        notes.append("uploads.note_downscaled")
    kept = min(max_megapixels, fit_megapixels or max_megapixels)
    # 3. Decode (first frame), orientation, modes, size.
    image = _decoded(image, kind, notes, kept)
    if kind == "BMP":
        image = _bmp_alpha(data, image)
    image = _normalise_mode(image, notes, keep_alpha=keep_alpha)
    if image.width * image.height > kept * 1e6:
        scale = (kept * 1e6 / (image.width * image.height)) ** 0.5
        image = image.resize((max(1, int(image.width * scale)), max(1, int(image.height * scale))),
                             Image.Resampling.LANCZOS)
    # 4. A fresh image made of pixels only: no EXIF, GPS, ICC, XMP, comments or text chunks survive.
    clean = Image.frombytes(image.mode, image.size, image.tobytes())
    return CleanImage(image=clean, source_format=kind, original_size=(width, height), notes=notes)


def _decoded(image: Image.Image, kind: str, notes: list[str], kept: float) -> Image.Image:
    """The picture Pillow opened (`kind`: its sniffed format), decoded: its first frame, at the nearest JPEG scale
    over `kept` megapixels, upright (EXIF orientation), a 16-bit TIFF written white-is-zero counted from black."""
    width, height = image.size
    megapixels = width * height / 1e6
    try:
        if getattr(image, "n_frames", 1) > 1:
            if kind == "TIFF":  # a scanner's pages, not an animation
                notes.append("uploads.note_first_page")
            elif image.format not in STILL_FORMATS:
                notes.append("uploads.note_animated")
            image.seek(0)
        if megapixels > kept:
            if kind == "JPEG":  # decode directly at the smallest DCT scale that stays over the limit
                scale = (kept / megapixels) ** 0.5
                image.draft(image.mode if image.mode in ("RGB", "L", "CMYK") else "RGB",
                            (int(width * scale) + 1, int(height * scale) + 1))
        exif_orientation = image.getexif().get(0x0112, 1)
        image.load()
        oriented = ImageOps.exif_transpose(image)
        if exif_orientation in TURNING_ORIENTATIONS and oriented is not image:  # 0 or 9 (some apps) turn nothing
            notes.append("uploads.note_rotated")
        if oriented is not image:
            oriented.info.setdefault("icc_profile", image.info.get("icc_profile"))
        return _white_is_zero(oriented, data_image=image) if kind == "TIFF" else oriented
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, EOFError):
        raise UserError("uploads.corrupt") from None


def _bmp_alpha(data: bytes, image: Image.Image) -> Image.Image:
    """A 32-bit BMP with no colour masks (compression BI_RGB) with its transparency, which such files keep in each
    pixel's fourth byte (Paint.NET and Pillow write drawings so; the format calls the byte reserved and Pillow
    drops it: a drawing's see-through paper came out black). Used as alpha, as browsers do, unless every pixel has
    0 there (reserved, left empty) or 255 (opaque); `image` unchanged otherwise."""
    if image.mode != "RGB" or len(data) < 54 or struct.unpack_from("<H", data, 28)[0] != 32 \
            or struct.unpack_from("<I", data, 30)[0] != 0:
        return image
    offset = struct.unpack_from("<I", data, 10)[0]
    width, height = struct.unpack_from("<ii", data, 18)
    if (width, abs(height)) != image.size or offset + width * 4 * abs(height) > len(data):
        return image
    alpha = np.frombuffer(data, np.uint8, width * 4 * abs(height), offset).reshape(abs(height), width, 4)[..., 3]
    alpha = alpha[::-1] if height > 0 else alpha  # rows are stored from the bottom unless the height is negative
    if alpha.max() == 0 or alpha.min() == 255:
        return image
    image = image.convert("RGBA")
    image.putalpha(Image.fromarray(np.ascontiguousarray(alpha), "L"))
    return image


def open_picture(source, *, keep_alpha: bool = False, downscale: bool = True,
                 max_megapixels: float | None = None) -> Image.Image:
    """Any picture the engine is handed (path, bytes or PIL image) as a clean RGB (or RGBA) image.

    Paths and bytes go through `sanitize_image` (pixel limits, orientation, 16-bit, ICC, alpha, no
    metadata); `downscale` is on by default because engine paths (command line, specs, builders)
    have no one to ask. A PIL image already in memory (made by the studio) is only normalised.
    The upload's byte limit (upload_max_mb) is not applied: it is checked once, where a person hands
    a file in; the studio's own files (a 24 MP scan saved as PNG weighs 40 MB) are bounded by their
    pixels, which is what decoding costs. See `read_studio_file`.
    Raises UserError for refused files, FileNotFoundError when a path does not exist.
    """
    if isinstance(source, Image.Image):
        notes: list[str] = []
        image = _normalise_mode(source, notes, keep_alpha=keep_alpha)
        return Image.frombytes(image.mode, image.size, image.tobytes())
    data = source if isinstance(source, (bytes, bytearray)) else Path(source).read_bytes()
    return read_studio_file(bytes(data), downscale=downscale, max_megapixels=max_megapixels,
                            keep_alpha=keep_alpha).image


def read_studio_file(data: bytes, *, downscale: bool = True, max_megapixels: float | None = None,
                     keep_alpha: bool = False, fit_megapixels: float | None = None) -> CleanImage:
    """`sanitize_image` for a file the studio reads again (its own working copy, a result, a layer).

    Same checks and decoding, except the upload's byte limit: the bytes are already read, and a
    lossless working copy of an accepted upload can weigh more than the upload did (JPEG 9.6 MB ->
    PNG 40 MB). Memory stays bounded by the pixel limit (`max_megapixels`, 4x with `downscale`).
    """
    return sanitize_image(data, max_bytes=max(len(data), 1), downscale=downscale,
                          max_megapixels=max_megapixels, keep_alpha=keep_alpha, fit_megapixels=fit_megapixels)


def picture_size(source) -> tuple[int, int]:
    """(width, height) of a picture file as it will be shown (EXIF orientation applied), header only."""
    with Image.open(source) as image:
        width, height = image.size
        # Pillow gives a TIFF's size already turned by its orientation (and turns its pixels when it loads them)
        if image.format != "TIFF" and image.getexif().get(0x0112, 1) in (5, 6, 7, 8):
            return height, width
    return width, height
