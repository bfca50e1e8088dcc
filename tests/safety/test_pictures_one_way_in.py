"""Pictures, one way in: every path that opens a picture (command line, comic and story builders, EPUB,
photo sheet, colour hints, print engine) gives the same oriented, 8-bit sRGB, metadata-free pixels.

Built from the handed inputs (tests/fixtures/inputs/) and from pictures of the same kinds made here.
"""
from __future__ import annotations

import io
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from pipelines.i18n import UserError
from pipelines.safety.uploads import open_picture, sanitize_image

INPUTS = Path(__file__).resolve().parent.parent / "fixtures" / "inputs"


def render(pdf: Path, dpi: int = 40, page: int = 1) -> np.ndarray:
    """The PDF page as poppler draws it (RGB array)."""
    out = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-f", str(page), "-l", str(page), "-singlefile", str(pdf),
                    str(out)], check=True)
    return np.asarray(Image.open(f"{out}.png").convert("RGB")).astype(int)


def _run(args: list[str]) -> int:
    from pipelines.cli import main

    return main(args)


# -- orientation -----------------------------------------------------------------------------
def test_phone_photo_is_upright_in_the_comic_pdf_and_png(atelier_env, tmp_path, capsys):
    """EXIF orientation 6 (every phone): the panel is upright in the PDF as in the PNG, no false low-dpi note."""
    shutil.copy(INPUTS / "phone-portrait-orient6.jpg", tmp_path / "phone.jpg")
    (tmp_path / "page.toml").write_text('title = "Orientation"\nlayout = "grid-4"\n[[panels]]\nimage = "phone.jpg"\n')
    assert _run(["comic", "render", str(tmp_path / "page.toml"), "--out", str(tmp_path / "p.pdf"),
                 "--png", str(tmp_path / "p.png")]) == 0
    assert "ppp" not in capsys.readouterr().err  # no blurry-picture warning: 800 px over a 9 cm panel is fine
    for pixels in (render(tmp_path / "p.pdf"), np.asarray(Image.open(tmp_path / "p.png").convert("RGB")).astype(int)):
        h, w, _ = pixels.shape
        # first panel, grid-4: its top band must be red and its bottom band blue (upright phone photo)
        top = pixels[int(h * 0.14), int(w * 0.25)]
        bottom = pixels[int(h * 0.50), int(w * 0.25)]
        assert top[0] > 180 and top[2] < 90, top
        assert bottom[2] > 150 and bottom[0] < 90, bottom


# -- transparency ----------------------------------------------------------------------------
def test_transparent_drawing_is_white_paper_in_epub_cover_pdf_and_comic(atelier_env, tmp_path):
    shutil.copy(INPUTS / "dessin.png", tmp_path / "dessin.png")
    (tmp_path / "spec.toml").write_text('[story]\nhero_name = "Inès"\npages = 4\nlanguage = "fr"\nseed = 2\n'
                                        '[book]\nmusic = false\n[[page]]\nnumber = 1\npicture = "dessin.png"\n')
    assert _run(["story", "make", str(tmp_path / "spec.toml"), "--epub", str(tmp_path / "b.epub"),
                 "--pdf", str(tmp_path / "b.pdf")]) == 0
    with zipfile.ZipFile(tmp_path / "b.epub") as epub:
        pictures = [n for n in epub.namelist() if n.lower().endswith((".jpg", ".jpeg", ".png"))]
        assert pictures
        for name in pictures:
            picture = np.asarray(Image.open(io.BytesIO(epub.read(name))).convert("RGB")).astype(int)
            assert picture[:4, :4].min() > 240, name  # corners: paper, not black
    page = render(tmp_path / "b.pdf", page=2)
    h, w, _ = page.shape
    assert page[int(h * 0.12), int(w * 0.15)].min() > 240
    (tmp_path / "page.toml").write_text('layout = "grid-4"\n[[panels]]\nimage = "dessin.png"\n')
    assert _run(["comic", "render", str(tmp_path / "page.toml"), "--out", str(tmp_path / "c.pdf"),
                 "--png", str(tmp_path / "c.png")]) == 0
    comic = np.asarray(Image.open(tmp_path / "c.png").convert("RGB")).astype(int)
    h, w, _ = comic.shape
    assert comic[int(h * 0.14), int(w * 0.08)].min() > 240  # a transparent corner of panel 1


# -- 16-bit ----------------------------------------------------------------------------------
def _is_ramp(row: np.ndarray) -> bool:
    """Dark on the left, light on the right, rising (the scan's grey ramp)."""
    thirds = [row[: len(row) // 3].mean(), row[len(row) // 3: 2 * len(row) // 3].mean(), row[2 * len(row) // 3:].mean()]
    return thirds[0] < 90 and thirds[2] > 165 and thirds[0] < thirds[1] < thirds[2]


def test_sixteen_bit_scan_keeps_its_ramp_everywhere(atelier_env, tmp_path):
    clean = open_picture(INPUTS / "scan16.png")
    grey = np.asarray(clean)[..., 0].astype(int)
    assert _is_ramp(grey[20, 20:-20])
    # the same samples in 12 bits (a scanner writing 0..4095): the same ramp, not a black picture
    twelve = (np.asarray(Image.open(INPUTS / "scan16.png"), dtype=np.uint16) >> 4).astype(np.uint16)
    buffer = io.BytesIO()
    Image.fromarray(twelve).save(buffer, format="PNG")
    assert _is_ramp(np.asarray(sanitize_image(buffer.getvalue()).image)[20, 20:-20, 0].astype(int))
    # the photo sheet through the command line
    shutil.copy(INPUTS / "scan16.png", tmp_path / "scan16.png")
    assert _run(["photo", "restore", str(tmp_path / "scan16.png"), "--out", str(tmp_path / "o"), "--steps", "tone",
                 "--sheet", str(tmp_path / "o" / "s.pdf")]) == 0
    sheet = render(tmp_path / "o" / "s.pdf", dpi=30)
    h, w, _ = sheet.shape
    row = sheet[int(h * 0.12), int(w * 0.1): int(w * 0.9), 0]  # through the "before" picture, left of its patch
    assert _is_ramp(row)


# -- colour profiles -------------------------------------------------------------------------
def _matrix_icc(description: str, rgb_xyz: list[tuple[float, float, float]], gamma: float) -> bytes:
    """A version-2 matrix/TRC RGB display profile (ICC.1:2001-04), as cameras embed Adobe RGB (1998)."""
    def s15(v: float) -> bytes:
        return struct.pack(">i", round(v * 65536))

    def xyz(v) -> bytes:
        return b"XYZ " + b"\0" * 4 + b"".join(s15(c) for c in v)

    desc = description.encode("ascii") + b"\0"
    tags = [(b"desc", b"desc" + b"\0" * 4 + struct.pack(">I", len(desc)) + desc + b"\0" * 12 + b"\0" * 67),
            (b"wtpt", xyz((0.9642, 1.0, 0.8249))), (b"rXYZ", xyz(rgb_xyz[0])), (b"gXYZ", xyz(rgb_xyz[1])),
            (b"bXYZ", xyz(rgb_xyz[2]))]
    curve = b"curv" + b"\0" * 4 + struct.pack(">I", 1) + struct.pack(">H", round(gamma * 256)) + b"\0\0"
    tags += [(b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve), (b"cprt", b"text\0\0\0\0CC0\0")]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for sig, body in tags:
        while (offset + len(data)) % 4:
            data += b"\0"
        table += sig + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    header = (struct.pack(">I", size) + b"lcms" + bytes([2, 0x10, 0, 0]) + b"mntrRGB XYZ " + b"\0" * 12 + b"acsp"
              + b"APPL" + b"\0" * 4 + b"\0" * 8 + b"\0" * 8 + struct.pack(">I", 0)
              + s15(0.9642) + s15(1.0) + s15(0.8249) + b"\0" * 4 + b"\0" * 16 + b"\0" * 28)
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + data


ADOBE_RGB_D50 = [(0.6097, 0.3111, 0.0195), (0.2053, 0.6257, 0.0609), (0.1492, 0.0632, 0.7446)]


def _adobe_to_srgb(rgb: tuple[int, int, int]) -> np.ndarray:
    """The expected sRGB of an Adobe RGB (1998) colour, from the two specifications (D65, no clipping needed)."""
    linear = (np.array(rgb) / 255.0) ** (563 / 256)
    adobe = np.array([[0.5767, 0.1856, 0.1882], [0.2974, 0.6273, 0.0753], [0.0270, 0.0707, 0.9911]])
    srgb_inv = np.array([[3.2406, -1.5372, -0.4986], [-0.9689, 1.8758, 0.0415], [0.0557, -0.2040, 1.0570]])
    out = np.clip(srgb_inv @ adobe @ linear, 0, 1)
    return np.where(out <= 0.0031308, 12.92 * out, 1.055 * out ** (1 / 2.4) - 0.055) * 255


def test_adobe_rgb_patch_is_converted_to_srgb_in_the_printed_pdf(atelier_env, tmp_path):
    patch = (180, 60, 60)  # a muted red inside both gamuts
    icc = _matrix_icc("Adobe RGB (1998) test", ADOBE_RGB_D50, 563 / 256)
    path = tmp_path / "adobe.jpg"
    Image.new("RGB", (300, 300), patch).save(path, quality=100, subsampling=0, icc_profile=icc)
    expected = _adobe_to_srgb(patch)
    assert abs(expected[0] - patch[0]) > 10  # the test can tell converted from not converted
    clean = sanitize_image(path.read_bytes())
    got = np.asarray(clean.image)[150, 150].astype(float)
    assert np.abs(got - expected).max() < 4, (got, expected)
    assert "uploads.note_icc" in clean.notes and "icc_profile" not in clean.image.info
    from pipelines.export.pdf import PageSpec, PrintDocument

    doc = PrintDocument("patch")
    doc.add_page(PageSpec("A6", bleed_mm=0)).image(str(path), 10, 10, 50, 50, bleed=False)
    doc.save(tmp_path / "patch.pdf")
    printed = render(tmp_path / "patch.pdf", dpi=30)[int(35 / 148 * 30 / 25.4 * 148), int(35 / 25.4 * 30)]
    assert np.abs(printed - expected).max() < 6, (printed, expected)


def test_cmyk_with_profile_and_grey_with_alpha(atelier_env):
    cmyk = Image.new("CMYK", (20, 20), (0, 0, 0, 0))  # no ink: white paper
    buffer = io.BytesIO()
    cmyk.save(buffer, format="JPEG")
    assert np.asarray(sanitize_image(buffer.getvalue()).image).min() > 245
    la = Image.new("LA", (10, 10), (0, 0))
    la.putpixel((5, 5), (200, 255))
    buffer = io.BytesIO()
    la.save(buffer, format="PNG")
    layer = open_picture(buffer.getvalue(), keep_alpha=True)
    assert layer.mode == "RGBA" and layer.getpixel((5, 5)) == (200, 200, 200, 255) and layer.getpixel((0, 0))[3] == 0


def test_palette_and_grey_alpha_hint_layers_are_read(atelier_env, tmp_path):
    from pipelines.photo.chain import load_hints

    layer = Image.new("RGBA", (16, 16), (0, 0, 0, 0))
    layer.putpixel((4, 4), (200, 40, 40, 255))
    palette = layer.quantize(colors=4)
    palette.save(tmp_path / "hints-p.png", transparency=palette.getpixel((0, 0)))
    mask, _ = load_hints(tmp_path / "hints-p.png", (16, 16))
    assert mask[4, 4] and mask.sum() == 1
    grey = Image.new("LA", (16, 16), (0, 0))
    grey.putpixel((3, 9), (128, 255))
    grey.save(tmp_path / "hints-la.png")
    mask, _ = load_hints(tmp_path / "hints-la.png", (16, 16))
    assert mask[9, 3] and mask.sum() == 1


# -- multi-picture JPEG, metadata ------------------------------------------------------------
def test_camera_mpo_is_one_still_without_an_animation_note(atelier_env):
    frames = [Image.new("RGB", (64, 48), (200, 30, 30)), Image.new("RGB", (64, 48), (30, 30, 200))]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="MPO", save_all=True, append_images=frames[1:])
    assert Image.open(io.BytesIO(buffer.getvalue())).format == "MPO"
    clean = sanitize_image(buffer.getvalue())
    assert "uploads.note_animated" not in clean.notes
    assert np.asarray(clean.image)[24, 32, 0] > 150  # the first (main) picture


def test_no_metadata_reaches_any_output(atelier_env, tmp_path):
    """A JPEG comment, EXIF and XMP of an upload never reach the comic PDF, the EPUB or the photo sheet."""
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"
    source = Image.new("RGB", (600, 800), (90, 140, 60))
    path = tmp_path / "Famille-Dupont-2019.jpg"
    source.save(path, comment=b"SECRET-COMMENT", exif=exif.tobytes(), xmp=b"<x:xmpmeta>SECRET-XMP</x:xmpmeta>")
    (tmp_path / "page.toml").write_text(f'layout = "grid-4"\n[[panels]]\nimage = "{path.name}"\n')
    assert _run(["comic", "render", str(tmp_path / "page.toml"), "--out", str(tmp_path / "c.pdf")]) == 0
    (tmp_path / "spec.toml").write_text(f'[story]\nhero_name = "Léo"\npages = 4\n[book]\nmusic = false\n'
                                        f'[[page]]\nnumber = 1\npicture = "{path.name}"\n')
    assert _run(["story", "make", str(tmp_path / "spec.toml"), "--epub", str(tmp_path / "b.epub")]) == 0
    assert _run(["photo", "restore", str(path), "--out", str(tmp_path / "o"), "--steps", "tone",
                 "--sheet", str(tmp_path / "o" / "s.pdf")]) == 0
    with zipfile.ZipFile(tmp_path / "b.epub") as epub:
        epub_bytes = b"".join(epub.read(n) for n in epub.namelist())
    for data in ((tmp_path / "c.pdf").read_bytes(), epub_bytes, (tmp_path / "o" / "s.pdf").read_bytes()):
        for secret in (b"SECRET-COMMENT", b"SecretCameraMaker", b"SECRET-XMP"):
            assert secret not in data
    import pypdf

    title = pypdf.PdfReader(tmp_path / "o" / "s.pdf").metadata.title
    assert "Dupont" not in title and "Famille" not in title
    assert b"Dupont" not in (tmp_path / "o" / "s.pdf").read_bytes()


# -- limits that tell the truth --------------------------------------------------------------
def test_panorama_under_the_pixel_limit_is_accepted_and_downscale_reaches_the_limit(atelier_env):
    """A 31000 x 1100 panorama is 34 MP, under 50 MP: accepted (here 31000 x 400 against a 13 MP limit, the
    same shape of case at a third of the cost); the downscale option brings it to about the limit."""
    buffer = io.BytesIO()
    Image.new("L", (31000, 400), 128).save(buffer, format="JPEG", quality=50)
    clean = sanitize_image(buffer.getvalue(), max_megapixels=13)  # 12.4 MP < 13 MP, one side over 30000 px
    assert clean.image.size == (31000, 400)
    small = sanitize_image(buffer.getvalue(), max_megapixels=5, downscale=True)
    megapixels = small.image.width * small.image.height / 1e6
    assert 4.5 <= megapixels <= 5 and "uploads.note_downscaled" in small.notes
    png = io.BytesIO()
    Image.new("RGB", (3000, 2000), (10, 20, 30)).save(png, format="PNG")
    resized = sanitize_image(png.getvalue(), max_megapixels=5, downscale=True).image
    assert 4.5 <= resized.width * resized.height / 1e6 <= 5
    with pytest.raises(UserError) as refused:
        sanitize_image(buffer.getvalue(), max_megapixels=5)
    assert "12 mégapixels" in refused.value.message("fr") and "5 mégapixels" in refused.value.message("fr")
