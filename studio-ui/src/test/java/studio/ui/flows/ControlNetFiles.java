package studio.ui.flows;

import java.io.IOException;
import java.nio.file.Path;
import studio.engine.io.DType;
import studio.engine.io.SafetensorsWriter;
import studio.engine.model.CheckpointKeys;
import studio.engine.model.ControlNet;
import studio.engine.model.DefaultModel;
import studio.engine.model.DiffusionModel;

/** ControlNet files for the window's tests: none is trained for the built-in model, so random ones. */
public final class ControlNetFiles {
    private ControlNetFiles() {
    }

    /** A random-weight ControlNet for the built-in model, in the original single-file layout. */
    public static Path randomForDefaultModel(Path file) throws IOException {
        try (DiffusionModel model = DefaultModel.load();
             ControlNet net = ControlNet.random("test", model.unet().config(), 5)) {
            SafetensorsWriter w = new SafetensorsWriter();
            net.net().parameters().forEach((key, p) -> w.add(CheckpointKeys.CONTROL + key, DType.F32,
                    p.shape().getShape(), p.get().toFloatArray()));
            w.write(file);
        }
        return file;
    }
}
