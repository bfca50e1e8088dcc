"""The procedural composer: a score (melody, chords, bass, percussion) from a style and a seed, then its sound.

Everything is rendered on a circle of exactly `seconds`: note tails and the reverb that run past
the end come back at the start, so a loop joins without a click. A non-looping piece is
rendered on a line instead, ends on the tonic and fades out.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import drums, instruments
from .instruments import SAMPLE_RATE
from .styles import MODES, Style

# Melody rhythms of one bar, in beats, from sparse to busy.
RHYTHMS = {
    4: {"slow": [(4,), (2, 2), (3, 1), (2, 1, 1)],
        "medium": [(1, 1, 2), (1, 1, 1, 1), (1.5, 0.5, 2), (2, 1, 1), (0.5, 0.5, 1, 2)],
        "fast": [(0.5, 0.5, 0.5, 0.5, 1, 1), (1, 0.5, 0.5, 1, 1), (0.5, 0.5, 1, 0.5, 0.5, 1),
                 (0.75, 0.25, 0.5, 0.5, 1, 1)]},
    3: {"slow": [(3,), (2, 1)],
        "medium": [(1, 1, 1), (2, 1), (1.5, 0.5, 1)],
        "fast": [(0.5, 0.5, 1, 1), (1, 0.5, 0.5, 1), (0.5, 0.5, 0.5, 0.5, 1)]},
}
LEAD_REGISTER = {"musicbox": 12, "flute": 12, "marimba": 0, "piano": 0, "strings": 0, "brass": -5,
                 "clarinet": -5, "synth": 0}
PAN = {"lead": 0.42, "bass": 0.5, "kick": 0.5, "snare": 0.45, "roll": 0.45, "tom": 0.6, "hat": 0.68,
       "shaker": 0.32, "brush": 0.55, "clap": 0.5, "ride": 0.7}


@dataclass(frozen=True)
class Note:
    start: float  # in beats from the start of the piece
    length: float  # in beats
    pitch: int  # MIDI number
    velocity: float
    part: str  # lead | chords | bass


@dataclass
class Score:
    """What the composer wrote: the notes, the drum hits and the tempo that fits the length exactly."""

    style: Style
    tempo: float
    bars: int
    notes: list[Note] = field(default_factory=list)
    hits: list[tuple[float, str, float]] = field(default_factory=list)  # (beat, sound, velocity)


def fit_bars(seconds: float, tempo: float, beats: int) -> tuple[int, float]:
    """A whole number of bars filling `seconds`, and the tempo that makes them fit (within 12 % if possible)."""
    bar = beats * 60.0 / tempo
    exact = seconds / bar
    for multiple in (4, 2, 1):
        bars = max(multiple, int(round(exact / multiple)) * multiple)
        fitted = bars * beats * 60.0 / seconds
        if abs(fitted / tempo - 1) <= 0.12:
            return bars, fitted
    bars = max(1, int(round(exact)))
    return bars, bars * beats * 60.0 / seconds


def _pitch(style: Style, degree: int, base: int) -> int:
    scale = MODES[style.mode]
    return base + scale[degree % 7] + 12 * (degree // 7)


def _into(pitch: int, low: int, high: int) -> int:
    while pitch < low:
        pitch += 12
    while pitch > high:
        pitch -= 12
    return pitch


def _chord(style: Style, bar: int, bars: int, ending: bool) -> list[int]:
    root = 0 if ending and bar == bars - 1 else style.progression[bar % len(style.progression)]
    size = 4 if style.sevenths else 3
    return [root + 2 * i for i in range(size)]


def _rhythm_pool(style: Style, rng: np.random.Generator) -> list[tuple]:
    table = RHYTHMS[3 if style.beats == 3 else 4]
    d = style.melody_density
    if d < 0.3:
        return table["slow"] + table["medium"][:1]
    if d < 0.55:
        return table["medium"] + table["slow"][:1]
    return table["medium"] + table["fast"]


def _melody(style: Style, bars: int, ending: bool, rng: np.random.Generator) -> list[Note]:
    """A melody in 4-bar phrases: a motif, a free bar, the motif again on the new chord, a cadence."""
    base = style.tonic + LEAD_REGISTER.get(style.lead, 0)
    pool = _rhythm_pool(style, rng)
    slow = RHYTHMS[3 if style.beats == 3 else 4]["slow"]
    motif_rhythm = pool[rng.integers(len(pool))]
    motif_steps: list[int] = []
    notes: list[Note] = []
    degree = int(rng.choice([0, 2, 4]))
    for bar in range(bars):
        chord = _chord(style, bar, bars, ending)
        place = bar % 4
        last = ending and bar == bars - 1
        if last:
            rhythm = (float(style.beats),)
        elif place in (0, 2):
            rhythm = motif_rhythm
        elif place == 3:
            rhythm = slow[rng.integers(len(slow))]
        else:
            rhythm = pool[rng.integers(len(pool))]
        beat = 0.0
        previous = degree
        for i, length in enumerate(rhythm):
            strong = beat == 0 or (style.beats == 4 and beat == 2)
            if last:
                degree = 7 if degree > 3 else 0
            elif place == 2 and motif_steps and i > 0:
                degree += motif_steps[min(i - 1, len(motif_steps) - 1)]
            elif strong:
                tones = [c + 7 * o for c in chord for o in (-1, 0, 1)]
                degree = min(tones, key=lambda c: abs(c - degree) + rng.random() * 1.5)
            else:
                step = int(rng.integers(1, style.leap + 1)) * (1 if rng.random() < 0.5 else -1)
                degree += step
            degree = int(np.clip(degree, -3, 9))
            if place == 0 and i > 0 and len(motif_steps) < len(rhythm) - 1:
                motif_steps.append(degree - previous)
            previous = degree
            rest = (not strong) and rng.random() < 0.12 * (1 - style.melody_density)
            if not rest:
                velocity = (0.85 if strong else 0.7) * (0.9 + 0.2 * rng.random())
                notes.append(Note(bar * style.beats + beat, length, _pitch(style, degree, base), velocity, "lead"))
            beat += length
        if place == 0:
            motif_steps = motif_steps[: len(rhythm) - 1]
    return notes


def _accompaniment(style: Style, bars: int, ending: bool, rng: np.random.Generator) -> list[Note]:
    """Chords in the style's pattern, and the bass line under them."""
    notes: list[Note] = []
    b = style.beats
    for bar in range(bars):
        degrees = _chord(style, bar, bars, ending)
        voiced = sorted(_into(_pitch(style, d, style.tonic - 12), 52, 66) for d in degrees)
        root = _into(_pitch(style, degrees[0], style.tonic - 24), 36, 47)
        fifth = _into(_pitch(style, degrees[2], style.tonic - 24), 36, 50)
        t0 = bar * b
        last = ending and bar == bars - 1
        kind = "pad" if last else style.accompaniment
        if kind == "pad":
            notes += [Note(t0, b, p, 0.5, "chords") for p in voiced]
        elif kind == "pulse":
            notes += [Note(t0, b, p, 0.45, "chords") for p in voiced]
            notes += [Note(t0 + k * 0.5, 0.4, voiced[0] - 12, 0.3 if k % 2 else 0.4, "chords") for k in range(2 * b)]
        elif kind == "broken":
            order = voiced + [voiced[0] + 12, voiced[1] + 12] if b == 4 else voiced + [voiced[1] + 12]
            step = 1.0 if style.tempo > 90 else 0.5
            for k in range(int(b / step)):
                notes.append(Note(t0 + k * step, 1.5, order[k % len(order)], 0.38, "chords"))
        elif kind == "oompah":
            for k in range(1, b) if b == 3 else (1, 3):
                notes += [Note(t0 + k, 0.45, p, 0.42, "chords") for p in voiced]
        elif kind == "arpeggio":
            order = voiced + [voiced[0] + 12]
            for k in range(4 * b):
                notes.append(Note(t0 + k * 0.25, 0.22, order[k % len(order)], 0.3 + 0.1 * (k % 4 == 0), "chords"))
        elif kind == "ostinato":
            for k in range(2 * b):
                pitch = voiced[0] if k % 2 == 0 else voiced[1 + (k // 2) % (len(voiced) - 1)]
                notes.append(Note(t0 + k * 0.5, 0.3, pitch, 0.45 if k % 2 == 0 else 0.35, "chords"))
        elif kind == "stabs":
            for start in (0, 1.5) if b == 4 else (0, 1.5):
                notes += [Note(t0 + start, 0.5, p, 0.42, "chords") for p in voiced]
        notes += _bass(style, t0, root, fifth, degrees, last, bar, bars, ending)
    return notes


def _bass(style: Style, t0: float, root: int, fifth: int, degrees: list[int], last: bool, bar: int, bars: int,
          ending: bool) -> list[Note]:
    b = style.beats
    if last:
        return [Note(t0, b, root, 0.8, "bass")]
    if style.bass == "walking":
        following = _chord(style, (bar + 1) % bars, bars, ending)[0]
        target = _into(_pitch(style, following, style.tonic - 24), 36, 47)
        third = _into(_pitch(style, degrees[1], style.tonic - 24), 36, 50)
        line = [root, third, fifth, target + (1 if target < fifth else -1)][:b]
        return [Note(t0 + k, 0.95, p, 0.75, "bass") for k, p in enumerate(line)]
    if style.bass == "synth_bass":
        return [Note(t0 + k + 0.5, 0.4, root + (12 if k % 2 else 0), 0.7, "bass") for k in range(b)]
    if style.accompaniment == "ostinato":
        return [Note(t0 + k * 0.5, 0.4, root + (12 if k == 4 else 0), 0.75 if k % 2 == 0 else 0.55, "bass")
                for k in range(2 * b)]
    if style.accompaniment == "oompah":
        return [Note(t0, 0.9, root, 0.8, "bass")] + ([Note(t0 + 2, 0.9, fifth, 0.7, "bass")] if b == 4 else [])
    return [Note(t0, b, root, 0.6, "bass")]


def write_score(style: Style, seconds: float, seed: int, ending: bool = False) -> Score:
    """The notes and drum hits of a piece of exactly `seconds` (deterministic for a seed)."""
    rng = np.random.default_rng([seed, 1])
    bars, tempo = fit_bars(seconds, style.tempo, style.beats)
    score = Score(style=style, tempo=tempo, bars=bars)
    score.notes = _melody(style, bars, ending, rng) + _accompaniment(style, bars, ending, rng)
    groove = drums.pattern(style.drums, style.beats)
    for bar in range(bars - (1 if ending else 0)):
        for sound, hits in groove.items():
            for beat, velocity in hits:
                score.hits.append((bar * style.beats + beat, sound, velocity * (0.9 + 0.2 * rng.random())))
    if ending and groove:
        score.hits.append(((bars - 1) * style.beats, "kick" if "kick" in groove else next(iter(groove)), 0.9))
    return score


def _swung(beat: float, swing: float) -> float:
    """Off-beat eighths arrive a little late in swing."""
    return beat + swing if swing and abs(beat % 1 - 0.5) < 1e-6 else beat


def _add(bus: np.ndarray, sound: np.ndarray, start: int, loop: bool) -> None:
    """Mix a sound into a bus; on a loop, what runs past the end continues at the start."""
    n = len(bus)
    start %= n
    end = min(n, start + len(sound))
    bus[start:end] += sound[: end - start]
    rest = sound[end - start:]
    while loop and len(rest):
        take = min(n, len(rest))
        bus[:take] += rest[:take]
        rest = rest[take:]


def _reverb_response(n: int, amount: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """A stereo room: decaying noise (darker as it fades) after a few early echoes."""
    length = 0.6 + 2.0 * amount
    m = int(length * SAMPLE_RATE)
    t = np.arange(m) / SAMPLE_RATE
    pair = []
    for _ in range(2):
        tail = rng.standard_normal(m) * np.exp(-t / (length / 6.9))
        tail = np.convolve(tail, np.ones(4) / 4, mode="same")
        for delay in rng.uniform(0.008, 0.045, 5):
            tail[int(delay * SAMPLE_RATE)] += rng.uniform(0.3, 0.7)
        tail[: int(0.005 * SAMPLE_RATE)] = 0
        pair.append(tail / np.sqrt(np.sum(tail**2)))
    return pair[0], pair[1]


def _spectrum(x: np.ndarray, size: int) -> np.ndarray:
    from scipy import fft  # single precision halves the time of the biggest step

    return fft.rfft(x.astype(np.float32), size)


def _folded(ir: np.ndarray, n: int) -> np.ndarray:
    """An impulse response wrapped onto a circle of n samples (circular convolution)."""
    out = np.zeros(n)
    for k in range(0, len(ir), n):
        piece = ir[k:k + n]
        out[: len(piece)] += piece
    return out


def _tone(channel: np.ndarray, brightness: float, loop: bool) -> np.ndarray:
    """A gentle low-pass set by brightness; on a loop the filter starts warmed up on the loop's end."""
    from scipy import signal

    cutoff = 1800 + 9000 * brightness ** 1.5
    sos = signal.butter(2, cutoff, fs=SAMPLE_RATE, output="sos")
    warm = int(0.05 * SAMPLE_RATE) if loop else 0
    padded = np.concatenate([channel[len(channel) - warm:], channel]) if warm else channel
    return signal.sosfilt(sos, padded)[warm:]


def _master(dry: list[np.ndarray], send: np.ndarray, style: Style, loop: bool,
            rng: np.random.Generator) -> np.ndarray:
    """Reverb (one send, a different room response per side) in the frequency domain, tone, then the level."""
    from scipy import fft

    n = len(send)
    left_ir, right_ir = _reverb_response(n, style.reverb, rng)
    size = n if loop else fft.next_fast_len(n + len(left_ir), real=True)
    sent = _spectrum(send, size) * (0.35 + 0.9 * style.reverb)
    out = []
    for bus, ir in zip(dry, (left_ir, right_ir)):
        wet = fft.irfft(sent * _spectrum(_folded(ir, n) if loop else ir, size), size)[:n]
        out.append(_tone(bus + wet, style.brightness, loop))
    stereo = np.stack(out, axis=1)
    rms = np.sqrt(np.mean(stereo**2)) + 1e-9
    stereo *= 0.16 / rms
    return (np.tanh(stereo * 1.1) / np.tanh(1.1) * 0.95).astype(np.float32)


def render(score: Score, seconds: float, seed: int, loop: bool = True) -> np.ndarray:
    """The sound of a score: float32 stereo (frames, 2) at SAMPLE_RATE, exactly `seconds` long."""
    rng = np.random.default_rng([seed, 2])
    style = score.style
    n = int(round(seconds * SAMPLE_RATE))
    beat_seconds = 60.0 / score.tempo
    left, right, send = np.zeros(n), np.zeros(n), np.zeros(n)
    voices = {"lead": style.lead, "chords": style.chords, "bass": style.bass}
    levels = {"lead": 0.55, "chords": 0.28, "bass": 0.5}
    sends = {"lead": 0.9, "chords": 1.0, "bass": 0.25}
    played: dict[tuple, np.ndarray] = {}  # a piece repeats its chords and motifs: synthesise each sound once
    for note in score.notes:
        start = _swung(note.start, style.swing)
        key = (note.part, note.pitch, round(note.length, 4))
        if key not in played:
            played[key] = instruments.play(voices[note.part], note.pitch, note.length * beat_seconds * 0.95,
                                           1.0, style.brightness, rng)
        sound = played[key] * (note.velocity * levels[note.part])
        pan = PAN.get(note.part, 0.3 + 0.4 * rng.random())
        at = int(round(start * beat_seconds * SAMPLE_RATE))
        _add(left, sound * (1 - pan), at, loop)
        _add(right, sound * pan, at, loop)
        _add(send, sound * sends[note.part], at, loop)
    kit = drums.make_kit(rng) if score.hits else {}
    for beat, sound_name, velocity in score.hits:
        sound = kit[sound_name] * velocity * 0.35  # light percussion: it accompanies, never leads
        pan = PAN[sound_name]
        at = int(round(_swung(beat, style.swing) * beat_seconds * SAMPLE_RATE))
        _add(left, sound * (1 - pan), at, loop)
        _add(right, sound * pan, at, loop)
        _add(send, sound * 0.3, at, loop)
    return _master([left, right], send * 0.5, style, loop, rng)
