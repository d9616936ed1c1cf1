package studio.engine.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import studio.engine.nn.Module;
import studio.engine.nn.Param;

/** Fills a module from a golden checkpoint by its canonical key names, and turns golden tensors into NDArrays. */
public final class GoldenWeights {
    private GoldenWeights() {
    }

    /** Every parameter of the module must exist under {@code prefix} with the same shape. */
    public static <M extends Module> M fill(M module, Golden.File checkpoint, String prefix, NDManager manager) {
        for (Map.Entry<String, Param> e : module.parameters().entrySet()) {
            Golden.Tensor t = checkpoint.get(prefix + e.getKey());
            e.getValue().set(manager.create(t.floats(), new Shape(t.shape())));
        }
        return module;
    }

    public static NDArray array(Golden.File file, String name, NDManager manager) {
        Golden.Tensor t = file.get(name);
        return t.floats() != null ? manager.create(t.floats(), new Shape(t.shape()))
                : manager.create(t.longs(), new Shape(t.shape()));
    }

    public static Golden.File io(String name) {
        return Golden.read(Golden.blocks(name + ".io.safetensors"));
    }

    public static Golden.File checkpointOf(Golden.File io) {
        return Golden.read(Golden.blocks(io.meta("studio.checkpoint")));
    }
}
