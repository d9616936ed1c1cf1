package studio.engine.nn.clip;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.engine.testing.Golden;
import studio.engine.testing.GoldenWeights;

/** CLIP (HF layout, quick GELU, clip skip) and OpenCLIP (penultimate layer) against the PyTorch reference. */
class TextEncoderGoldenTest {
    private static final TextEncoderConfig TINY = new TextEncoderConfig(1000, 32, 3, 4, 77, 32);
    private NDManager m;

    @BeforeEach
    void open() {
        m = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        m.close();
    }

    private static void assertClose(float[] actual, float[] expected, String what) {
        double err = Golden.relativeError(actual, expected);
        assertTrue(err < 1e-4, what + ": relative error " + err);
    }

    @Test
    void clipWithClipSkipOneTwoThree() {
        Golden.File io = GoldenWeights.io("sd1_clip_text");
        ClipTextModel clip = GoldenWeights.fill(new ClipTextModel(TINY), GoldenWeights.checkpointOf(io),
                io.meta("studio.prefix") + "text_model.", m);
        NDArray ids = GoldenWeights.array(io, "ids", m);
        for (int skip = 1; skip <= 3; skip++) {
            assertClose(clip.encode(ids, skip).toFloatArray(), io.floats("clip_skip" + skip), "clip skip " + skip);
        }
    }

    @Test
    void openClipPenultimateLayer() {
        Golden.File io = GoldenWeights.io("sd2_openclip_text");
        OpenClipTextModel open = GoldenWeights.fill(new OpenClipTextModel(TINY), GoldenWeights.checkpointOf(io),
                io.meta("studio.prefix"), m);
        NDArray ids = GoldenWeights.array(io, "ids", m);
        assertClose(open.encode(ids, 1).toFloatArray(), io.floats("penultimate"), "penultimate");
    }
}
