package studio.engine.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import studio.engine.api.InvalidRequestException;
import studio.engine.io.SafetensorsFile;
import studio.engine.io.TensorInfo;

/**
 * A textual-inversion embedding file: learned token vectors for one or two text encoders.
 * Formats (safetensors only; pickled .pt/.bin files are refused): {@code emb_params} [n, width]
 * (AUTOMATIC1111, SD 1.x: width 768, SD 2.x: 1024), {@code clip_l} [n, 768] with {@code clip_g}
 * [n, 1280] (SDXL: one set per encoder), or a file holding a single tensor (diffusers' learned concepts).
 *
 * @param vectors by encoder: "emb_params" (the one encoder of SD 1.x/2.x) or "clip_l" / "clip_g"
 */
public record EmbeddingFile(String name, Path path, Map<String, float[][]> vectors) {
    public static final String SINGLE = "emb_params";

    public static EmbeddingFile read(Path path) {
        String name = studio.engine.model.lora.LoraFile.stem(path);
        String lower = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".pt") || lower.endsWith(".bin") || lower.endsWith(".ckpt")) {
            throw new InvalidRequestException("embedding " + path.getFileName() + " is a pickled PyTorch file, which is not "
                    + "loaded: unpickling runs whatever code the file carries; use its .safetensors version");
        }
        if (!Files.isRegularFile(path)) {
            throw new InvalidRequestException("embedding file not found: " + path);
        }
        try (SafetensorsFile file = SafetensorsFile.open(path)) {
            List<TensorInfo> tensors = file.tensors();
            Map<String, float[][]> out = new LinkedHashMap<>();
            if (file.contains("clip_l") || file.contains("clip_g")) {
                if (!file.contains("clip_l") || !file.contains("clip_g")) {
                    throw new InvalidRequestException("embedding " + path.getFileName() + " has only one of clip_l and "
                            + "clip_g; an SDXL embedding needs both");
                }
                out.put("clip_l", rows(file, "clip_l", path));
                out.put("clip_g", rows(file, "clip_g", path));
            } else if (file.contains(SINGLE)) {
                out.put(SINGLE, rows(file, SINGLE, path));
            } else if (tensors.size() == 1) {
                out.put(SINGLE, rows(file, tensors.get(0).name(), path));
            } else {
                List<String> names = new ArrayList<>();
                tensors.forEach(t -> names.add(t.name()));
                throw new InvalidRequestException("embedding " + path.getFileName() + " holds no emb_params, clip_l/clip_g "
                        + "or single tensor, but " + names + "; it is not a textual-inversion embedding this studio reads");
            }
            return new EmbeddingFile(name, path, out);
        }
    }

    private static float[][] rows(SafetensorsFile file, String key, Path path) {
        long[] shape = file.info(key).shape();
        if (shape.length == 1) {
            shape = new long[] {1, shape[0]};
        }
        if (shape.length != 2 || shape[0] < 1) {
            throw new InvalidRequestException("embedding " + path.getFileName() + ": tensor '" + key + "' has shape "
                    + java.util.Arrays.toString(file.info(key).shape()) + ", expected [vectors, width]");
        }
        float[] flat = file.readFloats(key);
        float[][] out = new float[(int) shape[0]][(int) shape[1]];
        for (int i = 0; i < out.length; i++) {
            System.arraycopy(flat, i * out[i].length, out[i], 0, out[i].length);
            for (float v : out[i]) {
                if (!Float.isFinite(v)) {
                    throw new InvalidRequestException("embedding " + path.getFileName() + ": tensor '" + key
                            + "' holds NaN or infinite values; the file is damaged");
                }
            }
        }
        return out;
    }

    /** "SD 1.x", "SD 2.x", "SDXL" or a width, for messages. */
    public String family() {
        if (vectors.containsKey("clip_g")) {
            return "SDXL";
        }
        int width = vectors.get(SINGLE)[0].length;
        return width == 768 ? "SD 1.x" : width == 1024 ? "SD 2.x" : width + "-wide text encoders";
    }

    /**
     * The vectors for a text encoder of {@code width} on a model of {@code family}.
     *
     * @throws InvalidRequestException when the file is for another model family
     */
    public float[][] vectorsFor(int width, String modelFamily) {
        if (modelFamily.startsWith("SDXL") && vectors.containsKey("clip_g")) {
            // SDXL: clip_l for the first encoder (CLIP ViT-L, 768), clip_g for the second (bigG, 1280)
            for (String part : List.of("clip_l", "clip_g")) {
                if (vectors.get(part)[0].length == width) {
                    return vectors.get(part);
                }
            }
        }
        float[][] v = vectors.get(SINGLE);
        if (v == null || v[0].length != width) {
            // SDXL's clip_l is 768 wide like SD 1.x's encoder, but it was trained against another model: not used there.
            throw new InvalidRequestException("embedding '" + name + "' (" + path.getFileName() + ") was made for "
                    + family() + " models, but the model is " + modelFamily + " (text encoder width " + width
                    + "); use an embedding made for " + modelFamily);
        }
        return v;
    }
}
