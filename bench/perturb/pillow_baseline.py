"""Pillow baseline for `npm run bench:perturb`: the same recipes as the studio, single process.

Decodes each source once, then renders downsample:4 (Lanczos down and back up), blur:2
(Gaussian), jpeg:20 (baseline, 4:2:0, no Huffman optimisation: Pillow's defaults) and noise:25
(Gaussian per channel), saving PNG (JPEG for jpeg:20) like the studio.
Usage: pillow_baseline.py research|matched OUT_DIR FILE...
  research: PNG saved with Pillow's defaults (zlib level 6), as research scripts call save().
  matched:  PNG at zlib level 2, the studio's own setting.
Prints one JSON line.
"""
import json
import os
import sys
import time

from PIL import Image, ImageChops, ImageFilter, ImageOps


PNG_LEVEL = 6


def render(path, out_dir, index):
    with Image.open(path) as opened:
        image = ImageOps.exif_transpose(opened).convert("RGB")
    width, height = image.size
    small = image.resize((max(1, round(width / 4)), max(1, round(height / 4))), Image.LANCZOS)
    small.resize((width, height), Image.LANCZOS).save(
        os.path.join(out_dir, f"{index}-down.png"), compress_level=PNG_LEVEL
    )
    image.filter(ImageFilter.GaussianBlur(2)).save(
        os.path.join(out_dir, f"{index}-blur.png"), compress_level=PNG_LEVEL
    )
    image.save(
        os.path.join(out_dir, f"{index}-jpeg.jpg"), quality=20, optimize=False, subsampling=2
    )
    # effect_noise draws N(128, sigma) per pixel; one band per channel, then re-centred.
    noise = Image.merge("RGB", [Image.effect_noise((width, height), 25) for _ in range(3)])
    ImageChops.add(image, noise, 1.0, -128).save(
        os.path.join(out_dir, f"{index}-noise.png"), compress_level=PNG_LEVEL
    )


def main():
    global PNG_LEVEL
    mode, out_dir, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
    PNG_LEVEL = {"research": 6, "matched": 2}[mode]
    os.makedirs(out_dir, exist_ok=True)
    started = time.perf_counter()
    cpu_started = time.process_time()
    for index, path in enumerate(paths):
        render(path, out_dir, index)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    print(json.dumps({"images": len(paths), "seconds": seconds, "cpu_seconds": cpu_seconds, "png_level": PNG_LEVEL}))


if __name__ == "__main__":
    main()
