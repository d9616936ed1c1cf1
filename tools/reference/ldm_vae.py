"""AutoencoderKL of LDM (ldm/modules/diffusionmodules/model.py Encoder/Decoder and
ldm/models/autoencoder.py), with state_dict keys equal to the checkpoint keys below
`first_stage_model.`.

- GroupNorm(32, eps 1e-6) everywhere, swish activation.
- Encoder downsample: pad (left 0, right 1, top 0, bottom 1) with zeros, then 3x3 conv
  stride 2 without padding.
- Decoder upsample: nearest x2 then 3x3 conv.
- Mid attention (single head over C channels): q,k,v,proj_out are 1x1 convs,
  softmax(q^T k / sqrt(C)) over the H*W positions (row-major).
- encode(x) -> posterior mean = first `embed_dim` channels of quant_conv(encoder(x));
  decode(z) = decoder(post_quant_conv(z)). No latent scale factor here.
"""
import torch
import torch.nn.functional as F
from torch import nn

from layers import conv2d, group_norm, silu


def _norm(c):
    return group_norm(c, 1e-6)


class ResnetBlock(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.norm1 = _norm(cin)
        self.conv1 = conv2d(cin, cout, 3, padding=1)
        self.norm2 = _norm(cout)
        self.conv2 = conv2d(cout, cout, 3, padding=1)
        if cin != cout:
            self.nin_shortcut = conv2d(cin, cout, 1)

    def forward(self, x):
        h = self.conv1(silu(self.norm1(x)))
        h = self.conv2(silu(self.norm2(h)))
        if hasattr(self, "nin_shortcut"):
            x = self.nin_shortcut(x)
        return x + h


class AttnBlock(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.norm = _norm(c)
        self.q = conv2d(c, c, 1)
        self.k = conv2d(c, c, 1)
        self.v = conv2d(c, c, 1)
        self.proj_out = conv2d(c, c, 1)

    def forward(self, x):
        h = self.norm(x)
        q, k, v = self.q(h), self.k(h), self.v(h)
        b, c, hh, ww = q.shape
        q = q.reshape(b, c, hh * ww).transpose(1, 2)          # (b, n, c)
        k = k.reshape(b, c, hh * ww)                           # (b, c, n)
        w = torch.softmax(torch.bmm(q, k) * (c ** -0.5), dim=2)  # (b, n_q, n_k)
        v = v.reshape(b, c, hh * ww)
        out = torch.bmm(v, w.transpose(1, 2)).reshape(b, c, hh, ww)
        return x + self.proj_out(out)


class Downsample(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = conv2d(c, c, 3, stride=2, padding=0)

    def forward(self, x):
        return self.conv(F.pad(x, (0, 1, 0, 1), mode="constant", value=0.0))


class Upsample(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = conv2d(c, c, 3, padding=1)

    def forward(self, x):
        return self.conv(F.interpolate(x, scale_factor=2.0, mode="nearest"))


class _Level(nn.Module):
    """One resolution level: `block` (ModuleList), empty `attn`, optional down/upsample."""


class _Mid(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.block_1 = ResnetBlock(c, c)
        self.attn_1 = AttnBlock(c)
        self.block_2 = ResnetBlock(c, c)

    def forward(self, x):
        return self.block_2(self.attn_1(self.block_1(x)))


class Encoder(nn.Module):
    def __init__(self, ch, ch_mult, num_res_blocks, in_channels, z_channels):
        super().__init__()
        self.conv_in = conv2d(in_channels, ch, 3, padding=1)
        in_mult = (1,) + tuple(ch_mult)
        self.down = nn.ModuleList()
        block_in = ch
        for i, m in enumerate(ch_mult):
            level = _Level()
            level.block = nn.ModuleList()
            level.attn = nn.ModuleList()
            block_in = ch * in_mult[i]
            for _ in range(num_res_blocks):
                level.block.append(ResnetBlock(block_in, ch * m))
                block_in = ch * m
            if i != len(ch_mult) - 1:
                level.downsample = Downsample(block_in)
            self.down.append(level)
        self.mid = _Mid(block_in)
        self.norm_out = _norm(block_in)
        self.conv_out = conv2d(block_in, 2 * z_channels, 3, padding=1)

    def forward(self, x):
        h = self.conv_in(x)
        for level in self.down:
            for block in level.block:
                h = block(h)
            if hasattr(level, "downsample"):
                h = level.downsample(h)
        h = self.mid(h)
        return self.conv_out(silu(self.norm_out(h)))


class Decoder(nn.Module):
    def __init__(self, ch, ch_mult, num_res_blocks, out_ch, z_channels):
        super().__init__()
        block_in = ch * ch_mult[-1]
        self.conv_in = conv2d(z_channels, block_in, 3, padding=1)
        self.mid = _Mid(block_in)
        levels = []
        for i in reversed(range(len(ch_mult))):
            level = _Level()
            level.block = nn.ModuleList()
            level.attn = nn.ModuleList()
            for _ in range(num_res_blocks + 1):
                level.block.append(ResnetBlock(block_in, ch * ch_mult[i]))
                block_in = ch * ch_mult[i]
            if i != 0:
                level.upsample = Upsample(block_in)
            levels.insert(0, level)  # up[i] is resolution level i, run from the last to the first
        self.up = nn.ModuleList(levels)
        self.norm_out = _norm(block_in)
        self.conv_out = conv2d(block_in, out_ch, 3, padding=1)

    def forward(self, z):
        h = self.mid(self.conv_in(z))
        for level in reversed(self.up):
            for block in level.block:
                h = block(h)
            if hasattr(level, "upsample"):
                h = level.upsample(h)
        return self.conv_out(silu(self.norm_out(h)))


class AutoencoderKL(nn.Module):
    """cfg keys: ch, ch_mult, num_res_blocks, in_channels, out_ch, z_channels, embed_dim."""

    def __init__(self, cfg):
        super().__init__()
        self.cfg = dict(cfg)
        self.encoder = Encoder(cfg["ch"], cfg["ch_mult"], cfg["num_res_blocks"],
                               cfg["in_channels"], cfg["z_channels"])
        self.decoder = Decoder(cfg["ch"], cfg["ch_mult"], cfg["num_res_blocks"],
                               cfg["out_ch"], cfg["z_channels"])
        self.quant_conv = conv2d(2 * cfg["z_channels"], 2 * cfg["embed_dim"], 1)
        self.post_quant_conv = conv2d(cfg["embed_dim"], cfg["z_channels"], 1)

    def encode_moments(self, x):
        return self.quant_conv(self.encoder(x))

    def encode_mean(self, x):
        return self.encode_moments(x)[:, : self.cfg["embed_dim"]]

    def decode(self, z):
        return self.decoder(self.post_quant_conv(z))
