"""Model configurations: the real SD 1.5 layout (for the key list) and the tiny test models."""

SD15_UNET = dict(in_channels=4, out_channels=4, model_channels=320, channel_mult=(1, 2, 4, 4),
                 num_res_blocks=2, attention_resolutions=(4, 2, 1), num_heads=8, num_head_channels=-1,
                 transformer_depth=1, context_dim=768, use_linear_in_transformer=False)
SD15_VAE = dict(ch=128, ch_mult=(1, 2, 4, 4), num_res_blocks=2, in_channels=3, out_ch=3,
                z_channels=4, embed_dim=4)
SD15_CLIP = dict(vocab_size=49408, hidden_size=768, intermediate_size=3072, num_attention_heads=12,
                 num_hidden_layers=12, max_position_embeddings=77)

# Tiny models: every width is 32 (the least GroupNorm(32) allows) to keep the committed files small.
# Level 0 has attention and level 1 has none (like SD 1.5's last level), so both diffusers block
# types occur; output ResBlocks see 64-channel concatenations (GroupNorm groups of 2, 1x1 skip conv).
# Width changes between levels are checked by the SD 1.5 key list instead (sd15_keys.json).
TINY_SD1_UNET = dict(in_channels=4, out_channels=4, model_channels=32, channel_mult=(1, 1),
                     num_res_blocks=1, attention_resolutions=(1,), num_heads=8, num_head_channels=-1,
                     transformer_depth=1, context_dim=32, use_linear_in_transformer=False)
TINY_SD1_INPAINT_UNET = dict(TINY_SD1_UNET, in_channels=9)
# SD 2.x: heads from a fixed head width (16 -> 2 heads at 32 channels, 4 at 64), Linear proj_in/out.
TINY_SD2_UNET = dict(TINY_SD1_UNET, num_heads=-1, num_head_channels=16, use_linear_in_transformer=True)
# nin_shortcut never occurs at one width; vae_resnet_nin.io covers it with its own weights.
TINY_VAE = dict(ch=32, ch_mult=(1, 1), num_res_blocks=1, in_channels=3, out_ch=3, z_channels=4,
                embed_dim=4)
TINY_VOCAB = 1000
TINY_BOS = 998  # stand-ins for 49406 / 49407, which the tiny vocabulary does not have
TINY_EOS = 999
TINY_CLIP = dict(vocab_size=TINY_VOCAB, hidden_size=32, intermediate_size=128, num_attention_heads=4,
                 num_hidden_layers=3, max_position_embeddings=77)
TINY_OPENCLIP = dict(vocab_size=TINY_VOCAB, width=32, heads=4, layers=3, context_length=77, embed_dim=32)

SCALE_FACTOR = 0.18215
