"""Pictures for the workshops: text -> image and drawing -> image (diffusers), comic stylisation (CPU).

Importing this package is cheap: torch and diffusers are imported only when a model loads,
inside the worker. What other areas call:

- ``stylise(image, style)`` (CPU, no weights): ink lines, flat colours, halftone dots;
- the job kind ``imagegen.generate`` (see ``jobs.generate``);
- ``STYLES`` / ``style_names()`` for the style presets and their locale labels.
"""
from .styles import STYLES, style_names, get_style  # noqa: F401
from .stylise import stylise  # noqa: F401
