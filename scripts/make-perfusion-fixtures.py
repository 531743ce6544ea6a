#!/usr/bin/env python3
"""Writes Tests/PerfPerfusionTests/Fixtures/perfusion-parity.safetensors: the gated rank-1
edits of DESIGN §1 on small random numbers, computed by the reference implementations, for
PerfPerfusionTests/PerfusionParityTests to match within 1e-4 relative.

Reproduce (needs torch and the PyPI package perfusion-pytorch, e.g. in /tmp/diffusion-venv):
    /tmp/diffusion-venv/bin/pip install perfusion-pytorch==0.1.23
    /tmp/diffusion-venv/bin/python scripts/make-perfusion-fixtures.py

What computes what:
- `single.*`: one concept, keys and values, by perfusion-pytorch's `Rank1EditModule`
  (eval mode, its eq. 3-4 path for a single concept id), one module per concept merged
  with its `merge_rank1_edit_modules`.
- `approximate.*`: three concepts, keys and values, by the same module with a tuple of
  concept ids and `multi_concepts_use_cholesky=False` (its approximate multi-concept form).
- `exact.*` and `dependent.*`: the exact multi-concept form by an independent float64 NumPy
  implementation that does not use Cholesky or QR: the C^-1-orthogonal projection on
  span{i*_c} in closed form, P e = A (A^T C^-1 A)^+ A^T C^-1 e with A = [i*_1 ... i*_n].
  `dependent.*` repeats concept 0's direction (scaled by 1.5) as a third concept, so the
  span has rank 2 though there are 3 concepts.
- `shares`: s_c(e) = e^T C^-1 i*_c / (i*_c^T C^-1 i*_c) per concept and token (NumPy).

Where perfusion-pytorch differs from DESIGN §1 (we follow DESIGN; the fixtures use the
package only where the two agree):
1. Its exact ("Cholesky") multi-concept path removes sum_k u_k (u_k^T e), without C^-1 in
   the coefficient, while DESIGN (and the paper's appendix B, with C^-1-orthonormal u_k)
   removes sum_k u_k (u_k^T C^-1 e). So the exact form is checked against NumPy instead;
   the script prints how far the package's Cholesky path is from it.
2. It gives every concept of a multi-concept call one beta and tau (eval_beta,
   eval_temperature); DESIGN gives each concept its own gate. The package fixtures use one
   gate for all concepts; the NumPy fixtures give each concept its own.
3. It scales the gradient into the text encoder by frac_gradient_concept_embed (a value
   no-op) and keeps an EMA of i* in training mode; the fixtures run in eval mode with i*
   set directly, which is the forward DESIGN defines.
The gate's input is the same in both: s(e) from the states the projection itself reads.
Keys are locked as DESIGN says: the key module's concept output is W_K i_super.

All inputs are stored as F32 and every reference computes in float64 from those F32 values;
outputs are stored as F64.
"""
import pathlib

import numpy as np
import torch
from safetensors.numpy import save_file
from perfusion_pytorch.perfusion import Rank1EditModule, merge_rank1_edit_modules

torch.set_default_dtype(torch.float64)
rng = np.random.default_rng(20230806)

D, O, B, T, N = 16, 12, 2, 6, 3
BETA, TAU = 0.7, 0.15                         # the package fixtures' shared gate
GATES = [(0.7, 0.15), (0.6, 0.1), (0.75, 0.2)]  # per-concept gates of the NumPy fixtures


def f32(x):
    """x rounded to float32 and back to float64: what the Swift side reads."""
    return np.asarray(x, dtype=np.float32).astype(np.float64)


# Text statistics: an uncentered covariance of anisotropic states (moderately conditioned).
samples = rng.standard_normal((400, D)) * np.linspace(0.5, 2.0, D) + 0.3
covariance = f32(samples.T @ samples / len(samples))
c_inv = np.linalg.inv(covariance)

w_k = f32(rng.standard_normal((O, D)) / np.sqrt(D))
w_v = f32(rng.standard_normal((O, D)) / np.sqrt(D))
targets = f32(rng.standard_normal((N, D)))        # i*_c
supers = f32(rng.standard_normal((N, D)))         # i_super,c
value_targets = f32(rng.standard_normal((N, O)))  # o*_V,c

# Text states: noise, with some tokens mostly along one concept's input so that the shares
# cross the gate's threshold (0, 0.5, 0.7, 1, 1.2 of i* plus noise).
context = rng.standard_normal((B, T, D)) * 0.5
for b in range(B):
    for t, scale in zip(range(1, T), [0.5, 0.7, 1.0, 1.2, 0.9]):
        context[b, t] += scale * targets[(b + t) % N]
context = f32(context)


def package_module(weight, outputs, is_key, use_cholesky=False):
    """perfusion-pytorch's module for all N concepts: one single-concept module per concept,
    merged with `merge_rank1_edit_modules` (the package's way to combine trained concepts;
    constructing one with num_concepts > 1 directly fails in 0.1.23)."""
    singles = []
    for index in range(N):
        linear = torch.nn.Linear(D, O, bias=False)
        linear.weight.data.copy_(torch.from_numpy(weight))
        module = Rank1EditModule(linear, num_concepts=1, C=torch.from_numpy(covariance), text_seq_len=T,
                                 is_key_proj=is_key, eval_beta=BETA, eval_temperature=TAU)
        module.initted.fill_(True)
        module.ema_concept_text_encs.copy_(torch.from_numpy(targets[index:index + 1]))
        module.concept_outputs.data.copy_(torch.from_numpy(outputs[index:index + 1]))
        singles.append(module)
    merged = merge_rank1_edit_modules(*singles, use_cholesky=use_cholesky)
    merged.eval()
    return merged


def package_edit(weight, outputs, concept_ids, is_key, use_cholesky=False):
    """perfusion-pytorch's forward for the concepts `concept_ids` (an int or a tuple)."""
    with torch.no_grad():
        return package_module(weight, outputs, is_key, use_cholesky)(torch.from_numpy(context), concept_id=concept_ids).numpy()


def shares(inputs):
    """s_c(e) for every concept and token: [n, B, T]."""
    energy = np.einsum("ci,ij,cj->c", inputs, c_inv, inputs)
    return np.einsum("bti,ij,cj->cbt", context, c_inv, inputs) / energy[:, None, None]


def gate(s, beta, tau):
    return 1 / (1 + np.exp(-(s - beta) / tau))


def exact_edit(weight, inputs, outputs, gates):
    """DESIGN's exact form in closed form: W (e - P e) + sum_c sigma_c(e) o*_c."""
    a = inputs.T                                             # [D, n]
    gram = a.T @ c_inv @ a                                   # [n, n], singular for dependent inputs
    projection = a @ np.linalg.pinv(gram, rcond=1e-10) @ a.T @ c_inv
    kept = context - np.einsum("ij,btj->bti", projection, context)
    out = np.einsum("oi,bti->bto", weight, kept)
    for s, (beta, tau), o in zip(shares(inputs), gates, outputs):
        out += gate(s, beta, tau)[..., None] * o
    return out


key_targets = supers @ w_k.T                                  # o*_K,c = W_K i_super,c
tensors = {
    "covariance": covariance, "key_weight": w_k, "value_weight": w_v, "context": context,
    "target_inputs": targets, "superclass_inputs": supers, "value_targets": value_targets,
    "gates": np.array(GATES), "shares": shares(targets),
    "single.values": package_edit(w_v, value_targets, 0, False),
    "single.keys": package_edit(w_k, key_targets, 0, True),
    "approximate.values": package_edit(w_v, value_targets, (0, 1, 2), False),
    "approximate.keys": package_edit(w_k, key_targets, (0, 1, 2), True),
    "exact.values": exact_edit(w_v, targets, value_targets, GATES),
    "exact.keys": exact_edit(w_k, targets, key_targets, GATES),
}
dependent_inputs = np.stack([targets[0], targets[1], 1.5 * targets[0]])
tensors["dependent.values"] = exact_edit(w_v, dependent_inputs, value_targets, GATES)

# Sanity: with one concept the closed form equals the package's single-concept forward.
one = exact_edit(w_v, targets[:1], value_targets[:1], [(BETA, TAU)])
assert np.allclose(one, tensors["single.values"], rtol=1e-10, atol=1e-12)
same_gate_exact = exact_edit(w_v, targets, value_targets, [(BETA, TAU)] * N)
cholesky = package_edit(w_v, value_targets, (0, 1, 2), False, use_cholesky=True)
print("package Cholesky path vs DESIGN's exact form (same gate): max |diff| =",
      float(np.abs(cholesky - same_gate_exact).max()), "of max |value|", float(np.abs(same_gate_exact).max()))

out = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "PerfPerfusionTests" / "Fixtures" / "perfusion-parity.safetensors"
out.parent.mkdir(parents=True, exist_ok=True)
stored = {name: (np.asarray(value, dtype=np.float32) if name in
                 {"covariance", "key_weight", "value_weight", "context", "target_inputs", "superclass_inputs", "value_targets"}
                 else np.asarray(value, dtype=np.float64))
          for name, value in tensors.items()}
# One metadata entry: safetensors writes several in no fixed order, and the file must be reproducible.
save_file(stored, str(out), metadata={"generator": "scripts/make-perfusion-fixtures.py with perfusion-pytorch 0.1.23"})
print(out, out.stat().st_size, "bytes")
