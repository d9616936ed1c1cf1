"""LDM (original checkpoint) key -> diffusers key, for the UNet, the VAE and the CLIP text model,
derived from the model config (not hard-coded to 4 levels / 2 res blocks).

UNet (prefix-level renames, then ResBlock-internal renames):
  time_embed.0/2 -> time_embedding.linear_1/2; label_emb.0.0/2 (SDXL) -> add_embedding.linear_1/2;
  input_blocks.0.0 -> conv_in;
  out.0 -> conv_norm_out; out.2 -> conv_out
  input_blocks.{1 + L*(n+1) + j}.0 -> down_blocks.L.resnets.j
  input_blocks.{1 + L*(n+1) + j}.1 -> down_blocks.L.attentions.j
  input_blocks.{(L+1)*(n+1)}.0.op  -> down_blocks.L.downsamplers.0.conv
  middle_block.0/1/2 -> mid_block.resnets.0 / mid_block.attentions.0 / mid_block.resnets.1
  output_blocks.{U*(n+1) + j}.0 -> up_blocks.U.resnets.j        (U = 0 is the lowest resolution)
  output_blocks.{U*(n+1) + j}.1 -> up_blocks.U.attentions.j     (when the level has attention)
  output_blocks.{U*(n+1) + n}.{1|2}.conv -> up_blocks.U.upsamplers.0.conv
  ResBlock: in_layers.0 norm1, in_layers.2 conv1, emb_layers.1 time_emb_proj,
            out_layers.0 norm2, out_layers.3 conv2, skip_connection conv_shortcut
  SpatialTransformer internals keep their names (norm, proj_in, transformer_blocks.K..., proj_out).
VAE:
  encoder.down.I.block.J -> encoder.down_blocks.I.resnets.J; encoder.down.I.downsample ->
  encoder.down_blocks.I.downsamplers.0; decoder.up.I.block.J -> decoder.up_blocks.(L-1-I).resnets.J;
  decoder.up.I.upsample -> decoder.up_blocks.(L-1-I).upsamplers.0; mid.block_1/2 ->
  mid_block.resnets.0/1; mid.attn_1 -> mid_block.attentions.0 with norm -> group_norm and
  q/k/v/proj_out -> to_q/to_k/to_v/to_out.0 (diffusers >= 0.14; older files use
  query/key/value/proj_attn), whose weights are Linear (C, C) instead of conv (C, C, 1, 1);
  nin_shortcut -> conv_shortcut; norm_out -> conv_norm_out.
CLIP text model: the same Hugging Face names without the `cond_stage_model.transformer.` prefix.
"""


def _resblock_inner(rest):
    for old, new in (("in_layers.0.", "norm1."), ("in_layers.2.", "conv1."),
                     ("emb_layers.1.", "time_emb_proj."), ("out_layers.0.", "norm2."),
                     ("out_layers.3.", "conv2."), ("skip_connection.", "conv_shortcut.")):
        if rest.startswith(old):
            return new + rest[len(old):]
    raise KeyError(rest)


def unet_key(key, cfg):
    """`key` without the `model.diffusion_model.` prefix."""
    n = cfg["num_res_blocks"]
    levels = len(cfg["channel_mult"])
    fixed = {"time_embed.0.": "time_embedding.linear_1.", "time_embed.2.": "time_embedding.linear_2.",
             "input_blocks.0.0.": "conv_in.", "out.0.": "conv_norm_out.", "out.2.": "conv_out.",
             "label_emb.0.0.": "add_embedding.linear_1.", "label_emb.0.2.": "add_embedding.linear_2."}
    for old, new in fixed.items():
        if key.startswith(old):
            return new + key[len(old):]
    parts = key.split(".")
    group, idx, sub = parts[0], int(parts[1]) if parts[0] != "middle_block" else None, None
    if group == "input_blocks":
        block, sub = idx, int(parts[2])
        rest = ".".join(parts[3:])
        level, pos = divmod(block - 1, n + 1)
        if pos == n:  # the downsampler closing this level
            assert rest.startswith("op."), key
            return f"down_blocks.{level}.downsamplers.0.conv." + rest[len("op."):]
        if sub == 0:
            return f"down_blocks.{level}.resnets.{pos}." + _resblock_inner(rest)
        return f"down_blocks.{level}.attentions.{pos}." + rest
    if group == "middle_block":
        sub = int(parts[1])
        rest = ".".join(parts[2:])
        if sub == 1:
            return "mid_block.attentions.0." + rest
        return f"mid_block.resnets.{sub // 2}." + _resblock_inner(rest)
    if group == "output_blocks":
        block, sub = idx, int(parts[2])
        rest = ".".join(parts[3:])
        up, pos = divmod(block, n + 1)
        if sub == 0:
            return f"up_blocks.{up}.resnets.{pos}." + _resblock_inner(rest)
        if rest.startswith("conv.") and up < levels - 1 and pos == n:
            # Upsample is the last module of the level's last block: index 1 or 2
            return f"up_blocks.{up}.upsamplers.0.conv." + rest[len("conv."):]
        return f"up_blocks.{up}.attentions.{pos}." + rest
    raise KeyError(key)


def vae_key(key, cfg):
    """`key` without the `first_stage_model.` prefix -> (diffusers key, reshape_to_linear)."""
    levels = len(cfg["ch_mult"])
    k = key
    for old, new in (("nin_shortcut", "conv_shortcut"), ("norm_out", "conv_norm_out")):
        k = k.replace(old, new)
    parts = k.split(".")
    if parts[0] in ("encoder", "decoder") and parts[1] in ("down", "up"):
        i = int(parts[2])
        if parts[1] == "down":
            head = f"{parts[0]}.down_blocks.{i}."
        else:
            head = f"{parts[0]}.up_blocks.{levels - 1 - i}."
        if parts[3] == "block":
            return head + f"resnets.{parts[4]}." + ".".join(parts[5:]), False
        if parts[3] in ("downsample", "upsample"):
            return head + f"{parts[3]}rs.0." + ".".join(parts[4:]), False
    if parts[0] in ("encoder", "decoder") and parts[1] == "mid":
        if parts[2] in ("block_1", "block_2"):
            j = int(parts[2][-1]) - 1
            return f"{parts[0]}.mid_block.resnets.{j}." + ".".join(parts[3:]), False
        if parts[2] == "attn_1":
            names = {"norm": "group_norm", "q": "to_q", "k": "to_k", "v": "to_v", "proj_out": "to_out.0"}
            new = f"{parts[0]}.mid_block.attentions.0.{names[parts[3]]}." + ".".join(parts[4:])
            return new, parts[3] != "norm" and parts[-1] == "weight"
    return k, False
