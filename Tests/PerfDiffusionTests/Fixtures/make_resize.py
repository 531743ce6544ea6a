"""Writes resize.json: seeded random RGB pictures and what Pillow's antialiased bilinear
resize, followed by a centre crop, makes of them (the diffusers training scripts' resize and
crop), for PictureResizeTests. Run: python3 make_resize.py (needs Pillow and numpy)."""
import json
import numpy as np
from PIL import Image

cases = []
rng = np.random.default_rng(5)
for (w, h, tw, th) in [(13, 9, 6, 6), (5, 4, 8, 8), (40, 30, 16, 16), (16, 16, 16, 16), (7, 20, 6, 9)]:
    pixels = rng.integers(0, 256, size=(h, w, 3), dtype=np.uint8)
    scale = max(tw / w, th / h)
    sw, sh = max(tw, round(w * scale)), max(th, round(h * scale))
    left, top = (sw - tw) // 2, (sh - th) // 2
    out = Image.fromarray(pixels).resize((sw, sh), Image.BILINEAR).crop((left, top, left + tw, top + th))
    cases.append({"width": w, "height": h, "pixels": pixels.flatten().tolist(),
                  "target_width": tw, "target_height": th, "expected": np.asarray(out).flatten().tolist()})
with open("resize.json", "w") as f:
    json.dump(cases, f)
