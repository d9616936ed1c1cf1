package studio.app.bench;


import studio.engine.nn.clip.TextEncoderConfig;
import studio.engine.nn.unet.UNetConfig;
import studio.engine.nn.vae.VaeConfig;
import studio.engine.model.DiffusionModel;

/**
 * A small model of the SD layout with random weights from a fixed seed (64 px, 8× VAE, 2-level U-Net):
 * the benchmark's small case, rebuilt layer for layer by {@code tools/reference/bench_reference.py}.
 * It was the studio's default model before the trained emoji-ldm replaced it.
 */
final class SmallRandomModel {
    public static final long SEED = 20261122L;
    private static final int CONTEXT = 64;

    private SmallRandomModel() {
    }

    public static UNetConfig unetConfig() {
        return new UNetConfig(4, 4, 32, new int[] {1, 2}, 1, new int[] {1, 2}, 4, -1, 1, CONTEXT, false);
    }

    public static VaeConfig vaeConfig() {
        return new VaeConfig(32, new int[] {1, 2, 2, 2}, 1, 4, 4, 1.0f);
    }

    public static TextEncoderConfig textConfig() {
        return new TextEncoderConfig(4096, CONTEXT, 2, 4, 77, CONTEXT);
    }

    public static DiffusionModel create() {
        return RandomModels.build("small random SD-layout model", "random", textConfig(), unetConfig(), vaeConfig(), SEED);
    }
}
