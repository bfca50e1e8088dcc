"""Audio files and edits: WAV and MP3 writing, fades, loop seams, decoding for checks."""
from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

from ..store.files import atomic_path

FORMATS = ("wav", "mp3")
MP3_RATES = (32000, 44100, 48000, 16000, 22050, 24000)  # MPEG-1 and MPEG-2 Layer III rates
MP3_KBPS = 128


def as_frames(audio: np.ndarray) -> np.ndarray:
    """Audio as float32 (frames, channels) in [-1, 1]; accepts mono 1-D arrays."""
    audio = np.asarray(audio, dtype=np.float32)
    if audio.ndim == 1:
        audio = audio[:, None]
    if audio.ndim != 2 or audio.shape[1] not in (1, 2):
        raise ValueError(f"audio must be shaped (frames,) or (frames, 1|2) but is {audio.shape}.")
    return np.clip(audio, -1.0, 1.0)


def to_int16(audio: np.ndarray) -> np.ndarray:
    return (as_frames(audio) * 32767.0).round().astype("<i2")


def fade(audio: np.ndarray, sample_rate: int, fade_in: float = 0.5, fade_out: float = 1.5) -> np.ndarray:
    """Raised-cosine fade-in and fade-out (seconds), shortened for very short audio."""
    audio = as_frames(audio).copy()
    n = len(audio)
    for seconds, at_start in ((fade_in, True), (fade_out, False)):
        k = min(int(seconds * sample_rate), n // 3)
        if k <= 1:
            continue
        ramp = (0.5 - 0.5 * np.cos(np.linspace(0, np.pi, k))).astype(np.float32)[:, None]
        if at_start:
            audio[:k] *= ramp
        else:
            audio[-k:] *= ramp[::-1]
    return audio


def loop_crossfade(audio: np.ndarray, sample_rate: int, seconds: float, overlap: float = 1.0) -> np.ndarray:
    """Make `seconds` of loopable audio from a longer take: its tail fades into its head."""
    audio = as_frames(audio)
    n = int(round(seconds * sample_rate))
    k = min(int(overlap * sample_rate), len(audio) - n, n // 2)
    if k <= 0:
        return audio[:n]
    out = audio[:n].copy()
    ramp = np.sin(np.linspace(0, np.pi / 2, k)).astype(np.float32)[:, None] ** 2
    out[:k] = audio[:k] * ramp + audio[n:n + k] * (1 - ramp)  # equal-gain: the tail continues into the head
    return out


def write_wav(audio: np.ndarray, sample_rate: int, path: Path | str) -> Path:
    """16-bit PCM WAV (written to a temporary name, then renamed)."""
    pcm = to_int16(audio)
    with atomic_path(path) as tmp:
        with wave.open(str(tmp), "wb") as out:
            out.setnchannels(pcm.shape[1])
            out.setsampwidth(2)
            out.setframerate(sample_rate)
            out.writeframes(pcm.tobytes())
    return Path(path)


def mp3_bytes(audio: np.ndarray, sample_rate: int, kbps: int = MP3_KBPS) -> bytes:
    """MP3 (LAME through lameenc): the compressed format every EPUB 3 reader must play."""
    if sample_rate not in MP3_RATES:
        raise ValueError(f"MP3 needs a sample rate in {MP3_RATES} but got {sample_rate}.")
    import lameenc

    pcm = to_int16(audio)
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(kbps)
    encoder.set_in_sample_rate(sample_rate)
    encoder.set_out_sample_rate(sample_rate)  # LAME would otherwise resample 32 kHz to 44.1 kHz
    encoder.set_channels(pcm.shape[1])
    encoder.set_quality(5)  # LAME's "good" default: 2 (high) costs more time for no audible gain here
    return bytes(encoder.encode(pcm.tobytes()) + encoder.flush())


def write_mp3(audio: np.ndarray, sample_rate: int, path: Path | str, kbps: int = MP3_KBPS) -> Path:
    data = mp3_bytes(audio, sample_rate, kbps)
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def write_audio(audio: np.ndarray, sample_rate: int, path: Path | str) -> Path:
    """Write audio as WAV or MP3, chosen by the file's suffix (.wav / .mp3)."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix == "wav":
        return write_wav(audio, sample_rate, path)
    if suffix == "mp3":
        return write_mp3(audio, sample_rate, path)
    raise ValueError(f"audio files must end in .wav or .mp3 but the path is {str(path)!r}.")


def write_both(audio: np.ndarray, sample_rate: int, folder: Path | str, stem: str = "music") -> dict[str, str]:
    """WAV (for editing) and MP3 (for ebooks) side by side; returns {'wav': path, 'mp3': path}."""
    folder = Path(folder)
    return {fmt: str(write_audio(audio, sample_rate, folder / f"{stem}.{fmt}")) for fmt in FORMATS}


def decode(path: Path | str) -> tuple[np.ndarray, int]:
    """Decode a WAV or MP3 file to float32 (frames, channels) and its sample rate (for checks and players)."""
    path = Path(path)
    if path.suffix.lower() == ".wav":
        with wave.open(str(path), "rb") as src:
            rate, channels = src.getframerate(), src.getnchannels()
            pcm = np.frombuffer(src.readframes(src.getnframes()), dtype="<i2")
        return (pcm.reshape(-1, channels) / 32768.0).astype(np.float32), rate
    import miniaudio

    info = miniaudio.get_file_info(str(path))  # decode at the file's own rate and channels (no resampling)
    decoded = miniaudio.decode_file(str(path), output_format=miniaudio.SampleFormat.SIGNED16,
                                    nchannels=info.nchannels, sample_rate=info.sample_rate)
    pcm = np.frombuffer(decoded.samples, dtype=np.int16).reshape(-1, decoded.nchannels)
    return (pcm / 32768.0).astype(np.float32), decoded.sample_rate


def duration(path: Path | str) -> float:
    """Seconds of audio in a WAV or MP3 file, as a player decodes it."""
    audio, rate = decode(path)
    return len(audio) / rate
