package studio.ui.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import studio.engine.io.DType;
import studio.engine.io.SafetensorsWriter;
import studio.engine.model.CheckpointKeys;
import studio.engine.nn.Module;
import studio.engine.nn.Param;
import studio.engine.nn.clip.ClipTextModel;
import studio.engine.nn.clip.TextEncoderConfig;
import studio.engine.nn.unet.UNetConfig;
import studio.engine.nn.unet.UNetModel;
import studio.engine.nn.vae.AutoencoderKL;
import studio.engine.nn.vae.VaeConfig;

/** Checkpoint files for model-picker tests: every key and shape of a small model, all zeros. */
public final class Checkpoints {
    private Checkpoints() {
    }

    /** A single-file checkpoint in the original layout of a small SD-shaped model (CLIP text encoder). */
    public static Path small(Path file) {
        return small(file, 4096);
    }

    /** As {@link #small(Path)}, with a text encoder of {@code vocabulary} tokens (49,408: CLIP's, so its tokenizer loads). */
    public static Path small(Path file, int vocabulary) {
        SafetensorsWriter w = new SafetensorsWriter();
        add(w, CheckpointKeys.UNET, new UNetModel(new UNetConfig(4, 4, 32, new int[] {1, 2}, 1, new int[] {1, 2}, 4, -1, 1, 64, false)));
        add(w, CheckpointKeys.VAE, new AutoencoderKL(new VaeConfig(32, new int[] {1, 2, 2, 2}, 1, 4, 4, 1f)));
        add(w, CheckpointKeys.CLIP, new ClipTextModel(new TextEncoderConfig(vocabulary, 64, 2, 4, 77, 64)));
        try {
            w.write(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return file;
    }

    private static void add(SafetensorsWriter w, String prefix, Module module) {
        for (Map.Entry<String, Param> e : module.parameters().entrySet()) {
            w.addZeros(prefix + e.getKey(), DType.F16, e.getValue().shape().getShape());
        }
    }
}
