"""Writes picture.jpg (a 12x8 colour JPEG, 4:2:0, quality 90) and a 10x6 greyscale one, with
the RGB pixels Pillow's libjpeg decodes from each in jpeg-pixels.json, for PictureJPEGTests.
Run: python3 make_jpeg.py (needs Pillow)."""
import json
from PIL import Image

colour = Image.new("RGB", (12, 8))
colour.putdata([((x * 21) % 256, (y * 31) % 256, ((x + y) * 13) % 256) for y in range(8) for x in range(12)])
colour.save("picture.jpg", quality=90)
grey = Image.new("L", (10, 6))
grey.putdata([(x * 25 + y * 7) % 256 for y in range(6) for x in range(10)])
grey.save("grey.jpg", quality=90)

out = {}
for name in ("picture.jpg", "grey.jpg"):
    decoded = Image.open(name).convert("RGB")
    out[name] = {"width": decoded.width, "height": decoded.height,
                 "pixels": [c for p in decoded.getdata() for c in p]}
with open("jpeg-pixels.json", "w") as f:
    json.dump(out, f)
