#!/usr/bin/python3
"""Golden fixtures for LoRA and textual inversion on the tiny SD1 checkpoint: LoRA files in the
formats users download, merged into the weights by the formula, then the same euler txt2img run as
`sd1_txt2img_euler` (sd_reference.py); textual-inversion vectors put in place of token embeddings.

    /usr/bin/python3 tools/reference/lora_reference.py \\
        --blocks studio-engine/src/test/resources/golden/blocks \\
        --out studio-engine/src/test/resources/golden/lora

Reads `tiny-sd1.safetensors` and the token ids of `sd1_txt2img_euler.io.safetensors` (run
sd_reference.py first). Deterministic: rerunning rewrites identical files.

Merge (independent of the Java naming table: names are made here from LDM keys with
diffusers_names.py, and merged on the LDM key they were made from):
    W += weight * alpha / rank * (up.reshape(out, rank) @ down.reshape(rank, -1)).reshape(W.shape)
alpha = rank when the file has none; factors are stored F16 and used as their F32 values.

LoRA files:
  kohya_linear  kohya-ss naming (`lora_unet_<diffusers module, dots as _>`, `lora_te_<HF CLIP module>`),
                .lora_down.weight/.lora_up.weight/.alpha, rank 4, alpha 2: every transformer Linear,
                the 1x1-conv proj_in/proj_out (4-d factors), every text-encoder projection
  locon         kohya LoCon: resnet in_layers.2/out_layers.3 (3x3 down, 1x1 up), emb_layers.1 (time_emb_proj),
                the downsampler `op` (down_blocks_0_downsamplers_0_conv) and the upsampler conv
                (up_blocks_0_upsamplers_0_conv), rank 4, alpha 1
  peft          PEFT / diffusers: `unet.<module>.lora_A.weight` / `lora_B.weight` on attention q/k/v/out,
                `text_encoder.text_model.encoder.layers.N.self_attn.*`, rank 4, no alpha
  diffusers_old older diffusers attention processors: `unet.<attn>.processor.to_q_lora.down.weight` / `.up.weight`
                (to_k_lora, to_v_lora, to_out_lora), rank 2, no alpha

Textual inversion: a tokenizer folder (vocab.json, merges.txt) over the tiny model's 1000 ids with no
merges but one ("q z</w>", which no test word has): ids 0-255 the byte symbols in CLIP's order, 256-511 the
same with </w>, 998/999 start/end, so a word's tokens are its characters, the last with </w>. Embeddings (`emb_params` [n, 32]) in `embeddings/`.
"""
import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import configs as C  # noqa: E402
import diffusers_names as DN  # noqa: E402
import safetensors_io  # noqa: E402
import samplers as S  # noqa: E402
from ldm_unet import UNetModel  # noqa: E402
from ldm_vae import AutoencoderKL  # noqa: E402
from text_encoders import CLIPTextModel  # noqa: E402

GUIDANCE = 7.5
STEPS = 10
SEED = 1234
UNET = "model.diffusion_model."
CLIP = "cond_stage_model.transformer."


def bytes_to_unicode():
    """GPT-2 / CLIP byte -> symbol table, in their order."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return [chr(c) for c in cs]


SYMBOLS = bytes_to_unicode()
VOCAB = {s: i for i, s in enumerate(SYMBOLS)}
VOCAB.update({s + "</w>": 256 + i for i, s in enumerate(SYMBOLS)})


def tokens(text):
    """The tiny vocabulary's ids of a lower-case ASCII text of words and commas (no merges)."""
    out = []
    for word in text.replace(",", " , ").split():
        out += [VOCAB[c] for c in word[:-1]] + [VOCAB[word[-1] + "</w>"]]
    return out


def write_tokenizer(folder):
    os.makedirs(folder, exist_ok=True)
    vocab = dict(VOCAB)
    vocab["qz</w>"] = 512  # one merge (the tokenizer refuses a merge list without any) that no test word meets
    for i in range(513, C.TINY_BOS):
        vocab[f"<unused{i}>"] = i
    vocab["<|startoftext|>"] = C.TINY_BOS
    vocab["<|endoftext|>"] = C.TINY_EOS
    with open(os.path.join(folder, "vocab.json"), "w", encoding="utf-8") as f:
        json.dump(vocab, f, ensure_ascii=False, sort_keys=True)
    with open(os.path.join(folder, "merges.txt"), "w", encoding="utf-8") as f:
        f.write("#version: 0.2\nq z</w>\n")


def load(module, weights, prefix):
    expected = module.state_dict()
    state = {k[len(prefix):]: v.float() for k, v in weights.items()
             if k.startswith(prefix) and k[len(prefix):] in expected}
    module.load_state_dict(state, strict=True)
    return module.eval()


def to_png(path, image):
    from PIL import Image
    arr = ((image[0].clamp(-1, 1) + 1) / 2 * 255).round().to(torch.uint8).permute(1, 2, 0).numpy()
    Image.fromarray(arr, "RGB").save(path, optimize=False)


class LoraBuilder:
    """Random low-rank factors for chosen weights, written under a format's names, remembered for the merge."""

    def __init__(self, seed, rank, alpha):
        self.gen = torch.Generator().manual_seed(seed)
        self.rank, self.alpha = rank, alpha
        self.tensors = {}
        self.layers = []  # (ldm key, down, up, alpha or None, part)

    def add(self, ldm_key, shape, name, down_suffix, up_suffix, part, kernel=None):
        out = shape[0]
        inner = shape[1]
        k = kernel if kernel is not None else (shape[2] if len(shape) == 4 else None)
        down_shape = [self.rank, inner] + ([k, k] if len(shape) == 4 else [])
        up_shape = [out, self.rank] + ([1, 1] if len(shape) == 4 else [])
        down = (torch.randn(down_shape, generator=self.gen) * 0.15).half()
        up = (torch.randn(up_shape, generator=self.gen) * 0.15).half()
        self.tensors[name + down_suffix] = down
        self.tensors[name + up_suffix] = up
        if self.alpha is not None:
            self.tensors[name + ".alpha"] = torch.tensor(float(self.alpha))
        self.layers.append((ldm_key, down.float(), up.float(), self.alpha, part))

    def save(self, path, metadata=None):
        safetensors_io.save(path, {k: v.contiguous() for k, v in sorted(self.tensors.items())}, metadata or {})


def merge(weights, loras):
    """weights (F32 copies) with each (builder, unet weight, text weight) merged by the formula."""
    out = dict(weights)
    for b, unet_w, text_w in loras:
        for key, down, up, alpha, part in b.layers:
            rank = down.shape[0]
            scale = (unet_w if part == "unet" else text_w) * (alpha if alpha is not None else rank) / rank
            w = out[key]
            delta = (up.reshape(up.shape[0], rank) @ down.reshape(rank, -1)).reshape(w.shape)
            out[key] = w + scale * delta
    return out


def diffusers_module(ldm_key):
    return DN.unet_key(ldm_key[len(UNET):], C.TINY_SD1_UNET)[:-len(".weight")]


def build_loras(weights):
    unet_keys = sorted(k for k in weights if k.startswith(UNET) and k.endswith(".weight"))
    text_keys = sorted(k for k in weights if k.startswith(CLIP) and k.endswith(".weight")
                       and ".encoder.layers." in k and weights[k].dim() == 2)
    shape = {k: list(weights[k].shape) for k in weights}

    kohya = LoraBuilder(21, 4, 2.0)
    for k in unet_keys:
        if ("transformer_blocks" in k and weights[k].dim() == 2) or k.endswith((".proj_in.weight", ".proj_out.weight")):
            kohya.add(k, shape[k], "lora_unet_" + diffusers_module(k).replace(".", "_"),
                      ".lora_down.weight", ".lora_up.weight", "unet")
    for k in text_keys:
        kohya.add(k, shape[k], "lora_te_" + k[len(CLIP):-len(".weight")].replace(".", "_"),
                  ".lora_down.weight", ".lora_up.weight", "text")

    locon = LoraBuilder(22, 4, 1.0)
    for k in unet_keys:
        if k.endswith((".in_layers.2.weight", ".out_layers.3.weight", ".emb_layers.1.weight", ".op.weight")) \
                or (k.startswith(UNET + "output_blocks.") and k.endswith(".conv.weight")):
            locon.add(k, shape[k], "lora_unet_" + diffusers_module(k).replace(".", "_"),
                      ".lora_down.weight", ".lora_up.weight", "unet")

    peft = LoraBuilder(23, 4, None)
    for k in unet_keys:
        if k.endswith((".to_q.weight", ".to_k.weight", ".to_v.weight", ".to_out.0.weight")):
            peft.add(k, shape[k], "unet." + diffusers_module(k), ".lora_A.weight", ".lora_B.weight", "unet")
    for k in text_keys:
        if ".self_attn." in k:
            peft.add(k, shape[k], "text_encoder." + k[len(CLIP):-len(".weight")], ".lora_A.weight", ".lora_B.weight", "text")

    old = LoraBuilder(24, 2, None)
    for k in unet_keys:
        for proj, lora in ((".to_q.weight", "to_q_lora"), (".to_k.weight", "to_k_lora"), (".to_v.weight", "to_v_lora"),
                           (".to_out.0.weight", "to_out_lora")):
            if k.endswith(proj):
                attn = diffusers_module(k)[:-len(proj) + len(".weight")]
                old.add(k, shape[k], "unet." + attn + ".processor." + lora, ".down.weight", ".up.weight", "unet")
    return {"kohya_linear": kohya, "locon": locon, "peft": peft, "diffusers_old": old}


def chunk_ids(ids):
    chunk = [C.TINY_BOS] + ids + [C.TINY_EOS]
    return torch.tensor([chunk + [C.TINY_EOS] * (77 - len(chunk))], dtype=torch.int64)


def encode_with(clip, ids, slots):
    """CLIP text model with token-embedding rows replaced: slots = [(position, vectors [n, width])]."""
    emb = clip.text_model.embeddings
    x = emb.token_embedding(ids).clone()
    for pos, vectors in slots:
        x[0, pos:pos + vectors.shape[0]] = vectors
    x = x + emb.position_embedding.weight[: ids.shape[1]][None]
    for layer in clip.text_model.encoder.layers:
        x = layer(x)
    return clip.text_model.final_layer_norm(x)


def run_euler(weights, cond, uncond_fn):
    unet = load(UNetModel(C.TINY_SD1_UNET), weights, UNET)
    vae = load(AutoencoderKL(C.TINY_VAE), weights, "first_stage_model.")
    clip = load(CLIPTextModel(C.TINY_CLIP), weights, CLIP)
    c, u = cond(clip), uncond_fn(clip)
    schedule = S.DiscreteSchedule(S.alphas_cumprod())
    torch.manual_seed(SEED)
    noise = torch.randn([1, 4, 8, 8])
    sigmas = schedule.get_sigmas(STEPS)
    trace = []
    x = S.sample_euler(S.make_denoiser(S.cfg_model(unet, c, u, GUIDANCE), schedule, "eps"), noise * sigmas[0], sigmas, trace)
    return x, vae.decode(x / C.SCALE_FACTOR), c, u


def psnr(a, b):
    a = ((a.clamp(-1, 1) + 1) / 2 * 255).round()
    b = ((b.clamp(-1, 1) + 1) / 2 * 255).round()
    mse = ((a - b) ** 2).mean().item()
    return float("inf") if mse == 0 else 10 * torch.log10(torch.tensor(255.0 ** 2 / mse)).item()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--blocks", required=True, help="golden/blocks (tiny-sd1.safetensors, sd1_txt2img_euler.io)")
    ap.add_argument("--out", required=True, help="output folder (golden/lora)")
    args = ap.parse_args()
    torch.set_num_threads(1)
    torch.set_grad_enabled(False)
    os.makedirs(os.path.join(args.out, "embeddings"), exist_ok=True)

    raw, _ = safetensors_io.load(os.path.join(args.blocks, "tiny-sd1.safetensors"))
    weights = {k: v.float() for k, v in raw.items()}
    ids, _ = safetensors_io.load(os.path.join(args.blocks, "sd1_txt2img_euler.io.safetensors"))
    cond_ids, uncond_ids = ids["cond_ids"], ids["uncond_ids"]

    loras = build_loras(weights)
    for name, b in loras.items():
        b.save(os.path.join(args.out, name + ".safetensors"),
               {"ss_network_module": "networks.lora"} if name in ("kohya_linear", "locon") else {})
    _, base_image, _, _ = run_euler(weights, lambda clip: clip(cond_ids, 1), lambda clip: clip(uncond_ids, 1))

    cases = {
        # case: (loras with (unet, text) weights, prompt the Java test gives)
        "kohya_linear": ([("kohya_linear", 0.8, 0.8)], "cond"),
        "locon": ([("locon", 1.0, 1.0)], "cond"),
        "peft": ([("peft", 0.7, 0.7)], "cond"),
        "two_loras": ([("kohya_linear", 0.6, 0.6), ("diffusers_old", 0.9, 0.9)], "cond"),
        "prompt_tag": ([("kohya_linear", 0.5, 1.2)], "cond<lora:kohya_linear:1.2:0.5>"),
    }
    for case, (chosen, prompt) in cases.items():
        merged = merge(weights, [(loras[n], u, t) for n, u, t in chosen])
        x, image, _, _ = run_euler(merged, lambda clip: clip(cond_ids, 1), lambda clip: clip(uncond_ids, 1))
        name = "sd1_lora_" + case
        params = dict(sampler="euler", steps=STEPS, guidance=GUIDANCE, seed=SEED, width=16, height=16,
                      prompt=prompt, loras=[dict(name=n, unet=u, text=t) for n, u, t in chosen], png=name + ".png")
        safetensors_io.save(os.path.join(args.out, name + ".io.safetensors"),
                            {"cond_ids": cond_ids, "uncond_ids": uncond_ids, "latents": x.contiguous(),
                             "image": image.contiguous()}, {
            "studio.description": f"euler txt2img as sd1_txt2img_euler on tiny-sd1 with {chosen} merged by "
                                  "W += weight * alpha / rank * up @ down (alpha = rank when absent)",
            "studio.checkpoint": "tiny-sd1.safetensors",
            "studio.params": json.dumps(params, sort_keys=True)})
        to_png(os.path.join(args.out, name + ".png"), image)
        print(f"{name}: PSNR against the base image {psnr(image, base_image):.1f} dB")

    # Textual inversion: "a lsemb cat" / "ugly, negemb", emb_params of 2 and 3 vectors.
    write_tokenizer(os.path.join(args.out, "tokenizer"))
    gen = torch.Generator().manual_seed(25)
    embs = {"lsemb": (torch.randn([2, 32], generator=gen) * 0.5).half(),
            "negemb": (torch.randn([3, 32], generator=gen) * 0.5).half()}
    for n, v in embs.items():
        safetensors_io.save(os.path.join(args.out, "embeddings", n + ".safetensors"), {"emb_params": v}, {})
    prompt, negative = "a lsemb cat", "ugly, negemb"
    p_ids = tokens("a") + [0, 0] + tokens("cat")
    n_ids = tokens("ugly,") + [0, 0, 0]
    p_chunk, n_chunk = chunk_ids(p_ids), chunk_ids(n_ids)
    p_slots = [(2, embs["lsemb"].float())]
    n_slots = [(1 + len(tokens("ugly,")), embs["negemb"].float())]
    x, image, c, u = run_euler(weights, lambda clip: encode_with(clip, p_chunk, p_slots),
                               lambda clip: encode_with(clip, n_chunk, n_slots))
    name = "sd1_textual_inversion"
    params = dict(sampler="euler", steps=STEPS, guidance=GUIDANCE, seed=SEED, width=16, height=16,
                  prompt=prompt, negative=negative, png=name + ".png")
    safetensors_io.save(os.path.join(args.out, name + ".io.safetensors"),
                        {"cond_ids": p_chunk, "uncond_ids": n_chunk, "cond": c.contiguous(), "uncond": u.contiguous(),
                         "latents": x.contiguous(), "image": image.contiguous()}, {
        "studio.description": "euler txt2img on tiny-sd1 with the tokenizer/ folder; the prompt words lsemb and negemb "
                              "replaced by their emb_params rows at the token-embedding level (ids 0 there)",
        "studio.checkpoint": "tiny-sd1.safetensors",
        "studio.params": json.dumps(params, sort_keys=True)})
    to_png(os.path.join(args.out, name + ".png"), image)
    print(f"{name}: PSNR against the base image {psnr(image, base_image):.1f} dB")

    # Both at once, as the CLI test runs it: the prompt "a lsemb cat <lora:kohya_linear:0.8>" (the tag
    # removed, the space before it kept: the same tokens).
    merged = merge(weights, [(loras["kohya_linear"], 0.8, 0.8)])
    x, image, _, _ = run_euler(merged, lambda clip: encode_with(clip, p_chunk, p_slots),
                               lambda clip: encode_with(clip, n_chunk, n_slots))
    name = "sd1_lora_and_embedding"
    params = dict(params, prompt=prompt + " <lora:kohya_linear:0.8>", png=name + ".png")
    safetensors_io.save(os.path.join(args.out, name + ".io.safetensors"),
                        {"latents": x.contiguous(), "image": image.contiguous()}, {
        "studio.description": "sd1_textual_inversion with kohya_linear merged at 0.8 (U-Net and text encoder)",
        "studio.checkpoint": "tiny-sd1.safetensors",
        "studio.params": json.dumps(params, sort_keys=True)})
    to_png(os.path.join(args.out, name + ".png"), image)
    print(f"{name}: PSNR against the base image {psnr(image, base_image):.1f} dB")


if __name__ == "__main__":
    main()
