package studio.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.api.InvalidRequestException;

/** A header can list many tensors in little space: the parser caps the count and stays compact. */
class SafetensorsHeaderLimitsTest {
    /** A header of {@code count} empty tensors: about 60 bytes of JSON each. */
    static byte[] manyTensors(int count) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("\"model.diffusion_model.t").append(i)
                    .append("\":{\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[0,0]}");
        }
        return json.append('}').toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void moreTensorsThanTheLimitAreRefused() {
        byte[] json = manyTensors(SafetensorsHeader.MAX_TENSORS + 1);
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> SafetensorsHeader.parse("many.safetensors", json, 0));
        assertEquals("many.safetensors: the header lists more than 100000 tensors; Stable Diffusion checkpoints "
                + "have a few thousand, so this file is corrupt or not a model", e.getMessage());
        assertEquals(SafetensorsHeader.MAX_TENSORS,
                SafetensorsHeader.parse("ok.safetensors", manyTensors(SafetensorsHeader.MAX_TENSORS), 0).tensors().size());
    }

    @Test
    void moreDimensionsThanTheLimitAreRefused() {
        String shape = "1,".repeat(SafetensorsHeader.MAX_RANK) + "1";
        byte[] json = ("{\"a\":{\"dtype\":\"U8\",\"shape\":[" + shape + "],\"data_offsets\":[0,1]}}")
                .getBytes(StandardCharsets.US_ASCII);
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> SafetensorsHeader.parse("deep.safetensors", json, 1));
        assertEquals("deep.safetensors: tensor 'a': shape has more than 16 dimensions", e.getMessage());
    }

    /**
     * A 50 MB header of 100,000 tensors with long names parses in a 150 MB heap. Decoding the whole
     * header into a String first (three copies of it alive at once) needed more.
     */
    @Test
    void aFiftyMegabyteHeaderParsesInAHundredAndFiftyMegabyteHeap(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("header.json");
        String longName = "x".repeat(440);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            out.write('{');
            for (int i = 0; i < SafetensorsHeader.MAX_TENSORS; i++) {
                out.write((i == 0 ? "\"" : ",\"") + longName + i + "\":{\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[0,0]}");
            }
            out.write('}');
        }
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP_MB + "m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), HeaderParseMain.class.getName(),
                file.toString()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), "header of " + Files.size(file) + " bytes: " + output);
    }

    private static final int HEAP_MB = 150;
}
