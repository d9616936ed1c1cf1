#!/usr/bin/python3
"""Reference edge maps for the studio's canny preprocessor: OpenCV's own cv2.Canny (Debian's
python3-opencv, 4.6; `apt-get install python3-opencv`), called as the ControlNet canny annotator and
AUTOMATIC1111's extension call it: on the RGB uint8 image, cv2.Canny(img, low, high) with the default
aperture 3 and L1 gradient.

    /usr/bin/python3 tools/reference/canny_reference.py --out studio-engine/src/test/resources/golden/controlnet

Writes canny-input.png (a synthetic 61x47 RGB picture: soft and hard colour edges, a disc, thin
lines, a gradient and seeded noise, so every NMS direction, ties between channels and hysteresis
chains occur) and canny-LOW-HIGH.png for a few threshold pairs. Deterministic.
"""
import argparse
import os

import cv2
import numpy as np
from PIL import Image

PAIRS = [(100, 200), (50, 120), (200, 400), (10, 30)]


def synthetic():
    h, w = 47, 61
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    img = np.zeros((h, w, 3), np.float64)
    img[..., 0] = 40 + 150 * (x / (w - 1))                      # red ramp: no edge at all
    img[..., 1] = np.where(x + 0.5 * y > 30, 200, 60)            # green: a slanted hard edge
    img[..., 2] = np.where((x - 40) ** 2 + (y - 20) ** 2 < 90, 230, 20)  # blue disc: every direction
    img[5:9, 3:25] = (250, 250, 250)                              # a white bar touching nothing
    img[30:46, 8] = (0, 0, 0)                                     # a thin dark vertical line
    img[np.abs(x - y - 10) < 0.8] = (255, 0, 128)                 # a one-pixel diagonal
    img[h - 1, :] = (255, 255, 0)                                 # the border row itself
    rng = np.random.default_rng(7)
    img += rng.normal(0, 12, img.shape)                           # weak edges for hysteresis
    blur = cv2.GaussianBlur(np.clip(img, 0, 255).astype(np.uint8), (3, 3), 0.8)
    out = np.clip(img, 0, 255).astype(np.uint8)
    out[25:, 30:] = blur[25:, 30:]                                # soft edges in one quarter
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    img = synthetic()
    Image.fromarray(img, "RGB").save(os.path.join(args.out, "canny-input.png"), optimize=False)
    for low, high in PAIRS:
        edges = cv2.Canny(img, low, high)
        Image.fromarray(edges, "L").save(os.path.join(args.out, f"canny-{low}-{high}.png"), optimize=False)
        print(f"canny {low} {high}: {int((edges > 0).sum())} edge pixels (OpenCV {cv2.__version__})")


if __name__ == "__main__":
    main()
