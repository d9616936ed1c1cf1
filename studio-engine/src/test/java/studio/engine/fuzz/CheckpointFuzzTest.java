package studio.engine.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static studio.engine.fuzz.FuzzValues.pick;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.engine.model.CheckpointLoader;
import studio.engine.model.ModelDetector;
import studio.engine.model.TensorSource;
import studio.engine.testing.Golden;

/**
 * Seeded fuzzing of what a checkpoint can carry: safetensors headers (structure and bytes), the
 * {@code studio.config} metadata and shapes detection reads, and diffusers config files. Every case
 * must end in success or a clean refusal (see {@link FuzzHarness}), within its time limit.
 */
class CheckpointFuzzTest {
    private static final long SEED = 20L;
    private static final long CASE_TIMEOUT_MS = 10_000;
    private static final List<String> IMPORTANT = List.of(
            "model.diffusion_model.input_blocks.0.0.weight",
            "model.diffusion_model.input_blocks.1.1.transformer_blocks.0.attn2.to_k.weight",
            "model.diffusion_model.input_blocks.1.1.proj_in.weight",
            "model.diffusion_model.input_blocks.1.0.in_layers.2.weight",
            "model.diffusion_model.out.2.weight",
            "model.diffusion_model.middle_block.1.proj_in.weight",
            "first_stage_model.encoder.conv_in.weight",
            "first_stage_model.encoder.down.0.block.0.conv1.weight",
            "first_stage_model.decoder.conv_in.weight",
            "first_stage_model.post_quant_conv.weight",
            "cond_stage_model.transformer.text_model.embeddings.token_embedding.weight",
            "cond_stage_model.transformer.text_model.embeddings.position_embedding.weight");

    @TempDir
    Path dir;

    /** One tensor of a header under construction. */
    private static final class Tensor {
        String name;
        String dtype;
        long[] shape;

        Tensor(String name, String dtype, long[] shape) {
            this.name = name;
            this.dtype = dtype;
            this.shape = shape;
        }
    }

    private static List<Tensor> sd15() throws IOException {
        JsonObject keys = JsonParser.parseString(Files.readString(Golden.root().resolve("sd15_keys.json"))).getAsJsonObject();
        List<Tensor> tensors = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : keys.entrySet()) {
            if (!e.getKey().equals("__metadata__")) {
                JsonObject t = e.getValue().getAsJsonObject();
                var dims = t.getAsJsonArray("shape");
                long[] shape = new long[dims.size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = dims.get(i).getAsLong();
                }
                tensors.add(new Tensor(e.getKey(), t.get("dtype").getAsString(), shape));
            }
        }
        return tensors;
    }

    private static long[] randomShape(Random r) {
        long[] shape = new long[r.nextInt(6)];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = pick(r, FuzzValues.DIMS);
        }
        return shape;
    }

    private static Tensor target(Random r, List<Tensor> tensors) {
        if (r.nextBoolean()) {
            String name = pick(r, IMPORTANT);
            for (Tensor t : tensors) {
                if (t.name.equals(name)) {
                    return t;
                }
            }
        }
        return tensors.get(r.nextInt(tensors.size()));
    }

    private static void mutate(Random r, List<Tensor> tensors) {
        Tensor t = target(r, tensors);
        switch (r.nextInt(6)) {
            case 0 -> t.shape = randomShape(r);
            case 1 -> tensors.remove(t);
            case 2 -> t.dtype = pick(r, FuzzValues.DTYPES);
            case 3 -> tensors.add(new Tensor(t.name, t.dtype, t.shape.clone()));
            case 4 -> t.name = t.name + pick(r, List.of("\u0000", "\"", "\\", "\u732b", " ", ".1"));
            default -> {
                long[] shape = t.shape.clone();
                if (shape.length > 0) {
                    shape[r.nextInt(shape.length)] = pick(r, FuzzValues.DIMS);
                }
                t.shape = shape;
            }
        }
    }

    private static long byteSize(Tensor t) {
        long n = switch (t.dtype) {
            case "F32", "I32" -> 4;
            case "I64", "F64" -> 8;
            case "U8", "I8", "BOOL", "F8_E4M3" -> 1;
            default -> 2;
        };
        for (long d : t.shape) {
            n = d != 0 && n > Long.MAX_VALUE / 8 / d ? Long.MAX_VALUE / 8 : n * d;
        }
        return n;
    }

    /** A checkpoint file: header from the tensors and metadata, data region sparse; returns the file. */
    private Path write(Random r, int index, List<Tensor> tensors, Map<String, String> metadata) throws IOException {
        StringBuilder json = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            json.append("\"__metadata__\":{");
            boolean first = true;
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                json.append(first ? "" : ",").append(new JsonPrimitive(e.getKey())).append(':')
                        .append(new JsonPrimitive(e.getValue()));
                first = false;
            }
            json.append('}');
        }
        long offset = 0;
        int overlapping = r.nextInt(10) == 0 ? r.nextInt(tensors.size()) : -1;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            long size = byteSize(t);
            long begin = i == overlapping ? Math.max(0, offset - 2) : offset;
            json.append(json.length() > 1 ? "," : "").append(new JsonPrimitive(t.name)).append(":{\"dtype\":")
                    .append(new JsonPrimitive(t.dtype)).append(",\"shape\":").append(java.util.Arrays.toString(t.shape))
                    .append(",\"data_offsets\":[").append(begin).append(',').append(begin + size).append("]}");
            offset = begin + size;
        }
        byte[] header = json.append('}').toString().getBytes(StandardCharsets.UTF_8);
        if (r.nextInt(7) == 0) { // damage the bytes themselves
            int at = r.nextInt(header.length);
            if (r.nextBoolean()) {
                header[at] = (byte) r.nextInt(256);
            } else {
                header = java.util.Arrays.copyOf(header, at);
            }
        }
        long length = r.nextInt(20) == 0 ? pick(r, List.of(0L, -1L, 1L << 40, (long) header.length + 1)) : header.length;
        Path file = dir.resolve("case" + index + ".safetensors");
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(length).array());
            out.write(header);
            out.setLength(8 + header.length + Math.max(0, Math.min(offset, 1L << 36))); // sparse: no disk used
        }
        return file;
    }

    @Test
    void safetensorsHeadersAndShapes() throws Exception {
        Random r = new Random(SEED);
        List<Tensor> base = sd15();
        try (FuzzHarness h = new FuzzHarness(CASE_TIMEOUT_MS)) {
            for (int i = 0; i < 120; i++) {
                List<Tensor> tensors = new ArrayList<>();
                base.forEach(t -> tensors.add(new Tensor(t.name, t.dtype, t.shape.clone())));
                int mutations = r.nextInt(4);
                for (int m = 0; m < mutations; m++) {
                    mutate(r, tensors);
                }
                Map<String, String> metadata = new LinkedHashMap<>();
                if (r.nextInt(3) == 0) {
                    metadata.put("studio.config", FuzzValues.studioConfig(r));
                }
                if (r.nextInt(8) == 0) {
                    metadata.put("studio.latent_scale", pick(r, FuzzValues.SCALES));
                }
                Path file = write(r, i, tensors, metadata);
                h.run("header case " + i, () -> {
                    try (TensorSource source = CheckpointLoader.open(file)) {
                        return CheckpointLoader.detect(source, null);
                    }
                });
                Files.delete(file);
            }
            report(h, "safetensors headers");
        }
    }

    @Test
    void studioConfigMetadataAndShapes() throws Exception {
        Random r = new Random(SEED + 1);
        Map<String, long[]> base = new HashMap<>();
        sd15().forEach(t -> base.put(t.name, t.shape));
        try (FuzzHarness h = new FuzzHarness(CASE_TIMEOUT_MS)) {
            for (int i = 0; i < 120; i++) {
                Map<String, long[]> shapes = new HashMap<>(base);
                if (r.nextInt(3) == 0) {
                    shapes.put(pick(r, IMPORTANT), randomShape(r));
                }
                Map<String, String> metadata = new HashMap<>();
                metadata.put("studio.config", FuzzValues.studioConfig(r));
                if (r.nextInt(5) == 0) {
                    metadata.put("studio.latent_scale", pick(r, FuzzValues.SCALES));
                }
                if (r.nextInt(10) == 0) {
                    metadata.put("prediction_type", pick(r, List.of("v_prediction", "", "epsilon", "x")));
                }
                h.run("config case " + i, () -> ModelDetector.detect(shapes, metadata, null));
            }
            report(h, "studio.config metadata");
        }
    }

    @Test
    void diffusersConfigFiles() throws Exception {
        Random r = new Random(SEED + 2);
        Path model = copy(Golden.blocks("tiny-sd1-diffusers"), dir.resolve("tiny"));
        List<String> configs = List.of("unet/config.json", "vae/config.json", "text_encoder/config.json",
                "scheduler/scheduler_config.json");
        try (FuzzHarness h = new FuzzHarness(CASE_TIMEOUT_MS)) {
            for (int i = 0; i < 40; i++) {
                Path config = model.resolve(pick(r, configs));
                String original = Files.readString(config);
                Files.writeString(config, r.nextInt(8) == 0 ? pick(r, FuzzValues.BROKEN_JSON) : replaceAValue(r, original));
                h.run("diffusers case " + i, () -> {
                    try (TensorSource source = CheckpointLoader.open(model)) {
                        return CheckpointLoader.detect(source, null);
                    }
                });
                Files.writeString(config, original);
            }
            report(h, "diffusers configs");
        }
    }

    /** The config with one of its values (after a key) replaced by a hostile one. */
    private static String replaceAValue(Random r, String json) {
        List<int[]> values = new ArrayList<>();
        var m = java.util.regex.Pattern.compile("\": ([^,\\n]+)").matcher(json);
        while (m.find()) {
            values.add(new int[] {m.start(1), m.end(1)});
        }
        int[] v = values.get(r.nextInt(values.size()));
        return json.substring(0, v[0]) + pick(r, FuzzValues.JSON_VALUES) + json.substring(v[1]);
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }

    static void report(FuzzHarness h, String what) {
        System.out.println(h.summary(what));
        assertEquals(List.of(), h.bad(), h.summary(what));
        assertTrue(h.accepted() > 0 && h.refused() > 0, "the cases reach both outcomes: " + h.summary(what));
    }
}
