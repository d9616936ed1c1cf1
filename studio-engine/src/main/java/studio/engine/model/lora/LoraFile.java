package studio.engine.model.lora;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import studio.engine.api.InvalidRequestException;
import studio.engine.io.SafetensorsFile;
import studio.engine.io.TensorInfo;

/**
 * A LoRA file's layers, read from its header: each layer's flat module name (see {@link LoraNames#flat})
 * with the keys of its down and up factors and alpha. Tensor data is read only when the layer is applied.
 *
 * <p>Formats: kohya-ss / AUTOMATIC1111 ({@code lora_unet_…} / {@code lora_te_…} with
 * {@code .lora_down.weight}, {@code .lora_up.weight}, {@code .alpha}), PEFT / diffusers
 * ({@code unet.….lora_A.weight} / {@code lora_B.weight}) and diffusers' older attention-processor
 * names ({@code ….processor.to_q_lora.down.weight} / {@code .up.weight}). LoCon layers are the same
 * pair with a k×k convolution as down and a 1×1 as up.
 */
public final class LoraFile {
    /** Keys listed by name in a message; the rest are counted. */
    static final int LISTED = 5;

    /** One low-rank layer: delta = up · down × alpha / rank. */
    public record Layer(String module, String downKey, long[] downShape, String upKey, long[] upShape, String alphaKey) {
        public long rank() {
            return downShape[0];
        }
    }

    private static final String[][] FACTORS = {
        {".lora_down.weight", ".lora_up.weight"},
        {".lora_A.weight", ".lora_B.weight"},
        {".down.weight", ".up.weight"},
    };

    private final Path path;
    private final String name;
    private final Map<String, String> metadata;
    private final List<Layer> layers;
    private final List<String> unreadable;

    private LoraFile(Path path, Map<String, String> metadata, List<Layer> layers, List<String> unreadable) {
        this.path = path;
        this.name = stem(path);
        this.metadata = metadata;
        this.layers = layers;
        this.unreadable = unreadable;
    }

    /** The file name without its extension: the NAME of {@code <lora:NAME:WEIGHT>}. */
    public static String stem(Path path) {
        String file = path.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    /**
     * Reads the header of a LoRA file and groups its keys into layers.
     *
     * @throws InvalidRequestException for a pickled file, a missing file, a broken header, a layer
     *         with one factor only or factors whose ranks disagree
     */
    public static LoraFile read(Path path) {
        String lower = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".pt") || lower.endsWith(".ckpt") || lower.endsWith(".bin") || lower.endsWith(".pth")) {
            throw new InvalidRequestException("LoRA " + path.getFileName() + " is a pickled PyTorch file, which is not "
                    + "loaded: unpickling runs whatever code the file carries; use the .safetensors version of it");
        }
        if (!lower.endsWith(".safetensors")) {
            throw new InvalidRequestException("LoRA " + path + " is not a .safetensors file");
        }
        if (!Files.isRegularFile(path)) {
            throw new InvalidRequestException("LoRA file not found: " + path);
        }
        try (SafetensorsFile file = SafetensorsFile.open(path)) {
            Map<String, long[]> shapes = new TreeMap<>();
            for (TensorInfo t : file.tensors()) {
                shapes.put(t.name(), t.shape());
            }
            return group(path, file.metadata(), shapes);
        }
    }

    static LoraFile group(Path path, Map<String, String> metadata, Map<String, long[]> shapes) {
        String what = "LoRA " + path.getFileName();
        Map<String, Layer> layers = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        java.util.Set<String> usedAlphas = new java.util.HashSet<>();
        for (String key : shapes.keySet()) {
            String[] pair = factorPair(key);
            if (pair == null) {
                if (!key.endsWith(".alpha")) {
                    unreadable.add(key);
                }
                continue;
            }
            if (!key.endsWith(pair[0])) {
                continue; // the up factor: found from its down factor
            }
            String module = key.substring(0, key.length() - pair[0].length());
            String upKey = module + pair[1];
            if (!shapes.containsKey(upKey)) {
                throw new InvalidRequestException(what + ": layer " + module + " has a down factor but no " + upKey
                        + "; the file is incomplete");
            }
            long[] down = shapes.get(key);
            long[] up = shapes.get(upKey);
            if ((down.length != 2 && down.length != 4) || (up.length != 2 && up.length != 4) || up[1] != down[0]
                    || (up.length == 4 && (up[2] != 1 || up[3] != 1))) {
                throw new InvalidRequestException(what + ": layer " + module + " has factors of shapes "
                        + Arrays.toString(down) + " (down) and " + Arrays.toString(up) + " (up), which do not make a "
                        + "low-rank update (down [rank, in(, k, k)], up [out, rank(, 1, 1)])");
            }
            String flat = LoraNames.flat(module);
            if (flat == null) {
                unreadable.add(key);
                continue;
            }
            String alpha = shapes.containsKey(module + ".alpha") ? module + ".alpha" : null;
            usedAlphas.add(alpha);
            if (layers.put(flat, new Layer(flat, key, down, upKey, up, alpha)) != null) {
                throw new InvalidRequestException(what + ": layer " + flat + " appears twice under different names");
            }
        }
        for (String key : shapes.keySet()) {
            if (key.endsWith(".alpha") && !usedAlphas.contains(key)) {
                unreadable.add(key); // an alpha whose layer has no factors
            }
        }
        if (layers.isEmpty()) {
            throw new InvalidRequestException(what + " holds no LoRA layers (no lora_down/lora_up, lora_A/lora_B or "
                    + "down/up weight pairs among its " + shapes.size() + " tensors"
                    + (unreadable.isEmpty() ? "" : ", e.g. " + listed(unreadable)) + "); LoHa, LoKr and full-weight "
                    + "files are not supported");
        }
        return new LoraFile(path, metadata, List.copyOf(layers.values()), List.copyOf(unreadable));
    }

    private static String[] factorPair(String key) {
        for (String[] pair : FACTORS) {
            if (key.endsWith(pair[0]) || key.endsWith(pair[1])) {
                return pair;
            }
        }
        return null;
    }

    /** "a, b, c and 12 more". */
    static String listed(List<String> items) {
        String head = String.join(", ", items.subList(0, Math.min(LISTED, items.size())));
        return items.size() > LISTED ? head + " and " + (items.size() - LISTED) + " more" : head;
    }

    public Path path() {
        return path;
    }

    public String name() {
        return name;
    }

    public List<Layer> layers() {
        return layers;
    }

    /** Keys that belong to no low-rank layer (LoHa's hada_w1_a, a LoCon's lora_mid, …): refused when applied. */
    public List<String> unreadableKeys() {
        return unreadable;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * The model family the file was trained for, from its metadata or its names and shapes: "SD 1.x",
     * "SD 2.x", "SDXL", or null when nothing tells (tiny test models, files without metadata that touch
     * no cross-attention).
     */
    public String family() {
        String base = metadata.getOrDefault("ss_base_model_version", "") + " "
                + metadata.getOrDefault("modelspec.architecture", "");
        base = base.toLowerCase(Locale.ROOT);
        if (base.contains("sdxl") || base.contains("-xl-")) {
            return "SDXL";
        }
        if (base.contains("sd_v2") || base.contains("stable-diffusion-v2") || "True".equals(metadata.get("ss_v2"))) {
            return "SD 2.x";
        }
        if (base.contains("sd_v1") || base.contains("stable-diffusion-v1")) {
            return "SD 1.x";
        }
        for (Layer l : layers) {
            if (l.module().startsWith("lora_te1_") || l.module().startsWith("lora_te2_")) {
                return "SDXL";
            }
        }
        for (Layer l : layers) {
            if (l.module().endsWith("attn2_to_k") && l.downShape().length == 2) {
                long context = l.downShape()[1];
                if (context == 768) {
                    return "SD 1.x";
                }
                if (context == 1024) {
                    return "SD 2.x";
                }
                if (context == 2048) {
                    return "SDXL";
                }
            }
        }
        return null;
    }
}
