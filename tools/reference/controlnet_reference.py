#!/usr/bin/python3
"""Golden fixtures for ControlNet on the tiny SD1 checkpoint, computed by the ORIGINAL code of
lllyasviel/ControlNet (`cldm/cldm.py`: `ControlNet` and `ControlledUnetModel`), imported at run time
from a checkout or bare git mirror of that repository (never copied here):

    /usr/bin/python3 tools/reference/controlnet_reference.py --controlnet /path/to/ControlNet \\
        --blocks studio-engine/src/test/resources/golden/blocks \\
        --out studio-engine/src/test/resources/golden/controlnet

Modules Debian's PyTorch 1.13 lacks and the two classes never use are stubbed in sys.modules
(LatentDiffusion, which needs pytorch_lightning; torchvision's make_grid; the DDIM sampler;
omegaconf's ListConfig); einops, which the
attention code does use, is replaced by a small `rearrange` of our own for its four patterns.

The tiny ControlNets match tiny-sd1 (written by sd_reference.py): an encoder of the same config and
seeded random weights, the zero convolutions included (non-zero, so the control visibly matters).
Their hint block keeps the original layout (eight 3x3 convolutions, stride 2 at the third, fifth and
seventh, SiLU between) with narrower widths (8, 8, 16, 16, 16, 16, 32, 32 instead of 16, 16, 32, 32,
96, 96, 256, 320) so that each file is a few hundred KB; the loader reads widths from the shapes.
The hint is RGB in [0, 1] at 8x the latent size (64x64 for the 8x8 latent of a 16x16 tiny image).

Control semantics, AUTOMATIC1111 sd-webui-controlnet's, written here on top of the original classes:
  - one CFG batch [uncond, cond]; each ControlNet gets that batch's x (scaled), t and context;
  - step i of n (0-based) is controlled when start <= i / n <= end;
  - balanced: every residual x weight; prompt: residual k x weight * 0.825 ** (12 - k);
    control: as prompt, and the unconditional row's residuals are zero;
  - several ControlNets: their residuals add.

Files: tiny-controlnet-a.safetensors (keys `control_model.*`, as in the original training
checkpoints), tiny-controlnet-b.safetensors (no prefix, as ControlNet 1.1 files),
tiny-controlnet-a-diffusers/ (A under diffusers' names: config.json + diffusion_pytorch_model.safetensors),
hint-a.png, hint-b.png, and per run <name>.io.safetensors + <name>.png.
Deterministic: rerunning rewrites identical files.
"""
import argparse
import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import types

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import configs as C  # noqa: E402
import diffusers_names  # noqa: E402
import safetensors_io  # noqa: E402
import samplers as S  # noqa: E402
from ldm_vae import AutoencoderKL  # noqa: E402
from text_encoders import CLIPTextModel  # noqa: E402
from tiny_weights import init_tiny  # noqa: E402

GUIDANCE = 7.5
STEPS = 10
SEED = 1234  # the noise of sd1_txt2img_*: weight 0 must give that image
LATENT = 8
HINT = LATENT * 8
HINT_WIDTHS = (8, 8, 16, 16, 16, 16, 32, 32)
SOFT = 0.825


# ---------------------------------------------------------------- importing the original code

def rearrange(t, pattern, **sizes):
    """einops.rearrange for patterns of named axes and (grouped axes); enough for ldm's attention."""
    def parse(side):
        groups, cur = [], None
        for tok in side.replace("(", " ( ").replace(")", " ) ").split():
            if tok == "(":
                cur = []
            elif tok == ")":
                groups.append(cur)
                cur = None
            elif cur is not None:
                cur.append(tok)
            else:
                groups.append([tok])
        return groups

    left, right = (parse(s) for s in pattern.split("->"))
    known = dict(sizes)
    for group, dim in zip(left, t.shape):
        unknown = [a for a in group if a not in known]
        prod = 1
        for a in group:
            prod *= known.get(a, 1)
        if unknown:
            known[unknown[0]] = dim // prod
    flat = [a for g in left for a in g]
    t = t.reshape([known[a] for a in flat])
    order = [a for g in right for a in g]
    t = t.permute([flat.index(a) for a in order])
    shape = []
    for g in right:
        n = 1
        for a in g:
            n *= known[a]
        shape.append(n)
    return t.reshape(shape)


def import_cldm(source):
    """The original `cldm.cldm` module, from a checkout or a bare git mirror of lllyasviel/ControlNet."""
    root = source
    if not os.path.isdir(os.path.join(source, "cldm")):
        root = tempfile.mkdtemp(prefix="controlnet-")
        atexit.register(shutil.rmtree, root, True)
        archive = subprocess.run(["git", "--git-dir", source, "archive", "HEAD", "cldm", "ldm"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", root], input=archive, check=True)

    def stub(name, **attrs):
        module = types.ModuleType(name)
        module.__dict__.update(attrs)
        sys.modules[name] = module
        return module

    def unused(*args, **kwargs):
        raise NotImplementedError("stubbed: not used by ControlNet / ControlledUnetModel")

    stub("einops", rearrange=rearrange, repeat=unused)
    stub("torchvision")
    stub("torchvision.utils", make_grid=unused)
    stub("ldm.models.diffusion.ddpm", LatentDiffusion=type("LatentDiffusion", (nn.Module,), {}))
    stub("ldm.models.diffusion.ddim", DDIMSampler=unused)
    stub("omegaconf")
    stub("omegaconf.listconfig", ListConfig=type("ListConfig", (list,), {}))
    sys.path.insert(0, root)
    import cldm.cldm as cldm  # noqa: E402
    return cldm


# ---------------------------------------------------------------- models

def tiny_kwargs():
    u = C.TINY_SD1_UNET
    return dict(image_size=32, in_channels=u["in_channels"], model_channels=u["model_channels"],
                attention_resolutions=list(u["attention_resolutions"]), num_res_blocks=u["num_res_blocks"],
                channel_mult=list(u["channel_mult"]), num_heads=u["num_heads"], use_spatial_transformer=True,
                transformer_depth=u["transformer_depth"], context_dim=u["context_dim"], use_checkpoint=False,
                legacy=False)


def tiny_controlnet(cldm, seed):
    net = cldm.ControlNet(hint_channels=3, **tiny_kwargs())
    # The original hint block with narrower widths (see the module docstring).
    from ldm.modules.diffusionmodules.util import conv_nd
    layers, prev = [], 3
    for i, width in enumerate(HINT_WIDTHS):
        layers.append(conv_nd(2, prev, width, 3, padding=1, stride=2 if i in (2, 4, 6) else 1))
        if i < len(HINT_WIDTHS) - 1:
            layers.append(nn.SiLU())
        prev = width
    net.input_hint_block = cldm.TimestepEmbedSequential(*layers)
    return init_tiny(net, seed).eval()


def load(module, weights, prefix):
    expected = module.state_dict()
    state = {k[len(prefix):]: v.float() for k, v in weights.items()
             if k.startswith(prefix) and k[len(prefix):] in expected}
    module.load_state_dict(state, strict=True)
    return module.eval()


def diffusers_key(key):
    """A ControlNet key in diffusers' naming (its encoder named as the U-Net's)."""
    if key.startswith("input_hint_block."):
        index, rest = key[len("input_hint_block."):].split(".", 1)
        index = int(index)
        name = ("controlnet_cond_embedding.conv_in" if index == 0 else
                "controlnet_cond_embedding.conv_out" if index == 14 else
                f"controlnet_cond_embedding.blocks.{index // 2 - 1}")
        return name + "." + rest
    if key.startswith("zero_convs."):
        index, rest = key[len("zero_convs."):].split(".", 1)
        return f"controlnet_down_blocks.{index}." + rest.split(".", 1)[1]
    if key.startswith("middle_block_out.0."):
        return "controlnet_mid_block." + key[len("middle_block_out.0."):]
    return diffusers_names.unet_key(key, C.TINY_SD1_UNET)


def half(state):
    return {k: v.detach().half().contiguous() for k, v in state.items()}


# ---------------------------------------------------------------- hints

def hint_a():
    """White circle and a diagonal line on black: what canny or scribble hints look like."""
    y, x = np.mgrid[0:HINT, 0:HINT]
    r = np.sqrt((x - 30.0) ** 2 + (y - 34.0) ** 2)
    on = (np.abs(r - 18) < 1.5) | (np.abs(x - y) < 1) & (x > 40)
    return np.repeat(np.where(on, 255, 0).astype(np.uint8)[..., None], 3, axis=2)


def hint_b():
    """A coloured square outline: each channel matters."""
    y, x = np.mgrid[0:HINT, 0:HINT]
    edge = ((x == 12) | (x == 50) | (y == 10) | (y == 52)) & (x >= 12) & (x <= 50) & (y >= 10) & (y <= 52)
    img = np.zeros((HINT, HINT, 3), np.uint8)
    img[edge] = (250, 120, 30)
    img[30:34, 20:44] = (40, 200, 255)
    return img


# ---------------------------------------------------------------- sampling with controls

def controlled_model_fn(unet, controls, cond, uncond, scale, steps, counter):
    """eps(x, t) with guidance; counter[0] is the 0-based index of the step being computed."""

    def fn(x, t):
        step = counter[0]
        counter[0] += 1
        xb, tb, ctx = torch.cat([x, x]), torch.cat([t, t]), torch.cat([uncond, cond])
        total = None
        for c in controls:
            if not (c["start"] <= step / steps <= c["end"]):
                continue
            outs = c["net"](x=xb, hint=torch.cat([c["hint"], c["hint"]]), timesteps=tb, context=ctx)
            if c["mode"] == "balanced":
                scales = [c["weight"]] * 13
            else:
                scales = [c["weight"] * SOFT ** float(12 - k) for k in range(13)]
            outs = [o * s for o, s in zip(outs, scales)]
            if c["mode"] == "control":
                cond_mark = torch.tensor([0.0, 1.0]).view(2, 1, 1, 1)
                outs = [o * cond_mark for o in outs]
            total = outs if total is None else [a + b for a, b in zip(total, outs)]
        out = unet(x=xb, timesteps=tb, context=ctx, control=None if total is None else list(total))
        u, c = out.chunk(2)
        return u + scale * (c - u)

    return fn


def to_png(path, image):
    from PIL import Image
    arr = ((image[0].clamp(-1, 1) + 1) / 2 * 255).round().to(torch.uint8).permute(1, 2, 0).numpy()
    Image.fromarray(arr, "RGB").save(path, optimize=False)


RUNS = [
    # name, sampler, [(controlnet, hint, weight, start, end, mode)]
    ("cn_balanced_euler", "euler", [("a", "a", 1.0, 0.0, 1.0, "balanced")]),
    ("cn_prompt_euler", "euler", [("a", "a", 1.0, 0.0, 1.0, "prompt")]),
    ("cn_control_euler", "euler", [("a", "a", 1.0, 0.0, 1.0, "control")]),
    ("cn_start_end_euler", "euler", [("a", "a", 0.8, 0.2, 0.6, "balanced")]),
    ("cn_two_euler", "euler", [("a", "a", 1.0, 0.0, 1.0, "balanced"), ("b", "b", 1.5, 0.0, 0.5, "prompt")]),
    ("cn_control_ddim", "ddim", [("a", "a", 1.2, 0.0, 0.7, "control")]),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--controlnet", required=True, help="checkout or bare git mirror of lllyasviel/ControlNet")
    ap.add_argument("--blocks", required=True, help="golden/blocks (tiny-sd1.safetensors, sd1_txt2img_euler.io)")
    ap.add_argument("--out", required=True, help="output folder (golden/controlnet)")
    args = ap.parse_args()
    torch.set_num_threads(1)
    torch.set_grad_enabled(False)
    os.makedirs(args.out, exist_ok=True)
    cldm = import_cldm(args.controlnet)

    weights, _ = safetensors_io.load(os.path.join(args.blocks, "tiny-sd1.safetensors"))
    unet = load(cldm.ControlledUnetModel(out_channels=4, **tiny_kwargs()), weights, "model.diffusion_model.")
    vae = load(AutoencoderKL(C.TINY_VAE), weights, "first_stage_model.")
    clip = load(CLIPTextModel(C.TINY_CLIP), weights, "cond_stage_model.transformer.")
    ids, _ = safetensors_io.load(os.path.join(args.blocks, "sd1_txt2img_euler.io.safetensors"))
    cond_ids, uncond_ids = ids["cond_ids"], ids["uncond_ids"]
    cond, uncond = clip(cond_ids, 1), clip(uncond_ids, 1)

    nets = {"a": tiny_controlnet(cldm, 701), "b": tiny_controlnet(cldm, 702)}
    config = {"studio.description": "tiny random-weight ControlNet for tiny-sd1 (controlnet_reference.py)"}
    safetensors_io.save(os.path.join(args.out, "tiny-controlnet-a.safetensors"),
                        half({"control_model." + k: v for k, v in nets["a"].state_dict().items()}), config)
    safetensors_io.save(os.path.join(args.out, "tiny-controlnet-b.safetensors"), half(nets["b"].state_dict()), config)
    folder = os.path.join(args.out, "tiny-controlnet-a-diffusers")
    os.makedirs(folder, exist_ok=True)
    safetensors_io.save(os.path.join(folder, "diffusion_pytorch_model.safetensors"),
                        half({diffusers_key(k): v for k, v in nets["a"].state_dict().items()}), {})
    u = C.TINY_SD1_UNET
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump({"_class_name": "ControlNetModel", "attention_head_dim": u["num_heads"],
                   "block_out_channels": [u["model_channels"] * m for m in u["channel_mult"]],
                   "cross_attention_dim": u["context_dim"], "in_channels": 4, "layers_per_block": u["num_res_blocks"],
                   "conditioning_embedding_out_channels": list(HINT_WIDTHS[1:-1:2])}, f, indent=2, sort_keys=True)
    # the checkpoints hold F16; compute with exactly those values
    for net in nets.values():
        for p in net.parameters():
            p.copy_(p.half().float())

    from PIL import Image
    hints = {}
    for name, pixels in (("a", hint_a()), ("b", hint_b())):
        Image.fromarray(pixels, "RGB").save(os.path.join(args.out, f"hint-{name}.png"), optimize=False)
        hints[name] = torch.from_numpy(pixels).permute(2, 0, 1)[None].float() / 255.0

    acp = S.alphas_cumprod()
    schedule = S.DiscreteSchedule(acp)
    for name, sampler, units in RUNS:
        controls = [dict(net=nets[n], hint=hints[h], weight=w, start=s, end=e, mode=mode)
                    for n, h, w, s, e, mode in units]
        counter = [0]
        model_fn = controlled_model_fn(unet, controls, cond, uncond, GUIDANCE, STEPS, counter)
        torch.manual_seed(SEED)
        noise = torch.randn([1, 4, LATENT, LATENT])
        trace = []
        if sampler == "ddim":
            x, _, _, _ = S.sample_ddim(model_fn, noise, acp, STEPS, trace)
        else:
            sigmas = schedule.get_sigmas(STEPS)
            x = S.sample_euler(S.make_denoiser(model_fn, schedule, "eps"), noise * sigmas[0], sigmas, trace)
        assert counter[0] == STEPS
        image = vae.decode(x / C.SCALE_FACTOR)
        params = dict(sampler=sampler, steps=STEPS, guidance=GUIDANCE, seed=SEED, width=LATENT * 2,
                      height=LATENT * 2, png=name + ".png",
                      controls=[dict(model=f"tiny-controlnet-{n}", hint=f"hint-{h}.png", weight=w, start=s, end=e,
                                     mode=mode) for n, h, w, s, e, mode in units])
        safetensors_io.save(os.path.join(args.out, name + ".io.safetensors"),
                            {"cond_ids": cond_ids, "uncond_ids": uncond_ids, "noise": noise,
                             "trace": torch.stack(trace).contiguous(), "latents": x.contiguous(),
                             "image": image.contiguous()}, {
            "studio.description": f"txt2img with {sampler} on tiny-sd1 steered by the tiny ControlNets of "
                                  f"studio.params (original cldm.py classes, A1111 control semantics); noise = "
                                  f"torch.manual_seed({SEED}); torch.randn([1,4,8,8]); trace[i] = latent after step i",
            "studio.checkpoint": "tiny-sd1.safetensors",
            "studio.params": json.dumps(params, sort_keys=True)})
        to_png(os.path.join(args.out, name + ".png"), image)
        print(f"{name}: latent std {x.std().item():.3f}")


if __name__ == "__main__":
    main()
