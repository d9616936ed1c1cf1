package studio.train;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import studio.engine.model.DefaultModel;
import studio.engine.model.DiffusionModel;
import studio.engine.nn.Param;
import studio.engine.nn.clip.ClipTextModel;
import studio.engine.nn.unet.UNetModel;
import studio.engine.nn.vae.AutoencoderKL;
import studio.engine.text.WordVocabulary;

/**
 * Starts training from a released model instead of random weights: its autoencoder becomes the stage-1
 * checkpoint and its U-Net and text encoder the stage-2 checkpoint at step 0, with fresh optimiser
 * moments and the EMA already at full decay (the weights it averages are trained ones). This is how a
 * new edition spends its budget on what the last one lacked rather than relearning what it knew.
 */
public final class ReleaseStart {
    /** EMA updates recorded for a started checkpoint: past the decay's warm-up. */
    static final long EMA_UPDATES = 10_000;

    private ReleaseStart() {
    }

    public static void write(Path weights, Path vocabularyFile, WordVocabulary datasetVocabulary, Path workDir)
            throws IOException {
        WordVocabulary released = WordVocabulary.load(vocabularyFile);
        if (!released.tokens().equals(datasetVocabulary.tokens())) {
            throw new IllegalArgumentException("the vocabulary beside " + weights + " (" + released.size()
                    + " tokens) differs from the dataset's (" + datasetVocabulary.size()
                    + "): the text encoder's rows would mean other words; rebuild the dataset the release was trained on");
        }
        Files.createDirectories(workDir);
        try (DiffusionModel model = DefaultModel.loadFrom(weights, vocabularyFile);
             NDManager m = NDManager.newBaseManager()) {
            AutoencoderKL vae = new AutoencoderKL(DefaultModelConfig.vae());
            UNetModel unet = new UNetModel(DefaultModelConfig.unet());
            ClipTextModel text = new ClipTextModel(DefaultModelConfig.text(released.size()));
            copy(model.vae().parameters(), vae.parameters(), m);
            copy(model.unet().parameters(), unet.parameters(), m);
            copy(((ClipTextModel) model.textEncoder()).parameters(), text.parameters(), m);
            save(VaeTraining.checkpointFile(workDir), vae.parameters(), Map.of("train.stage", "vae",
                    "train.started_from", weights.getFileName().toString()));
            save(UNetTraining.checkpointFile(workDir), UNetTraining.trainable(unet, text), Map.of("train.stage", "unet",
                    UNetTraining.LATENT_SCALE_KEY, Float.toString(model.latentScale()),
                    "train.started_from", weights.getFileName().toString()));
            released.save(UNetTraining.vocabularyFile(workDir));
        }
    }

    private static void copy(Map<String, Param> from, Map<String, Param> to, NDManager m) {
        if (!from.keySet().equals(to.keySet())) {
            throw new IllegalArgumentException("the released model's weights are not the default model's configuration: "
                    + "expected " + to.size() + " tensors, found " + from.size());
        }
        to.forEach((k, p) -> p.set(m.create(from.get(k).get().toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                .toFloatArray(), p.shape())));
    }

    private static void save(Path file, Map<String, Param> params, Map<String, String> meta) throws IOException {
        AdamW.requireGradients(params);
        try (AdamW adam = new AdamW(params, 0.9f, 0.999f, 1e-8f, 0.01f); Ema ema = new Ema(params, 0.999f)) {
            Map<String, float[]> current = new HashMap<>();
            params.forEach((k, p) -> current.put(k, p.get().toFloatArray()));
            ema.restore(current, EMA_UPDATES);
            TrainCheckpoint.save(file, params, ema, adam, meta);
        }
    }
}
