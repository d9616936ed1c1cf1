"""Deterministic random weights for the tiny test models, rounded to float16 so that the
checkpoints can be stored as F16 (as real SD files are) while the reference math runs in
float32 on exactly the stored values."""
import math

import torch
from torch import nn


def init_tiny(module, seed, gain=1.0):
    g = torch.Generator().manual_seed(seed)
    norm_params = set()
    for mod_name, mod in module.named_modules():
        if isinstance(mod, (nn.GroupNorm, nn.LayerNorm)):
            prefix = mod_name + "." if mod_name else ""
            norm_params.add(prefix + "weight")
            norm_params.add(prefix + "bias")
    with torch.no_grad():
        for name, p in module.named_parameters():
            leaf = name.rsplit(".", 1)[-1]
            noise = torch.randn(p.shape, generator=g)
            if name in norm_params:
                # not exactly (1, 0), so a missing affine transform shows
                value = 1.0 + 0.1 * noise if leaf == "weight" else 0.1 * noise
            elif leaf == "logit_scale":
                value = torch.tensor(math.log(1 / 0.07))
            elif leaf in ("positional_embedding",) or name.endswith("position_embedding.weight"):
                value = 0.1 * noise
            elif name.endswith("token_embedding.weight"):
                value = 0.5 * noise
            elif p.dim() >= 2:
                fan_in = p[0].numel()
                value = gain * noise / math.sqrt(fan_in)
            else:  # biases
                value = 0.05 * noise
            p.copy_(value.half().float())
    return module
