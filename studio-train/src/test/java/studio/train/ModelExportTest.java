package studio.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.model.DefaultModel;
import studio.engine.model.DiffusionModel;
import studio.engine.model.RandomInit;
import studio.engine.nn.Param;
import studio.engine.nn.clip.ClipTextModel;
import studio.engine.nn.unet.UNetModel;
import studio.engine.nn.vae.AutoencoderKL;
import studio.engine.text.WordPromptTokenizer;
import studio.engine.text.WordVocabulary;

/** A trained model written by the exporter loads back through the ordinary checkpoint loader. */
class ModelExportTest {
    @Test
    void exportedWeightsLoadAsTheSameArchitecture(@TempDir Path dir) throws Exception {
        WordVocabulary vocab = WordVocabulary.fromTexts(List.of("red apple, noto style"));
        try (NDManager m = NDManager.newBaseManager()) {
            AutoencoderKL vae = new AutoencoderKL(DefaultModelConfig.vae());
            UNetModel unet = new UNetModel(DefaultModelConfig.unet());
            ClipTextModel text = new ClipTextModel(DefaultModelConfig.text(vocab.size()));
            RandomInit.initialise(vae, m, 1);
            RandomInit.initialise(unet, m, 2);
            RandomInit.initialise(text, m, 3);
            Path weights = dir.resolve("emoji-ldm.safetensors");
            ModelExport.write(weights, unet, vae, text, 0.7f, 4, 4, Map.of());
            Path vocabFile = dir.resolve("vocabulary.json");
            vocab.save(vocabFile);
            try (DiffusionModel loaded = DefaultModel.loadFrom(weights, vocabFile)) {
                assertEquals(DefaultModelConfig.unet(), loaded.unet().config());
                assertEquals(DefaultModelConfig.vae().withScaleFactor(0.7f), loaded.vae().config());
                assertEquals(0.7f, loaded.latentScale(), 1e-6);
                assertEquals(DefaultModelConfig.CONTEXT_LENGTH, loaded.tokenizer().contextLength());
                assertInstanceOf(WordPromptTokenizer.class, loaded.tokenizer());
                assertSameWeights(unet.parameters(), loaded.unet().parameters());
                assertSameWeights(vae.parameters(), loaded.vae().parameters());
            }
        }
    }

    private static void assertSameWeights(Map<String, Param> expected, Map<String, Param> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, p) -> {
            float[] a = p.get().toFloatArray();
            float[] b = actual.get(k).get().toFloatArray();
            for (int i = 0; i < a.length; i++) {
                // stored as F16: relative error below 2^-10
                assertEquals(a[i], b[i], Math.abs(a[i]) / 1024 + 1e-7, k + "[" + i + "]");
            }
        });
    }
}
