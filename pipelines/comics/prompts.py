"""Panels described by a sentence (PAGE.toml `prompt`): checked for children, then drawn by the AI."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..backends import no_progress
from ..i18n import UserError
from .page import PageSpec
from ..commands import studio

TXT2IMG = "imagegen.txt2img"


@dataclass
class _Context:
    """What a job function needs when the command line runs it directly (no queue)."""

    out_dir: Path
    job_id: str = "cli"
    owner: int | None = None
    workshop_id: int | None = None
    store: object = None

    def progress(self, fraction: float, message: str = "") -> None:
        no_progress(fraction, message)

    def check_cancelled(self) -> None:
        """Nothing cancels a command-line run."""


def check_panel_prompt(number: int, prompt: str, language: str) -> None:
    """An empty or blocked sentence is refused with a message naming the panel."""
    from ..safety.prompts import screen

    screen(prompt, language=language, empty_key="comics.errors.story_empty", blocked_key="comics.errors.prompt_blocked",
           panel=number)


def txt2img_ready(number: int = 1):
    """The text-to-image backend to use, or a UserError naming the panel and the install command."""
    from .. import backends

    ready = [b for b in backends.available(TXT2IMG) if not b.optional]
    if ready:
        return ready[-1]
    commands = [c for b in backends.for_capability(TXT2IMG) for c in b.install_commands()]
    raise UserError("comics.errors.no_txt2img", panel=number,
                    command=" ; ".join(dict.fromkeys(commands)) or studio("models download sd-turbo"))


def draw_prompt_panels(page: PageSpec, folder: Path, seed: int = 7) -> None:
    """Draw every panel that has a prompt and no image, with the page's style and one shared seed."""
    todo = [(n, p) for n, p in enumerate(page.panels, start=1) if p.prompt and not p.image]
    for number, panel in todo:  # check every sentence before drawing any
        check_panel_prompt(number, panel.prompt, page.language)
    if not todo:
        return
    from ..jobs.registry import resolve_kind

    txt2img_ready(todo[0][0])
    generate = resolve_kind("imagegen.generate")
    for number, panel in todo:
        out = Path(folder) / f"panel-{number}"
        out.mkdir(parents=True, exist_ok=True)
        result = generate({"prompt": panel.prompt, "style": panel.style or None, "language": page.language,
                           "seed": panel.seed if panel.seed is not None else seed}, _Context(out_dir=out))
        panel.image = str(result["files"]["image"])
        panel.ai = True
