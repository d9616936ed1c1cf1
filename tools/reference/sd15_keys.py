#!/usr/bin/python3
"""Writes the key list of a real SD 1.5 single-file checkpoint (v1-5-pruned-emaonly layout) as
JSON: {"__metadata__": {...}, "<key>": {"dtype": ..., "shape": [...]}, ...}, i.e. a safetensors
header without data offsets. Built from the reference modules on the `meta` device (shapes only).

    /usr/bin/python3 tools/reference/sd15_keys.py --out studio-engine/src/test/resources/golden/sd15_keys.json

Weights are listed as F16 (the common half-precision distribution); the DDPM schedule buffers as
F32, the CLIP position_ids buffer as I64. The original emaonly file stores weights as F32, and
some files omit position_ids or carry model_ema.decay / model_ema.num_updates: a loader must not
depend on those extras or on the weight dtype.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import configs as C  # noqa: E402
import samplers as S  # noqa: E402
from layers import on_device  # noqa: E402
from ldm_unet import UNetModel  # noqa: E402
from ldm_vae import AutoencoderKL  # noqa: E402
from text_encoders import CLIPTextModel  # noqa: E402


def sd15_layout():
    with on_device("meta"):
        parts = [("model.diffusion_model.", UNetModel(C.SD15_UNET)),
                 ("first_stage_model.", AutoencoderKL(C.SD15_VAE)),
                 ("cond_stage_model.transformer.", CLIPTextModel(C.SD15_CLIP))]
    keys = {}
    for prefix, module in parts:
        for k, v in module.state_dict().items():
            keys[prefix + k] = {"dtype": "F16", "shape": list(v.shape)}
    keys["cond_stage_model.transformer.text_model.embeddings.position_ids"] = {"dtype": "I64", "shape": [1, 77]}
    for name in S.ddpm_buffers():
        keys[name] = {"dtype": "F32", "shape": [S.NUM_TIMESTEPS]}
    return keys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    keys = sd15_layout()
    counts = {p: sum(1 for k in keys if k.startswith(p))
              for p in ("model.diffusion_model.", "first_stage_model.", "cond_stage_model.")}
    meta = {
        "source": "tools/reference/sd15_keys.py (reference modules on the meta device)",
        "unet": json.dumps(C.SD15_UNET), "vae": json.dumps(C.SD15_VAE), "text": json.dumps(C.SD15_CLIP),
        "counts": json.dumps(counts),
        "optional": "model_ema.decay, model_ema.num_updates (0-d) may also be present; position_ids may be absent",
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    # one entry per line: diffable, and still one JSON object
    lines = [json.dumps("__metadata__") + ":" + json.dumps(meta, sort_keys=True)]
    lines += [json.dumps(k) + ":" + json.dumps(v, separators=(",", ":")) for k, v in sorted(keys.items())]
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("{\n" + ",\n".join(lines) + "\n}\n")
    print(f"wrote {len(keys)} keys to {args.out}: {counts}")


if __name__ == "__main__":
    main()
