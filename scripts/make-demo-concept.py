#!/usr/bin/env python3
"""Writes Examples/demo-concept/concept.safetensors: a concept-shaped tensor file with seeded
random float16 values, for exercising the package workflow (pack, sign, publish, install).

It has the tensors DESIGN §3 names for a concept of the built-in model's geometry (text width
64; cross-attention in the two lower UNet levels, 64 channels): token_embedding,
target_input, superclass_input and one value_target per cross-attention layer. It is NOT a
trained concept. Reproduce with:  python3 scripts/make-demo-concept.py
"""
import pathlib

import numpy as np
from safetensors.numpy import save_file

WIDTH = 64
LAYERS = [
    "down_blocks.1.attentions.0.transformer_blocks.0.attn2",
    "down_blocks.2.attentions.0.transformer_blocks.0.attn2",
    "mid_block.attentions.0.transformer_blocks.0.attn2",
    "up_blocks.0.attentions.0.transformer_blocks.0.attn2",
    "up_blocks.0.attentions.1.transformer_blocks.0.attn2",
    "up_blocks.1.attentions.0.transformer_blocks.0.attn2",
    "up_blocks.1.attentions.1.transformer_blocks.0.attn2",
]

rng = np.random.default_rng(20231)
tensors = {
    "token_embedding": rng.standard_normal(WIDTH).astype(np.float16),
    "target_input": rng.standard_normal(WIDTH).astype(np.float16),
    "superclass_input": rng.standard_normal(WIDTH).astype(np.float16),
}
for layer in LAYERS:
    tensors[f"value_target.{layer}"] = rng.standard_normal(64).astype(np.float16)

out = pathlib.Path(__file__).resolve().parent.parent / "Examples" / "demo-concept" / "concept.safetensors"
save_file(tensors, str(out), metadata={"format": "perf-concept", "note": "random demo tensors, not trained"})
print(out)
