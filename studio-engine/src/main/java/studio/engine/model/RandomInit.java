package studio.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Map;
import studio.engine.nn.Module;
import studio.engine.nn.Param;

/**
 * Seeded initialisation for models built from scratch (training, test models): normal
 * weights scaled by 1/√fan-in, norm scales 1, biases 0. Same seed → same weights, bit for bit.
 */
public final class RandomInit {
    private RandomInit() {
    }

    public static void initialise(Module module, NDManager manager, long seed) {
        JniUtils.setSeed(seed);
        for (Map.Entry<String, Param> e : module.parameters().entrySet()) {
            e.getValue().set(initial(e.getKey(), e.getValue().shape(), manager));
        }
    }

    private static NDArray initial(String key, Shape shape, NDManager manager) {
        boolean bias = key.endsWith("bias");
        if (shape.dimension() <= 1) {
            boolean scaleOfNorm = key.endsWith("weight") && !bias;
            return scaleOfNorm ? manager.ones(shape) : manager.zeros(shape);
        }
        if (key.contains("embedding")) {
            return manager.randomNormal(0f, 0.02f, shape, ai.djl.ndarray.types.DataType.FLOAT32);
        }
        long fanIn = shape.size() / shape.get(0);
        float std = (float) (1.0 / Math.sqrt(fanIn));
        return manager.randomNormal(0f, std, shape, ai.djl.ndarray.types.DataType.FLOAT32);
    }
}
