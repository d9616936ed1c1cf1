"""Golden values for the variation seed (studio.engine.sampling.VariationNoise).

AUTOMATIC1111 draws a batch item's variation noise with torch.manual_seed(variation seed), then its
noise with torch.manual_seed(seed), both torch.randn((C, H, W)) on the CPU, and blends them with its
slerp (modules/processing.py): norms and dot products along dim 1 of the (C, H, W) noise, a linear
blend (weighted the other way round) when the mean dot product is over 0.9995. This script restates
that published formula and runs it on Debian's python3-torch, the project's independent reference.

    /usr/bin/python3 tools/reference/variation_reference.py > studio-engine/src/test/resources/golden/variation/blend.json
"""
import json

import torch


def a1111_slerp(val, low, high):
    low_norm = low / torch.norm(low, dim=1, keepdim=True)
    high_norm = high / torch.norm(high, dim=1, keepdim=True)
    dot = (low_norm * high_norm).sum(1)
    if dot.mean() > 0.9995:
        return low * val + high * (1 - val)
    omega = torch.acos(dot)
    so = torch.sin(omega)
    return (torch.sin((1.0 - val) * omega) / so).unsqueeze(1) * low + (torch.sin(val * omega) / so).unsqueeze(1) * high


def case(seed, variation_seed, strength, shape=(4, 8, 8)):
    torch.manual_seed(variation_seed)
    sub = torch.randn(shape)
    torch.manual_seed(seed)
    noise = torch.randn(shape)
    out = a1111_slerp(strength, noise, sub)
    return {"seed": seed, "variation_seed": variation_seed, "strength": strength, "shape": list(shape),
            "noise": out.flatten().tolist()}


print(json.dumps({"torch": torch.__version__,
                  "cases": [case(11, 22, 0.25), case(11, 22, 0.8), case(5, 5, 0.3)]}))
