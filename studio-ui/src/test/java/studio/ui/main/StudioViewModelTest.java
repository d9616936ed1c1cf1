package studio.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import studio.engine.api.ControlMode;
import studio.engine.api.ControlUnit;
import studio.engine.api.DiffusionEngine;
import studio.engine.api.EngineEvent;
import studio.engine.api.GenerationRequest;
import studio.engine.api.Preview;
import studio.engine.image.RgbImage;
import studio.engine.io.A1111Parameters;
import studio.ui.canvas.Rect;
import studio.ui.canvas.Tool;
import studio.ui.control.ControlLayers;
import studio.ui.control.ControlViewModel;
import studio.ui.files.EngineImageFiles;
import studio.ui.fx.FxEngineAdapter;
import studio.ui.settings.GenerationSettings;
import studio.ui.testing.Fx;
import studio.ui.notices.Notice;
import studio.ui.notices.ParametersOffer;

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
            progress.step(0, 1, 1, new Preview(RgbImage.filled(request.width() / 8, request.height() / 8, 0x808080), false,
                    java.time.Duration.ZERO));
            List<RgbImage> out = new ArrayList<>();
            for (int i = 0; i < request.batchSize(); i++) {
                out.add(RgbImage.filled(request.width(), request.height(), 0x102030 + i));
            }
            return out;
        }, null);
        vm = Fx.call(() -> new StudioViewModel(engine, new GenerationSettings(Path.of("models")), new EngineImageFiles(), "CPU"));
        adapter = new FxEngineAdapter(engine, vm.generation()::onEngineEvent);
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
            assertEquals("Inpaint", vm.generation().modeLabelProperty().get());
            vm.generation().generate();
            assertTrue(vm.generation().runningProperty().get());
            assertNotNull(vm.generation().generateProblemProperty().get(), "no second Generate while one runs");
        });
        Fx.waitUntil("the result", 10, () -> vm.staging().activeProperty().get());
        GenerationRequest r = received.get(0);
        assertEquals(GenerationRequest.Mode.INPAINT, r.mode());
        assertEquals(RgbImage.filled(64, 64, 0x446688), r.initImage());
        assertEquals(1f, r.mask().value(32, 32));
        assertEquals(9, r.seed());
        assertFalse(Fx.call(() -> vm.generation().runningProperty().get()));
        assertEquals(new Rect(0, 0, 64, 64), Fx.call(() -> vm.staging().currentProperty().get().target()));
        assertEquals(1, Fx.call(() -> vm.history().entries().size()));
        assertNull(Fx.call(() -> vm.generation().previewProperty().get()), "the preview goes when the result comes");
        assertTrue(Fx.call(() -> vm.generation().previewUpdatesProperty().get()) >= 1);
    }

    @Test
    void problemsDisableGenerateInWords() {
        Fx.run(() -> {
            assertNull(vm.generation().generateProblemProperty().get());
            vm.canvas().setFrameSize(4160, 64);
            assertEquals("width must be between 8 and 4096 pixels, got 4160", vm.generation().generateProblemProperty().get());
            vm.generation().generate();
            assertEquals("Cannot generate: width must be between 8 and 4096 pixels, got 4160", vm.notices().noticeProperty().get().text());
            assertFalse(vm.generation().runningProperty().get());
            vm.canvas().setFrameSize(64, 64);
            vm.settings().stepsProperty().set(0);
            assertEquals("steps must be between 1 and 1000, got 0", vm.generation().generateProblemProperty().get());
        });
        assertTrue(received.isEmpty());
    }

    @Test
    void failuresAreNoticesAndOtherJobsAreIgnored() {
        Fx.run(() -> {
            vm.generation().generate();
            vm.generation().onEngineEvent(new EngineEvent.Failed(101, EngineEvent.Failed.Kind.INTERNAL, "not ours"));
            assertNull(vm.notices().noticeProperty().get(), "an event of another job changes nothing");
        });
        Fx.waitUntil("the result", 10, () -> !vm.generation().runningProperty().get());
        Fx.run(() -> {
            vm.settings().promptProperty().set("boom");
            vm.generation().generate();
        });
        Fx.waitUntil("the failure", 10, () -> vm.notices().noticeProperty().get() != null);
        assertEquals("Generation failed: the model exploded; try again.", Fx.call(() -> vm.notices().noticeProperty().get().text()));
        assertEquals(Notice.Kind.ERROR, Fx.call(() -> vm.notices().noticeProperty().get().kind()));
        assertEquals("Generation failed", Fx.call(() -> vm.status().messageProperty().get()));
    }

    @Test
    void aPngWhoseParametersAreOverTheLimitOpensAndSaysWhyNoneWereRead(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("huge.png");
        studio.engine.io.PngImages.write(RgbImage.filled(16, 8, 0x336699), png, "a".repeat(1_200_000) + "\nSteps: 4");
        Fx.run(() -> vm.openImage(png));
        Fx.waitUntil("the notice", 20, () -> vm.notices().noticeProperty().get() != null);
        assertEquals(RgbImage.filled(16, 8, 0x336699), Fx.call(() -> vm.canvas().image().toImage()), "the picture opened");
        String text = Fx.call(() -> vm.notices().noticeProperty().get().text());
        assertTrue(text.startsWith("Opened huge.png as a picture; its generation parameters were not read: huge.png: "
                + "its 'parameters' text is larger than the 1 MiB limit"), text);
        assertNull(Fx.call(() -> vm.notices().parametersOfferProperty().get()));
    }

    @Test
    void anEngineFaultNamesTheLogWithItsDetails() {
        Path log = Path.of("/state/logs/studio.log");
        Fx.run(() -> {
            vm.generation().setLogFile(log);
            vm.settings().promptProperty().set("boom");
            vm.generation().generate();
        });
        Fx.waitUntil("the failure", 10, () -> vm.notices().noticeProperty().get() != null);
        assertEquals("Generation failed: the model exploded; try again. The details are in " + log + ".",
                Fx.call(() -> vm.notices().noticeProperty().get().text()));
    }

    @Test
    void parametersOfferIsTakenOverWithItsSize() {
        ParametersOffer offer = new ParametersOffer("x.png", A1111Parameters.parse(
                "a hill\nSteps: 4, Sampler: DDIM, CFG scale: 2, Seed: 8, Size: 128x96"));
        Fx.run(() -> vm.notices().offerParameters(offer));
        Notice n = Fx.call(() -> vm.notices().noticeProperty().get());
        assertEquals("Restore parameters", n.actionLabel());
        assertTrue(n.text().startsWith("x.png carries generation parameters: \u201Ca hill\u201D, seed 8, 4 steps, 128x96."), n.text());
        Fx.run(n.action());
        assertNull(Fx.call(() -> vm.notices().parametersOfferProperty().get()));
        assertEquals("a hill", Fx.call(() -> vm.settings().promptProperty().get()));
        assertEquals(new Rect(0, 0, 128, 96), Fx.call(() -> vm.canvas().frameProperty().get()));

        Fx.run(() -> {
            vm.notices().offerParameters(new ParametersOffer("y.png", A1111Parameters.parse("other\nSteps: x, Sampler: DDIM, CFG scale: 2")));
            vm.notices().acceptParametersOffer();
        });
        assertEquals("The parameters in y.png could not be used: Steps: 'x' is not a whole number",
                Fx.call(() -> vm.notices().noticeProperty().get().text()));
        assertEquals("a hill", Fx.call(() -> vm.settings().promptProperty().get()), "nothing changed");
    }

    @Test
    void aLaterNoticeKeepsAnOpenOfferUntilItIsClosed() {
        Fx.run(() -> {
            vm.notices().offerParameters(new ParametersOffer("x.png", A1111Parameters.parse("a hill\nSteps: 4, Sampler: DDIM, CFG scale: 2, Seed: 8")));
            vm.notify(Notice.Kind.INFO, "Saved /tmp/out.png");
        });
        Notice later = Fx.call(() -> vm.notices().noticeProperty().get());
        assertEquals("Saved /tmp/out.png (The parameters of x.png can still be restored.)", later.text());
        assertEquals("Restore parameters", later.actionLabel());
        Fx.run(later.action());
        assertEquals("a hill", Fx.call(() -> vm.settings().promptProperty().get()));
        assertNull(Fx.call(() -> vm.notices().noticeProperty().get().action()), "the restore's own notice has no button");

        Fx.run(() -> {
            vm.notices().offerParameters(new ParametersOffer("y.png", A1111Parameters.parse("a lake\nSteps: 4, Sampler: DDIM, CFG scale: 2, Seed: 9")));
            vm.notices().dismissParametersOffer();
            vm.notify(Notice.Kind.INFO, "Saved /tmp/again.png");
        });
        assertEquals("Saved /tmp/again.png", Fx.call(() -> vm.notices().noticeProperty().get().text()));
        assertNull(Fx.call(() -> vm.notices().noticeProperty().get().action()), "a closed offer does not come back");
        assertEquals("a hill", Fx.call(() -> vm.settings().promptProperty().get()));
    }

    @Test
    void aTransparentPictureOpensWithEmptyCanvasAndExportsWithIt(@TempDir Path dir) throws Exception {
        // left half transparent, one soft column at alpha 128, the rest opaque red: a sticker on nothing
        BufferedImage sticker = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                sticker.setRGB(x, y, x < 32 ? 0x00000000 : x == 32 ? 0x80FF0000 : 0xFFFF0000);
            }
        }
        Path file = dir.resolve("sticker.png");
        ImageIO.write(sticker, "png", file.toFile());
        Fx.run(() -> vm.openImage(file));
        Fx.waitUntil("the picture", 10, () -> vm.canvasImage() != null);
        assertEquals(GenerationRequest.Mode.OUTPAINT, Fx.call(() -> vm.canvas().modeProperty().get()),
                "the transparent half is empty canvas for outpainting to fill");
        RgbImage opened = Fx.call(vm::canvasImage);
        assertEquals(0, opened.argb(5, 5), "transparent stays empty");
        assertEquals(0xFFFF7F7F, opened.argb(32, 5), "half-transparent red is laid on white");
        assertEquals(0xFFFF0000, opened.argb(40, 5));

        Path exported = dir.resolve("canvas.png");
        Fx.run(() -> vm.exportCanvas(exported));
        Fx.waitUntil("the export", 10, () -> Files.isRegularFile(exported));
        BufferedImage back = ImageIO.read(exported.toFile());
        assertEquals(0, back.getRGB(5, 5) >>> 24, "the empty half is exported transparent, not black");
        assertEquals(0xFFFF0000, back.getRGB(40, 5));
    }

    @Test
    void batchesStageEveryImageWithItsOwnSeed() {
        Fx.run(() -> {
            vm.settings().batchCountProperty().set(3);
            vm.generation().generate();
        });
        Fx.waitUntil("the batch", 10, () -> vm.staging().candidates().size() == 3);
        long seed = received.get(0).seed();
        assertEquals(List.of(seed, seed + 1, seed + 2), Fx.call(() -> vm.staging().candidates().stream()
                .map(c -> c.parameters().seed()).toList()));
    }

    @Test
    void aPngWhoseParametersOnceOverflowedTheParserOpensWithItsOffer(@TempDir Path dir) throws Exception {
        // a 21,000-character quoted value: the old regex parser died of a StackOverflowError on the
        // background thread, and the picture did not open at all
        Path file = dir.resolve("shared.png");
        String hashes = "x, ".repeat(7000);
        studio.engine.io.PngImages.write(RgbImage.filled(16, 16, 0x446688), file,
                "a lake\nSteps: 4, Sampler: DDIM, CFG scale: 2, Seed: 9, Lora hashes: " + new com.google.gson.Gson().toJson(hashes));
        Fx.run(() -> vm.openImage(file));
        Fx.waitUntil("the picture", 20, () -> vm.canvasImage() != null);
        Fx.waitUntil("the offer", 20, () -> vm.notices().noticeProperty().get() != null
                && vm.notices().noticeProperty().get().text().startsWith("shared.png carries generation parameters"));
    }

    @Test
    void twoControlNetLayersBothSteerGenerateAndLiveMode(@TempDir Path dir) {
        Path a = dir.resolve("a.safetensors");
        Path b = dir.resolve("b.safetensors");
        RgbImage edges = RgbImage.filled(64, 64, 0x204060);
        Fx.run(() -> {
            vm.canvas().setFrameSize(64, 64);
            vm.settings().seedLockedProperty().set(true);
            ControlViewModel first = vm.control();
            first.modelProperty().set(a);
            first.enabledProperty().set(true);
            vm.canvas().toolProperty().set(Tool.SCRIBBLE);
            vm.canvas().brushHardnessProperty().set(1);
            vm.canvas().brushSizeProperty().set(4);
            vm.canvas().beginStroke(10, 32, false);
            vm.canvas().strokeTo(54, 32);
            vm.canvas().endStroke();

            ControlViewModel second = vm.controls().add();
            assertSame(second, vm.control(), "a new layer is the active one");
            second.modelProperty().set(b);
            second.enabledProperty().set(true);
            second.sourceProperty().set(ControlViewModel.Source.IMAGE);
            second.imageProperty().set(edges);
            second.weightProperty().set(0.5);
            vm.canvas().beginStroke(32, 10, false);
            vm.canvas().strokeTo(32, 54);
            vm.canvas().endStroke();
            assertEquals(0f, first.scribble().valueAt(32, 12), "the Scribble tool paints on the active layer only");
            assertTrue(second.scribble().valueAt(32, 12) > 0);
            assertTrue(first.scribble().valueAt(20, 32) > 0);

            first.showHintProperty().set(true);
            assertNull(vm.controls().hintProperty().get(), "the overlay shows the active layer's hint");
            vm.controls().activeProperty().set(first);
            assertNotNull(vm.controls().hintProperty().get());
            assertSame(first.scribble(), vm.canvas().scribble(), "and the canvas paints on it now");
            vm.generation().generate();
        });
        Fx.waitUntil("the result", 10, () -> !vm.generation().runningProperty().get());
        List<ControlUnit> sent = received.get(0).controls();
        assertEquals(2, sent.size());
        assertEquals(a.toString(), sent.get(0).model());
        assertEquals("scribble", sent.get(0).preprocessor());
        assertTrue((sent.get(0).image().argb(20, 32) & 0xFF) < 64, "the first layer's sketch, dark on white");
        assertEquals(0xFF, sent.get(0).image().argb(32, 12) & 0xFF, "without the second layer's strokes");
        assertEquals(b.toString(), sent.get(1).model());
        assertEquals(edges, sent.get(1).image());
        assertEquals(0.5, sent.get(1).weight());

        Fx.run(vm.generation()::startLiveGeneration);
        Fx.waitUntil("the live result", 10, () -> received.size() == 2 && !vm.generation().liveRunningProperty().get());
        assertEquals(List.of(a.toString(), b.toString()), received.get(1).controls().stream().map(ControlUnit::model).toList(),
                "live mode sends both layers too");

        Fx.run(() -> {
            ControlLayers layers = vm.controls();
            layers.remove(layers.layers().get(1));
            assertEquals(1, layers.units().size());
            while (layers.layers().size() < GenerationRequest.MAX_CONTROLS) {
                assertNotNull(layers.add());
            }
            assertNull(layers.add(), "at most MAX_CONTROLS layers");
            layers.layers().forEach(l -> {
                l.modelProperty().set(a);
                l.enabledProperty().set(true);
            });
            assertEquals(GenerationRequest.MAX_CONTROLS, layers.units().size());
        });
    }

    @Test
    void aPngWithTwoControlNetUnitsRestoresTwoLayers(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("my-canny.safetensors"), "");
        Files.writeString(dir.resolve("my-scribble.safetensors"), "");
        String text = "a cat\nSteps: 20, Sampler: Euler, Seed: 1, Size: 64x64, "
                + "ControlNet 0: \"Module: canny, Model: my-canny [abc123], Weight: 0.7, Threshold A: 64, Threshold B: 128, "
                + "Guidance Start: 0.1, Guidance End: 0.9, Control Mode: Balanced\", "
                + "ControlNet 1: \"Module: scribble, Model: my-scribble [def456], Weight: 1.2, Guidance Start: 0, "
                + "Guidance End: 0.5, Control Mode: ControlNet is more important\"";
        Fx.run(() -> {
            vm.settings().modelsFolderProperty().set(dir);
            vm.useParameters(A1111Parameters.parse(text), "two.png");
            List<ControlViewModel> layers = vm.controls().layers();
            assertEquals(2, layers.size());
            assertEquals(dir.resolve("my-canny.safetensors"), layers.get(0).modelProperty().get());
            assertEquals("canny", layers.get(0).preprocessorProperty().get());
            assertEquals(0.7, layers.get(0).weightProperty().get());
            assertEquals(dir.resolve("my-scribble.safetensors"), layers.get(1).modelProperty().get());
            assertEquals(1.2, layers.get(1).weightProperty().get());
            assertEquals(ControlMode.CONTROL, layers.get(1).modeProperty().get());
            assertTrue(layers.get(0).enabledProperty().get() && layers.get(1).enabledProperty().get());
            assertEquals(2, vm.controls().units().size());
            assertFalse(vm.notices().noticeProperty().get().text().contains("ControlNet"), vm.notices().noticeProperty().get().text());
        });
    }

    @Test
    void liveModeWaitsWhileAStrokeGoesOnAndStartsTheMomentItEnds() throws InterruptedException {
        Fx.run(() -> {
            vm.canvas().setFrameSize(64, 64);
            vm.openImage(RgbImage.filled(64, 64, 0x80A0C0));
            vm.generation().liveProperty().set(true);
        });
        Fx.waitUntil("the first live result", 10, () -> received.size() == 1 && !vm.generation().liveRunningProperty().get());
        Fx.run(() -> {
            vm.canvas().toolProperty().set(Tool.BRUSH);
            vm.canvas().beginStroke(10, 32, false);
            vm.canvas().strokeTo(30, 32);
        });
        // Absence takes waiting: three pauses' worth, and still nothing may have started mid-stroke.
        Thread.sleep((long) (3 * LiveMode.DEBOUNCE.toMillis()));
        Fx.run(() -> vm.canvas().strokeTo(50, 32));
        Thread.sleep((long) (3 * LiveMode.DEBOUNCE.toMillis()));
        assertEquals(1, received.size(), "nothing starts while the stroke goes on");
        assertTrue(Fx.call(() -> {
            vm.canvas().endStroke();
            return vm.generation().liveRunningProperty().get();
        }), "the stroke's end starts the live generation at once, without the pause");
        Fx.waitUntil("the stroke's live result", 10, () -> received.size() == 2 && !vm.generation().liveRunningProperty().get());
        assertEquals(GenerationRequest.Mode.INPAINT, received.get(1).mode(), "the stroke made it an inpainting");
    }
}
