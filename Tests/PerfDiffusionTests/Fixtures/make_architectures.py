#!/usr/bin/env python3
"""Regenerates architectures.json: the parameter names and shapes diffusers and transformers
give real-sized and unusual models, for PerfDiffusionTests to compare with perf's layouts.

Needs torch, transformers and diffusers; CI does not run this script. Models are built on
PyTorch's meta device, so no weights are allocated. For every case the file holds the
config as save_pretrained writes it (transformers: only non-default keys) and every
state_dict entry as [name, shape].
"""
import json
import os

import torch
from diffusers import AutoencoderKL, UNet2DConditionModel
from transformers import CLIPTextConfig, CLIPTextModel

HERE = os.path.dirname(os.path.abspath(__file__))


def unet(name, **config):
    with torch.device("meta"):
        model = UNet2DConditionModel(**config)
    return case(name, "unet", dict(model.config), model)


def vae(name, **config):
    with torch.device("meta"):
        model = AutoencoderKL(**config)
    return case(name, "vae", dict(model.config), model)


def text(name, **config):
    text_config = CLIPTextConfig(**config)
    with torch.device("meta"):
        model = CLIPTextModel(text_config)
    return case(name, "text_encoder", text_config.to_diff_dict(), model)


def case(name, component, config, model):
    config = {k: v for k, v in config.items() if k != "_use_default_values"}
    config = json.loads(json.dumps(config, default=list))
    tensors = [[key, list(value.shape)] for key, value in model.state_dict().items()]
    return {"name": name, "component": component, "config": config, "tensors": tensors}


def main():
    cases = [
        unet("stable-diffusion-1.5", sample_size=64, cross_attention_dim=768),
        unet("stable-diffusion-2", sample_size=96, cross_attention_dim=1024, attention_head_dim=[5, 10, 20, 20],
             use_linear_projection=True, upcast_attention=True),
        unet("unusual", sample_size=16, block_out_channels=(32, 64, 96),
             down_block_types=("DownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D"),
             up_block_types=("CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "UpBlock2D"),
             layers_per_block=[1, 2, 3], transformer_layers_per_block=[1, 2, 3], attention_head_dim=[2, 4, 8],
             cross_attention_dim=[48, 48, 48], norm_num_groups=16, time_embedding_dim=100, conv_in_kernel=5,
             conv_out_kernel=1, in_channels=3, out_channels=6, mid_block_type=None),
        vae("stable-diffusion", block_out_channels=(128, 256, 512, 512), layers_per_block=2, latent_channels=4,
            down_block_types=("DownEncoderBlock2D",) * 4, up_block_types=("UpDecoderBlock2D",) * 4,
            sample_size=512),
        vae("unusual", block_out_channels=(8, 16, 24), layers_per_block=3, latent_channels=3, norm_num_groups=8,
            down_block_types=("DownEncoderBlock2D",) * 3, up_block_types=("UpDecoderBlock2D",) * 3,
            use_quant_conv=False, use_post_quant_conv=False, mid_block_add_attention=False, in_channels=1),
        text("clip-vit-large", vocab_size=49408, hidden_size=768, intermediate_size=3072, num_hidden_layers=12,
             num_attention_heads=12, max_position_embeddings=77, projection_dim=768),
        text("open-clip-vit-h", vocab_size=49408, hidden_size=1024, intermediate_size=4096, num_hidden_layers=23,
             num_attention_heads=16, max_position_embeddings=77, hidden_act="gelu", projection_dim=512),
        text("defaults"),
    ]
    with open(os.path.join(HERE, "architectures.json"), "w") as f:
        json.dump({"generator": "diffusers / transformers state_dict on the meta device", "cases": cases}, f,
                  separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
