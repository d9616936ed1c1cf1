#!/usr/bin/env python3
"""A small safetensors file written without our writer, for studio.engine.io.SafetensorsFileTest.

Laid out by hand from the format description (u64 LE header length, JSON header, data region), with
tensor bytes from PyTorch. Each "x.<dtype>" tensor has an "x.<dtype>.expected" F32 twin holding
PyTorch's own widening of it, so the test needs no other reference. Unsorted JSON keys, a non-aligned
header length and an I64 tensor check that the reader does not depend on our writer's habits.
Run: /usr/bin/python3 tools/reference/safetensors_fixture.py
"""
import json
import os
import struct

import torch

torch.manual_seed(7)
base = torch.randn(3, 5) * 1000
base[0, 0] = 70000.0   # overflows float16
base[0, 1] = 1e-7      # float16 subnormal
base[0, 2] = -0.0

tensors = {
    'x.f16': base.to(torch.float16),
    'x.bf16': base.to(torch.bfloat16),
    'x.f32': base.clone(),
    'position_ids': torch.arange(7, dtype=torch.int64).reshape(1, 7),
}
for name in ['x.f16', 'x.bf16']:
    tensors[name + '.expected'] = tensors[name].float()

header = {'__metadata__': {'format': 'pt', 'note': 'hand laid out'}}
data = b''
for name in sorted(tensors, reverse=True):  # reverse order: the reader must not rely on sorted offsets
    t = tensors[name]
    raw = t.contiguous().view(torch.uint8).numpy().tobytes() if t.dtype != torch.bfloat16 \
        else t.view(torch.int16).numpy().tobytes()
    dtype = {torch.float16: 'F16', torch.bfloat16: 'BF16', torch.float32: 'F32', torch.int64: 'I64'}[t.dtype]
    header[name] = {'dtype': dtype, 'shape': list(t.shape), 'data_offsets': [len(data), len(data) + len(raw)]}
    data += raw
text = json.dumps(header).encode('utf-8')  # no padding: the header length need not be a multiple of 8

out = os.path.join(os.path.dirname(__file__), '..', '..', 'studio-engine', 'src', 'test', 'resources',
                   'studio', 'engine', 'io', 'reference.safetensors')
with open(out, 'wb') as f:
    f.write(struct.pack('<Q', len(text)))
    f.write(text)
    f.write(data)
print(f'wrote {os.path.normpath(out)} ({8 + len(text) + len(data)} bytes)')
