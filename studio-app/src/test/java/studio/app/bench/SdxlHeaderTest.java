package studio.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.app.CliResult;
import studio.engine.io.SafetensorsFile;
import studio.engine.io.TensorInfo;

/**
 * The bench's zero-weight SDXL file has exactly the real SDXL base keys and shapes (the engine's
 * golden/sdxl_keys.json, from sgm), and {@code studio info} names it SDXL with the base configuration.
 */
class SdxlHeaderTest {
    @TempDir
    Path dir;

    @Test
    void realKeysAndShapesAndInfoSaysSdxl() throws Exception {
        Path file = SdxlHeader.ensure(dir);
        Map<String, String> ours = new TreeMap<>();
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            for (TensorInfo t : f.tensors()) {
                ours.put(t.name(), Arrays.toString(t.shape()));
            }
        }
        JsonObject keys = JsonParser.parseString(Files.readString(Path.of("..", "studio-engine", "src", "test",
                "resources", "golden", "sdxl_keys.json"))).getAsJsonObject();
        Map<String, String> real = new TreeMap<>();
        for (Map.Entry<String, JsonElement> e : keys.entrySet()) {
            if (!e.getKey().equals("__metadata__") && !e.getKey().endsWith("position_ids")) {
                long[] shape = new com.google.gson.Gson().fromJson(e.getValue().getAsJsonObject().get("shape"), long[].class);
                real.put(e.getKey(), Arrays.toString(shape));
            }
        }
        assertEquals(real, ours);

        CliResult r = CliResult.run("info", "--model", file.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("family:      SDXL\n") || r.out().contains("family:      SDXL\r\n"), r.out());
        assertTrue(r.out().contains("depth=[0, 2, 10] middle 10, context=2048, linearProj=true, adm=2816"), r.out());
        assertTrue(r.out().contains("latent scale 0.13025"), r.out());
        assertTrue(r.out().contains("text 2:"), r.out());
    }
}
