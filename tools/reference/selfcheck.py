#!/usr/bin/python3
"""Checks the reference against things it did not write itself: torch's own attention
(nn.MultiheadAttention), closed-form identities between samplers, published SD 1.5 tensor
counts and diffusers names, and a safetensors round trip. Run after changing the reference:

    /usr/bin/python3 tools/reference/selfcheck.py
"""
import os
import sys
import tempfile

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import configs as C  # noqa: E402
import diffusers_names as D  # noqa: E402
import safetensors_io  # noqa: E402
import samplers as S  # noqa: E402
from ldm_unet import CrossAttention, UNetModel  # noqa: E402
from ldm_vae import AttnBlock, AutoencoderKL  # noqa: E402
from layers import on_device  # noqa: E402
from sd15_keys import sd15_layout  # noqa: E402
from text_encoders import CLIPTextModel, OpenCLIPText, causal_mask  # noqa: E402
from tiny_weights import init_tiny  # noqa: E402

torch.set_grad_enabled(False)
failures = []


def check(name, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + name + (f"  {detail}" if detail else ""))
    if not ok:
        failures.append(name)


def close(a, b, tol=1e-5):
    return (a - b).abs().max().item() <= tol * max(1.0, b.abs().max().item())


def mha_like(d, heads, wq, wk, wv, bq, bk, bv, wo, bo):
    mha = nn.MultiheadAttention(d, heads, batch_first=True)
    mha.in_proj_weight.copy_(torch.cat([wq, wk, wv]))
    mha.in_proj_bias.copy_(torch.cat([bq, bk, bv]))
    mha.out_proj.weight.copy_(wo)
    mha.out_proj.bias.copy_(bo)
    return mha


def attention_checks():
    g = torch.Generator().manual_seed(0)
    # SD CrossAttention (self) vs torch MHA with zero in-proj bias
    att = init_tiny(CrossAttention(32, 32, 8, 4), 1)
    x = torch.randn((2, 10, 32), generator=g)
    z = torch.zeros(32)
    mha = mha_like(32, 8, att.to_q.weight, att.to_k.weight, att.to_v.weight, z, z, z,
                   att.to_out[0].weight, att.to_out[0].bias)
    check("CrossAttention == nn.MultiheadAttention", close(att(x), mha(x, x, x, need_weights=False)[0]))

    # OpenCLIP resblock attention: in_proj layout and causal mask
    oc = init_tiny(OpenCLIPText(C.TINY_OPENCLIP), 2)
    a = oc.transformer.resblocks[0].attn
    mha = nn.MultiheadAttention(32, 4, batch_first=True)
    mha.in_proj_weight.copy_(a.in_proj_weight)
    mha.in_proj_bias.copy_(a.in_proj_bias)
    mha.out_proj.load_state_dict(a.out_proj.state_dict())
    x = torch.randn((2, 77, 32), generator=g)
    ref = mha(x, x, x, attn_mask=causal_mask(77), need_weights=False)[0]
    check("OpenCLIP attention == nn.MultiheadAttention(causal)", close(a(x), ref))

    # HF CLIP attention (separate q/k/v with bias)
    clip = init_tiny(CLIPTextModel(C.TINY_CLIP), 3)
    sa = clip.text_model.encoder.layers[0].self_attn
    mha = mha_like(32, 4, sa.q_proj.weight, sa.k_proj.weight, sa.v_proj.weight, sa.q_proj.bias,
                   sa.k_proj.bias, sa.v_proj.bias, sa.out_proj.weight, sa.out_proj.bias)
    ref = mha(x, x, x, attn_mask=causal_mask(77), need_weights=False)[0]
    check("CLIP attention == nn.MultiheadAttention(causal)", close(sa(x), ref))

    # causality: changing a later token must not change earlier outputs
    ids = torch.randint(0, 998, (1, 77), generator=g)
    ids2 = ids.clone()
    ids2[0, 40:] = 5
    check("CLIP is causal", torch.equal(clip(ids)[0, :40], clip(ids2)[0, :40]))
    check("OpenCLIP is causal", torch.equal(oc(ids)[0, :40], oc(ids2)[0, :40]))

    # VAE AttnBlock == single-head MHA over positions with 1x1-conv projections
    blk = init_tiny(AttnBlock(32), 4)
    h = torch.randn((1, 32, 3, 5), generator=g)
    seq = blk.norm(h).flatten(2).transpose(1, 2)
    flat = lambda conv: conv.weight.reshape(32, 32)  # noqa: E731
    mha = mha_like(32, 1, flat(blk.q), flat(blk.k), flat(blk.v), blk.q.bias, blk.k.bias, blk.v.bias,
                   flat(blk.proj_out), blk.proj_out.bias)
    ref = h + mha(seq, seq, seq, need_weights=False)[0].transpose(1, 2).reshape(1, 32, 3, 5)
    check("VAE AttnBlock == single-head MHA", close(blk(h), ref))


def sampler_checks():
    acp = S.alphas_cumprod()
    sched = S.DiscreteSchedule(acp)
    check("sigma_min/max of SD", abs(sched.sigma_min.item() - 0.0292) < 1e-3 and
          abs(sched.sigma_max.item() - 14.6146) < 1e-3,
          f"{sched.sigma_min.item():.5f} {sched.sigma_max.item():.5f}")
    t = torch.tensor([0.0, 10.0, 500.25, 998.5, 999.0])
    check("sigma_to_t inverts t_to_sigma", close(sched.sigma_to_t(sched.t_to_sigma(t)), t, 1e-4))

    # A fixed linear "network" eps = a*x + b makes the identities exact for any x.
    g = torch.Generator().manual_seed(5)
    a, b = 0.3, torch.randn((1, 4, 8, 8), generator=g) * 0.1
    x0 = torch.randn((1, 4, 8, 8), generator=g)

    def eps_fn(x, t):
        return a * x + b

    # DDIM (eta 0) in sigma form: x/sqrt(acp) moves by (sigma_prev - sigma_t) * eps
    trace = []
    ts = S.ddim_timesteps(10)
    x_ddim, _, alphas, alphas_prev = S.sample_ddim(eps_fn, x0, acp, 10, trace)
    x = x0
    for i, step in enumerate(ts[::-1]):
        idx = 9 - i
        at, ap = alphas[idx].double(), alphas_prev[idx].double()
        st, sp = ((1 - at) / at).sqrt(), ((1 - ap) / ap).sqrt()
        e = eps_fn(x.float(), None).double()
        x = ((x.double() / at.sqrt() + (sp - st) * e) * ap.sqrt()).float()
    check("DDIM == Euler in sigma-space (eta 0)", close(x_ddim, x, 1e-4))

    # first DPM-Solver++(2M) step is the first-order (DDIM-like) step of the denoiser
    den = S.make_denoiser(eps_fn, sched, "eps")
    sig = sched.get_sigmas(10)
    tr1, tr2 = [], []
    S.sample_dpmpp_2m(den, x0 * sig[0], sig[:3], tr1)
    d0 = den(x0 * sig[0], sig[0])
    first = (sig[1] / sig[0]) * (x0 * sig[0]) + (1 - sig[1] / sig[0]) * d0
    check("DPM++(2M) first step == exponential first-order step", close(tr1[0], first, 1e-5))
    # and Euler's step is x + (x - D)/sigma * dsigma
    S.sample_euler(den, x0 * sig[0], sig[:2], tr2)
    check("Euler step", close(tr2[0], x0 * sig[0] + (x0 * sig[0] - d0) / sig[0] * (sig[1] - sig[0])))

    sd, su = S.ancestral_step(sig[1], sig[2])
    check("ancestral step: sigma_down^2 + sigma_up^2 = sigma_next^2",
          abs((sd ** 2 + su ** 2 - sig[2] ** 2).item()) < 1e-4 * sig[2].item() ** 2)

    # v-prediction denoiser: with v = alpha*eps - sigma_vp*x0 the denoiser recovers x0
    sig_k = torch.tensor(2.5)
    xx0, noise = torch.randn((1, 4, 2, 2), generator=g), torch.randn((1, 4, 2, 2), generator=g)
    alpha, sigma_vp = 1 / (1 + sig_k ** 2).sqrt(), sig_k / (1 + sig_k ** 2).sqrt()
    v = alpha * noise - sigma_vp * xx0
    dv = S.make_denoiser(lambda xi, ti: v, sched, "v")(xx0 + sig_k * noise, sig_k)
    check("v-prediction denoiser recovers x0", close(dv, xx0, 1e-5))


def layout_checks():
    keys = sd15_layout()
    counts = [sum(1 for k in keys if k.startswith(p)) for p in
              ("model.diffusion_model.", "first_stage_model.", "cond_stage_model.")]
    check("SD 1.5 tensor counts 686/248/197", counts == [686, 248, 197], str(counts))
    with on_device("meta"):
        n = [sum(p.numel() for p in m.parameters()) for m in
             (UNetModel(C.SD15_UNET), AutoencoderKL(C.SD15_VAE), CLIPTextModel(C.SD15_CLIP))]
    check("SD 1.5 parameter counts", n == [859520964, 83653863, 123060480], str(n))

    ucfg = C.SD15_UNET
    unet_keys = [k[len("model.diffusion_model."):] for k in keys if k.startswith("model.diffusion_model.")]
    names = {k: D.unet_key(k, ucfg) for k in unet_keys}
    check("diffusers UNet names unique", len(set(names.values())) == len(names))
    expect = {
        "input_blocks.1.0.in_layers.0.weight": "down_blocks.0.resnets.0.norm1.weight",
        "input_blocks.2.1.proj_in.weight": "down_blocks.0.attentions.1.proj_in.weight",
        "input_blocks.3.0.op.weight": "down_blocks.0.downsamplers.0.conv.weight",
        "input_blocks.4.0.skip_connection.weight": "down_blocks.1.resnets.0.conv_shortcut.weight",
        "input_blocks.9.0.op.bias": "down_blocks.2.downsamplers.0.conv.bias",
        "input_blocks.11.0.emb_layers.1.weight": "down_blocks.3.resnets.1.time_emb_proj.weight",
        "middle_block.1.transformer_blocks.0.attn2.to_k.weight":
            "mid_block.attentions.0.transformer_blocks.0.attn2.to_k.weight",
        "middle_block.2.out_layers.3.weight": "mid_block.resnets.1.conv2.weight",
        "output_blocks.0.0.out_layers.0.bias": "up_blocks.0.resnets.0.norm2.bias",
        "output_blocks.2.1.conv.weight": "up_blocks.0.upsamplers.0.conv.weight",
        "output_blocks.3.1.norm.weight": "up_blocks.1.attentions.0.norm.weight",
        "output_blocks.5.2.conv.weight": "up_blocks.1.upsamplers.0.conv.weight",
        "output_blocks.8.2.conv.bias": "up_blocks.2.upsamplers.0.conv.bias",
        "output_blocks.11.1.transformer_blocks.0.ff.net.2.weight":
            "up_blocks.3.attentions.2.transformer_blocks.0.ff.net.2.weight",
        "time_embed.2.bias": "time_embedding.linear_2.bias",
        "out.0.weight": "conv_norm_out.weight",
    }
    bad = {k: names[k] for k, v in expect.items() if names[k] != v}
    check("diffusers UNet names (SD 1.5 spot checks)", not bad, str(bad))

    vcfg = C.SD15_VAE
    vae_keys = [k[len("first_stage_model."):] for k in keys if k.startswith("first_stage_model.")]
    vnames = {k: D.vae_key(k, vcfg)[0] for k in vae_keys}
    check("diffusers VAE names unique", len(set(vnames.values())) == len(vnames))
    expect = {
        "decoder.up.3.upsample.conv.weight": "decoder.up_blocks.0.upsamplers.0.conv.weight",
        "decoder.up.0.block.0.nin_shortcut.weight": "decoder.up_blocks.3.resnets.0.conv_shortcut.weight",
        "decoder.up.3.block.2.conv2.bias": "decoder.up_blocks.0.resnets.2.conv2.bias",
        "encoder.down.1.block.0.nin_shortcut.bias": "encoder.down_blocks.1.resnets.0.conv_shortcut.bias",
        "encoder.down.2.downsample.conv.weight": "encoder.down_blocks.2.downsamplers.0.conv.weight",
        "encoder.mid.attn_1.proj_out.weight": "encoder.mid_block.attentions.0.to_out.0.weight",
        "decoder.mid.attn_1.norm.bias": "decoder.mid_block.attentions.0.group_norm.bias",
        "encoder.mid.block_2.norm1.weight": "encoder.mid_block.resnets.1.norm1.weight",
        "encoder.norm_out.weight": "encoder.conv_norm_out.weight",
        "quant_conv.weight": "quant_conv.weight",
    }
    bad = {k: vnames[k] for k, v in expect.items() if vnames[k] != v}
    check("diffusers VAE names (SD 1.5 spot checks)", not bad, str(bad))


def io_checks():
    g = torch.Generator().manual_seed(9)
    tensors = {"a": torch.randn((2, 3), generator=g), "b": torch.randn((4,), generator=g).half(),
               "c": torch.arange(5), "d": torch.tensor(3, dtype=torch.int32), "e": torch.zeros((0, 2))}
    with tempfile.TemporaryDirectory() as d:
        p = os.path.join(d, "x.safetensors")
        safetensors_io.save(p, tensors, {"k": "v"})
        back, meta = safetensors_io.load(p)
        with open(p, "rb") as f:
            n = int.from_bytes(f.read(8), "little")
    ok = meta == {"k": "v"} and all(torch.equal(tensors[k], back[k]) and tensors[k].dtype == back[k].dtype
                                    for k in tensors)
    check("safetensors round trip (F32, F16, I64, 0-d I32, empty)", ok and n % 8 == 0)


if __name__ == "__main__":
    attention_checks()
    sampler_checks()
    layout_checks()
    io_checks()
    print("all checks passed" if not failures else f"{len(failures)} FAILED: {failures}")
    sys.exit(1 if failures else 0)
