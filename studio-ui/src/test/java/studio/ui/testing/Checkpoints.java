package studio.ui.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import studio.engine.io.DType;
import studio.engine.io.SafetensorsWriter;
import studio.engine.model.CheckpointKeys;
import studio.engine.model.PlaceholderModel;
import studio.engine.nn.Module;
import studio.engine.nn.Param;
import studio.engine.nn.clip.ClipTextModel;
import studio.engine.nn.unet.UNetModel;
import studio.engine.nn.vae.AutoencoderKL;

/** Checkpoint files for model-picker tests: every key and shape of a small model, all zeros. */
public final class Checkpoints {
    private Checkpoints() {
    }

    /** A single-file checkpoint in the original layout with the default model's architecture. */
    public static Path small(Path file) {
        SafetensorsWriter w = new SafetensorsWriter();
        add(w, CheckpointKeys.UNET, new UNetModel(PlaceholderModel.unetConfig()));
        add(w, CheckpointKeys.VAE, new AutoencoderKL(PlaceholderModel.vaeConfig()));
        add(w, CheckpointKeys.CLIP, new ClipTextModel(PlaceholderModel.textConfig()));
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
