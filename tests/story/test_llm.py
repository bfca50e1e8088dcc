"""The LLM writer: a tiny Qwen2 through the real loading path; answers validated; template fallback."""
from __future__ import annotations

import json

import pytest

from pipelines import backends
from pipelines.story.llm import Rejected, SmallLlmWriter, build_messages, parse_story
from pipelines.story.contract import WriteRequest
from pipelines.story.spec import StorySpec


def answer(pages: int, text: str = "Zoé marche dans la forêt avec son ami le dragon. Il fait beau.") -> str:
    return "Voici :\n" + json.dumps({"title": "Zoé et le vent", "pages": [{"text": text, "mood": "joy"}] * pages})


def test_a_good_answer_becomes_the_story():
    spec = StorySpec(pages=4, reading_age="7-8")
    story = parse_story(answer(4), spec)
    assert story.title == "Zoé et le vent" and len(story.pages) == 4
    assert all(p.mood == "joy" and p.scene for p in story.pages)


@pytest.mark.parametrize("raw,key", [
    ("il était une fois", "story.llm.bad_json"),
    (answer(3), "story.llm.page_count"),
    (answer(4, "Zoé."), "story.llm.page_length"),
    (answer(4, " ".join(["mot"] * 200)), "story.llm.page_length"),
    (answer(4, "Zoé prend un pistolet et tue le dragon dans la forêt sombre."), "story.llm.page_blocked"),
])
def test_bad_answers_are_rejected_with_a_reason(raw, key):
    with pytest.raises(Rejected) as why:
        parse_story(raw, StorySpec(pages=4, reading_age="7-8"))
    assert why.value.key == key


def test_the_prompt_is_in_the_story_language():
    fr = build_messages(StorySpec(language="fr", pages=5))[1]["content"]
    en = build_messages(StorySpec(language="en", pages=5, hero_name="Leo"))[1]["content"]
    assert "5 pages" in fr and "Héros : Zoé" in fr and "un dragon" in fr
    assert "Hero: Leo" in en and "a dragon" in en


def test_tiny_qwen_loads_through_the_real_path_and_falls_back(tiny_qwen):
    writer = backends.get("story.write.llm-small")
    assert isinstance(writer, SmallLlmWriter) and writer.is_available()
    assert backends.choose("story.write").name == "story.write.llm-small"
    seen = []
    story = writer(WriteRequest(StorySpec(pages=4, reading_age="4-6", hero_name="Zoé"), lambda f, m: seen.append(m)))
    assert type(writer.model).__name__ == "Qwen2ForCausalLM"
    assert "story.progress.thinking" in seen
    # random weights never write a valid story: the template writer takes over and says why
    assert story.writer == "story.write.template" and len(story.pages) == 4
    assert story.notes and story.notes[0]["key"] == "story.notes.llm_fallback"
    from pipelines.story.book import note_text

    assert "modèle de langue" in note_text(story.notes[0], "fr")
