package studio.engine.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.util.Map;
import org.junit.jupiter.api.Test;
import studio.engine.model.RandomInit;
import studio.engine.nn.Param;
import studio.engine.nn.vae.AutoencoderKL;

class TrainingStepTest {
    @Test
    void autoencoderLossFallsOnAFixedBatch() {
        try (NDManager m = NDManager.newBaseManager()) {
            AutoencoderKL vae = new AutoencoderKL(DefaultModelConfig.vae());
            RandomInit.initialise(vae, m, 3);
            Map<String, Param> params = vae.parameters();
            AdamW.requireGradients(params);
            Engine.getInstance().setRandomSeed(5);
            NDArray x = m.randomUniform(-1f, 1f, new ai.djl.ndarray.types.Shape(4, 3, 32, 32));
            float first = Float.NaN;
            float last = Float.NaN;
            try (AdamW adam = new AdamW(params, 0.9f, 0.99f, 1e-8f, 0f)) {
                for (int i = 0; i < 30; i++) {
                    try (NDScope scope = new NDScope()) {
                        NDArray loss;
                        long t0 = System.nanoTime();
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            loss = VaeLoss.of(vae, x, 1e-6f).total();
                            gc.backward(loss);
                        }
                        long t1 = System.nanoTime();
                        float norm = adam.update(1e-3f, 1f);
                        long t2 = System.nanoTime();
                        float l = loss.getFloat();
                        System.out.printf("step %d loss %.5f norm %.4f fwd+bwd %.1f ms update %.1f ms%n", i, l, norm,
                                (t1 - t0) / 1e6, (t2 - t1) / 1e6);
                        if (i == 0) {
                            first = l;
                        }
                        last = l;
                    }
                }
            }
            assertTrue(Float.isFinite(last) && last < first * 0.7f, "loss " + first + " -> " + last);
        }
    }
}
