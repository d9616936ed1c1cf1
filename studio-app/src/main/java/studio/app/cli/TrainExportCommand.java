package studio.app.cli;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import studio.engine.nn.clip.ClipTextModel;
import studio.engine.nn.unet.UNetModel;
import studio.engine.nn.vae.AutoencoderKL;
import studio.engine.text.WordVocabulary;
import studio.train.DefaultModelConfig;
import studio.train.ModelExport;
import studio.train.TrainCheckpoint;
import studio.train.UNetTraining;
import studio.train.VaeTraining;

/** {@code studio train export}: the EMA weights of both stages as one SD-layout checkpoint. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the trained default model (EMA weights, F16) as an SD-layout safetensors file plus its vocabulary.")
public final class TrainExportCommand implements Callable<Integer> {
    @Option(names = "--work", paramLabel = "DIR",
            description = "Folder with the training checkpoints (default: ~/.cache/latent-studio/train/default).")
    Path work;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "assets/models/emoji-ldm",
            description = "Folder for emoji-ldm.safetensors and vocabulary.json (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path work = this.work != null ? this.work : TrainFolders.DEFAULT_WORK;
        Path unetCkpt = UNetTraining.checkpointFile(work);
        Path vaeCkpt = VaeTraining.checkpointFile(work);
        Path vocabFile = UNetTraining.vocabularyFile(work);
        for (Path p : new Path[] {unetCkpt, vaeCkpt, vocabFile}) {
            if (!Files.exists(p)) {
                System.err.println("studio: " + p + " is missing: train both stages first ('studio train vae', 'studio train unet')");
                return StudioCommand.EXIT_BAD_INPUT;
            }
        }
        WordVocabulary vocab = WordVocabulary.load(vocabFile);
        try (NDManager m = NDManager.newBaseManager()) {
            AutoencoderKL vae = new AutoencoderKL(DefaultModelConfig.vae());
            UNetModel unet = new UNetModel(DefaultModelConfig.unet());
            ClipTextModel text = new ClipTextModel(DefaultModelConfig.text(vocab.size()));
            TrainCheckpoint.loadWeights(vaeCkpt, vae.parameters(), "ema.", m);
            TrainCheckpoint.loadWeights(unetCkpt, unet.parameters(), "ema.unet.", m);
            TrainCheckpoint.loadWeights(unetCkpt, text.parameters(), "ema.text.", m);
            Map<String, String> meta = TrainCheckpoint.metadata(unetCkpt);
            float scale = Float.parseFloat(meta.get("studio.latent_scale"));
            Files.createDirectories(out);
            Path weights = out.resolve("emoji-ldm.safetensors");
            ModelExport.write(weights, unet, vae, text, scale, DefaultModelConfig.unet().numHeads(),
                    DefaultModelConfig.text(vocab.size()).heads(),
                    Map.of("studio.trained_steps", meta.getOrDefault("train.step", "?"), "studio.name", "emoji-ldm"));
            Files.copy(vocabFile, out.resolve(ModelExport.TOKENIZER_FILE), StandardCopyOption.REPLACE_EXISTING);
            System.out.printf("wrote %s (%.1f MB) and %s%n", weights, Files.size(weights) / 1e6,
                    out.resolve(ModelExport.TOKENIZER_FILE));
        }
        return StudioCommand.EXIT_OK;
    }
}
