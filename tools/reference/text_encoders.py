"""Text encoders of SD 1.x (OpenAI CLIP text model, Hugging Face naming) and SD 2.x
(OpenCLIP text transformer, open_clip naming).

CLIPTextModel (keys below `cond_stage_model.transformer.`, e.g. `text_model.encoder.layers.0...`):
  x = token_embedding(ids) + position_embedding(0..T-1)
  each layer: x += out_proj(attn(layer_norm1 x)) with q scaled by d^-0.5 and a causal mask;
              x += fc2(quick_gelu(fc1(layer_norm2 x))), quick_gelu(u) = u * sigmoid(1.702 u)
  output(clip_skip n) = final_layer_norm(hidden_states[-n]), hidden_states = [emb, l1, ..., lL]
  (n = 1 is the usual last_hidden_state; A1111 semantics for n >= 2).

OpenCLIPText (keys below `cond_stage_model.model.`):
  x = token_embedding(ids) + positional_embedding
  each resblock: x += out_proj(MHA(ln_1 x)) with in_proj_weight = [Wq; Wk; Wv] (3D, D),
                 causal mask; x += c_proj(gelu(c_fc(ln_2 x))) with exact (erf) GELU
  SD 2.x ("penultimate"): run all but the last resblock, then ln_final.
  text_projection and logit_scale are stored in checkpoints but unused by SD 2.x.
  SDXL (sgm FrozenOpenCLIPEmbedder2, layer "penultimate", legacy False): the output of all but the
  last resblock WITHOUT ln_final, and pooled = ln_final(last layer)[eos] @ text_projection with
  eos = ids.argmax(-1). SDXL's CLIP-L (FrozenCLIPEmbedder, layer "hidden", layer_idx 11) is
  hidden_states[11] of 12 layers, also without final_layer_norm.
"""
import torch
import torch.nn.functional as F
from torch import nn

from layers import linear, layer_norm, embedding, parameter


def causal_mask(n, dtype=torch.float32):
    return torch.full((n, n), float("-inf"), dtype=dtype).triu(1)


def _attention(q, k, v, heads):
    """q, k, v: (b, n, D) already projected; returns (b, n, D)."""
    b, n, d = q.shape
    hd = d // heads

    def split(t):
        return t.reshape(b, n, heads, hd).permute(0, 2, 1, 3)

    q, k, v = split(q) * hd ** -0.5, split(k), split(v)
    scores = q @ k.transpose(-1, -2) + causal_mask(n, q.dtype)
    out = torch.softmax(scores, dim=-1) @ v
    return out.permute(0, 2, 1, 3).reshape(b, n, d)


class _HfAttention(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.heads = heads
        self.k_proj = linear(d, d)
        self.v_proj = linear(d, d)
        self.q_proj = linear(d, d)
        self.out_proj = linear(d, d)

    def forward(self, x):
        return self.out_proj(_attention(self.q_proj(x), self.k_proj(x), self.v_proj(x), self.heads))


class _HfMlp(nn.Module):
    def __init__(self, d, inner):
        super().__init__()
        self.fc1 = linear(d, inner)
        self.fc2 = linear(inner, d)

    def forward(self, x):
        h = self.fc1(x)
        return self.fc2(h * torch.sigmoid(1.702 * h))


class _HfLayer(nn.Module):
    def __init__(self, d, heads, inner):
        super().__init__()
        self.self_attn = _HfAttention(d, heads)
        self.layer_norm1 = layer_norm(d)
        self.mlp = _HfMlp(d, inner)
        self.layer_norm2 = layer_norm(d)

    def forward(self, x):
        x = x + self.self_attn(self.layer_norm1(x))
        return x + self.mlp(self.layer_norm2(x))


class _HfEmbeddings(nn.Module):
    def __init__(self, vocab, d, positions):
        super().__init__()
        self.token_embedding = embedding(vocab, d)
        self.position_embedding = embedding(positions, d)

    def forward(self, ids):
        return self.token_embedding(ids) + self.position_embedding.weight[: ids.shape[1]][None]


class _HfEncoder(nn.Module):
    def __init__(self, d, heads, inner, n_layers):
        super().__init__()
        self.layers = nn.ModuleList([_HfLayer(d, heads, inner) for _ in range(n_layers)])


class _HfTextModel(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        d = cfg["hidden_size"]
        self.embeddings = _HfEmbeddings(cfg["vocab_size"], d, cfg["max_position_embeddings"])
        self.encoder = _HfEncoder(d, cfg["num_attention_heads"], cfg["intermediate_size"],
                                  cfg["num_hidden_layers"])
        self.final_layer_norm = layer_norm(d)


class CLIPTextModel(nn.Module):
    """cfg keys: vocab_size, hidden_size, intermediate_size, num_attention_heads,
    num_hidden_layers, max_position_embeddings."""

    def __init__(self, cfg):
        super().__init__()
        self.cfg = dict(cfg)
        self.text_model = _HfTextModel(cfg)

    def hidden_states(self, ids):
        x = self.text_model.embeddings(ids)
        states = [x]
        for layer in self.text_model.encoder.layers:
            x = layer(x)
            states.append(x)
        return states

    def forward(self, ids, clip_skip=1):
        return self.text_model.final_layer_norm(self.hidden_states(ids)[-clip_skip])

    def penultimate(self, ids):
        """SDXL's CLIP-L output: hidden_states[-2], no final layer norm."""
        return self.hidden_states(ids)[-2]


class _OcMlp(nn.Module):
    def __init__(self, d, inner):
        super().__init__()
        self.c_fc = linear(d, inner)
        self.c_proj = linear(inner, d)

    def forward(self, x):
        return self.c_proj(F.gelu(self.c_fc(x)))


class _OcAttention(nn.Module):
    """Parameter layout of torch.nn.MultiheadAttention."""

    def __init__(self, d, heads):
        super().__init__()
        self.heads = heads
        self.in_proj_weight = parameter(3 * d, d)
        self.in_proj_bias = parameter(3 * d)
        self.out_proj = linear(d, d)

    def forward(self, x):
        q, k, v = F.linear(x, self.in_proj_weight, self.in_proj_bias).chunk(3, dim=-1)
        return self.out_proj(_attention(q, k, v, self.heads))


class _OcResBlock(nn.Module):
    def __init__(self, d, heads, inner):
        super().__init__()
        self.ln_1 = layer_norm(d)
        self.attn = _OcAttention(d, heads)
        self.ln_2 = layer_norm(d)
        self.mlp = _OcMlp(d, inner)

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class _OcTransformer(nn.Module):
    def __init__(self, d, heads, inner, n_layers):
        super().__init__()
        self.resblocks = nn.ModuleList([_OcResBlock(d, heads, inner) for _ in range(n_layers)])


class OpenCLIPText(nn.Module):
    """cfg keys: vocab_size, width, heads, layers, context_length, embed_dim."""

    def __init__(self, cfg):
        super().__init__()
        self.cfg = dict(cfg)
        d = cfg["width"]
        self.token_embedding = embedding(cfg["vocab_size"], d)
        self.positional_embedding = parameter(cfg["context_length"], d)
        self.transformer = _OcTransformer(d, cfg["heads"], 4 * d, cfg["layers"])
        self.ln_final = layer_norm(d)
        self.text_projection = parameter(d, cfg["embed_dim"])
        self.logit_scale = parameter()

    def forward(self, ids, skip_last=1):
        """skip_last = 1: SD 2.x penultimate layer; 0: last layer. ln_final applied after."""
        x = self.token_embedding(ids) + self.positional_embedding[: ids.shape[1]][None]
        blocks = self.transformer.resblocks
        for block in list(blocks)[: len(blocks) - skip_last]:
            x = block(x)
        return self.ln_final(x)

    def sdxl(self, ids):
        """(penultimate without ln_final, pooled): SDXL's second encoder."""
        x = self.token_embedding(ids) + self.positional_embedding[: ids.shape[1]][None]
        blocks = list(self.transformer.resblocks)
        for block in blocks[:-1]:
            x = block(x)
        penultimate = x
        last = self.ln_final(blocks[-1](x))
        pooled = last[torch.arange(ids.shape[0]), ids.argmax(dim=-1)] @ self.text_projection
        return penultimate, pooled
