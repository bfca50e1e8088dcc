"""Work per UNet step of SD-Turbo and SDXL-Turbo at their published architectures: parameters and
floating-point operations counted by torch's FlopCounterMode on the meta device (no weights, no
memory, a few seconds), one latent at 512 px and 1024 px, 77 tokens, no guidance.

    .venv/bin/python -m bench.unet_flops

Why: whether SDXL-Turbo is offered on a CPU with OpenVINO. A count, not a timing: a step's time on
one CPU scales with its FLOPs for these convolution/attention UNets (same kernels, same precision),
so the SD-Turbo OpenVINO timings of bench/imagegen.py give the order of an SDXL-Turbo step.
"""
from __future__ import annotations


def count(config: dict, side: int, hidden: int, sdxl: bool) -> tuple[float, float]:
    """(parameters in G, TFLOP) of one UNet call on a 1x4x(side/8)x(side/8) latent."""
    import torch
    from diffusers import UNet2DConditionModel
    from torch.utils.flop_counter import FlopCounterMode

    with torch.device("meta"):
        unet = UNet2DConditionModel(**config)
        params = sum(p.numel() for p in unet.parameters()) / 1e9
        latent = torch.randn(1, 4, side // 8, side // 8)
        extra = {"added_cond_kwargs": {"text_embeds": torch.randn(1, 1280), "time_ids": torch.randn(1, 6)}} \
            if sdxl else {}
        with FlopCounterMode(display=False) as counter, torch.no_grad():
            unet(latent, torch.tensor([999.0]), torch.randn(1, 77, hidden), **extra)
    return params, counter.get_total_flops() / 1e12


def main() -> int:
    from tests.fixtures.models_imagegen import SD_TURBO_UNET, SDXL_TURBO_UNET

    rows = {}
    for name, config, hidden, sdxl in (("sd-turbo", SD_TURBO_UNET, 1024, False),
                                       ("sdxl-turbo", SDXL_TURBO_UNET, 2048, True)):
        for side in (512, 1024):
            rows[name, side] = count(config, side, hidden, sdxl)
            params, tflop = rows[name, side]
            print(f"{name:11} {side:5d} px  parameters {params:.2f} G  TFLOP per step {tflop:.3f}")
    for side in (512, 1024):
        ratio = rows["sdxl-turbo", side][1] / rows["sd-turbo", side][1]
        print(f"sdxl-turbo / sd-turbo at {side} px: {ratio:.2f}x the work per step")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
