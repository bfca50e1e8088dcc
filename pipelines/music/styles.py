"""What a mood, a genre and an instrument mean in music: key, mode, tempo, metre, timbres."""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..i18n import UserError

# Scales as semitones above the tonic.
MODES = {
    "major": (0, 2, 4, 5, 7, 9, 11),
    "minor": (0, 2, 3, 5, 7, 8, 10),
    "dorian": (0, 2, 3, 5, 7, 9, 10),
    "harmonic_minor": (0, 2, 3, 5, 7, 8, 11),
    "mixolydian": (0, 2, 4, 5, 7, 9, 10),
}

NOTE_NAMES = ("C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B")


@dataclass(frozen=True)
class Style:
    """Everything the composer needs to know about one piece's character."""

    tonic: int  # MIDI note of the tonic in the melody's octave
    mode: str
    tempo: float  # beats per minute (the composer adjusts it slightly so whole bars fill the length)
    beats: int  # beats per bar (3 for waltzes and lullabies)
    progression: tuple[int, ...]  # scale degrees (0 = tonic) of one chord per bar
    lead: str  # instrument of the melody
    chords: str  # instrument of the chords
    bass: str
    accompaniment: str  # pad | broken | oompah | arpeggio | stabs | ostinato | pulse
    drums: str  # none | shaker | march | waltz | jazz | electro | adventure
    melody_density: float  # 0..1: how many short notes the melody uses
    brightness: float  # 0..1: darker (low-passed) to brighter
    reverb: float  # 0..1: dry to a large hall
    swing: float = 0.0  # delay of off-beat eighths, as a fraction of a beat
    sevenths: bool = False  # four-note chords (jazz)
    leap: int = 2  # largest melodic step, in scale degrees

    @property
    def key_name(self) -> str:
        """The key as musicians write it, e.g. 'F major'."""
        return f"{NOTE_NAMES[self.tonic % 12]} {self.mode.replace('_', ' ')}"


MOODS: dict[str, Style] = {
    "calm": Style(tonic=65, mode="major", tempo=68, beats=4, progression=(0, 5, 3, 4), lead="flute",
                  chords="strings", bass="soft_bass", accompaniment="broken", drums="none",
                  melody_density=0.15, brightness=0.3, reverb=0.7),
    "adventure": Style(tonic=62, mode="dorian", tempo=124, beats=4, progression=(0, 5, 2, 6), lead="brass",
                       chords="strings", bass="bass", accompaniment="ostinato", drums="adventure",
                       melody_density=0.6, brightness=0.7, reverb=0.45, leap=3),
    "mystery": Style(tonic=57, mode="harmonic_minor", tempo=76, beats=4, progression=(0, 5, 3, 4),
                     lead="musicbox", chords="pad", bass="soft_bass", accompaniment="pulse", drums="none",
                     melody_density=0.25, brightness=0.15, reverb=0.85, leap=3),
    "joy": Style(tonic=67, mode="major", tempo=132, beats=4, progression=(0, 4, 5, 3), lead="marimba",
                 chords="piano", bass="bass", accompaniment="oompah", drums="shaker",
                 melody_density=0.65, brightness=0.9, reverb=0.35),
}

# A genre keeps the mood's key and mode but changes the rhythm, the metre and the band.
GENRES: dict[str, dict] = {
    "lullaby": dict(tempo=62, beats=3, lead="musicbox", chords="pad", bass="soft_bass", accompaniment="broken",
                    drums="none", melody_density=0.1, reverb=0.75),
    "march": dict(tempo=112, beats=4, lead="brass", chords="brass_section", bass="tuba", accompaniment="oompah",
                  drums="march", melody_density=0.45),
    "waltz": dict(tempo=156, beats=3, lead="strings", chords="piano", bass="bass", accompaniment="oompah",
                  drums="waltz", melody_density=0.35),
    "jazz": dict(tempo=118, beats=4, lead="piano", chords="piano", bass="walking", accompaniment="stabs",
                 drums="jazz", melody_density=0.55, swing=0.17, sevenths=True, progression=(1, 4, 0, 5)),
    "electro": dict(tempo=122, beats=4, lead="synth", chords="synth_pad", bass="synth_bass",
                    accompaniment="arpeggio", drums="electro", melody_density=0.5, brightness=0.8, reverb=0.4),
}

# Lead instruments a player can ask for (the accompaniment follows the mood or genre).
INSTRUMENTS = ("piano", "strings", "flute", "clarinet", "marimba", "musicbox", "brass", "synth")


def style_for(mood: str, genre: str | None = None, instrument: str | None = None) -> Style:
    """The Style of a mood, changed by an optional genre and lead instrument."""
    if mood not in MOODS:
        raise UserError("music.errors.mood", mood=mood, valid=", ".join(MOODS))
    style = MOODS[mood]
    if genre:
        if genre not in GENRES:
            raise UserError("music.errors.genre", genre=genre, valid=", ".join(GENRES))
        style = replace(style, **GENRES[genre])
    if instrument:
        if instrument not in INSTRUMENTS:
            raise UserError("music.errors.instrument", instrument=instrument, valid=", ".join(INSTRUMENTS))
        style = replace(style, lead=instrument)
    return style
