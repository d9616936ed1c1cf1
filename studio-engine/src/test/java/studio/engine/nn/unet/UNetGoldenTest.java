package studio.engine.nn.unet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.engine.testing.Golden;
import studio.engine.testing.GoldenWeights;

/** Every U-Net block against the PyTorch reference (tools/reference), within 1e-4 relative in fp32. */
class UNetGoldenTest {
    private NDManager m;

    @BeforeEach
    void open() {
        m = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        m.close();
    }

    private static String prefix(Golden.File io) {
        return io.meta("studio.prefix");
    }

    @Test
    void timestepEmbedding() {
        Golden.File io = GoldenWeights.io("sd1_timestep_embedding");
        NDArray t = GoldenWeights.array(io, "t", m);
        Golden.assertClose(io.floats("sinusoidal"), UNetModel.timestepEmbedding(t, 32).toFloatArray(), 1e-5, "sinusoidal");
    }

    @Test
    void resBlocksWithIdentityAndConvolutionSkips() {
        for (String name : new String[] {"sd1_resblock_identity_skip", "sd1_resblock_conv_skip"}) {
            Golden.File io = GoldenWeights.io(name);
            NDArray x = GoldenWeights.array(io, "x", m);
            int in = (int) x.getShape().get(1);
            int out = (int) io.get("out").shape()[1];
            ResBlock block = GoldenWeights.fill(new ResBlock(in, 128, out), GoldenWeights.checkpointOf(io), prefix(io), m);
            float[] y = block.forward(x, GoldenWeights.array(io, "emb", m), null).toFloatArray();
            Golden.assertClose(io.floats("out"), y, 1e-4, name);
        }
    }

    @Test
    void selfAndCrossAttentionAndTransformerBlock() {
        Golden.File self = GoldenWeights.io("sd1_attention_self");
        CrossAttention a1 = GoldenWeights.fill(new CrossAttention(32, 32, 8, 4), GoldenWeights.checkpointOf(self), prefix(self), m);
        Golden.assertClose(self.floats("out"), a1.forward(GoldenWeights.array(self, "x", m), null).toFloatArray(), 1e-4, "self");

        Golden.File cross = GoldenWeights.io("sd1_attention_cross");
        CrossAttention a2 = GoldenWeights.fill(new CrossAttention(32, 32, 8, 4), GoldenWeights.checkpointOf(cross), prefix(cross), m);
        Golden.assertClose(cross.floats("out"), a2.forward(GoldenWeights.array(cross, "x", m), GoldenWeights.array(cross, "context", m)).toFloatArray(), 1e-4, "cross");

        Golden.File tb = GoldenWeights.io("sd1_transformer_block");
        BasicTransformerBlock block = GoldenWeights.fill(new BasicTransformerBlock(32, 8, 4, 32),
                GoldenWeights.checkpointOf(tb), prefix(tb), m);
        Golden.assertClose(tb.floats("out"), block.forward(GoldenWeights.array(tb, "x", m), GoldenWeights.array(tb, "context", m)).toFloatArray(), 1e-4, "transformer block");
    }

    @Test
    void spatialTransformersWithConvAndLinearProjections() {
        Golden.File sd1 = GoldenWeights.io("sd1_spatial_transformer");
        SpatialTransformer conv = GoldenWeights.fill(new SpatialTransformer(32, 8, 4, 1, 32, false),
                GoldenWeights.checkpointOf(sd1), prefix(sd1), m);
        Golden.assertClose(sd1.floats("out"), conv.forward(GoldenWeights.array(sd1, "x", m), null, GoldenWeights.array(sd1, "context", m)).toFloatArray(), 1e-4, "SD1 spatial transformer");
        Golden.File sd2 = GoldenWeights.io("sd2_spatial_transformer");
        SpatialTransformer linear = GoldenWeights.fill(new SpatialTransformer(32, 2, 16, 1, 32, true),
                GoldenWeights.checkpointOf(sd2), prefix(sd2), m);
        Golden.assertClose(sd2.floats("out"), linear.forward(GoldenWeights.array(sd2, "x", m), null, GoldenWeights.array(sd2, "context", m)).toFloatArray(), 1e-4, "SD2 spatial transformer");
    }

    @Test
    void fullUNetsForSd1Sd2AndInpaintingWithDetectedConfigsAlsoOnOddLatentSides() {
        for (String name : new String[] {"sd1_unet", "sd1_unet_odd", "sd2_unet", "sd1_inpaint_unet"}) {
            Golden.File io = GoldenWeights.io(name);
            Golden.File ckpt = GoldenWeights.checkpointOf(io);
            JsonObject truth = JsonParser.parseString(ckpt.meta("studio.config")).getAsJsonObject().getAsJsonObject("unet");
            UNetConfig c = ModelDetectorAccess.unet(ckpt);
            assertEquals(truth.get("in_channels").getAsInt(), c.inChannels(), name);
            assertEquals(truth.get("model_channels").getAsInt(), c.modelChannels(), name);
            assertEquals(truth.get("num_res_blocks").getAsInt(), c.numResBlocks(), name);
            assertEquals(truth.get("context_dim").getAsInt(), c.contextDim(), name);
            assertEquals(truth.get("use_linear_in_transformer").getAsBoolean(), c.useLinearInTransformer(), name);
            UNetModel unet = GoldenWeights.fill(new UNetModel(c), ckpt, prefix(io), m);
            float[] y = unet.forward(GoldenWeights.array(io, "x", m), GoldenWeights.array(io, "t", m),
                    GoldenWeights.array(io, "context", m)).toFloatArray();
            Golden.assertClose(io.floats("out"), y, 1e-4, name);
        }
    }
}
