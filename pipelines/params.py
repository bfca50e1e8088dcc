"""Job parameters (plain JSON) to the request dataclasses the pipelines take."""
from __future__ import annotations

from typing import Any, TypeVar

T = TypeVar("T")


def from_params(cls: type[T], params: dict[str, Any], what: str) -> T:
    """Build `cls` from `params`; a name it does not know is an error that lists the valid ones."""
    known = set(cls.__dataclass_fields__)  # type: ignore[attr-defined]
    unknown = set(params) - known
    if unknown:
        raise ValueError(f"Unknown {what} {sorted(unknown)}; valid ones are {sorted(known)}.")
    return cls(**params)
