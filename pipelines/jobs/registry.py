"""Job kinds: one readable table from a kind name to the function that does the work.

A job function takes (params: dict, ctx: JobContext) and returns a dict:
``{"files": {name: path in ctx.out_dir}, "artifact": {...} | None, ...plain JSON extras}``.
It reports progress with ``ctx.progress(fraction, locale_key)`` and raises ``UserError`` for
problems the user can fix. Plugins (settings ``plugins``) may add kinds with ``register_kind``.
"""
from __future__ import annotations

import importlib
from typing import Callable

# One line per kind: "kind": "module:function". Modules are imported only when a job of that
# kind is submitted or run (pages import the queue without importing torch).
KINDS: dict[str, str] = {
    "postcards.make": "pipelines.export.jobs:make_postcards_job",
    "postcards.dvd": "pipelines.export.jobs:straighten_dvd_job",
    "story.write": "pipelines.story.jobs:write_job",
    "story.make": "pipelines.story.jobs:make_job",
    "music.compose": "pipelines.music.job:compose_job",
    "comics.render": "pipelines.comics.jobs:render_job",
    "comics.panel": "pipelines.comics.jobs:panel_job",
    "quiz.starter": "pipelines.blindtest.jobs:starter_job",
    "quiz.music_item": "pipelines.blindtest.jobs:music_item_job",
    "quiz.picture_item": "pipelines.blindtest.jobs:picture_item_job",
    "quiz.ai_picture_item": "pipelines.blindtest.jobs:generated_picture_item_job",
    "quiz.results": "pipelines.blindtest.jobs:results_job",
    "photo.analyze": "pipelines.photo.jobs:analyse_job",
    "photo.straighten": "pipelines.photo.jobs:straighten_job",
    "photo.restore": "pipelines.photo.jobs:restore_job",
    "photo.recolor": "pipelines.photo.jobs:recolor_job",
    "photo.sheet": "pipelines.photo.jobs:sheet_job",
    "portrait.frame": "pipelines.portrait.jobs:frame_job",
    "portrait.paint": "pipelines.portrait.jobs:paint_job",
    "portrait.print": "pipelines.portrait.jobs:print_job",
    "portrait.samples": "pipelines.portrait.jobs:samples_job",
    "imagegen.generate": "pipelines.imagegen.jobs:generate_job",
    "imagegen.stylise": "pipelines.imagegen.jobs:stylise_job",
    "imagegen.compare_int8": "pipelines.imagegen.jobs:compare_int8_job",
}


def register_kind(kind: str, target: str) -> None:
    """Add a job kind ('module:function'); used by plugins."""
    if kind in KINDS and KINDS[kind] != target:
        raise ValueError(f"Job kind {kind!r} is already registered to {KINDS[kind]!r}.")
    KINDS[kind] = target


_plugins_loaded = False


def load_plugins() -> None:
    """Import the modules named in settings.plugins (they call register_kind / add backends)."""
    global _plugins_loaded
    if _plugins_loaded:
        return
    from ..config import settings

    for name in [p.strip() for p in settings().plugins.split(",") if p.strip()]:
        importlib.import_module(name)
    _plugins_loaded = True


def resolve_kind(kind: str) -> Callable:
    load_plugins()
    if kind not in KINDS:
        raise KeyError(f"Unknown job kind {kind!r}; valid kinds are: {', '.join(sorted(KINDS)) or '(none)'}.")
    module_name, _, function_name = KINDS[kind].partition(":")
    return getattr(importlib.import_module(module_name), function_name)
