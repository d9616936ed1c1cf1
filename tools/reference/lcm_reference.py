#!/usr/bin/env python3
"""Independent PyTorch reference for the studio's `lcm` sampler: diffusers' LCMScheduler math.

Follows LCMScheduler (diffusers, scheduling_lcm.py) as an SD LCM / LCM-LoRA pipeline drives it,
re-implemented in plain torch (diffusers is not a dependency):
  * set_timesteps(n): original_inference_steps 50, c = 1000 // 50, lcm_origin_timesteps =
    [20 i - 1 for i = 1..50] reversed, taken at floor(linspace(0, 50, n, endpoint=False));
  * step(): c_skip = sd^2 / ((10 t)^2 + sd^2), c_out = 10 t / sqrt((10 t)^2 + sd^2) (sigma_data
    0.5, timestep_scaling 10); x0 from eps (or v); denoised = c_out x0 + c_skip x_t; on every step but
    the last, x_prev = sqrt(a_prev) denoised + sqrt(1 - a_prev) randn; the last returns denoised;
  * the latent starts as the seed's first torch.randn draw (init_noise_sigma 1, scale_model_input
    is the identity) and the step noise keeps drawing from the same global generator;
  * classifier-free guidance only when guidance_scale > 1 (batched [uncond, cond]), else the
    conditional pass alone.
The schedule (alphas_cumprod) and the stand-in network are the ones of samplers_reference.py, so
the fixture tests the sampler on the same model every other sampler is tested on.

Writes studio-engine/src/test/resources/golden/sampling/lcm.json.
Run: /usr/bin/python3 tools/reference/lcm_reference.py
"""
import json
import math
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
from samplers_reference import (COND, OUT_DIR, SHAPE, UNCOND, alphas_cumprod, eps_model,  # noqa: E402
                                floats)

ORIGINAL_STEPS = 50
TIMESTEP_SCALING = 10.0
SIGMA_DATA = 0.5


def lcm_timesteps(n, train_steps=1000):
    c = train_steps // ORIGINAL_STEPS
    origin = np.asarray(list(range(1, ORIGINAL_STEPS + 1))) * c - 1
    skipping = origin[::-1].copy()
    indices = np.floor(np.linspace(0, ORIGINAL_STEPS, num=n, endpoint=False)).astype(np.int64)
    return skipping[indices]


def boundary(t):
    scaled = t * TIMESTEP_SCALING
    c_skip = SIGMA_DATA ** 2 / (scaled ** 2 + SIGMA_DATA ** 2)
    c_out = scaled / (scaled ** 2 + SIGMA_DATA ** 2) ** 0.5
    return c_skip, c_out


def network(x, t, scale):
    ts = torch.full((x.shape[0],), int(t), dtype=torch.long)
    if scale <= 1:
        return eps_model(x, ts, COND)
    u, c = eps_model(torch.cat([x] * 2), torch.cat([ts] * 2), torch.cat([UNCOND, COND])).chunk(2)
    return u + scale * (c - u)


def run(steps, scale, prediction, seed):
    timesteps = lcm_timesteps(steps)
    torch.manual_seed(seed)
    x = torch.randn(SHAPE)
    for i, t in enumerate(timesteps):
        out = network(x, t, scale)
        prev_t = timesteps[i + 1] if i + 1 < len(timesteps) else t
        a_t = alphas_cumprod[t]
        a_prev = alphas_cumprod[prev_t] if prev_t >= 0 else torch.tensor(1.0)
        b_t, b_prev = 1 - a_t, 1 - a_prev
        c_skip, c_out = boundary(int(t))
        if prediction == 'v':
            x0 = a_t.sqrt() * x - b_t.sqrt() * out
        else:
            x0 = (x - b_t.sqrt() * out) / a_t.sqrt()
        denoised = c_out * x0 + c_skip * x
        if i != len(timesteps) - 1:
            x = a_prev.sqrt() * denoised + b_prev.sqrt() * torch.randn(SHAPE)
        else:
            x = denoised
    return timesteps, x


CASES = [
    dict(steps=4, scale=1.0, prediction='eps', seed=42),
    dict(steps=6, scale=1.0, prediction='eps', seed=42),
    dict(steps=4, scale=0.5, prediction='eps', seed=5),    # <= 1: conditional pass only
    dict(steps=6, scale=1.8, prediction='eps', seed=3),    # > 1: guided
    dict(steps=4, scale=1.0, prediction='v', seed=7),
]


def main():
    torch.set_num_threads(1)
    cases = []
    for case in CASES:
        ts, out = run(**case)
        assert torch.isfinite(out).all(), case
        cases.append(dict(case, timesteps=[int(t) for t in ts], output=floats(out)))
    assert cases[0]['timesteps'] == [999, 759, 499, 259], cases[0]['timesteps']
    grids = {str(n): [int(t) for t in lcm_timesteps(n)] for n in (1, 2, 3, 4, 6, 8, 50)}
    path = os.path.join(OUT_DIR, 'lcm.json')
    with open(path, 'w') as f:
        json.dump({'shape': list(SHAPE), 'cond': COND[0, 0, 0].item(), 'uncond': UNCOND[0, 0, 0].item(),
                   'timesteps': grids, 'cases': cases}, f, separators=(',', ':'))
    print('wrote', len(cases), 'lcm cases to', os.path.normpath(path))


if __name__ == '__main__':
    main()
