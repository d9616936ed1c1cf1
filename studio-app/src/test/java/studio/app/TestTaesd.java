package studio.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import studio.engine.io.DType;
import studio.engine.io.SafetensorsWriter;
import studio.engine.nn.Module;
import studio.engine.nn.taesd.TaesdDecoder;

/** TAESD files for tests of the wiring (the numbers are checked by the engine's golden test). */
public final class TestTaesd {
    private TestTaesd() {
    }

    /** A decoder file in taesd.py's names with small random weights: any TAESD will do for wiring. */
    public static Path write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Module decoder = new TaesdDecoder(4);
        Random random = new Random(3);
        SafetensorsWriter w = new SafetensorsWriter();
        decoder.parameters().forEach((key, p) -> {
            long[] shape = p.shape().getShape();
            float[] v = new float[Math.toIntExact(p.shape().size())];
            double std = shape.length > 1 ? 1 / Math.sqrt(shape[1] * shape[2] * shape[3]) : 0.05;
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (random.nextGaussian() * std);
            }
            w.add(key, DType.F32, shape, v);
        });
        w.write(file);
        return file;
    }

}
