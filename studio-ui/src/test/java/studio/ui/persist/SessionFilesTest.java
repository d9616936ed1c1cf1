package studio.ui.persist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.image.GrayImage;
import studio.engine.image.RgbImage;
import studio.ui.canvas.Rect;

class SessionFilesTest {
    @TempDir
    Path dir;

    private static CanvasState canvas() {
        int[] px = new int[40 * 24];
        float[] mask = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            px[i] = i % 7 == 0 ? 0 : 0xFF000000 | i * 2654435 & 0xFFFFFF; // some empty (transparent) canvas
            mask[i] = (i % 13) / 12.345f;                                  // values 8 bits could not hold
        }
        return new CanvasState(new RgbImage(40, 24, px), -16, 8, new GrayImage(40, 24, mask), new Rect(-8, 0, 64, 48));
    }

    @Test
    void canvasRoundTripsExactlyWithTransparencyAndMask() throws Exception {
        SessionFiles files = new SessionFiles(dir);
        CanvasState saved = canvas();
        files.writeCanvas(1, saved);
        CanvasState read = files.readCanvas().value().orElseThrow();
        assertEquals(saved.image(), read.image());
        assertEquals(-16, read.imageX());
        assertEquals(8, read.imageY());
        assertArrayEquals(saved.mask().values(), read.mask().values());
        assertEquals(saved.frame(), read.frame());
    }

    @Test
    void emptyCanvasKeepsItsFrame() throws Exception {
        SessionFiles files = new SessionFiles(dir);
        files.writeCanvas(1, new CanvasState(null, 0, 0, null, new Rect(24, 24, 512, 512)));
        CanvasState read = files.readCanvas().value().orElseThrow();
        assertNull(read.image());
        assertEquals(new Rect(24, 24, 512, 512), read.frame());
    }

    @Test
    void settingsAndHistoryRoundTrip() throws Exception {
        SessionFiles files = new SessionFiles(dir);
        SettingsState s = new SettingsState("a \"quoted\" prompt\nline two", "neg", "euler", 12, 6.5, 42, true, 41, 2,
                0.6, 3, "MASKED", "/m/x.safetensors", "/m", List.of("/other/y.safetensors"), false, "BRUSH", 48, 0.5, "bf16",
                List.of(new SettingsState.EnabledLora("style", 0.7)),
                List.of(new SettingsState.ControlLayer(true, "/m/cn.safetensors", "CANVAS", "canny", 64, 128, 0.7, 0.1, 0.9, "CONTROL")),
                77, 0.2);
        files.writeSettings(1, s);
        assertEquals(s, files.readSettings().value().orElseThrow());
        List<HistoryRecord> h = List.of(new HistoryRecord("/out/00001-5.png", "p\nSteps: 3, Seed: 5, Size: 64x64", "default", 1000));
        files.writeHistory(1, h);
        assertEquals(h, files.readHistory().value().orElseThrow());
    }

    @Test
    void scribblesRoundTripExactlyInTheirOrder() throws Exception {
        SessionFiles files = new SessionFiles(dir);
        float[] v = new float[24 * 16];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % 11) / 10.987f; // values 8 bits could not hold
        }
        List<ScribbleState> saved = List.of(new ScribbleState(-8, 16, new GrayImage(24, 16, v)), ScribbleState.EMPTY);
        files.writeScribbles(1, saved);
        List<ScribbleState> read = files.readScribbles().value().orElseThrow();
        assertEquals(2, read.size());
        assertEquals(-8, read.get(0).x());
        assertEquals(16, read.get(0).y());
        assertArrayEquals(v, read.get(0).values().values());
        assertNull(read.get(1).values());
        files.writeScribbles(1, List.of()); // an older serial never replaces a newer save
        assertEquals(2, files.readScribbles().value().orElseThrow().size());
    }

    @Test
    void aDamagedScribblesFileIsMovedAsideAndReported() throws Exception {
        SessionFiles files = new SessionFiles(dir);
        Files.write(files.scribblesFile(), new byte[] {1, 2, 3});
        SessionFiles.Read<List<ScribbleState>> read = files.readScribbles();
        assertTrue(read.value().isEmpty());
        assertTrue(read.problem().contains("scribbles.bin"), read.problem());
        assertTrue(Files.notExists(files.scribblesFile()));
    }

    @Test
    void noFilesMeansAFreshStartWithoutComplaint() {
        SessionFiles files = new SessionFiles(dir);
        assertTrue(files.readSettings().value().isEmpty());
        assertNull(files.readCanvas().problem());
        assertNull(files.readHistory().problem());
    }

    @Test
    void aDamagedFileIsReportedAndKeptAside() throws Exception {
        SessionFiles files = new SessionFiles(dir);
        files.writeCanvas(1, canvas());
        byte[] whole = Files.readAllBytes(files.canvasFile());
        Files.write(files.canvasFile(), java.util.Arrays.copyOf(whole, whole.length / 2));
        SessionFiles.Read<CanvasState> read = files.readCanvas();
        assertTrue(read.value().isEmpty());
        assertTrue(read.problem().startsWith("could not restore canvas.bin ("), read.problem());
        assertTrue(read.problem().contains("it was kept as canvas.bin.damaged-"), read.problem());
        try (Stream<Path> kept = Files.list(dir)) {
            assertEquals(1, kept.filter(p -> p.getFileName().toString().startsWith("canvas.bin.damaged-")).count());
        }

        Files.writeString(files.settingsFile(), "{ not json");
        assertTrue(files.readSettings().problem().startsWith("could not restore settings.json"));
    }

    @Test
    void anOlderSaveNeverReplacesANewerOne() throws Exception {
        SessionFiles files = new SessionFiles(dir);
        CanvasState newer = new CanvasState(null, 0, 0, null, new Rect(0, 0, 8, 8));
        files.writeCanvas(5, newer);
        files.writeCanvas(4, canvas());
        assertEquals(newer.frame(), files.readCanvas().value().orElseThrow().frame());
    }
}
