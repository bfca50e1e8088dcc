"""The LLM writer (capability story.write): a local instruct model (Qwen2.5) asked for page-by-page JSON.

Its answer is checked (JSON, page count, words per page, the word filter); when it fails the
template writer takes over and the story carries a note saying why.
"""
from __future__ import annotations

import json
import re

from ..backends import Backend, Progress
from .contract import WriteRequest
from .grammar import lexicon
from .safety import blocked_message_key
from .spec import MOODS, Page, Story, StorySpec
from .writer import write_story

# Words per page accepted from the model, by reading age.
WORDS_PER_PAGE = {"4-6": (5, 45), "7-8": (10, 80), "9-10": (15, 120)}
TOKENS_PER_PAGE = 90  # Qwen tokenises French at ~1.5 tokens per word; room for JSON keys


class Rejected(Exception):
    """The model's answer cannot be used: a locale key (story.llm.*) and its parameters."""

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key = key
        self.params = params


def _describe(spec: StorySpec) -> dict[str, str]:
    lex = lexicon(spec.language)
    if spec.language == "fr":
        def noun(table, key):
            entry = lex[table][key]
            return f"{'une' if entry['gender'] == 'f' else 'un'} {entry['noun']}"
    else:
        def noun(table, key):
            return f"a {lex[table][key]['noun']}"
    from .writer import hero_noun

    spec = spec.checked()
    hero = hero_noun(spec.language, spec.hero, spec.hero_gender)
    if spec.language == "fr":
        hero = f"{'une' if spec.hero_gender == 'f' else 'un'} {hero}"
    else:
        hero = f"a {hero} ({'she' if spec.hero_gender == 'f' else 'he'})"
    return {"hero": hero, "companion": noun("companions", spec.companion),
            "place": lex["places"][spec.place]["in"], "object": noun("objects", spec.object)}


PROBLEM_WORDS = {"fr": {"storm": "une grosse tempête", "lost": "ils se perdent",
                        "colours": "les couleurs disparaissent", "star": "une petite étoile tombe du ciel",
                        "giant": "un géant triste et seul"},
                 "en": {"storm": "a big storm", "lost": "they get lost", "colours": "all the colours disappear",
                        "star": "a little star falls from the sky", "giant": "a sad and lonely giant"}}
TONE_WORDS = {"fr": {"funny": "drôle", "adventure": "d'aventure", "calm": "calme, pour s'endormir"},
              "en": {"funny": "funny", "adventure": "adventurous", "calm": "calm, for bedtime"}}


def build_messages(spec: StorySpec) -> list[dict[str, str]]:
    """The chat messages asking for the story as JSON, in the story's language."""
    d = _describe(spec)
    low, high = WORDS_PER_PAGE[spec.reading_age]
    if spec.language == "fr":
        system = ("Tu écris des histoires douces et adaptées aux enfants, en français correct. "
                  "Tu réponds uniquement avec du JSON valide, sans texte autour.")
        user = (f"Écris une histoire {TONE_WORDS['fr'][spec.tone]} de {spec.pages} pages pour des enfants de "
                f"{spec.reading_age} ans. Héros : {spec.hero_name}, {d['hero']}. Compagnon : {d['companion']}. "
                f"Lieu : {d['place']}. Objet magique : {d['object']}. Problème : {PROBLEM_WORDS['fr'][spec.problem]}. "
                f"Chaque page a entre {low} et {high} mots, des phrases courtes. "
                'Réponds avec ce JSON : {"title": "...", "pages": '
                '[{"text": "...", "mood": "calm|adventure|mystery|joy"}]}')
    else:
        system = ("You write gentle stories for children in correct English. "
                  "You answer with valid JSON only, no other text.")
        user = (f"Write a {TONE_WORDS['en'][spec.tone]} story of {spec.pages} pages for children aged "
                f"{spec.reading_age}. Hero: {spec.hero_name}, {d['hero']}. Companion: {d['companion']}. "
                f"Place: {d['place']}. Magic object: {d['object']}. Problem: {PROBLEM_WORDS['en'][spec.problem]}. "
                f"Each page has {low} to {high} words, in short sentences. "
                'Answer with this JSON: {"title": "...", "pages": '
                '[{"text": "...", "mood": "calm|adventure|mystery|joy"}]}')
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def parse_story(raw: str, spec: StorySpec) -> Story:
    """The model's answer as a Story, or Rejected saying what is wrong (JSON, count, length, words)."""
    start, end = raw.find("{"), raw.rfind("}")
    try:
        data = json.loads(raw[start:end + 1]) if start >= 0 < end else None
    except json.JSONDecodeError:
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("pages"), list):
        raise Rejected("story.llm.bad_json")
    pages = data["pages"]
    if len(pages) != spec.pages:
        raise Rejected("story.llm.page_count", found=len(pages), expected=spec.pages)
    low, high = WORDS_PER_PAGE[spec.reading_age]
    template = write_story(spec)  # gives each page a picture scene and a default mood
    out = []
    for number, (page, model) in enumerate(zip(pages, template.pages), start=1):
        text = page.get("text", "") if isinstance(page, dict) else str(page)
        text = " ".join(str(text).split())
        words = len(re.findall(r"\w+", text))
        if not low <= words <= high:
            raise Rejected("story.llm.page_length", number=number, words=words, low=low, high=high)
        if blocked_message_key(text, spec.language):
            raise Rejected("story.llm.page_blocked", number=number)
        mood = page.get("mood") if isinstance(page, dict) else None
        out.append(Page(text=text, mood=mood if mood in MOODS else model.mood, scene=model.scene))
    title = " ".join(str(data.get("title") or "").split())[:80]
    if not title or blocked_message_key(title, spec.language):
        title = template.title
    return Story(title=spec.title.strip() or title, language=spec.language, pages=out,
                 author=spec.author or spec.hero_name, choices=spec.choices())


class LlmWriter(Backend):
    """Qwen2.5-1.5B-Instruct through transformers (CPU: a few minutes for a book)."""

    name = "story.write.llm"
    capability = "story.write"
    label = "story.backends.llm"
    licence = "Apache-2.0 (Qwen2.5 weights)"
    weights = ("qwen2.5-1.5b-instruct",)
    modules = ("torch", "transformers")
    engine = "transformers"
    ai_made = True

    def load(self) -> None:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        folder = self.model_path(self.weights[0])
        self.tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
        # fp32: this kind of CPU has no fast bf16, and transformers 5 would keep the saved dtype
        self.model = AutoModelForCausalLM.from_pretrained(folder, dtype=torch.float32, local_files_only=True).eval()

    def chat(self, messages: list[dict], max_new_tokens: int, stopping: list | None = None, **decoding) -> str:
        """The model's raw answer (text after the prompt) to chat `messages` ([{"role", "content"}]).

        `decoding` goes to transformers' `generate` as is (do_sample, temperature, top_p, max_time...);
        `stopping` holds StoppingCriteria built for the prompt length. Used by the story writer and the model
        guard of pipelines/safety/model_guard.py, which share one loaded copy of the weights.
        """
        import torch
        from transformers import StoppingCriteriaList

        self.ensure_loaded()
        inputs = self.tokenizer.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt",
                                                    return_dict=True)
        prompt_tokens = inputs["input_ids"].shape[-1]
        criteria = StoppingCriteriaList([make(prompt_tokens) for make in stopping or ()])
        with torch.inference_mode():
            output = self.model.generate(**inputs, max_new_tokens=max_new_tokens, stopping_criteria=criteria,
                                         **decoding)
        return self.tokenizer.decode(output[0, prompt_tokens:], skip_special_tokens=True)

    def generate(self, messages: list[dict], seed: int, max_new_tokens: int, progress: Progress) -> str:
        """The model's raw answer to the chat messages (sampling, reproducible for a seed)."""
        import torch
        from transformers import StoppingCriteria

        class Report(StoppingCriteria):
            """Reports progress every few tokens (this is also where a cancel stops the job)."""

            def __init__(self, start: int):
                self.start = start

            def __call__(self, input_ids, scores, **kwargs):
                made = input_ids.shape[-1] - self.start
                if made % 8 == 0:
                    progress(0.05 + 0.85 * made / max_new_tokens, "story.progress.thinking")
                return torch.zeros(input_ids.shape[0], dtype=torch.bool)

        torch.manual_seed(seed)
        return self.chat(messages, max_new_tokens, [Report], do_sample=True, temperature=0.8, top_p=0.9)

    def __call__(self, request: WriteRequest) -> Story:
        """Ask the model; on any unusable answer the template writer writes the story instead."""
        spec, progress = request.spec.checked(), request.progress
        progress(0.02, "story.progress.thinking")
        self.ensure_loaded()
        try:
            raw = self.generate(build_messages(spec), spec.seed, TOKENS_PER_PAGE * spec.pages + 60, progress)
            progress(0.95, "story.progress.checking")
            story = parse_story(raw, spec)
            story.writer = self.name
            return story
        except Rejected as why:
            story = write_story(spec)
            story.notes.append({"key": "story.notes.llm_fallback", "params": {"reason_key": why.key, **why.params}})
            return story


class SmallLlmWriter(LlmWriter):
    """Qwen2.5-0.5B-Instruct: faster, simpler stories."""

    name = "story.write.llm-small"
    label = "story.backends.llm_small"
    weights = ("qwen2.5-0.5b-instruct",)
