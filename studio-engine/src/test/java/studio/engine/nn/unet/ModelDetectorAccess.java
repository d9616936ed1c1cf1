package studio.engine.nn.unet;

import com.google.gson.JsonParser;
import java.util.HashMap;
import java.util.Map;
import studio.engine.model.ModelDetector;
import studio.engine.testing.Golden;

/** The U-Net config as the detector infers it from a golden checkpoint's names and shapes. */
final class ModelDetectorAccess {
    private ModelDetectorAccess() {
    }

    static UNetConfig unet(Golden.File ckpt) {
        Map<String, long[]> shapes = new HashMap<>();
        ckpt.tensors().forEach((k, t) -> shapes.put(k, t.shape()));
        String json = ckpt.meta("studio.config");
        return ModelDetector.detectUNet(shapes, json == null ? null : JsonParser.parseString(json).getAsJsonObject());
    }
}
