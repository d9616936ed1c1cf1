package studio.engine.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * The fused kernels reached through TorchScript give what the composed DJL ops give (those are
 * checked against PyTorch in the golden tests): attention without the N×N scores, GroupNorm+SiLU,
 * GEGLU, and the bf16 round trip. oneDNN's products are in {@link DnnOpsTest}.
 */
class FusedOpsTest {
    private static float maxDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }

    /** The reference: scores materialised whole, as the composed path (used for training) does. */
    private static NDArray wholeScores(NDArray q, NDArray k, NDArray v, NDArray mask) {
        float scale = (float) (1 / Math.sqrt(q.getShape().get(3)));
        NDArray scores = q.mul(scale).matMul(k.transpose(0, 1, 3, 2));
        if (mask != null) {
            scores = scores.add(mask);
        }
        return scores.softmax(3).matMul(v);
    }

    @Test
    void bf16AttentionIsComputedInFp32AndReturnedInBf16() {
        Ops.inferenceOnThisThread();
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getEngine("PyTorch").setRandomSeed(8);
            NDArray q = Precision.BF16.cast(m.randomNormal(new Shape(2, 8, 256, 40)));
            NDArray k = Precision.BF16.cast(m.randomNormal(new Shape(2, 8, 256, 40)));
            NDArray v = Precision.BF16.cast(m.randomNormal(new Shape(2, 8, 256, 40)));
            NDArray out = FusedOps.attention(q, k, v);
            assertTrue(out.getDataType() != ai.djl.ndarray.types.DataType.FLOAT32, "the result keeps q's type");
            NDArray exact = wholeScores(Precision.toFloat32(q), Precision.toFloat32(k), Precision.toFloat32(v), null);
            NDArray back = Precision.toFloat32(out);
            // only the final rounding to bf16 (8 significant bits) separates the two
            NDArray bound = exact.abs().mul(1f / 128).add(1e-5f);
            assertTrue(back.sub(exact).abs().lte(bound).all().getBoolean(), "max diff " + maxDiff(back, exact));
        }
    }

    @Test
    void flashAttentionEqualsWholeScoreAttentionAtLargeN() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getEngine("PyTorch").setRandomSeed(5);
            // 2 × 8 heads × 2304 tokens (a 48×48 latent), 40 channels per head as SD 1.x's first level
            NDArray q = m.randomNormal(new Shape(2, 8, 2304, 40));
            NDArray k = m.randomNormal(new Shape(2, 8, 2304, 40));
            NDArray v = m.randomNormal(new Shape(2, 8, 2304, 40));
            float diff = maxDiff(FusedOps.attention(q, k, v), wholeScores(q, k, v, null));
            assertTrue(diff < 1e-5f, "flash attention differs from whole-score attention by " + diff);
        }
    }

    @Test
    void maskedAttentionEqualsWholeScoreAttention() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getEngine("PyTorch").setRandomSeed(6);
            NDArray q = m.randomNormal(new Shape(1, 12, 77, 64));
            NDArray k = m.randomNormal(new Shape(1, 12, 77, 64));
            NDArray v = m.randomNormal(new Shape(1, 12, 77, 64));
            NDArray mask = Ops.causalMask(m, 77);
            float diff = maxDiff(FusedOps.attention(q, k, v, mask), wholeScores(q, k, v, mask));
            assertTrue(diff < 1e-5f, "masked attention differs by " + diff);
        }
    }

    @Test
    void opsAttentionTakesTheFusedPathInInferenceAndAgreesWithTheComposedOne() {
        Ops.inferenceOnThisThread();
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getEngine("PyTorch").setRandomSeed(7);
            NDArray q = m.randomNormal(new Shape(2, 1024, 320));
            NDArray k = m.randomNormal(new Shape(2, 77, 320));
            NDArray v = m.randomNormal(new Shape(2, 77, 320));
            NDArray fused = Ops.attention(q, k, v, 8, null);
            NDArray ref = wholeScores(q.reshape(2, 1024, 8, 40).transpose(0, 2, 1, 3), k.reshape(2, 77, 8, 40).transpose(0, 2, 1, 3),
                    v.reshape(2, 77, 8, 40).transpose(0, 2, 1, 3), null).transpose(0, 2, 1, 3).reshape(2, 1024, 320);
            assertEquals(new Shape(2, 1024, 320), fused.getShape());
            assertTrue(Ops.inference(q, k, v), "no gradient recorded on this thread: the fused path");
            assertTrue(maxDiff(fused, ref) < 1e-5f, "differs by " + maxDiff(fused, ref));
        }
    }

    @Test
    void groupNormSiluAndGegluEqualTheComposedOps() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getEngine("PyTorch").setRandomSeed(8);
            NDArray x = m.randomNormal(new Shape(2, 64, 16, 16));
            NDArray gamma = m.randomNormal(new Shape(64));
            NDArray beta = m.randomNormal(new Shape(64));
            // the composed reference: GroupNorm as layer norm over (N, G, C/G·H·W), then x·σ(x)
            NDArray normed = ai.djl.nn.norm.LayerNorm.layerNorm(x.reshape(2, 32, 2 * 256), new Shape(512),
                    m.ones(new Shape(512)), m.zeros(new Shape(512)), 1e-5f).singletonOrThrow().reshape(2, 64, 16, 16)
                    .mul(gamma.reshape(1, 64, 1, 1)).add(beta.reshape(1, 64, 1, 1));
            NDArray silu = normed.mul(ai.djl.nn.Activation.sigmoid(normed));
            assertTrue(maxDiff(FusedOps.groupNorm(x, 32, gamma, beta, 1e-5f), normed) < 1e-5f);
            assertTrue(maxDiff(FusedOps.groupNormSilu(x, 32, gamma, beta, 1e-5f), silu) < 1e-5f);

            NDArray h = m.randomNormal(new Shape(2, 10, 16));
            NDArray a = h.get(":, :, :8");
            NDArray g = h.get(":, :, 8:");
            assertTrue(maxDiff(FusedOps.geglu(h), a.mul(ai.djl.nn.Activation.gelu(g))) < 1e-6f);
        }
    }

    /** libtorch's nearest upsampling gives the composed result to the bit, on NCHW and channels-last input. */
    @Test
    void upsamplingEqualsTheComposedNearestNeighbourCopy() {
        Ops.inferenceOnThisThread();
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getEngine("PyTorch").setRandomSeed(13);
            NDArray x = m.randomNormal(new Shape(2, 8, 5, 7));
            // the composed reference: every pixel repeated into a 2×2 block
            NDArray expected = x.reshape(2, 8, 5, 1, 7, 1).broadcast(2, 8, 5, 2, 7, 2).reshape(2, 8, 10, 14);
            assertTrue(Ops.upsampleNearest2x(x).contentEquals(expected));
            // a packed convolution's output is channels-last
            Conv2d conv = Conv2d.same(8, 8, 3);
            conv.parameters().get("weight").set(m.randomNormal(new Shape(8, 8, 3, 3)));
            conv.parameters().get("bias").set(m.zeros(new Shape(8)));
            NDArray h = conv.forward(x);
            NDArray hExpected = h.duplicate().reshape(2, 8, 5, 1, 7, 1).broadcast(2, 8, 5, 2, 7, 2).reshape(2, 8, 10, 14);
            assertTrue(Ops.upsampleNearest2x(h).contentEquals(hExpected));
            assertEquals(new Shape(2, 8, 10, 14), Ops.upsampleNearest2x(h).getShape());
        }
    }

    @Test
    void bf16RoundTripKeepsEightBitsOfMantissa() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1f, 1.00390625f, 3.14159265f, -1234.5f, 1e-3f});
            NDArray back = Precision.toFloat32(Precision.BF16.cast(x));
            float[] got = back.toFloatArray();
            // bf16 keeps 8 significant bits: relative error at most 2^-8
            float[] want = x.toFloatArray();
            for (int i = 0; i < want.length; i++) {
                assertTrue(Math.abs(got[i] - want[i]) <= Math.abs(want[i]) / 256, want[i] + " came back as " + got[i]);
            }
            assertEquals(3.140625f, got[2]);
        }
    }
}
