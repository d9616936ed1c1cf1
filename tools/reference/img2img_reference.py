#!/usr/bin/python3
"""Golden fixtures for image-to-image through the whole pipeline on the tiny SD1 checkpoint:
init image -> VAE posterior mean x 0.18215 -> noised to the level AUTOMATIC1111's strength
convention gives -> the last part of the schedule, guided -> VAE decode -> 8-bit RGB.

    /usr/bin/python3 tools/reference/img2img_reference.py \\
        --blocks studio-engine/src/test/resources/golden/blocks \\
        --out studio-engine/src/test/resources/golden/img2img

Reads the weights from the committed `tiny-sd1.safetensors` (written by sd_reference.py) and the
token ids of `sd1_txt2img_euler.io.safetensors`, so it does not rebuild or rewrite those.
Deterministic: rerunning rewrites identical files.

Strength convention (A1111 img2img, `img2img_fix_steps` off): t_enc = int(min(strength, 0.999) * steps).
  - k-diffusion samplers (`euler` here): sigmas = the full `steps`-step list; the image is noised
    to sigmas[steps - t_enc - 1] and the run takes sigmas[steps - t_enc - 1:], i.e. t_enc + 1 steps.
  - CompVis DDIM: stochastic_encode to DDIM index t_enc (alphas_cumprod of timestep
    ddim_timesteps[t_enc]), then decode walks ddim_timesteps[:t_enc] downwards: t_enc steps,
    the first at the timestep one below the one the image was noised to.
"""
import argparse
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import configs as C  # noqa: E402
import safetensors_io  # noqa: E402
import samplers as S  # noqa: E402
from ldm_unet import UNetModel  # noqa: E402
from ldm_vae import AutoencoderKL  # noqa: E402
from text_encoders import CLIPTextModel  # noqa: E402

GUIDANCE = 7.5
STEPS = 10
STRENGTH = 0.6
SEED = 4321
SIDE = 16  # the tiny VAE is 2x: a 16x16 image is an 8x8 latent


def load(module, weights, prefix):
    expected = module.state_dict()
    state = {k[len(prefix):]: v.float() for k, v in weights.items()
             if k.startswith(prefix) and k[len(prefix):] in expected}
    module.load_state_dict(state, strict=True)
    return module.eval()


def init_image():
    """A 16x16 picture with structure at every scale: two gradients, a square, a diagonal."""
    y, x = np.mgrid[0:SIDE, 0:SIDE]
    r = x * 255 // (SIDE - 1)
    g = y * 255 // (SIDE - 1)
    b = np.where((x >= 4) & (x < 10) & (y >= 5) & (y < 11), 230, 40)
    b = np.where(x == y, 255, b)
    return np.stack([r, g, b], axis=-1).astype(np.uint8)


def to_png(path, image):
    from PIL import Image
    arr = ((image[0].clamp(-1, 1) + 1) / 2 * 255).round().to(torch.uint8).permute(1, 2, 0).numpy()
    Image.fromarray(arr, "RGB").save(path, optimize=False)


def ddim_img2img(model_fn, x0, noise, acp, steps, t_enc, trace):
    ts = S.ddim_timesteps(steps)
    alphas = acp[ts]
    alphas_prev = torch.cat([acp[:1], acp[ts[:-1]]])
    a = alphas[t_enc]
    x = a.sqrt() * x0 + (1 - a).sqrt() * noise  # DDIMSampler.stochastic_encode
    for i, step in enumerate(ts[:t_enc][::-1]):  # DDIMSampler.decode
        index = t_enc - 1 - i
        e_t = model_fn(x, torch.full((x.shape[0],), float(step)))
        a_t, a_prev = alphas[index], alphas_prev[index]
        pred_x0 = (x - (1 - a_t).sqrt() * e_t) / a_t.sqrt()
        x = a_prev.sqrt() * pred_x0 + (1 - a_prev).sqrt() * e_t
        trace.append(x)
    return x, ts[:t_enc]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--blocks", required=True, help="golden/blocks (tiny-sd1.safetensors, sd1_txt2img_euler.io)")
    ap.add_argument("--out", required=True, help="output folder (golden/img2img)")
    args = ap.parse_args()
    torch.set_num_threads(1)
    torch.set_grad_enabled(False)
    os.makedirs(args.out, exist_ok=True)

    weights, _ = safetensors_io.load(os.path.join(args.blocks, "tiny-sd1.safetensors"))
    unet = load(UNetModel(C.TINY_SD1_UNET), weights, "model.diffusion_model.")
    vae = load(AutoencoderKL(C.TINY_VAE), weights, "first_stage_model.")
    clip = load(CLIPTextModel(C.TINY_CLIP), weights, "cond_stage_model.transformer.")
    ids, _ = safetensors_io.load(os.path.join(args.blocks, "sd1_txt2img_euler.io.safetensors"))
    cond_ids, uncond_ids = ids["cond_ids"], ids["uncond_ids"]
    cond, uncond = clip(cond_ids, 1), clip(uncond_ids, 1)
    model_fn = S.cfg_model(unet, cond, uncond, GUIDANCE)

    pixels = init_image()
    from PIL import Image
    Image.fromarray(pixels, "RGB").save(os.path.join(args.out, "sd1_img2img_init.png"), optimize=False)
    image = torch.from_numpy(pixels).permute(2, 0, 1)[None].float() / 127.5 - 1  # as the Java pipeline reads pixels
    x0 = vae.encode_mean(image) * C.SCALE_FACTOR
    acp = S.alphas_cumprod()
    schedule = S.DiscreteSchedule(acp)
    t_enc = int(min(STRENGTH, 0.999) * STEPS)

    for sampler in ("euler", "ddim"):
        torch.manual_seed(SEED)
        noise = torch.randn([1, 4, SIDE // 2, SIDE // 2])
        trace = []
        t = {"cond_ids": cond_ids, "uncond_ids": uncond_ids, "init": image, "init_latent": x0, "noise": noise}
        if sampler == "euler":
            sigmas = schedule.get_sigmas(STEPS)[STEPS - t_enc - 1:]
            x = S.sample_euler(S.make_denoiser(model_fn, schedule, "eps"), x0 + noise * sigmas[0], sigmas, trace)
            t["sigmas"] = sigmas
        else:
            x, ts = ddim_img2img(model_fn, x0, noise, acp, STEPS, t_enc, trace)
            t["timesteps"] = torch.tensor(ts.copy(), dtype=torch.int64)
        decoded = vae.decode(x / C.SCALE_FACTOR)
        t.update({"trace": torch.stack(trace), "latents": x, "image": decoded})
        name = f"sd1_img2img_{sampler}"
        params = dict(sampler=sampler, steps=STEPS, strength=STRENGTH, t_enc=t_enc, steps_run=len(trace),
                      guidance=GUIDANCE, seed=SEED, width=SIDE, height=SIDE, scale_factor=C.SCALE_FACTOR,
                      init_png="sd1_img2img_init.png", png=name + ".png")
        safetensors_io.save(os.path.join(args.out, name + ".io.safetensors"),
                            {k: v.contiguous() for k, v in t.items()}, {
            "studio.description": f"img2img with {sampler} on tiny-sd1: init = the init PNG's pixels / 127.5 - 1, "
                                  f"init_latent = encode_mean(init) * {C.SCALE_FACTOR}, strength {STRENGTH} over "
                                  f"{STEPS} steps as AUTOMATIC1111 (t_enc = {t_enc}); noise = "
                                  f"torch.manual_seed({SEED}); torch.randn([1,4,8,8]); trace[i] = latent after step i; "
                                  f"image = decode(latents / {C.SCALE_FACTOR})",
            "studio.checkpoint": "tiny-sd1.safetensors",
            "studio.params": json.dumps(params, sort_keys=True)})
        to_png(os.path.join(args.out, name + ".png"), decoded)
        print(f"{name}: {len(trace)} steps, latent std {x.std().item():.3f}")


if __name__ == "__main__":
    main()
