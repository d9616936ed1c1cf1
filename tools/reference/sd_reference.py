#!/usr/bin/python3
"""Independent PyTorch reference for the Stable Diffusion blocks: writes tiny random-weight
checkpoints (SD1, SD2, SD1 inpainting, SD1 as a diffusers folder) and golden input/output
fixtures for each block, the full networks and three samplers.

    /usr/bin/python3 tools/reference/sd_reference.py --out studio-engine/src/test/resources/golden/blocks

Deterministic: fixed seeds, single-threaded CPU math; rerunning rewrites identical files.
See tools/reference/README.md for the conventions and the generated MANIFEST.md in the output
folder for every tensor name and shape.
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
from ldm_unet import UNetModel, timestep_embedding  # noqa: E402
from ldm_vae import AutoencoderKL, ResnetBlock  # noqa: E402
from text_encoders import CLIPTextModel, OpenCLIPText  # noqa: E402
from tiny_weights import init_tiny  # noqa: E402

UNET = "model.diffusion_model."
VAE = "first_stage_model."
CLIP = "cond_stage_model.transformer."
OPENCLIP = "cond_stage_model.model."
GUIDANCE = 7.5
STEPS = 10
SEED = 1234


class Writer:
    def __init__(self, out):
        self.out = out
        self.files = []

    def path(self, name):
        p = os.path.join(self.out, name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        return p

    def save(self, name, tensors, metadata):
        tensors = {k: v.detach().contiguous() for k, v in tensors.items()}
        safetensors_io.save(self.path(name), tensors, metadata)
        self.files.append(name)

    def io(self, name, tensors, description, checkpoint=None, prefix=None, **params):
        meta = {"studio.description": description}
        if checkpoint:
            meta["studio.checkpoint"] = checkpoint
        if prefix is not None:
            meta["studio.prefix"] = prefix
        if params:
            meta["studio.params"] = json.dumps(params, sort_keys=True)
        self.save(name + ".io.safetensors", tensors, meta)

    def text(self, name, content):
        with open(self.path(name), "w", encoding="utf-8") as f:
            f.write(content)
        self.files.append(name)


# ---------------------------------------------------------------- models and checkpoints

def build_models():
    m = {
        "sd1_unet": init_tiny(UNetModel(C.TINY_SD1_UNET), 101),
        "vae": init_tiny(AutoencoderKL(C.TINY_VAE), 102),
        "clip": init_tiny(CLIPTextModel(C.TINY_CLIP), 103),
        "sd2_unet": init_tiny(UNetModel(C.TINY_SD2_UNET), 201),
        "sd2_vae": init_tiny(AutoencoderKL(C.TINY_VAE), 202),
        "openclip": init_tiny(OpenCLIPText(C.TINY_OPENCLIP), 203),
        "inpaint_unet": init_tiny(UNetModel(C.TINY_SD1_INPAINT_UNET), 301),
    }
    for model in m.values():
        model.eval()
    return m


def prefixed(prefix, module):
    return {prefix + k: v for k, v in module.state_dict().items()}


def ldm_extras(clip_positions=None):
    """Non-weight tensors real LDM checkpoints carry: the DDPM schedule buffers, the CLIP
    position_ids buffer (int64) and the EMA bookkeeping scalars (0-d tensors)."""
    extras = dict(S.ddpm_buffers())
    if clip_positions:
        extras[CLIP + "text_model.embeddings.position_ids"] = torch.arange(clip_positions)[None]
    extras["model_ema.decay"] = torch.tensor(0.9999, dtype=torch.float32)
    extras["model_ema.num_updates"] = torch.tensor(0, dtype=torch.int32)
    return extras


def half(sd):
    return {k: (v.half() if v.is_floating_point() else v) for k, v in sd.items()}


def studio_config(family, unet_cfg, text_cfg, prediction):
    return json.dumps({
        "family": family,
        "prediction": prediction,
        "unet": unet_cfg,
        "vae": C.TINY_VAE,
        "text": text_cfg,
        "scale_factor": C.SCALE_FACTOR,
        "tokens": {"bos": C.TINY_BOS, "eos": C.TINY_EOS,
                   "pad": C.TINY_EOS if family.startswith("sd1") else 0},
        "schedule": {"beta_schedule": "scaled_linear", "linear_start": S.LINEAR_START,
                     "linear_end": S.LINEAR_END, "num_timesteps": S.NUM_TIMESTEPS},
    }, sort_keys=True)


def write_checkpoints(w, m):
    # weights F16 (values already F16-exact); schedule buffers F32, position_ids I64, EMA scalars 0-d
    sd1 = half({**prefixed(UNET, m["sd1_unet"]), **prefixed(VAE, m["vae"]), **prefixed(CLIP, m["clip"])})
    sd1.update(ldm_extras(C.TINY_CLIP["max_position_embeddings"]))
    w.save("tiny-sd1.safetensors", sd1, {
        "studio.config": studio_config("sd1", C.TINY_SD1_UNET, C.TINY_CLIP, "eps"),
        "format": "pt"})

    # UNet only (its VAE and text encoder would repeat tiny-sd1's): keeps the committed bytes down
    w.save("tiny-sd1-inpaint-unet.safetensors", half(prefixed(UNET, m["inpaint_unet"])), {
        "studio.config": studio_config("sd1-inpaint", C.TINY_SD1_INPAINT_UNET, C.TINY_CLIP, "eps"),
        "studio.inpaint_channels": "x(4) + mask(1) + masked_image_latent(4)",
        "studio.components": "unet",
        "format": "pt"})

    sd2 = half({**prefixed(UNET, m["sd2_unet"]), **prefixed(VAE, m["sd2_vae"]),
                **prefixed(OPENCLIP, m["openclip"])})
    sd2.update(ldm_extras())
    w.save("tiny-sd2.safetensors", sd2, {
        "studio.config": studio_config("sd2", C.TINY_SD2_UNET, C.TINY_OPENCLIP, "v"),
        "studio.prediction": "v",
        "format": "pt"})


def write_diffusers(w, m):
    root = "tiny-sd1-diffusers/"
    ucfg, vcfg, ccfg = C.TINY_SD1_UNET, C.TINY_VAE, C.TINY_CLIP
    unet = {diffusers_names.unet_key(k, ucfg): v for k, v in m["sd1_unet"].state_dict().items()}
    vae = {}
    for k, v in m["vae"].state_dict().items():
        name, to_linear = diffusers_names.vae_key(k, vcfg)
        vae[name] = v.reshape(v.shape[0], v.shape[1]) if to_linear else v
    text = dict(m["clip"].state_dict())
    text["text_model.embeddings.position_ids"] = torch.arange(ccfg["max_position_embeddings"])[None]
    assert len(unet) == len(m["sd1_unet"].state_dict()) and len(vae) == len(m["vae"].state_dict())
    meta = {"format": "pt"}
    w.save(root + "unet/diffusion_pytorch_model.safetensors", half(unet), meta)
    w.save(root + "vae/diffusion_pytorch_model.safetensors", half(vae), meta)
    w.save(root + "text_encoder/model.safetensors", half(text), meta)

    levels = len(ucfg["channel_mult"])
    attn_levels = [2 ** i in ucfg["attention_resolutions"] for i in range(levels)]
    version = "0.21.0"
    files = {
        "model_index.json": {
            "_class_name": "StableDiffusionPipeline", "_diffusers_version": version,
            "feature_extractor": [None, None], "requires_safety_checker": False,
            "safety_checker": [None, None], "scheduler": ["diffusers", "PNDMScheduler"],
            "text_encoder": ["transformers", "CLIPTextModel"], "tokenizer": [None, None],
            "unet": ["diffusers", "UNet2DConditionModel"], "vae": ["diffusers", "AutoencoderKL"]},
        "unet/config.json": {
            "_class_name": "UNet2DConditionModel", "_diffusers_version": version,
            "act_fn": "silu", "attention_head_dim": ucfg["num_heads"],  # SD1 configs: heads, despite the name
            "block_out_channels": [ucfg["model_channels"] * mm for mm in ucfg["channel_mult"]],
            "center_input_sample": False, "cross_attention_dim": ucfg["context_dim"],
            "down_block_types": ["CrossAttnDownBlock2D" if a else "DownBlock2D" for a in attn_levels],
            "downsample_padding": 1, "flip_sin_to_cos": True, "freq_shift": 0,
            "in_channels": ucfg["in_channels"], "layers_per_block": ucfg["num_res_blocks"],
            "mid_block_scale_factor": 1, "norm_eps": 1e-05, "norm_num_groups": 32,
            "out_channels": ucfg["out_channels"], "sample_size": 8,
            "up_block_types": ["CrossAttnUpBlock2D" if a else "UpBlock2D" for a in reversed(attn_levels)],
            "use_linear_projection": False},
        "vae/config.json": {
            "_class_name": "AutoencoderKL", "_diffusers_version": version, "act_fn": "silu",
            "block_out_channels": [vcfg["ch"] * mm for mm in vcfg["ch_mult"]],
            "down_block_types": ["DownEncoderBlock2D"] * len(vcfg["ch_mult"]),
            "in_channels": vcfg["in_channels"], "latent_channels": vcfg["embed_dim"],
            "layers_per_block": vcfg["num_res_blocks"], "norm_num_groups": 32,
            "out_channels": vcfg["out_ch"], "sample_size": 16, "scaling_factor": C.SCALE_FACTOR,
            "up_block_types": ["UpDecoderBlock2D"] * len(vcfg["ch_mult"])},
        "text_encoder/config.json": {
            "architectures": ["CLIPTextModel"], "model_type": "clip_text_model",
            "attention_dropout": 0.0, "bos_token_id": C.TINY_BOS, "eos_token_id": C.TINY_EOS,
            "hidden_act": "quick_gelu", "hidden_size": ccfg["hidden_size"],
            "initializer_factor": 1.0, "initializer_range": 0.02,
            "intermediate_size": ccfg["intermediate_size"], "layer_norm_eps": 1e-05,
            "max_position_embeddings": ccfg["max_position_embeddings"],
            "num_attention_heads": ccfg["num_attention_heads"],
            "num_hidden_layers": ccfg["num_hidden_layers"], "pad_token_id": 1,
            "projection_dim": ccfg["hidden_size"], "torch_dtype": "float16",
            "vocab_size": ccfg["vocab_size"]},
        "scheduler/scheduler_config.json": {
            "_class_name": "PNDMScheduler", "_diffusers_version": version,
            "beta_end": S.LINEAR_END, "beta_schedule": "scaled_linear", "beta_start": S.LINEAR_START,
            "clip_sample": False, "num_train_timesteps": S.NUM_TIMESTEPS,
            "prediction_type": "epsilon", "set_alpha_to_one": False, "skip_prk_steps": True,
            "steps_offset": 1, "trained_betas": None},
    }
    for name, content in files.items():
        w.text(root + name, json.dumps(content, indent=2, sort_keys=True) + "\n")


# ---------------------------------------------------------------- inputs

def randn(gen, *shape):
    return torch.randn(shape, generator=gen)


def token_ids(gen, lengths, pad):
    """Rows of 77 ids: BOS, random ids in [1, 997], EOS, then `pad` to 77."""
    rows = []
    for n in lengths:
        body = torch.randint(1, C.TINY_BOS, (n,), generator=gen).tolist()
        row = [C.TINY_BOS] + body + [C.TINY_EOS]
        rows.append(row + [pad] * (77 - len(row)))
    return torch.tensor(rows, dtype=torch.int64)


# ---------------------------------------------------------------- block fixtures

def write_block_fixtures(w, m):
    gen = torch.Generator().manual_seed(7)
    ck1, ck2, cki = "tiny-sd1.safetensors", "tiny-sd2.safetensors", "tiny-sd1-inpaint-unet.safetensors"
    u1, u2 = m["sd1_unet"], m["sd2_unet"]

    # GroupNorm alone, with its own weights: group sizes 2 and 3, non-square maps.
    t = {}
    for c in (64, 96):
        x = randn(gen, 2, c, 3, 5) * 2 + 0.5
        wgt = 1 + 0.1 * randn(gen, c)
        b = 0.1 * randn(gen, c)
        t[f"c{c}.x"], t[f"c{c}.weight"], t[f"c{c}.bias"] = x, wgt, b
        for eps in (1e-5, 1e-6):
            t[f"c{c}.out_eps{eps:.0e}"] = torch.nn.functional.group_norm(x, 32, wgt, b, eps)
    w.io("groupnorm", t, "GroupNorm(32 groups) of x with weight/bias at eps 1e-5 and 1e-6",
         groups=32)

    # time embedding: sinusoidal part and the time_embed MLP
    ts = torch.tensor([0.0, 1.5, 37.25, 999.0])
    sin = timestep_embedding(ts, C.TINY_SD1_UNET["model_channels"])
    w.io("sd1_timestep_embedding", {"t": ts, "sinusoidal": sin, "emb": u1.time_embed(sin)},
         "sinusoidal [cos | sin] embedding (max_period 10000) and time_embed MLP (Linear, SiLU, Linear)",
         ck1, UNET + "time_embed.", dim=C.TINY_SD1_UNET["model_channels"], max_period=10000)

    emb = randn(gen, 2, 4 * C.TINY_SD1_UNET["model_channels"])
    x = randn(gen, 2, 32, 4, 6)
    w.io("sd1_resblock_identity_skip", {"x": x, "emb": emb, "out": u1.input_blocks[1][0](x, emb)},
         "UNet ResBlock 32->32 (identity skip)", ck1, UNET + "input_blocks.1.0.")
    x = randn(gen, 2, 64, 4, 6)
    w.io("sd1_resblock_conv_skip", {"x": x, "emb": emb, "out": u1.output_blocks[0][0](x, emb)},
         "UNet ResBlock 64->32 (1x1 skip_connection)", ck1, UNET + "output_blocks.0.0.")

    st = u1.input_blocks[1][1]
    blk = st.transformer_blocks[0]
    tokens = randn(gen, 2, 24, 32)
    ctx = randn(gen, 2, 12, 32)  # block tests: 12 context tokens (nothing may assume 77)
    w.io("sd1_attention_self", {"x": tokens, "out": blk.attn1(tokens)},
         "CrossAttention used as self-attention (context = x)", ck1,
         UNET + "input_blocks.1.1.transformer_blocks.0.attn1.", heads=8, dim_head=4)
    w.io("sd1_attention_cross", {"x": tokens, "context": ctx, "out": blk.attn2(tokens, ctx)},
         "CrossAttention over the text context", ck1,
         UNET + "input_blocks.1.1.transformer_blocks.0.attn2.", heads=8, dim_head=4)
    w.io("sd1_transformer_block", {"x": tokens, "context": ctx, "out": blk(tokens, ctx)},
         "BasicTransformerBlock: attn1, attn2, GEGLU feed-forward, pre-LayerNorms", ck1,
         UNET + "input_blocks.1.1.transformer_blocks.0.", heads=8, dim_head=4)
    x = randn(gen, 2, 32, 4, 6)
    w.io("sd1_spatial_transformer", {"x": x, "context": ctx, "out": st(x, ctx)},
         "SpatialTransformer with 1x1 conv proj_in/proj_out", ck1, UNET + "input_blocks.1.1.",
         heads=8, dim_head=4, use_linear=False)
    st2 = u2.input_blocks[1][1]
    w.io("sd2_spatial_transformer", {"x": x, "context": ctx, "out": st2(x, ctx)},
         "SpatialTransformer with Linear proj_in/proj_out, heads = channels / num_head_channels", ck2,
         UNET + "input_blocks.1.1.", heads=2, dim_head=16, use_linear=True)

    # full U-Nets: non-square latents, fractional timesteps, batch 2
    t2 = torch.tensor([981.0, 37.25])
    ctx = randn(gen, 2, 77, 32)
    x4 = randn(gen, 2, 4, 8, 12)
    w.io("sd1_unet", {"x": x4, "t": t2, "context": ctx, "out": u1(x4, t2, ctx)},
         "full SD1-layout UNet forward", ck1, UNET, config=C.TINY_SD1_UNET)
    w.io("sd2_unet", {"x": x4, "t": t2, "context": ctx, "out": u2(x4, t2, ctx)},
         "full SD2-layout UNet forward (linear proj, num_head_channels 16)", ck2, UNET,
         config=C.TINY_SD2_UNET)
    x_odd = randn(torch.Generator().manual_seed(11), 1, 4, 7, 5)  # own generator: later fixtures unchanged
    w.io("sd1_unet_odd", {"x": x_odd, "t": t2[:1], "context": ctx[:1], "out": u1(x_odd, t2[:1], ctx[:1])},
         "full SD1-layout UNet forward on odd latent sides: upsampling meets each skip at its size",
         ck1, UNET, config=C.TINY_SD1_UNET)
    x9 = randn(gen, 2, 9, 8, 12)
    w.io("sd1_inpaint_unet", {"x": x9, "t": t2, "context": ctx, "out": m["inpaint_unet"](x9, t2, ctx)},
         "9-channel inpainting UNet forward; x = cat(latent 4, mask 1, masked-image latent 4)", cki,
         UNET, config=C.TINY_SD1_INPAINT_UNET)

    # VAE
    vae = m["vae"]
    img = torch.rand((1, 3, 16, 24), generator=gen) * 2 - 1
    w.io("sd1_vae_encode", {"image": img, "moments": vae.encode_moments(img), "mean": vae.encode_mean(img)},
         "image in [-1, 1] -> quant_conv(encoder(x)) moments (mean | logvar) and posterior mean",
         ck1, VAE, scale_factor_applied=False)
    z = randn(gen, 1, 4, 8, 12)
    w.io("sd1_vae_decode", {"z": z, "image": vae.decode(z)},
         "decoder(post_quant_conv(z)); z is NOT divided by the scale factor here", ck1, VAE,
         scale_factor_applied=False)
    h = randn(gen, 1, 32, 4, 6)
    w.io("sd1_vae_attention", {"x": h, "out": vae.encoder.mid.attn_1(h)},
         "VAE mid AttnBlock (single head over channels, 1x1 conv q/k/v/proj_out)", ck1,
         VAE + "encoder.mid.attn_1.")
    w.io("sd1_vae_downsample", {"x": h, "out": vae.encoder.down[0].downsample(h)},
         "VAE Downsample: zero pad right/bottom by 1, 3x3 conv stride 2 no padding", ck1,
         VAE + "encoder.down.0.downsample.")
    # nin_shortcut never occurs in the one-width tiny VAE: own weights, stored in this file
    rb = init_tiny(ResnetBlock(64, 32), 401)
    hx = randn(gen, 1, 64, 4, 6)
    t = {"x": hx, "out": rb(hx)}
    t.update({"weights." + k: v.half() for k, v in rb.state_dict().items()})
    w.io("vae_resnet_nin", t, "VAE ResnetBlock 64->32 with nin_shortcut; F16 weights under 'weights.'",
         None, "weights.")

    # text encoders
    clip, oc = m["clip"], m["openclip"]
    ids = token_ids(gen, [5, 20], C.TINY_EOS)
    t = {"ids": ids}
    for skip in (1, 2, 3):
        t[f"clip_skip{skip}"] = clip(ids, skip)
    w.io("sd1_clip_text", t, "CLIP text model; clip_skipN = final_layer_norm(hidden_states[-N])",
         ck1, CLIP, config=C.TINY_CLIP, bos=C.TINY_BOS, eos=C.TINY_EOS, pad=C.TINY_EOS)
    ids = token_ids(gen, [5, 20], 0)
    w.io("sd2_openclip_text", {"ids": ids, "penultimate": oc(ids, 1), "last": oc(ids, 0)},
         "OpenCLIP text transformer; penultimate = ln_final(output of all but the last resblock)",
         ck2, OPENCLIP, config=C.TINY_OPENCLIP, bos=C.TINY_BOS, eos=C.TINY_EOS, pad=0)


# ---------------------------------------------------------------- sampling fixtures

def to_png(w, name, image):
    from PIL import Image
    arr = ((image[0].clamp(-1, 1) + 1) / 2 * 255).round().to(torch.uint8).permute(1, 2, 0).numpy()
    Image.fromarray(arr, "RGB").save(w.path(name), optimize=False)
    w.files.append(name)


def write_sampling_fixtures(w, m):
    gen = torch.Generator().manual_seed(11)
    acp = S.alphas_cumprod()
    schedule = S.DiscreteSchedule(acp)
    w.io("schedule", {
        "betas": S.ddpm_buffers()["betas"], "alphas_cumprod": acp, "model_sigmas": schedule.sigmas,
        "sigmas_normal_10": schedule.get_sigmas(STEPS),
        "sigmas_karras_10": S.karras_sigmas(STEPS, schedule.sigma_min.item(), schedule.sigma_max.item()),
        "ddim_timesteps_10": torch.tensor(S.ddim_timesteps(STEPS), dtype=torch.int64),
        "sigma_to_t.sigma": torch.tensor([0.0292, 0.5, 1.0, 3.3, 14.6]),
        "sigma_to_t.t": schedule.sigma_to_t(torch.tensor([0.0292, 0.5, 1.0, 3.3, 14.6])),
    }, "scaled-linear DDPM schedule (betas, alphas_cumprod, sigma_t = sqrt((1-acp)/acp)), "
       "k-diffusion 'normal' and Karras (rho 7) sigma lists for 10 steps with a final 0, "
       "CompVis DDIM timesteps, sigma -> fractional t by log-sigma interpolation",
       linear_start=S.LINEAR_START, linear_end=S.LINEAR_END, steps=STEPS, rho=7.0)

    def run(tag, unet, vae, encode, cond_ids, uncond_ids, prediction, samplers, ckpt):
        cond, uncond = encode(cond_ids), encode(uncond_ids)
        model_fn = S.cfg_model(unet, cond, uncond, GUIDANCE)
        for sampler in samplers:
            # the global generator, as the samplers use it: initial noise, then step noises
            torch.manual_seed(SEED)
            noise = torch.randn([1, 4, 8, 8])
            step_noise = []

            def next_noise():
                step_noise.append(torch.randn([1, 4, 8, 8]))
                return step_noise[-1]

            trace = []
            t = {"cond_ids": cond_ids, "uncond_ids": uncond_ids, "cond": cond, "uncond": uncond,
                 "noise": noise}
            if sampler == "ddim":
                x, ts, alphas, alphas_prev = S.sample_ddim(model_fn, noise, acp, STEPS, trace)
                t.update({"timesteps": torch.tensor(ts, dtype=torch.int64), "ddim_alphas": alphas,
                          "ddim_alphas_prev": alphas_prev})
            else:
                den = S.make_denoiser(model_fn, schedule, prediction)
                sigmas = (S.karras_sigmas(STEPS, schedule.sigma_min.item(), schedule.sigma_max.item())
                          if sampler.endswith("_karras") else schedule.get_sigmas(STEPS))
                if sampler == "euler_a":
                    x = S.sample_euler_ancestral(den, noise * sigmas[0], sigmas, trace, next_noise)
                    t["step_noise"] = torch.stack(step_noise)
                else:
                    fn = S.sample_euler if sampler == "euler" else S.sample_dpmpp_2m
                    x = fn(den, noise * sigmas[0], sigmas, trace)
                t["sigmas"] = sigmas
            image = vae.decode(x / C.SCALE_FACTOR)
            t.update({"trace": torch.stack(trace), "latents": x, "image": image})
            name = f"{tag}_txt2img_{sampler}"
            w.io(name, t,
                 f"txt2img with {sampler}: CFG u + {GUIDANCE}(c - u) on the network output, "
                 f"noise = torch.manual_seed({SEED}); torch.randn([1,4,8,8]); trace[i] = latent "
                 f"after step i; image = decode(latents / {C.SCALE_FACTOR}) in [-1, 1]"
                 + ("; step_noise[i] = the next torch.randn([1,4,8,8]) of the same generator, "
                    "added at step i (none at the last step)" if sampler == "euler_a" else ""), ckpt,
                 sampler=sampler, steps=STEPS, guidance=GUIDANCE, seed=SEED, prediction=prediction,
                 scale_factor=C.SCALE_FACTOR, width=16, height=16,
                 eta=1.0 if sampler == "euler_a" else 0.0,
                 initial_latent="noise" if sampler == "ddim" else "noise * sigmas[0]",
                 png=name + ".png")
            to_png(w, name + ".png", image)

    clip = m["clip"]
    cond_ids = token_ids(gen, [7], C.TINY_EOS)
    uncond_ids = token_ids(gen, [0], C.TINY_EOS)
    run("sd1", m["sd1_unet"], m["vae"], lambda ids: clip(ids, 1), cond_ids, uncond_ids, "eps",
        ["ddim", "euler", "euler_a", "dpmpp_2m", "dpmpp_2m_karras"], "tiny-sd1.safetensors")
    oc = m["openclip"]
    cond_ids = token_ids(gen, [7], 0)
    uncond_ids = token_ids(gen, [0], 0)
    run("sd2", m["sd2_unet"], m["sd2_vae"], lambda ids: oc(ids, 1), cond_ids, uncond_ids, "v",
        ["euler"], "tiny-sd2.safetensors")


# ---------------------------------------------------------------- manifest

def write_manifest(w):
    lines = ["# Golden fixtures (generated by tools/reference/sd_reference.py; do not edit)", ""]
    total = 0
    for name in sorted(w.files):
        size = os.path.getsize(os.path.join(w.out, name))
        total += size
        lines.append(f"## {name} ({size} bytes)")
        if name.endswith(".safetensors"):
            tensors, meta = safetensors_io.load(os.path.join(w.out, name))
            for k, v in meta.items():
                shown = v if len(v) <= 300 else v[:300] + "..."
                lines.append(f"- meta `{k}`: {shown}")
            if len(tensors) > 40:
                extras = sorted(k for k, v in tensors.items() if v.dtype != torch.float16)
                lines.append(f"- {len(tensors)} tensors: {len(tensors) - len(extras)} F16 weights"
                             + (f"; non-F16 extras: {', '.join(extras)}" if extras else ""))
            else:
                for k in sorted(tensors):
                    v = tensors[k]
                    lines.append(f"- `{k}` {str(v.dtype).replace('torch.', '')} {list(v.shape)}")
        lines.append("")
    lines.insert(2, f"Total {total} bytes in {len(w.files)} files.\n")
    w.text("MANIFEST.md", "\n".join(lines))
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, help="output folder (golden/blocks)")
    args = ap.parse_args()
    torch.set_num_threads(1)  # one thread: reductions in a fixed order
    torch.set_grad_enabled(False)
    if os.path.isdir(args.out):
        shutil.rmtree(args.out)
    os.makedirs(args.out)
    w = Writer(args.out)
    m = build_models()
    write_checkpoints(w, m)
    write_diffusers(w, m)
    write_block_fixtures(w, m)
    write_sampling_fixtures(w, m)
    total = write_manifest(w)
    print(f"wrote {len(w.files)} files, {total} bytes, to {args.out}")


if __name__ == "__main__":
    main()
