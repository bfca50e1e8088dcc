"""Quiz jobs through the real queue: the starter pack, an AI music item and the results, in the worker's code path."""
from __future__ import annotations

import io
import json
import sys

import pytest
from PIL import Image

from pipelines.blindtest import pack as packs
from pipelines.blindtest.library import PackLibrary


def test_starter_pack_job_makes_a_playable_pack_with_credits(immediate_queue):
    job = immediate_queue.get(immediate_queue.submit("quiz.starter", {"language": "fr", "seed": 3}))
    assert job.state == "done", job.error
    entry = PackLibrary().entry(PackLibrary().folder(job.result["pack"]))
    assert entry.playable and len(entry.items) == 17
    modes = {i["mode"] for i in entry.items}
    assert modes == {"which_prompt", "music"}
    pictures = [i for i in entry.items if i["media"] == "image"]
    assert all(i["credit"] and i["licence"] for i in pictures)
    music = [i for i in entry.items if i["mode"] == "music"]
    asked = {i["question"] for i in music}
    assert asked == {"Quelle ambiance ?", "Quel genre de musique ?", "Quel instrument joue la mélodie ?"}
    assert all(len(set(i["choices"])) == len(i["choices"]) >= 2 for i in entry.items)
    clip = entry.folder / music[0]["file"]
    assert clip.stat().st_size > 20_000  # eight seconds of MP3


def test_music_item_job_adds_a_guess_the_instrument_question(immediate_queue):
    library = PackLibrary()
    entry = library.create("Mon pack", "fr")
    job_id = immediate_queue.submit("quiz.music_item", {"pack": entry.name, "mood": "calm", "instrument": "flute",
                                                         "ask": "instrument", "seconds": 4, "seed": 1})
    job = immediate_queue.get(job_id)
    assert job.state == "done", job.error
    items = library.entry(entry.folder).items
    assert [i["mode"] for i in items] == ["music"]
    assert items[0]["choices"][items[0]["answer"]] == "🪈 Flûte"
    assert library.entry(entry.folder).playable


def test_music_item_asking_for_a_missing_genre_is_told(immediate_queue):
    entry = PackLibrary().create("Pack", "fr")
    job = immediate_queue.get(immediate_queue.submit("quiz.music_item", {"pack": entry.name, "mood": "joy",
                                                                        "ask": "genre", "seconds": 3}))
    assert job.state == "failed" and job.error["key"] == "quiz.builder.err_ask_needs"
    assert PackLibrary().entry(entry.folder).items == []  # nothing half-added


def test_human_upload_and_picture_item_then_export_and_import(immediate_queue, tmp_path):
    library = PackLibrary()
    entry = library.create("Nos photos", "fr")
    buffer = io.BytesIO()
    Image.new("RGB", (120, 90), (30, 140, 200)).save(buffer, format="PNG")
    library.add_item(entry.folder, {"id": "mon-dessin", "mode": "ai_or_human", "media": "image", "truth": "human",
                                    "credit": "Zoé, 9 ans", "licence": "CC BY 4.0"}, buffer.getvalue(), ".png")
    with pytest.raises(packs.PackInvalid) as caught:  # no credit: refused, the pack is untouched
        library.add_item(entry.folder, {"mode": "ai_or_human", "media": "image", "truth": "human"},
                         buffer.getvalue(), ".png")
    assert {p.params["field_key"] for p in caught.value.problems} == {"quiz.builder.credit", "quiz.builder.licence"}
    source = tmp_path / "source.png"
    source.write_bytes(buffer.getvalue())
    job = immediate_queue.get(immediate_queue.submit("quiz.picture_item", {
        "pack": entry.name, "source": str(source), "subject": "mon chat", "style": "manga",
        "credit": "Photo de la médiathèque", "licence": "CC0 1.0", "language": "fr"}))
    assert job.state == "done", job.error
    items = library.entry(entry.folder).items
    assert [i["mode"] for i in items] == ["ai_or_human", "which_prompt"]
    assert items[1]["choices"][0] == "mon chat, en manga noir et blanc"
    zip_path = library.export_zip(entry.folder, tmp_path)
    again = library.import_zip(zip_path.read_bytes())
    assert again.playable and again.name != entry.name and len(again.items) == 2


def test_importing_the_package_and_the_cli_loads_no_model_library():
    import subprocess

    code = ("import sys; import pipelines.blindtest.game, pipelines.blindtest.cli, pipelines.blindtest.jobs, "
            "pipelines.blindtest.library; "
            "print(json.dumps(sorted(m for m in ('torch', 'diffusers', 'transformers', 'spandrel') "
            "if m in sys.modules)))")
    out = subprocess.run([sys.executable, "-c", "import json; " + code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
