"""`python -m pipelines music compose --mood calm --seconds 20 --seed 3 --out x.wav [--backend composer|musicgen]`."""
from __future__ import annotations

import time

from .styles import GENRES, INSTRUMENTS, MOODS


def cmd_compose(args) -> int:
    from .api import compose
    from .audio import write_audio

    started = time.perf_counter()
    music = compose(args.mood, args.seconds, args.seed, genre=args.genre, instrument=args.instrument,
                    backend=args.backend, prompt=args.prompt, story=args.story, loop=not args.no_loop)
    written = [write_audio(music.audio, music.sample_rate, path) for path in args.out]
    extra = " ".join(f"{k}={v}" for k, v in music.details.items())
    print(f"{music.backend}: {music.seconds:g} s of {args.mood} music (seed {music.seed}) in "
          f"{time.perf_counter() - started:.2f} s; {extra}")
    for path in written:
        print(f"  {path}")
    return 0


def register(sub) -> None:
    music = sub.add_parser("music", help="compose music for a story or a game")
    commands = music.add_subparsers(dest="music_command", metavar="ACTION", required=True)
    p = commands.add_parser("compose", help="write a piece of music to .wav and/or .mp3 files")
    p.add_argument("--mood", default="calm", choices=list(MOODS))
    p.add_argument("--seconds", type=float, default=20.0)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", action="append", required=True, metavar="FILE",
                   help="a .wav or .mp3 file (repeat --out for both)")
    p.add_argument("--backend", default=None, help="composer (default) or musicgen")
    p.add_argument("--genre", default=None, choices=list(GENRES))
    p.add_argument("--instrument", default=None, choices=list(INSTRUMENTS))
    p.add_argument("--prompt", default="", help="extra words for MusicGen (English)")
    p.add_argument("--story", default="", help="the story's text or summary, for MusicGen's description")
    p.add_argument("--no-loop", action="store_true", help="fade in and out instead of a seamless loop")
    p.set_defaults(func=cmd_compose)
