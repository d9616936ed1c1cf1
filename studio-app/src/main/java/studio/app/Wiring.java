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
import studio.engine.model.TaesdLoader;
import studio.engine.nn.taesd.TinyAutoencoder;
import studio.engine.pipeline.FinalDecoder;
import studio.engine.pipeline.ModelRepository;
import studio.engine.pipeline.StableDiffusionGenerator;
import studio.engine.pipeline.Taesds;

/** Builds the engine and its collaborators the same way for the command line and the window. */
public final class Wiring implements AutoCloseable {
    private final ModelRepository models;
    private TinyAutoencoder taesd;
    private TinyAutoencoder taesdxl;
    private FinalDecoder finalDecoder = FinalDecoder.VAE;

    private Wiring(ModelRepository models) {
        this.models = models;
    }

    /** Models other than "default" are loaded from a path with these options. */
    public static Wiring create(CheckpointLoader.Options options) {
        ModelRepository models = new ModelRepository((id, precision) -> CheckpointLoader.load(Path.of(id),
                options.withPrecision(precision)));
        return new Wiring(models);
    }

    /** The studio's wiring: also takes a TAESD for previews from the models folder when one is there. */
    public static Wiring create(AppDirs dirs) {
        Wiring wiring = create(new CheckpointLoader.Options(null, dirs.models(), null, null));
        for (Path file : TaesdFolder.findAll(dirs.models())) {
            try {
                wiring.withTaesd(file, FinalDecoder.VAE);
            } catch (RuntimeException e) {
                // a broken preview decoder must not keep the studio from opening: previews fall back
                System.err.println("studio: TAESD " + file + " not used: " + e.getMessage());
            }
        }
        return wiring;
    }

    /**
     * Uses a TAESD for live previews and, with {@link FinalDecoder#TAESD}, for the results: a taesdxl
     * for SDXL models, any other for SD 1.x/2.x models (its variant comes from its file name).
     *
     * @param file a TAESD file or AutoencoderTiny folder; null keeps the linear/VAE previews
     */
    public Wiring withTaesd(Path file, FinalDecoder decoder) {
        if (decoder == FinalDecoder.TAESD && file == null) {
            throw new InvalidRequestException("decoding with TAESD needs a TAESD file");
        }
        if (file != null) {
            TinyAutoencoder loaded = TaesdLoader.load(file);
            if (loaded.variant() == TinyAutoencoder.Variant.SDXL) {
                if (taesdxl != null) {
                    taesdxl.close();
                }
                taesdxl = loaded;
            } else {
                if (taesd != null) {
                    taesd.close();
                }
                taesd = loaded;
            }
        }
        finalDecoder = decoder;
        return this;
    }

    /** The TAESD in use, or null. */
    public TinyAutoencoder taesd() {
        return taesd;
    }

    public ModelRepository models() {
        return models;
    }

    public DiffusionEngine engine(ResultSaver saver) {
        return new DiffusionEngine(new StableDiffusionGenerator(models, new Taesds(taesd, taesdxl), finalDecoder), saver);
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

    /**
     * Writes a PNG with its parameters in AUTOMATIC1111's text chunk, never replacing a file: when
     * {@code file} exists, the next free numbered name is used.
     *
     * @return the path written
     */
    public static Path writePng(RgbImage image, GenerationRequest params, Path file) throws IOException {
        return PngImages.writeNew(image, file, A1111Parameters.format(params, ModelName.of(params.modelId())));
    }

    @Override
    public void close() {
        models.close();
        if (taesd != null) {
            taesd.close();
        }
    }
}
