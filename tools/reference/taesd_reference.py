#!/usr/bin/env python3
"""Golden fixture for studio.engine.nn.taesd: the tiny autoencoder (madebyollin/taesd).

The network under test is the original taesd.py, imported at run time from a checkout (or bare git
mirror) of github.com/madebyollin/taesd; it is not copied into this repository. Weights are random
and regenerated from per-tensor seeds (torch.manual_seed(seed); torch.randn(shape) * std), so the
fixture stays a few kilobytes where the weights would be megabytes: the Java test redraws them with
libtorch's generator (the same generator NoiseSource relies on, checked by GoldenFixturesTest),
writes them into safetensors files under each naming and loads those through the real loader.

Two namings are recorded for every tensor:
  * taesd.py's own state-dict keys, the index in its nn.Sequential: decoder `1.weight`,
    `3.conv.0.weight`, ..., encoder `0.weight`, ...;
  * diffusers' AutoencoderTiny keys `decoder.layers.N...` / `encoder.layers.N...`. These are not
    written from a table here: a DecoderTiny / EncoderTiny is built following diffusers' constructor
    code (vae.py: conv, activation, blocks, upsample, bias-less conv, ...; the clamp is a function
    in its forward, not a layer) and the weights are copied over in parameter order; both stacks
    must then give the same outputs, which pins the names to the layers they belong to.

Writes studio-engine/src/test/resources/golden/taesd/taesd.io.safetensors.
Run: /usr/bin/python3 tools/reference/taesd_reference.py [--taesd PATH_TO_CHECKOUT_OR_GIT_DIR]
"""
import argparse
import importlib.util
import json
import math
import os
import subprocess
import sys
import tempfile

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(__file__))
import safetensors_io  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'studio-engine', 'src', 'test', 'resources',
                   'golden', 'taesd')
DEFAULT_TAESD = '/work/.mirror/madebyollin+taesd/repo'
LATENT_SHAPE = (1, 4, 6, 5)  # odd, non-square: shows any transposed or off-by-one spatial handling


def import_taesd(path):
    """taesd.py from a work tree, or from HEAD of a bare mirror (git show), plus the commit it came from."""
    if os.path.isfile(os.path.join(path, 'taesd.py')):
        source_file = os.path.join(path, 'taesd.py')
        commit = 'work tree'
    else:
        text = subprocess.check_output(['git', '--git-dir', path, 'show', 'HEAD:taesd.py'])
        commit = subprocess.check_output(['git', '--git-dir', path, 'rev-parse', 'HEAD']).decode().strip()
        source_file = os.path.join(tempfile.mkdtemp(), 'taesd.py')
        with open(source_file, 'wb') as f:
            f.write(text)
    spec = importlib.util.spec_from_file_location('taesd', source_file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module, commit


# ---------------------------------------------------------------- diffusers' layer lists (vae.py)

def diffusers_encoder_layers(block, num_blocks=(1, 3, 3, 3), width=64, latent=4):
    layers = []
    for i, n in enumerate(num_blocks):
        if i == 0:
            layers.append(nn.Conv2d(3, width, 3, padding=1))
        else:
            layers.append(nn.Conv2d(width, width, 3, padding=1, stride=2, bias=False))
        layers.extend(block(width, width) for _ in range(n))
    layers.append(nn.Conv2d(width, latent, 3, padding=1))
    return nn.Sequential(*layers)


def diffusers_decoder_layers(block, num_blocks=(3, 3, 3, 1), width=64, latent=4):
    layers = [nn.Conv2d(latent, width, 3, padding=1), nn.ReLU()]
    for i, n in enumerate(num_blocks):
        final = i == len(num_blocks) - 1
        layers.extend(block(width, width) for _ in range(n))
        if not final:
            layers.append(nn.Upsample(scale_factor=2, mode='nearest'))
        layers.append(nn.Conv2d(width, 3 if final else width, 3, padding=1, bias=final))
    return nn.Sequential(*layers)


# ---------------------------------------------------------------- weights

def fill(module, first_seed):
    """Seeded N(0, std²) weights; std 1/sqrt(fan_in) for kernels keeps the 19-layer stack finite."""
    specs = []
    with torch.no_grad():
        for i, (name, p) in enumerate(module.state_dict().items()):
            seed = first_seed + i
            fan_in = p[0].numel() if p.dim() > 1 else 1
            std = 1 / math.sqrt(fan_in) if p.dim() > 1 else 0.05
            std = float(torch.tensor(std, dtype=torch.float32))
            torch.manual_seed(seed)
            p.copy_(torch.randn(p.shape) * std)
            specs.append(dict(key=name, shape=list(p.shape), seed=seed, std=std))
    return specs


def renamed(specs, ours, theirs, prefix):
    """Adds the diffusers key to each spec: the parameters of both stacks correspond in order."""
    a = list(ours.state_dict().items())
    b = list(theirs.state_dict().items())
    assert len(a) == len(b), (len(a), len(b))
    with torch.no_grad():
        for spec, (ka, va), (kb, vb) in zip(specs, a, b):
            assert va.shape == vb.shape, (ka, kb)
            vb.copy_(va)
            spec['diffusers'] = prefix + kb
    return specs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--taesd', default=os.environ.get('TAESD_REPO', DEFAULT_TAESD))
    ap.add_argument('--out', default=OUT)
    args = ap.parse_args()
    torch.set_num_threads(1)
    taesd, commit = import_taesd(args.taesd)

    decoder = taesd.Decoder(4)
    encoder = taesd.Encoder(4)
    dec_specs = fill(decoder, 1000)
    enc_specs = fill(encoder, 2000)
    d_decoder = diffusers_decoder_layers(taesd.Block)
    d_encoder = diffusers_encoder_layers(taesd.Block)
    renamed(dec_specs, decoder, d_decoder, 'decoder.layers.')
    renamed(enc_specs, encoder, d_encoder, 'encoder.layers.')

    gen = torch.Generator().manual_seed(77)
    latent = torch.randn(LATENT_SHAPE, generator=gen) * 2.5  # beyond ±3 in places: the clamp matters
    h, w = LATENT_SHAPE[2] * 8, LATENT_SHAPE[3] * 8
    pixels = torch.rand((1, 3, h, w), generator=gen)
    with torch.no_grad():
        image = decoder(latent)
        encoded = encoder(pixels)
        # diffusers' forward: clamp as a function, then the layers (its [-1, 1] rescaling left out)
        assert torch.equal(d_decoder(torch.tanh(latent / 3) * 3), image)
        assert torch.equal(d_encoder(pixels), encoded)
    assert torch.isfinite(image).all() and torch.isfinite(encoded).all()

    os.makedirs(args.out, exist_ok=True)
    meta = {
        'studio.description': 'TAESD decoder/encoder of madebyollin/taesd taesd.py with seeded random weights',
        'studio.taesd_commit': commit,
        'studio.params': json.dumps({'latent_channels': 4, 'decoder': dec_specs, 'encoder': enc_specs}),
    }
    path = os.path.join(args.out, 'taesd.io.safetensors')
    safetensors_io.save(path, {'latent': latent, 'image': image, 'pixels': pixels, 'encoded': encoded}, meta)
    print('wrote', os.path.normpath(path), 'image range', image.min().item(), image.max().item(),
          'encoded range', encoded.min().item(), encoded.max().item())


if __name__ == '__main__':
    main()
