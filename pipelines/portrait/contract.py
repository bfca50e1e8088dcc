"""The call contract of the portrait capability: ``backend(framed, request, progress) -> PortraitResult``.

framed: make.Framed (picture (H, W, 3) uint8, 4:5, and the face box in its pixels, or None);
request: make.PortraitRequest (style, strength 0..1, seed); progress(fraction 0..1, locale key).
The result (backends.PortraitResult) has the picture's size and says whether a model made it.
"""
from __future__ import annotations

from typing import ClassVar, Protocol, runtime_checkable


@runtime_checkable
class PortraitPainter(Protocol):
    """portrait.paint: paint a framed portrait in a painter's style, keeping the sitter recognisable."""

    ai_made: ClassVar[bool]

    def __call__(self, framed, request, progress=None):
        """Paint `framed` as `request` asks; returns a PortraitResult of the same size."""


CONTRACTS: dict[str, type] = {"portrait.paint": PortraitPainter}
