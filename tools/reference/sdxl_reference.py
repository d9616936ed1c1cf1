#!/usr/bin/python3
"""SDXL golden fixtures: the original sgm U-Net (imported at run time, see sgm_import.py), this
folder's own CLIP-L / OpenCLIP bigG text encoders (text_encoders.py) and LDM VAE.

    /usr/bin/python3 tools/reference/sdxl_reference.py --sgm /path/to/generative-models \\
        --out studio-engine/src/test/resources/golden/sdxl
    /usr/bin/python3 tools/reference/sdxl_reference.py --sgm ... --keys OUT.json   # real SDXL base key list

Writes (deterministic; fixed seeds, one thread):
- tiny-sdxl.safetensors: a tiny random SDXL in the real single-file layout (model.diffusion_model.*,
  first_stage_model.*, conditioner.embedders.0.transformer.text_model.*, conditioner.embedders.1.model.*
  in open_clip names), F16 weights;
- tiny-sdxl-diffusers/: the same tensors as a diffusers folder (text_encoder, text_encoder_2 as
  CLIPTextModelWithProjection, unet, vae);
- tiny-sd2-diffusers/: golden/blocks/tiny-sd2.safetensors as diffusers ships SD 2.x: OpenCLIP-H
  converted to CLIP names with its last layer dropped (23 of 24 in the real one) and hidden_act gelu;
- sdxl_text.io: both encoders' penultimate states and the pooled vector;
- sdxl_unet.io: one sgm U-Net call with context and y;
- sdxl_txt2img_{SAMPLER}.io + .png for every sampler of the studio: whole runs, 16x16 pixels, 10 steps
  (lcm: 4), CFG 7.5.
"""
import argparse
import json
import os
import shutil
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import configs as C  # noqa: E402
import diffusers_names  # noqa: E402
import safetensors_io  # noqa: E402
import samplers as S  # noqa: E402
import sgm_import  # noqa: E402
from ldm_vae import AutoencoderKL  # noqa: E402
from text_encoders import CLIPTextModel, OpenCLIPText  # noqa: E402
from tiny_weights import init_tiny  # noqa: E402

UNET = "model.diffusion_model."
VAE = "first_stage_model."
CLIP_L = "conditioner.embedders.0.transformer."
BIG_G = "conditioner.embedders.1.model."
GUIDANCE = 7.5
STEPS = 10
SEED = 1234
LATENT_SCALE = 0.13025
SIZE = 16  # pixels per side of the tiny runs (8x8 latents)
SAMPLERS = ("ddim", "euler", "euler_a", "dpmpp_2m", "dpmpp_2m_karras", "ddpm", "lcm")  # sampling/Samplers
LCM_STEPS = 4  # LCM's typical count (the others run STEPS)

SDXL_UNET = dict(in_channels=4, out_channels=4, model_channels=320, num_res_blocks=2,
                 attention_resolutions=[4, 2], channel_mult=[1, 2, 4], num_head_channels=64,
                 transformer_depth=[0, 2, 10], context_dim=2048, use_linear_in_transformer=True,
                 num_classes="sequential", adm_in_channels=2816, spatial_transformer_attn_type="softmax")
SDXL_BIG_G = dict(vocab_size=49408, width=1280, heads=20, layers=32, context_length=77, embed_dim=1280)
SDXL_SIZE_EMBED = 256

# Tiny SDXL: three levels (no attention at the top one), transformer depths 0/1/2 (middle: the last),
# 16-channel heads, CLIP-L and bigG of width 32 each (context 64), a bigG projection of 48 (not square,
# so a transposed text_projection fails on shape) and 16-wide size embeddings: y = 48 + 6 * 16 = 144.
TINY_SIZE_EMBED = 16
TINY_BIG_G = dict(vocab_size=C.TINY_VOCAB, width=32, heads=2, layers=3, context_length=77, embed_dim=48)
TINY_CLIP_L = C.TINY_CLIP
TINY_SDXL_UNET = dict(SDXL_UNET, model_channels=32, num_res_blocks=1, channel_mult=[1, 1, 1],
                      num_head_channels=16, transformer_depth=[0, 1, 2], context_dim=64,
                      adm_in_channels=TINY_BIG_G["embed_dim"] + 6 * TINY_SIZE_EMBED)


class Writer:
    def __init__(self, out):
        self.out = out

    def path(self, name):
        p = os.path.join(self.out, name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        return p

    def save(self, name, tensors, metadata):
        safetensors_io.save(self.path(name), {k: v.detach().contiguous() for k, v in tensors.items()}, metadata)

    def io(self, name, tensors, description, checkpoint, **params):
        meta = {"studio.description": description, "studio.checkpoint": checkpoint}
        if params:
            meta["studio.params"] = json.dumps(params, sort_keys=True)
        self.save(name + ".io.safetensors", tensors, meta)

    def json(self, name, content):
        with open(self.path(name), "w", encoding="utf-8") as f:
            f.write(json.dumps(content, indent=2, sort_keys=True) + "\n")


def half(sd):
    return {k: (v.half() if v.is_floating_point() else v) for k, v in sd.items()}


def prefixed(prefix, sd):
    return {prefix + k: v for k, v in sd.items()}


def size_vector(sizes, dim, sgm_util):
    """sgm's ConcatTimestepEmbedderND: each number of (b, n) embedded to dim, concatenated."""
    b, n = sizes.shape
    return sgm_util.timestep_embedding(sizes.reshape(b * n), dim).reshape(b, n * dim)


def build(unet_cls):
    unet = init_tiny(unet_cls(**TINY_SDXL_UNET), 501).eval()
    vae = init_tiny(AutoencoderKL(C.TINY_VAE), 502).eval()
    clip_l = init_tiny(CLIPTextModel(TINY_CLIP_L), 503).eval()
    big_g = init_tiny(OpenCLIPText(TINY_BIG_G), 504).eval()
    return unet, vae, clip_l, big_g


def single_file(unet, vae, clip_l, big_g):
    sd = {**prefixed(UNET, unet.state_dict()), **prefixed(VAE, vae.state_dict()),
          **prefixed(CLIP_L, clip_l.state_dict()), **prefixed(BIG_G, big_g.state_dict())}
    sd = half(sd)
    sd[CLIP_L + "text_model.embeddings.position_ids"] = torch.arange(77)[None]
    return sd


def open_clip_to_hf(sd, layers):
    """open_clip text tower -> transformers CLIPTextModel(WithProjection) names, first `layers` layers."""
    out = {"text_model.embeddings.token_embedding.weight": sd["token_embedding.weight"],
           "text_model.embeddings.position_embedding.weight": sd["positional_embedding"],
           "text_model.final_layer_norm.weight": sd["ln_final.weight"],
           "text_model.final_layer_norm.bias": sd["ln_final.bias"]}
    for i in range(layers):
        src, dst = f"transformer.resblocks.{i}.", f"text_model.encoder.layers.{i}."
        for kind in ("weight", "bias"):
            q, k, v = sd[src + "attn.in_proj_" + kind].chunk(3, dim=0)
            out[dst + "self_attn.q_proj." + kind] = q
            out[dst + "self_attn.k_proj." + kind] = k
            out[dst + "self_attn.v_proj." + kind] = v
            for a, b in (("attn.out_proj.", "self_attn.out_proj."), ("ln_1.", "layer_norm1."),
                         ("ln_2.", "layer_norm2."), ("mlp.c_fc.", "mlp.fc1."), ("mlp.c_proj.", "mlp.fc2.")):
                out[dst + b + kind] = sd[src + a + kind]
    return out


def text_config(cls, width, heads, layers, act, projection=None):
    cfg = {"architectures": [cls], "model_type": "clip_text_model", "bos_token_id": C.TINY_BOS,
           "eos_token_id": C.TINY_EOS, "hidden_act": act, "hidden_size": width,
           "intermediate_size": 4 * width, "layer_norm_eps": 1e-05, "max_position_embeddings": 77,
           "num_attention_heads": heads, "num_hidden_layers": layers, "vocab_size": C.TINY_VOCAB}
    if projection:
        cfg["projection_dim"] = projection
    return cfg


def unet_config(ucfg, levels_with_attention, **extra):
    heads = [ucfg["model_channels"] * m // ucfg["num_head_channels"] for m in ucfg["channel_mult"]]
    cfg = {"_class_name": "UNet2DConditionModel", "_diffusers_version": "0.21.0",
           "attention_head_dim": heads,  # heads per level, despite the name
           "block_out_channels": [ucfg["model_channels"] * m for m in ucfg["channel_mult"]],
           "cross_attention_dim": ucfg["context_dim"],
           "down_block_types": ["CrossAttnDownBlock2D" if a else "DownBlock2D" for a in levels_with_attention],
           "up_block_types": ["CrossAttnUpBlock2D" if a else "UpBlock2D" for a in reversed(levels_with_attention)],
           "in_channels": ucfg["in_channels"], "out_channels": ucfg["out_channels"],
           "layers_per_block": ucfg["num_res_blocks"], "use_linear_projection": True, "sample_size": 8}
    cfg.update(extra)
    return cfg


def vae_files(w, root, vae_sd, scale):
    vae = {}
    for k, v in vae_sd.items():
        name, to_linear = diffusers_names.vae_key(k, C.TINY_VAE)
        vae[name] = v.reshape(v.shape[0], v.shape[1]) if to_linear else v
    w.save(root + "vae/diffusion_pytorch_model.safetensors", half(vae), {"format": "pt"})
    w.json(root + "vae/config.json", {
        "_class_name": "AutoencoderKL", "block_out_channels": [C.TINY_VAE["ch"] * m for m in C.TINY_VAE["ch_mult"]],
        "latent_channels": 4, "layers_per_block": 1, "scaling_factor": scale})


def write_sdxl_diffusers(w, unet, vae, clip_l, big_g):
    root = "tiny-sdxl-diffusers/"
    u = {diffusers_names.unet_key(k, TINY_SDXL_UNET): v for k, v in unet.state_dict().items()}
    assert len(u) == len(unet.state_dict())
    w.save(root + "unet/diffusion_pytorch_model.safetensors", half(u), {"format": "pt"})
    vae_files(w, root, vae.state_dict(), LATENT_SCALE)
    w.save(root + "text_encoder/model.safetensors", half(dict(clip_l.state_dict())), {"format": "pt"})
    g = open_clip_to_hf(big_g.state_dict(), TINY_BIG_G["layers"])
    g["text_projection.weight"] = big_g.state_dict()["text_projection"].t()
    w.save(root + "text_encoder_2/model.safetensors", half(g), {"format": "pt"})
    levels = [2 ** i in TINY_SDXL_UNET["attention_resolutions"] for i in range(3)]
    w.json(root + "unet/config.json", unet_config(
        TINY_SDXL_UNET, levels, transformer_layers_per_block=TINY_SDXL_UNET["transformer_depth"],
        addition_embed_type="text_time", addition_time_embed_dim=TINY_SIZE_EMBED,
        projection_class_embeddings_input_dim=TINY_SDXL_UNET["adm_in_channels"]))
    w.json(root + "text_encoder/config.json", text_config("CLIPTextModel", 32, 4, 3, "quick_gelu"))
    w.json(root + "text_encoder_2/config.json",
           text_config("CLIPTextModelWithProjection", 32, TINY_BIG_G["heads"], 3, "gelu", TINY_BIG_G["embed_dim"]))
    w.json(root + "scheduler/scheduler_config.json", {"_class_name": "EulerDiscreteScheduler",
                                                      "prediction_type": "epsilon"})
    w.json(root + "model_index.json", {
        "_class_name": "StableDiffusionXLPipeline", "force_zeros_for_empty_prompt": True,
        "text_encoder": ["transformers", "CLIPTextModel"],
        "text_encoder_2": ["transformers", "CLIPTextModelWithProjection"],
        "tokenizer": [None, None], "tokenizer_2": [None, None],
        "unet": ["diffusers", "UNet2DConditionModel"], "vae": ["diffusers", "AutoencoderKL"],
        "scheduler": ["diffusers", "EulerDiscreteScheduler"]})


def write_sd2_diffusers(w, blocks):
    """tiny-sd2.safetensors as diffusers ships SD 2.x (text encoder: all but the last layer)."""
    sd, _ = safetensors_io.load(os.path.join(blocks, "tiny-sd2.safetensors"))
    root = "tiny-sd2-diffusers/"
    ucfg = C.TINY_SD2_UNET
    u = {diffusers_names.unet_key(k[len(UNET):], ucfg): v for k, v in sd.items() if k.startswith(UNET)}
    w.save(root + "unet/diffusion_pytorch_model.safetensors", u, {"format": "pt"})
    vae_files(w, root, {k[len(VAE):]: v.float() for k, v in sd.items() if k.startswith(VAE)}, C.SCALE_FACTOR)
    oc = "cond_stage_model.model."
    text = open_clip_to_hf({k[len(oc):]: v for k, v in sd.items() if k.startswith(oc)},
                           C.TINY_OPENCLIP["layers"] - 1)
    w.save(root + "text_encoder/model.safetensors", text, {"format": "pt"})
    levels = [2 ** i in ucfg["attention_resolutions"] for i in range(len(ucfg["channel_mult"]))]
    w.json(root + "unet/config.json", unet_config(ucfg, levels))
    w.json(root + "text_encoder/config.json",
           text_config("CLIPTextModel", 32, C.TINY_OPENCLIP["heads"], C.TINY_OPENCLIP["layers"] - 1, "gelu"))
    w.json(root + "scheduler/scheduler_config.json", {"_class_name": "DDIMScheduler",
                                                      "prediction_type": "v_prediction"})
    w.json(root + "model_index.json", {
        "_class_name": "StableDiffusionPipeline", "text_encoder": ["transformers", "CLIPTextModel"],
        "tokenizer": [None, None], "unet": ["diffusers", "UNet2DConditionModel"],
        "vae": ["diffusers", "AutoencoderKL"], "scheduler": ["diffusers", "DDIMScheduler"]})


def token_rows(gen, lengths):
    """Token ids for both tokenizers: the same text, CLIP-L padding with EOS, OpenCLIP with 0."""
    rows_l, rows_g = [], []
    for n in lengths:
        row = [C.TINY_BOS] + torch.randint(1, C.TINY_BOS, (n,), generator=gen).tolist() + [C.TINY_EOS]
        rows_l.append(row + [C.TINY_EOS] * (77 - len(row)))
        rows_g.append(row + [0] * (77 - len(row)))
    return torch.tensor(rows_l), torch.tensor(rows_g)


def to_png(w, name, image):
    from PIL import Image
    arr = ((image[0].clamp(-1, 1) + 1) / 2 * 255).round().to(torch.uint8).permute(1, 2, 0).numpy()
    Image.fromarray(arr, "RGB").save(w.path(name), optimize=False)


def write_fixtures(w, unet, vae, clip_l, big_g, sgm_util):
    ck = "tiny-sdxl.safetensors"
    gen = torch.Generator().manual_seed(17)
    ids_l, ids_g = token_rows(gen, [5, 20])
    pen_g, pooled = big_g.sdxl(ids_g)
    w.io("sdxl_text", {"ids_l": ids_l, "ids_g": ids_g, "l_penultimate": clip_l.penultimate(ids_l),
                       "g_penultimate": pen_g, "g_pooled": pooled},
         "SDXL text encoders: CLIP-L hidden_states[-2] (no final norm); bigG output before its last "
         "resblock (no ln_final) and pooled = ln_final(last)[argmax ids] @ text_projection", ck,
         config_l=TINY_CLIP_L, config_g=TINY_BIG_G)

    x = torch.randn((2, 4, 8, 12), generator=gen)
    t = torch.tensor([981.0, 37.25])
    ctx = torch.randn((2, 77, 64), generator=gen)
    sizes = torch.tensor([[1024.0, 768.0, 0.0, 32.0, 896.0, 1152.0], [16.0, 16.0, 0.0, 0.0, 16.0, 16.0]])
    y = torch.cat([torch.randn((2, TINY_BIG_G["embed_dim"]), generator=gen),
                   size_vector(sizes, TINY_SIZE_EMBED, sgm_util)], 1)
    w.io("sdxl_unet", {"x": x, "t": t, "context": ctx, "sizes": sizes, "y": y,
                       "out": unet(x, timesteps=t, context=ctx, y=y)},
         "sgm UNetModel forward with label_emb: y = pooled(48) | Timestep(16) of (orig h, w, crop top, left, "
         "target h, w)", ck, config={k: v for k, v in TINY_SDXL_UNET.items()}, size_embedding=TINY_SIZE_EMBED)

    acp = S.alphas_cumprod()
    schedule = S.DiscreteSchedule(acp)
    cond_l, cond_g = token_rows(gen, [7])
    uncond_l, uncond_g = token_rows(gen, [0])
    size_y = size_vector(torch.tensor([[SIZE, SIZE, 0, 0, SIZE, SIZE]], dtype=torch.float32), TINY_SIZE_EMBED,
                         sgm_util)

    def conditioning(il, ig):
        pen, pool = big_g.sdxl(ig)
        return torch.cat([clip_l.penultimate(il), pen], 2), torch.cat([pool, size_y], 1)

    c_ctx, c_y = conditioning(cond_l, cond_g)
    u_ctx, u_y = conditioning(uncond_l, uncond_g)

    def model_fn(xx, tt):
        out = unet(torch.cat([xx, xx]), timesteps=torch.cat([tt, tt]), context=torch.cat([u_ctx, c_ctx]),
                   y=torch.cat([u_y, c_y]))
        u, c = out.chunk(2)
        return u + GUIDANCE * (c - u)

    for sampler in SAMPLERS:
        steps = LCM_STEPS if sampler == "lcm" else STEPS
        # the global generator, as the samplers use it: initial noise, then step noises
        torch.manual_seed(SEED)
        noise = torch.randn([1, 4, 8, 8])
        step_noise = []

        def next_noise():
            step_noise.append(torch.randn([1, 4, 8, 8]))
            return step_noise[-1]

        trace = []
        if sampler == "ddim":
            lat, _, _, _ = S.sample_ddim(model_fn, noise, acp, steps, trace)
        elif sampler == "ddpm":
            lat, _ = S.sample_ddpm(model_fn, noise, acp, steps, trace, next_noise)
        elif sampler == "lcm":
            lat, _ = S.sample_lcm(model_fn, noise, acp, steps, trace, next_noise)
        else:
            den = S.make_denoiser(model_fn, schedule, "eps")
            sigmas = (S.karras_sigmas(steps, schedule.sigma_min.item(), schedule.sigma_max.item())
                      if sampler.endswith("_karras") else schedule.get_sigmas(steps))
            if sampler == "euler_a":
                lat = S.sample_euler_ancestral(den, noise * sigmas[0], sigmas, trace, next_noise)
            else:
                fn = S.sample_euler if sampler == "euler" else S.sample_dpmpp_2m
                lat = fn(den, noise * sigmas[0], sigmas, trace)
        extra = {"step_noise": torch.stack(step_noise)} if step_noise else {}
        image = vae.decode(lat / LATENT_SCALE)
        name = f"sdxl_txt2img_{sampler}"
        w.io(name, {"cond_ids": cond_l, "uncond_ids": uncond_l, "cond_ids_g": cond_g, "uncond_ids_g": uncond_g,
                    "context_cond": c_ctx, "y_cond": c_y, "context_uncond": u_ctx, "y_uncond": u_y,
                    "noise": noise, "trace": torch.stack(trace), "latents": lat, "image": image, **extra},
             f"SDXL txt2img with {sampler}: context = cat(CLIP-L penultimate, bigG penultimate), y = pooled | "
             f"sizes ({SIZE}, {SIZE}, 0, 0, {SIZE}, {SIZE}); CFG u + {GUIDANCE}(c - u); image = decode(latents / "
             f"{LATENT_SCALE})" + ("; step_noise[i] = the next torch.randn([1,4,8,8]) of the same generator, "
                                  "added at step i" if step_noise else ""),
             ck, sampler=sampler, steps=steps, guidance=GUIDANCE, seed=SEED,
             prediction="eps", scale_factor=LATENT_SCALE, width=SIZE, height=SIZE, png=name + ".png")
        to_png(w, name + ".png", image)


def studio_config():
    return json.dumps({"family": "sdxl", "prediction": "eps", "unet": {"num_head_channels": 16},
                       "text": {"heads": TINY_CLIP_L["num_attention_heads"]},
                       "text2": {"heads": TINY_BIG_G["heads"]}, "scale_factor": LATENT_SCALE,
                       "tokens": {"bos": C.TINY_BOS, "eos": C.TINY_EOS}}, sort_keys=True)


def write_keys(out, unet_cls):
    """Every key and shape of the real SDXL base 1.0 single file, from the architectures (weights F16)."""
    unet = unet_cls(**SDXL_UNET)
    shapes = {UNET + k: list(v.shape) for k, v in unet.state_dict().items()}
    del unet
    for prefix, module in ((VAE, AutoencoderKL(C.SD15_VAE)), (CLIP_L, CLIPTextModel(C.SD15_CLIP)),
                           (BIG_G, OpenCLIPText(SDXL_BIG_G))):
        shapes.update({prefix + k: list(v.shape) for k, v in module.state_dict().items()})
    keys = {k: {"dtype": "F16", "shape": s} for k, s in sorted(shapes.items())}
    keys[CLIP_L + "text_model.embeddings.position_ids"] = {"dtype": "I64", "shape": [1, 77]}
    keys["__metadata__"] = {"description": "tensor names and shapes of sd_xl_base_1.0.safetensors, from sgm's "
                                           "UNetModel (SDXL config), CLIP ViT-L/14, OpenCLIP ViT-bigG/14 and the SD VAE; "
                                           "written by tools/reference/sdxl_reference.py --keys"}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(keys, f, separators=(",", ":"))
    print(f"wrote {len(keys) - 1} keys to {out}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sgm", required=True, help="checkout or bare git dir of Stability-AI/generative-models")
    ap.add_argument("--out", help="output folder (golden/sdxl)")
    ap.add_argument("--keys", help="write the real SDXL base key list to this JSON file instead")
    ap.add_argument("--blocks", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                                     "studio-engine/src/test/resources/golden/blocks"))
    args = ap.parse_args()
    torch.set_num_threads(1)
    torch.set_grad_enabled(False)
    unet_cls = sgm_import.unet_class(args.sgm)
    if args.keys:
        write_keys(args.keys, unet_cls)
        return
    import sgm.modules.diffusionmodules.util as sgm_util
    if os.path.isdir(args.out):
        shutil.rmtree(args.out)
    os.makedirs(args.out)
    w = Writer(args.out)
    unet, vae, clip_l, big_g = build(unet_cls)
    w.save("tiny-sdxl.safetensors", single_file(unet, vae, clip_l, big_g),
           {"studio.config": studio_config(), "format": "pt"})
    write_sdxl_diffusers(w, unet, vae, clip_l, big_g)
    write_sd2_diffusers(w, args.blocks)
    write_fixtures(w, unet, vae, clip_l, big_g, sgm_util)
    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(args.out) for f in fs)
    print(f"wrote {total} bytes to {args.out}")


if __name__ == "__main__":
    main()
