package studio.engine.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * oneDNN's products through TorchScript ({@link DnnOps}) give libtorch's linear and the composed
 * GEGLU, and leave to libtorch what they do not serve. Packed weights: {@link PackedWeightsTest}.
 */
class DnnOpsTest {
    private static float maxDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }

    @Test
    void oneDnnLinearEqualsLibtorchsLinearWithAndWithoutBias() {
        Ops.inferenceOnThisThread();
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getEngine("PyTorch").setRandomSeed(4);
            NDArray x = m.randomNormal(new Shape(2, 256, 320)); // (batch, tokens, channels) as the U-Net's
            NDArray w = m.randomNormal(new Shape(640, 320)).mul(0.05f);
            NDArray b = m.randomNormal(new Shape(640));
            NDArray withBias = DnnOps.linear(x, w, b);
            NDArray noBias = DnnOps.linear(x, w, null);
            org.junit.jupiter.api.Assumptions.assumeTrue(DnnOps.hasOneDnn(), "this libtorch has no oneDNN");
            org.junit.jupiter.api.Assertions.assertNotNull(withBias, "a 2×256×320 → 640 product goes through oneDNN");
            assertEquals(new Shape(2, 256, 640), withBias.getShape());
            assertEquals(new Shape(2, 256, 640), noBias.getShape());
            NDArray reference = ai.djl.nn.core.Linear.linear(x, w, b).singletonOrThrow();
            assertTrue(maxDiff(withBias, reference) < 1e-4f, "with bias: " + maxDiff(withBias, reference));
            NDArray referenceNoBias = ai.djl.nn.core.Linear.linear(x, w).singletonOrThrow();
            assertTrue(maxDiff(noBias, referenceNoBias) < 1e-4f, "without bias: " + maxDiff(noBias, referenceNoBias));
            // through the layer too (the module path the U-Net takes)
            Linear layer = new Linear(320, 640);
            layer.parameters().get("weight").set(w.duplicate()); // the layer's own: it may pack (and free) it
            layer.parameters().get("bias").set(b.duplicate());
            assertTrue(maxDiff(layer.forward(x), reference) < 1e-4f);
            NDArray half = Precision.BF16.cast(x);
            assertEquals(null, DnnOps.linear(half, Precision.BF16.cast(w), null), "bf16 goes to libtorch's linear");
            NDArray small = m.randomNormal(new Shape(2, 16, 320)); // 6.6 M multiply-adds: the call would cost more
            assertEquals(null, DnnOps.linear(small, w, b), "small products go to libtorch's linear");
        }
    }

    @Test
    void theFusedGegluProjectionEqualsTheProjectionThenGeglu() {
        Ops.inferenceOnThisThread();
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getEngine("PyTorch").setRandomSeed(9);
            Linear proj = new Linear(320, 2 * 1280); // SD 1.5's ff.net.0.proj at its first level
            NDArray w = m.randomNormal(new Shape(2560, 320)).mul(0.05f);
            NDArray b = m.randomNormal(new Shape(2560));
            proj.parameters().get("weight").set(w.duplicate());
            proj.parameters().get("bias").set(b.duplicate());
            NDArray x = m.randomNormal(new Shape(2, 256, 320));
            NDArray fused = DnnOps.gegluLinear(x, w, b);
            org.junit.jupiter.api.Assumptions.assumeTrue(DnnOps.hasOneDnn(), "this libtorch has no oneDNN");
            org.junit.jupiter.api.Assertions.assertNotNull(fused, "SD 1.5's feed-forward projection goes through oneDNN");
            // the composed reference: the whole projection, split, a·GELU(g)
            NDArray h = ai.djl.nn.core.Linear.linear(x, w, b).singletonOrThrow();
            ai.djl.ndarray.NDList halves = h.split(2, 2);
            NDArray expected = halves.get(0).mul(ai.djl.nn.Activation.gelu(halves.get(1)));
            assertEquals(new Shape(2, 256, 1280), fused.getShape());
            assertTrue(maxDiff(fused, expected) < 1e-4f, "fused: " + maxDiff(fused, expected));
            NDArray viaLayer = proj.forwardGeglu(x);
            assertTrue(maxDiff(viaLayer, expected) < 1e-4f, "through the layer: " + maxDiff(viaLayer, expected));
            // more rows than one chunk (DnnOps.GEGLU_ROWS), and a part chunk: the same, to the bit of whole rows
            NDArray tall = m.randomNormal(new Shape(2, DnnOps.GEGLU_ROWS * 3 / 4 + 5, 320));
            ai.djl.ndarray.NDList tallHalves = ai.djl.nn.core.Linear.linear(tall, w, b).singletonOrThrow().split(2, 2);
            NDArray tallExpected = tallHalves.get(0).mul(ai.djl.nn.Activation.gelu(tallHalves.get(1)));
            NDArray tallFused = DnnOps.gegluLinear(tall, w, b);
            assertEquals(tallExpected.getShape(), tallFused.getShape());
            assertTrue(maxDiff(tallFused, tallExpected) < 1e-4f, "in chunks: " + maxDiff(tallFused, tallExpected));
            // a small product takes the composed path and gives the same
            NDArray small = x.get(":, :4, :");
            assertEquals(null, DnnOps.gegluLinear(small, w, b));
            assertTrue(maxDiff(proj.forwardGeglu(small), expected.get(":, :4, :")) < 1e-4f);
        }
    }
}
