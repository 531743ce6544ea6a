#!/usr/bin/env python3
"""Regenerates tiny-sd/, a tiny random Stable Diffusion in diffusers layout, and its outputs.

Needs torch, transformers and diffusers (pip install torch transformers diffusers); run
make_tokenizer.py first (the text encoder reads its vocabulary). CI does not run this
script; the tests read its committed output, so CI needs no Python machine-learning stack.

tiny-sd/ is written by StableDiffusionPipeline.save_pretrained(safe_serialization=True):
- text_encoder: CLIPTextModel, 2 layers, width 32, 4 heads, quick_gelu, float32 weights.
- tokenizer: the vocabulary of tokenizer/ (transformers 5 writes tokenizer.json).
- unet: UNet2DConditionModel, block_out_channels (16, 32), CrossAttnDownBlock2D + DownBlock2D,
  UNetMidBlock2DCrossAttn, UpBlock2D + CrossAttnUpBlock2D, 2 layers per block, 2 and 4 heads
  (attention_head_dim [2, 4]), cross_attention_dim 32, 8 groups, sample_size 8; float16 weights.
- vae: AutoencoderKL, block_out_channels (16, 32), 4 latent channels, 8 groups, 16x16 pictures;
  float16 weights.
- scheduler: DDIMScheduler as Stable Diffusion 1.5 samples with it.
Weights are float16 for the UNet and VAE to keep the folder small; every reference output
below is computed in float32 from exactly those float16 values.

tiny-sd-outputs.safetensors holds float32 reference outputs (metadata: the prompts):
- text.<k>.input_ids [77] (I64), text.<k>.last_hidden_state [1, 77, 32] for the prompts
  in metadata "prompt.<k>".
- unet.sample [2, 4, 8, 8], unet.timestep [] (I64), unet.encoder_hidden_states [2, 77, 32],
  unet.noise_pred [2, 4, 8, 8]: one UNet forward, prompts 0 and 1 as the batch.
- vae.image [1, 3, 16, 16] in [-1, 1], vae.latent_mean / vae.latent_logvar [1, 4, 8, 8]
  (encoder), vae.latents [1, 4, 8, 8] and vae.decoded [1, 3, 16, 16] (decoder, unscaled
  latents in, as vae.decode receives them).
- pipeline.initial_latents [1, 4, 8, 8], pipeline.latents.<i> [1, 4, 8, 8] after step i
  (i = 0..9), pipeline.image [1, 16, 16, 3] in [0, 1]: StableDiffusionPipeline with the
  prompt of metadata "pipeline.prompt", negative prompt "", 10 DDIM steps, guidance 7.5.

Deterministic (fixed seeds): rerunning gives the same tensors; only the order of the
outputs file's metadata entries may change (safetensors keeps metadata in a hash map).
"""
import json
import os
import shutil

import torch
from diffusers import AutoencoderKL, DDIMScheduler, StableDiffusionPipeline, UNet2DConditionModel
from safetensors.torch import save_file
from transformers import CLIPTextConfig, CLIPTextModel, CLIPTokenizer

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "tiny-sd")
PROMPTS = ["a photo of a red circle", "", "a bullseye circle next to a checkered square, " * 12]
PIPELINE_PROMPT = "a small yellow star above a big purple heart"


def round_to_half(model):
    """Makes every parameter exactly representable in float16, keeping float32 compute."""
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.copy_(parameter.half().float())
    return model


def build():
    torch.manual_seed(0)
    tokenizer = CLIPTokenizer.from_pretrained(os.path.join(HERE, "tokenizer"))
    text_config = CLIPTextConfig(
        vocab_size=len(tokenizer), hidden_size=32, intermediate_size=37, num_hidden_layers=2,
        num_attention_heads=4, max_position_embeddings=77, hidden_act="quick_gelu", layer_norm_eps=1e-5,
        projection_dim=32, bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id)
    text_encoder = CLIPTextModel(text_config).eval()
    torch.manual_seed(1)
    unet = UNet2DConditionModel(
        sample_size=8, in_channels=4, out_channels=4, block_out_channels=(16, 32), layers_per_block=2,
        down_block_types=("CrossAttnDownBlock2D", "DownBlock2D"), mid_block_type="UNetMidBlock2DCrossAttn",
        up_block_types=("UpBlock2D", "CrossAttnUpBlock2D"), attention_head_dim=(2, 4),
        cross_attention_dim=32, norm_num_groups=8).eval()
    torch.manual_seed(2)
    vae = AutoencoderKL(
        in_channels=3, out_channels=3, block_out_channels=(16, 32), layers_per_block=1, latent_channels=4,
        down_block_types=("DownEncoderBlock2D",) * 2, up_block_types=("UpDecoderBlock2D",) * 2,
        norm_num_groups=8, sample_size=16).eval()
    # Random initialisations are too tame to tell mistakes apart: widen every normalisation
    # and bias so that a wrong wiring shows in the outputs.
    with torch.no_grad():
        for model in (unet, vae):
            for name, parameter in model.named_parameters():
                if name.endswith("bias") or "norm" in name:
                    parameter.add_(0.1 * torch.randn_like(parameter))
    round_to_half(unet)
    round_to_half(vae)
    scheduler = DDIMScheduler(beta_schedule="scaled_linear", beta_start=0.00085, beta_end=0.012,
                              steps_offset=1, set_alpha_to_one=False, clip_sample=False)
    return StableDiffusionPipeline(vae=vae, text_encoder=text_encoder, tokenizer=tokenizer, unet=unet,
                                   scheduler=scheduler, safety_checker=None, feature_extractor=None,
                                   requires_safety_checker=False)


@torch.no_grad()
def outputs(pipe):
    tensors, metadata = {}, {"pipeline.prompt": PIPELINE_PROMPT, "pipeline.negative_prompt": "",
                             "pipeline.steps": "10", "pipeline.guidance": "7.5"}
    states = []
    for k, prompt in enumerate(PROMPTS):
        ids = pipe.tokenizer(prompt, padding="max_length", max_length=pipe.tokenizer.model_max_length,
                             truncation=True, return_tensors="pt").input_ids
        hidden = pipe.text_encoder(ids).last_hidden_state
        tensors[f"text.{k}.input_ids"] = ids[0].clone()
        tensors[f"text.{k}.last_hidden_state"] = hidden.clone()
        metadata[f"prompt.{k}"] = prompt
        states.append(hidden)

    generator = torch.Generator().manual_seed(3)
    sample = torch.randn((2, 4, 8, 8), generator=generator)
    timestep = torch.tensor(500, dtype=torch.int64)
    context = torch.cat(states[:2])
    tensors.update({"unet.sample": sample, "unet.timestep": timestep, "unet.encoder_hidden_states": context,
                    "unet.noise_pred": pipe.unet(sample, timestep, context).sample})

    image = torch.rand((1, 3, 16, 16), generator=generator) * 2 - 1
    posterior = pipe.vae.encode(image).latent_dist
    latents = torch.randn((1, 4, 8, 8), generator=generator)
    tensors.update({"vae.image": image, "vae.latent_mean": posterior.mean, "vae.latent_logvar": posterior.logvar,
                    "vae.latents": latents, "vae.decoded": pipe.vae.decode(latents).sample})

    initial = torch.randn((1, 4, 8, 8), generator=generator)
    steps = []
    def record(pipeline, index, timestep, kwargs):
        steps.append(kwargs["latents"].clone())
        return {}
    image = pipe(PIPELINE_PROMPT, negative_prompt="", num_inference_steps=10, guidance_scale=7.5,
                 latents=initial.clone(), output_type="np", callback_on_step_end=record).images
    tensors["pipeline.initial_latents"] = initial
    for i, latents in enumerate(steps):
        tensors[f"pipeline.latents.{i}"] = latents
    tensors["pipeline.image"] = torch.from_numpy(image)
    return {k: v.contiguous() for k, v in tensors.items()}, metadata


def main():
    pipe = build()
    results, metadata = outputs(pipe)
    shutil.rmtree(OUT, ignore_errors=True)
    pipe.unet.half()
    pipe.vae.half()
    pipe.save_pretrained(OUT, safe_serialization=True)
    save_file(results, os.path.join(HERE, "tiny-sd-outputs.safetensors"), metadata=metadata)


if __name__ == "__main__":
    main()
