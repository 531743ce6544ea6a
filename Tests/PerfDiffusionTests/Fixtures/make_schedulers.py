#!/usr/bin/env python3
"""Regenerates schedulers.json, the scheduler fixtures of PerfDiffusionTests.

Needs torch and diffusers (pip install torch diffusers); CI does not run this script, the
tests read its committed output. For several scheduler_config.json contents it records
what diffusers' schedulers compute:

- ddpm: alphas_cumprod, add_noise and get_velocity for a few timesteps.
- ddim / euler: the timesteps (and sigmas) of set_timesteps, then one whole sampling loop
  driven by a deterministic fake model, FAKE(x, t)[i] = 0.1 * x[i] + 0.5 * sin(0.01 * t + 0.37 * i),
  recording at every step the model input, the model output, the predicted original sample
  and the next sample, so that a step can be checked on its own (its input sample is the
  previous step's output, or the initial sample) and the whole loop end to end.

All arrays are float32 values, written as the shortest decimals that read back exactly. Deterministic: the same file on
every run (the initial samples come from a seeded numpy generator).
"""
import json
import math
import os

import numpy as np
import torch
from diffusers import DDIMScheduler, DDPMScheduler, EulerDiscreteScheduler

HERE = os.path.dirname(os.path.abspath(__file__))
SHAPE = (1, 4, 2, 2)
SD = {"beta_schedule": "scaled_linear", "beta_start": 0.00085, "beta_end": 0.012}
ZERO_SNR = {"beta_schedule": "squaredcos_cap_v2", "rescale_betas_zero_snr": True}


def floats(tensor):
    array = tensor.detach().cpu().numpy() if isinstance(tensor, torch.Tensor) else np.asarray(tensor)
    # The shortest decimal that reads back as the same float32.
    return [float(str(v)) for v in array.astype(np.float32).reshape(-1)]


def fake_model(sample, t):
    index = torch.arange(sample.numel(), dtype=torch.float64).reshape(sample.shape)
    wave = torch.sin(0.01 * float(t) + 0.37 * index).to(torch.float32)
    return 0.1 * sample + 0.5 * wave


def initial_sample(seed):
    return torch.from_numpy(np.random.default_rng(seed).standard_normal(SHAPE).astype(np.float32))


def ddpm_case(name, config, timesteps):
    scheduler = DDPMScheduler(**config)
    rng = np.random.default_rng(len(name))
    shape = (len(timesteps), 3, 2, 2)
    original = torch.from_numpy(rng.standard_normal(shape).astype(np.float32))
    noise = torch.from_numpy(rng.standard_normal(shape).astype(np.float32))
    t = torch.tensor(timesteps, dtype=torch.int64)
    return {
        "name": name, "config": {"_class_name": "DDPMScheduler", **scheduler.config},
        "alphas_cumprod": floats(scheduler.alphas_cumprod),
        "shape": list(shape), "timesteps": timesteps,
        "original": floats(original), "noise": floats(noise),
        "noisy": floats(scheduler.add_noise(original, noise, t)),
        "velocity": floats(scheduler.get_velocity(original, noise, t)),
    }


def sampling_case(name, cls, config, steps, seed):
    scheduler = cls(**config)
    scheduler.set_timesteps(steps)
    sample = initial_sample(seed) * scheduler.init_noise_sigma
    record = {
        "name": name, "config": {"_class_name": cls.__name__, **scheduler.config},
        "steps": steps, "shape": list(SHAPE),
        "timesteps": [float(t) for t in scheduler.timesteps.tolist()],
        "init_noise_sigma": float(scheduler.init_noise_sigma),
        "initial": floats(sample), "trajectory": [],
    }
    if hasattr(scheduler, "sigmas"):
        record["sigmas"] = floats(scheduler.sigmas)
    for t in scheduler.timesteps:
        model_input = scheduler.scale_model_input(sample, t)
        output = fake_model(model_input, t)
        result = scheduler.step(output, t, sample)
        record["trajectory"].append({
            "timestep": float(t), "model_input": floats(model_input), "model_output": floats(output),
            "prev_sample": floats(result.prev_sample),
            "pred_original_sample": floats(result.pred_original_sample),
        })
        sample = result.prev_sample
    return record


def jsonable(value):
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items() if k != "_use_default_values"}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def main():
    ddpm = [
        ddpm_case("linear", {}, [0, 1, 500, 999]),
        ddpm_case("stable-diffusion", SD, [0, 250, 998, 999]),
        ddpm_case("cosine-zero-snr", ZERO_SNR, [0, 10, 990, 999]),
        ddpm_case("linear-zero-snr-100", {"num_train_timesteps": 100, "rescale_betas_zero_snr": True,
                                          "prediction_type": "v_prediction"}, [0, 50, 98, 99]),
        ddpm_case("cosine", {"beta_schedule": "squaredcos_cap_v2"}, [0, 333, 666, 999]),
    ]
    ddim = [
        sampling_case("stable-diffusion-1.5", DDIMScheduler,
                      {**SD, "steps_offset": 1, "set_alpha_to_one": False, "clip_sample": False}, 10, 1),
        sampling_case("zero-snr-trailing-v", DDIMScheduler,
                      {**ZERO_SNR, "timestep_spacing": "trailing", "prediction_type": "v_prediction",
                       "clip_sample": False}, 10, 2),
        sampling_case("linspace-sample-clipped", DDIMScheduler,
                      {"timestep_spacing": "linspace", "prediction_type": "sample", "clip_sample": True,
                       "clip_sample_range": 0.8}, 7, 3),
        sampling_case("trailing-epsilon-50", DDIMScheduler,
                      {**SD, "timestep_spacing": "trailing", "clip_sample": False}, 50, 4),
        sampling_case("leading-v-500", DDIMScheduler,
                      {"num_train_timesteps": 500, "steps_offset": 1, "prediction_type": "v_prediction",
                       "clip_sample": False, "set_alpha_to_one": False}, 25, 5),
        sampling_case("defaults", DDIMScheduler, {}, 10, 6),
    ]
    euler = [
        sampling_case("stable-diffusion", EulerDiscreteScheduler, {**SD}, 10, 11),
        sampling_case("zero-snr-trailing-v", EulerDiscreteScheduler,
                      {**ZERO_SNR, "timestep_spacing": "trailing", "prediction_type": "v_prediction"}, 10, 12),
        sampling_case("leading-offset", EulerDiscreteScheduler,
                      {**SD, "timestep_spacing": "leading", "steps_offset": 1}, 15, 13),
        sampling_case("linear-sample", EulerDiscreteScheduler, {"prediction_type": "sample"}, 8, 14),
    ]
    result = {"generator": "diffusers", "fake_model": "0.1 * x[i] + 0.5 * sin(0.01 * t + 0.37 * i)",
              "ddpm": ddpm, "ddim": ddim, "euler": euler}
    with open(os.path.join(HERE, "schedulers.json"), "w") as f:
        json.dump(jsonable(result), f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
