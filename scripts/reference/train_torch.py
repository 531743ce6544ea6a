"""The base-training reference: diffusers' UNet2DConditionModel and transformers' CLIPTextModel,
built from a perf base model folder's configurations (fresh weights), trained with perf base
train's recipe (batch 64, AdamW lr 1e-3 and weight decay 0.01, v-prediction on the
zero-terminal-SNR linear schedule, 10% empty captions, gradients clipped to norm 1) on scenes
that `perf world render` wrote, printing the loss every 25 steps, so that perf's training curve
can be held against PyTorch's. Needs torch, diffusers, transformers and Pillow.
    python3 scripts/reference/train_torch.py MODEL_DIR SCENES_DIR STEPS [THREADS]
e.g. perf world render --seed 5000000 --count 12800 -o scenes, then MODEL_DIR = any perf base
train output (only its configurations and tokenizer are read).
"""
import sys, json, torch, numpy as np
from PIL import Image
from diffusers import UNet2DConditionModel, DDPMScheduler
from transformers import CLIPTokenizer, CLIPTextModel, CLIPTextConfig
root, data, steps = sys.argv[1], sys.argv[2], int(sys.argv[3])
torch.set_num_threads(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
torch.manual_seed(0)
tok = CLIPTokenizer.from_pretrained(root + "/tokenizer")
te = CLIPTextModel(CLIPTextConfig.from_pretrained(root + "/text_encoder"))
unet = UNet2DConditionModel.from_config(UNet2DConditionModel.load_config(root + "/unet"))
sch = DDPMScheduler(beta_schedule="linear", prediction_type="v_prediction", rescale_betas_zero_snr=True)
caps = [l.rstrip("\n") for l in open(data + "/captions.txt")]
n = len(caps)
pix = torch.tensor(np.stack([np.asarray(Image.open(f"{data}/{i:05d}.png").convert("RGB")) for i in range(n)])).permute(0, 3, 1, 2).float() / 127.5 - 1
ids_all = tok(caps, padding="max_length", max_length=tok.model_max_length, truncation=True, return_tensors="pt").input_ids
empty = tok([""], padding="max_length", max_length=tok.model_max_length, return_tensors="pt").input_ids
params = list(unet.parameters()) + list(te.parameters())
print("parameters", sum(p.numel() for p in unet.parameters()), sum(p.numel() for p in te.parameters()))
opt = torch.optim.AdamW(params, lr=1e-3, weight_decay=0.01)
smoothed = None
for step in range(steps):
    idx = torch.randint(0, n, (64,))
    x0 = pix[idx]; ids = ids_all[idx].clone()
    drop = torch.rand(64) < 0.1
    ids[drop] = empty
    noise = torch.randn_like(x0); t = torch.randint(0, 1000, (64,))
    xt = sch.add_noise(x0, noise, t); target = sch.get_velocity(x0, noise, t)
    out = unet(xt, t, encoder_hidden_states=te(ids)[0]).sample
    loss = torch.nn.functional.mse_loss(out, target)
    opt.zero_grad(); loss.backward(); torch.nn.utils.clip_grad_norm_(params, 1.0); opt.step()
    smoothed = loss.item() if smoothed is None else 0.9 * smoothed + 0.1 * loss.item()
    if (step + 1) % 25 == 0:
        print(f"step {step+1} loss {loss.item():.4f} smoothed {smoothed:.4f}", flush=True)
