#!/usr/bin/python3
"""PyTorch side of `studio bench`: times the same models on the same inputs as the Java bench.

    /usr/bin/python3 tools/reference/bench_reference.py --case DIR/default-64 --repeats 3 --threads 1,2

`studio bench` writes each case folder and normally runs this script itself, right after its own
measurements, so that both sides see the same machine load; run it by hand to re-measure one side.

A case folder holds (written by the Java bench, see studio.app.bench.CaseExport):
  case.json            configs in this package's naming, sizes, steps, guidance, seed, token ids
  weights.safetensors  every weight under `unet.`, `vae.`, `text.` + the Java (= checkpoint) key
  inputs.safetensors   the U-Net step's inputs (x, t, context) and the VAE decode's latent,
                       with the Java outputs for a same-work check
It writes `pytorch.json` there: best and median wall milliseconds and the least process CPU
milliseconds (all threads, time.process_time) per measured operation and thread count, and the
check results. The Java bench passes its own thread counts (1 and libtorch's default there), as
torch's default can differ between builds on the same machine.

What is timed, as the Java bench does it:
  text        the prompt and the negative prompt through the text encoder (two batch-1 calls)
  unet        one sampling step's network call: batch 2 (unconditional + conditional)
  vae         decoding one latent to pixels (the decoder network)
  generation  text encoding, seeded noise, `steps` Euler steps with classifier-free guidance
              (one batch-2 U-Net call each), VAE decode and conversion to 8-bit RGB
The modules are this folder's reference implementation (ldm_unet, ldm_vae, text_encoders),
run as they are written (x * sigmoid(x) as in the original LDM code), under no_grad.
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import safetensors_io  # noqa: E402
import samplers as S  # noqa: E402
from ldm_unet import UNetModel  # noqa: E402
from ldm_vae import AutoencoderKL  # noqa: E402
from text_encoders import CLIPTextModel, OpenCLIPText  # noqa: E402


def load_models(case, weights):
    unet = UNetModel(case["unet"])
    vae = AutoencoderKL(case["vae"])
    if case["text_kind"] == "clip":
        text = CLIPTextModel(case["text"])
        text_prefix = "text_model."  # the Java CLIP keys start below CLIPTextModel.text_model
    else:
        text = OpenCLIPText(case["text"])
        text_prefix = ""
    for module, prefix, inner in ((unet, "unet.", ""), (vae, "vae.", ""), (text, "text.", text_prefix)):
        state = {inner + k[len(prefix):]: v for k, v in weights.items() if k.startswith(prefix)}
        expected = module.state_dict()
        # OpenCLIP's text_projection and logit_scale are unused by SD; Java does not keep them
        for unused in ("text_projection", "logit_scale"):
            if prefix == "text." and unused in expected and unused not in state:
                state[unused] = torch.zeros_like(expected[unused])
        missing = sorted(set(expected) - set(state))
        unexpected = sorted(set(state) - set(expected))
        if missing or unexpected:
            raise SystemExit(f"bench_reference: {prefix[:-1]} keys differ from the reference: "
                             f"missing {missing[:10]} ({len(missing)}), unexpected {unexpected[:10]} "
                             f"({len(unexpected)})")
        module.load_state_dict(state, strict=True)
        module.eval()
    return unet, vae, text


def encode_text(text, kind, ids, clip_skip):
    # Java's clip skip 1 is CLIP's last layer but OpenCLIP's penultimate (SD 2.x)
    return text(ids, clip_skip)


def timed(fn, repeats):
    fn()  # warm-up: first-call allocations and kernel selection
    times, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return {"best": min(times), "median": statistics.median(times), "best_cpu": min(cpu), "runs": repeats}


def max_rel_err(actual, expected):
    return ((actual - expected).abs().max() / expected.abs().max().clamp(min=1e-12)).item()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--case", required=True, help="case folder written by `studio bench`")
    ap.add_argument("--repeats", type=int, default=3, help="timed runs per operation (after one warm-up)")
    ap.add_argument("--threads", help="comma-separated intra-op thread counts (default: 1 and torch's default)")
    ap.add_argument("--out", help="result file (default: CASE/pytorch.json)")
    args = ap.parse_args()
    torch.set_grad_enabled(False)
    default_threads = torch.get_num_threads()

    with open(os.path.join(args.case, "case.json"), encoding="utf-8") as f:
        case = json.load(f)
    weights, _ = safetensors_io.load(os.path.join(args.case, "weights.safetensors"))
    inputs, _ = safetensors_io.load(os.path.join(args.case, "inputs.safetensors"))
    unet, vae, text = load_models(case, weights)
    kind, skip = case["text_kind"], case["clip_skip"]
    cond_ids = torch.tensor([case["cond_ids"]], dtype=torch.int64)
    uncond_ids = torch.tensor([case["uncond_ids"]], dtype=torch.int64)
    x, t, ctx, latent = inputs["unet_x"], inputs["unet_t"], inputs["unet_context"], inputs["vae_latent"]

    # Same work as Java: the same outputs on the same inputs.
    check = {
        "text_max_rel_err": max_rel_err(encode_text(text, kind, cond_ids, skip), inputs["text_cond"]),
        "unet_max_rel_err": max_rel_err(unet(x, t, ctx), inputs["unet_out"]),
        "vae_max_rel_err": max_rel_err(vae.decode(latent), inputs["vae_out"]),
    }

    schedule = S.DiscreteSchedule(S.alphas_cumprod())
    f = case["vae_factor"]
    shape = [1, case["latent_channels"], case["height"] // f, case["width"] // f]

    def generate():
        cond = encode_text(text, kind, cond_ids, skip)
        uncond = encode_text(text, kind, uncond_ids, skip)
        model_fn = S.cfg_model(unet, cond, uncond, case["guidance"])
        den = S.make_denoiser(model_fn, schedule, case["prediction"])
        torch.manual_seed(case["seed"])
        sigmas = schedule.get_sigmas(case["steps"])
        z = S.sample_euler(den, torch.randn(shape) * sigmas[0], sigmas, [])
        image = vae.decode(z / case["latent_scale"])
        return ((image[0].clamp(-1, 1) + 1) / 2 * 255).round().to(torch.uint8)

    results = {}
    counts = ({int(n) for n in args.threads.split(",")} if args.threads else {1, default_threads})
    for threads in sorted(counts):
        torch.set_num_threads(threads)
        results[str(threads)] = {
            "text": timed(lambda: (encode_text(text, kind, cond_ids, skip),
                                   encode_text(text, kind, uncond_ids, skip)), args.repeats),
            "unet": timed(lambda: unet(x, t, ctx), args.repeats),
            "vae": timed(lambda: vae.decode(latent), args.repeats),
            "generation": timed(generate, args.repeats),
        }
    torch.set_num_threads(default_threads)
    out = {"torch": torch.__version__, "default_threads": default_threads, "results": results,
           "check": check}
    path = args.out or os.path.join(args.case, "pytorch.json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(out, fh, indent=1)
    print(f"bench_reference: wrote {path}")


if __name__ == "__main__":
    main()
