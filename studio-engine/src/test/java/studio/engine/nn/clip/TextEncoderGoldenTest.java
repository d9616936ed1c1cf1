package studio.engine.nn.clip;


import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.util.List;
import studio.engine.model.CheckpointLoader;
import studio.engine.model.TensorSource;
import studio.engine.model.WeightLoader;
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

    /** The same class, loaded through the OpenCLIP name table (fused in_proj split), gives SD 2.x's output. */
    @Test
    void openClipPenultimateLayer() {
        Golden.File io = GoldenWeights.io("sd2_openclip_text");
        TextEncoderConfig config = TINY.withActivation(TextEncoderConfig.Activation.GELU)
                .withOutput(TextEncoderConfig.Output.PENULTIMATE_NORMED, false);
        ClipTextModel open = new ClipTextModel(config);
        try (TensorSource file = CheckpointLoader.open(Golden.blocks(io.meta("studio.checkpoint")))) {
            new WeightLoader().add("text encoder", io.meta("studio.prefix"), open)
                    .load(file, m, List.of(io.meta("studio.prefix")), k -> true);
        }
        NDArray ids = GoldenWeights.array(io, "ids", m);
        Golden.assertClose(io.floats("penultimate"), open.encode(ids, 1).toFloatArray(), 1e-4, "penultimate");
    }
}
