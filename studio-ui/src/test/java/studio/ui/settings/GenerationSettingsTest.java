package studio.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.engine.api.GenerationRequest;
import studio.engine.api.InpaintArea;
import studio.engine.api.InvalidRequestException;
import studio.engine.io.A1111Parameters;
import studio.ui.models.ModelEntry;

class GenerationSettingsTest {
    private final GenerationSettings s = new GenerationSettings(Path.of("models"));

    @Test
    void unlockedSeedIsNewEachTimeAndLockedSeedStays() {
        long first = s.takeSeedForGeneration();
        long second = s.takeSeedForGeneration();
        assertNotEquals(first, second);
        assertTrue(second >= 0 && second < GenerationSettings.SEED_BOUND);
        assertEquals(second, s.seedProperty().get(), "the seed used is shown");
        s.seedLockedProperty().set(true);
        s.seedProperty().set(99);
        assertEquals(99, s.takeSeedForGeneration());
        assertEquals(99, s.takeSeedForGeneration());
    }

    @Test
    void reuseLastSeedLocksIt() {
        s.takeSeedForGeneration();
        long used = s.lastSeedProperty().get();
        s.randomizeSeed();
        s.reuseLastSeed();
        assertEquals(used, s.seedProperty().get());
        assertTrue(s.seedLockedProperty().get());
    }

    @Test
    void requestCarriesEverySetting() {
        s.promptProperty().set("a boat");
        s.negativePromptProperty().set("rain");
        s.samplerProperty().set("dpmpp_2m");
        s.stepsProperty().set(12);
        s.guidanceProperty().set(4.5);
        s.batchCountProperty().set(3);
        s.strengthProperty().set(0.3);
        s.maskBlurProperty().set(9);
        s.inpaintAreaProperty().set(InpaintArea.MASKED);
        GenerationRequest r = s.toRequest(128, 96, 5).build();
        assertEquals(List.of("a boat", "rain", "dpmpp_2m", 12, 4.5, 3, 0.3, 9, InpaintArea.MASKED, 128, 96, 5L, "default"),
                List.of(r.prompt(), r.negativePrompt(), r.sampler(), r.steps(), r.guidanceScale(), r.batchSize(),
                        r.strength(), r.maskBlur(), r.inpaintArea(), r.width(), r.height(), r.seed(), r.modelId()));
    }

    @Test
    void parametersFromAPngAreTakenOverAndTheSeedLocked() {
        s.strengthProperty().set(0.2);
        s.applyParameters(A1111Parameters.parse("a cat\nNegative prompt: dog\n"
                + "Steps: 33, Sampler: Euler a, CFG scale: 3.5, Seed: 17, Size: 512x768, Model: x"));
        assertEquals("a cat", s.promptProperty().get());
        assertEquals("dog", s.negativePromptProperty().get());
        assertEquals(33, s.stepsProperty().get());
        assertEquals("euler_a", s.samplerProperty().get());
        assertEquals(3.5, s.guidanceProperty().get());
        assertEquals(17, s.seedProperty().get());
        assertTrue(s.seedLockedProperty().get());
        assertEquals(0.2, s.strengthProperty().get(), "absent settings are left as they are");
    }

    @Test
    void unknownSamplerKeepsTheCurrentOneAndBadNumbersAreRefused() {
        s.samplerProperty().set("ddim");
        s.applyParameters(A1111Parameters.parse("x\nSteps: 20, Sampler: UniPC, CFG scale: 7"));
        assertEquals("ddim", s.samplerProperty().get());
        assertThrows(InvalidRequestException.class,
                () -> s.applyParameters(A1111Parameters.parse("x\nSteps: many, Sampler: DDIM, CFG scale: 7")));
    }

    @Test
    void historyParametersRestoreEverythingIncludingTheModel() {
        GenerationRequest r = GenerationRequest.builder().prompt("p").negativePrompt("n").steps(8).sampler("ddpm")
                .guidanceScale(2).seed(123).strength(0.9).maskBlur(2).inpaintArea(InpaintArea.MASKED)
                .modelId("/m/x.safetensors").build();
        s.restoreFrom(r);
        assertEquals("p", s.promptProperty().get());
        assertEquals(123, s.seedProperty().get());
        assertTrue(s.seedLockedProperty().get());
        assertEquals(InpaintArea.MASKED, s.inpaintAreaProperty().get());
        assertEquals("/m/x.safetensors", s.modelProperty().get().id());
        assertEquals("x.safetensors", s.modelProperty().get().name());
        assertEquals("not checked yet", s.modelProperty().get().details());
    }

    @Test
    void aScanKeepsTheChosenModelOrSaysItIsGone() {
        ModelEntry a = new ModelEntry("/m/a.safetensors", "a", "SD 1.x · 2 GB");
        ModelEntry b = new ModelEntry("/m/b.safetensors", "b", "SD 2.x · 5 GB");
        assertNull(s.setModels(List.of(ModelEntry.DEFAULT, a, b)));
        s.modelProperty().set(b);
        assertNull(s.setModels(List.of(ModelEntry.DEFAULT, b)));
        assertEquals(b, s.modelProperty().get());
        assertEquals("/m/b.safetensors", s.setModels(List.of(a)), "b is gone");
        assertEquals(ModelEntry.DEFAULT, s.modelProperty().get());
        assertEquals(List.of(ModelEntry.DEFAULT, a), List.copyOf(s.models()), "the default is always listed");
    }

    @Test
    void addedModelsOutsideTheFolderAreRemembered() {
        ModelEntry inside = new ModelEntry(Path.of("models", "in.safetensors").toAbsolutePath().toString(), "in", "x");
        ModelEntry outside = new ModelEntry(Path.of("/elsewhere/out.safetensors").toString(), "out", "x");
        s.addModel(inside);
        s.addModel(outside);
        assertEquals(List.of(outside.id()), List.copyOf(s.addedModels()), "the folder's own models are found by the scan");
        assertEquals(outside, s.modelProperty().get());
    }
}
