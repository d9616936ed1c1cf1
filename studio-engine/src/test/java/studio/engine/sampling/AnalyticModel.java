package studio.engine.sampling;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * The deterministic stand-in network of tools/reference/samplers_reference.py:
 * out = tanh(0.9·x + 0.6·t/1000 + c) − 0.3·c·tanh(flip_channels(x)), with c the mean of the context.
 * Depends on the input scale, the timestep and the context, and mixes channels, so any error in
 * c_in, t(σ), guidance or the update rules shows in the result. Records the batch of every call.
 */
final class AnalyticModel implements ModelFn {

    final List<Long> callBatches = new ArrayList<>();
    final List<Float> callTimesteps = new ArrayList<>();

    @Override
    public NDArray apply(NDArray x, NDArray timesteps, NDArray context) {
        callBatches.add(x.getShape().get(0));
        callTimesteps.add(timesteps.toFloatArray()[0]);
        NDArray c = context.reshape(context.getShape().get(0), -1).mean(new int[] {1}).reshape(-1, 1, 1, 1);
        NDArray t = timesteps.reshape(-1, 1, 1, 1).div(1000f);
        NDArray inner = x.mul(0.9f).add(t.mul(0.6f)).add(c).tanh();
        return inner.sub(c.mul(0.3f).mul(x.flip(1).tanh()));
    }

    int calls() {
        return callBatches.size();
    }
}
