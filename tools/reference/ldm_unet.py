"""The LDM U-Net (ldm/modules/diffusionmodules/openaimodel.py + ldm/modules/attention.py),
re-implemented so that `state_dict()` keys equal the original checkpoint keys below
`model.diffusion_model.`.

Semantics kept from the original:
- ResBlock: in_layers = [GroupNorm32(32, eps 1e-5), SiLU, conv3x3], emb_layers = [SiLU, Linear],
  out_layers = [GroupNorm32, SiLU, Dropout, conv3x3]; skip = identity or 1x1 conv.
- Downsample `op`: 3x3 conv stride 2 padding 1. Upsample: nearest x2 then `conv` 3x3.
- Timestep embedding: [cos, sin] of t * exp(-ln(10000) * i / half), i in [0, half).
- SpatialTransformer: GroupNorm(32, eps 1e-6), proj_in/proj_out as 1x1 conv (SD1) or Linear (SD2),
  BasicTransformerBlock x -> x + attn1(norm1 x) -> + attn2(norm2 x, ctx) -> + ff(norm3 x).
- CrossAttention: to_q/to_k/to_v without bias, to_out.0 with bias, softmax(q k^T * d^-0.5).
- FeedForward: GEGLU proj to 2*inner, value = first half, gate = second half, value * gelu(gate).
- Heads: num_heads fixed (SD1, dim_head = ch // num_heads) or num_head_channels fixed
  (SD2, heads = ch // num_head_channels).
"""
import math

import torch
import torch.nn.functional as F
from torch import nn

from layers import conv2d, linear, group_norm, layer_norm, silu


def timestep_embedding(t, dim, max_period=10000):
    half = dim // 2
    freqs = torch.exp(-math.log(max_period) * torch.arange(half, dtype=torch.float32) / half)
    args = t[:, None].float() * freqs[None]
    emb = torch.cat([torch.cos(args), torch.sin(args)], dim=-1)
    if dim % 2:
        emb = torch.cat([emb, torch.zeros_like(emb[:, :1])], dim=-1)
    return emb


class SiLU(nn.Module):
    def forward(self, x):
        return silu(x)


class ResBlock(nn.Module):
    def __init__(self, channels, emb_channels, out_channels=None):
        super().__init__()
        out_channels = out_channels or channels
        self.in_layers = nn.Sequential(group_norm(channels, 1e-5), SiLU(),
                                       conv2d(channels, out_channels, 3, padding=1))
        self.emb_layers = nn.Sequential(SiLU(), linear(emb_channels, out_channels))
        self.out_layers = nn.Sequential(group_norm(out_channels, 1e-5), SiLU(), nn.Dropout(0.0),
                                        conv2d(out_channels, out_channels, 3, padding=1))
        self.skip_connection = (nn.Identity() if out_channels == channels
                                else conv2d(channels, out_channels, 1))

    def forward(self, x, emb):
        h = self.in_layers(x)
        h = h + self.emb_layers(emb)[:, :, None, None]
        h = self.out_layers(h)
        return self.skip_connection(x) + h


class Downsample(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.op = conv2d(channels, channels, 3, stride=2, padding=1)

    def forward(self, x):
        return self.op(x)


class Upsample(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv = conv2d(channels, channels, 3, padding=1)

    def forward(self, x, size=None):
        # As diffusers: upsample to the next skip's size when given (odd sides), else 2x.
        if size is None:
            return self.conv(F.interpolate(x, scale_factor=2, mode="nearest"))
        return self.conv(F.interpolate(x, size=size, mode="nearest"))


class CrossAttention(nn.Module):
    def __init__(self, query_dim, context_dim, heads, dim_head):
        super().__init__()
        inner = heads * dim_head
        self.heads = heads
        self.scale = dim_head ** -0.5
        self.to_q = linear(query_dim, inner, bias=False)
        self.to_k = linear(context_dim, inner, bias=False)
        self.to_v = linear(context_dim, inner, bias=False)
        self.to_out = nn.Sequential(linear(inner, query_dim), nn.Dropout(0.0))

    def forward(self, x, context=None):
        context = x if context is None else context
        q, k, v = self.to_q(x), self.to_k(context), self.to_v(context)
        b, h = x.shape[0], self.heads

        def split(t):  # (b, n, h*d) -> (b*h, n, d)
            return t.reshape(b, t.shape[1], h, -1).permute(0, 2, 1, 3).reshape(b * h, t.shape[1], -1)

        q, k, v = split(q), split(k), split(v)
        attn = torch.softmax(torch.bmm(q, k.transpose(1, 2)) * self.scale, dim=-1)
        out = torch.bmm(attn, v)
        out = out.reshape(b, h, out.shape[1], -1).permute(0, 2, 1, 3).reshape(b, out.shape[1], -1)
        return self.to_out(out)


class GEGLU(nn.Module):
    def __init__(self, dim_in, dim_out):
        super().__init__()
        self.proj = linear(dim_in, dim_out * 2)

    def forward(self, x):
        value, gate = self.proj(x).chunk(2, dim=-1)
        return value * F.gelu(gate)


class FeedForward(nn.Module):
    def __init__(self, dim, mult=4):
        super().__init__()
        inner = dim * mult
        self.net = nn.Sequential(GEGLU(dim, inner), nn.Dropout(0.0), linear(inner, dim))

    def forward(self, x):
        return self.net(x)


class BasicTransformerBlock(nn.Module):
    def __init__(self, dim, heads, dim_head, context_dim):
        super().__init__()
        self.attn1 = CrossAttention(dim, dim, heads, dim_head)
        self.ff = FeedForward(dim)
        self.attn2 = CrossAttention(dim, context_dim, heads, dim_head)
        self.norm1 = layer_norm(dim)
        self.norm2 = layer_norm(dim)
        self.norm3 = layer_norm(dim)

    def forward(self, x, context):
        x = self.attn1(self.norm1(x)) + x
        x = self.attn2(self.norm2(x), context) + x
        return self.ff(self.norm3(x)) + x


class SpatialTransformer(nn.Module):
    def __init__(self, channels, heads, dim_head, depth, context_dim, use_linear):
        super().__init__()
        inner = heads * dim_head
        self.use_linear = use_linear
        self.norm = group_norm(channels, 1e-6)
        self.proj_in = linear(channels, inner) if use_linear else conv2d(channels, inner, 1)
        self.transformer_blocks = nn.ModuleList(
            [BasicTransformerBlock(inner, heads, dim_head, context_dim) for _ in range(depth)])
        self.proj_out = linear(inner, channels) if use_linear else conv2d(inner, channels, 1)

    def forward(self, x, context):
        b, c, hh, ww = x.shape
        x_in = x
        x = self.norm(x)
        if not self.use_linear:
            x = self.proj_in(x)
        x = x.permute(0, 2, 3, 1).reshape(b, hh * ww, -1)  # (b, h*w, c), row-major tokens
        if self.use_linear:
            x = self.proj_in(x)
        for block in self.transformer_blocks:
            x = block(x, context)
        if self.use_linear:
            x = self.proj_out(x)
        x = x.reshape(b, hh, ww, -1).permute(0, 3, 1, 2)
        if not self.use_linear:
            x = self.proj_out(x)
        return x + x_in


class TimestepEmbedSequential(nn.Sequential):
    def forward(self, x, emb, context, upsample_size=None):
        for layer in self:
            if isinstance(layer, ResBlock):
                x = layer(x, emb)
            elif isinstance(layer, SpatialTransformer):
                x = layer(x, context)
            elif isinstance(layer, Upsample):
                x = layer(x, upsample_size)
            else:
                x = layer(x)
        return x


class UNetModel(nn.Module):
    """cfg keys: in_channels, out_channels, model_channels, channel_mult, num_res_blocks,
    attention_resolutions, num_heads (or -1), num_head_channels (or -1), transformer_depth,
    context_dim, use_linear_in_transformer."""

    def __init__(self, cfg):
        super().__init__()
        self.cfg = dict(cfg)
        mc = cfg["model_channels"]
        mult = cfg["channel_mult"]
        nrb = cfg["num_res_blocks"]
        attn_res = set(cfg["attention_resolutions"])
        emb_dim = mc * 4
        self.model_channels = mc

        def transformer(ch):
            if cfg.get("num_head_channels", -1) != -1:
                dim_head = cfg["num_head_channels"]
                heads = ch // dim_head
            else:
                heads = cfg["num_heads"]
                dim_head = ch // heads
            return SpatialTransformer(ch, heads, dim_head, cfg["transformer_depth"],
                                      cfg["context_dim"], cfg["use_linear_in_transformer"])

        self.time_embed = nn.Sequential(linear(mc, emb_dim), SiLU(), linear(emb_dim, emb_dim))
        self.input_blocks = nn.ModuleList(
            [TimestepEmbedSequential(conv2d(cfg["in_channels"], mc, 3, padding=1))])
        skip_chans = [mc]
        ch, ds = mc, 1
        for level, m in enumerate(mult):
            for _ in range(nrb):
                layers = [ResBlock(ch, emb_dim, m * mc)]
                ch = m * mc
                if ds in attn_res:
                    layers.append(transformer(ch))
                self.input_blocks.append(TimestepEmbedSequential(*layers))
                skip_chans.append(ch)
            if level != len(mult) - 1:
                self.input_blocks.append(TimestepEmbedSequential(Downsample(ch)))
                skip_chans.append(ch)
                ds *= 2
        self.middle_block = TimestepEmbedSequential(
            ResBlock(ch, emb_dim), transformer(ch), ResBlock(ch, emb_dim))
        self.output_blocks = nn.ModuleList()
        for level, m in list(enumerate(mult))[::-1]:
            for i in range(nrb + 1):
                layers = [ResBlock(ch + skip_chans.pop(), emb_dim, m * mc)]
                ch = m * mc
                if ds in attn_res:
                    layers.append(transformer(ch))
                if level and i == nrb:
                    layers.append(Upsample(ch))
                    ds //= 2
                self.output_blocks.append(TimestepEmbedSequential(*layers))
        self.out = nn.Sequential(group_norm(ch, 1e-5), SiLU(),
                                 conv2d(mc, cfg["out_channels"], 3, padding=1))

    def forward(self, x, timesteps, context):
        emb = self.time_embed(timestep_embedding(timesteps, self.model_channels))
        hs = []
        h = x
        for block in self.input_blocks:
            h = block(h, emb, context)
            hs.append(h)
        h = self.middle_block(h, emb, context)
        for block in self.output_blocks:
            h = torch.cat([h, hs.pop()], dim=1)
            h = block(h, emb, context, tuple(hs[-1].shape[-2:]) if hs else None)
        return self.out(h)
