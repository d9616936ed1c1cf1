package studio.app;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import studio.engine.api.DiffusionEngine;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InvalidRequestException;
import studio.engine.api.ResultSaver;
import studio.engine.image.RgbImage;
import studio.engine.pipeline.ModelRepository;
import studio.engine.pipeline.StableDiffusionGenerator;

/** Builds the engine and its collaborators the same way for the CLI and the window. */
public final class Wiring implements AutoCloseable {
    private final ModelRepository models;

    private Wiring(ModelRepository models) {
        this.models = models;
    }

    public static Wiring create() {
        return new Wiring(ModelRepository.defaultOnly());
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

    /** Writes a PNG (with its parameters once the io package lands). */
    public void writePng(RgbImage image, GenerationRequest params, Path file) throws IOException {
        BufferedImage b = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        b.setRGB(0, 0, image.width(), image.height(), image.pixels(), 0, image.width());
        ImageIO.write(b, "png", file.toFile());
    }

    @Override
    public void close() {
        models.close();
    }
}
