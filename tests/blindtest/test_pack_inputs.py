"""Quiz packs as people make them (Mac, Windows, Finder) and as attackers make them (bombs, clutter, clashes)."""
from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from PIL import Image

from pipelines.blindtest import pack as packs
from tests.fixtures.models_blindtest import sample_items, write_pack

INPUTS = Path(__file__).resolve().parent.parent / "fixtures" / "inputs"


def keys(problems):
    return [p.key.rsplit(".", 1)[-1] for p in problems]


def _png(colour=(200, 100, 50), size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def _zip(path: Path, members: dict[str, bytes], manifest: dict | None = None, prefix: str = "") -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        if manifest is not None:
            archive.writestr(prefix + "manifest.json", json.dumps(manifest, ensure_ascii=False))
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _manifest(files: list[str]) -> dict:
    items = [{"id": f"q{i}", "mode": "ai_or_human", "media": "image", "file": name, "truth": "ai"}
             for i, name in enumerate(files)]
    return {"format": packs.FORMAT, "version": 1, "title": "Animaux", "language": "fr", "items": items}


@pytest.mark.parametrize("name", ["pack-ok.zip", "pack-nfd.zip", "pack-finder.zip"])
def test_handed_packs_are_valid_and_unpack_with_nfc_names(name, tmp_path):
    assert packs.check(INPUTS / name) == []
    pack = packs.unpack_zip(INPUTS / name, tmp_path / "pack")
    names = sorted(p.relative_to(pack.folder).as_posix() for p in pack.folder.rglob("*") if p.is_file())
    assert names == ["manifest.json", "media/chat.png", "media/éléphant.png"]  # no __MACOSX, NFC name


def test_names_without_the_utf8_flag_and_backslash_folders(tmp_path):
    manifest = _manifest(["media/éléphant.png"])
    path = tmp_path / "windows.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False))
        info = zipfile.ZipInfo("media\\éléphant.png")
        archive.writestr(info, _png())
    raw = bytearray(path.read_bytes())  # rewrite the name as raw UTF-8 bytes without the UTF-8 flag (bit 11)
    utf8 = "media\\éléphant.png".encode("utf-8")
    patched = 0
    for signature, flag_at, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        at = raw.find(signature)
        while at >= 0:
            if raw[at + name_at: at + name_at + len(utf8)] == utf8:
                flags = struct.unpack_from("<H", raw, at + flag_at)[0]
                struct.pack_into("<H", raw, at + flag_at, flags & ~0x800)
                patched += 1
            at = raw.find(signature, at + 4)
    assert patched == 2
    path.write_bytes(bytes(raw))
    assert not zipfile.ZipFile(path).infolist()[1].flag_bits & 0x800
    assert packs.check(path) == []


def test_missing_manifest_says_where_it_was_looked_for(tmp_path):
    path = _zip(tmp_path / "two.zip", {"A/readme.txt": b"x", "B/notes.txt": b"{}"})
    problems = packs.check(path)
    assert keys(problems) == ["err_no_manifest_zip"]
    text = problems[0].text("fr")
    assert "racine" in text and "A/" in text and "B/" in text


def test_two_manifests_say_where_they_are(tmp_path):
    path = _zip(tmp_path / "two.zip", {"A/manifest.json": b"{}", "B/manifest.json": b"{}"})
    problems = packs.check(path)
    assert keys(problems) == ["err_manifests"]
    assert "A/, B/" in problems[0].text("fr") and "un zip par pack" in problems[0].text("fr")


@pytest.mark.parametrize("kind", ["MANIFEST.JSON", "Manifest.json in its folder", "manifest.json.txt",
                                  "a readme beside the folder", "folder in a folder in a folder"])
def test_the_manifest_is_found_as_people_name_and_zip_it(tmp_path, kind):
    """« Le zip n'a pas de fichier manifest.json » was said of a zip holding MANIFEST.JSON, of Notepad's
    manifest.json.txt (Windows hides extensions), and of a folder zipped with a readme beside it."""
    names = {"MANIFEST.JSON": ("", "MANIFEST.JSON"),
             "Manifest.json in its folder": ("Animaux/", "Manifest.json"),
             "manifest.json.txt": ("", "manifest.json.txt"),
             "a readme beside the folder": ("Animaux/", "manifest.json"),
             "folder in a folder in a folder": ("Quiz/2026/Animaux/", "manifest.json")}
    prefix, manifest_name = names[kind]
    members = {f"{prefix}media/éléphant.png": _png(), f"{prefix}{manifest_name}": json.dumps(
        _manifest(["media/éléphant.png"]), ensure_ascii=False).encode()}
    if kind == "a readme beside the folder":
        members["LISEZMOI.txt"] = b"Un quiz sur les animaux."
    path = _zip(tmp_path / "pack.zip", members)
    assert packs.check(path) == []
    pack = packs.unpack_zip(path, tmp_path / "pack")
    names = sorted(p.relative_to(pack.folder).as_posix() for p in pack.folder.rglob("*") if p.is_file())
    assert names == ["manifest.json", "media/éléphant.png"]


@pytest.mark.parametrize("written", ["media\\éléphant.png", "./media/éléphant.png", "Media/Éléphant.PNG",
                                     "media//e\u0301le\u0301phant.png"])
def test_a_file_named_in_the_manifest_as_windows_writes_it_is_found(tmp_path, written):
    """A path typed on Windows was said to « sortir du pack (chemin absolu ou ..) », « ./media/… » and a name in
    other capitals (one file on Windows, where the pack was made) were said not to be in the pack."""
    manifest = _manifest([written])
    path = _zip(tmp_path / "pack.zip", {"media/éléphant.png": _png()}, manifest)
    assert packs.check(path) == []
    pack = packs.unpack_zip(path, tmp_path / "pack")
    assert all(pack.media_path(item).is_file() for item in pack.items)
    folder = tmp_path / "folder"
    (folder / "media").mkdir(parents=True)
    (folder / "media" / "éléphant.png").write_bytes(_png())
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    assert packs.check(folder) == []
    loaded = packs.load_folder(folder)
    assert all(loaded.media_path(item).is_file() for item in loaded.items)


def test_a_path_out_of_the_pack_is_still_refused_when_typed_with_backslashes(tmp_path):
    path = _zip(tmp_path / "pack.zip", {"media/éléphant.png": _png()}, _manifest(["..\\..\\secret.png"]))
    assert keys(packs.check(path)) == ["err_unsafe_path"]


def test_a_finder_zip_unpacked_into_a_folder_of_its_own_is_found(tmp_path):
    """`quiz pack check Animaux` on the folder the zip was unpacked into said « Le pack n'a pas de fichier
    manifest.json » while it was one folder down."""
    folder = tmp_path / "Animaux" / "Animaux"
    (folder / "media").mkdir(parents=True)
    (folder / "media" / "chat.png").write_bytes(_png())
    (folder / "manifest.json").write_text(json.dumps(_manifest(["media/chat.png"])), "utf-8")
    (tmp_path / "Animaux" / "__MACOSX").mkdir()
    (tmp_path / "Animaux" / "__MACOSX" / "._manifest.json").write_bytes(b"\0\5")
    assert packs.check(tmp_path / "Animaux") == []
    assert packs.load_folder(tmp_path / "Animaux").folder == folder


def test_zip_bomb_of_unreferenced_zeros_is_refused_and_never_kept(tmp_path):
    manifest = _manifest(["media/chat.png"])
    path = _zip(tmp_path / "bomb.zip", {"media/chat.png": _png(), "padding.bin": b"\0" * 15_000_000}, manifest)
    assert path.stat().st_size < 200_000
    problems = packs.check(path)
    assert keys(problems) == ["err_zip_ratio"] and "padding.bin" in problems[0].text("fr")
    with pytest.raises(packs.PackInvalid):
        packs.unpack_zip(path, tmp_path / "target")
    assert not (tmp_path / "target").exists()


def test_unreferenced_files_are_not_unpacked(tmp_path):
    manifest = _manifest(["media/chat.png"])
    path = _zip(tmp_path / "extra.zip", {"media/chat.png": _png(), "notes/other.txt": b"hello" * 1000}, manifest)
    pack = packs.unpack_zip(path, tmp_path / "pack")
    assert sorted(p.name for p in pack.folder.rglob("*") if p.is_file()) == ["chat.png", "manifest.json"]


def test_ten_thousand_entries_are_refused(tmp_path):
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("manifest.json", json.dumps(_manifest(["media/chat.png"])))
        archive.writestr("media/chat.png", _png())
        for n in range(10_000):
            archive.writestr(f"junk/{n}.txt", b"")
    problems = packs.check(path)
    assert keys(problems) == ["err_entries"] and "10002" in problems[0].text("fr")


def _huge_png_header(width: int, height: int) -> bytes:
    """A PNG whose header announces width x height (its pixels would never be decoded)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    compressed = zlib.compress(b"\0" * (width * 3 + 1) * 4, 9)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", compressed) + chunk(b"IEND", b""))


def test_a_400_megapixel_picture_is_refused_at_check_time(tmp_path):
    manifest = _manifest(["media/huge.png"])
    path = _zip(tmp_path / "huge.zip", {"media/huge.png": _huge_png_header(20000, 20000)}, manifest)
    problems = packs.check(path)
    assert keys(problems) == ["err_picture"]
    assert "400" in problems[0].text("fr") and "mégapixels" in problems[0].text("fr")


def test_pictures_are_stored_clean_and_small(tmp_path):
    big = io.BytesIO()
    Image.new("RGB", (4000, 3000), (10, 120, 200)).save(big, format="JPEG", quality=60, comment=b"SECRET")
    manifest = _manifest(["media/photo.jpg"])
    pack = packs.unpack_zip(_zip(tmp_path / "p.zip", {"media/photo.jpg": big.getvalue()}, manifest),
                            tmp_path / "pack")
    stored = pack.media_path(pack.items[0])
    assert b"SECRET" not in stored.read_bytes()
    assert max(Image.open(stored).size) == packs.PICTURE_SIDE_PX


def test_a_file_and_a_folder_of_the_same_name_is_refused_without_a_path(tmp_path, atelier_env):
    manifest = _manifest(["media/chat.png"])
    path = _zip(tmp_path / "clash.zip", {"media/chat.png": _png(), "media": b"a file named like the folder"},
                manifest)
    problems = packs.check(path)
    assert keys(problems) == ["err_file_and_folder"]
    from pipelines.blindtest.library import PackLibrary

    with pytest.raises(packs.PackInvalid) as refused:
        PackLibrary().import_zip(path)
    assert str(atelier_env.data_dir) not in refused.value.message("fr")


def test_folder_pack_with_decomposed_names(tmp_path):
    items = sample_items()
    folder = write_pack(tmp_path / "p", items)
    (folder / "media" / "chat.png").rename(folder / "media" / "che\u0301ri.png")
    items[0]["file"] = "media/chéri.png"
    (folder / "manifest.json").write_text(json.dumps({**json.loads((folder / "manifest.json").read_text()),
                                                      "items": items}, ensure_ascii=False))
    assert packs.check(folder) == []


@pytest.mark.parametrize("name, data", [
    ("quiz-excel.csv", "vérité;modèle;fichier\r\nIA;SD;chat.png\r\n".encode("cp1252")),
    ("manifest.json", json.dumps({"format": "atelier-quiz-pack"}).encode()),
])
def test_a_table_or_a_manifest_alone_is_told_what_a_pack_is(atelier_env, name, data):
    """Excel's CSV or the manifest alone, picked in the import box: a sentence naming the file and the tab that
    makes a pack, nothing added to the library."""
    from pipelines.blindtest.library import PackLibrary

    library = PackLibrary()
    with pytest.raises(packs.PackInvalid) as refused:
        library.import_zip(data, name)
    said = refused.value.message("fr")
    assert f"«\u00a0{name}\u00a0» n'est pas un pack" in said and "«\u00a0Fabriquer un pack\u00a0»" in said, said
    assert library.entries() == []


def test_a_pack_zipped_two_folders_deep_with_mac_clutter_is_found(tmp_path):
    files = ["media/éléphant.png", "media/chat.png"]
    members = {f"Quiz/Animaux/{name}": _png() for name in files}
    members["__MACOSX/Quiz/Animaux/._manifest.json"] = b"\0\5\26\7"
    path = _zip(tmp_path / "deep.zip", members, _manifest(files), prefix="Quiz/Animaux/")
    assert packs.check(path) == []
    pack = packs.unpack_zip(path, tmp_path / "pack")
    names = sorted(p.relative_to(pack.folder).as_posix() for p in pack.folder.rglob("*") if p.is_file())
    assert names == ["manifest.json", "media/chat.png", "media/éléphant.png"]


def test_a_panorama_over_the_pack_picture_limit_is_brought_down_as_it_is_stored(tmp_path, monkeypatch):
    """The builder took a 34 MP panorama (under the upload's 50 MP), then refused it when adding it to the pack
    (limit 24 MP), with no way on; a pack zip holding one was refused though its pictures are stored at most
    PICTURE_SIDE_PX long. Here the same case at a small scale: a limit of 2 MP and a 3 MP panorama."""
    from pipelines.blindtest.library import PackLibrary
    from pipelines.safety.uploads import sanitize_image

    monkeypatch.setattr(packs, "MAX_PICTURE_MEGAPIXELS", 2)
    buffer = io.BytesIO()
    Image.new("RGB", (6000, 500), (90, 140, 200)).save(buffer, format="JPEG", quality=80)
    panorama = buffer.getvalue()
    path = _zip(tmp_path / "pack.zip", {"media/vue.jpg": panorama}, _manifest(["media/vue.jpg"]))
    assert packs.check(path) == []
    pack = packs.unpack_zip(path, tmp_path / "pack")
    with Image.open(pack.media_path(pack.items[0])) as stored:
        assert max(stored.size) == packs.PICTURE_SIDE_PX and stored.width > stored.height
    library = PackLibrary(tmp_path / "library")
    entry = library.create("Vues")
    data = packs.picture_bytes(sanitize_image(panorama, downscale=True).image)  # what the builder stores
    item = library.add_item(entry.folder, {"id": "vue", "mode": "ai_or_human", "media": "image", "truth": "human",
                                           "credit": "Léa", "licence": "CC0 1.0"}, data, ".png")
    assert (entry.folder / item["file"]).is_file()
