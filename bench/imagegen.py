"""Seconds per picture, first-picture time and peak memory: diffusers' defaults, the project's PyTorch
path and its OpenVINO path, same run; agreement of the OpenVINO pictures with PyTorch fp32.

    .venv/bin/python -m bench.imagegen                 # 512 px, 1 and 4 steps, 3 interleaved rounds
    .venv/bin/python -m bench.imagegen --rounds 5      # more rounds (medians over rounds)
    .venv/bin/python -m bench.imagegen --quick         # 256 px, 1 step, 1 round (a quick look)
    .venv/bin/python -m bench.imagegen --profile       # where a 1-step picture's time goes (OpenVINO path)

The real SD-Turbo architecture (UNet 866M, OpenCLIP-H text encoder, SD VAE, TAESD) with random
weights, written once as a diffusers folder in the release layout (fp16 variant files) under
--work (default /tmp/atelier-bench-sd) and converted there to OpenVINO IR by the app's own
function (the conversion time is measured once and kept in bench-conversion.json). Nothing is
downloaded. Each setting runs in its own process (its peak memory is its own); rounds alternate
the settings so that a busy machine slows them alike; each figure is a median over rounds.

- defaults: StableDiffusionPipeline.from_pretrained as diffusers sets it up (full VAE decoder,
  torch's thread defaults), the whole prompt encoded for every picture;
- pytorch: the project's PyTorch path (pipelines.imagegen.model.ImageModel: TAESD, every core,
  fused attention, the hero's description encoded once), fp32;
- openvino: the project's OpenVINO path (pipelines.imagegen.openvino_engine.OpenVINOImageModel)
  at this CPU's precision (bf16 with AMX or AVX512-BF16, else f32); f32 and int8 weights are
  measured once more after the rounds, for the agreement table and for machines without bf16.

Agreement: for the same prompt, seed and 4 steps, the relative error of the final latents
(||a - b|| / ||b||) and the PSNR of the decoded 512 px picture (same TAESD decoder), each engine
and precision against the PyTorch fp32 path. The last line reads
`RESULT imagegen steps=4 defaults_s=<x> atelier_s=<y> ratio=<x/y>`: x and y are the medians over
the rounds of this run of the defaults and of the engine the app's registry picks here
(``atelier_setting``: OpenVINO at ``chosen_precision`` on a CPU with OpenVINO installed, else the
PyTorch path), and ratio is exactly x/y. The median of the per-round ratios is printed above it
(a round's settings run one after the other, so they share the machine's load).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERO = "a small blue dragon with big round eyes and a red scarf"
PANELS = ["eats an ice cream on the beach", "flies over a castle", "reads a book in the forest",
          "plays football with a cat", "sleeps under the moon"]
AGREE_SEED, AGREE_PANEL = 11, 0
RUNS = "bench-runs.jsonl"


def _peak_rss_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def _facts(size: int):
    from pipelines.imagegen.model import ModelFacts

    return ModelFacts("sd-turbo", "sd", "fp16", "taesd", steps=1, max_steps=8, guidance=0.0, size=size)


def prepare(work: Path, size: int) -> dict:
    """The real-size folders (built once) and their IR (converted once, timed): conversion facts."""
    sys.path.insert(0, str(ROOT))
    from tests.fixtures.models_imagegen import build_sd_turbo_folder

    sd, taesd = work / "sd-turbo", work / "taesd"
    if not (taesd / "config.json").exists() or not (sd / "model_index.json").exists():
        print("writing the SD-Turbo architecture with random weights ...", file=sys.stderr, flush=True)
        build_sd_turbo_folder(work, tiny=False)
    record = work / "bench-conversion.json"
    facts = json.loads(record.read_text()) if record.exists() else {}
    from pipelines.imagegen import openvino_engine as ove

    if not (sd / "openvino" / "unet.xml").exists() or not (taesd / "openvino" / "decoder.xml").exists():
        print("converting to OpenVINO IR (once) ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        ove.convert_taesd(taesd, size=size)
        facts["taesd_s"] = time.perf_counter() - started
        started = time.perf_counter()
        ove.convert_sd(sd, "fp16", size=size)
        facts["sd_s"] = time.perf_counter() - started
        facts["peak_rss_gb"] = _peak_rss_gb()
    if not (sd / "openvino" / f"{ove.INT8_PART}.xml").exists():
        print("compressing the UNet weights to int8 (NNCF, once) ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        ove.compress_int8(sd)
        facts["int8_s"] = time.perf_counter() - started
    record.write_text(json.dumps(facts, indent=2))
    return facts


# -- one setting, in its own process ---------------------------------------------------------------
def _load(setting: str, work: Path, size: int):
    import torch
    from diffusers import StableDiffusionPipeline

    sd, taesd = work / "sd-turbo", work / "taesd"
    if setting == "defaults":
        pipe = StableDiffusionPipeline.from_pretrained(sd, variant="fp16", dtype=torch.float32, safety_checker=None,
                                                       feature_extractor=None, requires_safety_checker=False)
        pipe.set_progress_bar_config(disable=True)
        return pipe
    if setting == "pytorch":
        from pipelines.imagegen.model import ImageModel

        return ImageModel.load(sd, _facts(size), taesd)
    from pipelines.imagegen.openvino_engine import OpenVINOImageModel

    model = OpenVINOImageModel.load(sd, _facts(size), taesd, setting.split("-", 1)[1])
    model.warm_up(size, size)  # as the app's backend does while loading (compiled-model cache)
    return model


def atelier_setting() -> str:
    """The setting the app's registry runs here (StableDiffusionBackend.engines, with TAESD present):
    'openvino-<precision>' on a CPU with OpenVINO installed and `engine` not forced to pytorch,
    precision from ``chosen_precision`` (bf16 / f32, int8 only once turned on); else 'pytorch'."""
    from pipelines.config import settings
    from pipelines.device import probe
    from pipelines.imagegen.openvino_engine import chosen_precision, openvino_installed

    if settings().engine != "pytorch" and probe().kind == "cpu" and openvino_installed():
        return "openvino-" + chosen_precision("sd-turbo")
    return "pytorch"


def run_one(setting: str, work: Path, size: int, steps_list: list[int], out: Path, agree: bool) -> dict:
    """Time pictures for one setting in this process (plain JSON result)."""
    import numpy as np
    import torch

    started = time.perf_counter()
    model = _load(setting, work, size)
    load_s = time.perf_counter() - started

    def picture(panel: int, steps: int, seed: int) -> tuple[float, object, object]:
        begin = time.perf_counter()
        latents = None
        if setting == "defaults":
            with torch.inference_mode():
                image = model(prompt=f"{HERO}, comic panel, {PANELS[panel % len(PANELS)]}", num_inference_steps=steps,
                              guidance_scale=0.0, width=size, height=size,
                              generator=torch.Generator("cpu").manual_seed(seed)).images[0]
        elif setting == "pytorch":
            image = model.generate([f"{HERO}, comic panel", PANELS[panel % len(PANELS)]], "", seed=seed, steps=steps,
                                   width=size, height=size)
        else:  # generate() is exactly denoise() then decode(): timed as such, latents kept
            latents = model.denoise([f"{HERO}, comic panel", PANELS[panel % len(PANELS)]], "", seed=seed,
                                    steps=steps, width=size, height=size)
            image = model.decode(latents)
        return time.perf_counter() - begin, image, latents

    compile_s = getattr(model, "compile_seconds", 0.0)  # OpenVINO: in load (warm_up), cache hit or not
    first_s, _, _ = picture(4, 1, 0)  # first picture after loading (PyTorch plans its kernels here)
    times = {}
    for steps in steps_list:
        seconds, image, latents = picture(AGREE_PANEL, steps, AGREE_SEED)
        times[str(steps)] = seconds
        if agree and steps == max(steps_list) and setting != "defaults":
            if latents is None:  # the PyTorch reference's latents: one more run, not timed
                with torch.inference_mode():
                    latents = model.pipe(prompt_embeds=model.prompt_embeds([f"{HERO}, comic panel",
                                                                           PANELS[AGREE_PANEL]]),
                                         guidance_scale=0.0, num_inference_steps=steps, width=size, height=size,
                                         generator=torch.Generator("cpu").manual_seed(AGREE_SEED),
                                         output_type="latent").images
            np.save(out / f"{setting}-latents.npy", latents.numpy())
            image.save(out / f"{setting}.png")
    return {"setting": setting, "threads": torch.get_num_threads(), "load_s": load_s, "first_s": first_s,
            "compile_s": compile_s, "seconds": times, "peak_rss_gb": _peak_rss_gb()}


class _Timed:
    """A part of the OpenVINO model whose calls are timed (everything else passes through)."""

    def __init__(self, part, name: str, times: dict):
        self.part, self.name, self.times = part, name, times

    def __getattr__(self, attr):
        return getattr(self.part, attr)

    def __call__(self, *arrays):
        begin = time.perf_counter()
        out = self.part(*arrays)
        self.times.setdefault(self.name, []).append(time.perf_counter() - begin)
        return out


def profile(work: Path, size: int, rounds: int) -> int:
    """Where the time of a 1-step picture goes on the app's OpenVINO path (this process, medians):
    reading the IR, compiling (and whether OpenVINO's compiled-model cache was hit), then per
    picture: the text encoder (the hero's description is cached, each panel's words are new), the
    UNet step, the TAESD decoder, the rest of the Python loop (tokenizer, noise, scheduler, tensor
    copies), the conversion to a PIL picture and the PNG file as the job writes it."""
    import tempfile

    from pipelines.imagegen.generate import save_png
    from pipelines.imagegen.openvino_engine import OpenVINOImageModel

    setting = atelier_setting()
    if not setting.startswith("openvino"):
        print(f"the app runs {setting} here: nothing to profile on the OpenVINO path", file=sys.stderr)
        return 1
    precision = setting.split("-", 1)[1]
    started = time.perf_counter()
    model = OpenVINOImageModel.load(work / "sd-turbo", _facts(size), work / "taesd", precision)
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    model.warm_up(size, size)
    compile_s = time.perf_counter() - started
    hits = model.cache_hits()
    threads = {name: part._compiled[part.shapes[0]].get_compiled_model().get_property("INFERENCE_NUM_THREADS")
               for name, part in model.parts.items() if part.shapes}
    times: dict[str, list[float]] = {}
    for name in list(model.parts):
        model.parts[name] = _Timed(model.parts[name], name, times)
    out = Path(tempfile.mkdtemp(prefix="bench-png-"))
    for r in range(max(rounds, 3) + 1):  # the first picture is not counted
        panel = f"{PANELS[r % len(PANELS)]}, picture {r}"  # new words each time, as in a workshop
        begin = time.perf_counter()
        latents = model.denoise([f"{HERO}, comic panel", panel], "", seed=r, steps=1, width=size, height=size)
        image = model.decode(latents)
        picture_s = time.perf_counter() - begin
        begin = time.perf_counter()
        save_png(image, out / f"{r}.png", {"Software": "Atelier"})
        png_s = time.perf_counter() - begin
        if r == 0:
            times.clear()
            continue
        parts_s = sum(times[name][-1] for name in ("text_encoder", "unet", "decoder"))
        times.setdefault("other", []).append(picture_s - parts_s)  # this picture's own remainder
        times.setdefault("picture (denoise + decode)", []).append(picture_s)
        times.setdefault("PNG file", []).append(png_s)
    med = {k: statistics.median(v) for k, v in times.items()}
    other = med["other"]
    print(f"OpenVINO {precision}, {size}x{size}, 1 step, medians of {max(rounds, 3)} pictures; "
          f"load average {_load_average()}; threads per part {threads}")
    print(f"read IR {read_s:.2f} s; compile {compile_s:.2f} s; compiled-model cache hit: {hits}")
    rows = [("text encoder (1 new chunk, hero cached)", med["text_encoder"]), ("UNet step", med["unet"]),
            ("TAESD decoder", med["decoder"]), ("Python loop, tokenizer, scheduler, to PIL", other),
            ("picture (sum of the above)", med["picture (denoise + decode)"]), ("PNG file (job)", med["PNG file"])]
    for label, seconds in rows:
        print(f"{label:44}{seconds:8.3f} s")
    return 0


def _spawn(setting: str, args, steps: list[int], agree: bool, round_: int) -> dict:
    print(f"  {setting} (load average {_load_average()}) ...", file=sys.stderr, flush=True)
    cmd = [sys.executable, "-m", "bench.imagegen", "--one", setting, "--size", str(args.size), "--work",
           str(args.work), "--steps", ",".join(map(str, steps)), "--round", str(round_)]
    cmd += ["--agree"] if agree else []
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if out.returncode:
        print(out.stderr[-3000:], file=sys.stderr)
        raise SystemExit(out.returncode)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _agreement(work: Path, setting: str) -> tuple[float, float]:
    import numpy as np
    from PIL import Image

    from pipelines.imagegen.openvino_engine import psnr

    ref = np.load(work / "agree" / "pytorch-latents.npy")
    ours = np.load(work / "agree" / f"{setting}-latents.npy")
    rel = float(np.linalg.norm(ours - ref) / np.linalg.norm(ref))
    return rel, psnr(Image.open(work / "agree" / f"{setting}.png"), Image.open(work / "agree" / "pytorch.png"))


def _load_average() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="256 px, 1 step, 1 round")
    parser.add_argument("--size", type=int, help="picture side in pixels (default 512)")
    parser.add_argument("--steps", default=None, help="comma-separated step counts (default 1,4)")
    parser.add_argument("--rounds", type=int, default=None, help="interleaved rounds (default 2)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/atelier-bench-sd"),
                        help="folder for the model files and their IR (kept between runs)")
    parser.add_argument("--resume", action="store_true",
                        help="keep the runs a stopped bench finished (--work/bench-runs.jsonl) and go on")
    parser.add_argument("--report", action="store_true",
                        help="print the tables of the runs finished so far (--work/bench-runs.jsonl), run nothing")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--agree", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--round", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--profile", action="store_true",
                        help="time each part of a 1-step picture on the app's OpenVINO path, in this process")
    args = parser.parse_args(argv)
    args.size = args.size or (256 if args.quick else 512)
    steps = [int(s) for s in (args.steps or ("1" if args.quick else "1,4")).split(",")]
    rounds = args.rounds or (1 if args.quick else 3)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("ATELIER_DATA_DIR", str(args.work / "data"))  # the compiled-model cache lives here
    if args.profile:
        prepare(args.work, args.size)
        return profile(args.work, args.size, rounds)
    if args.one:
        (args.work / "agree").mkdir(parents=True, exist_ok=True)
        load1 = os.getloadavg()[0]
        result = {**run_one(args.one, args.work, args.size, steps, args.work / "agree", args.agree),
                  "round": args.round, "load1": load1}
        with open(args.work / RUNS, "a") as fh:  # kept: --resume goes on from finished runs
            fh.write(json.dumps({**result, "size": args.size, "steps": steps}) + "\n")
        print(json.dumps(result))
        return 0
    from pipelines.imagegen.openvino_engine import cpu_precision, openvino_installed

    load_before = _load_average()
    conversion = prepare(args.work, args.size)
    atelier = atelier_setting()
    order = list(dict.fromkeys(["defaults", "pytorch", atelier]))
    runs: dict[str, list[dict]] = {}
    done = 0
    if (args.resume or args.report) and (args.work / RUNS).exists():  # a stopped bench's runs, same size and steps
        for line in (args.work / RUNS).read_text().splitlines():
            run = json.loads(line)
            if run.get("size") == args.size and run.get("steps") == steps:
                runs.setdefault(run["setting"], []).append(run)
        done = min(len(runs.get(s, [])) for s in order)
        print(f"resuming after {done} finished round(s)", file=sys.stderr)
    else:
        (args.work / RUNS).unlink(missing_ok=True)
    if args.report:  # the tables of the finished runs only (a bench stopped at a deadline)
        rounds = done
    for r in range(done, rounds):
        print(f"round {r + 1}/{rounds} (load average {_load_average()}) ...", file=sys.stderr, flush=True)
        for setting in order[r % len(order):] + order[:r % len(order)]:
            result = _spawn(setting, args, steps, agree=(r == done), round_=r)
            runs.setdefault(result["setting"], []).append(result)
    for precision in ("f32", "bf16", "int8") if openvino_installed() and not args.report else ():
        if f"openvino-{precision}" not in runs:
            print(f"extra run: OpenVINO {precision} ...", file=sys.stderr, flush=True)
            result = _spawn(f"openvino-{precision}", args, steps, agree=True, round_=-1)
            runs.setdefault(result["setting"], []).append(result)

    def median(setting: str, steps_: int) -> float:
        return statistics.median(r["seconds"][str(steps_)] for r in runs[setting])

    names = list(runs)
    print(f"\nSD-Turbo architecture, random weights, {args.size}x{args.size}; rounds: {rounds} (medians; "
          f"{', '.join(f'{n} {len(v)}' for n, v in runs.items())} runs); the app runs {atelier} here "
          f"(OpenVINO precision on this CPU: {cpu_precision()}); load average before {load_before}, "
          f"after {_load_average()}")
    print(f"{'':26}" + "".join(f"{n:>15}" for n in names))
    for s in steps:
        print(f"{'seconds, ' + str(s) + ' step(s)':26}" + "".join(f"{median(n, s):15.2f}" for n in names))
        print(f"{'  speed-up vs defaults':26}" + "".join(f"{median('defaults', s) / median(n, s):14.2f}x"
                                                           for n in names))
    print(f"{'load (s)':26}" + "".join(f"{statistics.median(r['load_s'] for r in runs[n]):15.2f}" for n in names))
    print(f"{'  of which compile (s)':26}" + "".join(f"{statistics.median(r['compile_s'] for r in runs[n]):15.2f}"
                                                      for n in names))
    print(f"{'first picture, 1 step (s)':26}" + "".join(f"{statistics.median(r['first_s'] for r in runs[n]):15.2f}"
                                                         for n in names))
    print(f"{'peak RSS (GB)':26}" + "".join(f"{max(r['peak_rss_gb'] for r in runs[n]):15.2f}" for n in names))
    print(f"{'load average at start':26}" + "".join(f"{statistics.median(r.get('load1', 0) for r in runs[n]):15.1f}"
                                                     for n in names))
    nan = float("nan")
    print(f"conversion once (s): TAESD {conversion.get('taesd_s', nan):.0f}, UNet + text encoder "
          f"{conversion.get('sd_s', nan):.0f} (peak RSS {conversion.get('peak_rss_gb', nan):.1f} GB), "
          f"int8 compression {conversion.get('int8_s', nan):.0f} (nan: converted by an earlier run)")
    print(f"\nAgreement with PyTorch fp32, {max(steps)} steps, same prompt and seed (random weights):")
    print(f"{'':18}{'latent rel. error':>20}{'picture PSNR (dB)':>20}")
    for path in sorted((args.work / "agree").glob("openvino-*-latents.npy")):
        n = path.name.removesuffix("-latents.npy")
        rel, db = _agreement(args.work, n)
        made = time.strftime("%Y-%m-%d %H:%M", time.localtime(path.stat().st_mtime))
        print(f"{n:18}{rel:20.4f}{db:20.1f}   (made {made}{', this run' if n in names else ', an earlier run'})")
    s = max(steps)
    by_round = {(r.get("round"), r["setting"]): r["seconds"][str(s)] for n in order for r in runs[n]}
    per_round = [by_round[(i, "defaults")] / by_round[(i, atelier)] for i in range(rounds)
                 if (i, "defaults") in by_round and (i, atelier) in by_round]
    if per_round:
        print(f"\nper-round ratio defaults/{atelier} at {s} steps: "
              f"{' '.join(f'{x:.2f}' for x in per_round)} (median {statistics.median(per_round):.2f})")
    print(f"RESULT imagegen steps={s} defaults_s={median('defaults', s):.2f} atelier_s={median(atelier, s):.2f} "
          f"ratio={median('defaults', s) / median(atelier, s):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
