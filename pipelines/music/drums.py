"""Light percussion: a few synthesised hits and the rhythm patterns of each style."""
from __future__ import annotations

import numpy as np

from .instruments import SAMPLE_RATE


def _t(seconds: float) -> np.ndarray:
    return np.arange(int(seconds * SAMPLE_RATE), dtype=np.float32) / SAMPLE_RATE


def _highpass(noise: np.ndarray) -> np.ndarray:
    return np.diff(noise, prepend=0.0).astype(np.float32)


def _lowpass(noise: np.ndarray, width: int) -> np.ndarray:
    return np.convolve(noise, np.ones(width, dtype=np.float32) / width, mode="same").astype(np.float32)


def _sweep(start: float, end: float, tau: float, seconds: float) -> np.ndarray:
    """A sine whose pitch falls from start to end Hz (kicks, toms)."""
    t = _t(seconds)
    freq = end + (start - end) * np.exp(-t / 0.03)
    phase = np.cumsum(freq) / SAMPLE_RATE
    return (np.sin(2 * np.pi * phase) * np.exp(-t / tau)).astype(np.float32)


def make_kit(rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Every percussion sound, made once per piece (noise from the piece's seed)."""
    noise = lambda seconds: rng.standard_normal(int(seconds * SAMPLE_RATE)).astype(np.float32)  # noqa: E731
    t = _t(0.25)
    snare = 0.5 * _highpass(noise(0.25)) * np.exp(-t / 0.06) + 0.5 * np.sin(2 * np.pi * 190 * t) * np.exp(-t / 0.04)
    clap = np.zeros(int(0.2 * SAMPLE_RATE), dtype=np.float32)
    for offset in (0.0, 0.011, 0.022):
        start = int(offset * SAMPLE_RATE)
        burst = _highpass(noise(0.2 - offset)) * np.exp(-_t(0.2 - offset) / (0.01 if offset < 0.02 else 0.06))
        clap[start:start + len(burst)] += burst[: len(clap) - start]
    ride_t = _t(0.9)
    ride = sum(np.sin(2 * np.pi * f * ride_t) for f in (3120, 4510, 5830, 7020)) * 0.15
    ride = (ride + 0.3 * _highpass(noise(0.9))) * np.exp(-ride_t / 0.35)
    return {
        "kick": _sweep(130, 48, 0.13, 0.4),
        "tom": _sweep(190, 120, 0.18, 0.45) * 0.7,
        "snare": snare.astype(np.float32),
        "roll": (0.4 * _highpass(noise(0.12)) * np.exp(-_t(0.12) / 0.03)).astype(np.float32),
        "hat": (_highpass(_highpass(noise(0.08))) * np.exp(-_t(0.08) / 0.015) * 0.35).astype(np.float32),
        "shaker": (_highpass(noise(0.12)) * np.minimum(1, _t(0.12) / 0.015) * np.exp(-_t(0.12) / 0.035) * 0.3
                   ).astype(np.float32),
        "brush": (_lowpass(noise(0.3), 3) * np.minimum(1, _t(0.3) / 0.05) * np.exp(-_t(0.3) / 0.1) * 0.25
                  ).astype(np.float32),
        "clap": clap * 0.5,
        "ride": ride.astype(np.float32) * 0.5,
    }


# Patterns: for each sound, hits as (position in beats within the bar, velocity). Keyed by (style, beats).
PATTERNS: dict[tuple[str, int], dict[str, list[tuple[float, float]]]] = {
    ("shaker", 4): {"shaker": [(b / 2, 0.9 if b % 2 else 0.5) for b in range(8)],
                    "clap": [(1, 0.5), (3, 0.5)]},
    ("shaker", 3): {"shaker": [(b / 2, 0.9 if b % 2 else 0.5) for b in range(6)]},
    ("adventure", 4): {"kick": [(0, 1.0), (1.5, 0.7), (2, 0.9)], "tom": [(3, 0.7), (3.5, 0.8)],
                       "hat": [(b / 2, 0.6) for b in range(8)], "snare": [(1, 0.6), (3, 0.6)]},
    ("adventure", 3): {"kick": [(0, 1.0)], "tom": [(2, 0.7), (2.5, 0.8)], "hat": [(b / 2, 0.6) for b in range(6)]},
    ("march", 4): {"kick": [(0, 1.0), (2, 0.9)], "snare": [(1, 0.8), (3, 0.8), (3.5, 0.5)],
                   "roll": [(3.75, 0.7), (1.75, 0.5)]},
    ("march", 3): {"kick": [(0, 1.0)], "snare": [(1, 0.7), (2, 0.7)]},
    ("waltz", 3): {"kick": [(0, 0.8)], "hat": [(1, 0.6), (2, 0.6)]},
    ("waltz", 4): {"kick": [(0, 0.8), (2, 0.6)], "hat": [(1, 0.6), (3, 0.6)]},
    ("jazz", 4): {"ride": [(0, 0.7), (1, 0.8), (1.5, 0.5), (2, 0.7), (3, 0.8), (3.5, 0.5)],
                  "brush": [(1, 0.6), (3, 0.6)], "kick": [(0, 0.3)]},
    ("jazz", 3): {"ride": [(0, 0.7), (1, 0.8), (1.5, 0.5), (2, 0.7)], "brush": [(1, 0.5), (2, 0.5)]},
    ("electro", 4): {"kick": [(b, 1.0) for b in range(4)], "hat": [(b + 0.5, 0.8) for b in range(4)],
                     "clap": [(1, 0.8), (3, 0.8)]},
    ("electro", 3): {"kick": [(b, 1.0) for b in range(3)], "hat": [(b + 0.5, 0.8) for b in range(3)]},
}


def pattern(style: str, beats: int) -> dict[str, list[tuple[float, float]]]:
    """The hits of one bar for a drum style ('none' plays nothing)."""
    return PATTERNS.get((style, beats), {})
