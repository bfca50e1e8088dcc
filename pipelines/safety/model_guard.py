"""The model guard (capability ``safety.prompt``): a small local instruct model reads what the CPU guard let through.

It uses the story writer's weights (Qwen2.5-0.5B/1.5B-Instruct, Apache-2.0, already in the catalogue)
and, when the story writer is loaded, the very same model in memory. It is asked, with a fixed
prompt, for one line of JSON: ``{"verdict": "ok" | "refuse", "category": <one of CATEGORIES>}``,
decoded greedily, with a time budget (``generate(max_time=...)``, default 4 s on a CPU). An answer that
is late, empty or not understood gives no verdict: the sentence keeps the CPU guard's answer (the
guard adds refusals, it never lets through what the CPU guard refused).
"""
from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from typing import ClassVar, Protocol, runtime_checkable

from ..backends import Backend
from .prompts import CATEGORIES, PromptCheck

TIME_BUDGET_S = 4.0
MAX_NEW_TOKENS = 24

SYSTEM = (
    "You check sentences that children aged 4 to 14 type in a public library workshop to get a picture drawn "
    "or a story written. The sentences may be in French or English, with spelling mistakes, SMS spelling or "
    "slang. Refuse a sentence when it asks for: sexual content or nudity (also described without explicit "
    "words), violence against people or animals, weapons, hate against a group, insults or mockery of a "
    "person, drugs, alcohol or tobacco, self-harm or suicide, realistic horror, or a real public figure put "
    "in a degrading situation. Fairy-tale adventure is fine (a knight fighting a dragon, a friendly monster, "
    "a cartoon ghost). Answer with one line of JSON only: "
    '{"verdict": "ok"} or {"verdict": "refuse", "category": "<category>"} where <category> is one of: '
    + ", ".join(CATEGORIES) + "."
)


def build_messages(text: str) -> list[dict[str, str]]:
    """The fixed chat messages for one sentence (the sentence is quoted, never mixed into the instructions)."""
    return [{"role": "system", "content": SYSTEM},
            {"role": "user", "content": "Sentence: " + json.dumps(text.strip()[:400], ensure_ascii=False)}]


def parse_verdict(raw: str) -> tuple[bool, str] | None:
    """(refused, category) from the model's answer, or None when it is not understood.

    A refusal with a category outside CATEGORIES keeps category '' (the kind sentence then asks the
    child to say it another way)."""
    match = re.search(r"\{[^{}]*\}", raw or "")
    if match:
        try:
            data = json.loads(match.group(0))
        except json.JSONDecodeError:
            data = None
        if isinstance(data, dict) and data.get("verdict") in ("ok", "refuse"):
            category = str(data.get("category") or "")
            return data["verdict"] == "refuse", category if category in CATEGORIES else ""
    word = re.match(r"\W*(ok|refuse)\b", (raw or "").strip().lower())
    if word:
        return word.group(1) == "refuse", ""
    return None


@dataclass
class GuardRequest:
    """text: the child's sentence (already accepted by the CPU guard); language: the interface language
    ("fr" or "en"); budget_s: the most seconds the model may take (a late answer is no answer)."""

    text: str
    language: str = "fr"
    budget_s: float = TIME_BUDGET_S


@runtime_checkable
class SentenceGuard(Protocol):
    """safety.prompt: a second reader for the sentences the CPU guard let through."""

    ai_made: ClassVar[bool]

    def __call__(self, request: GuardRequest) -> PromptCheck | None:
        """A refusal (PromptCheck with blocked=True, the category's locale key, guard = the backend's
        name) when the model refuses the sentence; None when it accepts it, answers late (past
        ``budget_s``) or answers something not understood. Raises UserError when the weights are missing."""


CONTRACTS: dict[str, type] = {"safety.prompt": SentenceGuard}


class SmallModelGuard(Backend):
    """Qwen2.5-0.5B-Instruct as a sentence checker (about 1 s a sentence on a laptop CPU)."""

    name = "safety.prompt.llm-small"
    capability = "safety.prompt"
    label = "safety.guard.backend"
    licence = "Apache-2.0 (Qwen2.5 weights)"
    weights = ("qwen2.5-0.5b-instruct",)
    modules = ("torch", "transformers")
    engine = "transformers"
    ai_made = True
    writer = "story.write.llm-small"  # the story writer whose loaded model is shared

    def __init__(self) -> None:
        super().__init__()
        self.checked = 0  # sentences read by the model (the console shows it; tests use it)
        self.late = 0  # answers past the time budget

    def load(self) -> None:
        from .. import backends

        self.writer_backend = backends.get(self.writer).ensure_loaded()  # one copy of the weights in memory

    def answer(self, text: str, budget_s: float = TIME_BUDGET_S) -> tuple[str, float]:
        """The model's raw answer for one sentence and the seconds it took (greedy, `budget_s` at most)."""
        self.ensure_loaded()
        started = time.monotonic()
        raw = self.writer_backend.chat(build_messages(text), MAX_NEW_TOKENS, do_sample=False, max_time=budget_s)
        seconds = time.monotonic() - started
        self.checked += 1
        if seconds > budget_s:
            self.late += 1
        return raw, seconds

    def __call__(self, request: GuardRequest) -> PromptCheck | None:
        """See SentenceGuard.__call__."""
        raw, seconds = self.answer(request.text, request.budget_s)
        verdict = parse_verdict(raw) if seconds <= request.budget_s * 1.5 else None
        if not verdict or not verdict[0]:
            return None
        category = verdict[1]
        key = f"safety.prompt.{category}" if category else "safety.prompt.model_unsure"
        return PromptCheck(True, key, category or "model", "model", self.name)


class ModelGuard(SmallModelGuard):
    """Qwen2.5-1.5B-Instruct as a sentence checker (better French, about 3 s a sentence on a CPU)."""

    name = "safety.prompt.llm"
    weights = ("qwen2.5-1.5b-instruct",)
    writer = "story.write.llm"


def model_guard() -> SmallModelGuard | None:
    """The installed model guard (the larger one when both are), or None."""
    from ..backends import available

    found = available("safety.prompt")
    return found[-1] if found else None


def model_check(text: str, language: str = "fr") -> PromptCheck | None:
    """The model guard's refusal for a sentence the CPU guard let through, or None (no guard, accepted, no answer)."""
    guard = model_guard()
    return guard(GuardRequest(text, language)) if guard is not None else None
