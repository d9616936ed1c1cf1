package studio.app;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Path;
import studio.engine.api.DiffusionEngine;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InvalidRequestException;
import studio.engine.api.ModelName;
import studio.engine.api.ResultSaver;
import studio.engine.image.RgbImage;
import studio.engine.io.A1111Parameters;
import studio.engine.io.PngImages;
import studio.engine.model.CheckpointLoader;
import studio.engine.pipeline.ModelRepository;
import studio.engine.pipeline.StableDiffusionGenerator;

/** Builds the engine and its collaborators the same way for the command line and the window. */
public final class Wiring implements AutoCloseable {
    private final ModelRepository models;

    private Wiring(ModelRepository models) {
        this.models = models;
    }

    /** Models other than "default" are loaded from a path with these options. */
    public static Wiring create(CheckpointLoader.Options options) {
        return new Wiring(new ModelRepository(id -> CheckpointLoader.load(Path.of(id), options)));
    }

    public static Wiring create(AppDirs dirs) {
        return create(new CheckpointLoader.Options(null, dirs.models(), null, null));
    }

    public ModelRepository models() {
        return models;
    }

    public DiffusionEngine engine(ResultSaver saver) {
        return new DiffusionEngine(new StableDiffusionGenerator(models), saver);
    }

    /** Refuses a device this installation cannot use, with what to do instead. */
    public static void checkDevice(String device) {
        switch (device) {
            case "auto", "cpu" -> {
            }
            case "gpu" -> {
                if (Engine.getInstance().getGpuCount() == 0) {
                    throw new InvalidRequestException("--device gpu: no usable GPU found; this build uses the CPU "
                            + "build of libtorch (rebuild with -Pcuda on a machine with an NVIDIA GPU) or use --device cpu");
                }
            }
            default -> throw new InvalidRequestException("--device must be auto, cpu or gpu, got '" + device + "'");
        }
    }

    /** Writes a PNG with its parameters in AUTOMATIC1111's text chunk. */
    public static void writePng(RgbImage image, GenerationRequest params, Path file) throws IOException {
        PngImages.write(image, file, A1111Parameters.format(params, ModelName.of(params.modelId())));
    }

    @Override
    public void close() {
        models.close();
    }
}
