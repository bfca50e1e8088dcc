"""The fastest correct settings for running a Stable Diffusion pipeline on this machine.

Measured with `python -m bench.imagegen` (real SD-Turbo architecture, random weights). On a CPU
the full VAE decoder is most of the time (about 15 of 21 s for one 512 px image): the tiny
decoder TAESD does the same job in under a second. The app and the benchmark call the same
functions, so the benchmark measures what the app runs.
"""
from __future__ import annotations


def configure_threads() -> int:
    """Every core for intra-op work, one inter-op thread (the worker runs one job at a time)."""
    import torch

    from ..device import configure_torch_threads

    configure_torch_threads()
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass  # already set once in this process: torch allows it only before the first parallel work
    return torch.get_num_threads()


def tune_pipeline(pipe, device: str) -> None:
    """PyTorch's fused attention, channels-last convolutions on GPUs only, no progress bar.

    Measured here (real SD-Turbo UNet, 2 cores, fp32, one step): contiguous + default attention
    6.8 s, + fused attention 6.4 s, + channels-last 7.4 s (slower on this CPU, so not used on CPUs);
    int8 dynamic quantisation of the linear layers 6.6 s (no gain, 4 % error: not used).
    """
    import torch
    from diffusers.models.attention_processor import AttnProcessor2_0

    pipe.set_progress_bar_config(disable=True)
    unet = getattr(pipe, "unet", None)
    if unet is not None:
        unet.set_attn_processor(AttnProcessor2_0())
    if device.startswith("cuda"):
        for part in (unet, getattr(pipe, "vae", None)):
            if part is not None:
                part.to(memory_format=torch.channels_last)


# Seconds measured on a 2-core CPU with the real SD-Turbo architecture (512 px, fp32, TAESD):
# text encoder 0.4, one UNet step 4.6 to 6.4, tiny decoder 0.9. Used before this machine has timed a picture.
CPU_TEXT_S, CPU_STEP_S, CPU_DECODE_S = 0.4, 6.0, 0.9


def first_guess_seconds(steps: int, gpu: bool = False) -> float:
    """A first estimate of one picture's time, before the queue has timed any on this machine."""
    seconds = CPU_TEXT_S + max(1, steps) * CPU_STEP_S + CPU_DECODE_S
    return seconds / 15 if gpu else seconds  # a mid-range GPU is 10-20x faster on SD-Turbo
