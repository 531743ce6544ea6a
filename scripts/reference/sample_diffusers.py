"""Samples a perf base model folder (diffusers layout, pixel space, no VAE) with diffusers' own
DDIMScheduler and classifier-free guidance, one picture per caption (the first 16 lines of
CAPTIONS), written as a 8x2 grid enlarged 4x: what diffusers draws with the same weights, to
hold perf generate's pictures against. Needs torch, diffusers, transformers and Pillow.
    python3 scripts/reference/sample_diffusers.py MODEL_DIR OUT.png CAPTIONS [GUIDANCE]
"""
import sys, torch
from PIL import Image
from diffusers import UNet2DConditionModel, DDIMScheduler
from transformers import CLIPTokenizer, CLIPTextModel
root, out = sys.argv[1], sys.argv[2]
prompts = [l.strip() for l in open(sys.argv[3])][:16]
g = float(sys.argv[4]) if len(sys.argv) > 4 else 1.5
tok = CLIPTokenizer.from_pretrained(root + "/tokenizer")
te = CLIPTextModel.from_pretrained(root + "/text_encoder").eval()
unet = UNet2DConditionModel.from_pretrained(root + "/unet").eval()
sch = DDIMScheduler.from_pretrained(root + "/scheduler")
torch.manual_seed(0)
def enc(ps):
    ids = tok(ps, padding="max_length", max_length=tok.model_max_length, truncation=True, return_tensors="pt").input_ids
    return te(ids)[0]
with torch.no_grad():
    c = enc(prompts); u = enc([""] * len(prompts))
    x = torch.randn(len(prompts), 3, 32, 32)
    sch.set_timesteps(50)
    for t in sch.timesteps:
        inp = torch.cat([x, x]); ctx = torch.cat([u, c])
        o = unet(inp, t, encoder_hidden_states=ctx).sample
        ou, oc = o.chunk(2)
        x = sch.step(ou + g * (oc - ou), t, x).prev_sample
img = ((x.clamp(-1, 1) + 1) * 127.5).round().byte().permute(0, 2, 3, 1).numpy()
grid = Image.new("RGB", (8 * 32, 2 * 32))
for i, a in enumerate(img):
    grid.paste(Image.fromarray(a), ((i % 8) * 32, (i // 8) * 32))
grid.resize((8 * 128, 2 * 128), Image.NEAREST).save(out)
