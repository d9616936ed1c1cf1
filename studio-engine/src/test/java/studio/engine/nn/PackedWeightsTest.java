package studio.engine.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Convolutions and large linear layers in inference hold their weights in oneDNN's own layout
 * ({@link DnnOps#packConv}, {@link DnnOps#packLinear}): the results must equal libtorch's conv2d
 * and linear on the plain weights, for every shape the models use, and anything that reads or replaces
 * a weight (LoRA, saving, training) must get the plain weight back bit for bit.
 */
class PackedWeightsTest {
    @BeforeEach
    void inference() {
        Ops.inferenceOnThisThread();
    }

    private static float maxDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }

    private static NDArray reference(NDArray x, NDArray w, NDArray b, int stride, int padding) {
        return ai.djl.nn.convolutional.Conv2d.conv2d(x, w, b, new Shape(stride, stride), new Shape(padding, padding),
                new Shape(1, 1), 1).singletonOrThrow();
    }

    private static Conv2d layer(NDManager m, Conv2d conv, NDArray w, NDArray b) {
        conv.parameters().get("weight").set(w.duplicate());
        if (b != null) {
            conv.parameters().get("bias").set(b.duplicate());
        }
        return conv;
    }

    @Test
    void packedConvolutionsEqualLibtorchsConv2dForEveryKindTheModelsUse() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getEngine("PyTorch").setRandomSeed(11);
            NDArray x = m.randomNormal(new Shape(2, 8, 12, 12));
            NDArray w3 = m.randomNormal(new Shape(16, 8, 3, 3)).mul(0.1f);
            NDArray w1 = m.randomNormal(new Shape(16, 8, 1, 1)).mul(0.1f);
            NDArray b = m.randomNormal(new Shape(16));
            // 3×3 same, 3×3 stride 2 (downsampling), 1×1 (skip connections), 3×3 without bias (TAESD)
            Object[][] cases = {
                {layer(m, Conv2d.same(8, 16, 3), w3, b), w3, b, 1, 1},
                {layer(m, new Conv2d(8, 16, 3, 2, 1), w3, b), w3, b, 2, 1},
                {layer(m, Conv2d.same(8, 16, 1), w1, b), w1, b, 1, 0},
                {layer(m, Conv2d.withoutBias(8, 16, 3, 1, 1), w3, null), w3, null, 1, 1},
            };
            for (Object[] c : cases) {
                Conv2d conv = (Conv2d) c[0];
                NDArray w = (NDArray) c[1];
                NDArray bias = (NDArray) c[2];
                int stride = (int) c[3];
                int padding = (int) c[4];
                NDArray out = conv.forward(x);
                NDArray expected = reference(x, w, bias, stride, padding);
                assertEquals(expected.getShape(), out.getShape());
                assertTrue(maxDiff(out, expected) < 1e-4f, "stride " + stride + ", k " + w.getShape().get(2) + ": " + maxDiff(out, expected));
                // packed for a batch of 2 at 12×12, it serves another batch and size as well
                NDArray other = m.randomNormal(new Shape(1, 8, 7, 7));
                NDArray again = conv.forward(other);
                assertTrue(maxDiff(again, reference(other, w, bias, stride, padding)) < 1e-4f);
                // and the weight handed out afterwards is the loaded one, bit for bit
                assertTrue(conv.parameters().get("weight").get().contentEquals(w));
            }
        }
    }

    /**
     * A packed convolution returns a channels-last tensor. libtorch's GroupNorm on channels-last input
     * below 32×32 with a few channels per group takes a slow path (0.55 ms against 0.03 ms at 64
     * channels, 16×16), so the fused norms make such inputs contiguous first: the result must not change,
     * on either side of that cut.
     */
    @Test
    void groupNormOfAPackedConvolutionsOutputEqualsItsResultOnThePlainOutput() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getEngine("PyTorch").setRandomSeed(12);
            // channels per group 2 and 3 (made contiguous), 8 (kept channels-last); 16×16, and 32×32 (kept)
            int[][] cases = {{64, 16}, {96, 16}, {256, 16}, {64, 32}};
            for (int[] c : cases) {
                int ch = c[0];
                NDArray x = m.randomNormal(new Shape(2, ch, c[1], c[1]));
                NDArray w = m.randomNormal(new Shape(ch, ch, 3, 3)).mul(0.05f);
                NDArray b = m.randomNormal(new Shape(ch));
                NDArray out = layer(m, Conv2d.same(ch, ch, 3), w, b).forward(x);
                NDArray plain = reference(x, w, b, 1, 1);
                NDArray gamma = m.randomNormal(new Shape(ch));
                NDArray beta = m.randomNormal(new Shape(ch));
                String where = ch + " channels at " + c[1] + "x" + c[1];
                assertTrue(maxDiff(FusedOps.groupNorm(out, 32, gamma, beta, 1e-5f),
                        FusedOps.groupNorm(plain, 32, gamma, beta, 1e-5f)) < 1e-4f, where);
                assertTrue(maxDiff(FusedOps.groupNormSilu(out, 32, gamma, beta, 1e-5f),
                        FusedOps.groupNormSilu(plain, 32, gamma, beta, 1e-5f)) < 1e-4f, where);
            }
        }
    }

    @Test
    void theWeightIsHeldOnceInItsPackedLayoutAndComesBackExactly() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getEngine("PyTorch").setRandomSeed(12);
            NDArray w = m.randomNormal(new Shape(32, 16, 3, 3));
            Conv2d conv = layer(m, Conv2d.same(16, 32, 3), w, m.zeros(new Shape(32)));
            Param weight = conv.parameters().get("weight");
            NDArray loaded = weight.held();
            NDArray x = m.randomNormal(new Shape(2, 16, 8, 8));
            NDArray first = conv.forward(x);
            Assumptions.assumeTrue(DnnOps.hasOneDnn(), "this libtorch has no oneDNN");
            assertNotSame(loaded, weight.held(), "held packed after the first call");
            assertTrue(loaded.isReleased(), "the plain copy is freed once packed: the model holds the weight once");
            NDArray plain = weight.get();
            assertTrue(plain.contentEquals(w));
            assertSame(plain, weight.held(), "read back, the weight is held plain again");
            assertTrue(conv.forward(x).contentEquals(first), "packed again on the next call, same result");
        }
    }

    @Test
    void anAdapterSwapGetsThePlainWeightAndItsUndoRestoresTheResultExactly() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getEngine("PyTorch").setRandomSeed(13);
            NDArray w = m.randomNormal(new Shape(16, 16, 3, 3)).mul(0.1f);
            Conv2d conv = layer(m, Conv2d.same(16, 16, 3), w, m.randomNormal(new Shape(16)));
            Param weight = conv.parameters().get("weight");
            NDArray x = m.randomNormal(new Shape(2, 16, 8, 8));
            NDArray before = conv.forward(x); // packs the weight
            NDArray patched = w.add(m.randomNormal(new Shape(16, 16, 3, 3)).mul(0.01f));
            NDArray expectedPatch = patched.duplicate();
            NDArray original = weight.swap(patched); // patched is the parameter's now
            assertTrue(original.contentEquals(w), "the swapped-out weight is plain and exact");
            NDArray during = conv.forward(x); // packs the patched weight
            assertTrue(maxDiff(during, before) > 1e-3f, "the patched weight is in use");
            NDArray back = weight.swap(original);
            assertTrue(back.contentEquals(expectedPatch), "the patched weight comes back plain too");
            back.close();
            assertTrue(conv.forward(x).contentEquals(before), "undone exactly");
        }
    }

    @Test
    void largeLinearLayersHoldPackedWeightsAndGiveLibtorchsResult() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getEngine("PyTorch").setRandomSeed(17);
            NDArray w = m.randomNormal(new Shape(640, 320)).mul(0.05f);
            NDArray b = m.randomNormal(new Shape(640));
            Linear layer = new Linear(320, 640);
            layer.parameters().get("weight").set(w.duplicate());
            layer.parameters().get("bias").set(b.duplicate());
            Param weight = layer.parameters().get("weight");
            NDArray loaded = weight.held();
            NDArray x = m.randomNormal(new Shape(2, 256, 320)); // 105 M multiply-adds: oneDNN's side of the cut
            NDArray out = layer.forward(x);
            NDArray expected = ai.djl.nn.core.Linear.linear(x, w, b).singletonOrThrow();
            assertTrue(maxDiff(out, expected) < 1e-4f, "max diff " + maxDiff(out, expected));
            Assumptions.assumeTrue(DnnOps.hasOneDnn(), "this libtorch has no oneDNN");
            assertNotSame(loaded, weight.held(), "held packed after the first call");
            assertTrue(loaded.isReleased(), "held once, packed");
            NDArray small = m.randomNormal(new Shape(1, 4, 320)); // a small product takes libtorch's linear
            assertTrue(maxDiff(layer.forward(small), ai.djl.nn.core.Linear.linear(small, w, b).singletonOrThrow()) < 1e-4f);
            assertTrue(weight.get().contentEquals(w), "the plain weight comes back exactly");
            assertTrue(layer.forward(x).contentEquals(out), "packed again, the same result");
        }
    }

    @Test
    void bf16ActivationsUsePackedBf16Weights() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getEngine("PyTorch").setRandomSeed(14);
            NDArray w = Precision.BF16.cast(m.randomNormal(new Shape(16, 8, 3, 3)).mul(0.1f));
            NDArray b = Precision.BF16.cast(m.randomNormal(new Shape(16)));
            NDArray x = Precision.BF16.cast(m.randomNormal(new Shape(2, 8, 12, 12)));
            Conv2d conv = layer(m, Conv2d.same(8, 16, 3), w, b);
            NDArray out = Precision.toFloat32(conv.forward(x));
            NDArray exact = reference(Precision.toFloat32(x), Precision.toFloat32(w), Precision.toFloat32(b), 1, 1);
            // bf16 products summed in fp32, rounded once to bf16 (8 significant bits)
            NDArray bound = exact.abs().mul(1f / 64).add(0.02f);
            assertTrue(out.sub(exact).abs().lte(bound).all().getBoolean(), "max diff " + maxDiff(out, exact));
            assertTrue(Precision.toFloat32(conv.parameters().get("weight").get()).contentEquals(Precision.toFloat32(w)));
        }
    }

    @Test
    void weightsThatRecordGradientsAreNeverPacked() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getEngine("PyTorch").setRandomSeed(15);
            NDArray w = m.randomNormal(new Shape(8, 8, 3, 3));
            Conv2d conv = Conv2d.same(8, 8, 3);
            conv.parameters().get("weight").set(w);
            conv.parameters().get("bias").set(m.zeros(new Shape(8)));
            w.setRequiresGradient(true); // a training run's parameter
            conv.forward(m.randomNormal(new Shape(1, 8, 6, 6)));
            assertSame(w, conv.parameters().get("weight").held(), "the optimiser's tensor stays the parameter");
        }
    }

    @Test
    void residualsAreAddedInPlaceToTheFusedKernelsOutputs() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getEngine("PyTorch").setRandomSeed(16);
            Conv2d conv = layer(m, Conv2d.same(4, 4, 3), m.randomNormal(new Shape(4, 4, 3, 3)), m.zeros(new Shape(4)));
            NDArray x = m.randomNormal(new Shape(1, 4, 5, 5));
            NDArray h = conv.forward(x); // an inference tensor: DJL's addi on it is refused by libtorch
            NDArray expected = h.add(x);
            NDArray sum = Ops.addInPlace(h, x);
            assertSame(h, sum);
            assertNotSame(expected, h);
            assertTrue(h.contentEquals(expected));
        }
    }
}
