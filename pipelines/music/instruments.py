"""The composer's instruments: wavetable, modal and noise synthesis with envelopes (numpy only)."""
from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

SAMPLE_RATE = 32000
TABLE_SIZE = 4096


def midi_to_hz(note: float) -> float:
    """Frequency of a MIDI note number (69 = A4 = 440 Hz)."""
    return 440.0 * 2.0 ** ((note - 69) / 12.0)


@functools.lru_cache(maxsize=512)
def _table(amps: tuple[float, ...]) -> np.ndarray:
    """One cycle of a sum of harmonics, normalised to peak 1, padded by one sample for interpolation."""
    x = np.arange(TABLE_SIZE) / TABLE_SIZE
    wave = np.zeros(TABLE_SIZE)
    for k, a in enumerate(amps, start=1):
        if a:
            wave += a * np.sin(2 * np.pi * k * x)
    wave /= max(np.abs(wave).max(), 1e-9)
    return np.append(wave, wave[0]).astype(np.float32)


def _harmonics(freq: float, slope: float, count: int, brightness: float, odd_only: bool = False) -> tuple:
    """Amplitudes 1/k^slope of the harmonics below Nyquist, tilted darker when brightness is low."""
    top = max(1, min(count, int(SAMPLE_RATE * 0.45 / freq)))
    tilt = slope + (1.0 - brightness) * 1.2
    amps = []
    for k in range(1, top + 1):
        amps.append(0.0 if odd_only and k % 2 == 0 else round(k ** -tilt, 3))
    return tuple(amps)


def _lookup(tables: np.ndarray, phase: np.ndarray) -> np.ndarray:
    """Read stacked wavetables (TABLE_SIZE + 1, k) at phases given in cycles (linear interpolation)."""
    pos = phase - np.floor(phase)
    pos *= TABLE_SIZE
    i = pos.astype(np.int32)
    frac = (pos - i).astype(np.float32)[:, None]
    return tables[i] * (1 - frac) + tables[i + 1] * frac


def _phase(freq: float, n: int, vibrato: float = 0.0, rate: float = 5.0, delay: float = 0.2,
           detune_cents: float = 0.0) -> np.ndarray:
    """Running phase (in cycles) of an oscillator, with an optional delayed vibrato."""
    f = freq * 2 ** (detune_cents / 1200)
    if not vibrato:
        return np.arange(n, dtype=np.float64) * (f / SAMPLE_RATE)
    t = np.arange(n) / SAMPLE_RATE
    depth = vibrato * np.clip((t - delay) / 0.3, 0, 1)
    inst = f * (1 + depth * np.sin(2 * np.pi * rate * t))
    return np.cumsum(inst) / SAMPLE_RATE


def envelope(n_on: int, n_total: int, attack: float, decay: float, sustain: float, release: float) -> np.ndarray:
    """ADSR envelope: attack/decay/release in seconds; decay is an exponential time constant."""
    t = np.arange(n_total) / SAMPLE_RATE
    att = max(attack, 1e-3)
    env = np.where(t < att, t / att, sustain + (1 - sustain) * np.exp(-(t - att) / max(decay, 1e-3)))
    held = env[min(n_on, n_total) - 1] if n_on > 0 else 0.0
    after = t >= n_on / SAMPLE_RATE
    env[after] = held * np.exp(-(t[after] - n_on / SAMPLE_RATE) / max(release / 4, 1e-3))
    return env.astype(np.float32)


@dataclass(frozen=True)
class Wavetable:
    """A harmonic instrument: a bright table fading to a dull one, an ADSR envelope, vibrato, voices."""

    slope: float
    harmonics: int
    attack: float
    decay: float
    sustain: float
    release: float
    bright_time: float = 0.0  # seconds for the bright table to fade (0 = brightness follows the envelope)
    vibrato: float = 0.0
    voices: int = 1
    detune: float = 0.0  # cents between voices
    odd_only: bool = False
    breath: float = 0.0  # noise mixed in (flutes)
    gain: float = 1.0

    def play(self, freq: float, seconds: float, velocity: float, brightness: float,
             rng: np.random.Generator) -> np.ndarray:
        n_on = max(1, int(seconds * SAMPLE_RATE))
        n = n_on + int(self.release * SAMPLE_RATE)
        env = envelope(n_on, n, self.attack, self.decay, self.sustain, self.release)
        bright = _table(_harmonics(freq, self.slope, self.harmonics, brightness, self.odd_only))
        dull = _table(_harmonics(freq, self.slope + 1.5, max(2, self.harmonics // 3), brightness, self.odd_only))
        if self.bright_time:
            weight = np.exp(-np.arange(n) / (self.bright_time * SAMPLE_RATE)).astype(np.float32)
        else:
            weight = env / max(env.max(), 1e-6)
        tables = np.stack([bright, dull], axis=1)
        both = np.zeros((n, 2), dtype=np.float32)
        for v in range(self.voices):
            cents = (v - (self.voices - 1) / 2) * self.detune
            both += _lookup(tables, _phase(freq, n, self.vibrato, 5.0 + v * 0.3, 0.25, cents) + rng.random())
        out = (weight * both[:, 0] + (1 - weight) * both[:, 1]) / self.voices
        if self.breath:
            noise = rng.standard_normal(n).astype(np.float32)
            noise = np.convolve(noise, np.ones(6, dtype=np.float32) / 6, mode="same")
            out += self.breath * noise
        return out * env * (velocity * self.gain)


@dataclass(frozen=True)
class Modal:
    """A struck instrument (marimba, music box): a few inharmonic partials, each with its own decay."""

    partials: tuple[tuple[float, float, float], ...]  # (frequency ratio, amplitude, decay seconds)
    release: float = 0.08
    gain: float = 1.0

    def play(self, freq: float, seconds: float, velocity: float, brightness: float,
             rng: np.random.Generator) -> np.ndarray:
        longest = max(tau for _, _, tau in self.partials)
        n = int(min(seconds + self.release, 4 * longest) * SAMPLE_RATE) + 1
        t = np.arange(n, dtype=np.float32) / SAMPLE_RATE
        out = np.zeros(n, dtype=np.float32)
        for ratio, amp, tau in self.partials:
            f = freq * ratio
            if f > SAMPLE_RATE * 0.45:
                continue
            weight = amp if ratio < 1.5 else amp * (0.4 + brightness)
            out += weight * np.exp(-t / tau) * np.sin(2 * np.pi * f * t + rng.random() * 6.283).astype(np.float32)
        attack = np.minimum(1.0, t / 0.002)
        return out * attack * (velocity * self.gain)


INSTRUMENTS: dict[str, Wavetable | Modal] = {
    "piano": Wavetable(slope=1.1, harmonics=14, attack=0.004, decay=1.0, sustain=0.0, release=0.25,
                       bright_time=0.18, gain=0.9),
    "strings": Wavetable(slope=1.0, harmonics=16, attack=0.14, decay=2.0, sustain=0.8, release=0.35,
                         vibrato=0.004, voices=2, detune=7, gain=0.7),
    "flute": Wavetable(slope=2.2, harmonics=5, attack=0.07, decay=1.5, sustain=0.85, release=0.12,
                       vibrato=0.005, breath=0.035, gain=0.8),
    "clarinet": Wavetable(slope=1.0, harmonics=11, attack=0.04, decay=2.0, sustain=0.85, release=0.1,
                          odd_only=True, gain=0.7),
    "brass": Wavetable(slope=0.9, harmonics=12, attack=0.035, decay=0.4, sustain=0.75, release=0.12,
                       vibrato=0.003, gain=0.7),
    "brass_section": Wavetable(slope=1.0, harmonics=10, attack=0.05, decay=0.5, sustain=0.7, release=0.15,
                               voices=2, detune=8, gain=0.5),
    "synth": Wavetable(slope=1.0, harmonics=15, attack=0.005, decay=0.25, sustain=0.6, release=0.08,
                       odd_only=True, voices=2, detune=10, gain=0.55),
    "pad": Wavetable(slope=1.6, harmonics=8, attack=0.6, decay=3.0, sustain=0.9, release=0.9,
                     voices=3, detune=9, gain=0.55),
    "synth_pad": Wavetable(slope=1.1, harmonics=12, attack=0.25, decay=2.0, sustain=0.8, release=0.5,
                           voices=3, detune=14, gain=0.45),
    "soft_bass": Wavetable(slope=3.0, harmonics=3, attack=0.02, decay=1.2, sustain=0.5, release=0.2, gain=1.0),
    "bass": Wavetable(slope=1.4, harmonics=6, attack=0.006, decay=0.5, sustain=0.3, release=0.1,
                      bright_time=0.08, gain=1.0),
    "walking": Wavetable(slope=1.5, harmonics=6, attack=0.006, decay=0.35, sustain=0.2, release=0.08,
                         bright_time=0.05, gain=1.0),
    "tuba": Wavetable(slope=1.2, harmonics=7, attack=0.03, decay=0.5, sustain=0.7, release=0.1, gain=0.9),
    "synth_bass": Wavetable(slope=1.0, harmonics=9, attack=0.004, decay=0.18, sustain=0.5, release=0.06,
                            bright_time=0.06, gain=0.8),
    "marimba": Modal(partials=((1.0, 1.0, 0.45), (3.93, 0.35, 0.07), (9.2, 0.12, 0.025)), gain=1.0),
    "musicbox": Modal(partials=((1.0, 1.0, 1.1), (2.0, 0.12, 0.35), (5.4, 0.22, 0.12), (8.9, 0.08, 0.05)),
                      gain=0.9),
}


def play(instrument: str, note: float, seconds: float, velocity: float, brightness: float,
         rng: np.random.Generator) -> np.ndarray:
    """The sound of one note (MIDI number) held `seconds`, including its release tail."""
    if instrument not in INSTRUMENTS:
        raise KeyError(f"Unknown instrument {instrument!r}; valid ones are: {', '.join(INSTRUMENTS)}.")
    return INSTRUMENTS[instrument].play(midi_to_hz(note), seconds, velocity, brightness, rng)
