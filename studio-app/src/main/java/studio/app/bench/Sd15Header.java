package studio.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
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

/**
 * An SD 1.5 checkpoint with every real key and shape (1,143 tensors, 1.07 B weights, in F16 as the
 * common download) and all-zero data: the file is a sparse hole, written in a second, and loads
 * through the same code as a downloaded one. Zero weights do the same dense work as trained ones.
 * {@code Sd15HeaderOnlyTest} checks these keys against the real checkpoint's list.
 */
final class Sd15Header {
    private Sd15Header() {
    }

    static Path ensure(Path dir) throws IOException {
        return writeOnce(dir.resolve("sd15-zeros.safetensors"), w -> {
            addZeros(w, CheckpointKeys.UNET, new UNetModel(UNetConfig.sd15()));
            addZeros(w, CheckpointKeys.VAE, new AutoencoderKL(VaeConfig.sd()));
            addZeros(w, CheckpointKeys.CLIP, new ClipTextModel(TextEncoderConfig.clipVitL14()));
        });
    }

    /**
     * Writes the tensors {@code tensors} adds to {@code file}, unless the file is there from an earlier
     * run (the SDXL header uses it too).
     */
    static Path writeOnce(Path file, Consumer<SafetensorsWriter> tensors) throws IOException {
        if (!Files.isRegularFile(file)) {
            SafetensorsWriter w = new SafetensorsWriter();
            tensors.accept(w);
            w.write(file);
        }
        return file;
    }

    /** Every parameter of {@code module} under {@code prefix}, F16 zeros (the SDXL header uses it too). */
    static void addZeros(SafetensorsWriter w, String prefix, Module module) {
        for (Map.Entry<String, Param> e : module.parameters().entrySet()) {
            w.addZeros(prefix + e.getKey(), DType.F16, e.getValue().shape().getShape());
        }
    }
}
