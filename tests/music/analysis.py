"""Measurements on audio for the music tests: tempo, brightness, pitch classes, loop seams."""
from __future__ import annotations

import numpy as np
from scipy import signal


def mono(audio: np.ndarray) -> np.ndarray:
    return audio.mean(axis=1) if audio.ndim == 2 else audio


def spectral_centroid(audio: np.ndarray, rate: int) -> float:
    """Mean frequency weighted by magnitude (Hz): higher means brighter."""
    freqs, power = signal.welch(mono(audio), rate, nperseg=4096)
    magnitude = np.sqrt(power)
    return float(np.sum(freqs * magnitude) / np.sum(magnitude))


def treble_share(audio: np.ndarray, rate: int, above: float = 3000.0) -> float:
    """Share of the power above `above` Hz (sparkle of cymbals, bright timbres)."""
    freqs, power = signal.welch(mono(audio), rate, nperseg=4096)
    return float(power[freqs > above].sum() / power.sum())


def beat_period(audio: np.ndarray, rate: int) -> float:
    """Seconds between beats, from the autocorrelation of the onset strength (10 ms frames)."""
    hop = rate // 100
    x = mono(audio)
    frames = x[: len(x) // hop * hop].reshape(-1, hop)
    energy = np.log(np.sum(frames**2, axis=1) + 1e-6)
    onset = np.maximum(np.diff(energy), 0)
    onset -= onset.mean()
    corr = np.correlate(onset, onset, mode="full")[len(onset) - 1:]
    lags = np.arange(len(corr)) / 100.0
    window = (lags >= 0.3) & (lags <= 1.2)
    return float(lags[window][np.argmax(corr[window])])


def chroma(audio: np.ndarray, rate: int) -> np.ndarray:
    """Share of the tonal power (65-2000 Hz) in each of the 12 pitch classes (0 = C)."""
    freqs, power = signal.welch(mono(audio), rate, nperseg=16384)
    keep = (freqs > 65) & (freqs < 2000)
    classes = np.round(12 * np.log2(freqs[keep] / 440.0) + 69).astype(int) % 12
    profile = np.bincount(classes, weights=power[keep], minlength=12)
    return profile / profile.sum()


def seam_jump(audio: np.ndarray) -> float:
    """How big the step from the last sample to the first is, relative to the 99th percentile of steps."""
    x = mono(audio)
    steps = np.abs(np.diff(x))
    return float(abs(x[0] - x[-1]) / np.percentile(steps, 99))


def edge_rms(audio: np.ndarray, rate: int, seconds: float = 0.03) -> tuple[float, float]:
    """RMS of the last and of the first `seconds` (a loop's two sides of the seam)."""
    k = int(seconds * rate)
    x = mono(audio)
    return float(np.sqrt(np.mean(x[-k:] ** 2))), float(np.sqrt(np.mean(x[:k] ** 2)))
