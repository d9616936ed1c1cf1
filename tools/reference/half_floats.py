#!/usr/bin/env python3
"""Golden fixture for studio.engine.io.HalfFloats: float32 -> float16 / bfloat16 rounding as PyTorch does it.

Writes studio-engine/src/test/resources/studio/engine/io/half-floats.bin:
  int32 LE count, then per value: uint32 float32 bits, uint16 float16 bits, uint16 bfloat16 bits.
Inputs: specials, every boundary and midpoint of interest (max, overflow threshold, normal/subnormal
edge, ties to even), and random values over the whole exponent range.
Run: /usr/bin/python3 tools/reference/half_floats.py
"""
import os
import struct

import torch

torch.manual_seed(1234)


def f32(bits):
    return struct.unpack('<f', struct.pack('<I', bits))[0]


def bits32(x):
    return struct.unpack('<I', struct.pack('<f', x))[0]


values = [0.0, -0.0, 1.0, -1.0, float('inf'), float('-inf'), float('nan'),
          65504.0, 65505.0, 65519.0, 65519.996, 65520.0, 65536.0, 1e10, -65520.0,
          f32(0x7F7FFFFF), f32(0xFF7FFFFF), f32(0x00000001), f32(0x00800000),
          2.0 ** -14, 2.0 ** -24, 2.0 ** -25, 2.0 ** -25 * 1.0000001, 2.0 ** -26, 3 * 2.0 ** -25,
          2.0 ** -14 - 2.0 ** -25, 1.0 + 2.0 ** -11, 1.0 + 3 * 2.0 ** -11, 1.0 + 2.0 ** -8, 1.0 + 3 * 2.0 ** -8]
# Every float16 value and the midpoints to its neighbours (ties), plus values just either side of them.
halves = torch.arange(0, 0x7C00, dtype=torch.int32).to(torch.int16).view(torch.float16).float()
step = 37  # a spread sample keeps the fixture small
for h in halves[::step].tolist():
    values.append(h)
mids = ((halves[:-1] + halves[1:]) / 2)[::step]
for m in mids.tolist():
    b = bits32(m)
    values.extend([m, f32(b + 1), f32(b - 1) if b > 0 else m])
# bfloat16 ties: low 16 bits exactly 0x8000, with even and odd kept parts.
for hi in [0x3F80, 0x3F81, 0x4000, 0x4001, 0x7F7F, 0x0001, 0x8001]:
    values.extend([f32(hi << 16 | 0x8000), f32(hi << 16 | 0x7FFF), f32(hi << 16 | 0x8001)])
# Random bit patterns over all exponents (finite only).
rand = torch.randint(0, 2 ** 31 - 1, (1500,), dtype=torch.int64)
for r in rand.tolist():
    b = r if (r & 0x7F800000) != 0x7F800000 else r & 0x7F7FFFFF
    values.append(f32(b))
    values.append(f32(b | 0x80000000))

x = torch.tensor(values, dtype=torch.float32)
h = x.to(torch.float16).view(torch.int16).tolist()
bf = x.to(torch.bfloat16).view(torch.int16).tolist()

out = os.path.join(os.path.dirname(__file__), '..', '..', 'studio-engine', 'src', 'test', 'resources',
                   'studio', 'engine', 'io', 'half-floats.bin')
with open(out, 'wb') as f:
    f.write(struct.pack('<i', len(values)))
    for v, hv, bv in zip(x.tolist(), h, bf):
        f.write(struct.pack('<IHH', bits32(v), hv & 0xFFFF, bv & 0xFFFF))
print(f'wrote {len(values)} values to {os.path.normpath(out)}')
