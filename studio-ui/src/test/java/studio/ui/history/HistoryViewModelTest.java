package studio.ui.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import studio.engine.api.EngineEvent;
import studio.engine.api.GenerationRequest;
import studio.engine.image.RgbImage;
import studio.engine.io.OutputFolder;
import studio.ui.canvas.CanvasViewModel;
import studio.ui.files.EngineImageFiles;
import studio.ui.persist.HistoryRecord;
import studio.ui.settings.GenerationSettings;
import studio.ui.testing.CurrentThreadTaskExecutor;
import studio.ui.testing.Fx;

class HistoryViewModelTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private final GenerationSettings settings = new GenerationSettings(Path.of("models"));
    private final CanvasViewModel canvas = new CanvasViewModel();
    private final HistoryViewModel history = new HistoryViewModel(settings, canvas, new EngineImageFiles(), CurrentThreadTaskExecutor.INSTANCE);

    private EngineEvent.Result saved(long seed) throws Exception {
        GenerationRequest r = GenerationRequest.builder().prompt("a kite").negativePrompt("wind").steps(5)
                .sampler("euler").seed(seed).size(32, 24).build();
        RgbImage image = RgbImage.filled(32, 24, (int) seed);
        return new EngineEvent.Result(image, r, new OutputFolder(dir).save(image, r));
    }

    @Test
    void autosavedRecordsComeBackWithParametersAndPixelsFromTheFile() throws Exception {
        history.add(saved(1));
        history.add(saved(2));
        history.add(new EngineEvent.Result(RgbImage.filled(8, 8, 0), GenerationRequest.builder().build(), null));
        List<HistoryRecord> records = history.records();
        assertEquals(2, records.size(), "results only in memory cannot come back and are not recorded");

        HistoryViewModel restored = new HistoryViewModel(settings, canvas, new EngineImageFiles(), CurrentThreadTaskExecutor.INSTANCE);
        Files.delete(Path.of(records.get(1).file()));
        assertEquals(1, restored.restore(records), "the entry whose file is gone is skipped");
        HistoryEntry e = restored.entries().get(0);
        assertEquals(2, e.parameters().seed());
        assertEquals("a kite", e.parameters().prompt());
        assertEquals("wind", e.parameters().negativePrompt());
        assertEquals("euler", e.parameters().sampler());
        assertEquals(32, e.parameters().width());
        assertFalse(e.inMemory());
        assertEquals(RgbImage.filled(32, 24, 2), e.image(new EngineImageFiles()));
    }

    @Test
    void useParametersAndSendToCanvas() throws Exception {
        HistoryEntry e = history.add(saved(7));
        history.useParameters(e);
        assertEquals("a kite", settings.promptProperty().get());
        assertEquals(7, settings.seedProperty().get());
        assertEquals(32, canvas.frameProperty().get().width());
        assertEquals(24, canvas.frameProperty().get().height());
        Fx.run(() -> history.show(e));
        assertEquals(e, history.selectedProperty().get());
        assertEquals(32, Fx.call(() -> history.selectedImageProperty().get().getWidth()));
        assertTrue(e.details().startsWith("a kite\nNegative prompt: wind\nSteps: 5, Sampler: Euler"), e.details());
    }

    @Test
    void onlyRecentResultsKeepTheirPixels() throws Exception {
        for (int i = 0; i < HistoryViewModel.IN_MEMORY + 2; i++) {
            history.add(saved(i));
        }
        assertTrue(history.entries().get(0).inMemory());
        assertFalse(history.entries().get(HistoryViewModel.IN_MEMORY).inMemory());
        assertEquals(RgbImage.filled(32, 24, 0), history.entries().get(HistoryViewModel.IN_MEMORY + 1).image(new EngineImageFiles()));
    }
}
