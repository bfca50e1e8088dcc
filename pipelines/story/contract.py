"""The call contracts of ``story.write`` and ``story.voice``: one request in, one result out."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Protocol, runtime_checkable

from ..backends import Progress, no_progress
from .spec import Story, StorySpec


@dataclass
class WriteRequest:
    """spec: the child's choices (checked by the writer); progress(fraction 0..1, locale key)."""

    spec: StorySpec
    progress: Progress = no_progress


@runtime_checkable
class Writer(Protocol):
    """story.write: turn the choices into a story."""

    ai_made: ClassVar[bool]

    def __call__(self, request: WriteRequest) -> Story:
        """A Story of exactly ``spec.pages`` pages (4-12) in ``spec.language``, each with its text,
        mood (a music mood) and English picture scene; ``story.writer`` names the backend that wrote
        it. A model writer whose answer is unusable falls back to the templates and says so in
        ``story.notes``. Raises UserError for choices out of range or missing weights."""


@dataclass
class SpeakRequest:
    """text: one page's text; language: "fr" or "en"; mp3_path: the file to write; number: the
    page number (named in errors)."""

    text: str
    language: str
    mp3_path: Path | str
    number: int = 0


@runtime_checkable
class Voice(Protocol):
    """story.voice: read a page aloud."""

    ai_made: ClassVar[bool]
    languages: ClassVar[tuple[str, ...]]  # the languages it speaks

    def __call__(self, request: SpeakRequest) -> Path:
        """Write the page read aloud as an MP3 (mono, 64 kb/s) at ``request.mp3_path`` and return
        that path. Raises UserError story.errors.voice_failed naming the page when synthesis fails."""


CONTRACTS: dict[str, type] = {"story.write": Writer, "story.voice": Voice}
