#!/usr/bin/env python3
"""PyTorch CPU side of the Stable Diffusion 1.5 geometry benchmark (BENCHMARKS.md, "Diffusion runtime").

    python3 scripts/bench_unet_torch.py make DIR      # random SD1.5-shaped UNet + inputs + output
    python3 scripts/bench_unet_torch.py time DIR      # seconds per UNet step and peak memory

`make` builds diffusers' UNet2DConditionModel with Stable Diffusion 1.5's configuration
(block channels 320/640/1280/1280, 2 layers per block, 8 heads, cross-attention width 768,
64x64 latents) and random weights (torch.manual_seed(0), diffusers' own initialisation),
saves it with save_pretrained (float32 safetensors) to DIR/unet, and writes
DIR/inputs.safetensors: sample [2, 4, 64, 64], timestep, encoder_hidden_states [2, 77, 768]
and the UNet's output on them (noise_pred), so that perf can check itself on the same weights.

`time` loads DIR/unet, runs the UNet on batch 1 (one prompt, no guidance) and batch 2 (one
classifier-free-guidance step), or only on BATCH (env), with THREADS threads (env, default
2), after one warm-up, REPEATS (env, default 3) times each, and prints one JSON line per
batch: median seconds and peak resident memory (ru_maxrss) of the process.

`table FILE` reads the JSON lines of both engines from FILE and prints the comparison.
Needs torch, diffusers, safetensors.
"""
import json
import os
import resource
import statistics
import sys
import time

import torch
from diffusers import UNet2DConditionModel
from safetensors.torch import load_file, save_file

SD15 = dict(sample_size=64, in_channels=4, out_channels=4, block_out_channels=(320, 640, 1280, 1280),
            layers_per_block=2, attention_head_dim=8, cross_attention_dim=768, norm_num_groups=32,
            down_block_types=("CrossAttnDownBlock2D",) * 3 + ("DownBlock2D",),
            up_block_types=("UpBlock2D",) + ("CrossAttnUpBlock2D",) * 3)


@torch.no_grad()
def make(folder):
    torch.manual_seed(0)
    unet = UNet2DConditionModel(**SD15).eval()
    unet.save_pretrained(os.path.join(folder, "unet"), safe_serialization=True)
    generator = torch.Generator().manual_seed(1)
    sample = torch.randn((2, 4, 64, 64), generator=generator)
    context = torch.randn((2, 77, 768), generator=generator)
    timestep = torch.tensor(501, dtype=torch.int64)
    output = unet(sample, timestep, context).sample
    save_file({"sample": sample, "timestep": timestep, "encoder_hidden_states": context, "noise_pred": output},
              os.path.join(folder, "inputs.safetensors"))
    print(f"wrote {folder}/unet and {folder}/inputs.safetensors "
          f"({sum(p.numel() for p in unet.parameters()) / 1e6:.0f} M parameters)")


@torch.no_grad()
def measure(folder):
    threads = int(os.environ.get("THREADS", "2"))
    repeats = int(os.environ.get("REPEATS", "3"))
    torch.set_num_threads(threads)
    unet = UNet2DConditionModel.from_pretrained(os.path.join(folder, "unet")).eval()
    inputs = load_file(os.path.join(folder, "inputs.safetensors"))
    batches = (int(os.environ["BATCH"]),) if "BATCH" in os.environ else (1, 2)
    for batch in batches:
        sample = inputs["sample"][:batch]
        context = inputs["encoder_hidden_states"][:batch]
        unet(sample, inputs["timestep"], context)
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            unet(sample, inputs["timestep"], context)
            times.append(time.perf_counter() - start)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({"engine": f"pytorch {torch.__version__}", "batch": batch, "threads": threads,
                          "seconds": statistics.median(times), "runs": times, "peak_mib": round(peak)}), flush=True)


def table(path):
    rows = {}
    for line in open(path):
        if line.startswith("{"):
            result = json.loads(line)
            rows[(result["batch"], "perf" if result["engine"] == "perf" else "pytorch")] = result
    print("| batch | perf s/step | PyTorch s/step | perf / PyTorch | perf peak MiB | PyTorch peak MiB | perf vs PyTorch output |")
    print("|---|---|---|---|---|---|---|")
    for batch in sorted({b for b, _ in rows}):
        ours, theirs = rows.get((batch, "perf")), rows.get((batch, "pytorch"))
        if not ours or not theirs:
            continue
        print(f"| {batch} | {ours['seconds']:.1f} | {theirs['seconds']:.1f} | {ours['seconds'] / theirs['seconds']:.2f} "
              f"| {ours['peak_mib']} | {theirs['peak_mib']} | {ours['relative_error_vs_pytorch']:.1e} |")


if __name__ == "__main__":
    commands = {"make": make, "time": measure, "table": table}
    if len(sys.argv) != 3 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](sys.argv[2])
