package studio.engine.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import studio.engine.model.Prediction;
import studio.engine.sampling.ModelFn;

/**
 * Deterministic DDIM (η = 0) in VP space with the original sampler's timesteps
 * {@code range(0, 1000, 1000/steps) + 1}; replaced by the sampling package's registry.
 */
final class InterimDdim {
    interface Step {
        void onStep(int i, int total, NDArray x, NDArray predictedX0);
    }

    private final double[] alphasCumprod = new double[1000];

    InterimDdim() {
        double start = Math.sqrt(0.00085);
        double end = Math.sqrt(0.012);
        double prod = 1;
        for (int i = 0; i < 1000; i++) {
            double b = start + (end - start) * i / 999.0;
            prod *= 1 - b * b;
            alphasCumprod[i] = prod;
        }
    }

    NDArray sample(ModelFn cfgModel, NDArray noise, NDArray context, int steps, Prediction prediction, Step listener) {
        int stride = 1000 / steps;
        int[] ts = new int[steps];
        for (int i = 0; i < steps; i++) {
            ts[i] = i * stride + 1;
        }
        NDArray x = noise;
        for (int i = steps - 1, done = 1; i >= 0; i--, done++) {
            try (NDScope scope = new NDScope()) {
                double a = alphasCumprod[ts[i]];
                double aPrev = i > 0 ? alphasCumprod[ts[i - 1]] : alphasCumprod[0];
                NDArray t = x.getManager().create(new float[] {ts[i]});
                NDArray out = cfgModel.apply(x, t, context);
                NDArray eps;
                NDArray x0;
                if (prediction == Prediction.V) {
                    eps = out.mul((float) Math.sqrt(a)).add(x.mul((float) Math.sqrt(1 - a)));
                    x0 = x.mul((float) Math.sqrt(a)).sub(out.mul((float) Math.sqrt(1 - a)));
                } else {
                    eps = out;
                    x0 = x.sub(eps.mul((float) Math.sqrt(1 - a))).div((float) Math.sqrt(a));
                }
                NDArray next = x0.mul((float) Math.sqrt(aPrev)).add(eps.mul((float) Math.sqrt(1 - aPrev)));
                listener.onStep(done, steps, next, x0);
                NDScope.unregister(next);
                x = next;
            }
        }
        return x;
    }
}
