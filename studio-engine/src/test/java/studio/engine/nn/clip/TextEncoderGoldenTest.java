package studio.engine.nn.clip;


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

    @Test
    void clipWithClipSkipOneTwoThree() {
        Golden.File io = GoldenWeights.io("sd1_clip_text");
        ClipTextModel clip = GoldenWeights.fill(new ClipTextModel(TINY), GoldenWeights.checkpointOf(io),
                io.meta("studio.prefix") + "text_model.", m);
        NDArray ids = GoldenWeights.array(io, "ids", m);
        for (int skip = 1; skip <= 3; skip++) {
            Golden.assertClose(io.floats("clip_skip" + skip), clip.encode(ids, skip).toFloatArray(), 1e-4, "clip skip " + skip);
        }
    }

    @Test
    void openClipPenultimateLayer() {
        Golden.File io = GoldenWeights.io("sd2_openclip_text");
        OpenClipTextModel open = GoldenWeights.fill(new OpenClipTextModel(TINY), GoldenWeights.checkpointOf(io),
                io.meta("studio.prefix"), m);
        NDArray ids = GoldenWeights.array(io, "ids", m);
        Golden.assertClose(io.floats("penultimate"), open.encode(ids, 1).toFloatArray(), 1e-4, "penultimate");
    }
}
