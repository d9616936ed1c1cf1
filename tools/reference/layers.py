"""Layer factories that honour a module-wide device, so the full-size SD 1.5 layout can be
built on the `meta` device (shapes only, no 4 GB allocation) by the same code that builds
the tiny numeric models."""
import contextlib

import torch
from torch import nn

_device = None


@contextlib.contextmanager
def on_device(device):
    global _device
    previous = _device
    _device = device
    try:
        yield
    finally:
        _device = previous


def conv2d(cin, cout, k, stride=1, padding=0):
    return nn.Conv2d(cin, cout, k, stride=stride, padding=padding, device=_device)


def linear(cin, cout, bias=True):
    return nn.Linear(cin, cout, bias=bias, device=_device)


def group_norm(channels, eps, groups=32):
    return nn.GroupNorm(groups, channels, eps=eps, device=_device)


def layer_norm(dim, eps=1e-5):
    return nn.LayerNorm(dim, eps=eps, device=_device)


def embedding(n, dim):
    return nn.Embedding(n, dim, device=_device)


def parameter(*shape):
    return nn.Parameter(torch.empty(tuple(shape), device=_device))


def silu(x):
    # swish / SiLU, written out as in the original code
    return x * torch.sigmoid(x)
