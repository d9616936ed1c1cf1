#!/usr/bin/env python3
"""PNG fixtures written by Pillow (what AUTOMATIC1111 uses) for studio.engine.io PNG and mask tests.

Writes into studio-engine/src/test/resources/studio/engine/io/png/:
  text.png        3x2 RGB, "parameters" as tEXt (Latin-1 text, as A1111 writes it)
  itxt.png        same pixels, non-Latin-1 text: Pillow's add_text falls back to iTXt
  ztxt.png        same pixels, "parameters" as compressed zTXt
  itxt-zip.png    same pixels, "parameters" as compressed iTXt, after an unrelated tEXt chunk
  rgba.png        4x1 RGBA: white opaque, white transparent, black opaque, grey 128 at alpha 128
  gray.png        3x1 L: 0, 128, 255
  gray-alpha.png  2x1 LA: (255, 255), (255, 0)
  gray16.png      3x1 16-bit grey: 0, 32768, 65535
Run: /usr/bin/python3 tools/reference/png_fixtures.py
"""
import os

from PIL import Image
from PIL.PngImagePlugin import PngInfo

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'studio-engine', 'src', 'test', 'resources',
                   'studio', 'engine', 'io', 'png')
os.makedirs(OUT, exist_ok=True)

LATIN = ('a caf\u00e9 by the sea, (golden hour:1.2)\n'
         'Negative prompt: blurry\n'
         'Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 42, Size: 512x512, Model: v1-5-pruned-emaonly')
UNICODE = LATIN.replace('caf\u00e9', '\u732b\u3068\u72ac')  # "cat and dog" in Japanese

rgb = Image.new('RGB', (3, 2))
rgb.putdata([(255, 0, 0), (0, 255, 0), (0, 0, 255), (10, 20, 30), (128, 128, 128), (255, 255, 255)])


def save(image, name, info=None):
    image.save(os.path.join(OUT, name), pnginfo=info)


info = PngInfo()
info.add_text('parameters', LATIN)
save(rgb, 'text.png', info)

info = PngInfo()
info.add_text('parameters', UNICODE)
save(rgb, 'itxt.png', info)

info = PngInfo()
info.add_text('parameters', LATIN, zip=True)
save(rgb, 'ztxt.png', info)

info = PngInfo()
info.add_text('Software', 'Pillow')
info.add_itxt('parameters', UNICODE, lang='ja', tkey='\u30d1\u30e9\u30e1\u30fc\u30bf', zip=True)
save(rgb, 'itxt-zip.png', info)

rgba = Image.new('RGBA', (4, 1))
rgba.putdata([(255, 255, 255, 255), (255, 255, 255, 0), (0, 0, 0, 255), (128, 128, 128, 128)])
save(rgba, 'rgba.png')

gray = Image.new('L', (3, 1))
gray.putdata([0, 128, 255])
save(gray, 'gray.png')

la = Image.new('LA', (2, 1))
la.putdata([(255, 255), (255, 0)])
save(la, 'gray-alpha.png')

g16 = Image.new('I;16', (3, 1))
g16.putdata([0, 32768, 65535])
save(g16, 'gray16.png')

for name in sorted(os.listdir(OUT)):
    print(name, os.path.getsize(os.path.join(OUT, name)))

# Resampling reference: a random 13x9 image shrunk and enlarged with Pillow's BICUBIC filter.
import random
random.seed(5)
src = Image.new('RGB', (13, 9))
src.putdata([tuple(random.randrange(256) for _ in range(3)) for _ in range(13 * 9)])
save(src, 'resize-src.png')
save(src.resize((5, 4), Image.BICUBIC), 'resize-down-5x4.png')
save(src.resize((29, 20), Image.BICUBIC), 'resize-up-29x20.png')
save(src.resize((7, 17), Image.BICUBIC), 'resize-mixed-7x17.png')
