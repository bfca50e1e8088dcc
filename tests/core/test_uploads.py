"""Upload robustness: crafted files are each refused with their message or normalised; none raises anything else."""
from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from pipelines.i18n import UserError
from pipelines.safety.uploads import sanitize_image


def _save(image: Image.Image, fmt: str, **kwargs) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **kwargs)
    return buffer.getvalue()


def _photo(size=(64, 48)) -> Image.Image:
    x = np.linspace(0, 255, size[0], dtype=np.uint8)
    y = np.linspace(0, 255, size[1], dtype=np.uint8)
    rgb = np.stack([np.tile(x, (size[1], 1)), np.tile(y[:, None], (1, size[0])),
                    np.full((size[1], size[0]), 90, np.uint8)], -1)
    return Image.fromarray(rgb, "RGB")


def _png_with_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims a huge size: a decompression bomb must be refused before decoding."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + chunk(b"IEND", b""))


def _bomb_png(width: int, height: int) -> bytes:
    """A real, highly compressed PNG of a flat colour (a few hundred kB for 100 megapixels)."""
    raw = zlib.compressobj(9)
    row = b"\x00" + b"\x00" * (width * 1)
    data = b"".join(raw.compress(row) for _ in range(height)) + raw.flush()

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return (struct.pack(">I", len(payload)) + kind + payload
                + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def _exif_rotated_with_gps() -> bytes:
    image = _photo((80, 40))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    gps = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 3.0)}
    exif[0x8825] = gps
    exif[0x010F] = "PhoneMaker"
    return _save(image, "JPEG", exif=exif.tobytes())


def _animated(fmt: str) -> bytes:
    frames = [Image.new("RGB", (32, 32), c) for c in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    return _save(frames[0], fmt, save_all=True, append_images=frames[1:], duration=100, loop=0)


def _heic() -> bytes:
    import pillow_heif

    pillow_heif.register_heif_opener()
    return _save(_photo(), "HEIF")


def _sixteen_bit() -> bytes:
    array = (np.linspace(0, 65535, 64 * 32).reshape(32, 64)).astype(np.uint16)
    image = Image.fromarray(array)
    assert image.mode.startswith("I;16")
    return _save(image, "PNG")


def _float_tiff() -> bytes:
    return _save(Image.fromarray(np.linspace(-1, 3, 32 * 32, dtype=np.float32).reshape(32, 32)), "TIFF")


JPEG = _save(_photo(), "JPEG")
PNG = _save(_photo(), "PNG")

# name -> (bytes, expected locale key of the refusal, or None when the file is normalised)
CASES = {
    "zero bytes": (lambda: b"", "uploads.empty"),
    "truncated jpeg": (lambda: JPEG[: len(JPEG) // 3], "uploads.corrupt"),
    "truncated png": (lambda: PNG[: len(PNG) // 2], "uploads.corrupt"),
    "jpeg header then garbage": (lambda: b"\xff\xd8\xff\xe0" + b"\x13" * 500, "uploads.corrupt"),
    "text renamed .jpg": (lambda: "Ceci n'est pas une image.\n".encode() * 20, "uploads.not_image"),
    "pdf renamed .jpg": (lambda: b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "uploads.pdf"),
    "random bytes": (lambda: np.random.default_rng(0).integers(0, 256, 4096, dtype=np.uint8).tobytes(),
                     "uploads.not_image"),
    "bmp from a windows scanner": (lambda: _save(_photo(), "BMP"), None),
    "32-bit bmp with alpha": (lambda: _save(_photo().convert("RGBA"), "BMP"), None),
    "animated gif": (lambda: _animated("GIF"), None),
    "100-megapixel png bomb": (lambda: _bomb_png(10000, 10000), "uploads.too_many_pixels"),
    "header claims 40000x40000": (lambda: _png_with_header_only(40000, 40000), "uploads.too_many_pixels"),
    "over the byte limit": (lambda: JPEG + b"\x00" * (101 * 1024 * 1024), "uploads.too_big"),
    "tiff renamed .jpg": (lambda: _save(_photo(), "TIFF"), None),
    "cmyk jpeg": (lambda: _save(_photo().convert("CMYK"), "JPEG"), None),
    "16-bit png": (_sixteen_bit, None),
    "float tiff": (_float_tiff, None),
    "palette png": (lambda: _save(_photo().convert("P"), "PNG"), None),
    "palette png with transparency": (lambda: _save(_photo().convert("P"), "PNG", transparency=0), None),
    "rgba png": (lambda: _save(_photo().convert("RGBA"), "PNG"), None),
    "grey + alpha png": (lambda: _save(_photo().convert("LA"), "PNG"), None),
    "1-bit png": (lambda: _save(_photo().convert("1"), "PNG"), None),
    "greyscale jpeg": (lambda: _save(_photo().convert("L"), "JPEG"), None),
    "animated webp": (lambda: _animated("WEBP"), None),
    "animated png": (lambda: _animated("PNG"), None),
    "lossless webp": (lambda: _save(_photo(), "WEBP", lossless=True), None),
    "heic": (_heic, None),
    "avif from a recent phone": (lambda: _save(_photo(), "AVIF"), None),  # was refused as « not a picture »
    "exif-rotated jpeg with gps": (_exif_rotated_with_gps, None),
    "one pixel": (lambda: _save(Image.new("RGB", (1, 1), "white"), "PNG"), None),
}


def test_there_are_at_least_25_crafted_files():
    assert len(CASES) >= 25


@pytest.mark.parametrize("name", list(CASES))
def test_crafted_upload(name, atelier_env):
    make, refusal = CASES[name]
    data = make()
    if refusal:
        with pytest.raises(UserError) as info:
            sanitize_image(data)
        assert info.value.key == refusal
        assert info.value.message("fr") and not info.value.message("fr").startswith("[")
        assert info.value.message("en") and not info.value.message("en").startswith("[")
    else:
        clean = sanitize_image(data)
        assert clean.image.mode == "RGB" and clean.image.width >= 1
        assert not clean.image.info and not clean.image.getexif()
        reopened = Image.open(io.BytesIO(clean.png_bytes()))
        assert not reopened.getexif() and "exif" not in reopened.info and "icc_profile" not in reopened.info


def test_exif_orientation_applied_and_gps_dropped(atelier_env):
    clean = sanitize_image(_exif_rotated_with_gps())
    assert clean.image.size == (40, 80)  # turned upright
    assert "uploads.note_rotated" in clean.notes
    assert b"PhoneMaker" not in clean.png_bytes()


@pytest.mark.parametrize("orientation", [0, 1, 9])
def test_an_orientation_that_turns_nothing_is_not_said_to(atelier_env, orientation):
    """Some apps write orientation 0 (or a value past 8): the photo is shown as it is, and no note says it was
    turned upright (« Image redressée selon l'appareil photo » under a photo nothing turned)."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    clean = sanitize_image(_save(_photo((80, 40)), "JPEG", exif=exif.tobytes()))
    assert clean.image.size == (80, 40) and "uploads.note_rotated" not in clean.notes


def test_sixteen_bit_keeps_its_range(atelier_env):
    clean = sanitize_image(_sixteen_bit())
    grey = np.asarray(clean.image)[..., 0]
    assert grey.min() == 0 and grey.max() == 255 and "uploads.note_16bit" in clean.notes


def test_transparency_becomes_white(atelier_env):
    image = Image.new("RGBA", (8, 8), (0, 0, 0, 0))
    clean = sanitize_image(_save(image, "PNG"))
    assert np.asarray(clean.image).min() == 255 and "uploads.note_alpha" in clean.notes


def test_downscale_by_choice(atelier_env):
    data = _save(Image.new("RGB", (3000, 2000), (120, 100, 80)), "JPEG")
    with pytest.raises(UserError) as info:
        sanitize_image(data, max_megapixels=4)
    assert info.value.key == "uploads.too_many_pixels" and "4" in info.value.message("fr")
    clean = sanitize_image(data, max_megapixels=4, downscale=True)
    assert clean.image.width * clean.image.height <= 4e6 and "uploads.note_downscaled" in clean.notes
    assert clean.original_size == (3000, 2000)


def _grey_scan_tiff(**options) -> tuple[np.ndarray, bytes]:
    """A 16-bit greyscale scan as a TIFF (written with tifffile, as scanning tools write it): the picture as it is
    meant to be seen (8 bits) and the file."""
    import tifffile

    seen = np.tile(np.linspace(0, 255, 64).astype(np.uint8), (32, 1))
    stored = seen.astype(np.uint16) * 257
    if options.get("photometric") == "miniswhite":
        stored = 65535 - stored
    pages = np.stack([stored, stored[:, ::-1]]) if options.pop("pages", 1) == 2 else stored
    buffer = io.BytesIO()
    tifffile.imwrite(buffer, pages, **options)
    return seen, buffer.getvalue()


def test_a_sixteen_bit_scan_written_white_is_zero_is_no_negative(atelier_env):
    """PhotometricInterpretation 0 (MinIsWhite): sample 0 is white. Pillow reads 8-bit files so, and 16-bit ones as if
    0 were black: the scan came out as its negative."""
    seen, data = _grey_scan_tiff(photometric="miniswhite")
    grey = np.asarray(sanitize_image(data).image)[..., 0].astype(int)
    assert np.abs(grey - seen).max() <= 1


def test_a_scan_of_several_pages_keeps_the_first_and_says_so_without_calling_it_animated(atelier_env):
    seen, data = _grey_scan_tiff(pages=2, photometric="minisblack")
    clean = sanitize_image(data)
    assert np.abs(np.asarray(clean.image)[..., 0].astype(int) - seen).max() <= 1  # the first page
    assert "uploads.note_first_page" in clean.notes and "uploads.note_animated" not in clean.notes


def _colour_scan_tiff(alpha: bool = False, **options) -> tuple[np.ndarray, bytes]:
    """A 16-bit colour scan as a TIFF (tifffile): the picture as meant to be seen (8-bit RGB) and the file."""
    import tifffile

    seen = np.stack([*np.meshgrid(np.linspace(0, 255, 64), np.linspace(0, 255, 32)), np.full((32, 64), 90.0)], -1)
    seen = seen.astype(np.uint8)
    stored = seen.astype(np.uint16) * 257
    if alpha:
        stored = np.dstack([stored, np.full((32, 64), 65535, np.uint16)])
    if options.get("planarconfig") == "separate":
        stored = np.moveaxis(stored, -1, 0)
    buffer = io.BytesIO()
    tifffile.imwrite(buffer, stored, photometric="rgb", extrasamples=["unassalpha"] if alpha else None, **options)
    return seen, buffer.getvalue()


@pytest.mark.parametrize("alpha", [False, True])
def test_a_sixteen_bit_colour_scan_stored_plane_by_plane_is_read_as_it_is(atelier_env, alpha):
    """Photoshop's « per channel » TIFF order (all the reds, then the greens, then the blues): Pillow read the 16-bit
    planes' bytes as 8-bit samples, a striped ghost of the scan."""
    seen, data = _colour_scan_tiff(alpha=alpha, planarconfig="separate")
    rgb = np.asarray(sanitize_image(data).image).astype(int)
    assert np.abs(rgb - seen).max() <= 1


def test_a_sixteen_bit_grey_scan_with_transparency_is_read(atelier_env):
    """Grey and alpha in 16 bits: Pillow cannot open it, and the page said the file was damaged."""
    import tifffile

    seen, _ = _grey_scan_tiff()
    buffer = io.BytesIO()
    tifffile.imwrite(buffer, np.dstack([seen.astype(np.uint16) * 257, np.full(seen.shape, 65535, np.uint16)]),
                     photometric="minisblack", extrasamples=["unassalpha"])
    clean = sanitize_image(buffer.getvalue())
    assert np.abs(np.asarray(clean.image)[..., 0].astype(int) - seen).max() <= 1 and clean.image.mode == "RGB"


def test_an_animated_gif_gives_its_first_frame(atelier_env):
    clean = sanitize_image(_animated("GIF"))
    assert clean.source_format == "GIF" and "uploads.note_animated" in clean.notes
    red, green, blue = clean.image.getpixel((16, 16))
    assert red > 200 and green < 50 and blue < 50  # the first frame (red), not the last (blue)


def test_a_picture_just_over_the_pixel_limit_is_told_by_how_much(atelier_env):
    data = _save(Image.new("RGB", (2010, 2000), (120, 100, 80)), "JPEG")  # 4.02 MP against a limit of 4
    with pytest.raises(UserError) as info:
        sanitize_image(data, max_megapixels=4)
    message = info.value.message("fr")
    assert "4,02 mégapixels" in message and "limite est de 4 mégapixels" in message
    assert sanitize_image(data, max_megapixels=4, downscale=True).image.width * 2000 <= 4.02e6


def _tiff(array: np.ndarray, **options) -> bytes:
    import tifffile

    buffer = io.BytesIO()
    tifffile.imwrite(buffer, array, compression="zlib", **options)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["12-bit counts in 16-bit RGB", "16-bit RGB", "32-bit float RGB", "16-bit RGBA"])
def test_colour_tiffs_keep_their_whole_ramp(atelier_env, kind):
    """Pillow keeps the high byte of 16-bit colour (a 12-bit scanner's ramp came out 0..15, black) and does not
    open float colour (it was called damaged): the ramp reaches white in every kind."""
    ramp = np.tile(np.linspace(0.0, 1.0, 256), (16, 1))
    top = {"12-bit counts in 16-bit RGB": 4095, "16-bit RGB": 65535, "16-bit RGBA": 65535}.get(kind)
    bands = [ramp, ramp / 2, ramp] + ([np.ones_like(ramp)] if kind == "16-bit RGBA" else [])
    stack = np.stack(bands, -1)
    array = stack.astype(np.float32) if top is None else np.round(stack * top).astype(np.uint16)
    clean = sanitize_image(_tiff(array))
    red = np.asarray(clean.image)[8, :, 0].astype(int)
    assert clean.image.mode == "RGB" and red[0] <= 1 and red[-1] >= 254 and abs(red[128] - 128) <= 2
    assert ("uploads.note_deep" if kind == "32-bit float RGB" else "uploads.note_16bit") in clean.notes  # as it was


def test_a_colour_tiff_read_at_full_depth_keeps_its_orientation(atelier_env):
    array = np.zeros((20, 40, 3), np.uint16)
    array[:, :20] = 4095  # left half white as stored; orientation 6 turns it to the top
    clean = sanitize_image(_tiff(array, extratags=[(274, 3, 1, 6, True)]))
    assert clean.image.size == (20, 40) and "uploads.note_rotated" in clean.notes
    grey = np.asarray(clean.image)[..., 0]
    assert grey[:20].min() >= 250 and grey[20:].max() <= 5


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "TIFF"])
@pytest.mark.parametrize("orientation", [2, 3, 4, 5, 6, 7, 8])
def test_every_orientation_of_every_format_is_shown_upright_and_sized_as_shown(atelier_env, fmt, orientation):
    from pipelines.safety.uploads import picture_size

    upright = Image.new("RGB", (60, 100), "white")
    upright.paste((255, 0, 0), (0, 0, 20, 20))  # a red corner top left, a blue band at the foot
    upright.paste((0, 0, 255), (0, 80, 60, 100))
    stored = {2: [Image.Transpose.FLIP_LEFT_RIGHT], 3: [Image.Transpose.ROTATE_180],
              4: [Image.Transpose.FLIP_TOP_BOTTOM], 5: [Image.Transpose.TRANSPOSE], 6: [Image.Transpose.ROTATE_90],
              7: [Image.Transpose.TRANSVERSE], 8: [Image.Transpose.ROTATE_270]}[orientation]
    picture = upright
    for step in stored:
        picture = picture.transpose(step)
    exif = Image.Exif()
    exif[0x0112] = orientation
    buffer = io.BytesIO()
    picture.save(buffer, format=fmt, exif=exif, **({"quality": 95} if fmt == "JPEG" else {}))
    data = buffer.getvalue()
    clean = sanitize_image(data)
    assert clean.image.size == (60, 100) == picture_size(io.BytesIO(data))
    shown = np.asarray(clean.image).astype(int)
    assert shown[5, 5, 0] > 200 and shown[5, 5, 2] < 60 and shown[95, 30, 2] > 200 and shown[5, 50].min() > 200


def _png16(array: np.ndarray, colour_type: int, chunks: tuple[tuple[bytes, bytes], ...] = ()) -> bytes:
    """A 16-bit PNG written chunk by chunk (PNG 1.2: IHDR, IDAT of filter-0 rows, IEND), as scanners and raw
    converters write them: Pillow writes no 16-bit colour."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    height, width = array.shape[:2]
    rows = b"".join(b"\x00" + array[row].astype(">u2").tobytes() for row in range(height))
    header = struct.pack(">IIBBBBB", width, height, 16, colour_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + b"".join(chunk(k, b) for k, b in chunks)
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


@pytest.mark.parametrize("kind", ["12-bit RGB", "16-bit RGB", "12-bit RGBA", "12-bit grey and alpha"])
def test_sixteen_bit_pngs_keep_their_whole_ramp(atelier_env, kind):
    """Pillow keeps the high byte of a 16-bit colour or grey+alpha PNG: a raw converter's 12-bit values (0..4095)
    came out 0..15, a black picture."""
    ramp = np.tile(np.linspace(0.0, 1.0, 256), (16, 1))
    top = 4095 if kind.startswith("12") else 65535
    grey = kind.endswith("grey and alpha")
    bands = [ramp] + ([] if grey else [ramp / 2, ramp]) + ([np.ones_like(ramp)] if "alpha" in kind or "A" in kind
                                                           else [])
    array = np.round(np.stack(bands, -1) * top).astype(np.uint16)
    if "alpha" in kind or "A" in kind:
        array[..., -1] = 65535  # transparency is counted on the type's full range
    clean = sanitize_image(_png16(array, {1: 0, 2: 4, 3: 2, 4: 6}[array.shape[-1]]))
    red = np.asarray(clean.image)[8, :, 0].astype(int)
    assert clean.image.mode == "RGB" and red[0] <= 1 and red[-1] >= 254 and abs(red[128] - 128) <= 2
    assert "uploads.note_16bit" in clean.notes and "uploads.note_alpha" not in clean.notes


def test_a_sixteen_bit_png_keeps_its_orientation_and_transparency(atelier_env):
    array = np.zeros((20, 40, 4), np.uint16)
    array[:, :20, :3] = 4095  # left half white as stored; orientation 6 turns it to the top
    array[..., 3] = 65535
    array[0, 0, 3] = 0  # one see-through corner: white paper
    exif = b"MM\x00*\x00\x00\x00\x08\x00\x01" + struct.pack(">HHII", 0x0112, 3, 1, 6 << 16) + b"\x00" * 4
    clean = sanitize_image(_png16(array, 6, chunks=((b"eXIf", exif),)))
    assert clean.image.size == (20, 40) and "uploads.note_rotated" in clean.notes
    assert "uploads.note_alpha" in clean.notes
    grey = np.asarray(clean.image)[..., 0]
    assert grey[:20].min() >= 250 and grey[21:].max() <= 5


@pytest.mark.parametrize("compression", ["lzw", "packbits", "zlib"])
def test_a_compressed_sixteen_bit_colour_tiff_keeps_its_whole_ramp(atelier_env, compression):
    """LZW is what most scanning tools write; tifffile decodes it with imagecodecs (requirements.txt). Without it the
    file went to Pillow, which kept the high byte of 12-bit counts: black."""
    import tifffile

    ramp = np.tile(np.linspace(0.0, 1.0, 256), (16, 1))
    buffer = io.BytesIO()
    tifffile.imwrite(buffer, np.round(np.stack([ramp, ramp, ramp], -1) * 4095).astype(np.uint16),
                     photometric="rgb", compression=compression)
    red = np.asarray(sanitize_image(buffer.getvalue()).image)[8, :, 0].astype(int)
    assert red[0] <= 1 and red[-1] >= 254 and abs(red[128] - 128) <= 2


def test_a_sixteen_bit_cmyk_tiff_is_read_as_ink(atelier_env):
    """A print shop's 16-bit CMYK TIFF: no ink is white paper, full black ink is black (ink is scaled on its type's
    full range, never stretched to a white point)."""
    import tifffile

    ink = np.zeros((8, 16, 4), np.uint16)
    ink[:, 8:, 3] = 65535  # the right half in full black ink
    ink[:4, :8, 0] = 32768  # a half-cyan corner
    buffer = io.BytesIO()
    tifffile.imwrite(buffer, ink, photometric="separated")
    rgb = np.asarray(sanitize_image(buffer.getvalue()).image).astype(int)
    assert rgb[6, 2].min() >= 250 and rgb[2, 12].max() <= 5
    assert rgb[2, 2, 0] < 160 and rgb[2, 2, 1] >= 250 and rgb[2, 2, 2] >= 250


def test_a_sixteen_bit_colour_tiff_of_several_pages_says_it_kept_the_first(atelier_env):
    _, first = _colour_scan_tiff()
    import tifffile

    with tifffile.TiffFile(io.BytesIO(first)) as tif:
        page = tif.pages.first.asarray()
    buffer = io.BytesIO()
    tifffile.imwrite(buffer, np.stack([page, page[:, ::-1]]), photometric="rgb")
    clean = sanitize_image(buffer.getvalue())
    assert "uploads.note_first_page" in clean.notes and "uploads.note_animated" not in clean.notes
    assert np.abs(np.asarray(clean.image).astype(int) - _colour_scan_tiff()[0]).max() <= 1


def test_a_deep_tiff_over_the_pixel_limit_is_told_the_limit_itself(atelier_env):
    """Read with tifffile, over 4x the limit even with downscaling: the sentence gives the limit (4), not 4x it."""
    clean = _tiff(np.zeros((1000, 2000, 3), np.uint16))  # 2 MP
    with pytest.raises(UserError) as info:
        sanitize_image(clean, max_megapixels=0.4, downscale=True)
    assert "(2 mégapixels) : la limite est de 0,4 mégapixels" in info.value.message("fr")


@pytest.mark.parametrize("dtype", ["float16", "float64", "uint32", "int16"])
def test_grey_tiffs_of_every_sample_type_keep_their_ramp(atelier_env, dtype):
    """Half and double floats were called damaged (« abîmée »), 32-bit and signed integers read as signed and
    clipped (the ramp came out black from its middle on): read at their full range like 16-bit grey, and told the
    depth they had (a 64-bit scan was said to be « Image 16 bits »)."""
    ramp = np.tile(np.linspace(0.0, 1.0, 256), (16, 1))
    if dtype.startswith("float"):
        array = ramp.astype(dtype)
    elif dtype == "uint32":
        array = np.round(ramp * 4_000_000_000).astype(np.uint32)
    else:
        array = np.round(ramp * 65535 - 32768).astype(np.int16)
    clean = sanitize_image(_tiff(array))
    grey = np.asarray(clean.image)[8, :, 0].astype(int)
    assert grey[0] <= 1 and grey[-1] >= 254 and abs(grey[128] - 128) <= 2 and np.all(np.diff(grey) >= 0)
    assert ("uploads.note_16bit" if dtype in ("float16", "int16") else "uploads.note_deep") in clean.notes


def test_a_premultiplied_sixteen_bit_drawing_keeps_its_colour_at_half_transparency(atelier_env):
    """A TIFF whose colour is premultiplied by its alpha (ExtraSamples 1, associated alpha) was laid on white as if
    it were not: a half-transparent red printed a darker pink (191, 127, 127) instead of (255, 127, 127)."""
    import tifffile

    array = np.zeros((16, 32, 4), np.uint16)
    array[:, 16:] = (32768, 0, 0, 32768)  # red at half transparency, premultiplied; the left half fully clear
    buffer = io.BytesIO()
    tifffile.imwrite(buffer, array, photometric="rgb", extrasamples=[1])
    rgb = np.asarray(sanitize_image(buffer.getvalue()).image).astype(int)
    assert np.abs(rgb[8, 24] - (255, 127, 127)).max() <= 2 and rgb[8, 4].min() >= 254


def test_a_thirty_two_bit_bmp_drawing_keeps_its_see_through_paper(atelier_env):
    """A 32-bit BMP of the plain kind (no colour masks) keeps transparency in each pixel's fourth byte (Paint.NET
    and Pillow write drawings so): Pillow dropped it and the paper came out black. A scan whose fourth bytes are all
    0 (the format's reserved byte) stays opaque."""
    drawing = np.zeros((20, 30, 4), np.uint8)
    drawing[5:15, 10:20] = (0, 0, 0, 255)  # an opaque black square on see-through paper
    data = _save(Image.fromarray(drawing, "RGBA"), "BMP")
    assert struct.unpack_from("<I", data, 30)[0] == 0  # BI_RGB: no alpha mask says where the alpha is
    clean = sanitize_image(data)
    rgb = np.asarray(clean.image).astype(int)
    assert rgb[2, 2].min() >= 254 and rgb[10, 15].max() <= 1 and "uploads.note_alpha" in clean.notes
    scan = np.zeros((20, 30, 4), np.uint8)
    scan[..., :3] = 90  # grey photo, reserved byte 0 everywhere
    opaque = np.asarray(sanitize_image(_save(Image.fromarray(scan, "RGBA"), "BMP")).image).astype(int)
    assert np.abs(opaque - 90).max() <= 1
