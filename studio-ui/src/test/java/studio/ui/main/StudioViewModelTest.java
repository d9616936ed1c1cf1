package studio.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import studio.engine.api.DiffusionEngine;
import studio.engine.api.EngineEvent;
import studio.engine.api.GenerationRequest;
import studio.engine.image.RgbImage;
import studio.engine.io.A1111Parameters;
import studio.ui.canvas.Rect;
import studio.ui.files.EngineImageFiles;
import studio.ui.fx.FxEngineAdapter;
import studio.ui.settings.GenerationSettings;
import studio.ui.testing.Fx;

/** The root view model with an engine whose generator answers at once: request in, events out, state in properties. */
class StudioViewModelTest {
    private final List<GenerationRequest> received = new CopyOnWriteArrayList<>();
    private DiffusionEngine engine;
    private FxEngineAdapter adapter;
    private StudioViewModel vm;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void setUp() {
        engine = new DiffusionEngine((request, progress) -> {
            received.add(request);
            if (request.prompt().equals("boom")) {
                throw new IllegalStateException("the model exploded; try again");
            }
            progress.step(0, 1, 1, () -> RgbImage.filled(request.width() / 8, request.height() / 8, 0x808080), false);
            List<RgbImage> out = new ArrayList<>();
            for (int i = 0; i < request.batchSize(); i++) {
                out.add(RgbImage.filled(request.width(), request.height(), 0x102030 + i));
            }
            return out;
        }, null);
        vm = Fx.call(() -> new StudioViewModel(engine, new GenerationSettings(Path.of("models")), new EngineImageFiles(), "CPU"));
        adapter = new FxEngineAdapter(engine, vm::onEngineEvent);
    }

    @AfterEach
    void tearDown() {
        adapter.close();
        engine.close();
    }

    @Test
    void inpaintRequestCarriesTheFrameInputsAndTheResultIsStaged() {
        Fx.run(() -> {
            vm.openImage(RgbImage.filled(64, 64, 0x446688));
            vm.canvas().brushHardnessProperty().set(1);
            vm.canvas().beginStroke(32, 32, false);
            vm.canvas().endStroke();
            vm.settings().seedLockedProperty().set(true);
            vm.settings().seedProperty().set(9);
            assertEquals("Inpaint", vm.modeLabelProperty().get());
            vm.generate();
            assertTrue(vm.runningProperty().get());
            assertNotNull(vm.generateProblemProperty().get(), "no second Generate while one runs");
        });
        Fx.waitUntil("the result", 10, () -> vm.staging().activeProperty().get());
        GenerationRequest r = received.get(0);
        assertEquals(GenerationRequest.Mode.INPAINT, r.mode());
        assertEquals(RgbImage.filled(64, 64, 0x446688), r.initImage());
        assertEquals(1f, r.mask().value(32, 32));
        assertEquals(9, r.seed());
        assertFalse(Fx.call(() -> vm.runningProperty().get()));
        assertEquals(new Rect(0, 0, 64, 64), Fx.call(() -> vm.staging().currentProperty().get().target()));
        assertEquals(1, Fx.call(() -> vm.history().entries().size()));
        assertNull(Fx.call(() -> vm.previewProperty().get()), "the preview goes when the result comes");
        assertTrue(Fx.call(() -> vm.previewUpdatesProperty().get()) >= 1);
    }

    @Test
    void problemsDisableGenerateInWords() {
        Fx.run(() -> {
            assertNull(vm.generateProblemProperty().get());
            vm.canvas().setFrameSize(4160, 64);
            assertEquals("width must be between 8 and 4096 pixels, got 4160", vm.generateProblemProperty().get());
            vm.generate();
            assertEquals("Cannot generate: width must be between 8 and 4096 pixels, got 4160", vm.noticeProperty().get().text());
            assertFalse(vm.runningProperty().get());
            vm.canvas().setFrameSize(64, 64);
            vm.settings().stepsProperty().set(0);
            assertEquals("steps must be between 1 and 1000, got 0", vm.generateProblemProperty().get());
        });
        assertTrue(received.isEmpty());
    }

    @Test
    void failuresAreNoticesAndOtherJobsAreIgnored() {
        Fx.run(() -> {
            vm.generate();
            vm.onEngineEvent(new EngineEvent.Failed(101, "not ours"));
            assertNull(vm.noticeProperty().get(), "an event of another job changes nothing");
        });
        Fx.waitUntil("the result", 10, () -> !vm.runningProperty().get());
        Fx.run(() -> {
            vm.settings().promptProperty().set("boom");
            vm.generate();
        });
        Fx.waitUntil("the failure", 10, () -> vm.noticeProperty().get() != null);
        assertEquals("Generation failed: the model exploded; try again.", Fx.call(() -> vm.noticeProperty().get().text()));
        assertEquals(Notice.Kind.ERROR, Fx.call(() -> vm.noticeProperty().get().kind()));
        assertEquals("Generation failed", Fx.call(() -> vm.status().messageProperty().get()));
    }

    @Test
    void parametersOfferIsTakenOverWithItsSize() {
        ParametersOffer offer = new ParametersOffer("x.png", A1111Parameters.parse(
                "a hill\nSteps: 4, Sampler: DDIM, CFG scale: 2, Seed: 8, Size: 128x96"));
        Fx.run(() -> vm.offerParameters(offer));
        Notice n = Fx.call(() -> vm.noticeProperty().get());
        assertEquals("Restore parameters", n.actionLabel());
        assertTrue(n.text().startsWith("x.png carries generation parameters: \u201Ca hill\u201D, seed 8, 4 steps, 128x96."), n.text());
        Fx.run(n.action());
        assertNull(Fx.call(() -> vm.parametersOfferProperty().get()));
        assertEquals("a hill", Fx.call(() -> vm.settings().promptProperty().get()));
        assertEquals(new Rect(0, 0, 128, 96), Fx.call(() -> vm.canvas().frameProperty().get()));

        Fx.run(() -> {
            vm.offerParameters(new ParametersOffer("y.png", A1111Parameters.parse("other\nSteps: x, Sampler: DDIM, CFG scale: 2")));
            vm.acceptParametersOffer();
        });
        assertEquals("The parameters in y.png could not be used: Steps: 'x' is not a whole number",
                Fx.call(() -> vm.noticeProperty().get().text()));
        assertEquals("a hill", Fx.call(() -> vm.settings().promptProperty().get()), "nothing changed");
    }

    @Test
    void batchesStageEveryImageWithItsOwnSeed() {
        Fx.run(() -> {
            vm.settings().batchCountProperty().set(3);
            vm.generate();
        });
        Fx.waitUntil("the batch", 10, () -> vm.staging().candidates().size() == 3);
        long seed = received.get(0).seed();
        assertEquals(List.of(seed, seed + 1, seed + 2), Fx.call(() -> vm.staging().candidates().stream()
                .map(c -> c.parameters().seed()).toList()));
    }
}
